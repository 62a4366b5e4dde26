"""The exact layer (normalizer.fastpath) finds exactly what the scanner finds: the scanner is
the slow reference, compared hit for hit on labelled texts and on generated ones."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalizer.fastpath import ExactLayer
from normalizer.lexicon.compile import CompiledLexicon, compile_lexicon
from normalizer.lexicon.load import bundled_paths, load_entries
from normalizer.scan import Scanner

from .conftest import MINI


def _lexicon(paths: list) -> CompiledLexicon:  # type: ignore[type-arg]
    return compile_lexicon(load_entries(paths))


MINI_LEX = _lexicon([MINI])
BUNDLED_LEX = _lexicon(bundled_paths())


def _names(paths: list) -> list[str]:  # type: ignore[type-arg]
    out: set[str] = set()
    for path in paths:
        for e in yaml.safe_load(path.read_text("utf-8"))["entries"]:
            out.update(e["canonical"].values())
            out.update(e.get("aliases", []))
            out.update(e.get("context_aliases", []))
            out.update(e.get("context", []))
    return sorted(out)


NAMES = _names([MINI, *bundled_paths()])
HARAKAT = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]
PROCLITICS = ["", "", "و", "ب", "ل", "ف", "وب", "ك", "ال"]
#: Separators and words chosen to hit the rules: joiners (space, hyphen, line breaks, an
#: apostrophe before a space), sentence punctuation, stop words (على, the), words that fold to
#: nothing (a lone tatweel or ZWNJ), possessives and capitals (acronyms).
FILLER = [
    " ", " ", "  ", "-", "\r\n", "\n", ", ", ". ", "' ", "’s ", "on", "على", "the", "al",
    "ـ", "\u200c", "\ufeff", "😡", "PMF", "pmf", "KH's", "رجل", "said", "militia",
]  # fmt: skip


@st.composite
def decorated_name(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(NAMES))
    if any("\u0600" <= ch <= "\u06ff" for ch in name):
        out = []
        for ch in name:
            out.append(ch)
            if ch != " " and draw(st.integers(0, 5)) == 0:
                out.append(draw(st.sampled_from([*HARAKAT, "\u0640"])))
        name = "".join(out)
        if draw(st.booleans()):  # alef maksura for a final yeh: على "on" for علي "Ali"
            name = " ".join(w[:-1] + "ى" if w.endswith("ي") else w for w in name.split(" "))
        return draw(st.sampled_from(PROCLITICS)) + name
    case = draw(st.sampled_from(["keep", "upper", "lower"]))
    return name.upper() if case == "upper" else name.lower() if case == "lower" else name


TEXTS = st.lists(st.one_of(decorated_name(), st.sampled_from(FILLER)), max_size=24).map(
    lambda parts: "".join(p if p in FILLER else f" {p} " for p in parts)
)

CASES = [
    ("empty text", ""),
    ("no name at all", "The minister said nothing on Tuesday."),
    ("alias and acronym", "PM Al-Kazemi met PMF and KH's leaders."),
    ("longest wins", "the Popular Mobilization Forces."),
    ("proclitics", "وللحشد الشعبي وبالكاظمي"),
    ("stop word is not a name", "على الطاولة"),
    ("context alias with its cue", "the crowd gathered; the militia said"),
    ("context alias without cue", "the crowd gathered"),
    ("a name across a line break", "Popular\r\nMobilization Forces"),
    ("a comma ends a name", "Popular, Mobilization Forces"),
    ("a word folding to nothing between", "Popular ـ Mobilization Forces"),
    ("harakat and tatweel", "مُصْطَفَى الكـاظِمِيّ"),
    ("possessive", "Kazemi's office"),
]


@pytest.mark.parametrize("lex", [MINI_LEX, BUNDLED_LEX], ids=["mini", "bundled"])
@pytest.mark.parametrize(("label", "text"), CASES, ids=[c[0] for c in CASES])
def test_same_hits_as_the_scanner(lex: CompiledLexicon, label: str, text: str) -> None:
    assert ExactLayer(lex).scan(text) == Scanner(lex).scan(text)


STOP_INSIDE = """
entries:
  - id: person.hussein-ali-al-kaabi
    type: person
    canonical: {en: Hussein Ali al-Kaabi, ar: حسين علي الكعبي}
"""


@pytest.mark.parametrize("text", ["حسين علي الكعبي", "حسين على الكعبي", "وحسين على الكعبي"])
def test_stop_word_inside_a_name(tmp_path: Path, text: str) -> None:
    path = tmp_path / "lex.yaml"
    path.write_text(STOP_INSIDE, "utf-8")
    lex = _lexicon([path])
    assert ExactLayer(lex).scan(text) == Scanner(lex).scan(text)


def test_finds_names_at_all() -> None:
    """A guard against two scanners agreeing on nothing."""
    hits = ExactLayer(MINI_LEX).scan("PM Al-Kazemi met PMF leaders in الحشد الشعبي")
    assert [sorted(h.owners) for h in hits] == [
        ["person.mustafa-al-kadhimi"],
        ["org.popular-mobilization-forces"],
        ["org.popular-mobilization-forces"],
    ]


def test_caches_do_not_change_results() -> None:
    layer = ExactLayer(BUNDLED_LEX)
    text = "Al-Kazemi and the PMF. " * 3 + "على الكاظمي"
    assert layer.scan(text) == layer.scan(text) == Scanner(BUNDLED_LEX).scan(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_same_hits_on_generated_text_mini(text: str) -> None:
    assert ExactLayer(MINI_LEX).scan(text) == Scanner(MINI_LEX).scan(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_same_hits_on_generated_text_bundled(text: str) -> None:
    assert ExactLayer(BUNDLED_LEX).scan(text) == Scanner(BUNDLED_LEX).scan(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_same_hits_on_any_text(text: str) -> None:
    assert ExactLayer(MINI_LEX).scan(text) == Scanner(MINI_LEX).scan(text)
