"""``normalize lexicon check``: curation findings beyond validity, for a maintainer to review.

- ``self-lookup``: a canonical name or alias that does not look up to its own entry.
- ``alias-elsewhere``: without the alias, transliteration matching would send it to another
  entry: it reads as a variant of that entry's names (a misplaced alias, or one that makes
  near spellings ambiguous).
- ``redundant-alias``: matching finds the alias anyway: it folds to the key of another name
  of the entry (redundant everywhere), or transliteration matching reaches the entry from
  its other names (redundant for lookups; running text is matched exactly today). A
  candidate for pruning, not an error: aliases are recorded as seen.
- ``name-collision``: two entries' canonical names fold to one key, or share a phonetic key
  and transliteration matching takes one for the other.
- ``missing-canonical``: no English or no Arabic canonical name.
- ``unused-cue``: context aliases without any cue (they can never count), or, given a corpus,
  a cue that occurs in none of its documents.

"Without the alias" is measured by leaving out every FOLDS-th alias of every entry at a
time, so each alias is tested with most of its entry's other names present and one compile
serves many aliases (an exact leave-one-out would compile the lexicon once per alias).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from normalizer.lexicon.add import name_key
from normalizer.lexicon.compile import compile_lexicon
from normalizer.lexicon.schema import FileContents
from normalizer.model import Entry, Match, Method
from normalizer.normalizer import Normalizer
from normalizer.phonetic import key as phonetic_key
from normalizer.text.fold import fold

#: Aliases left out together when testing what matching finds without them.
FOLDS = 4


class Kind(StrEnum):
    """The kinds of finding, in report order."""

    SELF_LOOKUP = "self-lookup"
    ALIAS_ELSEWHERE = "alias-elsewhere"
    REDUNDANT_ALIAS = "redundant-alias"
    NAME_COLLISION = "name-collision"
    MISSING_CANONICAL = "missing-canonical"
    UNUSED_CUE = "unused-cue"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing to review: about entry ``id``'s ``name``, possibly involving ``other``."""

    kind: Kind
    id: str
    name: str
    detail: str
    other: str | None = None
    score: float | None = None


def _ids(match: Match | None) -> set[str]:
    if match is None:
        return set()
    return {match.id} if match.id else {c.id for c in match.candidates}


def _how(match: Match) -> str:
    return f"{match.method} {match.score:.2f}"


def _self_lookups(normalizer: Normalizer, entries: Sequence[Entry]) -> list[Finding]:
    out = []
    for e in entries:
        for name in (*e.names, *e.aliases):
            match = normalizer.lookup(name)
            if e.id not in _ids(match):
                got = "nothing" if match is None else ", ".join(sorted(_ids(match)))
                out.append(Finding(Kind.SELF_LOOKUP, e.id, name, f"looks up to {got}"))
    return out


def _same_key_aliases(entries: Sequence[Entry]) -> list[Finding]:
    out = []
    for e in entries:
        seen: dict[str, str] = {}
        for name in (*e.names, *e.aliases):
            k = name_key(name)
            if k in seen:
                detail = f"same key as {seen[k]!r}: folding finds it anyway"
                out.append(Finding(Kind.REDUNDANT_ALIAS, e.id, name, detail, e.id, 1.0))
            else:
                seen[k] = name
    return out


def _left_out(
    entries: Sequence[Entry], full: Normalizer, skip: set[tuple[str, str]]
) -> list[Finding]:
    out = []
    for fold_no in range(FOLDS):
        kept = [
            replace(e, aliases=tuple(a for i, a in enumerate(e.aliases) if i % FOLDS != fold_no))
            for e in entries
        ]
        without = Normalizer(compile_lexicon([FileContents(kept, [], [])]))
        for e in entries:
            for alias in e.aliases[fold_no::FOLDS]:
                if (e.id, alias) in skip or len(_ids(full.lookup(alias))) > 1:
                    continue  # already reported, or a declared ambiguity
                match = without.lookup(alias)
                if match is None:
                    continue
                ids = _ids(match)
                if match.id == e.id and match.method in (Method.EXACT, Method.ALIAS):
                    continue  # a same-key pair, reported once by _same_key_aliases
                if match.id == e.id:
                    detail = (
                        f"lookups find it from the entry's other names ({_how(match)}); "
                        "running text is matched exactly today, so keep it until it is not"
                    )
                    out.append(
                        Finding(Kind.REDUNDANT_ALIAS, e.id, alias, detail, e.id, match.score)
                    )
                elif e.id not in ids:
                    other = ", ".join(sorted(ids))
                    detail = f"without it, it looks up to {other} ({_how(match)})"
                    out.append(
                        Finding(Kind.ALIAS_ELSEWHERE, e.id, alias, detail, other, match.score)
                    )
    return out


def _collisions(entries: Sequence[Entry]) -> list[Finding]:
    out = []
    by_key: dict[str, list[tuple[Entry, str]]] = defaultdict(list)
    by_sound: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        for name in e.names:
            by_key[fold(name).key].append((e, name))
            for skeleton in phonetic_key(name):
                by_sound[skeleton].add(e.id)
    for group in by_key.values():
        owners = sorted({e.id for e, _ in group})
        for e, name in group:
            for other in owners:
                if other != e.id:
                    detail = f"folds to the same key as a canonical name of {other}"
                    out.append(Finding(Kind.NAME_COLLISION, e.id, name, detail, other, 1.0))
    by_id = {e.id: e for e in entries}
    pairs = {(a, b) for ids in by_sound.values() for a in ids for b in ids if a != b}
    alone: dict[str, Normalizer] = {}
    for a, b in sorted(pairs):
        if b not in alone:
            only = replace(by_id[b], aliases=(), context_aliases=(), context=())
            alone[b] = Normalizer(compile_lexicon([FileContents([only], [], [])]))
        for name in by_id[a].names:
            match = alone[b].lookup(name)
            if match is not None and match.method in (Method.PHONETIC, Method.FUZZY):
                detail = f"sounds like the canonical name of {b} ({_how(match)})"
                out.append(Finding(Kind.NAME_COLLISION, a, name, detail, b, match.score))
    return out


def _cues(entries: Sequence[Entry], corpus: Sequence[str]) -> list[Finding]:
    out = []
    for e in entries:
        if e.context_aliases and not e.context:
            for alias in e.context_aliases:
                detail = "context alias without any context cue: it never counts"
                out.append(Finding(Kind.UNUSED_CUE, e.id, alias, detail))
    if not corpus:
        return out
    documents = [f" {fold(text).key} " for text in corpus]
    for e in entries:
        for cue in e.context:
            k = fold(cue).key
            if not any(f" {k} " in doc for doc in documents):
                detail = f"cue occurs in none of the {len(corpus)} corpus document(s)"
                out.append(Finding(Kind.UNUSED_CUE, e.id, cue, detail))
    return out


def check_lexicon(files: Sequence[FileContents], corpus: Iterable[str] = ()) -> list[Finding]:
    """Every finding for the (valid) lexicon made of ``files``; ``corpus`` holds the texts
    the context cues are looked for in (no corpus: cues are not looked for)."""
    entries = [e for contents in files for e in contents.entries]
    full = Normalizer(compile_lexicon(files))
    found = _self_lookups(full, entries) + _same_key_aliases(entries)
    skip = {(f.id, f.name) for f in found}
    found += _left_out(entries, full, skip)
    found += _collisions(entries)
    for e in entries:
        for script, name in (("English", e.en), ("Arabic", e.ar)):
            if name is None:
                detail = f"no {script} canonical name"
                found.append(Finding(Kind.MISSING_CANONICAL, e.id, "", detail))
    found += _cues(entries, list(corpus))
    order = list(Kind)
    return sorted(found, key=lambda f: (order.index(f.kind), f.id, f.name))
