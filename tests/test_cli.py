"""The command line: output, exit codes and one-line errors (sqlite-utils style)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from normalizer.cli import cli

from .conftest import MINI

LEX = ["--no-default-lexicon", "--lexicon", str(MINI)]


def run(*args: str, input: bytes | str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    # stdout_bytes, not .stdout: click's .stdout turns CRLF into LF
    return result.exit_code, result.stdout_bytes.decode("utf-8"), result.stderr


def test_acceptance_lookup_kadhimi_family() -> None:
    code, out, _ = run("lookup", "--format", "jsonl", "Kazemi", "Kadhimi", "Al-Kazemi", "الكاظمي")
    assert code == 0
    ids = {json.loads(line)["id"] for line in out.splitlines()}
    assert ids == {"person.mustafa-al-kadhimi"}


def test_acceptance_lookup_asaib_family() -> None:
    code, out, _ = run(
        "lookup", "--format", "jsonl", "League of the Righteous", "Asaib", "AAH", "عصائب أهل الحق"
    )
    assert code == 0
    ids = {json.loads(line)["id"] for line in out.splitlines()}
    assert ids == {"org.asaib-ahl-al-haq"}


def test_lookup_jsonl_fields_in_order_with_misses_and_ambiguity() -> None:
    code, out, _ = run("lookup", *LEX, "--format", "jsonl", "Kazemi", "Nobody", "Hezbollah")
    assert code == 0
    hit, miss, amb = (json.loads(line) for line in out.splitlines())
    assert list(hit) == ["query", "id", "canonical", "score", "method", "candidates"]
    assert hit["id"] == "person.mustafa-al-kadhimi"
    assert hit["method"] == "alias"
    assert miss["id"] is None
    assert miss["candidates"] == []
    assert amb["id"] is None
    assert {c["id"] for c in amb["candidates"]} == {
        "org.kataib-hezbollah",
        "org.lebanese-hezbollah",
    }


def test_lookup_text_format() -> None:
    code, out, _ = run("lookup", *LEX, "Kazemi", "Nobody", "Hezbollah")
    assert code == 0
    assert out.splitlines() == [
        "Kazemi\tperson.mustafa-al-kadhimi\tMustafa Al-Kadhimi\t1.00\talias",
        "Nobody\tno match",
        "Hezbollah\tambiguous\torg.kataib-hezbollah, org.lebanese-hezbollah",  # exact first
    ]


def test_lookup_stdin_one_term_per_line() -> None:
    code, out, _ = run("lookup", *LEX, "--format", "jsonl", "-", input="Kazemi\n\nالكاظمي\n")
    assert code == 0
    assert [json.loads(line)["query"] for line in out.splitlines()] == ["Kazemi", "الكاظمي"]


def test_normalize_text_is_default_command(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("Al-Kazemi and الحشد الشعبي\r\n", encoding="utf-8")
    code, out, _ = run(*LEX, str(doc))
    assert code == 0
    assert out == "Mustafa Al-Kadhimi and الحشد الشعبي\r\n"
    assert run("text", *LEX, str(doc))[1] == out


def test_normalize_jsonl_offsets_are_into_the_decoded_file(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    text = "\ufeff😡 Kazemi\r\nوالكاظمي"
    doc.write_bytes(text.encode("utf-8"))
    code, out, _ = run(*LEX, "--format", "jsonl", str(doc))
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["text"] for r in records] == ["Kazemi", "الكاظمي"]
    for r in records:
        assert list(r) == [
            "file",
            "start",
            "end",
            "text",
            "id",
            "canonical",
            "type",
            "score",
            "method",
        ]
        assert text[r["start"] : r["end"]] == r["text"]
        assert r["file"] == str(doc)
    assert records[1]["canonical"] == "مصطفى الكاظمي"


def test_normalize_json_format(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("PMF", encoding="utf-8")
    code, out, _ = run(*LEX, "--format", "json", str(doc))
    assert code == 0
    (document,) = json.loads(out)
    assert document["normalized"] == "Popular Mobilization Forces"
    assert document["mentions"][0]["id"] == "org.popular-mobilization-forces"


def test_stdin_and_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    code, out, _ = run(*LEX, "-o", str(target), "-", input=b"Katechua")
    assert code == 0
    assert out == ""
    assert target.read_text("utf-8") == "Katyusha rocket"


def test_missing_lexicon_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("lookup", "--lexicon", str(tmp_path / "missing.yaml"), "x")
    assert code == 2
    assert "does not exist" in err


def test_bad_lexicon_is_one_error_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "entries:\n  - id: Bad Id\n    type: x\n    canonical: {en: X}\n", encoding="utf-8"
    )
    code, out, err = run("lookup", "--lexicon", str(bad), "x")
    assert code == 1
    assert out == ""
    assert err.startswith(f"Error: {bad}:2: entries[0] → id: 'Bad Id' does not match")
    assert len(err.splitlines()) == 1
    assert "Traceback" not in err


def test_undecodable_input_names_file_and_offset(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Kazemi \xff rest")
    code, out, err = run(*LEX, str(bad))
    assert code == 1
    assert out == ""
    assert f"{bad}: cannot decode byte offset 7 as utf-8" in err
    code, out, _ = run(*LEX, "--errors", "replace", str(bad))
    assert code == 0
    assert out == "Mustafa Al-Kadhimi \ufffd rest"


def test_one_bad_file_does_not_lose_the_others(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.bin"
    good.write_text("Kazemi", encoding="utf-8")
    bad.write_bytes(b"\x00\x01binary")
    code, out, err = run(*LEX, str(bad), str(good))
    assert code == 1
    assert out == "Mustafa Al-Kadhimi"
    assert "binary" in err
    assert "1 of 2 files" in err


def test_missing_input_file(tmp_path: Path) -> None:
    code, _, err = run(*LEX, str(tmp_path / "nope.txt"))
    assert code == 1
    assert "nope.txt: cannot read" in err


@pytest.mark.parametrize("args", [["--format", "xml", "a.txt"], ["lookup"], ["--bogus"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert run(*args)[0] == 2


def test_validate_bundled_and_given_files(tmp_path: Path) -> None:
    code, out, _ = run("lexicon", "validate")
    assert code == 0
    assert out.startswith("OK: ")
    code, out, err = run("lexicon", "validate", "--no-default-lexicon", str(MINI))
    assert code == 0
    assert "warning: ambiguous name 'hezbollah'" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "entries:\n  - id: x\n    type: x\n    canonical: {ar: Latin}\n", encoding="utf-8"
    )
    code, out, err = run("lexicon", "validate", str(bad))
    assert code == 1
    assert f"error: {bad}:4: entries[0] (id='x') → canonical.ar: expected Arabic script" in err


def test_help_lists_commands() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for word in ("lookup", "lexicon", "text"):
        assert word in out


@pytest.mark.parametrize("term", ["Kadhimee", "Qassem Sulaimani", "Suleymaani"])
def test_exact_only_turns_transliteration_off(term: str) -> None:
    """A spelling only transliteration finds is found by default and not with --exact-only;
    a curated alias is found either way."""
    assert "phonetic" in run("lookup", term)[1]
    assert run("lookup", "--exact-only", term) == (0, f"{term}\tno match\n", "")
    assert "alias" in run("lookup", "--exact-only", "Kadhemi")[1]


def test_exact_only_in_running_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Kadhimee met Kadhemi.", "utf-8")
    assert run("text", str(path))[1] == "Mustafa Al-Kadhimi met Mustafa Al-Kadhimi."
    assert run("text", "--exact-only", str(path))[1] == "Kadhimee met Mustafa Al-Kadhimi."
