"""Arabic orthography: one function per phenomenon, composed by :func:`fold_arabic`.

This is the only module that imports camel-tools and pyarabic. The steps run on single
code points (see :func:`normalizer.text.fold.fold`), so a step that changes length
(a lam-alef ligature becomes two letters, a harakah disappears) never shifts an offset.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import pyarabic.araby as araby
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

from normalizer.text.scripts import IN_WORD_CONTROLS
from normalizer.text.tables import char_table


def expand_presentation_forms(s: str) -> str:
    """Presentation forms and ligatures to base letters (NFKC).

    >>> expand_presentation_forms("\\ufefb")  # ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM
    'لا'
    """
    return unicodedata.normalize("NFKC", s)


def strip_controls(s: str) -> str:
    """Remove invisible joiners and bidi marks (ZWNJ, ZWJ, LRM, RLM, ALM).

    >>> strip_controls("خامنه\\u200cای")
    'خامنهای'
    """
    return "".join(ch for ch in s if ch not in IN_WORD_CONTROLS)


def strip_harakat(s: str) -> str:
    """Remove harakat, tanween, shadda, sukun, dagger alef (camel-tools) and other marks.

    >>> strip_harakat("مُصْطَفَى الكَاظِمِيّ")
    'مصطفى الكاظمي'
    """
    s = dediac_ar(s)
    return "".join(ch for ch in s if unicodedata.category(ch) != "Mn")


def strip_tatweel(s: str) -> str:
    """Remove tatweel (kashida) used for justification (pyarabic).

    >>> strip_tatweel("كـــاظمي")
    'كاظمي'
    """
    return str(araby.strip_tatweel(s))


def unify_alef(s: str) -> str:
    """Alef with hamza above or below and alef with madda to bare alef (camel-tools).

    >>> unify_alef("أإآ")
    'ااا'
    """
    return str(normalize_alef_ar(s))


def unify_alef_maksura(s: str) -> str:
    """Alef maksura to yeh (camel-tools); on its own this makes على "on" equal علي "Ali",
    which is why matching keeps a stop list compared before this step.

    >>> unify_alef_maksura("مصطفى")
    'مصطفي'
    """
    return str(normalize_alef_maksura_ar(s))


def unify_teh_marbuta(s: str) -> str:
    """Teh marbuta to heh (camel-tools).

    >>> unify_teh_marbuta("كتيبة")
    'كتيبه'
    """
    return str(normalize_teh_marbuta_ar(s))


def unify_letters(s: str) -> str:
    """Persian/Urdu letters, hamza carriers and alef wasla by ``tables/arabic_letters.tsv``.

    >>> unify_letters("سلیمانی عصائب")
    'سليماني عصايب'
    """
    table = char_table("arabic_letters.tsv")
    return "".join(table.get(ch, ch) for ch in s)


def ascii_digits(s: str) -> str:
    """Arabic-Indic and Persian digits to ASCII digits.

    >>> ascii_digits("٢٠٢١ ۱۴")
    '2021 14'
    """
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in s)


def light_fold_arabic(s: str) -> str:
    """Remove only what carries no letter identity: controls, marks, tatweel.

    Used for the stop list, which must tell على from علي.

    >>> light_fold_arabic("عَلَى")
    'على'
    """
    return strip_tatweel(strip_harakat(strip_controls(expand_presentation_forms(s))))


@lru_cache(maxsize=4096)
def fold_arabic(s: str) -> str:
    """The full Arabic fold, in this order: presentation forms, controls, harakat, tatweel,
    alef, hamza carriers and Persian letters, alef maksura, teh marbuta, digits.

    >>> fold_arabic("إلى") == fold_arabic("الي")
    True
    >>> fold_arabic("الكاظمــيُّ")
    'الكاظمي'
    """
    s = light_fold_arabic(s)
    s = unify_alef(s)
    s = unify_letters(s)
    s = unify_alef_maksura(s)
    s = unify_teh_marbuta(s)
    return ascii_digits(s)
