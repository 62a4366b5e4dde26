"""Golden files: the CLI on seeds/ (text and jsonl) with the bundled lexicon, byte for byte.

Run ``make golden`` (pytest --update-golden) after an intended change and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from normalizer.cli import cli

ROOT = Path(__file__).parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("fmt", ["text", "jsonl"])
@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem for s in SEEDS])
def test_golden(seed: Path, fmt: str, update_golden: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    name = f"seeds/{seed.name}"
    result = CliRunner().invoke(cli, ["--format", fmt, name], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    golden = GOLDEN / f"{seed.stem}.{'txt' if fmt == 'text' else 'jsonl'}"
    if update_golden:
        golden.write_bytes(result.stdout_bytes)
    assert result.stdout_bytes == golden.read_bytes()


def test_seeds_are_the_shared_samples() -> None:
    assert len(SEEDS) == 5
