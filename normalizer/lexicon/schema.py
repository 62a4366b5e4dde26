"""Rules for one parsed lexicon file, checked on the YAML node tree so that every problem
names the file, the line, the entry id, the path to the bad value and the value (cfgv style):

``people.yaml:41: entries[12] (id='person.x') → canonical.ar: expected Arabic script,
got 'Kadhimi'``
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from normalizer.model import Entry
from normalizer.text.fold import fold
from normalizer.text.scripts import is_arabic

ID_RE = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
WIKIDATA_RE = re.compile(r"^Q[1-9][0-9]*$")
TOP_KEYS = ("entries", "retired")
ENTRY_KEYS = (
    "id",
    "type",
    "canonical",
    "aliases",
    "context_aliases",
    "context",
    "notes",
    "wikidata",
)
REQUIRED_ENTRY_KEYS = ("id", "type", "canonical")
CANONICAL_KEYS = ("en", "ar")
RETIRED_KEYS = ("id", "replaced_by", "reason")
_STR_TAG = "tag:yaml.org,2002:str"


@dataclass(frozen=True, slots=True)
class Retired:
    """An id that was removed from the lexicon and must never be reused."""

    id: str
    replaced_by: str | None
    reason: str | None
    source: str
    line: int


@dataclass(slots=True)
class FileContents:
    """What one lexicon file holds once checked."""

    entries: list[Entry]
    retired: list[Retired]
    problems: list[str]


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _show(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return "null" if node.tag.endswith(":null") else repr(node.value)
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"


class _FileChecker:
    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[str] = []

    def problem(self, node: yaml.Node, where: str, message: str) -> None:
        self.problems.append(f"{self.name}:{_line(node)}: {where}{message}")

    def mapping(
        self, node: yaml.Node, where: str, allowed: tuple[str, ...]
    ) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, where, f"expected a mapping, got {_show(node)}")
            return {}
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in out:
                self.problem(key_node, where, f"duplicate key {key!r}")
            elif key not in allowed:
                self.problem(
                    key_node, where, f"unknown key {key!r} (allowed: {', '.join(allowed)})"
                )
            else:
                out[key] = value_node
        return out

    def string(self, node: yaml.Node, where: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag != _STR_TAG:
            self.problem(node, where, f"expected a non-empty string, got {_show(node)}")
            return None
        if not str(node.value).strip():
            self.problem(node, where, f"expected a non-empty string, got {node.value!r}")
            return None
        return str(node.value)

    def strings(self, node: yaml.Node, where: str, *, names: bool) -> tuple[str, ...]:
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
            return ()  # `aliases:` with nothing after it
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, where, f"expected a list of strings, got {_show(node)}")
            return ()
        out: list[str] = []
        for k, item in enumerate(node.value):
            value = self.string(item, f"{where}[{k}]: ")
            if value is None:
                continue
            if names and not fold(value).key:
                self.problem(item, f"{where}[{k}]: ", f"{value!r} folds to nothing")
                continue
            out.append(value)
        return tuple(out)

    def entry(self, node: yaml.Node, index: int) -> Entry | None:
        where = f"entries[{index}]"
        fields = self.mapping(node, f"{where}: ", ENTRY_KEYS)
        if not fields:
            return None
        missing = [k for k in REQUIRED_ENTRY_KEYS if k not in fields]
        entry_id = self.string(fields["id"], f"{where} → id: ") if "id" in fields else None
        if entry_id is not None and not ID_RE.match(entry_id):
            self.problem(
                fields["id"], f"{where} → id: ", f"{entry_id!r} does not match {ID_RE.pattern}"
            )
            entry_id = None
        label = f"{where} (id={entry_id!r})" if entry_id else where
        for key in missing:
            self.problem(node, f"{label}: ", f"missing required key {key!r}")
        if missing or entry_id is None:
            return None
        etype = self.string(fields["type"], f"{label} → type: ")
        names = self.mapping(fields["canonical"], f"{label} → canonical: ", CANONICAL_KEYS)
        en = self.string(names["en"], f"{label} → canonical.en: ") if "en" in names else None
        ar = self.string(names["ar"], f"{label} → canonical.ar: ") if "ar" in names else None
        if not names and isinstance(fields["canonical"], yaml.MappingNode):
            self.problem(fields["canonical"], f"{label} → canonical: ", "expected en and/or ar")
        if ar is not None and not all(is_arabic(c) for c in ar if c.isalpha()):
            self.problem(
                names["ar"], f"{label} → canonical.ar: ", f"expected Arabic script, got {ar!r}"
            )
            ar = None
        for key, value in (("en", en), ("ar", ar)):
            if value is not None and not fold(value).key:
                self.problem(
                    names[key], f"{label} → canonical.{key}: ", f"{value!r} folds to nothing"
                )
        lists = {
            key: self.strings(fields[key], f"{label} → {key}", names=key != "context")
            for key in ("aliases", "context_aliases", "context")
            if key in fields
        }
        notes = self.string(fields["notes"], f"{label} → notes: ") if "notes" in fields else None
        wikidata = None
        if "wikidata" in fields:
            wikidata = self.string(fields["wikidata"], f"{label} → wikidata: ")
            if wikidata is not None and not WIKIDATA_RE.match(wikidata):
                self.problem(
                    fields["wikidata"],
                    f"{label} → wikidata: ",
                    f"expected Q<digits>, got {wikidata!r}",
                )
        if etype is None or (en is None and ar is None):
            return None
        return Entry(
            id=entry_id,
            type=etype,
            en=en,
            ar=ar,
            aliases=lists.get("aliases", ()),
            context_aliases=lists.get("context_aliases", ()),
            context=lists.get("context", ()),
            notes=notes,
            wikidata=wikidata,
            source=self.name,
            line=_line(node),
        )

    def retired(self, node: yaml.Node, index: int) -> Retired | None:
        where = f"retired[{index}]: "
        fields = self.mapping(node, where, RETIRED_KEYS)
        if "id" not in fields:
            if fields:
                self.problem(node, where, "missing required key 'id'")
            return None
        rid = self.string(fields["id"], where)
        extra = {k: self.string(fields[k], where) for k in ("replaced_by", "reason") if k in fields}
        if rid is None:
            return None
        return Retired(rid, extra.get("replaced_by"), extra.get("reason"), self.name, _line(node))


def check_document(root: yaml.Node | None, name: str) -> FileContents:
    """Turn the node tree of one file into entries, collecting every problem on the way."""
    checker = _FileChecker(name)
    contents = FileContents([], [], checker.problems)
    if root is None:
        checker.problems.append(f"{name}:1: expected a mapping with 'entries', got an empty file")
        return contents
    top = checker.mapping(root, "", TOP_KEYS)
    if isinstance(root, yaml.MappingNode) and "entries" not in top:
        checker.problem(root, "", "missing required key 'entries'")
    for i, item in enumerate(_items(checker, top, "entries")):
        entry = checker.entry(item, i)
        if entry is not None:
            contents.entries.append(entry)
    for i, item in enumerate(_items(checker, top, "retired")):
        retired = checker.retired(item, i)
        if retired is not None:
            contents.retired.append(retired)
    return contents


def _items(checker: _FileChecker, top: dict[str, yaml.Node], key: str) -> list[yaml.Node]:
    node = top.get(key)
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        checker.problem(node, f"{key}: ", f"expected a list, got {_show(node)}")
        return []
    return list(node.value)
