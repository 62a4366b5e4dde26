"""``normalize lexicon check``, ``stats`` and ``export`` on small lexicons made for them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from normalizer.cli import cli

from normalizer.lexicon.check import Kind, check_lexicon
from normalizer.lexicon.load import parse_lexicon

CURATED = """\
entries:
  - id: person.mustafa-al-kadhimi
    type: person
    canonical:
      en: Mustafa Al-Kadhimi
      ar: مصطفى الكاظمي
    aliases:
      - Kadhimi
      - KADHIMI
      - Kadhimy
      - Soleimany
  - id: person.qassem-soleimani
    type: person
    canonical:
      en: Qassem Soleimani
      ar: قاسم سليماني
  - id: place.maysan-governorate
    type: place
    canonical:
      en: Maysan Governorate
  - id: place.muthanna-governorate
    type: place
    canonical:
      en: Muthanna Governorate
      ar: محافظة المثنى
    context_aliases:
      - the south
    context:
      - Samawah
"""

EXPECTED = [
    # kind, id, name, a fragment of the detail
    (Kind.ALIAS_ELSEWHERE, "person.mustafa-al-kadhimi", "Soleimany", "person.qassem-soleimani"),
    (Kind.REDUNDANT_ALIAS, "person.mustafa-al-kadhimi", "KADHIMI", "same key as 'Kadhimi'"),
    (Kind.REDUNDANT_ALIAS, "person.mustafa-al-kadhimi", "Kadhimy", "other names (phonetic"),
    (Kind.NAME_COLLISION, "place.maysan-governorate", "Maysan Governorate", "muthanna"),
    (Kind.MISSING_CANONICAL, "place.maysan-governorate", "", "no Arabic canonical name"),
    (Kind.UNUSED_CUE, "place.muthanna-governorate", "Samawah", "none of the 1 corpus"),
]


@pytest.fixture
def curated(tmp_path: Path) -> Path:
    path = tmp_path / "curated.yaml"
    path.write_text(CURATED, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("kind", "entry_id", "name", "fragment"), EXPECTED, ids=[f"{e[0]} {e[2]}" for e in EXPECTED]
)
def test_finding(kind: Kind, entry_id: str, name: str, fragment: str) -> None:
    findings = check_lexicon([parse_lexicon(CURATED.encode(), "c.yaml")], ["Kadhimi in Basra"])
    assert any(
        f.kind == kind and f.id == entry_id and f.name == name and fragment in f.detail
        for f in findings
    ), [f for f in findings if f.kind == kind]


def test_no_findings_for_a_clean_lexicon_and_negative_cases() -> None:
    start, end = CURATED.index("    aliases:"), CURATED.index("  - id: person.qassem")
    clean = CURATED[:start] + CURATED[end:]
    findings = check_lexicon([parse_lexicon(clean.encode(), "c.yaml")], [])
    assert [(f.kind, f.name) for f in findings] == [
        (Kind.NAME_COLLISION, "Maysan Governorate"),
        (Kind.NAME_COLLISION, "Muthanna Governorate"),
        (Kind.MISSING_CANONICAL, ""),
    ]


def test_context_aliases_without_cues_never_count() -> None:
    text = CURATED.replace("    context:\n      - Samawah\n", "")
    findings = check_lexicon([parse_lexicon(text.encode(), "c.yaml")])
    assert [(f.id, f.name) for f in findings if f.kind == Kind.UNUSED_CUE] == [
        ("place.muthanna-governorate", "the south")
    ]


def test_cli_check_jsonl_kind_filter_and_exit_status(curated: Path, tmp_path: Path) -> None:
    news = tmp_path / "news.txt"
    news.write_text("Samawah is in Muthanna.", encoding="utf-8")
    args = ["lexicon", "check", "--no-default-lexicon", str(curated), "--corpus", str(news)]
    result = CliRunner().invoke(cli, [*args, "--format", "jsonl", "--kind", "alias-elsewhere"])
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    record = json.loads(line)
    assert list(record) == ["kind", "id", "name", "detail", "other", "score"]
    assert (record["kind"], record["name"], record["other"]) == (
        "alias-elsewhere",
        "Soleimany",
        "person.qassem-soleimani",
    )
    assert result.stderr == "Error: 1 finding(s): alias-elsewhere 1\n"
    result = CliRunner().invoke(cli, [*args, "--kind", "unused-cue"])
    assert (result.exit_code, result.stdout) == (0, "")  # the cue occurs in the corpus


def test_cli_check_refuses_an_invalid_lexicon(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries:\n  - id: x\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["lexicon", "check", "--no-default-lexicon", str(bad)])
    assert result.exit_code == 1
    assert "missing required key 'type'" in result.stderr


def test_stats(curated: Path) -> None:
    args = ["lexicon", "stats", "--no-default-lexicon", "--lexicon", str(curated)]
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0
    numbers = json.loads(result.stdout)
    assert numbers["entries"] == 4
    assert numbers["per_type"] == {"person": 2, "place": 2}
    assert numbers["aliases_per_script"] == {"latin": 4}
    assert (numbers["missing_ar"], numbers["context_aliases"], numbers["context_cues"]) == (1, 1, 1)
    text = CliRunner().invoke(cli, args).stdout
    assert "entries\t4\n" in text
    assert "  person\t2\n" in text


def test_export_csv_and_jsonl_round_trip(curated: Path) -> None:
    args = ["lexicon", "export", "--no-default-lexicon", "--lexicon", str(curated)]
    rows = list(csv.DictReader(io.StringIO(CliRunner().invoke(cli, args).stdout)))
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    assert rows[0]["aliases"] == "Kadhimi | KADHIMI | Kadhimy | Soleimany"
    assert rows[0]["ar"] == "مصطفى الكاظمي"
    lines = CliRunner().invoke(cli, [*args, "--format", "jsonl"]).stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert records[0]["aliases"] == ["Kadhimi", "KADHIMI", "Kadhimy", "Soleimany"]
    assert records[2]["ar"] is None
    assert len(records) == len(rows) == 4
