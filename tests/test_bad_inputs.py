"""Bad input through the command line, one labelled case per row: the exit code, a fragment
of the message, no traceback, and every file in the working folder left exactly as it was
(no partial output, no temporary files left over)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from normalizer.cli import cli

from .conftest import MINI

LEX = ["--no-default-lexicon", "--lexicon", str(MINI)]
GOOD = b"Kazemi met PMF leaders.\r\n"
BOMB = b"a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"
ARABIC_ONLY = (
    "entries:\n  - id: org.x\n    type: organization\n    canonical: {ar: منظمة اكس}\n"
    "    aliases: [Xorg]\n"
).encode()


@dataclass(frozen=True)
class Case:
    label: str
    args: list[str]  # "{d}" stands for the working folder
    code: int
    message: str
    files: dict[str, bytes] = field(default_factory=lambda: {"doc.txt": GOOD})
    big: dict[str, int] = field(default_factory=dict)  # sparse files of this many bytes
    stdin: bytes | None = None


CASES = [
    # --- input bytes
    Case(
        "invalid utf-8 names file and byte offset",
        [*LEX, "{d}/bad.txt"],
        1,
        "bad.txt: cannot decode byte offset 7 as utf-8 (invalid start byte)",
        files={"bad.txt": b"Kazemi \xff rest"},
    ),
    Case(
        "invalid byte far into the file, read in tiny blocks",
        [*LEX, "--block-size", "3", "{d}/bad.txt"],
        1,
        "cannot decode byte offset 25 as utf-8 (invalid continuation byte)",
        files={"bad.txt": "Kazemi met الكاظمي".encode() + b"\xc3\x28"},
    ),
    Case(
        "multi-byte character cut off at the end of the file",
        [*LEX, "{d}/cut.txt"],
        1,
        "cannot decode byte offset 7 as utf-8 (unexpected end of data)",
        files={"cut.txt": "Kazemi ك".encode()[:-1]},
    ),
    Case(
        "NUL byte: refused as binary",
        [*LEX, "{d}/image.png"],
        1,
        "image.png: looks like a binary file (NUL byte at byte offset 8)",
        files={"image.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
    ),
    Case(
        "UTF-16 read as UTF-8 is refused as binary",
        [*LEX, "{d}/wide.txt"],
        1,
        "looks like a binary file (NUL byte at byte offset 3)",
        files={"wide.txt": "Kazemi".encode("utf-16")},
    ),
    Case(
        "NUL character in UTF-16 text",
        [*LEX, "--encoding", "utf-16", "{d}/wide.txt"],
        1,
        "looks like a binary file (NUL character at code point offset 3)",
        files={"wide.txt": "Kaz\0emi".encode("utf-16")},
    ),
    Case(
        "undecodable stdin after output was written says the output is incomplete",
        [*LEX, "--block-size", "8", "-"],
        1,
        "-: cannot decode byte offset 16 as utf-8 (invalid start byte); choose the encoding "
        "with --encoding, or use --errors replace [the output already written for this file "
        "is incomplete]",
        stdin=b"Kazemi. And PMF \xff",
    ),
    Case("unknown encoding", [*LEX, "--encoding", "klingon", "{d}/doc.txt"], 2, "klingon"),
    Case("missing input file", [*LEX, "{d}/nope.txt"], 1, "nope.txt: cannot read"),
    Case(
        "directory without matching files",
        [*LEX, "--glob", "*.md", "{d}"],
        1,
        "no files matching --glob *.md",
    ),
    # --- writing
    Case(
        "-o keeps an existing target when the only input fails",
        [*LEX, "-o", "{d}/out.txt", "{d}/bad.txt"],
        1,
        "cannot decode byte offset 0",
        files={"bad.txt": b"\xffKazemi", "out.txt": b"previous results\n"},
    ),
    Case(
        "-o creates nothing when the only input fails",
        [*LEX, "-o", "{d}/new.txt", "{d}/bad.txt"],
        1,
        "cannot decode byte offset 0",
        files={"bad.txt": b"\xffKazemi"},
    ),
    Case(
        "--in-place leaves an undecodable file alone",
        [*LEX, "--in-place", "{d}/bad.txt"],
        1,
        "cannot decode byte offset 16",
        files={"bad.txt": b"Kazemi. And PMF \xff"},
    ),
    Case(
        "--in-place leaves a binary file alone",
        [*LEX, "--in-place", "--backup", ".orig", "{d}/blob"],
        1,
        "looks like a binary file",
        files={"blob": b"PMF\x00\x01"},
    ),
    Case(
        "--in-place stops when the replacement cannot be encoded",
        [
            "--no-default-lexicon",
            "--lexicon",
            "{d}/lex.yaml",
            "--in-place",
            "--encoding",
            "latin-1",
            "{d}/doc.txt",
        ],
        1,
        "which latin-1 cannot encode",
        files={"lex.yaml": ARABIC_ONLY, "doc.txt": b"Xorg caf\xe9"},
    ),
    Case(
        "--in-place with --errors replace would lose bytes",
        [*LEX, "--in-place", "--errors", "replace", "{d}/doc.txt"],
        2,
        "would lose the undecodable bytes",
    ),
    Case("--in-place with -o", [*LEX, "-i", "-o", "{d}/x", "{d}/doc.txt"], 2, "exclude"),
    Case("--in-place with jsonl", [*LEX, "-i", "--format", "jsonl", "{d}/doc.txt"], 2, "format"),
    Case("--in-place on stdin", [*LEX, "-i", "-"], 2, "standard input", stdin=b"PMF"),
    Case("--backup without --in-place", [*LEX, "--backup", "~", "{d}/doc.txt"], 2, "--in-place"),
    Case("empty --backup suffix", [*LEX, "-i", "--backup", "", "{d}/doc.txt"], 2, "empty"),
    Case("--jobs 0", [*LEX, "--jobs", "0", "{d}/doc.txt"], 2, "--jobs"),
    Case("stdin with --jobs 2", [*LEX, "--jobs", "2", "-"], 2, "--jobs 1", stdin=b"PMF"),
    Case("unknown format", [*LEX, "--format", "xml", "{d}/doc.txt"], 2, "'xml' is not one of"),
    # --- untrusted lexicons
    Case("--lexicon that does not exist", ["--lexicon", "{d}/no.yaml", "{d}/doc.txt"], 2, "exist"),
    Case(
        "lexicon alias bomb",
        ["--lexicon", "{d}/lex.yaml", "{d}/doc.txt"],
        1,
        "lex.yaml:1: YAML anchors and aliases",
        files={"lex.yaml": BOMB, "doc.txt": GOOD},
    ),
    Case(
        "lexicon nested very deep",
        ["--lexicon", "{d}/lex.yaml", "{d}/doc.txt"],
        1,
        "lex.yaml",
        files={"lex.yaml": b"entries: " + b"[" * 5000 + b"]" * 5000, "doc.txt": GOOD},
    ),
    Case(
        "lexicon with a duplicate key",
        ["--lexicon", "{d}/lex.yaml", "{d}/doc.txt"],
        1,
        "duplicate key",
        files={
            "lex.yaml": b"entries:\n  - id: a.b\n    id: a.c\n    type: x\n"
            b"    canonical: {en: X}\n",
            "doc.txt": GOOD,
        },
    ),
    Case(
        "lexicon larger than the limit",
        ["--lexicon", "{d}/lex.yaml", "{d}/doc.txt"],
        1,
        "-byte limit",
        big={"lex.yaml": 64 * 1024 * 1024 + 1},
    ),
    Case(
        "lexicon that is not UTF-8",
        ["--lexicon", "{d}/lex.yaml", "{d}/doc.txt"],
        1,
        "not UTF-8 at byte offset 9",
        files={"lex.yaml": b"entries: \xff", "doc.txt": GOOD},
    ),
    Case(
        "lexicon with a YAML syntax error",
        ["--lexicon", "{d}/lex.yaml", "{d}/doc.txt"],
        1,
        "YAML syntax error",
        files={"lex.yaml": b"entries: [\n", "doc.txt": GOOD},
    ),
    Case(
        "lexicon with a bad id, with --in-place",
        ["--lexicon", "{d}/lex.yaml", "-i", "{d}/doc.txt"],
        1,
        "'Bad Id' does not match",
        files={
            "lex.yaml": b"entries:\n  - id: Bad Id\n    type: x\n    canonical: {en: X}\n",
            "doc.txt": GOOD,
        },
    ),
    # --- annotated text
    Case(
        "strip: a stray mark",
        ["strip", "{d}/doc.ann"],
        1,
        "doc.ann: not valid annotated text: ⟦ that starts no mark or escape (code point 4)",
        files={"doc.ann": "abc ⟦x"},
    ),
    Case(
        "strip: a mark never closed, -o left alone",
        ["strip", "-o", "{d}/out.txt", "{d}/doc.ann"],
        1,
        "a mark opened here is never closed (code point 2)",
        files={"doc.ann": "a ⟦org.x|PMF".encode(), "out.txt": b"old"},
    ),
]


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    return {
        p.name: (p.read_bytes(), p.stat().st_mode, p.stat().st_mtime_ns)
        for p in sorted(folder.iterdir())
    }


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_bad_input(case: Case, tmp_path: Path) -> None:
    for name, data in case.files.items():
        (tmp_path / name).write_bytes(data if isinstance(data, bytes) else data.encode())
    for name, size in case.big.items():
        with (tmp_path / name).open("wb") as fh:
            fh.truncate(size)
    for name in case.files:  # an old timestamp, so that a rewrite would show
        os.utime(tmp_path / name, ns=(1_000_000_000, 1_000_000_000))
    before = _snapshot(tmp_path)
    args = [a.replace("{d}", str(tmp_path)) for a in case.args]
    result = CliRunner().invoke(cli, args, input=case.stdin)
    assert result.exit_code == case.code, result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    assert case.message in result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(tmp_path) == before
