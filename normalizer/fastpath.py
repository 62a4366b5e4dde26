"""The exact layer over a whole text: the same hits as :meth:`normalizer.scan.Scanner.scan`,
with the per-token work done by C code (regex split, dict lookups through ``map``).

Python runs once per distinct word (its fold and whether any name can start with it, cached)
and once per *candidate* word, never per ordinary word: the text is split into words and
separators by one regex call, every word's facts come from the per-word cache through
``map``, and :func:`itertools.compress` picks the candidates. At a candidate the scanner's
rules apply unchanged (leftmost-longest over word n-grams, proclitic readings, stop list,
acronyms, context aliases), read from the same :class:`CompiledLexicon`. A word nothing can
start is skipped without a lookup of its n-grams: that is the whole speed-up.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import NamedTuple, TypeVar

from normalizer.lexicon.compile import CompiledLexicon, Owners
from normalizer.scan import Hit, proclitic_readings, stop_words
from normalizer.text.fold import Folded, Token, fold_word, light_form
from normalizer.text.scripts import JOINER_RE, is_arabic, token_pattern

#: Distinct words remembered per layer before the caches are cleared (bounds memory).
MAX_CACHED_WORDS = 1 << 19

_V = TypeVar("_V")


class _Word(NamedTuple):
    """What the scan needs to know about one distinct word (its text is the cache key)."""

    key: str
    folded: Folded
    readings: tuple[tuple[str, int], ...]  # (name key, folded chars of proclitics)
    longest: int  # most words of any name that can start with this word (0: none)
    acronym: Owners | None
    alone: bool  # some reading is a whole one-word name


class _Cache(dict[str, _V]):
    """A per-word cache that computes missing values (so ``map(cache.__getitem__, words)``
    runs in C for every word seen before) and forgets everything past ``MAX_CACHED_WORDS``."""

    def __init__(self, compute: Callable[[str], _V]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, word: str) -> _V:
        if len(self) >= MAX_CACHED_WORDS:
            self.clear()
        value = self[word] = self.compute(word)
        return value


@dataclass(slots=True)
class _Text:
    """One text split into words: ``parts`` alternates separator, word, ..., separator."""

    parts: list[str]
    index: Sequence[int]  # kept word number -> its place in parts (words folding to "" dropped)
    info: _Cache[_Word]
    cursor: tuple[int, int] = (0, 0)  # a place in parts and its offset in the text
    cue_doc: str | None = None
    cues: dict[str, bool] = field(default_factory=dict)  # entry id -> a cue is in the text

    def word(self, k: int) -> _Word:
        return self.info[self.parts[self.index[k]]]

    def raw(self, k: int) -> str:
        return self.parts[self.index[k]]

    def start(self, k: int) -> int:
        """Offset of kept word k; asked in increasing order, so one pass over parts in all."""
        p = self.index[k]
        at, off = self.cursor
        if p < at:
            at, off = 0, 0
        off += sum(map(len, self.parts[at:p]))
        self.cursor = (p, off)
        return off


class ExactLayer:
    """Exact (curated-name) matching over whole texts against one compiled lexicon."""

    def __init__(self, lexicon: CompiledLexicon) -> None:
        self.lex = lexicon
        self.stop = stop_words()
        self._split = re.compile(f"({token_pattern().pattern})")
        self._info: _Cache[_Word] = _Cache(self._word)
        self._flags: _Cache[bool] = _Cache(
            lambda w: bool(self._info[w].longest or self._info[w].acronym)
        )
        self._joins: _Cache[bool] = _Cache(lambda sep: JOINER_RE.fullmatch(sep) is not None)
        self._blocked: dict[tuple[str, int], bool] = {}
        self._prefixes: set[str] = set()  # every name key of 2+ words and its 2+ word prefixes
        for table in (lexicon.index, lexicon.weak):
            for key in table:
                words = key.split(" ")
                self._prefixes.update(" ".join(words[:k]) for k in range(2, len(words) + 1))

    def _word(self, word: str) -> _Word:
        folded = fold_word(word)
        arabic = any(is_arabic(ch) for ch in word)
        token = Token(0, len(word), folded.key, arabic, folded)
        readings = tuple(proclitic_readings(token)) if folded.key else ()
        first = self.lex.first_tokens
        longest = max((first.get(r, 0) for r, _ in readings), default=0)
        acronym = None
        if not arabic and folded.key and self.lex.acronyms:
            acronym = self.lex.acronyms.get(word[: folded.ends[-1]])
        alone = any(r in self.lex.index or r in self.lex.weak for r, _ in readings)
        return _Word(folded.key, folded, readings, longest, acronym, alone)

    def scan(self, text: str) -> list[Hit]:
        """Every leftmost-longest, non-overlapping name in ``text`` (as ``Scanner.scan``)."""
        parts = self._split.split(text)
        raw = parts[1::2]
        marks = list(map(self._flags.__getitem__, raw))
        if not any(marks):
            return []
        index: Sequence[int] = range(1, len(parts), 2)
        info = self._info
        if any(not info[w].key for w in set(raw)):  # words that fold to nothing are not words
            kept = list(map(bool, map(attrgetter("key"), map(info.__getitem__, raw))))
            index = list(itertools.compress(index, kept))
            marks = list(itertools.compress(marks, kept))
        doc = _Text(parts, index, info)
        hits: list[Hit] = []
        free = 0
        for i in itertools.compress(range(len(marks)), marks):
            if i < free:
                continue
            hit = self._longest_at(doc, i)
            if hit is not None:
                hits.append(hit)
                free = hit.last + 1
        return hits

    def _joined(self, doc: _Text, k: int) -> bool:
        """Whether kept words k and k+1 are separated by a joiner only."""
        p, q = doc.index[k], doc.index[k + 1]
        return q == p + 2 and self._joins[doc.parts[p + 1]]

    def _longest_at(self, doc: _Text, i: int) -> Hit | None:
        word = doc.word(i)
        count = len(doc.index)
        # the longest n for which some reading + the next n-1 words is (a prefix of) a name:
        # longer n cannot match, so the scanner's rule is applied from there down
        longest = 1
        if word.longest > 1:
            rest: list[str] = []
            k = i + 1
            while k - i < word.longest and k < count and self._joined(doc, k - 1):
                rest.append(doc.word(k).key)
                k += 1
            for first, _ in word.readings:
                key, n = first, 1
                for nxt in rest:
                    key = f"{key} {nxt}"
                    if key not in self._prefixes:
                        break
                    n += 1
                longest = max(longest, n)
        elif not (word.alone or word.acronym):
            return None
        for n in range(longest, 0, -1):
            if n == 1 and word.acronym:
                return self._hit(doc, i, i, word.acronym, 0)
            if n == 1 and not word.alone:
                return None
            found = self._owners_of(doc, i, n)
            if found is not None:
                return self._hit(doc, i, i + n - 1, found[0], found[1])
        return None

    def _is_blocked(self, doc: _Text, k: int, skip: int) -> bool:
        raw = doc.raw(k)
        blocked = self._blocked.get((raw, skip))
        if blocked is None:
            if len(self._blocked) >= MAX_CACHED_WORDS:
                self._blocked.clear()
            folded = doc.word(k).folded
            light = light_form(raw[folded.starts[skip] if skip else 0 :])
            blocked = light in self.stop and light not in self.lex.name_light_forms
            self._blocked[raw, skip] = blocked
        return blocked

    def _owners_of(self, doc: _Text, i: int, n: int) -> tuple[Owners, int] | None:
        if any(self._is_blocked(doc, k, 0) for k in range(i + 1, i + n)):
            return None
        rest = [doc.word(k).key for k in range(i + 1, i + n)]
        for first, skip in doc.word(i).readings:
            if self.lex.first_tokens.get(first, 0) < n:
                continue
            key = " ".join([first, *rest])
            owners = dict(self.lex.index.get(key, {}))
            for entry_id, method in self.lex.weak.get(key, {}).items():
                if entry_id not in owners and self._cue_present(doc, entry_id):
                    owners[entry_id] = method
            if owners and not self._is_blocked(doc, i, skip):
                return owners, skip
        return None

    def _cue_present(self, doc: _Text, entry_id: str) -> bool:
        present = doc.cues.get(entry_id)
        if present is None:
            if doc.cue_doc is None:
                words = map(doc.info.__getitem__, map(doc.parts.__getitem__, doc.index))
                doc.cue_doc = " " + " ".join(map(attrgetter("key"), words)) + " "
            cues = self.lex.cues.get(entry_id, ())
            present = doc.cues[entry_id] = any(f" {cue} " in doc.cue_doc for cue in cues)
        return present

    @staticmethod
    def _hit(doc: _Text, first: int, last: int, owners: Owners, skip: int) -> Hit:
        word_start = doc.start(first)
        start = word_start + doc.word(first).folded.starts[skip] if skip else word_start
        end = doc.start(last) + doc.word(last).folded.ends[-1]
        return Hit(first, last, start, end, owners, word_start)
