"""The default normalizer against the hand-made gold (tests/gold/, policy in its README):
precision and recall at least 0.95 over all documents and at least 0.9 in each one (issue 4).

A mention counts only with the gold's exact span and id; an ambiguous mention (id None) is a
false positive. `make eval` prints the same figures per document and per entity type. The
first tests pin down the scorer itself on a tiny synthetic gold, so the floors below cannot
pass by miscounting.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from normalizer import Normalizer
from tests.tool_loader import load_tool

ev = load_tool("eval_gold")

OVERALL_FLOOR = 0.95
DOCUMENT_FLOOR = 0.9
DOCUMENTS = [doc.name for doc in ev.load_gold(ev.DEFAULT_GOLD)]

TINY_TEXT = "Kazemi met Badr. Hezbollah fired a Katyusha."
TINY_GOLD = [
    # label, start, end, id
    ("right span and id: true positive", 0, 6, "person.mustafa-al-kadhimi"),
    ("wrong id: FP + FN", 11, 15, "org.asaib-ahl-al-haq"),
    ("ambiguous prediction: FP + FN", 17, 26, "org.kataib-hezbollah"),
    ("span off by a word: FP + FN", 33, 43, "weapon.katyusha"),
]


def _write_tiny(folder: Path, gold: list[tuple[str, int, int, str]]) -> Path:
    (folder / "tiny.txt").write_text(TINY_TEXT, encoding="utf-8")
    lines = [
        json.dumps({"file": "tiny.txt", "start": s, "end": e, "text": TINY_TEXT[s:e], "id": i})
        for _, s, e, i in gold
    ]
    (folder / "tiny.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_scorer_counts_exact_span_and_id_only(tmp_path: Path, mini: Normalizer) -> None:
    result = ev.score_all(mini, _write_tiny(tmp_path, TINY_GOLD))
    overall = result["overall"]
    assert {k: overall[k] for k in ("gold", "pred", "tp", "fp", "fn")} == {
        "gold": 4,
        "pred": 4,
        "tp": 1,
        "fp": 3,
        "fn": 3,
    }
    assert overall["precision"] == pytest.approx(0.25)
    assert overall["recall"] == pytest.approx(0.25)
    kinds = sorted((e["kind"], e["text"], e["id"]) for e in result["errors"])
    assert kinds == [
        ("FN", "Badr", "org.asaib-ahl-al-haq"),
        ("FN", "Hezbollah", "org.kataib-hezbollah"),
        ("FN", "a Katyusha", "weapon.katyusha"),
        ("FP", "Badr", "org.badr-organization"),
        ("FP", "Hezbollah", None),
        ("FP", "Katyusha", "weapon.katyusha"),
    ]


def test_scorer_splits_counts_by_entity_type(tmp_path: Path, mini: Normalizer) -> None:
    types = ev.score_all(mini, _write_tiny(tmp_path, TINY_GOLD))["types"]
    assert {t: (c["gold"], c["pred"], c["tp"]) for t, c in types.items()} == {
        "organization": (2, 2, 0),  # the ambiguous mention's candidates are both organizations
        "person": (1, 1, 1),
        "weapon": (1, 1, 0),
    }


def test_scorer_refuses_a_span_whose_text_moved(tmp_path: Path, mini: Normalizer) -> None:
    _write_tiny(tmp_path, TINY_GOLD)
    (tmp_path / "tiny.txt").write_text("X" + TINY_TEXT, encoding="utf-8")
    with pytest.raises(ValueError, match="gold span 0-6"):
        ev.score_all(mini, tmp_path)


def test_report_prints_document_and_type_tables(tmp_path: Path, mini: Normalizer) -> None:
    printed = ev.report(ev.score_all(mini, _write_tiny(tmp_path, TINY_GOLD)), show_errors=True)
    assert printed.splitlines()[0].split() == ["document", "gold", "pred", "TP", "P", "R", "F1"]
    assert "\ntype " in printed
    assert "tiny.txt" in printed
    assert "FN tiny.txt:33-43 'a Katyusha' weapon.katyusha (weapon)" in printed


@pytest.fixture(scope="module")
def scores() -> dict[str, Any]:
    return dict(ev.score_all(Normalizer.default()))


def test_every_gold_document_is_scored(scores: dict[str, Any]) -> None:
    assert sorted(scores["documents"]) == sorted(DOCUMENTS)
    assert len(DOCUMENTS) >= 15  # the 5 seeds, 8 Arabic and 2 mixed-script passages


@pytest.mark.parametrize("measure", ["precision", "recall"])
def test_overall_score_meets_the_floor(scores: dict[str, Any], measure: str) -> None:
    assert scores["overall"][measure] >= OVERALL_FLOOR, ev.report(scores, show_errors=True)


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("measure", ["precision", "recall"])
def test_each_document_meets_the_floor(scores: dict[str, Any], document: str, measure: str) -> None:
    counts = scores["documents"][document]
    errors = [e for e in scores["errors"] if e["file"] == document]
    assert counts[measure] >= DOCUMENT_FLOOR, "\n".join(
        f"{e['kind']} {e['start']}-{e['end']} {e['text']!r} {e['id']} | {e['context']}"
        for e in errors
    )
