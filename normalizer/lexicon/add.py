"""Add entries, or names of existing entries, to lexicon files safely.

:func:`plan_additions` works out every change in memory and refuses (with
:class:`LexiconValidationError` listing every problem, nothing written) a duplicate or
retired id, a name that folds to nothing, and a name another entry already owns unless the
addition is declared ambiguous. It then validates each changed file and the whole lexicon
and checks that every added name looks up to its entry. :func:`apply_plan` writes each
file atomically and records new bundled ids in the id ledger.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from normalizer.errors import LexiconError, LexiconValidationError
from normalizer.lexicon.atomic import write_atomic
from normalizer.lexicon.compile import ACRONYM_RE, compile_lexicon
from normalizer.lexicon.edit import append_names, insert_entry
from normalizer.lexicon.ledger import write_ledger
from normalizer.lexicon.load import parse_lexicon
from normalizer.lexicon.schema import ID_RE, FileContents
from normalizer.model import Entry, Method
from normalizer.normalizer import Normalizer
from normalizer.text.fold import fold

NAME_FIELDS = ("aliases", "context_aliases")
KIND_LABELS = {"canonical": "name", "aliases": "alias", "context_aliases": "context alias"}


@dataclass(frozen=True, slots=True)
class Addition:
    """A new entry (when a type or a canonical name is given) or new names for an entry."""

    id: str
    type: str | None = None
    en: str | None = None
    ar: str | None = None
    aliases: tuple[str, ...] = ()
    context_aliases: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    notes: str | None = None
    wikidata: str | None = None
    ambiguous: bool = False  #: names another entry owns may be shared (both become candidates)

    @property
    def creates(self) -> bool:
        """Whether this describes a new entry rather than names for an existing one."""
        return any(v is not None for v in (self.type, self.en, self.ar, self.notes, self.wikidata))


@dataclass(frozen=True, slots=True)
class Change:
    """One file's bytes before (None: a new file) and after the additions."""

    path: Path
    before: bytes | None
    after: bytes


@dataclass(frozen=True, slots=True)
class Plan:
    """The checked changes, what was skipped and why, and the ids to record in the ledger."""

    changes: tuple[Change, ...]
    notes: tuple[str, ...]
    new_ids: tuple[str, ...]
    ledger: Path | None


def name_key(name: str) -> str:
    """The key a name is matched by: the exact text for an acronym, else its fold.

    >>> name_key("Al-Kazemi"), name_key("PMF")
    ('al kazemi', 'PMF')
    """
    return name if ACRONYM_RE.match(name) else fold(name).key


def merge_additions(additions: Iterable[Addition]) -> list[Addition]:
    """One addition per id, in first-seen order (names united, first given value kept)."""
    merged: dict[str, Addition] = {}
    for a in additions:
        old = merged.get(a.id)
        if old is None:
            merged[a.id] = a
            continue
        merged[a.id] = Addition(
            id=a.id,
            type=old.type or a.type,
            en=old.en or a.en,
            ar=old.ar or a.ar,
            aliases=_union(old.aliases, a.aliases),
            context_aliases=_union(old.context_aliases, a.context_aliases),
            context=_union(old.context, a.context),
            notes=old.notes or a.notes,
            wikidata=old.wikidata or a.wikidata,
            ambiguous=old.ambiguous or a.ambiguous,
        )
    return list(merged.values())


def _union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*a, *b)))


def infer_type(entries: Iterable[Entry], entry_id: str) -> str | None:
    """The type most entries with the same id prefix have (``org.`` → ``organization``)."""
    prefix = entry_id.split(".", 1)[0] + "."
    counts = Counter(e.type for e in entries if e.id.startswith(prefix))
    return counts.most_common(1)[0][0] if counts else None


def file_for_type(files: dict[Path, FileContents], etype: str) -> Path | None:
    """The file holding most entries of a type."""
    counts = Counter({p: sum(e.type == etype for e in c.entries) for p, c in files.items()})
    best = counts.most_common(1)
    return best[0][0] if best and best[0][1] else None


@dataclass(slots=True)
class _Planner:
    normalizer: Normalizer
    files: dict[Path, FileContents]
    texts: dict[Path, str]
    bundled: frozenset[Path]
    retired: set[str]
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    planned_keys: dict[str, set[str]] = field(default_factory=dict)  # key -> ids in this run
    added: list[tuple[str, str]] = field(default_factory=list)  # (id, name) to look up after
    new_ids: dict[str, Path] = field(default_factory=dict)  # created id -> its file

    def owners(self, name: str) -> set[str]:
        match = self.normalizer.lookup(name)
        ids: set[str] = set()
        if match is not None and match.method in (Method.EXACT, Method.ALIAS):
            ids = {match.id} if match.id else {c.id for c in match.candidates}
        return ids | self.planned_keys.get(name_key(name), set())

    def names(
        self, a: Addition, kind: str, values: tuple[str, ...], own: dict[str, str]
    ) -> tuple[str, ...]:
        kept: list[str] = []
        for name in values:
            key = name_key(name)
            if not key:
                self.problems.append(f"{a.id}: {KIND_LABELS[kind]} {name!r} folds to nothing")
                continue
            if key in own:
                self.notes.append(f"{a.id}: skipped {name!r}: same key as its name {own[key]!r}")
                continue
            others = self.owners(name) - {a.id}
            if others and not a.ambiguous and kind != "context_aliases":
                self.problems.append(
                    f"{a.id}: {KIND_LABELS[kind]} {name!r} already names "
                    f"{', '.join(sorted(others))}: "
                    "declare it ambiguous (--ambiguous) or make it a context alias with cues"
                )
                continue
            own[key] = name
            self.planned_keys.setdefault(key, set()).add(a.id)
            if kind == "aliases":
                self.added.append((a.id, name))
            kept.append(name)
        return tuple(kept)

    def create(self, a: Addition, target: Path | None) -> None:
        existing = self.normalizer.get(a.id)
        if existing is not None:
            self.problems.append(
                f"{a.id}: id already exists at {existing.source}:{existing.line}; "
                "give only names (--alias ...) to add them to it"
            )
            return
        if a.id in self.retired:
            self.problems.append(f"{a.id}: id is retired and must not be reused")
            return
        if not ID_RE.match(a.id):
            self.problems.append(f"{a.id!r}: id does not match {ID_RE.pattern}")
            return
        etype = a.type or infer_type(self.normalizer.entries.values(), a.id)
        if etype is None:
            self.problems.append(f"{a.id}: no type given and none can be inferred from the id")
            return
        if not (a.en or a.ar):
            self.problems.append(f"{a.id}: a new entry needs a canonical name (en and/or ar)")
            return
        path = target or file_for_type(
            {p: c for p, c in self.files.items() if p in self.bundled}, etype
        )
        if path is None:
            self.problems.append(f"{a.id}: no bundled file holds type {etype!r}: give --file")
            return
        own: dict[str, str] = {}
        canonical = tuple(n for n in (a.en, a.ar) if n)
        self.names(a, "canonical", canonical, own)
        self.added += [(a.id, n) for n in canonical]
        entry = Entry(
            id=a.id,
            type=etype,
            en=a.en,
            ar=a.ar,
            aliases=self.names(a, "aliases", a.aliases, own),
            context_aliases=self.names(a, "context_aliases", a.context_aliases, own),
            context=tuple(dict.fromkeys(a.context)),
            notes=a.notes,
            wikidata=a.wikidata,
        )
        self.edit(path, lambda text: insert_entry(text, entry, str(path)))
        self.new_ids[a.id] = path

    def extend(self, a: Addition, target: Path | None) -> None:
        entry = self.normalizer.get(a.id)
        if entry is None:
            self.problems.append(
                f"{a.id}: no such entry; to create it give --type and --en and/or --ar"
            )
            return
        path = Path(entry.source)
        if target is not None and target.resolve() != path.resolve():
            self.problems.append(f"{a.id}: the entry is in {path}, not in {target}")
            return
        own = {name_key(n): n for n in (*entry.names, *entry.aliases, *entry.context_aliases)}
        new = {k: self.names(a, k, getattr(a, k), own) for k in NAME_FIELDS}
        new["context"] = tuple(c for c in dict.fromkeys(a.context) if c not in entry.context)
        for kind, values in new.items():
            if values:
                self.edit(
                    path,
                    partial(append_names, entry_id=a.id, field=kind, values=values, name=str(path)),
                )

    def edit(self, path: Path, how: Callable[[str], str]) -> None:
        try:
            self.texts[path] = how(self.texts.get(path, ""))
        except LexiconError as err:
            self.problems.append(str(err))


def plan_additions(
    additions: Iterable[Addition],
    paths: Sequence[Path],
    *,
    target: Path | None = None,
    bundled: Sequence[Path] = (),
    ledger: Path | None = None,
) -> Plan:
    """Work out and check the changes that add ``additions`` to the lexicon made of ``paths``
    (the target file, when given, is one of them or does not exist yet)."""
    originals: dict[Path, bytes] = {}
    files: dict[Path, FileContents] = {}
    for path in paths:
        try:
            originals[path] = path.read_bytes()
        except OSError as err:
            raise LexiconError(f"{path}: cannot read ({err.strerror})") from None
        files[path] = parse_lexicon(originals[path], str(path))
    normalizer = Normalizer(compile_lexicon(files.values()))
    planner = _Planner(
        normalizer,
        files,
        {p: b.decode("utf-8") for p, b in originals.items()},
        frozenset(bundled),
        {r.id for c in files.values() for r in c.retired},
    )
    for a in merge_additions(additions):
        if a.creates:
            planner.create(a, target)
        else:
            planner.extend(a, target)
    if planner.problems:
        raise LexiconValidationError(planner.problems)
    changes = tuple(
        Change(p, originals.get(p), text.encode("utf-8"))
        for p, text in planner.texts.items()
        if text.encode("utf-8") != originals.get(p)
    )
    _validate(changes, files, planner.added)
    new_ids = tuple(i for i, p in planner.new_ids.items() if p in planner.bundled)
    return Plan(changes, tuple(planner.notes), new_ids, ledger if new_ids else None)


def _validate(
    changes: Sequence[Change], files: dict[Path, FileContents], added: list[tuple[str, str]]
) -> None:
    after = dict(files)
    for change in changes:
        after[change.path] = parse_lexicon(change.after, str(change.path))
    normalizer = Normalizer(compile_lexicon(after.values()))
    problems = []
    for entry_id, name in added:
        match = normalizer.lookup(name)
        ids = set() if match is None else {match.id} | {c.id for c in match.candidates}
        if entry_id not in ids:
            got = "nothing" if match is None else (match.id or "an ambiguity without it")
            problems.append(f"{entry_id}: after adding, {name!r} looks up to {got}")
    if problems:
        raise LexiconValidationError(problems)


def apply_plan(plan: Plan) -> None:
    """Write every changed file atomically, then record new bundled ids in the ledger."""
    for change in plan.changes:
        write_atomic(change.path, change.after)
    if plan.ledger is not None and plan.new_ids:
        write_ledger(plan.ledger, plan.new_ids)
