"""Read what ``normalize lexicon add --from FILE`` applies: a lexicon snippet or a review file.

A snippet is lexicon YAML: ``entries:`` with a list, a bare list, or one mapping. An item
with ``type`` or ``canonical`` is a new entry; an item with only ``id`` and names (aliases,
context_aliases, context) adds those names to that entry. ``ambiguous: true`` lets its
names be shared with another entry.

A review file (``suggestions:``, written by ``normalize suggest --format yaml``) holds one
item per suggestion with a ``decision``: ``accept`` adds its ``forms`` as aliases of ``id``;
``assign`` adds them to ``assign_to`` instead (a new entry there when ``type`` and
``canonical`` are given too); ``reject`` and ``pending`` add nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from normalizer.errors import LexiconFormatError, LexiconValidationError
from normalizer.lexicon.add import Addition
from normalizer.lexicon.load import compose_safely
from normalizer.lexicon.schema import ENTRY_KEYS

DECISIONS = ("accept", "assign", "reject", "pending")
REVIEW_KEYS = (
    "kind",
    "forms",
    "count",
    "id",
    "decision",
    "assign_to",
    "type",
    "canonical",
    "ambiguous",
    "closest",
    "examples",
)


@dataclass(frozen=True, slots=True)
class Snippet:
    """The additions a file asks for, and how many review items are still undecided."""

    additions: tuple[Addition, ...]
    pending: int = 0


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{self.name}: {where}: {message}")

    def text(self, item: dict[str, Any], key: str, where: str) -> str | None:
        value = item.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(where, f"{key}: expected a non-empty string, got {value!r}")
            return None
        return value

    def texts(self, item: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = item.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(where, f"{key}: expected a list of non-empty strings, got {value!r}")
            return ()
        return tuple(value)

    def mapping(self, item: object, where: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(item, dict):
            self.fail(where, f"expected a mapping, got {item!r}")
            return {}
        unknown = sorted(str(k) for k in item if k not in allowed)
        if unknown:
            self.fail(where, f"unknown key(s) {', '.join(unknown)} (allowed: {', '.join(allowed)})")
        return item

    def names(self, item: dict[str, Any], where: str) -> tuple[str | None, str | None]:
        canonical = item.get("canonical")
        if canonical is None:
            return None, None
        names = self.mapping(canonical, f"{where} → canonical", ("en", "ar"))
        return self.text(names, "en", where), self.text(names, "ar", where)

    def flag(self, item: dict[str, Any], where: str) -> bool:
        value = item.get("ambiguous", False)
        if not isinstance(value, bool):
            self.fail(where, f"ambiguous: expected true or false, got {value!r}")
            return False
        return value

    def entry(self, raw: object, where: str) -> Addition | None:
        item = self.mapping(raw, where, (*ENTRY_KEYS, "ambiguous"))
        entry_id = self.text(item, "id", where)
        if entry_id is None:
            if item:
                self.fail(where, "missing id")
            return None
        en, ar = self.names(item, where)
        return Addition(
            id=entry_id,
            type=self.text(item, "type", where),
            en=en,
            ar=ar,
            aliases=self.texts(item, "aliases", where),
            context_aliases=self.texts(item, "context_aliases", where),
            context=self.texts(item, "context", where),
            notes=self.text(item, "notes", where),
            wikidata=self.text(item, "wikidata", where),
            ambiguous=self.flag(item, where),
        )

    def suggestion(self, raw: object, where: str) -> Addition | str | None:
        """An addition, ``"pending"``, or None (rejected or broken)."""
        item = self.mapping(raw, where, REVIEW_KEYS)
        decision = item.get("decision", "pending")
        if decision not in DECISIONS:
            self.fail(where, f"decision: expected one of {', '.join(DECISIONS)}, got {decision!r}")
            return None
        if decision in ("reject", "pending"):
            return decision if decision == "pending" else None
        forms = self.texts(item, "forms", where)
        key = "id" if decision == "accept" else "assign_to"
        entry_id = self.text(item, key, where)
        if entry_id is None:
            self.fail(where, f"decision {decision} needs {key}")
            return None
        en, ar = self.names(item, where) if decision == "assign" else (None, None)
        etype = self.text(item, "type", where) if decision == "assign" else None
        return Addition(entry_id, etype, en, ar, aliases=forms, ambiguous=self.flag(item, where))


def read_snippet(data: bytes, name: str) -> Snippet:
    """The additions in a snippet or review file (untrusted: loaded as safely as a lexicon).

    Raises :class:`LexiconFormatError` or :class:`LexiconValidationError` naming each problem.
    """
    root = compose_safely(data, name)
    if root is None:
        raise LexiconFormatError(f"{name}: empty file, nothing to add")
    doc = yaml.SafeLoader("").construct_document(root)
    reader = _Reader(name)
    additions: list[Addition] = []
    pending = 0
    if isinstance(doc, dict) and "suggestions" in doc:
        reader.mapping(doc, "top level", ("suggestions",))
        for i, raw in enumerate(_list(doc["suggestions"], name, "suggestions")):
            found = reader.suggestion(raw, f"suggestions[{i}]")
            if isinstance(found, Addition):
                additions.append(found)
            pending += found == "pending"
    else:
        if isinstance(doc, dict) and "entries" in doc:
            reader.mapping(doc, "top level", ("entries",))
            items = _list(doc["entries"], name, "entries")
        else:
            items = doc if isinstance(doc, list) else [doc]
        for i, raw in enumerate(items):
            addition = reader.entry(raw, f"entries[{i}]")
            if addition is not None:
                additions.append(addition)
    if reader.problems:
        raise LexiconValidationError(reader.problems)
    return Snippet(tuple(additions), pending)


def _list(value: object, name: str, key: str) -> list[object]:
    if not isinstance(value, list):
        raise LexiconFormatError(f"{name}: {key}: expected a list, got {value!r}")
    return value
