"""The gold annotations are well formed: spans point at their text, ids exist, no overlaps.

Scoring the normalizer against them is `make eval` (tools/eval_gold.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from normalizer import Normalizer

ROOT = Path(__file__).parent.parent
GOLD = sorted((ROOT / "tests" / "gold").rglob("*.jsonl"))


@pytest.mark.parametrize("gold", GOLD, ids=[g.stem for g in GOLD])
def test_gold_file(gold: Path) -> None:
    records = [json.loads(line) for line in gold.read_text("utf-8").splitlines() if line]
    assert records
    text = (ROOT / records[0]["file"]).read_bytes().decode("utf-8")
    entries = Normalizer.default().entries
    end = 0
    for r in records:
        assert text[r["start"] : r["end"]] == r["text"]
        assert r["id"] in entries
        assert r["start"] >= end
        end = r["end"]


def test_every_document_is_annotated() -> None:
    assert len(GOLD) >= 15
