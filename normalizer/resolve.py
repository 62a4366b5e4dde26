"""Turn index hits into mentions and lookup matches: one owner is a resolution, several are
an ambiguity reported with every candidate (``id`` None), never a silent pick.

All matching thresholds are named in :mod:`normalizer.thresholds`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from normalizer.lexicon.compile import CompiledLexicon
from normalizer.lexicon.packed import Owners
from normalizer.model import Candidate, Match, Mention, Method
from normalizer.scan import Hit
from normalizer.text.scripts import first_letter_arabic
from normalizer.text.words import WordCache
from normalizer.thresholds import AMBIGUITY_MARGIN, EXACT_SCORE

if TYPE_CHECKING:
    from normalizer.candidates import Scored, Shared


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


#: Is a mention's first letter Arabic, per distinct surface (a dict lookup, not a regex).
_SURFACE_ARABIC: WordCache[str, bool] = WordCache(first_letter_arabic)

#: Widely shared parts whose named persons a document keeps (see
#: :meth:`DocumentContext.named_among`); past this they are dropped and checked again.
MAX_PARTS_KEPT = 1 << 14

#: Where a folded cue was seen, as written (None: not seen).
CueLookup = Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class _Option:
    entry_id: str
    score: float
    method: Method
    partial: bool = False
    cue: str | None = None


@dataclass(slots=True)
class DocumentContext:
    """What a document has said so far: context cues seen in earlier sentences and in the
    current one (folded cue → as written), and persons named in full (id → start offset;
    remembered through :meth:`name`)."""

    earlier: dict[str, str] = field(default_factory=dict)
    here: dict[str, str] = field(default_factory=dict)
    named: dict[str, int] = field(default_factory=dict)
    # the persons of ``named`` in the order they were first named; per widely shared part
    # (its set of persons, by id): the set, how many of them were checked, those among it
    _order: list[str] = field(default_factory=list)
    _among: dict[int, tuple[frozenset[str], int, list[str]]] = field(default_factory=dict)

    def name(self, entry_id: str, start: int) -> None:
        """Remember a person named in full at document offset ``start``."""
        if entry_id not in self.named:
            self._order.append(entry_id)
        self.named[entry_id] = start

    def named_among(self, persons: frozenset[str]) -> list[str]:
        """The persons named so far who are among ``persons`` (a widely shared part's). A
        long document names thousands of persons, a common part at 100,000 entries has
        thousands, and the same parts come up again and again: a part is checked only
        against the persons named since it was last asked about, or its own persons
        against all named when they are fewer."""
        order = self._order
        kept = self._among.get(id(persons))
        if kept is not None and kept[0] is persons:
            _, checked, found = kept
            if checked == len(order):
                return found
            if len(order) - checked < len(persons):
                found.extend(e for e in order[checked:] if e in persons)
                self._among[id(persons)] = (persons, len(order), found)
                return found
        if len(persons) < len(self.named):
            found = list(self.named.keys() & persons)
        else:
            found = list(persons.intersection(self.named))
        if len(self._among) >= MAX_PARTS_KEPT:
            self._among.clear()
        self._among[id(persons)] = (persons, len(order), found)
        return found

    def cue(self, lex: CompiledLexicon, entry_id: str, *, here_only: bool = False) -> str | None:
        """The first of the entry's cues present in this sentence (or, unless ``here_only``,
        earlier in the document), as written; None when there is none."""
        earlier = None if here_only else self.earlier.get
        return first_cue(lex.cues.get(entry_id, ()), self.here.get, earlier)

    def end_sentence(self) -> None:
        """Move the current sentence's cues into the document's memory."""
        for k, v in self.here.items():
            self.earlier.setdefault(k, v)
        self.here = {}


def first_cue(cues: Sequence[str], here: CueLookup, earlier: CueLookup | None = None) -> str | None:
    """The first of ``cues`` found in the sentence (``here``: folded cue → as written, or
    None), else the first found earlier in the document; None when there is none."""
    found = next((w for c in cues if (w := here(c)) is not None), None)
    if found is None and earlier is not None:
        found = next((w for c in cues if (w := earlier(c)) is not None), None)
    return found


def _options(hit: Hit, ctx: DocumentContext) -> list[_Option]:
    if hit.scored or hit.shared:
        opts = [_Option(s.entry_id, round(s.score, 4), s.method, s.partial) for s in hit.scored]
        scored = {o.entry_id for o in opts}
        opts += [o for o in _antecedents(hit.shared, ctx) if o.entry_id not in scored]
    else:
        opts = [_Option(i, EXACT_SCORE, m, False, hit.cues.get(i)) for i, m in hit.owners.items()]
    return sorted(opts, key=lambda o: (-o.score, o.method != Method.EXACT, o.entry_id))


def _antecedents(shared: Sequence[Shared], ctx: DocumentContext) -> list[_Option]:
    """The persons named in full so far who have a widely shared name part the span reads
    as, each with its best score (in the span's script when it has one there, as
    :func:`~normalizer.candidates.score_span` merges): the only way such a part names one."""
    same: dict[str, _Option] = {}
    cross: dict[str, _Option] = {}
    for part in shared:
        table = same if part.same_script else cross
        for entry_id in ctx.named_among(part.entries):
            old = table.get(entry_id)
            if old is None or part.score > old.score:
                table[entry_id] = _Option(entry_id, round(part.score, 4), part.method, True)
    cross.update(same)  # the span's own script decides, as in score_span
    return [o for o in cross.values() if o.score > 0]


def _choose(
    lex: CompiledLexicon, options: list[_Option], ctx: DocumentContext
) -> tuple[_Option | None, list[_Option], str | None, int | None]:
    """(chosen option or None, the close options, deciding cue, antecedent offset)."""
    close = [o for o in options if options[0].score - o.score < AMBIGUITY_MARGIN]
    named = [o for o in options if o.entry_id in ctx.named]
    if len(named) == 1 and (len(options) > 1 or options[0].partial):
        return named[0], close, None, ctx.named[named[0].entry_id]
    if len(close) == 1:
        return close[0], close, close[0].cue, None
    for here_only in (True, False):
        cued = [(o, ctx.cue(lex, o.entry_id, here_only=here_only)) for o in close]
        cued = [(o, c) for o, c in cued if c is not None]
        if len(cued) == 1:
            return cued[0][0], close, cued[0][1], None
        if cued:
            break  # cues for several candidates: leave it ambiguous
    return None, close, None, None


def resolve_hit(
    lex: CompiledLexicon, text: str, hit: Hit, ctx: DocumentContext, base: int = 0
) -> Mention | None:
    """The mention of a hit in ``text`` (which starts at document offset ``base``), decided
    in the light of the document so far; persons named in full are remembered in ``ctx``.
    None when the hit is only a widely shared name part and no antecedent has it."""
    surface = text[hit.start : hit.end]
    arabic = _SURFACE_ARABIC[surface]
    if len(hit.owners) == 1 and not hit.scored:  # one curated owner: nothing to decide
        ((entry_id, method),) = hit.owners.items()
        entry = lex.entries[entry_id]
        if entry.type == "person":
            ctx.name(entry_id, base + hit.start)
        return Mention(
            base + hit.start,
            base + hit.end,
            surface,
            entry_id,
            entry.canonical(arabic),
            entry.type,
            EXACT_SCORE,
            method,
            (),
            text[hit.word_start : hit.start],
            hit.cues.get(entry_id),
        )
    options = _options(hit, ctx)
    if not options:
        return None
    chosen, close, cue, antecedent = _choose(lex, options, ctx)
    start, end = base + hit.start, base + hit.end
    proclitic = text[hit.word_start : hit.start]
    if chosen is None:
        cands = tuple(
            Candidate(
                o.entry_id,
                lex.entries[o.entry_id].canonical(arabic),
                lex.entries[o.entry_id].type,
                o.score,
                o.method,
            )
            for o in close
        )
        return Mention(
            start, end, surface, None, None, None, close[0].score, close[0].method, cands, proclitic
        )
    entry = lex.entries[chosen.entry_id]
    if entry.type == "person" and not chosen.partial:
        ctx.name(entry.id, start)
    elif chosen.partial and antecedent is None:
        antecedent = ctx.named.get(entry.id)
    return Mention(
        start,
        end,
        surface,
        entry.id,
        entry.canonical(arabic),
        entry.type,
        chosen.score,
        chosen.method,
        (),
        proclitic,
        cue,
        antecedent,
    )


def to_match(lex: CompiledLexicon, query: str, owners: Owners) -> Match:
    """A lookup result for ``query`` owned by ``owners``."""
    entry_id, canonical, etype, method, cands = _decide(lex, owners, first_letter_arabic(query))
    return Match(query, entry_id, canonical, etype, EXACT_SCORE, method, cands)


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
    arabic = first_letter_arabic(query)
    decided = decide_scored(lex, scored, arabic)
    if decided is None:
        return None
    entry_id, score, method, cands = decided
    if entry_id is None:
        return Match(query, None, None, None, round(score, 4), method, cands)
    entry = lex.entries[entry_id]
    return Match(query, entry_id, entry.canonical(arabic), entry.type, round(score, 4), method)
