"""Where things are in a lexicon file's text: the lines of each entry, of each entry's keys and
of the ``retired`` list, read from PyYAML node marks.

The lint compares these line ranges with the canonical rendering, and ``lexicon add`` inserts
new text at the lines found here, so that comments and everything else stay as written.
A file is parsed (and so checked for size, anchors and syntax) with
:func:`normalizer.lexicon.load.parse_lexicon` before its layout is read.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from normalizer.errors import LexiconFormatError
from normalizer.lexicon.style import Indent

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def content_end(node: yaml.Node) -> int:
    """The line (0-based) just after the last character of ``node``'s own text.

    Block collections end where the next token starts (past comments and blank lines), so
    only scalars and flow collections are measured.
    """
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        mark = node.end_mark
        return int(mark.line) + (1 if mark.column > 0 else 0)
    if isinstance(node, yaml.MappingNode):
        children = [n for pair in node.value for n in pair]
    else:
        children = list(node.value)
    return max((content_end(c) for c in children), default=int(node.start_mark.line) + 1)


@dataclass(frozen=True, slots=True)
class EntryBlock:
    """One entry's place in the file: ``lines[start:end]`` hold its text (comment lines aside)."""

    index: int
    id: str
    start: int
    end: int
    node: yaml.MappingNode

    def key_node(self, key: str) -> tuple[yaml.Node, yaml.Node] | None:
        """The (key, value) nodes of one of this entry's keys, if present."""
        for k, v in self.node.value:
            if k.value == key:
                return k, v
        return None


@dataclass(frozen=True, slots=True)
class Layout:
    """A lexicon file's text split into lines, with the blocks of its entries."""

    lines: tuple[str, ...]
    entries_line: int  # the line of the `entries:` key
    entries: tuple[EntryBlock, ...]
    retired: tuple[EntryBlock, ...]
    indent: Indent

    def block_text(self, block: EntryBlock) -> str:
        """An entry's lines without comment-only lines."""
        return "".join(
            line
            for line in self.lines[block.start : block.end]
            if not line.lstrip().startswith("#")
        )


def _blocks(seq: yaml.Node | None) -> tuple[EntryBlock, ...]:
    if not isinstance(seq, yaml.SequenceNode):
        return ()
    out = []
    for i, item in enumerate(seq.value):
        if not isinstance(item, yaml.MappingNode):
            continue
        fields = {k.value: v for k, v in item.value}
        ident = fields.get("id")
        out.append(
            EntryBlock(
                i,
                str(ident.value) if isinstance(ident, yaml.ScalarNode) else "",
                int(item.start_mark.line),
                content_end(item),
                item,
            )
        )
    return tuple(out)


def _indent(lines: tuple[str, ...], blocks: tuple[EntryBlock, ...]) -> Indent:
    if not blocks:
        return Indent()
    first = blocks[0]
    col = int(first.node.start_mark.column)
    dash = lines[first.start].rfind("-", 0, col)
    canonical = first.key_node("canonical")
    step = 2
    names = canonical[1] if canonical is not None else None
    if isinstance(names, yaml.MappingNode) and not names.flow_style and names.value:
        step = int(names.value[0][0].start_mark.column) - col
    return Indent(dash if dash >= 0 else col - 2, step if step > 0 else 2)


def read_layout(text: str, name: str) -> Layout:
    """The layout of a lexicon file's text (already parsed and checked)."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as err:
        raise LexiconFormatError(f"{name}: YAML syntax error: {err}") from None
    lines = tuple(text.splitlines(keepends=True))
    top: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    if isinstance(root, yaml.MappingNode):
        top = {str(k.value): (k, v) for k, v in root.value}
    entries_line = int(top["entries"][0].start_mark.line) if "entries" in top else -1
    entries = _blocks(top["entries"][1] if "entries" in top else None)
    retired = _blocks(top["retired"][1] if "retired" in top else None)
    return Layout(lines, entries_line, entries, retired, _indent(lines, entries))
