"""``normalize lexicon add``: only the added lines change, a refused add changes nothing."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from click.testing import CliRunner
from normalizer.cli import cli

from normalizer import Normalizer
from normalizer.lexicon.add import Addition, apply_plan, plan_additions
from normalizer.lexicon.ledger import read_ledger
from normalizer.lexicon.lint import lint_bytes

COMMENTED = """\
# My lexicon. Comments, blank lines and odd spacing must survive an add.

entries:
  # --- militias ---
  - id: org.alpha
    type: organization
    canonical:
      en: Alpha Brigades   # as the ministry writes it
      ar: كتائب ألفا
    aliases:
      - Alpha
  # --- people ---
  - id: person.zed-one
    type: person
    canonical:
      en: Zed One
    notes: "A note: quoted."
# trailing comment
"""


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    return path


def mine_args(path: Path) -> list[str]:
    return ["--no-default-lexicon", "--lexicon", str(path), "--file", str(path)]


def added_lines(before: str, after: str) -> list[str]:
    """The lines a diff adds; fails if it removes or changes any."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    assert not [d for d in diff if d.startswith("- ")], "an existing line changed"
    return [d[2:] for d in diff if d.startswith("+ ")]


def test_new_entry_adds_only_its_lines_at_the_sorted_place(mine: Path) -> None:
    code, out, err = run(
        "lexicon", "add", *mine_args(mine), "--id", "org.beta", "--type", "organization",
        "--en", "Beta Front", "--ar", "جبهة بيتا", "--alias", "Beta", "--alias", "Beta: The Front",
    )  # fmt: skip
    assert code == 0, err
    assert out == f"updated {mine}\n"
    after = mine.read_text("utf-8")
    assert added_lines(COMMENTED, after) == [
        "  - id: org.beta",
        "    type: organization",
        "    canonical:",
        "      en: Beta Front",
        "      ar: جبهة بيتا",
        "    aliases:",
        "      - Beta",
        '      - "Beta: The Front"',
    ]
    assert after.index("org.alpha") < after.index("org.beta") < after.index("# --- people")
    assert Normalizer.from_paths([mine], include_default=False).lookup("Beta").id == "org.beta"


def test_new_names_append_to_the_entry_and_create_missing_lists(mine: Path) -> None:
    code, _, err = run(
        "lexicon", "add", *mine_args(mine), "--id", "person.zed-one",
        "--alias", "Zed", "--context", "Zed's party",
    )  # fmt: skip
    assert code == 0, err
    code, _, err = run("lexicon", "add", *mine_args(mine), "--id", "org.alpha", "--alias", "Alfa")
    assert code == 0, err
    after = mine.read_text("utf-8")
    assert added_lines(COMMENTED, after) == [
        "      - Alfa",
        "    aliases:",
        "      - Zed",
        "    context:",
        "      - Zed's party",
    ]
    assert after.index("- Zed's party") < after.index("    notes:")  # documented key order
    assert lint_bytes(after.encode(), "mine.yaml")[1] == []


REFUSED = [
    # label, arguments, a fragment of the error
    ("duplicate id", ["--id", "org.alpha", "--type", "organization", "--en", "Other"],
     "id already exists"),
    ("alias owned by another entry", ["--id", "person.zed-one", "--alias", "alpha"],
     "'alpha' already names org.alpha"),
    ("canonical owned by another entry", ["--id", "org.gamma", "--en", "Alpha"],
     "already names org.alpha"),
    ("unknown entry for names", ["--id", "org.nobody", "--alias", "Nobody"], "no such entry"),
    ("bad id", ["--id", "Org Gamma", "--type", "organization", "--en", "Gamma"],
     "does not match"),
    ("no canonical name", ["--id", "org.gamma", "--type", "organization"],
     "needs a canonical name"),
    ("alias folding to nothing", ["--id", "org.alpha", "--alias", "--"], "folds to nothing"),
    ("Arabic canonical in Latin", ["--id", "org.gamma", "--type", "organization",
     "--en", "Gamma", "--ar", "Gamma"], "expected Arabic script"),
]  # fmt: skip


@pytest.mark.parametrize(("label", "args", "fragment"), REFUSED, ids=[c[0] for c in REFUSED])
def test_refused_add_leaves_the_file_byte_for_byte(
    mine: Path, label: str, args: list[str], fragment: str
) -> None:
    before = mine.read_bytes()
    code, out, err = run("lexicon", "add", *mine_args(mine), *args)
    assert code == 1
    assert fragment in err
    assert err.endswith("nothing was written\n")
    assert out == ""
    assert mine.read_bytes() == before
    assert [p.name for p in mine.parent.iterdir()] == ["mine.yaml"]  # no temporary file left


def test_declared_ambiguous_alias_is_shared(mine: Path) -> None:
    code, _, err = run(
        "lexicon", "add", *mine_args(mine), "--id", "person.zed-one", "--alias", "Alpha",
        "--ambiguous",
    )  # fmt: skip
    assert code == 0, err
    match = Normalizer.from_paths([mine], include_default=False).lookup("Alpha")
    assert match is not None
    assert match.id is None
    assert {c.id for c in match.candidates} == {"org.alpha", "person.zed-one"}


def test_name_the_entry_already_has_is_skipped_with_a_note(mine: Path) -> None:
    code, _, err = run(
        "lexicon", "add", *mine_args(mine), "--id", "org.alpha", "--alias", "alpha-brigades"
    )
    assert code == 0
    assert "skipped 'alpha-brigades': same key as its name 'Alpha Brigades'" in err
    assert "nothing to add" in err
    assert mine.read_text("utf-8") == COMMENTED


def test_dry_run_prints_the_diff_and_writes_nothing(mine: Path) -> None:
    code, out, _ = run(
        "lexicon", "add", *mine_args(mine), "--id", "org.alpha", "--alias", "Alfa", "--dry-run"
    )
    assert code == 0
    assert "+      - Alfa\n" in out
    assert mine.read_text("utf-8") == COMMENTED


def test_from_snippet_file_adds_entries_and_names(mine: Path, tmp_path: Path) -> None:
    snippet = tmp_path / "snippet.yaml"
    snippet.write_text(
        "entries:\n"
        "  - id: org.alpha\n    aliases: [Alfa Brigades]\n"
        "  - id: place.omega\n    type: place\n    canonical: {en: Omega Town}\n",
        encoding="utf-8",
    )
    code, _, err = run("lexicon", "add", *mine_args(mine), "--from", str(snippet))
    assert code == 0, err
    after = mine.read_text("utf-8")
    assert added_lines(COMMENTED, after) == [
        "      - Alfa Brigades",
        "  - id: place.omega",
        "    type: place",
        "    canonical:",
        "      en: Omega Town",
    ]


def test_interactive_prompts(mine: Path) -> None:
    answers = "org.gamma\n\nGamma Group\nمجموعة غاما\nGamma\n\nA test group.\ny\n"
    code, out, err = run("lexicon", "add", *mine_args(mine), "--interactive", input=answers)
    assert code == 0, err
    assert "Type [organization]" in out  # guessed from the org. prefix
    entry = Normalizer.from_paths([mine], include_default=False).get("org.gamma")
    assert entry is not None
    assert (entry.type, entry.en, entry.ar, entry.aliases, entry.notes) == (
        "organization", "Gamma Group", "مجموعة غاما", ("Gamma",), "A test group."
    )  # fmt: skip


def test_new_file_is_created(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    code, _, err = run(
        "lexicon", "add", "--no-default-lexicon", "--file", str(path),
        "--id", "place.omega", "--type", "place", "--en", "Omega Town",
    )  # fmt: skip
    assert code == 0, err
    assert lint_bytes(path.read_bytes(), "new.yaml")[1] == []


def test_bundled_file_for_the_type_and_the_ledger(tmp_path: Path) -> None:
    """Adding to the bundled lexicon (here a copy) picks the file by type and records the id."""
    lex = tmp_path / "lexicons"
    lex.mkdir()
    people, places = lex / "people.yaml", lex / "places.yaml"
    people.write_text(
        COMMENTED.replace("org.", "person.").replace("organization", "person"), "utf-8"
    )
    places.write_text("entries: []\n", encoding="utf-8")
    addition = Addition("person.bravo", en="Bravo Two")  # type inferred from the prefix
    plan = plan_additions(
        [addition], [people, places], bundled=[people, places], ledger=lex / "ids.txt"
    )
    assert [c.path for c in plan.changes] == [people]
    apply_plan(plan)
    assert "  - id: person.bravo\n    type: person\n" in people.read_text("utf-8")
    assert read_ledger(lex / "ids.txt") == ["person.bravo"]
