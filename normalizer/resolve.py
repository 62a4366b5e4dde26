"""Turn index hits into mentions and lookup matches: one owner is a resolution, several are
an ambiguity reported with every candidate (``id`` None), never a silent pick.

All matching thresholds are named in :mod:`normalizer.thresholds`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from normalizer.lexicon.compile import CompiledLexicon, Owners
from normalizer.model import Candidate, Match, Mention, Method
from normalizer.scan import Hit
from normalizer.text.scripts import is_arabic
from normalizer.thresholds import AMBIGUITY_MARGIN, EXACT_SCORE

if TYPE_CHECKING:
    from normalizer.candidates import Scored


def candidates(lex: CompiledLexicon, owners: Owners, arabic: bool) -> tuple[Candidate, ...]:
    """Every owner as a candidate, best method first, then by id (deterministic)."""
    ranked = sorted(owners.items(), key=lambda kv: (kv[1] != Method.EXACT, kv[0]))
    return tuple(
        Candidate(i, lex.entries[i].canonical(arabic), lex.entries[i].type, EXACT_SCORE, m)
        for i, m in ranked
    )


def _decide(
    lex: CompiledLexicon, owners: Owners, arabic: bool
) -> tuple[str | None, str | None, str | None, Method, tuple[Candidate, ...]]:
    cands = candidates(lex, owners, arabic)
    if len(cands) == 1:
        c = cands[0]
        return c.id, c.canonical, c.type, c.method, ()
    return None, None, None, cands[0].method, cands


def to_mention(lex: CompiledLexicon, text: str, hit: Hit) -> Mention:
    """The mention of a scanner hit in ``text``."""
    surface = text[hit.start : hit.end]
    entry_id, canonical, etype, method, cands = _decide(lex, hit.owners, is_arabic_text(surface))
    return Mention(
        start=hit.start,
        end=hit.end,
        surface=surface,
        id=entry_id,
        canonical=canonical,
        type=etype,
        score=EXACT_SCORE,
        method=method,
        candidates=cands,
        proclitic=text[hit.word_start : hit.start],
    )


def to_match(lex: CompiledLexicon, query: str, owners: Owners) -> Match:
    """A lookup result for ``query`` owned by ``owners``."""
    entry_id, canonical, etype, method, cands = _decide(lex, owners, is_arabic_text(query))
    return Match(query, entry_id, canonical, etype, EXACT_SCORE, method, cands)


def is_arabic_text(s: str) -> bool:
    """True when the first letter of ``s`` is Arabic script (decides the canonical's script)."""
    return next((is_arabic(c) for c in s if c.isalpha()), False)


def decide_scored(
    lex: CompiledLexicon, scored: list[Scored], arabic: bool
) -> tuple[str | None, float, Method, tuple[Candidate, ...]] | None:
    """The entry a scored candidate list resolves to: (id, score, method, candidates); id is
    None when the runner-up is within AMBIGUITY_MARGIN of the best."""
    if not scored:
        return None
    best = scored[0]
    close = [s for s in scored if best.score - s.score < AMBIGUITY_MARGIN]
    if len(close) == 1:
        return best.entry_id, best.score, best.method, ()
    cands = tuple(
        Candidate(
            s.entry_id,
            lex.entries[s.entry_id].canonical(arabic),
            lex.entries[s.entry_id].type,
            round(s.score, 4),
            s.method,
        )
        for s in close
    )
    return None, best.score, best.method, cands


def scored_match(lex: CompiledLexicon, query: str, scored: list[Scored]) -> Match | None:
    """A lookup result from transliteration candidates, or None."""
    arabic = is_arabic_text(query)
    decided = decide_scored(lex, scored, arabic)
    if decided is None:
        return None
    entry_id, score, method, cands = decided
    if entry_id is None:
        return Match(query, None, None, None, round(score, 4), method, cands)
    entry = lex.entries[entry_id]
    return Match(query, entry_id, entry.canonical(arabic), entry.type, round(score, 4), method)
