"""Which characters belong to words, and in which script.

Python's ``\\w`` is wrong for Arabic: harakat (category Mn) are not word characters, so
``(?<!\\w)`` boundaries cut a vowelled word in two. The token pattern here treats Arabic
letters, marks, tatweel, Arabic-Indic digits and in-word invisible controls as one word, and
splits a token wherever the script changes, so a mixed line folds each run by its own script.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

ARABIC_BLOCKS: tuple[tuple[int, int], ...] = (
    (0x0600, 0x06FF),  # Arabic
    (0x0750, 0x077F),  # Arabic Supplement
    (0x0870, 0x089F),  # Arabic Extended-B
    (0x08A0, 0x08FF),  # Arabic Extended-A
    (0xFB50, 0xFDFF),  # Arabic Presentation Forms-A
    (0xFE70, 0xFEFE),  # Arabic Presentation Forms-B (U+FEFF, the BOM, excluded)
)

#: Invisible format controls that may sit inside an Arabic word without ending it.
ZWNJ = "\u200c"
IN_WORD_CONTROLS = (
    "\u200c"  # ZERO WIDTH NON-JOINER (Persian خامنه‌ای)
    "\u200d"  # ZERO WIDTH JOINER
    "\u200e"  # LEFT-TO-RIGHT MARK
    "\u200f"  # RIGHT-TO-LEFT MARK
    "\u061c"  # ARABIC LETTER MARK
)

#: Signs used inside Latin words for ayn and hamza (Asa'ib, Kaʿbi, Ja’fari).
APOSTROPHES = "'\u2019\u2018`\u00b4\u2032\u02bc"

#: Separators across which a multi-word name may continue: white space and hyphens, and an
#: apostrophe that ends a word for hamza or ayn ("Abu Ala' al-Wala'i").
JOINER_RE = re.compile(r"['\u2019\u02bc]?[\s\-\u2010\u2011\u00a0\u200c]+")


def is_arabic(ch: str) -> bool:
    """True for a code point in one of the Arabic blocks.

    >>> is_arabic("ك"), is_arabic("k")
    (True, False)
    """
    return _arabic_re().match(ch) is not None


def has_arabic(text: str) -> bool:
    """True when any code point of ``text`` is in one of the Arabic blocks.

    >>> has_arabic("PM الكاظمي"), has_arabic("PM Kazemi")
    (True, False)
    """
    return _arabic_re().search(text) is not None


def first_letter_arabic(text: str) -> bool:
    """True when the first letter of ``text`` is Arabic script.

    >>> first_letter_arabic("«الكاظمي» Kazemi"), first_letter_arabic("1 Kazemi الكاظمي")
    (True, False)
    """
    m = _LETTER_RE.search(text)
    return m is not None and is_arabic(m.group())


_LETTER_RE = re.compile(r"[^\W\d_]")


def _arabic_class() -> str:
    """The Arabic blocks as the inside of a regex character class."""
    return _ranges_class(list(ARABIC_BLOCKS))


@lru_cache(maxsize=1)
def _arabic_re() -> re.Pattern[str]:
    return re.compile(f"[{_arabic_class()}]")


def _ranges_class(ranges: list[tuple[int, int]]) -> str:
    return "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
        for lo, hi in ranges
    )


def _collapse(cps: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for cp in cps:
        if out and out[-1][1] == cp - 1:
            out[-1] = (out[-1][0], cp)
        else:
            out.append((cp, cp))
    return out


#: Combining marks and the soft hyphen, as the inside of a character class: they continue
#: a word of any script.
COMBINING_MARKS = r"\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u00ad"


@lru_cache(maxsize=1)
def arabic_word_class() -> str:
    """What an Arabic word is made of (letters, marks and digits of the Arabic blocks, and
    the in-word controls but ZWNJ), as the inside of a character class."""
    arabic_word = [
        cp
        for lo, hi in ARABIC_BLOCKS
        for cp in range(lo, hi + 1)
        if unicodedata.category(chr(cp))[0] in "LMN"
    ]
    arabic_word += [ord(c) for c in IN_WORD_CONTROLS if c != ZWNJ]
    return _ranges_class(_collapse(sorted(set(arabic_word))))


@lru_cache(maxsize=1)
def token_pattern() -> re.Pattern[str]:
    """The word-token pattern: an Arabic run, or a run of other word characters.

    >>> [m.group() for m in token_pattern().finditer("Al-Kazemi's والكاظمي،")]
    ['Al', "Kazemi's", 'والكاظمي']
    >>> [len(m.group()) for m in token_pattern().finditer("خامنه\u200cای مقتدی\u200cالصدر")]
    [8, 5, 5]
    """
    ar_class = arabic_word_class()
    all_arabic = _arabic_class()
    marks = COMBINING_MARKS
    # a word character that is neither _ nor Arabic ([^\W_...] subtracts in one class), runs
    # of them possessive: the same matches as a per-character lookahead, twice as fast
    other_run = f"(?:[^\\W_{all_arabic}]++|[{marks}]++)++"
    other_word = f"{other_run}(?:[{APOSTROPHES}]{other_run})*+"
    # a ZWNJ stays inside an Arabic word, except before the article: Persian writes a name and
    # its article apart with one (مقتدی‌الصدر is مقتدی الصدر)
    return re.compile(f"(?:[{ar_class}]++|{ZWNJ}(?!ال))++|{other_word}")
