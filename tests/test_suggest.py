"""``normalize suggest``: mined variants come back against the right entries, and the review
file it writes is what ``normalize lexicon add --from`` applies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from normalizer.cli import cli

from normalizer import Normalizer
from normalizer.lexicon.load import bundled_paths
from normalizer.suggest import render_review, suggest

from .conftest import MINI

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))

#: Spellings taken out of a copy of the bundled lexicon (all seen in the seeds), by entry.
REMOVED = {
    "person.mustafa-al-kadhimi": [
        "Mustafa Al-Kazemi", "Mustafa Kazemi", "Mustafa Al Kazime", "Kazemi", "Al-Kazemi",
        "Alkazemi", "Kazime", "Al Kazime",
    ],
    "place.ain-al-asad-air-base": ["Ain al-Assad"],
    "person.esmail-qaani": ["Qaani", "Qa'ani"],
    "org.al-arabiya": ["Alarabiya", "Alarabiya.net"],
    "person.jeanine-hennis-plasschaert": ["Jenin Hennis-Plasschaert"],
    "person.omid-khoshnaw": ["Khoshnaw"],
    "person.qassem-soleimani": ["Soleimani"],
}  # fmt: skip


@pytest.fixture(scope="module")
def reduced(tmp_path_factory: pytest.TempPathFactory) -> Normalizer:
    folder = tmp_path_factory.mktemp("reduced")
    for path in bundled_paths():
        text = path.read_text("utf-8")
        for aliases in REMOVED.values():
            for alias in aliases:
                text = text.replace(f"      - {alias}\n", "", 1)
        (folder / path.name).write_text(text, "utf-8")
    return Normalizer.from_paths(sorted(folder.glob("*.yaml")), include_default=False)


def _unmatched(normalizer: Normalizer, text: str, alias: str) -> bool:
    """Whether ``alias`` occurs in ``text`` overlapping no mention the normalizer finds."""
    found = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", text)]
    spans = [(m.start, m.end) for m in normalizer.normalize(text).mentions]
    return any(all(e <= a or s >= b for a, b in spans) for s, e in found)


def _contains(form: str, alias: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", form) is not None


def test_removed_spellings_are_proposed_back_against_their_entries(reduced: Normalizer) -> None:
    docs = [p.read_text("utf-8") for p in SEEDS]
    found = suggest(reduced, docs)
    missing = {
        (alias, entry_id)
        for entry_id, aliases in REMOVED.items()
        for alias in aliases
        if any(_unmatched(reduced, doc, alias) for doc in docs)
    }
    # the spellings the reduced lexicon no longer matches in the seeds (the others are still
    # found by transliteration matching, so nothing needs suggesting for them)
    assert "Alarabiya" in {a for a, _ in missing}
    for alias, entry_id in sorted(missing):
        forms = [f for s in found if s.id == entry_id for f, _ in s.forms]
        # a web address is proposed by its name: once added, "Alarabiya" matches it
        assert any(_contains(f, alias.split(".")[0]) for f in forms), (alias, entry_id, forms)


def test_nothing_is_suggested_for_text_the_lexicon_covers(mini: Normalizer) -> None:
    text = "Kazemi met Asa'ib Ahl al-Haq and Badr leaders. الكاظمي التقى قادة بدر"
    assert suggest(mini, [text, text]) == []


def test_unmatched_names_need_min_count(mini: Normalizer) -> None:
    docs = ["Then Falah Fayyadh spoke.", "Falah Fayyadh left. Only once: Zebulon Quark."]
    found = suggest(mini, docs, min_count=2)
    assert [(s.kind, s.forms) for s in found] == [("unmatched-name", (("Falah Fayyadh", 2),))]
    assert len(found[0].examples) == 2
    assert "[Falah Fayyadh]" in found[0].examples[0]
    assert len(suggest(mini, docs, min_count=1)) == 2


def test_arabic_name_after_a_title(mini: Normalizer) -> None:
    docs = ["قال الشيخ فالح الفياض إن", "وأكد الشيخ فالح الفياض أن"]
    (found,) = suggest(mini, docs)
    assert found.kind == "unmatched-name"
    assert found.forms == (("فالح الفياض", 2),)


def test_review_file_round_trip_through_lexicon_add(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(MINI.read_text("utf-8"), "utf-8")
    corpus = tmp_path / "news.txt"
    corpus.write_text(
        "Prime Minister Kadhimia met Falah Fayyadh. Later Falah Fayyadh met Kadhimia.\n", "utf-8"
    )
    lex = ["--no-default-lexicon", "--lexicon", str(mine)]
    review = tmp_path / "review.yaml"
    result = CliRunner().invoke(
        cli, ["suggest", *lex, "--format", "yaml", "-o", str(review), str(corpus)]
    )
    assert result.exit_code == 0, result.output
    items = yaml.safe_load(review.read_text("utf-8"))["suggestions"]
    assert [(i["kind"], i["forms"], i["id"], i["decision"]) for i in items] == [
        ("near-miss", ["Kadhimia"], "person.mustafa-al-kadhimi", "pending"),
        ("unmatched-name", ["Falah Fayyadh"], None, "pending"),
    ]
    text = review.read_text("utf-8")
    text = text.replace("decision: pending", "decision: accept", 1)
    text = text.replace(
        "decision: pending",
        "decision: assign\n    assign_to: person.falih-al-fayyadh\n    type: person\n"
        "    canonical: {en: Falih al-Fayyadh}",
    )
    review.write_text(text, "utf-8")
    add = ["lexicon", "add", *lex, "--file", str(mine), "--from", str(review)]
    result = CliRunner().invoke(cli, add)
    assert result.exit_code == 0, result.output
    after = Normalizer.from_paths([mine], include_default=False)
    assert after.normalize("Kadhimia").mentions[0].id == "person.mustafa-al-kadhimi"
    assert after.normalize("Falah Fayyadh").mentions[0].id == "person.falih-al-fayyadh"


def test_rejected_and_pending_suggestions_add_nothing(tmp_path: Path, mini: Normalizer) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(MINI.read_text("utf-8"), "utf-8")
    review = tmp_path / "review.yaml"
    found = suggest(mini, ["Kadhimia and Kadhimia; Falah Fayyadh, Falah Fayyadh"])
    review.write_text(render_review(found).replace("pending", "reject", 1), "utf-8")
    lex = ["--no-default-lexicon", "--lexicon", str(mine)]
    result = CliRunner().invoke(cli, ["lexicon", "add", *lex, "--from", str(review)])
    assert result.exit_code == 0
    assert "1 suggestion(s) still pending" in result.stderr
    assert mine.read_text("utf-8") == MINI.read_text("utf-8")


def test_text_and_jsonl_output() -> None:
    args = ["suggest", "--no-default-lexicon", "--lexicon", str(MINI), str(SEEDS[0])]
    text = CliRunner().invoke(cli, args)
    jsonl = CliRunner().invoke(cli, [*args, "--format", "jsonl"])
    assert text.exit_code == jsonl.exit_code == 0
    assert len(text.stdout.split("\n")) > len(jsonl.stdout.split("\n")) > 1
