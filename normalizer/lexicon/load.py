"""Read lexicon files: bytes → safe YAML node tree → checked entries.

Files are untrusted: PyYAML's safe loader only, a size limit, no anchors/aliases (the
"billion laughs" expansion), a nesting limit. Problems from every file are collected before
anything is raised, so one run of ``normalize lexicon validate`` shows them all.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import yaml

from normalizer.errors import LexiconFormatError
from normalizer.lexicon.schema import FileContents, check_document

#: Largest lexicon file accepted, in bytes.
MAX_LEXICON_BYTES = 64 * 1024 * 1024
#: Deepest nesting accepted (the format needs 4: top, entries, entry, canonical).
MAX_DEPTH = 8

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PathLike = str | os.PathLike[str]


def bundled_paths() -> list[Path]:
    """The bundled lexicon files (``normalizer.lexicons``), sorted by name."""
    try:
        folder = Path(str(resources.files("normalizer.lexicons")))
    except ModuleNotFoundError:  # a plain checkout on sys.path, not installed
        folder = Path(__file__).resolve().parents[2] / "lexicons"
    return sorted(folder.glob("*.yaml"))


def _check_shape(node: yaml.Node, name: str, depth: int, seen: set[int]) -> None:
    if isinstance(node, yaml.ScalarNode):
        return
    if id(node) in seen:
        raise LexiconFormatError(
            f"{name}:{node.start_mark.line + 1}: YAML anchors and aliases (&name / *name) "
            "are not allowed in lexicon files"
        )
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise LexiconFormatError(
            f"{name}:{node.start_mark.line + 1}: nesting deeper than {MAX_DEPTH} levels"
        )
    children = (
        [v for pair in node.value for v in pair]
        if isinstance(node, yaml.MappingNode)
        else list(node.value)
    )
    for child in children:
        _check_shape(child, name, depth + 1, seen)


def parse_lexicon(data: bytes, name: str) -> FileContents:
    """Parse and check one lexicon file's bytes; ``name`` is used in messages."""
    return check_document(compose_safely(data, name), name)


def compose_safely(data: bytes, name: str) -> yaml.Node | None:
    """The YAML node tree of untrusted bytes, refusing what could hurt: files over the size
    limit, non-UTF-8 bytes, anchors and aliases, deep nesting (:class:`LexiconFormatError`)."""
    if len(data) > MAX_LEXICON_BYTES:
        raise LexiconFormatError(
            f"{name}: {len(data)} bytes is larger than the {MAX_LEXICON_BYTES}-byte limit"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise LexiconFormatError(
            f"{name}: not UTF-8 at byte offset {err.start} ({err.reason})"
        ) from None
    try:
        if "&" in text or "*" in text:  # cheap pre-check before composing
            _refuse_aliases(text, name)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = err.problem or err.context or "syntax error"
        raise LexiconFormatError(f"{name}{line}: YAML syntax error: {problem}") from None
    except yaml.YAMLError as err:
        raise LexiconFormatError(f"{name}: YAML error: {err}") from None
    except RecursionError:
        raise LexiconFormatError(f"{name}: nesting too deep") from None
    if root is not None:
        _check_shape(root, name, 0, set())
    return root


def _refuse_aliases(text: str, name: str) -> None:
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            line = event.start_mark.line + 1 if event.start_mark is not None else 0
            raise LexiconFormatError(
                f"{name}:{line}: YAML anchors and aliases (&name / *name) "
                "are not allowed in lexicon files"
            )
        if isinstance(event, yaml.StreamEndEvent):
            break


def read_lexicon(path: PathLike) -> FileContents:
    """Read and check one lexicon file from disk."""
    name = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise LexiconFormatError(f"{name}: cannot read ({err.strerror})") from None
    return parse_lexicon(data, name)


def load_entries(paths: Iterable[PathLike]) -> list[FileContents]:
    """Read every file; per-file problems are kept in the results, not raised."""
    return [read_lexicon(p) for p in paths]
