"""A text split into words and the gaps between them, with the per-word work done in C.

One regex ``split`` gives words and separators; every word's fold and script, and every
gap's facts (may a name continue across it, does it end a sentence), come from caches keyed
by the distinct word or gap through ``map``, so Python runs once per *distinct* word, not
once per word. :class:`Words` is a sequence of :class:`~normalizer.text.fold.Token` built on
demand, so code that looks at a few words (the scanner at its candidates) pays only for those.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple, TypeVar, overload

from normalizer.text.fold import Folded, Token, fold_word
from normalizer.text.scripts import JOINER_RE, has_arabic, token_pattern
from normalizer.text.tables import word_list

#: Distinct words (or gaps) remembered per cache before it is cleared (bounds memory).
MAX_CACHED = 1 << 19

_K = TypeVar("_K")
_V = TypeVar("_V")

#: A gap that ends a sentence: sentence punctuation (. ! ? ; ؟ ؛ … ۔ 。) or a blank line.
BREAK_RE = re.compile(r"[.!?;\u061f\u061b\u06d4\u2026\u3002]|\n[^\S\n]*\n")


class WordCache(dict[_K, _V]):
    """A cache that computes missing values, so ``map(cache.__getitem__, words)`` runs in C
    for every word seen before, and forgets everything past :data:`MAX_CACHED` entries."""

    def __init__(self, compute: Callable[[_K], _V]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, word: _K) -> _V:
        if len(self) >= MAX_CACHED:
            self.clear()
        value = self[word] = self.compute(word)
        return value


_ARABIC = WordCache(has_arabic)
_FOLD = WordCache(fold_word)
_BREAKS: WordCache[str, bool] = WordCache(lambda gap: BREAK_RE.search(gap) is not None)
_JOINS: WordCache[str, bool] = WordCache(
    lambda gap: JOINER_RE.fullmatch(gap) is not None and not _BREAKS[gap]
)


#: A full stop, alone or followed by spaces on the same line: it ends a sentence unless it
#: is inside a word (Alarabiya.net) or ends an abbreviation or an initial.
_DOTTED: WordCache[str, bool] = WordCache(
    lambda gap: re.fullmatch(r"\.[ \t\u00a0]*", gap) is not None
)


def _is_abbreviation(word: str) -> bool:
    """An initial (one capital letter) or a title from ``tables/abbreviations.txt``."""
    if len(word) == 1:
        return "A" <= word <= "Z"
    return word.casefold() in word_list("abbreviations.txt")


class _Tokens(NamedTuple):
    """A text's tokens (as written, folded, where each starts and ends) and the gaps
    between them."""

    raw: list[str]
    folded: list[Folded]
    starts: list[int]
    ends: list[int]
    gaps: list[str]


def _drop_empty(text: str, tokens: _Tokens) -> _Tokens:
    """The tokens that fold to something, and the gaps between them (a dropped token and the
    gaps either side of it become one gap). A few are deleted in place (from the right, so
    runs of them merge too); many, by copying the runs between them as slices."""
    raw, folded, starts, ends, gaps = tokens
    keys = list(map(attrgetter("key"), folded))
    dropped = list(_positions(keys, ""))
    if len(dropped) > MAX_DELETED:
        return _keep_runs(text, dropped, tokens)
    for d in reversed(dropped):
        if 0 < d < len(raw) - 1:  # words either side: the gaps and the token become one gap
            gaps[d - 1] += raw[d] + gaps[d]
            del gaps[d]
        elif len(raw) > 1:  # first or last: the gap next to it goes
            del gaps[0 if d == 0 else d - 1]
        del raw[d], folded[d], starts[d], ends[d]
    return tokens


#: Tokens folding to nothing deleted in place at most (each deletion moves the lists).
MAX_DELETED = 32


def _keep_runs(text: str, dropped: list[int], tokens: _Tokens) -> _Tokens:
    """:func:`_drop_empty` by copying the runs of kept tokens as slices."""
    raw, folded, starts, ends, gaps = tokens
    runs: list[tuple[int, int]] = []  # maximal runs of kept tokens, [a, b)
    a = 0
    for d in dropped:
        if d > a:
            runs.append((a, d))
        a = d + 1
    if a < len(raw):
        runs.append((a, len(raw)))
    out = _Tokens([], [], [], [], [])
    for n, (a, b) in enumerate(runs):
        if n:  # the gap from the previous run's last word to this run's first
            out.gaps.append(text[out.ends[-1] : starts[a]])
        out.raw.extend(raw[a:b])
        out.folded.extend(folded[a:b])
        out.starts.extend(starts[a:b])
        out.ends.extend(ends[a:b])
        out.gaps.extend(gaps[a : b - 1])
    return out


def _positions(items: list[str], value: str) -> Iterator[int]:
    """Where ``value`` occurs in ``items``, in order (``list.index`` searches in C)."""
    k = -1
    while True:
        try:
            k = items.index(value, k + 1)
        except ValueError:
            return
        yield k


@lru_cache(maxsize=1)
def _splitter() -> re.Pattern[str]:
    return re.compile(f"({token_pattern().pattern})")


class Words(Sequence[Token]):
    """The words of one text (those folding to nothing are not words), in order.

    ``joins[k]``: a name may continue from word k to word k+1 (only white space and hyphens
    between them); ``breaks[k]``: the gap after word k ends a sentence.

    >>> w = Words("PM Al-Kazemi, والكاظمي. Then")
    >>> [t.key for t in w]
    ['pm', 'al', 'kazemi', 'والكاظمي', 'then']
    >>> w.joins, w.breaks
    ([True, True, False, False], [False, False, False, True])
    >>> Words("Col. Marotto told Alarabiya.net. The U.S. Army").breaks
    [False, False, False, False, True, False, False, False]
    >>> w[3].start, w[3].end, w[3].arabic
    (14, 22, True)
    """

    __slots__ = ("_arabic", "breaks", "ends", "folded", "joins", "marks", "raw", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        parts = _splitter().split(text)
        raw = parts[1::2]
        folded = list(map(_FOLD.__getitem__, raw))
        ends_of_parts = list(itertools.accumulate(map(len, parts)))
        starts = ends_of_parts[0:-1:2]
        ends = ends_of_parts[1::2]
        gaps = parts[2:-1:2]
        if not all(map(attrgetter("key"), folded)):
            # rare: a "word" of marks only, which is not a word; the gaps absorb it
            tokens = _drop_empty(text, _Tokens(raw, folded, starts, ends, gaps))
            raw, folded, starts, ends, gaps = tokens
        self.raw: list[str] = raw
        self.folded: list[Folded] = folded
        self.starts: list[int] = starts
        self.ends: list[int] = ends
        self._arabic: list[bool] | None = None
        self.joins: list[bool] = list(map(_JOINS.__getitem__, gaps))
        self.breaks: list[bool] = list(map(_BREAKS.__getitem__, gaps))
        # a dotted gap holds a full stop, so it is a break: only breaks need looking at
        for k in itertools.compress(range(len(gaps)), self.breaks):
            if _DOTTED[gaps[k]] and (gaps[k] == "." or _is_abbreviation(raw[k])):
                self.breaks[k] = False  # U.S, Alarabiya.net, Col. Marotto, George W. Bush
                self.joins[k] = True
        self.marks: dict[str, list[int]] = {}  # a scanner's candidate words, by kind

    @property
    def arabic(self) -> list[bool]:
        """``arabic[k]``: word k holds Arabic script (computed on first use: the exact-only
        scan never asks)."""
        if self._arabic is None:
            self._arabic = list(map(_ARABIC.__getitem__, self.raw))
        return self._arabic

    def gaps_dot(self, k: int) -> bool:
        """Is the gap after word k a single full stop?"""
        return self.text[self.ends[k] : self.starts[k + 1]] == "."

    def __len__(self) -> int:
        return len(self.raw)

    @overload
    def __getitem__(self, i: int) -> Token: ...
    @overload
    def __getitem__(self, i: slice) -> list[Token]: ...
    def __getitem__(self, i: int | slice) -> Token | list[Token]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        folded = self.folded[i]
        return Token(self.starts[i], self.ends[i], folded.key, self.arabic[i], folded)

    def __iter__(self) -> Iterator[Token]:
        return (self[k] for k in range(len(self)))
