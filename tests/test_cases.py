"""Labelled case tables (tests/cases/*.yaml) for scanning and lookup, both scripts, with
negative cases and strict known failures (ftfy style)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from normalizer import Normalizer

CASES = Path(__file__).parent / "cases"


def _params(name: str) -> list[Any]:
    cases = yaml.safe_load((CASES / name).read_text("utf-8"))
    return [
        pytest.param(
            case,
            id=case["label"],
            marks=[pytest.mark.xfail(strict=True, reason=case.get("expect"))]
            if case.get("expect") == "fail"
            else [],
        )
        for case in cases
    ]


@pytest.mark.parametrize("case", _params("scan.yaml"))
def test_scan(case: dict[str, Any], mini: Normalizer) -> None:
    text = case["text"]
    result = mini.normalize(text)
    got = [[m.surface, m.id] for m in result.mentions]
    assert got == case["mentions"]
    for m in result.mentions:
        assert text[m.start : m.end] == m.surface
        assert (m.id is None) == bool(m.candidates)
    if "normalized" in case:
        assert result.text == case["normalized"]


@pytest.mark.parametrize("case", _params("lookup.yaml"))
def test_lookup(case: dict[str, Any], mini: Normalizer) -> None:
    match = mini.lookup(case["term"])
    if case["id"] is None and "candidates" not in case:
        assert match is None
        return
    assert match is not None
    assert match.id == case["id"]
    if "candidates" in case:
        assert sorted(c.id for c in match.candidates) == sorted(case["candidates"])
    if "method" in case:
        assert match.method == case["method"]
    assert 0.0 <= match.score <= 1.0


def test_ambiguous_mention_lists_candidates(mini: Normalizer) -> None:
    (m,) = mini.normalize("Hezbollah").mentions
    assert m.id is None
    assert {c.id for c in m.candidates} == {"org.kataib-hezbollah", "org.lebanese-hezbollah"}


def test_ambiguity_is_reported_as_a_warning(mini: Normalizer) -> None:
    assert any("'hezbollah'" in w and "org.kataib-hezbollah" in w for w in mini.warnings)


@pytest.mark.parametrize(
    ("text", "surface", "cue"),
    [
        ("Hezbollah fired rockets from Lebanon.", "Hezbollah", "Lebanon"),
        ("Lebanon was tense. Hezbollah denied it.", "Hezbollah", "Lebanon"),
        ("هدد حزب الله في سوريا ولبنان", "حزب الله", "لبنان"),
        ("The Sadrist movement backs al-Sadr.", "al-Sadr", "Sadrist"),
    ],
)
def test_the_deciding_cue_is_reported(mini: Normalizer, text: str, surface: str, cue: str) -> None:
    (m,) = [m for m in mini.normalize(text).mentions if m.surface == surface]
    assert m.id is not None
    assert m.cue == cue


def test_a_partial_name_reports_its_antecedent(mini: Normalizer) -> None:
    text = "Mohammad Baqir al-Sadr founded a party. Decades later al-Sadr was remembered."
    full, partial = mini.normalize(text).mentions
    assert partial.id == full.id == "person.mohammad-baqir-al-sadr"
    assert partial.antecedent == full.start == 0
    assert partial.method == "phonetic"
    assert 0 < partial.score < 1
