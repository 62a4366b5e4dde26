"""Textual edits of a lexicon file that touch only the lines they add.

A new entry is rendered in the file's own style (:mod:`normalizer.lexicon.style`) and
inserted at its sorted place; new names of an entry are appended to the entry's list (the
list is created at its documented place when missing). Everything else in the file, comments
included, stays byte for byte. Callers validate the result before writing it.

>>> text = "entries:\\n  - id: a.x\\n    type: a\\n    canonical:\\n      en: X  # ok\\n"
>>> print(append_names(text, "a.x", "aliases", ("Ex",)), end="")
entries:
  - id: a.x
    type: a
    canonical:
      en: X  # ok
    aliases:
      - Ex
"""

from __future__ import annotations

import yaml

from normalizer.errors import LexiconFormatError
from normalizer.lexicon.layout import EntryBlock, Layout, content_end, read_layout
from normalizer.lexicon.style import ENTRY_ORDER, render_entry, render_list
from normalizer.model import Entry


def _splice(lines: tuple[str, ...], at: int, new: list[str]) -> str:
    head = list(lines[:at])
    if head and not head[-1].endswith("\n"):
        head[-1] += "\n"
    return "".join(head) + "".join(new) + "".join(lines[at:])


def insert_entry(text: str, entry: Entry, name: str = "lexicon") -> str:
    """``text`` with ``entry`` inserted before the first entry whose id sorts after it."""
    layout = read_layout(text, name)
    rendered = render_entry(entry, layout.indent).splitlines(keepends=True)
    if layout.entries_line < 0:
        if text.strip():
            raise LexiconFormatError(f"{name}: no top-level `entries:` list to add to")
        return "entries:\n" + "".join(rendered)
    blocks = layout.entries
    after = [b for b in blocks if b.id > entry.id]
    if not blocks:
        return _add_first(layout, rendered, name)
    if after and after[0] is blocks[0]:
        return _splice(layout.lines, layout.entries_line + 1, rendered)
    previous = blocks[blocks.index(after[0]) - 1] if after else blocks[-1]
    return _splice(layout.lines, previous.end, rendered)


def _add_first(layout: Layout, rendered: list[str], name: str) -> str:
    line = layout.lines[layout.entries_line]
    key, _, rest = line.partition(":")
    value = rest.split("#", 1)[0].strip()
    if value not in ("", "[]"):
        raise LexiconFormatError(f"{name}:{layout.entries_line + 1}: cannot add to {line.strip()}")
    lines = list(layout.lines)
    lines[layout.entries_line] = f"{key}:\n"
    return _splice(tuple(lines), layout.entries_line + 1, rendered)


def _find(layout: Layout, entry_id: str, name: str) -> EntryBlock:
    for block in layout.entries:
        if block.id == entry_id:
            if block.node.flow_style:
                raise LexiconFormatError(
                    f"{name}:{block.start + 1}: entry {entry_id!r} is written in flow style "
                    "({...}); write it as a block mapping to add names to it"
                )
            return block
    raise LexiconFormatError(f"{name}: no entry {entry_id!r}")


def append_names(
    text: str, entry_id: str, field: str, values: tuple[str, ...], name: str = "lexicon"
) -> str:
    """``text`` with ``values`` appended to the list ``field`` (aliases, context_aliases or
    context) of the entry ``entry_id``."""
    layout = read_layout(text, name)
    block = _find(layout, entry_id, name)
    key_col = int(block.node.start_mark.column)
    inner = " " * (key_col + layout.indent.step)
    found = block.key_node(field)
    if found is None:
        following = ENTRY_ORDER[ENTRY_ORDER.index(field) + 1 :]
        at = min(
            (int(k.start_mark.line) for k, _ in block.node.value if k.value in following),
            default=block.end,
        )
        new = [f"{' ' * key_col}{field}:\n", *_lines(values, inner)]
        return _splice(layout.lines, at, new)
    key, value = found
    if isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null"):
        return _splice(layout.lines, int(key.start_mark.line) + 1, _lines(values, inner))
    if not isinstance(value, yaml.SequenceNode) or value.flow_style or not value.value:
        raise LexiconFormatError(
            f"{name}:{key.start_mark.line + 1}: {field} of {entry_id!r} is not a block list; "
            "write it as one item per line (`- name`) to add to it"
        )
    first = value.value[0]
    dash = layout.lines[first.start_mark.line].rfind("-", 0, first.start_mark.column)
    return _splice(layout.lines, content_end(value), _lines(values, " " * dash))


def _lines(values: tuple[str, ...], indent: str) -> list[str]:
    return [line + "\n" for line in render_list(values, indent)]
