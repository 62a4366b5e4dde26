"""A name part more persons share than SHARED_PART_MAX (a common surname in a large name list)
names none of them on its own: it resolves only to such a person named in full earlier in
the document, and is no mention otherwise. Up to the limit, a shared part is reported as an
ambiguity with every candidate, as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizer import Normalizer
from normalizer.thresholds import SHARED_PART_MAX

GIVEN = ["Haidar", "Karrar", "Muntadhar", "Sajjad", "Murtadha", "Hamid", "Ghazwan", "Laith"]
GIVEN += ["Qahtan", "Falah", "Jawad", "Raed", "Nazar", "Taher"]
GIVEN_AR = ["حيدر", "كرار", "منتظر", "سجاد", "مرتضى", "حامد", "غزوان", "ليث"]
GIVEN_AR += ["قحطان", "فلاح", "جواد", "رائد", "نزار", "طاهر"]


def _lexicon(path: Path, persons: int) -> Path:
    lines = ["entries:"]
    for k in range(persons):
        lines += [
            f"  - id: person.zubaidi-{k}",
            "    type: person",
            "    canonical:",
            f"      en: {GIVEN[k]} al-Zubaidi",
            f"      ar: {GIVEN_AR[k]} الزبيدي",
        ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Normalizer:
    """One more al-Zubaidi than a part may name on its own."""
    path = _lexicon(tmp_path_factory.mktemp("shared") / "many.yaml", SHARED_PART_MAX + 1)
    return Normalizer.from_paths([path], include_default=False)


@pytest.fixture(scope="module")
def few(tmp_path_factory: pytest.TempPathFactory) -> Normalizer:
    path = _lexicon(tmp_path_factory.mktemp("shared") / "few.yaml", 3)
    return Normalizer.from_paths([path], include_default=False)


CASES = [
    # (label, text, [(surface, id or None for no mention)])
    (
        "the surname after the full name: the antecedent",
        "Sajjad al-Zubaidi arrived. Later al-Zubaidi spoke.",
        [("Sajjad al-Zubaidi", "person.zubaidi-3"), ("al-Zubaidi", "person.zubaidi-3")],
    ),
    (
        "a misspelled full name, then the surname",
        "Sajad al-Zubeidi arrived. Zubaidi spoke.",
        [("Sajad al-Zubeidi", "person.zubaidi-3"), ("Zubaidi", "person.zubaidi-3")],
    ),
    (
        "Arabic: the surname after the full name",
        "وصل سجاد الزبيدي. وقال الزبيدي",
        [("سجاد الزبيدي", "person.zubaidi-3"), ("الزبيدي", "person.zubaidi-3")],
    ),
    ("the surname alone names nobody", "Later al-Zubaidi spoke.", []),
    (
        "the surname before the full name names nobody",
        "Zubaidi spoke. Then Laith al-Zubaidi arrived.",
        [("Laith al-Zubaidi", "person.zubaidi-7")],
    ),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_shared_part(many: Normalizer, label: str, text: str, expected: list[tuple]) -> None:
    got = [(m.surface, m.id) for m in many.normalize(text).mentions]
    assert got == expected


def test_two_antecedents_leave_it_ambiguous(many: Normalizer) -> None:
    text = "Sajjad al-Zubaidi met Laith al-Zubaidi. Zubaidi spoke."
    last = many.normalize(text).mentions[-1]
    assert last.surface == "Zubaidi"
    assert last.id is None
    assert {c.id for c in last.candidates} == {"person.zubaidi-3", "person.zubaidi-7"}


def test_within_the_limit_a_part_is_an_ambiguity(few: Normalizer) -> None:
    (m,) = few.normalize("Later al-Zubaidi spoke.").mentions
    assert m.id is None
    assert len(m.candidates) == 3


def test_lookup_of_a_widely_shared_part(many: Normalizer) -> None:
    assert many.lookup("al-Zubaidi") is None
    assert many.lookup("Sajjad al-Zubaidi").id == "person.zubaidi-3"
