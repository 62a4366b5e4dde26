"""The canonical text form of lexicon entries: how the bundled files are written.

Block YAML, 2-space steps, keys in the order of :data:`ENTRY_ORDER`, one list item per line,
plain scalars unless YAML would read them differently (then JSON-style double quotes). The
lint compares each entry of a file with :func:`render_entry`, and ``lexicon add`` inserts
exactly what this module renders, so an added entry never shows up as a formatting change.

>>> from normalizer.model import Entry
>>> print(render_entry(Entry("place.x", "place", "Hit (Anbar)", "هيت", ("2021",))), end="")
  - id: place.x
    type: place
    canonical:
      en: Hit (Anbar)
      ar: هيت
    aliases:
      - "2021"
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import yaml

from normalizer.lexicon.schema import Retired
from normalizer.model import Entry

#: The list fields of an entry, in file order.
LIST_FIELDS = ("aliases", "context_aliases", "context")
#: Every key of an entry, in file order.
ENTRY_ORDER = ("id", "type", "canonical", *LIST_FIELDS, "notes", "wikidata")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Indent:
    """Where an entry's parts start: the item dash, and each nesting step below its keys."""

    dash: int = 2
    step: int = 2

    @property
    def key(self) -> str:
        """Indentation of an entry's own keys (after ``- ``)."""
        return " " * (self.dash + 2)

    @property
    def inner(self) -> str:
        """Indentation of what is nested under an entry's key (names, list items)."""
        return " " * (self.dash + 2 + self.step)


def scalar(value: str, *, item: bool = False) -> str:
    """``value`` as a plain YAML scalar when YAML reads it back unchanged, else double-quoted.

    >>> scalar("Asa'ib Ahl al-Haq"), scalar("2003"), scalar("a: b"), scalar("x #y")
    ("Asa'ib Ahl al-Haq", '"2003"', '"a: b"', '"x #y"')
    """
    probe = f"- {value}" if item else f"k: {value}"
    if value == value.strip() and "\n" not in value and "\t" not in value:
        try:
            loaded = yaml.load(probe, Loader=_Loader)
        except yaml.YAMLError:
            loaded = None
        if loaded == ([value] if item else {"k": value}):
            return value
    return json.dumps(value, ensure_ascii=False)


def render_list(values: tuple[str, ...], indent: str) -> list[str]:
    """Block list items, one line each."""
    return [f"{indent}- {scalar(v, item=True)}" for v in values]


def render_entry(entry: Entry, indent: Indent | None = None) -> str:
    """One entry in canonical form (lines end with a newline; empty fields are left out)."""
    ind = indent or Indent()
    key, inner = ind.key, ind.inner
    lines = [f"{' ' * ind.dash}- id: {scalar(entry.id)}", f"{key}type: {scalar(entry.type)}"]
    lines.append(f"{key}canonical:")
    lines += [f"{inner}{k}: {scalar(v)}" for k, v in (("en", entry.en), ("ar", entry.ar)) if v]
    for name in LIST_FIELDS:
        values: tuple[str, ...] = getattr(entry, name)
        if values:
            lines.append(f"{key}{name}:")
            lines += render_list(values, inner)
    lines += [f"{key}{k}: {scalar(v)}" for k in ("notes", "wikidata") if (v := getattr(entry, k))]
    return "".join(line + "\n" for line in lines)


def render_retired(retired: Retired, indent: Indent | None = None) -> str:
    """One item of the top-level ``retired`` list in canonical form."""
    ind = indent or Indent()
    lines = [f"{' ' * ind.dash}- id: {scalar(retired.id)}"]
    lines += [
        f"{ind.key}{k}: {scalar(v)}"
        for k in ("replaced_by", "reason")
        if (v := getattr(retired, k)) is not None
    ]
    return "".join(line + "\n" for line in lines)
