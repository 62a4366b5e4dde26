"""``explain``: what a maintainer chasing a miss needs to see about one term."""

from __future__ import annotations

from dataclasses import dataclass

from normalizer.lexicon.compile import CompiledLexicon
from normalizer.lookup import lookup_term
from normalizer.model import Match, Method
from normalizer.phonetic import forms_of_words
from normalizer.scan import Scanner
from normalizer.text.fold import fold, tokenize

#: Candidates shown by explain.
TOP = 5


@dataclass(frozen=True, slots=True)
class ExplainedCandidate:
    """One entry weighed for the term: the name it was scored on and how."""

    id: str
    name: str
    score: float
    method: Method
    agreement: float
    partial: bool


@dataclass(frozen=True, slots=True)
class Explanation:
    """The folded form, the phonetic keys (skeleton/vowel slots, one per reading), the top
    candidates and the decision with its reason."""

    term: str
    folded: str
    keys: tuple[str, ...]
    candidates: tuple[ExplainedCandidate, ...]
    match: Match | None
    reason: str


def explain_term(
    lex: CompiledLexicon, scanner: Scanner, term: str, *, fuzzy: bool = True
) -> Explanation:
    """Explain the lookup of ``term``.

    >>> from normalizer import Normalizer
    >>> e = Normalizer.default().explain("Kathimi")
    >>> e.folded, e.match.id if e.match else None, e.reason.split(" match")[0]
    ('kathimi', 'person.mustafa-al-kadhimi', 'phonetic')
    """
    trace = lookup_term(lex, scanner, term, fuzzy=fuzzy)
    tokens = tokenize(term)
    words = trace.words or tuple(t.key for t in tokens)
    arabic = bool(tokens) and tokens[0].arabic
    keys = tuple(
        f"{f.skeleton}/{'/'.join(f.slots)}" for f in forms_of_words(words, arabic) if words
    )
    cands = tuple(
        ExplainedCandidate(s.entry_id, s.name, round(s.score, 4), s.method, s.agreement, s.partial)
        for s in trace.scored[:TOP]
    )
    return Explanation(term, fold(term).key, keys, cands, trace.match, trace.reason)
