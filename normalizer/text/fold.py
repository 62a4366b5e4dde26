"""THE key function: :func:`fold` makes the comparison keys of lexicon names and of input
text alike, and keeps a map from every folded character back to the original offsets.

Never slice the original text with indices computed on a folded string: use
:meth:`Folded.span` (or a :class:`Token`'s offsets) instead.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from normalizer.text.arabic import code_point_tables, fold_arabic, light_fold_arabic
from normalizer.text.latin import fold_latin
from normalizer.text.scripts import APOSTROPHES, has_arabic, token_pattern

_CONTROLS_AND_MARKS = frozenset("\u0640\u200c\u200d\u200e\u200f\u061c\u00ad")


@dataclass(frozen=True, slots=True)
class Folded:
    """A folded string and, for each of its characters, the original span it came from.

    ``starts[k]`` is the original offset of the code point that produced ``key[k]``;
    ``ends[k]`` is just past it, extended over marks and tatweel that folded to nothing, so a
    span never cuts a vowelled word. The space between two words spans the original
    separator, which is empty where two scripts touch ("Kazemiالكاظمي").
    """

    key: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original ``(start, end)`` of ``key[i:j]`` (``j > i``).

        >>> f = fold("Al-Kāẓimī's")
        >>> f.key, f.span(3, len(f.key))
        ('al kazimi', (3, 9))
        """
        return self.starts[i], self.ends[j - 1]


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the original text: its offsets, folded form and script."""

    start: int
    end: int
    key: str
    arabic: bool
    folded: Folded  # offsets relative to ``start``

    def offset(self, k: int) -> int:
        """Original offset of the k-th folded character of this token."""
        return self.start + self.folded.starts[k]


def _fold_char(ch: str, arabic: bool) -> str:
    if arabic:
        folded = code_point_tables()[0].get(ch)
        return fold_arabic(ch) if folded is None else folded
    return fold_latin(ch)


@lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> Folded:
    """Fold one word token (as matched by the token pattern) code point by code point.

    A Latin word's English possessive ('s) is left out of the key and of the span.

    >>> fold_word("Al-Kazemi's").key
    'al-kazemi'
    >>> fold_word("وَالكَاظِمِيُّ").key, fold_word("وَالكَاظِمِيُّ").ends[-1]
    ('والكاظمي', 14)
    """
    arabic = has_arabic(word)
    n = len(word)
    if not arabic and n >= 3 and word[-1] in "sS" and word[-2] in APOSTROPHES:
        n -= 2
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    last_from = -1
    for i in range(n):
        ch = word[i]
        out = _fold_char(ch, arabic)
        if out:
            last_from = len(chars)
            chars.extend(out)
            starts.extend([i] * len(out))
            ends.extend([i + 1] * len(out))
        elif last_from >= 0 and ch not in APOSTROPHES:
            # a mark, tatweel or control that folded away stays with the letter before it
            for k in range(last_from, len(chars)):
                ends[k] = i + 1
    return Folded("".join(chars), tuple(starts), tuple(ends))


def tokenize(text: str) -> list[Token]:
    """Split text into word tokens with their folded keys; tokens folding to nothing are dropped.

    >>> [(t.start, t.end, t.key) for t in tokenize("PM Al-Kazemi, والكاظمي")]
    [(0, 2, 'pm'), (3, 5, 'al'), (6, 12, 'kazemi'), (14, 22, 'والكاظمي')]
    """
    tokens: list[Token] = []
    for m in token_pattern().finditer(text):
        word = m.group()
        folded = fold_word(word)
        if folded.key:
            arabic = has_arabic(word)
            tokens.append(Token(m.start(), m.end(), folded.key, arabic, folded))
    return tokens


def fold(text: str) -> Folded:
    """Fold any text (a lexicon name or a whole document) into a key of space-separated
    word keys, with the original span of every key character.

    >>> fold("Al-Kazemi").key == fold("al kazemi").key == fold("AL–KAZEMI").key
    True
    >>> fold("الكاظميّ وعصائب أهل الحق").key
    'الكاظمي وعصايب اهل الحق'
    """
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for tok in tokenize(text):
        if chars:
            chars.append(" ")
            starts.append(ends[-1])
            ends.append(tok.start)
        chars.append(tok.key)
        starts.extend(tok.start + s for s in tok.folded.starts)
        ends.extend(tok.start + e for e in tok.folded.ends)
    return Folded("".join(chars), tuple(starts), tuple(ends))


@lru_cache(maxsize=1 << 14)
def light_form(word: str) -> str:
    """A word with only invisible differences removed (marks, tatweel, case), letters intact:
    the form the stop list is compared in.

    >>> light_form("عَلَى") != light_form("علي")
    True
    >>> light_form("\u200cعلي") == light_form("علي")  # an Arabic run may start with a ZWNJ
    True
    """
    if has_arabic(word):  # the script fold_word reads it in
        if unicodedata.is_normalized("NFKC", word):  # then every step is per code point
            light = code_point_tables()[1]
            if all(ch in light for ch in word):
                return "".join(light[ch] for ch in word)
        return light_fold_arabic(word)
    return "".join(ch for ch in fold_latin(word) if ch not in _CONTROLS_AND_MARKS)
