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
  context cues occurs in the same document.
* Overlaps: leftmost-longest. At each word the longest name starting there wins (counted in
  words); between equally long candidates, the unstripped word beats a proclitic reading,
  and a case-exact acronym beats a folded name. The scan then continues after the match.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from normalizer.lexicon.compile import CompiledLexicon, Owners
from normalizer.text.fold import Token, light_form, tokenize
from normalizer.text.scripts import JOINER_RE
from normalizer.text.tables import word_list

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


def stop_words() -> frozenset[str]:
    """The stop list (``tables/stopwords.txt``)."""
    return word_list("stopwords.txt")


def proclitic_readings(token: Token) -> list[tuple[str, int]]:
    """Ways to read an Arabic word as proclitics + name: (name key, folded chars skipped).

    >>> from normalizer.text.fold import tokenize
    >>> [r for r in proclitic_readings(tokenize("وللحشد")[0])]
    [('وللحشد', 0), ('للحشد', 1), ('لحشد', 2), ('الحشد', 2), ('حشد', 2)]
    """
    readings = [(token.key, 0)]
    if not token.arabic:
        return readings
    key = token.key
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
    return readings


class Scanner:
    """Scans texts against one compiled lexicon."""

    def __init__(self, lexicon: CompiledLexicon) -> None:
        self.lex = lexicon
        self.stop = stop_words()

    def _blocked(self, text: str, token: Token, skip: int) -> bool:
        start = token.offset(skip) if skip else token.start
        light = light_form(text[start : token.end])
        return light in self.stop and light not in self.lex.name_light_forms

    def owners_of(
        self, text: str, tokens: list[Token], i: int, n: int, cue_doc: list[str]
    ) -> tuple[Owners, int] | None:
        """The entries named by words ``i .. i+n-1`` (and how many folded chars of the first
        word are proclitics), or None."""
        rest = [t.key for t in tokens[i + 1 : i + n]]
        if any(self._blocked(text, t, 0) for t in tokens[i + 1 : i + n]):
            return None
        for first, skip in proclitic_readings(tokens[i]):
            if self.lex.first_tokens.get(first, 0) < n:
                continue
            key = " ".join([first, *rest])
            owners = dict(self.lex.index.get(key, {}))
            for entry_id, method in self.lex.weak.get(key, {}).items():
                if entry_id not in owners and self._cue_present(entry_id, tokens, cue_doc):
                    owners[entry_id] = method
            if owners and not self._blocked(text, tokens[i], skip):
                return owners, skip
        return None

    def _cue_present(self, entry_id: str, tokens: list[Token], cue_doc: list[str]) -> bool:
        if not cue_doc:
            cue_doc.append(" " + " ".join(t.key for t in tokens) + " ")
        return any(f" {cue} " in cue_doc[0] for cue in self.lex.cues.get(entry_id, ()))

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
        """Every leftmost-longest, non-overlapping name in ``text``."""
        tokens = tokenize(text)
        joins = [
            JOINER_RE.fullmatch(text, a.end, b.start) is not None
            for a, b in itertools.pairwise(tokens)
        ]
        max_n = self.lex.max_tokens
        cue_doc: list[str] = []
        hits: list[Hit] = []
        i = 0
        while i < len(tokens):
            hit = self._longest_at(text, tokens, joins, i, max_n, cue_doc)
            if hit is None:
                i += 1
            else:
                hits.append(hit)
                i = hit.last + 1
        return hits

    def _longest_at(
        self,
        text: str,
        tokens: list[Token],
        joins: list[bool],
        i: int,
        max_n: int,
        cue_doc: list[str],
    ) -> Hit | None:
        reach = 1
        while reach < max_n and i + reach < len(tokens) and joins[i + reach - 1]:
            reach += 1
        for n in range(reach, 0, -1):
            if n == 1:
                owners = self.acronym(text, tokens[i])
                if owners:
                    return self._hit(tokens, i, i, owners, 0)
            found = self.owners_of(text, tokens, i, n, cue_doc)
            if found is not None:
                return self._hit(tokens, i, i + n - 1, found[0], found[1])
        return None

    @staticmethod
    def _hit(tokens: list[Token], first: int, last: int, owners: Owners, skip: int) -> Hit:
        start = tokens[first].offset(skip) if skip else tokens[first].start
        end = tokens[last].start + tokens[last].folded.ends[-1]
        return Hit(first, last, start, end, owners, tokens[first].start)
