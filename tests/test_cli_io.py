"""Reading and writing in the ``normalize`` command: bytes kept exactly, streaming equal to
whole-text processing, directories, --in-place, -o, --jobs and progress."""

from __future__ import annotations

import json
import os
import pickle
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from normalizer.cli import cli
from normalizer.cli.jobs import Plan
from normalizer.cli.pipeline import Settings

from normalizer import Normalizer
from normalizer.annotate import annotate, strip_annotations
from normalizer.render import mention_record

from .conftest import MINI
from .test_properties import TEXTS

LEX = ["--no-default-lexicon", "--lexicon", str(MINI)]
FORMATS = ["text", "jsonl", "json", "annotated"]


def run(*args: str, input: bytes | None = None) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(cli, [*LEX, *args], input=input, catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr


def expected(n: Normalizer, fmt: str, name: str, text: str) -> bytes:
    """What each format must print for one file, computed from whole-text normalization."""
    result = n.normalize(text)
    if fmt == "text":
        return result.text.encode("utf-8")
    if fmt == "annotated":
        return annotate(text, result.mentions).encode("utf-8")
    records = [mention_record(m, name) for m in result.mentions]
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    document = {"file": name, "normalized": result.text, "mentions": records}
    return (json.dumps([document], ensure_ascii=False, indent=2) + "\n").encode()


# --- bytes in, bytes out


@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("CRLF", "Kazemi met PMF.\r\nAnd Badr.\r\n"),
        ("lone CR", "Kazemi\rPMF\r"),
        ("trailing spaces and tabs", "PMF  \t\nBadr \u00a0\n\n  "),
        ("BOM kept", "\ufeffKazemi met PMF."),
        ("no final newline", "والكاظمي"),
        ("empty", ""),
        ("only white space", " \r\n\t\r"),
    ],
)
@pytest.mark.parametrize("block", ["1", "2", "1048576"])
def test_text_mode_keeps_everything_but_the_mentions(
    label: str, text: str, block: str, tmp_path: Path, mini: Normalizer
) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_bytes(text.encode("utf-8"))
    code, out, _ = run("--block-size", block, str(doc))
    assert code == 0
    assert out == mini.normalize(text).text.encode("utf-8")
    assert out.startswith(b"\xef\xbb\xbf") == text.startswith("\ufeff")


def test_bom_offsets_count_it_unless_the_codec_drops_it(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_bytes("\ufeffKazemi".encode())
    (record,) = (json.loads(line) for line in run("--format", "jsonl", str(doc))[1].splitlines())
    assert (record["start"], record["end"]) == (1, 7)
    _code, out, _ = run("--format", "jsonl", "--encoding", "utf-8-sig", str(doc))
    assert (json.loads(out)["start"], json.loads(out)["end"]) == (0, 6)
    # utf-8-sig drops it from the text (offsets) and writes it back (text output)
    assert run("--encoding", "utf-8-sig", str(doc))[1] == "\ufeffMustafa Al-Kadhimi".encode()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "cp1256", "utf-8"])
def test_other_encodings_round_trip(encoding: str, tmp_path: Path, mini: Normalizer) -> None:
    text = "والكاظمي\r\nمع الحشد الشعبي PMF\r\n"
    doc = tmp_path / "doc.txt"
    doc.write_bytes(text.encode(encoding))
    code, out, _ = run("--encoding", encoding, "--block-size", "3", str(doc))
    assert code == 0
    assert out == mini.normalize(text).text.encode(encoding)
    code, out, _ = run("--encoding", encoding, "--format", "annotated", str(doc))
    strip = CliRunner().invoke(cli, ["strip", "--encoding", encoding, "-"], input=out)
    assert strip.stdout_bytes == doc.read_bytes()


def test_errors_replace_keeps_offsets_valid(tmp_path: Path) -> None:
    raw = b"\xff\xfe Kazemi \xc3 PMF"
    doc = tmp_path / "doc.txt"
    doc.write_bytes(raw)
    code, out, _ = run("--errors", "replace", "--format", "jsonl", "--block-size", "2", str(doc))
    assert code == 0
    decoded = raw.decode("utf-8", errors="replace")
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["text"] for r in records] == ["Kazemi", "PMF"]
    assert all(decoded[r["start"] : r["end"]] == r["text"] for r in records)


def test_stdin_that_fails_late_keeps_the_settled_output() -> None:
    code, out, err = run("--block-size", "4", "-", input=b"Kazemi left. Then PMF came. \xff")
    assert code == 1
    assert out == b"Mustafa Al-Kadhimi left. Then Popular Mobilization Forces came. "[: len(out)]
    assert out.startswith(b"Mustafa Al-Kadhimi left.")
    assert "incomplete" in err


def test_regular_file_to_stdout_fails_before_writing(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_bytes(b"Kazemi. And PMF \xff")
    code, out, err = run("--block-size", "4", str(doc))
    assert (code, out) == (1, b"")
    assert "incomplete" not in err


# --- streaming equals whole


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    text=TEXTS,
    fmt=st.sampled_from(FORMATS),
    block=st.integers(1, 12),
)
def test_cli_streaming_equals_whole(
    text: str, fmt: str, block: int, tmp_path: Path, mini: Normalizer
) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_bytes(text.encode("utf-8"))
    code, out, _ = run("--format", fmt, "--block-size", str(block), str(doc))
    assert code == 0
    assert out == expected(mini, fmt, str(doc), text)
    if fmt == "annotated":
        assert strip_annotations(out.decode("utf-8")) == text


def test_json_array_of_several_files(tmp_path: Path, mini: Normalizer) -> None:
    texts = {"a.txt": "PMF", "b.txt": "", "c.txt": 'quote " and \\ and Kazemi\r\n'}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    names = [str(tmp_path / n) for n in texts]
    _code, out, _ = run("--format", "json", "--block-size", "2", *names)
    documents = [
        {
            "file": name,
            "normalized": mini.normalize(text).text,
            "mentions": [mention_record(m, name) for m in mini.normalize(text).mentions],
        }
        for name, text in zip(names, texts.values(), strict=True)
    ]
    assert out.decode() == json.dumps(documents, ensure_ascii=False, indent=2) + "\n"


def test_json_with_no_files_left_is_an_empty_array(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\xff")
    code, out, _ = run("--format", "json", str(tmp_path / "bad.txt"))
    assert (code, out) == (1, b"[]\n")


# --- directories


def test_directories_are_walked_sorted_and_filtered(tmp_path: Path) -> None:
    files = {
        "b.txt": "Badr",
        "a/z.txt": "PMF",
        "a/y.md": "Kazemi",
        "a/deeper/x.txt": "KH",
        ".hidden.txt": "PMF",
        ".git/config.txt": "PMF",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    code, out, _ = run("--format", "jsonl", "--glob", "*.txt", str(tmp_path))
    assert code == 0
    found = [Path(json.loads(line)["file"]).relative_to(tmp_path) for line in out.splitlines()]
    assert found == [Path("a/deeper/x.txt"), Path("a/z.txt"), Path("b.txt")]
    code, out, _ = run("--format", "jsonl", "--glob", "*.md", "--glob", "b.*", str(tmp_path))
    found = [Path(json.loads(line)["file"]).relative_to(tmp_path) for line in out.splitlines()]
    assert found == [Path("a/y.md"), Path("b.txt")]


# --- -o


def test_output_file_keeps_the_good_files_and_usual_permissions(tmp_path: Path) -> None:
    good, bad, target = tmp_path / "good.txt", tmp_path / "bad.txt", tmp_path / "out.txt"
    good.write_text("PMF", encoding="utf-8")
    bad.write_bytes(b"Kazemi \xff")
    code, out, _err = run("-o", str(target), str(bad), str(good))
    assert (code, out) == (1, b"")
    assert target.read_text("utf-8") == "Popular Mobilization Forces"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "good.txt", "out.txt"]


# --- --in-place


def test_in_place_rewrites_keeps_mode_and_backup(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_bytes(b"Kazemi met PMF.\r\n")
    doc.chmod(0o640)
    code, out, _ = run("--in-place", "--backup", ".orig", str(doc))
    assert (code, out) == (0, b"")
    assert doc.read_bytes() == b"Mustafa Al-Kadhimi met Popular Mobilization Forces.\r\n"
    assert stat.S_IMODE(doc.stat().st_mode) == 0o640
    assert (tmp_path / "doc.txt.orig").read_bytes() == b"Kazemi met PMF.\r\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt", "doc.txt.orig"]


def test_in_place_does_not_touch_unchanged_files(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_bytes(b"nothing to see\n")
    os.utime(doc, ns=(1_000_000_000, 1_000_000_000))
    inode = doc.stat().st_ino
    assert run("-i", "--backup", ".orig", str(doc))[0] == 0
    assert (doc.stat().st_ino, doc.stat().st_mtime_ns) == (inode, 1_000_000_000)
    assert [p.name for p in tmp_path.iterdir()] == ["doc.txt"]


def test_in_place_through_a_symlink_rewrites_the_target(tmp_path: Path) -> None:
    real, link = tmp_path / "real.txt", tmp_path / "link.txt"
    real.write_text("PMF", encoding="utf-8")
    link.symlink_to(real)
    assert run("-i", str(link))[0] == 0
    assert link.is_symlink()
    assert real.read_text("utf-8") == "Popular Mobilization Forces"


def test_in_place_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("PMF", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"PMF \xff")
    (tmp_path / "c.txt").write_text("Badr", encoding="utf-8")
    code, _, err = run("-i", str(tmp_path))
    assert code == 1
    assert "b.txt: cannot decode byte offset 4" in err
    assert "1 of 3 files could not be processed" in err
    assert (tmp_path / "a.txt").read_text("utf-8") == "Popular Mobilization Forces"
    assert (tmp_path / "b.txt").read_bytes() == b"PMF \xff"
    assert (tmp_path / "c.txt").read_text("utf-8") == "Badr Organization"


# --- --jobs


def _mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(7):
        (folder / f"{i}.txt").write_text(f"{i} PMF met Kazemi\r\n" * (i + 1), encoding="utf-8")
    (folder / "3.txt").write_bytes(b"PMF \xff")
    (folder / "5.txt").write_bytes(b"\x00binary")
    return folder


@pytest.mark.parametrize("fmt", FORMATS)
def test_jobs_give_the_same_output_errors_and_exit_code(fmt: str, tmp_path: Path) -> None:
    folder = _mixed_folder(tmp_path)
    one = run("--format", fmt, "--jobs", "1", str(folder))
    three = run("--format", fmt, "--jobs", "3", str(folder))
    assert one[0] == three[0] == 1
    assert one[1] == three[1]
    assert one[2] == three[2]
    assert "2 of 7 files could not be processed" in one[2]
    target1, target3 = tmp_path / "one.out", tmp_path / "three.out"
    run("--format", fmt, "-o", str(target1), str(folder))
    run("--format", fmt, "-o", str(target3), "-j", "3", str(folder))
    assert target1.read_bytes() == target3.read_bytes() == one[1]


def test_worker_state_pickles(mini: Normalizer, tmp_path: Path) -> None:
    """What a worker receives survives pickling (spawn / forkserver start methods)."""
    plan = Plan(Settings("json", "utf-8", "strict", 7), False, True, str(tmp_path))
    copy, plan_copy = pickle.loads(pickle.dumps((mini, plan)))
    assert plan_copy == plan
    text = "Kazemi met PMF. والكاظمي"
    assert copy.normalize(text) == mini.normalize(text)


def test_jobs_in_place(tmp_path: Path) -> None:
    folder = _mixed_folder(tmp_path)
    serial = tmp_path / "serial"
    folder.rename(serial)
    _mixed_folder(tmp_path)
    assert run("-i", str(serial))[0] == run("-i", "-j", "2", str(folder))[0] == 1
    for path in sorted(serial.iterdir()):
        assert (folder / path.name).read_bytes() == path.read_bytes()


# --- progress


def test_progress_goes_to_a_terminal_stderr_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("PMF " * 1000, encoding="utf-8")
    monkeypatch.setattr("normalizer.cli.progress.INTERVAL", 0.0)
    assert "normalize:" not in run(str(doc))[2]  # CliRunner's stderr is not a terminal
    monkeypatch.setattr("normalizer.cli.text_cmd.wanted", lambda quiet: not quiet)
    code, out, err = run("--block-size", "1000", str(doc))
    assert code == 0
    assert out == ("Popular Mobilization Forces " * 1000).encode()
    assert "\r\x1b[Knormalize: 0/1 files, 0.0 MB of 0.0 MB" in err
    assert err.endswith("\r\x1b[K")
    assert "normalize:" not in run("--quiet", str(doc))[2]
