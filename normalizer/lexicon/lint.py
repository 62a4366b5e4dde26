"""The lexicon lint: a file passes only in canonical form, and ids stay stable.

Beyond the load-time validation it requires, per file: NFC text; entries (and retired ids)
sorted by id; no value twice in one list; every word of a name in one script, Arabic or
Latin (a Cyrillic ``а`` in a Latin name is caught), and no Arabic in ``canonical.en``; each
entry written exactly as :func:`normalizer.lexicon.style.render_entry` writes it (comment
lines aside). Across files: no duplicate ids, and with an id ledger every ledger id is still
an entry or retired, and every id is in the ledger.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from normalizer.errors import LexiconError, NormalizerError
from normalizer.lexicon.compile import compile_lexicon
from normalizer.lexicon.layout import EntryBlock, Layout, read_layout
from normalizer.lexicon.ledger import read_ledger
from normalizer.lexicon.load import parse_lexicon
from normalizer.lexicon.schema import FileContents
from normalizer.lexicon.style import LIST_FIELDS, render_entry, render_retired
from normalizer.model import Entry
from normalizer.text.scripts import has_arabic, is_arabic


@dataclass(frozen=True, slots=True)
class LintResult:
    """What the lint found, and the ids the files hold (entries and retired)."""

    problems: tuple[str, ...]
    ids: frozenset[str]


def script_of(ch: str) -> str:
    """``arabic``, ``latin`` or ``other`` for a letter.

    >>> script_of("ك"), script_of("ê"), script_of("а")  # the last is Cyrillic
    ('arabic', 'latin', 'other')
    """
    if is_arabic(ch):
        return "arabic"
    return "latin" if unicodedata.name(ch, "").startswith("LATIN") else "other"


def script_problem(value: str) -> str | None:
    """Why a name's scripts are wrong, or None (each word must be all Arabic or all Latin).

    >>> script_problem("قاعدة K1") is None, script_problem("Kاظمي")
    (True, "word 'Kاظمي' mixes arabic and latin letters")
    """
    for word in value.split():
        scripts = sorted({script_of(ch) for ch in word if ch.isalpha()})
        if "other" in scripts:
            odd = next(ch for ch in word if ch.isalpha() and script_of(ch) == "other")
            return f"word {word!r} has a letter that is neither Arabic nor Latin: {odd!r}"
        if len(scripts) > 1:
            return f"word {word!r} mixes {' and '.join(scripts)} letters"
    return None


def _entry_problems(entry: Entry, where: str) -> list[str]:
    out: list[str] = []
    if entry.en is not None and has_arabic(entry.en):
        out.append(f"{where} → canonical.en: Arabic letters in {entry.en!r}")
    for field in ("en", "ar", *LIST_FIELDS):
        value = getattr(entry, field)
        values: tuple[str, ...] = value if isinstance(value, tuple) else (value,) if value else ()
        label = f"canonical.{field}" if field in ("en", "ar") else field
        seen: set[str] = set()
        for v in values:
            if v in seen:
                out.append(f"{where} → {label}: {v!r} is listed twice")
            seen.add(v)
            problem = script_problem(v)
            if problem:
                out.append(f"{where} → {label}: {problem}")
    return out


def same_line(found: str, expected: str) -> bool:
    """Whether a file line is the expected one, allowing a trailing ``  # comment``.

    >>> same_line("  - Beta  # seen 2021", "  - Beta"), same_line("  - Beta2", "  - Beta")
    (True, False)
    """
    rest = found[len(expected) :]
    return (
        found.startswith(expected)
        and (not rest or rest[0] in " \t")
        and (rest.strip()[:1] in ("", "#"))
    )


def _form_problem(layout: Layout, block: EntryBlock, expected: str, name: str) -> str | None:
    got = layout.block_text(block).splitlines()
    want = expected.splitlines()
    k = next(
        (i for i, (a, b) in enumerate(zip(got, want, strict=False)) if not same_line(a, b)),
        None,
    )
    if k is None:
        if len(got) == len(want):
            return None
        k = min(len(got), len(want))
    lines = [i for i in range(block.start, block.end) if layout.lines[i].lstrip()[:1] != "#"]
    line = lines[min(k, len(lines) - 1)] + 1
    show_got = got[k] if k < len(got) else "(end of entry)"
    show_want = want[k] if k < len(want) else "(end of entry)"
    return (
        f"{name}:{line}: {block.id or f'item {block.index}'}: not in canonical form: "
        f"expected {show_want.strip()!r}, found {show_got.strip()!r} "
        "(2-space block YAML, keys in the documented order)"
    )


def _order_problems(blocks: Sequence[EntryBlock], name: str, what: str) -> list[str]:
    return [
        f"{name}:{b.start + 1}: {what} {b.id!r} comes after {a.id!r}: keep {what}s sorted by id"
        for a, b in itertools.pairwise(blocks)
        if b.id < a.id
    ]


def lint_bytes(data: bytes, name: str) -> tuple[FileContents | None, list[str]]:
    """Lint one file's bytes; the parsed contents are returned for the checks across files."""
    try:
        contents = parse_lexicon(data, name)
    except NormalizerError as err:
        return None, [str(err)]
    text = data.decode("utf-8")
    problems = list(contents.problems)
    for n, line in enumerate(text.splitlines(), 1):
        if not unicodedata.is_normalized("NFC", line):
            problems.append(f"{name}:{n}: text is not in Unicode NFC form")
    layout = read_layout(text, name)
    by_line = {e.line - 1: e for e in contents.entries}
    problems += _order_problems(layout.entries, name, "entry")
    problems += _order_problems(layout.retired, name, "retired id")
    for block in layout.entries:
        entry = by_line.get(block.start)
        if entry is None:
            continue  # reported by validation
        where = f"{name}:{block.start + 1}: entries[{block.index}] (id={entry.id!r})"
        problems += _entry_problems(entry, where)
        problem = _form_problem(layout, block, render_entry(entry, layout.indent), name)
        if problem:
            problems.append(problem)
    retired = {r.line - 1: r for r in contents.retired}
    for block in layout.retired:
        if block.start in retired:
            rendered = render_retired(retired[block.start], layout.indent)
            problem = _form_problem(layout, block, rendered, name)
            if problem:
                problems.append(problem)
    return contents, problems


def lint_paths(paths: Iterable[Path], ledger: Path | None = None) -> LintResult:
    """Lint files together (duplicate ids across them count), against ``ledger`` if given."""
    problems: list[str] = []
    files: list[FileContents] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as err:
            problems.append(f"{path}: cannot read ({err.strerror})")
            continue
        contents, found = lint_bytes(data, str(path))
        problems += found
        if contents is not None:
            files.append(contents)
    clean = [FileContents(f.entries, f.retired, []) for f in files]
    try:
        compile_lexicon(clean)
    except LexiconError as err:
        problems += getattr(err, "problems", [str(err)])
    entry_ids = {e.id for f in files for e in f.entries}
    retired_ids = {r.id for f in files for r in f.retired}
    ids = frozenset(entry_ids | retired_ids)
    if ledger is not None:
        known = set(read_ledger(ledger))
        problems += [
            f"{ledger}: id {i!r} was removed: list it under `retired:` in its file "
            "(ids are never reused or renamed)"
            for i in sorted(known - ids)
        ]
        new = sorted(ids - known)
        if new:
            shown = ", ".join(repr(i) for i in new[:5]) + (", ..." if len(new) > 5 else "")
            problems.append(
                f"{ledger}: {len(new)} id(s) not in the ledger ({shown}): "
                "run `normalize lexicon lint --update-ids`"
            )
    return LintResult(tuple(problems), ids)
