"""Lexicon validation: every problem names the file, the line, the entry id and the value."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizer import LexiconFormatError, LexiconValidationError, Normalizer
from normalizer.lexicon.load import bundled_paths

GOOD_ENTRY = """\
  - id: person.x
    type: person
    canonical:
      en: X
      ar: اكس
"""

CASES = [
    # label, file text, expected error class, fragments that must appear in the message
    (
        "yaml syntax",
        "entries:\n  - id: [unclosed\n",
        LexiconFormatError,
        ["bad.yaml:", "YAML syntax"],
    ),
    (
        "top level not a mapping",
        "- 1\n",
        LexiconValidationError,
        ["bad.yaml:1", "expected a mapping"],
    ),
    ("missing entries", "other: 1\n", LexiconValidationError, ["unknown key 'other'"]),
    (
        "missing id",
        "entries:\n  - type: person\n    canonical: {en: X}\n",
        LexiconValidationError,
        ["bad.yaml:2", "entries[0]", "missing required key 'id'"],
    ),
    (
        "empty id",
        "entries:\n  - id: ''\n    type: person\n    canonical: {en: X}\n",
        LexiconValidationError,
        ["bad.yaml:2", "entries[0] → id", "''"],
    ),
    (
        "bad id",
        "entries:\n  - id: Person X\n    type: person\n    canonical: {en: X}\n",
        LexiconValidationError,
        ["bad.yaml:2", "'Person X'", "does not match"],
    ),
    (
        "missing canonical",
        "entries:\n  - id: person.x\n    type: person\n",
        LexiconValidationError,
        ["bad.yaml:2", "id='person.x'", "missing required key 'canonical'"],
    ),
    (
        "empty canonical name",
        "entries:\n  - id: person.x\n    type: person\n    canonical:\n      en: ''\n",
        LexiconValidationError,
        ["bad.yaml:5", "id='person.x'", "canonical.en", "''"],
    ),
    (
        "canonical ar not arabic",
        "entries:\n  - id: person.x\n    type: person\n"
        "    canonical:\n      en: X\n      ar: Kadhimi\n",
        LexiconValidationError,
        ["bad.yaml:6", "id='person.x'", "canonical.ar", "Arabic script", "'Kadhimi'"],
    ),
    (
        "unknown key",
        "entries:\n" + GOOD_ENTRY + "    nickname: x\n",
        LexiconValidationError,
        ["bad.yaml:7", "unknown key 'nickname'"],
    ),
    (
        "alias folds to nothing",
        "entries:\n" + GOOD_ENTRY + "    aliases:\n      - '---'\n",
        LexiconValidationError,
        ["bad.yaml:8", "id='person.x'", "aliases[0]", "'---'", "folds to nothing"],
    ),
    (
        "alias not a string",
        "entries:\n" + GOOD_ENTRY + "    aliases:\n      - 12\n",
        LexiconValidationError,
        ["bad.yaml:8", "aliases[0]", "'12'"],
    ),
    (
        "duplicate key",
        "entries:\n" + GOOD_ENTRY + "    type: org\n",
        LexiconValidationError,
        ["bad.yaml:7", "duplicate key 'type'"],
    ),
    (
        "bad wikidata",
        "entries:\n" + GOOD_ENTRY + "    wikidata: 123\n",
        LexiconValidationError,
        ["wikidata", "'123'"],
    ),
    (
        "duplicate id in one file",
        "entries:\n" + GOOD_ENTRY + GOOD_ENTRY,
        LexiconValidationError,
        ["bad.yaml:7", "duplicate id 'person.x'", "bad.yaml:2"],
    ),
    (
        "yaml alias bomb",
        "a: &a [x, x]\nb: &b [*a, *a]\nentries: []\n",
        LexiconFormatError,
        ["bad.yaml:1", "anchors and aliases"],
    ),
    ("empty file", "", LexiconValidationError, ["bad.yaml:1", "empty file"]),
    (
        "not utf-8",
        b"entries: [\xff]\n",
        LexiconFormatError,
        ["bad.yaml", "not UTF-8", "byte offset 10"],
    ),
]


@pytest.mark.parametrize(("label", "text", "error", "fragments"), CASES, ids=[c[0] for c in CASES])
def test_bad_lexicon(
    tmp_path: Path, label: str, text: str | bytes, error: type[Exception], fragments: list[str]
) -> None:
    path = tmp_path / "bad.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(error) as info:
        Normalizer.from_paths([path], include_default=False)
    message = "\n".join(getattr(info.value, "problems", [str(info.value)]))
    for fragment in fragments:
        assert fragment in message


def test_all_problems_are_collected(tmp_path: Path) -> None:
    path = tmp_path / "two.yaml"
    path.write_text(
        "entries:\n  - id: A\n    type: x\n    canonical: {en: A}\n"
        "  - id: b\n    type: x\n    canonical: {ar: B}\n",
        encoding="utf-8",
    )
    with pytest.raises(LexiconValidationError) as info:
        Normalizer.from_paths([path], include_default=False)
    assert len(info.value.problems) == 2
    assert "(and 1 more problem)" in str(info.value)


def test_duplicate_id_across_files_names_both(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    for p in (a, b):
        p.write_text("entries:\n" + GOOD_ENTRY, encoding="utf-8")
    with pytest.raises(LexiconValidationError) as info:
        Normalizer.from_paths([a, b], include_default=False)
    assert f"{b}:2: duplicate id 'person.x', first defined at {a}:2" in str(info.value)


def test_user_lexicon_on_top_of_bundled(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "entries:\n  - id: place.test-town\n    type: place\n    canonical: {en: Testtown}\n",
        encoding="utf-8",
    )
    both = Normalizer.from_paths([mine])
    assert both.lookup("Testtown").id == "place.test-town"
    assert both.lookup("Kadhimi").id == "person.mustafa-al-kadhimi"
    alone = Normalizer.from_paths([mine], include_default=False)
    assert alone.lookup("Kadhimi") is None


def test_shared_alias_is_kept_for_both_and_warned(tmp_path: Path) -> None:
    path = tmp_path / "amb.yaml"
    path.write_text(
        "entries:\n"
        "  - id: person.a\n    type: person\n    canonical: {en: Sadr One}\n    aliases: [Sadr]\n"
        "  - id: place.b\n    type: place\n    canonical: {en: Sadr City}\n"
        "    aliases: [al-Sadr]\n",
        encoding="utf-8",
    )
    n = Normalizer.from_paths([path], include_default=False)
    match = n.lookup("Sadr")
    assert match is not None
    assert match.id == "person.a"
    match = n.lookup("al-Sadr")
    assert match is not None
    assert match.id == "place.b"
    path.write_text(path.read_text("utf-8").replace("[al-Sadr]", "[SADR, sadr]"), encoding="utf-8")
    n = Normalizer.from_paths([path], include_default=False)
    match = n.lookup("Sadr")
    assert match is not None
    assert match.id is None
    assert {c.id for c in match.candidates} == {"person.a", "place.b"}
    assert any("'sadr'" in w and "person.a" in w and "place.b" in w for w in n.warnings)


def test_bundled_lexicon_is_valid() -> None:
    paths = bundled_paths()
    assert {p.name for p in paths} >= {"people.yaml", "organizations.yaml", "weapons.yaml"}
    assert len(Normalizer.default().entries) >= 4
