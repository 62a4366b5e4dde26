"""Find names in running text: word n-grams looked up in the compiled index.

Rules, in the order they apply:

* Words are the tokens of :func:`normalizer.text.fold.tokenize`; a name matches whole words
  only (so "Badr" never matches inside "Badran"), and a multi-word name continues only across
  white space and hyphens (not across commas, full stops or line-ending punctuation).
* An Arabic word may carry proclitics before the name: a conjunction (و ف), then a
  preposition (ب ل ك); ل before the article is written لل (alef elided). The proclitics stay
  outside the mention span; the article, when the name is listed without it, is inside.
* Aliases of 2-5 capital letters (PMF, AAH) match only the same letters in the same case.
* A word on the stop list (على "on", "the") never matches unless a name spells it exactly.
* Context aliases (common words such as "the crowd") count only when one of the entry's
  context cues occurs in the same sentence or earlier in the document (``cue_for``).
* Overlaps: leftmost-longest. At each word the longest name starting there wins (counted in
  words); between equally long candidates, the unstripped word beats a proclitic reading,
  and a case-exact acronym beats a folded name. The scan then continues after the match.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from typing import NamedTuple

from normalizer.candidates import Scored, Shared, first_word_skeletons, score_span_shared
from normalizer.lexicon.compile import CompiledLexicon
from normalizer.lexicon.packed import Owners
from normalizer.model import Method
from normalizer.phonetic import forms_of_words
from normalizer.text.fold import Token, fold, fold_word, light_form
from normalizer.text.scripts import has_arabic
from normalizer.text.tables import word_list
from normalizer.text.words import WordCache, Words
from normalizer.thresholds import FUZZY_MIN_SKELETON, MAX_TRANSLIT_WORDS

#: The cue (as written in the text) that admits a context alias of an entry, or None.
CueFor = Callable[[str], str | None]
#: The same for a name starting at a given word (the cues in force there).
CueAt = Callable[[int, str], str | None]
#: A head word that begins at least this many curated names of 2+ words has their second
#: words found by skipping from one to the next (at 100,000 entries a common given name
#: begins thousands of names, a few hundred second words); fewer are read one by one.
SKIP_KEYS_MIN = 16
#: Lowercase Latin particles that may begin or sit inside a capitalized name (al-Kazemi).
NAME_PARTICLES = frozenset({"al", "el", "ul", "bin", "ibn", "ben", "bint", "abu", "abd"})

CONJUNCTIONS = ("", "و", "ف")
PREPOSITIONS = ("", "ب", "ل", "ك")
#: A word left after removing proclitics must keep at least this many letters.
MIN_STEM = 2


@dataclass(frozen=True, slots=True)
class Hit:
    """A matched span: words ``first..last`` (inclusive) and the entries that own its key."""

    first: int
    last: int
    start: int
    end: int
    owners: Owners
    word_start: int  # where the first word begins: text[word_start:start] is its proclitic
    cues: dict[str, str] = field(default_factory=dict)  # context-alias owner → its cue
    scored: tuple[Scored, ...] = ()  # transliteration candidates (owners is then empty)
    shared: tuple[Shared, ...] = ()  # parts of too many persons: named only by an antecedent


#: A span's transliteration candidates and the widely shared parts it reads as.
_Scores = tuple[tuple[Scored, ...], tuple[Shared, ...]]
#: Scores computed for spans: ((folded words, arabic), scores) pairs (see Scanner.learned).
Learned = list[tuple[tuple[tuple[str, ...], bool], _Scores]]


def stop_words() -> frozenset[str]:
    """The stop list (``tables/stopwords.txt``)."""
    return word_list("stopwords.txt")


def proclitic_readings(token: Token) -> list[tuple[str, int]]:
    """Ways to read an Arabic word as proclitics + name: (name key, folded chars skipped).

    >>> from normalizer.text.fold import tokenize
    >>> [r for r in proclitic_readings(tokenize("وللحشد")[0])]
    [('وللحشد', 0), ('للحشد', 1), ('لحشد', 2), ('الحشد', 2), ('حشد', 2)]
    """
    return list(_readings_of(token.key, token.arabic))


@lru_cache(maxsize=1 << 16)
def _readings_of(key: str, arabic: bool) -> tuple[tuple[str, int], ...]:
    """The readings of one folded word (computed once per distinct word)."""
    readings = [(key, 0)]
    if not arabic:
        return tuple(readings)
    for conj in CONJUNCTIONS:
        for prep in PREPOSITIONS:
            prefix = conj + prep
            if not key.startswith(prefix):
                continue
            rest = key[len(prefix) :]
            stems = [rest] if prefix else []
            if prep == "ل" and rest.startswith("ل"):
                stems.append("ا" + rest)  # لل = ل + ال with the alef elided
            # the article, when the name is listed without it, stays inside the span
            stems += [s[2:] for s in (rest, *stems) if s.startswith("ال")]
            readings += [(s, len(prefix)) for s in dict.fromkeys(stems) if len(s) >= MIN_STEM]
    return tuple(readings)


#: What may start at a word (:meth:`Scanner._exact_start`, ``_cue_start``): anything, or
#: nothing; otherwise the set of keys the next word must have.
ALWAYS: frozenset[str] = frozenset({"\x00 any next word"})
NEVER: frozenset[str] = frozenset()


class _DependsOnCues:
    """The cached exact answer for a run whose outcome depends on the document's cues."""


DEPENDS_ON_CUES = _DependsOnCues()
#: An exact-layer answer: (words, proclitic chars, owners, admitting cues), None, or
#: DEPENDS_ON_CUES (decided per document).
Exact = tuple[int, int, Owners, dict[str, str]] | _DependsOnCues | None


#: One step of an exact answer that depends on cues: (words, folded chars of proclitics,
#: owners no cue is needed for, (entry, method) of the context-alias owners that need one;
#: None for a case-exact acronym, which is the answer as it is).
_Step = tuple[int, int, Owners, tuple[tuple[str, Method], ...] | None]


def _decide(steps: tuple[_Step, ...], cue_for: CueFor) -> Exact:
    """The answer of the first step that has owners once its context aliases are tested
    against the cues in force (what :meth:`Scanner._exact_at` gives with ``cue_for``)."""
    for n, skip, static, needs_cue in steps:
        if needs_cue is None:
            return n, skip, static, {}
        owners = dict(static)
        cues: dict[str, str] = {}
        for entry_id, method in needs_cue:
            cue = cue_for(entry_id)
            if cue is not None:
                owners[entry_id] = method
                cues[entry_id] = cue
        if owners:
            return n, skip, owners, cues
    return None


class Facts(NamedTuple):
    """What the scanner needs to know about one distinct word (computed once per word)."""

    token: Token  # the word on its own (offsets from 0)
    readings: tuple[tuple[str, int], ...]  # (name key, folded chars of proclitics)
    longest: int  # most words of any curated name that can start with this word (0: none)
    acronym: Owners | None  # entries whose all-caps alias is exactly this word
    cue: int  # most words of any context cue that can start with this word (0: none)
    blocked: frozenset[int]  # proclitic skips at which the rest is a stop word
    name_like: bool  # may be part of a name the lexicon does not spell


class Scanner:
    """Scans texts against one compiled lexicon.

    Python runs once per distinct word (its :class:`Facts`, cached) and at *candidate* words
    only: a word no curated name, cue or transliterated name can start is never visited, so
    ordinary words cost a dictionary lookup done in C (:class:`~normalizer.text.words.Words`).
    """

    def __init__(self, lexicon: CompiledLexicon, *, exhaustive: bool = False) -> None:
        """``exhaustive``: try every word, with no per-run caches and no shortcuts (the slow,
        obvious reference the tests compare the fast path with)."""
        self.lex = lexicon
        self.exhaustive = exhaustive
        self.stop = stop_words()
        self._stop_keys = frozenset(fold(w).key for w in self.stop)
        self.common = word_list("common_words.txt")
        self._scores: dict[tuple[tuple[str, ...], bool], _Scores] = {}
        self._learned: Learned | None = None  # recorded once learned() is first called
        self._seconds: dict[str, frozenset[str]] = {}  # head word → words after it
        self._facts = WordCache(self._facts_of)
        self._translit_start = WordCache(self._may_start_translit)
        self._translit_spans = WordCache(self._translit_at)
        self._arabic_skeletons: WordCache[str, str | None] = WordCache(_single_skeleton)
        self._cue_spans = WordCache(self._cues_at)
        self._exact_spans: WordCache[tuple[str, ...], Exact] = WordCache(self._exact_at)
        self._exact_starts: WordCache[str, frozenset[str]] = WordCache(self._exact_start)
        self._cue_starts: WordCache[str, frozenset[str]] = WordCache(self._cue_start)
        self._cues_alone = WordCache(self._cue_alone)
        self._exact_plans: WordCache[tuple[str, ...], tuple[_Step, ...]] = WordCache(
            self._exact_plan
        )

    def learned(self) -> Learned:
        """The transliteration scores computed since the last call (the first call starts
        the record): another scanner of the same lexicon takes them with :meth:`learn`
        instead of scoring those spans again (``--jobs`` workers share their work so)."""
        got = self._learned or []
        self._learned = []
        return got

    def learn(self, scores: Learned) -> None:
        """Take scores another scanner of the same lexicon computed (see :meth:`learned`);
        spans this one has scored keep their own."""
        known = self._scores
        for key, value in scores:
            if key not in known:
                if len(known) > 1 << 16:
                    known.clear()
                known[key] = value

    # --- per distinct word ---------------------------------------------------------------

    def facts(self, word: str) -> Facts:
        """The cached :class:`Facts` of one word as written."""
        return self._facts[word]

    def _facts_of(self, word: str) -> Facts:
        folded = fold_word(word)
        token = Token(0, len(word), folded.key, has_arabic(word), folded)
        readings = _readings_of(token.key, token.arabic) if token.key else ()
        first_tokens, cue_first = self.lex.first_tokens, self.lex.cue_first
        blocked = frozenset(
            skip for skip in {0, *(s for _, s in readings)} if self._blocked(word, token, skip)
        )
        return Facts(
            token,
            readings,
            max((first_tokens.get(r, 0) for r, _ in readings), default=0),
            self.acronym(word, token) if token.key else None,
            max((cue_first.get(r, 0) for r, _ in readings), default=0),
            blocked,
            bool(token.key) and self._name_like(word, token, blocked),
        )

    def _blocked(self, text: str, token: Token, skip: int) -> bool:
        if token.key[skip:] not in self._stop_keys:
            return False  # light forms fold to keys: a word whose key is no stop word's
        start = token.offset(skip) if skip else token.start
        light = light_form(text[start : token.end])
        return light in self.stop and light not in self.lex.name_light_forms

    def _name_like(self, word: str, token: Token, blocked: frozenset[int]) -> bool:
        """May this word be part of a name the lexicon does not spell (a proper noun)?"""
        if not any(ch.isalpha() for ch in token.key) or 0 in blocked:
            return False
        if token.arabic:  # no reading of it may be a function word (وعلى = و + على)
            return len(token.key) >= 2 and not blocked
        return (word[0].isupper() and not self.is_acronym_like(word, token)) or (
            token.key in NAME_PARTICLES
        )

    def _may_start_translit(self, word: str) -> bool:
        """Can a transliterated name start with this word? (A necessary condition only: an
        Arabic reading's skeleton must be one of some name's words.)"""
        facts = self._facts[word]
        if not facts.name_like:
            return False
        if not facts.token.arabic:
            return True
        for first, _ in self._translit_readings(facts):
            if first_word_skeletons(first, True) & self.lex.phonetic.words:
                return True
        return False

    def _may_match_arabic(self, words: tuple[str, ...]) -> bool:
        """A quick necessary condition for an Arabic span to score: its skeleton (an Arabic
        word has one; a span's is its words' end to end, checked in tests/test_fast_scan.py)
        is some name's, or one edit from one the fuzzy tier would rate (its neighbours: kept,
        so scoring the span asks for them again for free). Spelling out the readings costs
        far more."""
        skeletons = list(map(self._arabic_skeletons.__getitem__, words))
        if None in skeletons:
            return True
        skeleton = "".join(s for s in skeletons if s is not None)
        index = self.lex.phonetic
        if skeleton in index.by_skeleton:
            return True
        return len(skeleton) >= FUZZY_MIN_SKELETON and bool(index.neighbours(skeleton))

    def _translit_readings(self, facts: Facts) -> list[tuple[str, int]]:
        """The readings a transliterated name may start with: a proclitic is split off only
        when the rest is not a function word and the whole is not a frequent word."""
        return [
            (first, skip)
            for first, skip in facts.readings
            if not skip or (skip not in facts.blocked and facts.token.key not in self.common)
        ]

    # --- curated names -------------------------------------------------------------------

    def owners_of(
        self, text: str, tokens: Sequence[Token], i: int, n: int, cue_for: CueFor
    ) -> tuple[Owners, dict[str, str], int] | None:
        """The entries named by words ``i .. i+n-1``: owners, the context-alias owners admitted
        by a cue (with that cue), and how many folded chars of the first word are proclitics."""
        return self._owners([text[t.start : t.end] for t in tokens[i : i + n]], cue_for)

    def _owners(
        self, raw: Sequence[str], cue_for: CueFor
    ) -> tuple[Owners, dict[str, str], int] | None:
        facts = self._facts
        rest = [facts[w] for w in raw[1:]]
        if any(0 in f.blocked for f in rest):
            return None
        n = len(raw)
        head = facts[raw[0]]
        tail = "".join(" " + f.token.key for f in rest)
        for first, skip in head.readings:
            if self.lex.first_tokens.get(first, 0) < n:
                continue
            key = first + tail
            owners = dict(self.lex.index.get(key, {}))
            cues: dict[str, str] = {}
            for entry_id, method in self.lex.weak.get(key, {}).items():
                cue = None if entry_id in owners else cue_for(entry_id)
                if cue is not None:
                    owners[entry_id] = method
                    cues[entry_id] = cue
            if owners and skip not in head.blocked:
                return owners, cues, skip
        return None

    @cached_property
    def _long_keys(self) -> list[str]:
        """Every curated name key of 2+ words, sorted: the keys that begin with ``p`` and a
        space are one run of it (no key holds a character below the space), so prefix
        questions are a bisection, and nothing is built per key but this list (a
        100,000-entry lexicon has some 260,000 such keys)."""
        tables = (self.lex.index, self.lex.weak)
        return sorted(key for table in tables for key in table if " " in key)

    def _is_prefix(self, key: str) -> bool:
        """Is ``key`` (2+ words) a curated name key or the start of one, up to a space?"""
        keys = self._long_keys
        i = bisect.bisect_left(keys, key)
        return i < len(keys) and (keys[i] == key or keys[i].startswith(key + " "))

    def _second_words(self, head: str) -> frozenset[str]:
        """The words that follow ``head`` in curated names of 2+ words (a name starts at
        ``head k`` only if ``k`` is one), found once per head."""
        found = self._seconds.get(head)
        if found is None:
            keys, cut = self._long_keys, len(head) + 1
            lo = bisect.bisect_left(keys, head + " ")
            hi = bisect.bisect_left(keys, head + "!", lo)  # "!" follows the space
            if hi - lo < SKIP_KEYS_MIN:
                found = frozenset(key[cut:].partition(" ")[0] for key in keys[lo:hi])
            else:  # one step per second word, past all the keys it begins
                seconds = set()
                while lo < hi:
                    second = keys[lo][cut:].partition(" ")[0]
                    seconds.add(second)
                    lo = bisect.bisect_left(keys, f"{head} {second}!", lo + 1, hi)
                found = frozenset(seconds)
            self._seconds[head] = found
        return found

    def _exact_start(self, word: str) -> frozenset[str]:
        """May a curated name start at this word? ALWAYS, or only when the next word's key is
        in the set (empty: never): alone the word names nothing, so only a longer name can
        start there, and only if some reading and that key begin a name (``_reach``)."""
        facts = self._facts[word]
        if not (facts.longest or facts.acronym):
            return NEVER
        if self._exact_spans[(word,)] is not None:
            return ALWAYS
        return frozenset().union(*(self._second_words(first) for first, _ in facts.readings))

    @cached_property
    def _cue_next_keys(self) -> dict[str, frozenset[str]]:
        """For the text before each space of a cue, the keys a next word may have for the cue
        to go on (up to the next space or the end): a necessary condition for ``_cues_at``
        to find a cue of two or more words."""
        out: dict[str, set[str]] = {}
        for cue in self.lex.cue_keys:
            cuts = [k for k, ch in enumerate(cue) if ch == " "]
            for a, cut in enumerate(cuts):
                for end in [*cuts[a + 1 :], len(cue)]:
                    out.setdefault(cue[:cut], set()).add(cue[cut + 1 : end])
        return {head: frozenset(tails) for head, tails in out.items()}

    def _cue_start(self, word: str) -> frozenset[str]:
        """May a context cue start at this word? ALWAYS, or only when the next word's key is
        in the set (empty: never; no cue is this word alone)."""
        facts = self._facts[word]
        if not facts.cue:
            return NEVER
        if self._cue_spans[(word,)]:
            return ALWAYS
        nexts = self._cue_next_keys
        return frozenset().union(*(nexts.get(first, ()) for first, _ in facts.readings))

    def document_cues(self, tokens: Sequence[Token]) -> CueFor:
        """A cue test over a whole text (used by :meth:`scan` and lookups)."""
        doc = " " + " ".join(t.key for t in tokens) + " "

        def cue_for(entry_id: str) -> str | None:
            return next((c for c in self.lex.cues.get(entry_id, ()) if f" {c} " in doc), None)

        return cue_for

    def cues_in(self, words: Words, lo: int = 0, hi: int | None = None) -> dict[str, str]:
        """The context cues among words ``lo .. hi-1`` (an Arabic word may carry
        proclitics): folded cue → the cue as written (its first occurrence)."""
        hi = len(words) if hi is None else hi
        found: dict[str, str] = {}
        where = range(lo, hi) if self.exhaustive else self.candidates(words, lo, hi, "cue")
        for i in where:
            if self.exhaustive:
                cues = self._cues_at(tuple(words.raw[i:hi]))
            else:
                most = self._facts[words.raw[i]].cue
                cues = self._cue_spans[tuple(words.raw[i : min(i + most, hi)])]
            for cue, n, skip in cues:
                if cue not in found:
                    found[cue] = _as_written(words, i, n, skip)
        return found

    def sentence_cues(self, words: Words, bounds: Sequence[int]) -> dict[int, dict[str, str]]:
        """:meth:`cues_in` for every sentence j (words ``bounds[j] .. bounds[j+1]-1``) that
        has a cue, in one pass over the cue candidates: Python per candidate, not per
        sentence."""
        if self.exhaustive:
            every = (self.cues_in(words, lo, hi) for lo, hi in itertools.pairwise(bounds))
            return {j: found for j, found in enumerate(every) if found}
        where = self.candidates(words, bounds[0], bounds[-1], "cue")
        raw, facts, spans, alone = words.raw, self._facts, self._cue_spans, self._cues_alone
        out: dict[int, dict[str, str]] = {}
        sentence = map(bisect.bisect_right, itertools.repeat(bounds), where)
        for i, j in zip(where, sentence, strict=True):
            word = raw[i]
            most = facts[word].cue
            if most == 1:  # cues of this word alone, as written: no slicing of the text
                if pairs := alone[word]:
                    found = out.setdefault(j - 1, {})
                    for cue, written in pairs:
                        found.setdefault(cue, written)
                continue
            cues = spans[tuple(raw[i : min(i + most, bounds[j])])]
            if cues:
                found = out.setdefault(j - 1, {})
                for cue, n, skip in cues:
                    if cue not in found:
                        found[cue] = _as_written(words, i, n, skip)
        return out

    def _cue_alone(self, word: str) -> tuple[tuple[str, str], ...]:
        """The cues that are this word alone: (folded cue, the cue as written in the word)."""
        folded = self._facts[word].token.folded
        return tuple(
            (cue, word[folded.starts[skip] if skip else 0 : folded.ends[-1]])
            for cue, _, skip in self._cue_spans[(word,)]
        )

    def _cues_at(self, raw: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
        """The cues that start a run of words: (folded cue, words, folded proclitic chars)."""
        keys = [self._facts[w].token.key for w in raw]
        out = []
        for first, skip in self._facts[raw[0]].readings:
            most = self.lex.cue_first.get(first, 0)
            for n in range(1, min(most, len(raw)) + 1):
                cue = " ".join([first, *keys[1:n]])
                if cue in self.lex.cue_keys:
                    out.append((cue, n, skip))
        return tuple(out)

    def acronym(self, text: str, token: Token) -> Owners | None:
        """Entries whose all-caps alias is exactly this word (possessive 's aside)."""
        if token.arabic or not self.lex.acronyms:
            return None
        return self.lex.acronyms.get(text[token.start : token.start + token.folded.ends[-1]])

    @staticmethod
    def is_acronym_like(text: str, token: Token) -> bool:
        """A word written in 2-5 capitals (never matched fuzzily)."""
        word = text[token.start : token.end]
        return not token.arabic and 2 <= len(word) <= 5 and word.isupper()

    def scan(self, text: str) -> list[Hit]:
        """Every leftmost-longest, non-overlapping curated name in ``text``, a context alias
        counting when a cue occurs anywhere in ``text``."""
        words = Words(text)
        cue_for = self.document_cues(words)
        return self.exact_hits(words, 0, len(words), lambda _, entry_id: cue_for(entry_id))

    def exact_hits(self, words: Words, lo: int, hi: int, cue_for: CueAt) -> list[Hit]:
        """Leftmost-longest curated names among words ``lo .. hi-1`` (a name never continues
        across a gap whose ``words.joins`` is False)."""
        if self.exhaustive:
            return _leftmost(range(lo, hi), lambda i: self._reference_at(words, i, hi, cue_for))
        return self._exact_leftmost(words, self.candidates(words, lo, hi, "exact"), hi, cue_for)

    def _reference_at(self, words: Words, i: int, hi: int, cue_for: CueAt) -> Hit | None:
        """The rule as stated: the longest run of joined words naming an entry."""
        reach = 1
        while reach < self.lex.max_tokens and i + reach < hi and words.joins[i + reach - 1]:
            reach += 1
        for n in range(reach, 0, -1):
            if n == 1:
                owners = self.acronym(words.text, words[i])
                if owners:
                    return _hit(words, i, i, 0, owners)
            found = self.owners_of(words.text, words, i, n, lambda e: cue_for(i, e))
            if found is not None:
                return _hit(words, i, i + n - 1, found[2], found[0], found[1])
        return None

    def _exact_leftmost(self, words: Words, where: list[int], hi: int, cue_for: CueAt) -> list[Hit]:
        """:func:`_leftmost` over the exact candidates with the step at each written out (no
        call per candidate): the longest cached answer for the run of joined words there."""
        facts, spans, raw, joins = self._facts, self._exact_spans, words.raw, words.joins
        hits: list[Hit] = []
        free = 0
        for i in where:
            if i < free:
                continue
            longest = facts[raw[i]].longest
            room = 1
            while room < longest and i + room < hi and joins[i + room - 1]:
                room += 1
            window = tuple(raw[i : i + room])
            found = spans[window]
            if found is DEPENDS_ON_CUES:
                found = _decide(self._exact_plans[window], partial(cue_for, i))
            if isinstance(found, tuple):
                n, skip, owners, cues = found
                hits.append(_hit(words, i, i + n - 1, skip, owners, cues))
                free = i + n
        return hits

    def _exact_at(self, raw: tuple[str, ...], cue_for: CueFor | None = None) -> Exact:
        """The longest curated name starting a run of words that may form one name: (words,
        folded chars of proclitics, owners, admitting cues), or None. Without ``cue_for`` (the
        cached case) a run whose answer depends on context cues gives DEPENDS_ON_CUES."""
        facts = self._facts[raw[0]]
        reach = self._reach(raw)
        asked: list[str] = []

        def recording(entry_id: str) -> str | None:
            asked.append(entry_id)
            return None

        for n in range(reach, 0, -1):
            if n == 1 and facts.acronym:
                return 1, 0, facts.acronym, {}
            if not facts.longest:
                return None
            found = self._owners(raw[:n], cue_for or recording)
            if asked:
                return DEPENDS_ON_CUES
            if found is not None:
                return n, found[2], found[0], found[1]
        return None

    def _reach(self, raw: tuple[str, ...]) -> int:
        """The longest n for which some reading of the first word + the next n-1 words is (a
        prefix of) a name: no longer n can match, so leftmost-longest is applied from there
        down."""
        reach = 1
        if len(raw) > 1:
            rest = [self._facts[w].token.key for w in raw[1:]]
            for first, _ in self._facts[raw[0]].readings:
                key, n = first, 1
                for nxt in rest:
                    key = f"{key} {nxt}"
                    if not self._is_prefix(key):
                        break
                    n += 1
                reach = max(reach, n)
        return reach

    def _exact_plan(self, raw: tuple[str, ...]) -> tuple[_Step, ...]:
        """:meth:`_exact_at` for a run whose answer depends on cues, as the steps it takes:
        in order, (words, proclitic chars, owners no cue is needed for, context-alias owners
        that need one); steps that can never answer are left out. :func:`_decide` takes
        them per occurrence, so only the cue tests run there."""
        facts = self._facts[raw[0]]
        steps: list[_Step] = []
        for n in range(self._reach(raw), 0, -1):
            if n == 1 and facts.acronym:
                steps.append((1, 0, facts.acronym, None))
                break
            if not facts.longest:
                break
            rest = [self._facts[w] for w in raw[1:n]]
            if any(0 in f.blocked for f in rest):
                continue
            tail = "".join(" " + f.token.key for f in rest)
            for first, skip in facts.readings:
                if self.lex.first_tokens.get(first, 0) < n or skip in facts.blocked:
                    continue
                key = first + tail
                owners = self.lex.index.get(key, {})
                weak = self.lex.weak.get(key, {}).items()
                needs_cue = tuple((e, m) for e, m in weak if e not in owners)
                if owners or needs_cue:
                    steps.append((n, skip, owners, needs_cue))
        return tuple(steps)

    def candidates(self, words: Words, lo: int, hi: int, kind: str) -> list[int]:
        """Indices in ``lo .. hi-1`` of the words that can start a curated name given the
        word after them ("exact"), a context cue ("cue") or a transliterated name
        ("translit"): found once per text."""
        marks = words.marks.get(kind)
        if marks is None:
            if kind == "translit":
                flags = map(self._translit_start.__getitem__, words.raw)
                marks = list(itertools.compress(range(len(words)), flags))
            else:
                starts = self._cue_starts if kind == "cue" else self._exact_starts
                marks = _continued(words, starts)
            words.marks[kind] = marks
        return marks[bisect.bisect_left(marks, lo) : bisect.bisect_left(marks, hi)]

    # --- transliteration matching in running text ----------------------------------------

    def translit_hits(self, words: Words, lo: int, hi: int, covered: set[int]) -> list[Hit]:
        """Names matched by transliteration (phonetic, fuzzy) among the words no curated name
        covers: runs of capitalized Latin words (with al-, bin ... inside) and Arabic words
        off the stop list, leftmost-longest within each run."""
        if not self.exhaustive:
            where = self.candidates(words, lo, hi, "translit")
            return self._translit_leftmost(words, where, hi, covered)
        raw = words.raw

        def like(k: int) -> bool:
            return k not in covered and self._facts[raw[k]].name_like

        def at(i: int) -> Hit | None:
            if i in covered or not self._facts[raw[i]].name_like:
                return None
            reach = 1
            while (
                reach < MAX_TRANSLIT_WORDS
                and i + reach < hi
                and like(i + reach)
                and words.joins[i + reach - 1]
                and words.arabic[i + reach] == words.arabic[i]
            ):
                reach += 1
            found = self._translit_at(tuple(raw[i : i + reach]))
            if found is None:
                return None
            n, skip, (scored, shared) = found
            return _hit(words, i, i + n - 1, skip, {}, scored=scored, shared=shared)

        return _leftmost(range(lo, hi), at)

    def _translit_leftmost(
        self, words: Words, where: list[int], hi: int, covered: set[int]
    ) -> list[Hit]:
        """:meth:`translit_hits` over the candidates (name-like words that may start a
        transliterated name), written out in one loop: the run of up to MAX_TRANSLIT_WORDS
        joined, name-like, uncovered words of the same script, then its cached answer."""
        facts, spans, raw = self._facts, self._translit_spans, words.raw
        joins, arabic = words.joins, words.arabic
        hits: list[Hit] = []
        free = 0
        for i in itertools.filterfalse(covered.__contains__, where):
            if i < free:
                continue
            script = arabic[i]
            end = i + MAX_TRANSLIT_WORDS
            if end > hi:
                end = hi
            k = i + 1
            while (
                k < end
                and joins[k - 1]
                and arabic[k] == script
                and k not in covered
                and facts[raw[k]].name_like
            ):
                k += 1
            found = spans[tuple(raw[i:k])]
            if found is not None:
                n, skip, (scored, shared) = found
                hits.append(_hit(words, i, i + n - 1, skip, {}, scored=scored, shared=shared))
                free = i + n
        return hits

    def _translit_at(self, raw: tuple[str, ...]) -> tuple[int, int, _Scores] | None:
        """The longest transliterated name starting a run of name-like words: (words, folded
        chars of proclitics, candidates and shared parts), or None. Depends on the words
        only, so it is cached per distinct run."""
        facts = self._facts[raw[0]]
        arabic = facts.token.arabic
        keys = [self._facts[w].token.key for w in raw]
        latin_particle = not arabic and keys[0] in NAME_PARTICLES
        for n in range(len(raw), 0, -1):
            if not arabic and (keys[n - 1] in NAME_PARTICLES or not raw[n - 1][0].isupper()):
                continue  # a Latin name ends on a capitalized word
            if latin_particle and n == 1:
                continue
            rest = tuple(keys[1:n])
            for first, skip in self._translit_readings(facts):
                if first in self.common and all(w in self.common for w in rest):
                    continue  # frequent words are read as words ("Speaker"), not as names
                scores = self._score((first, *rest), arabic)
                if scores[0] or scores[1]:
                    return n, skip, scores
        return None

    def _score(self, words: tuple[str, ...], arabic: bool) -> _Scores:
        cached = self._scores.get((words, arabic))
        if cached is None:
            cached = ((), ())
            if not arabic or (
                first_word_skeletons(words[0], arabic) & self.lex.phonetic.words
                and (self.exhaustive or self._may_match_arabic(words))
            ):
                scored, shared = score_span_shared(self.lex.phonetic, words, arabic)
                cached = (tuple(scored), shared)
            if len(self._scores) > 1 << 16:
                self._scores.clear()
            self._scores[(words, arabic)] = cached
            if self._learned is not None:
                self._learned.append(((words, arabic), cached))
        return cached


def _single_skeleton(word: str) -> str | None:
    """The one skeleton of an Arabic word, or None if it has none or several."""
    forms = forms_of_words((word,), True)
    return forms[0].skeleton if len(forms) == 1 else None


def _continued(words: Words, starts: WordCache[str, frozenset[str]]) -> list[int]:
    """The words at which ``starts`` says something may start: those it gives ALWAYS, and
    those whose next word's key is in the set it gives (C per word, Python per candidate:
    one comprehension measured quicker than doing the per-candidate step in ``map``s)."""
    raw, folded, last = words.raw, words.folded, len(words) - 1
    marks = itertools.compress(range(len(words)), map(starts.__getitem__, raw))
    return [
        i
        for i in marks
        if (after := starts[raw[i]]) is ALWAYS or (i < last and folded[i + 1].key in after)
    ]


def _as_written(words: Words, i: int, n: int, skip: int) -> str:
    """The text of words ``i .. i+n-1`` without the first word's ``skip`` folded chars."""
    start = words.starts[i] + (words.folded[i].starts[skip] if skip else 0)
    end = words.starts[i + n - 1] + words.folded[i + n - 1].ends[-1]
    return words.text[start:end]


def _leftmost(where: Iterable[int], at: Callable[[int], Hit | None]) -> list[Hit]:
    """Leftmost-longest scanning over candidate words (in increasing order): take the hit
    starting at each, continue after it."""
    hits: list[Hit] = []
    free = 0
    for i in where:
        if i < free:
            continue
        hit = at(i)
        if hit is not None:
            hits.append(hit)
            free = hit.last + 1
    return hits


def _hit(
    words: Words,
    first: int,
    last: int,
    skip: int,
    owners: Owners,
    cues: dict[str, str] | None = None,
    scored: tuple[Scored, ...] = (),
    shared: tuple[Shared, ...] = (),
) -> Hit:
    word_start = words.starts[first]
    start = word_start + words.folded[first].starts[skip] if skip else word_start
    end = words.starts[last] + words.folded[last].ends[-1]
    if last > first and _dotted_initials(words, last) and words.text[end : end + 1] == ".":
        end += 1  # U.S. and U.N. keep their last full stop
    return Hit(first, last, start, end, owners, word_start, cues or {}, scored, shared)


def _dotted_initials(words: Words, last: int) -> bool:
    """Do the last two words read as dotted capitals (U.S, U.N)?"""
    a, b = words.raw[last - 1], words.raw[last]
    return len(a) == len(b) == 1 and a.isupper() and b.isupper() and words.gaps_dot(last - 1)
