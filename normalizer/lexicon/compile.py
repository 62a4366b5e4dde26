"""Compile checked entries into the index that scanning and lookup share.

Every name is folded with :func:`normalizer.text.fold` (the same callable the scanner uses
on input text). Checks across entries and files live here: a duplicate id is an error that
names both places; a key shared by several entries is kept for all of them and reported as
an ambiguity warning, never dropped or silently given to one.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from normalizer.candidates import (
    PhoneticIndex,
    given_name_stands_alone,
    keyed_words,
    name_script,
    partial_names,
)
from normalizer.errors import LexiconValidationError
from normalizer.lexicon.packed import EntryTable, Owners, OwnerTable
from normalizer.lexicon.schema import FileContents, Retired
from normalizer.model import Entry, Method
from normalizer.text.fold import fold, light_form, tokenize

if TYPE_CHECKING:
    from normalizer.lexicon.cache import LexiconSource

#: Aliases written as 2-5 capital letters match case-sensitively as whole tokens.
ACRONYM_RE = re.compile(r"^[A-Z]{2,5}$")


@dataclass(slots=True)
class CompiledLexicon:
    """Folded-name index: key (space-joined folded words) → owners, plus side tables.

    Compiling fills dicts; a lexicon loaded from a cache file (or unpickled) holds its
    entries and name tables as read-only :mod:`~normalizer.lexicon.packed` tables instead.
    """

    entries: Mapping[str, Entry] = field(default_factory=dict)
    index: Mapping[str, Owners] = field(default_factory=dict)
    weak: Mapping[str, Owners] = field(default_factory=dict)  # context aliases
    acronyms: Mapping[str, Owners] = field(default_factory=dict)
    first_tokens: dict[str, int] = field(default_factory=dict)  # first word → longest key
    name_light_forms: set[str] = field(default_factory=set)
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)  # id → folded cue keys
    cue_keys: set[str] = field(default_factory=set)  # every folded cue
    cue_first: dict[str, int] = field(default_factory=dict)  # cue's first word → most words
    retired: dict[str, Retired] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: the transliteration index (flat arrays: quick to pickle and unpickle)
    _phonetic: PhoneticIndex = field(default_factory=PhoneticIndex.empty)
    #: the files this was compiled from, when known: pickles as those (small), not the index
    source: LexiconSource | None = field(default=None, compare=False)

    @property
    def phonetic(self) -> PhoneticIndex:
        """The transliteration index."""
        return self._phonetic

    def to_state(self) -> dict[str, Any]:
        """Every table (what a cache file holds), the entries and name tables packed."""
        state = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        del state["source"]
        entries = state["entries"] = EntryTable.of(self.entries)
        for name in ("index", "weak", "acronyms"):
            state[name] = OwnerTable.of(state[name], entries)
        return state

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> CompiledLexicon:
        """The inverse of :meth:`to_state`."""
        return cls(**state)

    def __reduce__(self) -> tuple[Any, ...]:
        if self.source is not None:
            return _from_source, (self.source,)
        return CompiledLexicon.from_state, (self.to_state(),)

    @property
    def max_tokens(self) -> int:
        """The most words any name has."""
        return max(self.first_tokens.values(), default=0)

    def add_name(self, entry: Entry, name: str, method: Method, *, weak: bool = False) -> None:
        """Index one name of an entry under its folded key (or as an acronym)."""
        if ACRONYM_RE.match(name):
            _own(_growing(self.acronyms).setdefault(name, {}), entry.id, method)
            return
        tokens = tokenize(name)
        if not tokens:
            return  # reported by the schema check
        words = [t.key for t in tokens]
        key = " ".join(words)
        _own(_growing(self.weak if weak else self.index).setdefault(key, {}), entry.id, method)
        if self.first_tokens.get(words[0], 0) < len(words):
            self.first_tokens[words[0]] = len(words)
        self.name_light_forms.update(light_form(name[t.start : t.end]) for t in tokens)
        script = name_script(tokens)
        if not weak and script is not None:
            # transliteration keys for names in one script (a number goes with either);
            # initials (U.S.A., Seth J.) and mixed names (منظومة C-RAM) have no reliable sound
            same = keyed_words(tokens, name)
            if not same:
                return
            self.phonetic.add(entry.id, name, same, script, False)
            if entry.type == "person":
                given = given_name_stands_alone(_canonical_words(entry))
                for part in partial_names(same, script, given=given):
                    self.phonetic.add(entry.id, name, part, script, True)


def _canonical_words(entry: Entry) -> list[tuple[tuple[str, ...], bool]]:
    """The entry's canonical names as keyed words with their script (single-script ones)."""
    out = []
    for name in entry.names:
        tokens = tokenize(name)
        script = name_script(tokens)
        if script is not None:
            out.append((keyed_words(tokens, name), script))
    return out


def _from_source(source: LexiconSource) -> CompiledLexicon:
    from normalizer.lexicon.cache import load_lexicon  # cache imports this module

    return load_lexicon(source)


def _growing(table: Mapping[str, Owners]) -> dict[str, Owners]:
    if not isinstance(table, dict):
        raise TypeError("a lexicon loaded from a cache file is read-only: compile to add names")
    return table


def _own(owners: Owners, entry_id: str, method: Method) -> None:
    if owners.get(entry_id) != Method.EXACT:
        owners[entry_id] = method


def _describe(lex: CompiledLexicon, owners: Owners) -> str:
    return " and ".join(
        f"{i} ({lex.entries[i].source}:{lex.entries[i].line})" for i in sorted(owners)
    )


def compile_lexicon(files: Iterable[FileContents]) -> CompiledLexicon:
    """Build the index from checked files; raise :class:`LexiconValidationError` listing every
    problem of every file (and duplicate ids across files)."""
    entries: dict[str, Entry] = {}
    lex = CompiledLexicon(entries)
    problems: list[str] = []
    for contents in files:
        problems.extend(contents.problems)
        for entry in contents.entries:
            first = entries.get(entry.id)
            if first is not None:
                problems.append(
                    f"{entry.source}:{entry.line}: duplicate id {entry.id!r}, "
                    f"first defined at {first.source}:{first.line}"
                )
                continue
            entries[entry.id] = entry
        for retired in contents.retired:
            lex.retired[retired.id] = retired
    for rid, retired in lex.retired.items():
        if rid in entries:
            entry = entries[rid]
            problems.append(
                f"{entry.source}:{entry.line}: id {rid!r} is retired at "
                f"{retired.source}:{retired.line} and must not be reused"
            )
    if problems:
        raise LexiconValidationError(problems)
    for entry in entries.values():
        for name in entry.names:
            lex.add_name(entry, name, Method.EXACT)
        for name in entry.aliases:
            lex.add_name(entry, name, Method.ALIAS)
        for name in entry.context_aliases:
            lex.add_name(entry, name, Method.ALIAS, weak=True)
        if entry.context:
            lex.cues[entry.id] = tuple(k for k in (fold(c).key for c in entry.context) if k)
            for cue in lex.cues[entry.id]:
                words = cue.split(" ")
                lex.cue_keys.add(cue)
                lex.cue_first[words[0]] = max(lex.cue_first.get(words[0], 0), len(words))
    for table in (lex.index, lex.acronyms):
        for key, owners in table.items():
            if len(owners) > 1:
                lex.warnings.append(
                    f"ambiguous name {key!r} belongs to {_describe(lex, owners)}: "
                    "kept for both, mentions report candidates"
                )
    return lex
