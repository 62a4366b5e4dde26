"""A name part more persons share than SHARED_PART_MAX (a common surname in a large name list)
names none of them on its own: it resolves only to such a person named in full earlier in
the document, and is no mention otherwise. Up to the limit, a shared part is reported as an
ambiguity with every candidate, as before."""

from __future__ import annotations

import operator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalizer import Normalizer
from normalizer.candidates import Shared, score_span_shared
from normalizer.model import Method
from normalizer.resolve import DocumentContext, _antecedents
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


PERSONS = ["p0", "p1", "p2", "p3", "p4"]
# the tier makes a part in the other script only when it scores
_parts = st.lists(
    st.tuples(
        st.sampled_from([0.0, 0.3, 0.5]),
        st.booleans(),
        st.frozensets(st.sampled_from(PERSONS), min_size=1),
    ).filter(lambda p: p[0] > 0 or p[1]),
    max_size=5,
)


@given(_parts, st.frozensets(st.sampled_from(PERSONS)))
def test_a_part_that_scores_0_matters_only_beside_one_in_the_other_script(
    made: list[tuple[float, bool, frozenset[str]]], named: frozenset[str]
) -> None:
    """The tier leaves out a part in the span's script that scores 0 unless a part in the
    other script is there: alone, it cannot change which antecedents a span has."""
    parts = [Shared(score, Method.PHONETIC, same, who) for score, same, who in made]
    at = _named(sorted(named))
    if all(p.same_script for p in parts):  # (the caller sorts the options)
        kept = [p for p in parts if p.score > 0]
        by_id = operator.attrgetter("entry_id")
        assert sorted(_antecedents(parts, at), key=by_id) == sorted(
            _antecedents(kept, at), key=by_id
        )


def test_beside_a_part_in_the_other_script_a_part_that_scores_0_is_a_veto() -> None:
    veto = Shared(0.0, Method.PHONETIC, True, frozenset({"p0"}))
    other = Shared(0.5, Method.PHONETIC, False, frozenset({"p0", "p1"}))
    assert [o.entry_id for o in _antecedents([other], _named(["p0"]))] == ["p0"]
    assert _antecedents([veto, other], _named(["p0"])) == []


def _named(persons: list[str]) -> DocumentContext:
    """A document that has named ``persons`` in full, in this order."""
    ctx = DocumentContext()
    for k, entry_id in enumerate(persons):
        ctx.name(entry_id, k)
    return ctx


MANY = [f"p{k}" for k in range(40)]


@given(
    st.lists(st.frozensets(st.sampled_from(MANY), max_size=30), min_size=1, max_size=4),
    st.lists(st.one_of(st.sampled_from(MANY), st.integers(0, 3)), max_size=60),
)
def test_the_persons_named_among_a_part_are_those_named_and_in_it(
    parts: list[frozenset[str]], steps: list[str | int]
) -> None:
    """A document asks again and again which persons named so far a shared part has,
    naming more persons in between (and the same ones again): each answer is the plain
    intersection, whether it was found again in full or from the persons named since."""
    ctx = DocumentContext()
    for k, step in enumerate(steps):
        if isinstance(step, str):
            ctx.name(step, k)
        else:
            part = parts[step % len(parts)]
            got = ctx.named_among(part)
            assert sorted(got) == sorted(part & ctx.named.keys())
            assert len(got) == len(set(got))


def test_the_tier_keeps_a_part_that_scores_0_only_beside_one_in_the_other_script(
    many: Normalizer,
) -> None:
    index = many._lex.phonetic
    seen = 0
    for words, arabic in [(("al", "zubaidi"), False), (("zubaidi",), False), (("الزبيدي",), True)]:
        got = score_span_shared(index, words, arabic)
        assert got.shared  # more al-Zubaidis than a part names on its own
        crossed = any(not p.same_script for p in got.shared)
        assert all(p.score > 0 or (p.same_script and crossed) for p in got.shared)
        seen += crossed
    assert seen  # a Latin part also reads as the Arabic one, and the other way round
