"""The lexicon lint: canonical form, NFC, sorted ids, scripts, and ids kept in the ledger."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from normalizer.cli import cli

from normalizer.lexicon.ledger import bundled_ledger, read_ledger
from normalizer.lexicon.lint import lint_bytes, lint_paths
from normalizer.lexicon.load import bundled_paths, parse_lexicon
from normalizer.lexicon.style import render_entry
from normalizer.model import Entry

GOOD = """\
# A comment block at the top is kept as it is.
entries:
  - id: org.alpha
    type: organization
    canonical:
      en: Alpha Brigades
      ar: كتائب ألفا
    aliases:
      - Alpha
      - "2021"
    notes: "Seen as: Alpha."
  # a comment between entries is fine
  - id: org.beta
    type: organization
    canonical:
      en: Beta Front
    aliases:
      - Beta  # and so is a trailing comment
"""

CASES = [
    # label, replace this, with that, a fragment of the expected problem
    ("entries out of order", "org.beta", "org.aaa", "'org.aaa' comes after 'org.alpha'"),
    ("not NFC", "Beta Front", "Bete\u0301 Front", "not in Unicode NFC form"),
    ("alias listed twice", "      - Alpha\n", "      - Alpha\n      - Alpha\n", "listed twice"),
    ("Cyrillic letter", "      - Alpha\n", "      - \u0410lpha\n", "neither Arabic nor Latin"),
    ("mixed word", "      - Alpha\n", "      - Alphaا\n", "mixes arabic and latin"),
    ("Arabic in en", "en: Beta Front", "en: Beta جبهة", "Arabic letters in 'Beta جبهة'"),
    ("4-space indent", "    type: organization\n", "      type: organization\n", "syntax"),
    ("flow list", "    aliases:\n      - Beta", "    aliases: [Beta]\n    #", "canonical form"),
    ("needless quotes", "      - Alpha\n", '      - "Alpha"\n', "expected '- Alpha'"),
    ("keys out of order", "    type: organization\n    canonical:\n      en: Beta Front\n",
     "    canonical:\n      en: Beta Front\n    type: organization\n", "canonical form"),
    ("validation problem", "    type: organization\n    canonical:\n      en: Beta",
     "    canonical:\n      en: Beta", "missing required key 'type'"),
]  # fmt: skip


def test_good_file_passes() -> None:
    _, problems = lint_bytes(GOOD.encode(), "good.yaml")
    assert problems == []


@pytest.mark.parametrize(("label", "old", "new", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_lint_problem(label: str, old: str, new: str, fragment: str) -> None:
    assert old in GOOD
    _, problems = lint_bytes(GOOD.replace(old, new, 1).encode(), "bad.yaml")
    assert any(fragment in p for p in problems), problems
    assert all(p.startswith("bad.yaml") for p in problems)


def test_bundled_lexicon_is_in_canonical_form_and_ledger_is_complete() -> None:
    result = lint_paths(bundled_paths(), bundled_ledger())
    assert result.problems == ()
    assert set(read_ledger(bundled_ledger())) == set(result.ids)


def _two_files(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "orgs.yaml"
    path.write_text(GOOD, encoding="utf-8")
    ledger = tmp_path / "ids.txt"
    ledger.write_text("# ledger\norg.alpha\norg.beta\n", encoding="utf-8")
    return path, ledger


def test_removed_id_must_be_retired(tmp_path: Path) -> None:
    path, ledger = _two_files(tmp_path)
    assert lint_paths([path], ledger).problems == ()
    beta = GOOD.index("  - id: org.beta")
    path.write_text(GOOD[:beta], encoding="utf-8")
    (problem,) = lint_paths([path], ledger).problems
    assert "id 'org.beta' was removed" in problem
    path.write_text(GOOD[:beta] + "retired:\n  - id: org.beta\n    reason: merged\n", "utf-8")
    assert lint_paths([path], ledger).problems == ()


def test_new_id_must_be_in_ledger_and_update_ids_adds_it(tmp_path: Path) -> None:
    path, ledger = _two_files(tmp_path)
    ledger.write_text("org.alpha\n", encoding="utf-8")
    (problem,) = lint_paths([path], ledger).problems
    assert "'org.beta'" in problem
    assert "--update-ids" in problem
    runner = CliRunner()
    args = ["lexicon", "lint", "--ids", str(ledger), str(path)]
    assert runner.invoke(cli, args).exit_code == 1
    result = runner.invoke(cli, [*args, "--update-ids"])
    assert result.exit_code == 0, result.output
    assert read_ledger(ledger) == ["org.alpha", "org.beta"]


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(GOOD, encoding="utf-8")
    b.write_text(GOOD, encoding="utf-8")
    problems = lint_paths([a, b]).problems
    assert any("duplicate id 'org.alpha'" in p for p in problems)


def test_cli_lint_exit_status_and_one_error_line_per_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace("org.beta", "org.aaa"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["lexicon", "lint", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.count("error: ") == 1
    assert result.stderr.endswith("Error: 1 problem(s) in 1 lexicon file(s)\n")
    assert CliRunner().invoke(cli, ["lexicon", "lint"]).exit_code == 0


NAMES = st.text(
    alphabet=st.sampled_from("aZé '-:#\"[]{},&*!|>%@`?ـكالظمي0123"), min_size=1, max_size=12
).filter(lambda s: any(c.isalpha() for c in s) and s.strip() == s)


@given(
    aliases=st.lists(NAMES, max_size=4, unique=True),
    notes=st.none() | NAMES,
)
def test_rendered_entries_read_back_unchanged_and_pass_the_lint(
    aliases: list[str], notes: str | None
) -> None:
    entry = Entry("org.x", "organization", "Name: X", "اسم", tuple(aliases), notes=notes)
    text = "entries:\n" + render_entry(entry)
    assert yaml.safe_load(text)["entries"][0].get("aliases", []) == aliases
    contents = parse_lexicon(text.encode(), "x.yaml")
    if not contents.problems:  # names that fold to nothing are the schema's business
        (back,) = contents.entries
        assert (back.aliases, back.notes, back.en) == (entry.aliases, notes, "Name: X")
        problems = lint_bytes(text.encode(), "x.yaml")[1]
        assert [p for p in problems if "canonical form" in p] == []
