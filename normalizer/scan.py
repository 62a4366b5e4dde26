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

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from normalizer.candidates import Scored, first_word_skeletons, score_span
from normalizer.lexicon.compile import CompiledLexicon, Owners
from normalizer.text.fold import Token, light_form, tokenize
from normalizer.text.sentences import joins as word_joins
from normalizer.text.tables import word_list
from normalizer.thresholds import MAX_TRANSLIT_WORDS

#: The cue (as written in the text) that admits a context alias of an entry, or None.
CueFor = Callable[[str], str | None]
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


class Scanner:
    """Scans texts against one compiled lexicon."""

    def __init__(self, lexicon: CompiledLexicon) -> None:
        self.lex = lexicon
        self.stop = stop_words()
        self.common = word_list("common_words.txt")
        self._scores: dict[tuple[tuple[str, ...], bool], tuple[Scored, ...]] = {}

    def _blocked(self, text: str, token: Token, skip: int) -> bool:
        start = token.offset(skip) if skip else token.start
        light = light_form(text[start : token.end])
        return light in self.stop and light not in self.lex.name_light_forms

    def owners_of(
        self, text: str, tokens: list[Token], i: int, n: int, cue_for: CueFor
    ) -> tuple[Owners, dict[str, str], int] | None:
        """The entries named by words ``i .. i+n-1``: owners, the context-alias owners admitted
        by a cue (with that cue), and how many folded chars of the first word are proclitics."""
        rest = [t.key for t in tokens[i + 1 : i + n]]
        if any(self._blocked(text, t, 0) for t in tokens[i + 1 : i + n]):
            return None
        for first, skip in proclitic_readings(tokens[i]):
            if self.lex.first_tokens.get(first, 0) < n:
                continue
            key = " ".join([first, *rest])
            owners = dict(self.lex.index.get(key, {}))
            cues: dict[str, str] = {}
            for entry_id, method in self.lex.weak.get(key, {}).items():
                cue = None if entry_id in owners else cue_for(entry_id)
                if cue is not None:
                    owners[entry_id] = method
                    cues[entry_id] = cue
            if owners and not self._blocked(text, tokens[i], skip):
                return owners, cues, skip
        return None

    def document_cues(self, tokens: list[Token]) -> CueFor:
        """A cue test over a whole text (used by :meth:`scan` and lookups)."""
        doc = " " + " ".join(t.key for t in tokens) + " "

        def cue_for(entry_id: str) -> str | None:
            return next((c for c in self.lex.cues.get(entry_id, ()) if f" {c} " in doc), None)

        return cue_for

    def cues_in(self, text: str, tokens: list[Token]) -> dict[str, str]:
        """The context cues among ``tokens`` (an Arabic word may carry proclitics):
        folded cue → the cue as written."""
        found: dict[str, str] = {}
        cue_first = self.lex.cue_first
        for i, token in enumerate(tokens):
            for first, skip in proclitic_readings(token):
                most = cue_first.get(first, 0)
                for n in range(1, min(most, len(tokens) - i) + 1):
                    cue = " ".join([first, *(t.key for t in tokens[i + 1 : i + n])])
                    if cue in self.lex.cue_keys and cue not in found:
                        start = token.offset(skip) if skip else token.start
                        last = tokens[i + n - 1]
                        found[cue] = text[start : last.start + last.folded.ends[-1]]
        return found

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
        counting when a cue occurs anywhere in ``text`` (the exact layer, for reference)."""
        tokens = tokenize(text)
        return self.exact_hits(text, tokens, word_joins(text, tokens), self.document_cues(tokens))

    def exact_hits(
        self, text: str, tokens: list[Token], joins: list[bool], cue_for: CueFor
    ) -> list[Hit]:
        """Leftmost-longest curated names among ``tokens`` (``joins[k]``: may a name continue
        from word k to word k+1)."""
        max_n = self.lex.max_tokens
        return _leftmost(
            len(tokens), lambda i: self._longest_at(text, tokens, joins, i, max_n, cue_for)
        )

    def _longest_at(
        self,
        text: str,
        tokens: list[Token],
        joins: list[bool],
        i: int,
        max_n: int,
        cue_for: CueFor,
    ) -> Hit | None:
        reach = 1
        while reach < max_n and i + reach < len(tokens) and joins[i + reach - 1]:
            reach += 1
        for n in range(reach, 0, -1):
            if n == 1:
                owners = self.acronym(text, tokens[i])
                if owners:
                    return _hit(tokens, i, i, 0, owners)
            found = self.owners_of(text, tokens, i, n, cue_for)
            if found is not None:
                return _hit(tokens, i, i + n - 1, found[2], found[0], found[1])
        return None

    # --- transliteration matching in running text ----------------------------------------

    def _name_like(self, text: str, token: Token) -> bool:
        """May this word be part of a name the lexicon does not spell (a proper noun)?"""
        if not any(ch.isalpha() for ch in token.key) or self._blocked(text, token, 0):
            return False
        if token.arabic:  # no reading of it may be a function word (وعلى = و + على)
            return len(token.key) >= 2 and not any(
                self._blocked(text, token, skip) for _, skip in proclitic_readings(token) if skip
            )
        first = text[token.start]
        return (first.isupper() and not self.is_acronym_like(text, token)) or (
            token.key in NAME_PARTICLES
        )

    def translit_hits(
        self, text: str, tokens: list[Token], joins: list[bool], covered: set[int]
    ) -> list[Hit]:
        """Names matched by transliteration (phonetic, fuzzy) among the words no curated name
        covers: runs of capitalized Latin words (with al-, bin ... inside) and Arabic words
        off the stop list, leftmost-longest within each run."""
        like = [i not in covered and self._name_like(text, t) for i, t in enumerate(tokens)]

        def at(i: int) -> Hit | None:
            if not like[i]:
                return None
            reach = 1
            while (
                reach < MAX_TRANSLIT_WORDS
                and i + reach < len(tokens)
                and like[i + reach]
                and joins[i + reach - 1]
                and tokens[i + reach].arabic == tokens[i].arabic
            ):
                reach += 1
            return self._translit_at(text, tokens, i, reach)

        return _leftmost(len(tokens), at)

    def _translit_at(self, text: str, tokens: list[Token], i: int, reach: int) -> Hit | None:
        arabic = tokens[i].arabic
        latin_particle = not arabic and tokens[i].key in NAME_PARTICLES
        for n in range(reach, 0, -1):
            last = tokens[i + n - 1]
            if not arabic and (last.key in NAME_PARTICLES or not text[last.start].isupper()):
                continue  # a Latin name ends on a capitalized word
            if latin_particle and n == 1:
                continue
            rest = tuple(t.key for t in tokens[i + 1 : i + n])
            for first, skip in proclitic_readings(tokens[i]):
                if skip and (self._blocked(text, tokens[i], skip) or tokens[i].key in self.common):
                    continue  # وعلى is و + على; واسعة is a word, not و + اسعة
                if first in self.common and all(w in self.common for w in rest):
                    continue  # frequent words are read as words ("Speaker"), not as names
                scored = self._score((first, *rest), arabic)
                if scored:
                    return _hit(tokens, i, i + n - 1, skip, {}, scored=scored)
        return None

    def _score(self, words: tuple[str, ...], arabic: bool) -> tuple[Scored, ...]:
        cached = self._scores.get((words, arabic))
        if cached is None:
            cached = ()
            if not arabic or first_word_skeletons(words[0], arabic) & self.lex.phonetic.words:
                cached = tuple(score_span(self.lex.phonetic, words, arabic))
            if len(self._scores) > 1 << 16:
                self._scores.clear()
            self._scores[(words, arabic)] = cached
        return cached


def _leftmost(n_words: int, at: Callable[[int], Hit | None]) -> list[Hit]:
    """Leftmost-longest scanning: take the hit starting at each word, continue after it."""
    hits: list[Hit] = []
    i = 0
    while i < n_words:
        hit = at(i)
        if hit is None:
            i += 1
        else:
            hits.append(hit)
            i = hit.last + 1
    return hits


def _hit(
    tokens: list[Token],
    first: int,
    last: int,
    skip: int,
    owners: Owners,
    cues: dict[str, str] | None = None,
    scored: tuple[Scored, ...] = (),
) -> Hit:
    start = tokens[first].offset(skip) if skip else tokens[first].start
    end = tokens[last].start + tokens[last].folded.ends[-1]
    return Hit(first, last, start, end, owners, tokens[first].start, cues or {}, scored)
