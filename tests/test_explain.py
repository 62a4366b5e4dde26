"""``normalize explain``: folded form, keys, candidates and the reason, for chasing misses."""

from __future__ import annotations

import json

from click.testing import CliRunner
from normalizer.cli import cli

from normalizer import Normalizer

from .conftest import MINI

LEX = ["--no-default-lexicon", "--lexicon", str(MINI)]


def _explain(*args: str) -> str:
    result = CliRunner().invoke(cli, ["explain", *LEX, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_phonetic_match_shows_keys_candidate_and_reason() -> None:
    out = _explain("Suleimani")
    assert "folded:     suleimani" in out
    assert "keys:       SLMN/" in out
    assert "person.qassem-soleimani  'Qassem Soleimani'" in out
    assert "partial name" in out
    assert "decision:   person.qassem-soleimani (Qassem Soleimani), phonetic" in out
    assert "reason:     phonetic match on 'Qassem Soleimani', a part of the full name" in out


def test_an_ambiguous_curated_name_lists_both_entries() -> None:
    out = _explain("Hezbollah")
    assert "decision:   ambiguous: org.lebanese-hezbollah, org.kataib-hezbollah" in out
    assert "reason:     ambiguous:" in out


def test_misses_say_why() -> None:
    assert "acronyms) are never matched fuzzily" in _explain("PMX")
    assert "fewer than 4 letters" in _explain("Abc")
    assert "no name shares a phonetic key" in _explain("Ramstein")


def test_json_format_carries_the_decision_record() -> None:
    record = json.loads(_explain("--format", "json", "Kazemi"))
    assert record["folded"] == "kazemi"
    assert record["decision"]["id"] == "person.mustafa-al-kadhimi"
    assert record["decision"]["method"] == "alias"
    assert record["reason"] == "the folded form is a curated alias"


def test_explain_agrees_with_lookup(mini: Normalizer) -> None:
    for term in ["Suleimani", "Kathimi", "Hezbollah", "PMX", "قاسم سليمانى", "Katiusha"]:
        assert mini.explain(term).match == mini.lookup(term)
