"""The README section "Adding an entry" runs as written, on a copy of the bundled lexicon.

Each ``normalize`` line of its shell block is run in order; a line whose comment says
``exit 1`` must fail with status 1, every other line must succeed, and a comment naming an
entry id or "no match" must be borne out by the output.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from normalizer.cli import cli, lexicon_cmd

import normalizer.lexicon.ledger
import normalizer.normalizer
from normalizer.lexicon.load import bundled_paths

from .test_add import added_lines

ROOT = Path(__file__).parent.parent.parent


def readme_commands() -> list[tuple[str, str]]:
    """(command, comment) pairs of the section's shell block, continuation lines joined."""
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("## Adding an entry", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0].replace("\\\n", " ")
    out = []
    for line in block.splitlines():
        command, _, comment = line.partition("  #")
        out.append((command.strip(), comment.strip()))
    return out


@pytest.fixture
def copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled lexicon and of seeds/, used as if they were the real ones."""
    lexicons = tmp_path / "lexicons"
    lexicons.mkdir()
    for path in [*bundled_paths(), bundled_paths()[0].parent / "ids.txt"]:
        shutil.copy(path, lexicons / path.name)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")

    def fake() -> list[Path]:
        return sorted(lexicons.glob("*.yaml"))

    for module in (normalizer.normalizer, normalizer.lexicon.ledger, lexicon_cmd):
        monkeypatch.setattr(module, "bundled_paths", fake)
    normalizer.normalizer._default_lexicon.cache_clear()
    monkeypatch.chdir(tmp_path)
    yield lexicons
    normalizer.normalizer._default_lexicon.cache_clear()


def test_readme_walk_through_runs_as_documented(copied: Path) -> None:
    before = (copied / "places.yaml").read_text("utf-8")
    commands = readme_commands()
    assert len(commands) >= 8
    for command, comment in commands:
        args = shlex.split(command)
        assert args[0] == "normalize", command
        normalizer.normalizer._default_lexicon.cache_clear()  # each command is a new process
        result = CliRunner().invoke(cli, args[1:], catch_exceptions=False)
        expected = 1 if "exit 1" in comment else 0
        assert result.exit_code == expected, (command, result.output)
        for entry_id in re.findall(r"\b(?:person|org|place|weapon|concept)\.[a-z0-9-]+", comment):
            assert entry_id in result.stdout, (command, result.stdout)
        if "no match" in comment:
            assert "no match" in result.stdout
    after = (copied / "places.yaml").read_text("utf-8")
    added = added_lines(before, after)
    assert added[0] == "  - id: place.albu-aitha"
    assert len(added) == 9  # the entry, and the alias added later to its list
    assert "place.albu-aitha" in (copied / "ids.txt").read_text("utf-8")
