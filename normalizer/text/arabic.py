"""Arabic orthography: one function per phenomenon, composed by :func:`fold_arabic`.

This is the only module that imports camel-tools and pyarabic, and only when a step first
runs: camel-tools builds its character sets at import (about a second). The steps run on
single code points (see :func:`normalizer.text.fold.fold`), so a step that changes length
(a lam-alef ligature becomes two letters, a harakah disappears) never shifts an offset; and
so the whole fold of every code point an Arabic word can hold is one table
(:func:`code_point_tables`), computed once with these steps and kept in the disk cache.
"""

from __future__ import annotations

import json
import os
import tempfile
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from normalizer.text.scripts import ARABIC_BLOCKS, IN_WORD_CONTROLS
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
    from camel_tools.utils.dediac import dediac_ar

    s = dediac_ar(s)
    return "".join(ch for ch in s if unicodedata.category(ch) != "Mn")


def strip_tatweel(s: str) -> str:
    """Remove tatweel (kashida) used for justification (pyarabic).

    >>> strip_tatweel("كـــاظمي")
    'كاظمي'
    """
    import pyarabic.araby as araby

    return str(araby.strip_tatweel(s))


def unify_alef(s: str) -> str:
    """Alef with hamza above or below and alef with madda to bare alef (camel-tools).

    >>> unify_alef("أإآ")
    'ااا'
    """
    from camel_tools.utils.normalize import normalize_alef_ar

    return str(normalize_alef_ar(s))


def unify_alef_maksura(s: str) -> str:
    """Alef maksura to yeh (camel-tools); on its own this makes على "on" equal علي "Ali",
    which is why matching keeps a stop list compared before this step.

    >>> unify_alef_maksura("مصطفى")
    'مصطفي'
    """
    from camel_tools.utils.normalize import normalize_alef_maksura_ar

    return str(normalize_alef_maksura_ar(s))


def unify_teh_marbuta(s: str) -> str:
    """Teh marbuta to heh (camel-tools).

    >>> unify_teh_marbuta("كتيبة")
    'كتيبه'
    """
    from camel_tools.utils.normalize import normalize_teh_marbuta_ar

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


def arabic_word_code_points() -> list[str]:
    """Every code point an Arabic word token can hold: the Arabic blocks and the controls."""
    return [chr(cp) for lo, hi in ARABIC_BLOCKS for cp in range(lo, hi + 1)] + list(
        IN_WORD_CONTROLS
    )


def compute_code_point_tables() -> tuple[dict[str, str], dict[str, str]]:
    """:func:`fold_arabic` and :func:`light_fold_arabic` of every Arabic word code point."""
    chars = arabic_word_code_points()
    return {c: fold_arabic(c) for c in chars}, {c: light_fold_arabic(c) for c in chars}


@cache
def code_point_tables() -> tuple[dict[str, str], dict[str, str]]:
    """The per-code-point fold and light fold, read from the disk cache when it has them
    (so folding does not import camel-tools), else computed and written there."""
    from normalizer.lexicon.cache import cache_dir, code_version

    folder = cache_dir()
    path = folder / f"arabic-{code_version()[:32]}.json" if folder is not None else None
    if path is not None:
        try:
            fold, light = json.loads(path.read_text("utf-8"))
            return dict(fold), dict(light)
        except (OSError, ValueError):
            pass  # absent or damaged: compute
    tables = compute_code_point_tables()
    if path is not None:
        _write_json(path, tables)
    return tables


def _write_json(path: Path, data: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        pass  # no cache: computed again next time
