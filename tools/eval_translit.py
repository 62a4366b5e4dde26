"""Evaluate name resolution on the transliteration dev set (tests/data/translit_dev.yaml).

Measures three systems in one run, each over lexicons built from canonical names only:

- ``normalizer``: :class:`normalizer.Normalizer` with fuzzy (phonetic + edit distance) matching;
- ``exact``: the same normalizer restricted to exact/alias matching after folding (baseline);
- ``wratio``: rapidfuzz ``WRatio`` over folded canonical names, cutoff 85 (baseline).

Metrics: recall on Latin variants, on Arabic variants, cross-script recall (an English-only
lexicon queried with Arabic variants and an Arabic-only lexicon queried with Latin variants),
wrong-match rate over all those lookups, and near-miss pairs merged. It is a report: the exit
code is 0 whatever the figures, 2 only if the data file is missing or invalid.

Usage: ``python tools/eval_translit.py [--data PATH] [--json OUT] [--limit N] [--show-misses]``

The metric functions take a *lookup factory* (lexicon entities -> term -> result), so they can
be unit-tested with stubs (tests/test_eval_translit.py).
"""

from __future__ import annotations

import argparse
import inspect
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "tests" / "data" / "translit_dev.yaml"

#: Lexicon ids must match this (docs/lexicon-format.md).
ID_RE = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
#: The rapidfuzz baseline's score cutoff (0-100).
WRATIO_CUTOFF = 85.0
#: Names of the three systems, in column order.
SYSTEMS = ("normalizer", "exact", "wratio")

Script = Literal["latin", "arabic"]
Names = Literal["both", "en", "ar"]


# --------------------------------------------------------------------------- data


class DataError(Exception):
    """The dev set file is missing or does not have the expected shape."""


@dataclass(frozen=True, slots=True)
class LexEntity:
    """One lexicon entry as the evaluation builds it: an id, a type, canonical names only."""

    id: str
    type: str
    en: str | None
    ar: str | None

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical names that exist (en first)."""
        return tuple(n for n in (self.en, self.ar) if n)


@dataclass(frozen=True, slots=True)
class DevEntity:
    """A dev-set entity: canonical names plus the variant spellings to look up."""

    id: str
    type: str
    en: str
    ar: str
    latin: tuple[str, ...]
    arabic: tuple[str, ...]

    def lex(self, names: Names = "both") -> LexEntity:
        """This entity as a lexicon entry carrying both canonical names or only one."""
        return LexEntity(
            self.id,
            self.type,
            self.en if names in ("both", "en") else None,
            self.ar if names in ("both", "ar") else None,
        )


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a near-miss pair: canonical names (at least one)."""

    en: str | None
    ar: str | None

    @property
    def names(self) -> tuple[str, ...]:
        """The names that exist (en first)."""
        return tuple(n for n in (self.en, self.ar) if n)

    def label(self) -> str:
        """``en / ar`` for display."""
        return " / ".join(self.names)


@dataclass(frozen=True, slots=True)
class NearMissPair:
    """Two different entities with similar names; neither may resolve to the other, except
    that when ``b_is_part_of_a`` (b is a bare given name or kunya that is also a part of a's
    full name: Hussein / Saddam Hussein) b resolving to a follows the partial-name rule ("a
    partial name resolves to the only entry it fits") and is counted apart, not as merged."""

    index: int
    a: Side
    b: Side
    note: str
    b_is_part_of_a: bool = False


@dataclass(frozen=True, slots=True)
class DevSet:
    """The parsed dev set."""

    entities: tuple[DevEntity, ...]
    near_miss: tuple[NearMissPair, ...]


def _opt_str(value: object, where: str) -> str | None:
    """``value`` if it is None or a non-empty string; else a DataError."""
    if value is None:
        return None
    return _str(value, where)


def _str(value: object, where: str) -> str:
    """``value`` if it is a non-empty string; else a DataError."""
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"{where}: expected a non-empty string, got {value!r}")
    return value


def _map(value: object, where: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise DataError(f"{where}: expected a mapping, got {type(value).__name__}")
    return value


def _list(value: object, where: str) -> list[object]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise DataError(f"{where}: expected a list, got {type(value).__name__}")
    return value


def _entity(raw: object, where: str) -> DevEntity:
    m = _map(raw, where)
    eid = _str(m.get("id"), f"{where}.id")
    if not ID_RE.match(eid):
        raise DataError(f"{where}.id: {eid!r} does not match {ID_RE.pattern}")
    where = f"{where} ({eid})"
    etype = _str(m.get("type"), f"{where}.type")
    canonical = _map(m.get("canonical"), f"{where}.canonical")
    en = _str(canonical.get("en"), f"{where}.canonical.en")
    ar = _str(canonical.get("ar"), f"{where}.canonical.ar")
    variants = _map(m.get("variants") or {}, f"{where}.variants")
    unknown = set(variants) - {"latin", "arabic"}
    if unknown:
        raise DataError(f"{where}.variants: unknown keys {sorted(unknown)}")
    scripts: dict[str, tuple[str, ...]] = {}
    for script in ("latin", "arabic"):
        items = _list(variants.get(script), f"{where}.variants.{script}")
        scripts[script] = tuple(
            _str(v, f"{where}.variants.{script}[{i}]") for i, v in enumerate(items)
        )
    return DevEntity(eid, etype, en, ar, scripts["latin"], scripts["arabic"])


def _side(raw: object, where: str) -> Side:
    m = _map(raw, where)
    side = Side(
        _opt_str(m.get("en"), f"{where}.en"),
        _opt_str(m.get("ar"), f"{where}.ar"),
    )
    if not side.names:
        raise DataError(f"{where}: needs en and/or ar")
    return side


def parse_dev(doc: object, limit: int | None = None) -> DevSet:
    """Check and convert a loaded dev-set document; ``limit`` keeps the first N of each list."""
    top = _map(doc, "top level")
    raw_entities = _list(top.get("entities"), "entities")
    if not raw_entities:
        raise DataError("entities: missing or empty")
    raw_pairs = _list(top.get("near_miss"), "near_miss")
    if limit is not None:
        raw_entities, raw_pairs = raw_entities[:limit], raw_pairs[:limit]
    entities = tuple(_entity(e, f"entities[{i}]") for i, e in enumerate(raw_entities))
    seen: set[str] = set()
    for e in entities:
        if e.id in seen:
            raise DataError(f"entities: duplicate id {e.id!r}")
        seen.add(e.id)
    pairs = []
    for i, raw in enumerate(raw_pairs):
        m = _map(raw, f"near_miss[{i}]")
        a, b = _side(m.get("a"), f"near_miss[{i}].a"), _side(m.get("b"), f"near_miss[{i}].b")
        note = m.get("note")
        part = m.get("b_is_part_of_a", False)
        if not isinstance(part, bool):
            raise DataError(f"near_miss[{i}].b_is_part_of_a: expected true or false")
        pairs.append(NearMissPair(i, a, b, note if isinstance(note, str) else "", part))
    return DevSet(entities, tuple(pairs))


def load_dev(path: Path, limit: int | None = None) -> DevSet:
    """Read and check the dev set; raises :class:`DataError` with a readable message."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read: {exc}") from None
    try:
        doc = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: invalid YAML: {exc}") from None
    try:
        return parse_dev(doc, limit)
    except DataError as exc:
        raise DataError(f"{path}: {exc}") from None


# --------------------------------------------------------------------------- systems


@dataclass(frozen=True, slots=True)
class Result:
    """What a system returned for one term: an id (None when ambiguous) and how."""

    id: str | None
    method: str
    score: float
    candidates: tuple[str, ...] = ()


#: A built system: term -> result (None = no match).
Lookup = Callable[[str], Result | None]
#: Builds a system over a lexicon.
LookupFactory = Callable[[Sequence[LexEntity]], Lookup]


class CachedFactory:
    """Memoizes lexicon builds (by the exact entity tuple) and lookups per lexicon.

    Near-miss directions often need the same lexicon ("all entities but a"), so this keeps
    the number of builds to the number of distinct lexicons.
    """

    def __init__(self, factory: LookupFactory) -> None:
        self._factory = factory
        self._built: dict[tuple[LexEntity, ...], Lookup] = {}
        self.builds = 0
        self.build_seconds = 0.0

    def __call__(self, entities: Sequence[LexEntity]) -> Lookup:
        key = tuple(entities)
        found = self._built.get(key)
        if found is not None:
            return found
        t0 = time.perf_counter()
        inner = self._factory(key)
        self.build_seconds += time.perf_counter() - t0
        self.builds += 1
        memo: dict[str, Result | None] = {}

        def lookup(term: str) -> Result | None:
            if term not in memo:
                memo[term] = inner(term)
            return memo[term]

        self._built[key] = lookup
        return lookup


def fuzzy_supported() -> bool:
    """Whether ``Normalizer.from_paths`` takes the ``fuzzy`` keyword (added in the matcher work)."""
    from normalizer import Normalizer

    params = inspect.signature(Normalizer.from_paths).parameters
    p = params.get("fuzzy")
    return p is not None and p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)


def lexicon_document(entities: Iterable[LexEntity]) -> dict[str, Any]:
    """The lexicon YAML document (docs/lexicon-format.md) for these entities."""
    entries = []
    for e in entities:
        canonical = {k: v for k, v in (("en", e.en), ("ar", e.ar)) if v}
        entries.append({"id": e.id, "type": e.type, "canonical": canonical})
    return {"entries": entries}


def normalizer_factory(workdir: Path, fuzzy: bool | None) -> LookupFactory:
    """A factory building :class:`Normalizer` objects from temporary lexicon files in
    ``workdir``; ``fuzzy=None`` calls ``from_paths`` without the keyword (older library)."""
    from normalizer import Match, Normalizer

    kwargs: dict[str, Any] = {} if fuzzy is None else {"fuzzy": fuzzy}
    counter = 0

    def to_result(m: Match | None) -> Result | None:
        if m is None:
            return None
        cands = tuple(c.id for c in m.candidates)
        return Result(m.id, str(m.method), float(m.score), cands)

    def build(entities: Sequence[LexEntity]) -> Lookup:
        nonlocal counter
        counter += 1
        path = workdir / f"lexicon-{counter:05d}.yaml"
        with path.open("w", encoding="utf-8") as fh:
            yaml.safe_dump(lexicon_document(entities), fh, allow_unicode=True, sort_keys=False)
        try:
            n = Normalizer.from_paths([path], include_default=False, **kwargs)
        finally:
            path.unlink()
        return lambda term: to_result(n.lookup(term))

    return build


def wratio_factory(entities: Sequence[LexEntity]) -> Lookup:
    """Baseline: the best rapidfuzz ``WRatio`` match (cutoff 85) of the folded term among the
    folded canonical names (both scripts) of the lexicon."""
    from rapidfuzz import fuzz, process

    from normalizer.text import fold

    choices: dict[tuple[str, str], str] = {}
    for e in entities:
        for lang, name in (("en", e.en), ("ar", e.ar)):
            if name and (key := fold(name).key):
                choices[(e.id, lang)] = key

    def lookup(term: str) -> Result | None:
        query = fold(term).key
        if not query or not choices:
            return None
        hit = process.extractOne(
            query, choices, scorer=fuzz.WRatio, processor=None, score_cutoff=WRATIO_CUTOFF
        )
        if hit is None:
            return None
        _, score, (entity_id, _lang) = hit
        return Result(entity_id, "wratio", score / 100.0)

    return lookup


# --------------------------------------------------------------------------- metrics


@dataclass(frozen=True, slots=True)
class Record:
    """A lookup that did not return the expected id (a miss or a wrong match)."""

    measure: str
    query: str
    expected: str
    got: str | None
    method: str | None
    score: float | None
    candidates: tuple[str, ...] = ()


@dataclass(slots=True)
class Measure:
    """Counts for one set of lookups: correct, wrong (another id), ambiguous, no match."""

    name: str
    total: int = 0
    correct: int = 0
    wrong: int = 0
    ambiguous: int = 0
    none: int = 0
    misses: list[Record] = field(default_factory=list)  # ambiguous or no match
    wrongs: list[Record] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """correct / total (0 for an empty measure)."""
        return self.correct / self.total if self.total else 0.0

    def add(self, query: str, expected: str, r: Result | None) -> None:
        """Count one lookup of ``query`` whose right answer is ``expected``."""
        self.total += 1
        if r is not None and r.id == expected:
            self.correct += 1
            return
        rec = Record(
            self.name,
            query,
            expected,
            None if r is None else r.id,
            None if r is None else r.method,
            None if r is None else r.score,
            () if r is None else r.candidates,
        )
        if r is None:
            self.none += 1
            self.misses.append(rec)
        elif r.id is None:
            self.ambiguous += 1
            self.misses.append(rec)
        else:
            self.wrong += 1
            self.wrongs.append(rec)

    def merge(self, name: str, *others: Measure) -> Measure:
        """A measure counting this one and ``others`` together."""
        out = Measure(name)
        for m in (self, *others):
            out.total += m.total
            out.correct += m.correct
            out.wrong += m.wrong
            out.ambiguous += m.ambiguous
            out.none += m.none
            out.misses += m.misses
            out.wrongs += m.wrongs
        return out


def variant_recall(
    dev: DevSet,
    factory: LookupFactory,
    script: Script,
    names: Names = "both",
    name: str | None = None,
) -> Measure:
    """Look up every ``script`` variant in a lexicon of every entity with the given canonical
    names; a lookup is correct when it returns the entity's id."""
    lookup = factory([e.lex(names) for e in dev.entities])
    measure = Measure(name or f"{script}/{names}")
    for e in dev.entities:
        for variant in e.latin if script == "latin" else e.arabic:
            measure.add(variant, e.id, lookup(variant))
    return measure


def cross_script(dev: DevSet, factory: LookupFactory) -> tuple[Measure, Measure]:
    """(Arabic variants against an English-only lexicon, Latin variants against an
    Arabic-only lexicon): names given in one script must find the name in the other."""
    return (
        variant_recall(dev, factory, "arabic", "en", "cross:arabic->en"),
        variant_recall(dev, factory, "latin", "ar", "cross:latin->ar"),
    )


@dataclass(frozen=True, slots=True)
class Direction:
    """One direction of a near-miss pair: ``query`` side unknown, ``target`` side in the
    lexicon; ``got`` is the result of each of the query side's names."""

    target_id: str
    got: tuple[tuple[str, str | None, str | None, float | None], ...]  # name, id, method, score
    merged: bool
    ambiguous_with_target: bool


@dataclass(frozen=True, slots=True)
class PairResult:
    """Both directions of one near-miss pair."""

    pair: NearMissPair
    a_to_b: Direction
    b_to_a: Direction

    @property
    def merged(self) -> bool:
        """True when either side resolved to the other (b → a is allowed when b is a part of
        a's name)."""
        return self.a_to_b.merged or (self.b_to_a.merged and not self.pair.b_is_part_of_a)

    @property
    def resolved_as_part(self) -> bool:
        """b, a part of a's name, resolved to a by the partial-name rule."""
        return self.pair.b_is_part_of_a and self.b_to_a.merged


@dataclass(slots=True)
class NearMissReport:
    """Near-miss results: how many pairs were merged in either direction."""

    results: list[PairResult] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def merged(self) -> list[PairResult]:
        return [r for r in self.results if r.merged]

    @property
    def part_pairs(self) -> int:
        return sum(r.pair.b_is_part_of_a for r in self.results)

    @property
    def resolved_as_part(self) -> int:
        return sum(r.resolved_as_part for r in self.results)

    @property
    def merged_a_to_b(self) -> int:
        return sum(r.a_to_b.merged for r in self.results)

    @property
    def merged_b_to_a(self) -> int:
        return sum(r.b_to_a.merged and not r.pair.b_is_part_of_a for r in self.results)

    @property
    def ambiguous_with_other(self) -> int:
        """Pairs where a lookup came back ambiguous with the other side among the candidates
        (not counted as merged)."""
        return sum(
            (r.a_to_b.ambiguous_with_target or r.b_to_a.ambiguous_with_target) for r in self.results
        )


def _dev_by_names(dev: DevSet) -> dict[tuple[str, str], DevEntity]:
    return {(e.en, e.ar): e for e in dev.entities}


def side_entity(side: Side, dev: DevSet, fallback_id: str) -> LexEntity:
    """The dev entity with exactly these canonical names, else a new entity ``fallback_id``."""
    if side.en and side.ar:
        found = _dev_by_names(dev).get((side.en, side.ar))
        if found is not None:
            return found.lex()
    return LexEntity(fallback_id, "near-miss", side.en, side.ar)


def near_miss_lexicon(dev: DevSet, unknown: Side, known: LexEntity) -> list[LexEntity]:
    """Every dev entity except those sharing a canonical name with ``unknown``, plus ``known``."""
    out = [
        e.lex()
        for e in dev.entities
        if not ((unknown.en and e.en == unknown.en) or (unknown.ar and e.ar == unknown.ar))
    ]
    if all(e.id != known.id for e in out):
        out.append(known)
    return out


def _direction(dev: DevSet, factory: LookupFactory, query: Side, target: LexEntity) -> Direction:
    lookup = factory(near_miss_lexicon(dev, query, target))
    got: list[tuple[str, str | None, str | None, float | None]] = []
    merged = ambiguous = False
    for name in query.names:
        r = lookup(name)
        if r is None:
            got.append((name, None, None, None))
            continue
        got.append((name, r.id, r.method, r.score))
        merged |= r.id == target.id
        ambiguous |= r.id is None and target.id in r.candidates
    return Direction(target.id, tuple(got), merged, ambiguous)


def near_miss(dev: DevSet, factory: LookupFactory) -> NearMissReport:
    """For each pair (a, b): a lexicon without a but with b; a's names must not resolve to b.
    Then the same with a and b swapped. Generated ids are ``nm.a.<n>`` / ``nm.b.<n>``."""
    taken = {e.id for e in dev.entities}

    def fresh(prefix: str) -> str:
        new = prefix
        while new in taken:
            new += "-x"
        return new

    report = NearMissReport()
    for pair in dev.near_miss:
        a_ent = side_entity(pair.a, dev, fresh(f"nm.a.{pair.index}"))
        b_ent = side_entity(pair.b, dev, fresh(f"nm.b.{pair.index}"))
        report.results.append(
            PairResult(
                pair,
                _direction(dev, factory, pair.a, b_ent),
                _direction(dev, factory, pair.b, a_ent),
            )
        )
    return report


@dataclass(slots=True)
class SystemReport:
    """Every figure for one system."""

    name: str
    latin: Measure
    arabic: Measure
    cross_ar_en: Measure
    cross_la_ar: Measure
    near_miss: NearMissReport
    builds: int = 0
    build_seconds: float = 0.0
    seconds: float = 0.0

    @property
    def cross(self) -> Measure:
        """Both cross-script halves together."""
        return self.cross_ar_en.merge("cross", self.cross_la_ar)

    @property
    def all_lookups(self) -> Measure:
        """The lookups of all three recall measures together (for the wrong-match rate)."""
        return self.latin.merge("all", self.arabic, self.cross_ar_en, self.cross_la_ar)

    @property
    def wrong_rate(self) -> float:
        a = self.all_lookups
        return a.wrong / a.total if a.total else 0.0


def evaluate(
    dev: DevSet,
    factory: LookupFactory,
    name: str,
    progress: Callable[[str], None] = lambda _msg: None,
) -> SystemReport:
    """All metrics for one system (builds are cached across the metrics)."""
    t0 = time.perf_counter()
    cached = factory if isinstance(factory, CachedFactory) else CachedFactory(factory)
    progress(f"{name}: Latin variants")
    latin = variant_recall(dev, cached, "latin", "both", "latin")
    progress(f"{name}: Arabic variants")
    arabic = variant_recall(dev, cached, "arabic", "both", "arabic")
    progress(f"{name}: cross-script")
    ar_en, la_ar = cross_script(dev, cached)
    progress(f"{name}: near-miss pairs")
    nm = near_miss(dev, cached)
    return SystemReport(
        name,
        latin,
        arabic,
        ar_en,
        la_ar,
        nm,
        cached.builds,
        cached.build_seconds,
        time.perf_counter() - t0,
    )


# --------------------------------------------------------------------------- report


@dataclass(frozen=True, slots=True)
class Target:
    """A goal for the normalizer column."""

    key: str
    label: str
    op: Literal[">=", "<="]
    value: float

    def check(self, x: float) -> bool:
        return x >= self.value if self.op == ">=" else x <= self.value


TARGETS = (
    Target("recall_latin", "recall, Latin variants", ">=", 0.95),
    Target("recall_arabic", "recall, Arabic variants", ">=", 0.95),
    Target("recall_cross", "cross-script recall", ">=", 0.85),
    Target("wrong_rate", "wrong-match rate", "<=", 0.01),
    Target("near_miss_merged", "near-miss pairs merged", "<=", 0),
)


def figures(r: SystemReport) -> dict[str, Any]:
    """The headline figures and the counts behind them, JSON-ready."""
    al = r.all_lookups

    def m(x: Measure) -> dict[str, Any]:
        return {
            "recall": x.recall,
            "correct": x.correct,
            "total": x.total,
            "wrong": x.wrong,
            "ambiguous": x.ambiguous,
            "no_match": x.none,
        }

    return {
        "recall_latin": r.latin.recall,
        "recall_arabic": r.arabic.recall,
        "recall_cross": r.cross.recall,
        "wrong_rate": r.wrong_rate,
        "near_miss_merged": len(r.near_miss.merged),
        "counts": {
            "latin": m(r.latin),
            "arabic": m(r.arabic),
            "cross": m(r.cross),
            "cross_arabic_to_en_lexicon": m(r.cross_ar_en),
            "cross_latin_to_ar_lexicon": m(r.cross_la_ar),
            "all_lookups": m(al),
            "near_miss": {
                "pairs": r.near_miss.total,
                "merged": len(r.near_miss.merged),
                "merged_a_to_b": r.near_miss.merged_a_to_b,
                "merged_b_to_a": r.near_miss.merged_b_to_a,
                "part_pairs": r.near_miss.part_pairs,
                "resolved_as_part": r.near_miss.resolved_as_part,
                "ambiguous_with_other": r.near_miss.ambiguous_with_other,
            },
        },
        "lexicon_builds": r.builds,
        "build_seconds": round(r.build_seconds, 3),
        "seconds": round(r.seconds, 3),
    }


def _frac(num: int, den: int, digits: int = 3) -> str:
    return f"{(num / den if den else 0.0):.{digits}f} ({num}/{den})"


#: Table rows: label, cell of a system, key of the normalizer's target (or None).
_ROWS: tuple[tuple[str, Callable[[SystemReport], str], str | None], ...] = (
    ("recall, Latin variants", lambda r: _frac(r.latin.correct, r.latin.total), "recall_latin"),
    ("recall, Arabic variants", lambda r: _frac(r.arabic.correct, r.arabic.total), "recall_arabic"),
    ("cross-script recall", lambda r: _frac(r.cross.correct, r.cross.total), "recall_cross"),
    (
        "  Arabic -> en-only lexicon",
        lambda r: _frac(r.cross_ar_en.correct, r.cross_ar_en.total),
        None,
    ),
    (
        "  Latin -> ar-only lexicon",
        lambda r: _frac(r.cross_la_ar.correct, r.cross_la_ar.total),
        None,
    ),
    (
        "wrong-match rate (all lookups)",
        lambda r: _frac(r.all_lookups.wrong, r.all_lookups.total, 4),
        "wrong_rate",
    ),
    (
        "  ambiguous (id None: a miss)",
        lambda r: _frac(r.all_lookups.ambiguous, r.all_lookups.total, 4),
        None,
    ),
    ("  no match (a miss)", lambda r: _frac(r.all_lookups.none, r.all_lookups.total, 4), None),
    (
        "near-miss pairs merged",
        lambda r: f"{len(r.near_miss.merged)}/{r.near_miss.total}",
        "near_miss_merged",
    ),
    (
        "  a found as b / b found as a",
        lambda r: f"{r.near_miss.merged_a_to_b} / {r.near_miss.merged_b_to_a}",
        None,
    ),
    ("  ambiguous with the other side", lambda r: str(r.near_miss.ambiguous_with_other), None),
    (
        "  part of a's name, resolved to a",
        lambda r: f"{r.near_miss.resolved_as_part}/{r.near_miss.part_pairs}",
        None,
    ),
    (
        "lexicons built / build s / total s",
        lambda r: f"{r.builds} / {r.build_seconds:.2f} / {r.seconds:.2f}",
        None,
    ),
)


def format_table(reports: Sequence[SystemReport]) -> str:
    """Rows = metrics, columns = systems, then the target and PASS/FAIL for the first system
    (the normalizer)."""
    head = figures(reports[0])
    targets = {t.key: t for t in TARGETS}
    table = [["metric", *(r.name for r in reports), "target", f"{reports[0].name}?"]]
    for label, cell, key in _ROWS:
        goal = verdict = ""
        if key is not None:
            t = targets[key]
            goal = f"{t.op} {t.value:g}"
            verdict = "PASS" if t.check(float(head[key])) else "FAIL"
        table.append([label, *(cell(r) for r in reports), goal, verdict])
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]

    def line(row: list[str]) -> str:
        cells = [row[0].ljust(widths[0])]
        cells += [c.rjust(w) for c, w in zip(row[1:-2], widths[1:-2], strict=True)]
        cells += [row[-2].ljust(widths[-2]), row[-1]]
        return "  ".join(cells).rstrip()

    lines = [line(row) for row in table]
    return "\n".join([lines[0], "-" * max(len(x) for x in lines), *lines[1:]])


def _fmt_record(r: Record) -> str:
    got = r.got if r.got is not None else ("AMBIGUOUS" if r.method else "-")
    score = "" if r.score is None else f"{r.score:.3f}"
    cands = f"  candidates={','.join(r.candidates)}" if r.candidates else ""
    return f"  [{r.measure}] {r.query!r}  expected={r.expected}  got={got}  method={r.method or '-'}  score={score or '-'}{cands}"  # noqa: E501


def format_near_miss(r: SystemReport) -> str:
    """The merged near-miss pairs of one system, with what each lookup returned."""
    merged = r.near_miss.merged
    out = [f"near-miss pairs merged by {r.name}: {len(merged)}/{r.near_miss.total}"]
    for p in merged:
        out.append(f"  #{p.pair.index}: {p.pair.a.label()}  <->  {p.pair.b.label()}")
        for tag, d in (("a->b", p.a_to_b), ("b->a", p.b_to_a)):
            if d.merged:
                hits = [
                    f"{name!r} ({method} {score:.3f})"
                    for name, got, method, score in d.got
                    if got == d.target_id and score is not None
                ]
                out.append(f"      {tag}: {', '.join(hits)} -> {d.target_id}")
    return "\n".join(out)


def format_misses(r: SystemReport) -> str:
    """Wrong matches then misses (ambiguous or none) of one system."""
    al = r.all_lookups
    out = [f"wrong matches of {r.name}: {len(al.wrongs)}"]
    out += [_fmt_record(x) for x in al.wrongs]
    out.append(f"misses of {r.name}: {len(al.misses)}")
    out += [_fmt_record(x) for x in al.misses]
    return "\n".join(out)


def to_json(
    reports: Sequence[SystemReport], meta: Mapping[str, Any], with_records: bool = True
) -> dict[str, Any]:
    """Every figure (and the miss/wrong/merge lists) as a JSON-ready document."""
    head = figures(reports[0])
    doc: dict[str, Any] = dict(meta)
    doc["targets"] = {
        t.key: {
            "op": t.op,
            "value": t.value,
            "normalizer": head[t.key],
            "pass": t.check(head[t.key]),
        }
        for t in TARGETS
    }
    doc["systems"] = {}
    for r in reports:
        sys_doc = figures(r)
        sys_doc["near_miss_merged_pairs"] = [
            {
                "index": p.pair.index,
                "a": asdict(p.pair.a),
                "b": asdict(p.pair.b),
                "note": p.pair.note,
                "a_to_b": asdict(p.a_to_b),
                "b_to_a": asdict(p.b_to_a),
            }
            for p in r.near_miss.merged
        ]
        if with_records:
            sys_doc["wrong"] = [asdict(x) for x in r.all_lookups.wrongs]
            sys_doc["misses"] = [asdict(x) for x in r.all_lookups.misses]
        doc["systems"][r.name] = sys_doc
    return doc


# --------------------------------------------------------------------------- main


@contextmanager
def _workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="eval-translit-") as d:
        yield Path(d)


def build_factories(workdir: Path) -> tuple[dict[str, LookupFactory], str | None]:
    """The three systems, and a note when the library lacks ``from_paths(fuzzy=...)``."""
    if fuzzy_supported():
        full, exact, note = (
            normalizer_factory(workdir, True),
            normalizer_factory(workdir, False),
            None,
        )
    else:
        note = (
            "note: Normalizer.from_paths has no `fuzzy` argument yet; 'normalizer' and 'exact' "
            "both use plain from_paths (whatever matching the library does by default)"
        )
        full = exact = normalizer_factory(workdir, None)
    return {"normalizer": full, "exact": exact, "wratio": wratio_factory}, note


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="eval_translit.py", description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="dev set YAML (%(default)s)")
    p.add_argument("--json", type=Path, metavar="OUT", help="write all figures to this file")
    p.add_argument(
        "--limit", type=int, metavar="N", help="use only the first N entities and near-miss pairs"
    )
    p.add_argument(
        "--show-misses",
        nargs="?",
        const="normalizer",
        choices=[*SYSTEMS, "all"],
        metavar="SYSTEM",
        help="list wrong matches and misses of SYSTEM (default normalizer; or 'all')",
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation and print the report; 0 always, 2 if the data is missing/invalid."""
    args = _parser().parse_args(argv)
    if args.limit is not None and args.limit < 1:
        print("error: --limit must be at least 1", file=sys.stderr)
        return 2
    tty = sys.stderr.isatty()

    def progress(msg: str) -> None:
        if tty:
            print(f"[eval] {msg}", file=sys.stderr, flush=True)

    t0 = time.perf_counter()
    try:
        dev = load_dev(args.data, args.limit)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    from normalizer.errors import LexiconError

    reports = []
    with _workdir() as wd:
        factories, note = build_factories(wd)
        for name in SYSTEMS:
            try:
                reports.append(evaluate(dev, factories[name], name, progress))
            except LexiconError as exc:
                problems = getattr(exc, "problems", None) or [str(exc)]
                print(f"error: {args.data}: the dev set makes an invalid lexicon:", file=sys.stderr)
                for problem in problems:
                    print(f"  {problem}", file=sys.stderr)
                return 2
    elapsed = time.perf_counter() - t0

    n_latin = sum(len(e.latin) for e in dev.entities)
    n_arabic = sum(len(e.arabic) for e in dev.entities)
    print(f"dev set: {args.data}")
    print(
        f"  {len(dev.entities)} entities, {n_latin} Latin + {n_arabic} Arabic variants, "
        f"{len(dev.near_miss)} near-miss pairs" + (f" (--limit {args.limit})" if args.limit else "")
    )
    print(
        "  wratio baseline: rapidfuzz WRatio on fold keys, processor=None, "
        f"cutoff {WRATIO_CUTOFF:g}"
    )
    if note:
        print(note)
    print()
    print(format_table(reports))
    print()
    for r in reports:
        print(format_near_miss(r))
    if args.show_misses:
        for r in reports:
            if args.show_misses in ("all", r.name):
                print()
                print(format_misses(r))
    print()
    print(f"runtime: {elapsed:.2f} s")

    if args.json:
        meta = {
            "data": str(args.data),
            "limit": args.limit,
            "entities": len(dev.entities),
            "latin_variants": n_latin,
            "arabic_variants": n_arabic,
            "near_miss_pairs": len(dev.near_miss),
            "fuzzy_argument": note is None,
            "note": note,
            "wratio_cutoff": WRATIO_CUTOFF,
            "runtime_seconds": round(elapsed, 3),
        }
        args.json.write_text(
            json.dumps(to_json(reports, meta), ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
