"""The fast scanner (candidate words only, per-run caches) finds exactly what the exhaustive
one finds (every word tried, the rule as stated, no caches): compared hit for hit and mention
for mention on labelled texts and on generated ones."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalizer.document import Document
from normalizer.lexicon.compile import CompiledLexicon, compile_lexicon
from normalizer.lexicon.load import bundled_paths, load_entries
from normalizer.model import Mention
from normalizer.phonetic import forms_of_words
from normalizer.scan import (
    DEPENDS_ON_CUES,
    Hit,
    Scanner,
    _decide,
    proclitic_readings,
    stop_words,
)
from normalizer.text.fold import fold, light_form
from normalizer.text.scripts import has_arabic
from normalizer.text.words import Words

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


@st.composite
def respelled_name(draw: st.DrawFn) -> str:
    """A name spelled another way (vowels swapped, a letter dropped): transliteration work."""
    name = draw(st.sampled_from(NAMES))
    out = []
    for ch in name:
        roll = draw(st.integers(0, 9))
        if roll == 0 and ch.isalpha():
            continue
        out.append(draw(st.sampled_from("aeiou")) if roll == 1 and ch in "aeiou" else ch)
    return "".join(out)


TEXTS = st.lists(
    st.one_of(decorated_name(), respelled_name(), st.sampled_from(FILLER)), max_size=24
).map(lambda parts: "".join(p if p in FILLER else f" {p} " for p in parts))

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
def test_same_hits_as_the_reference(lex: CompiledLexicon, label: str, text: str) -> None:
    assert _fast(lex, text) == _slow(lex, text)
    assert _mentions(lex, text, exhaustive=False) == _mentions(lex, text, exhaustive=True)


def _fast(lex: CompiledLexicon, text: str) -> list[Hit]:
    return Scanner(lex).scan(text)


def _slow(lex: CompiledLexicon, text: str) -> list[Hit]:
    return Scanner(lex, exhaustive=True).scan(text)


def _mentions(lex: CompiledLexicon, text: str, *, exhaustive: bool) -> list[Mention]:
    """Every mention of the whole pipeline (exact and transliteration, cues, resolution)."""
    doc = Document(lex, Scanner(lex, exhaustive=exhaustive), fuzzy=True)
    return [*doc.feed(text).mentions, *doc.close().mentions]


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
    assert _fast(lex, text) == _slow(lex, text)


def test_finds_names_at_all() -> None:
    """A guard against two scanners agreeing on nothing."""
    hits = _fast(MINI_LEX, "PM Al-Kazemi met PMF leaders in الحشد الشعبي")
    assert [sorted(h.owners) for h in hits] == [
        ["person.mustafa-al-kadhimi"],
        ["org.popular-mobilization-forces"],
        ["org.popular-mobilization-forces"],
    ]


def test_caches_do_not_change_results() -> None:
    scanner = Scanner(BUNDLED_LEX)
    text = "Al-Kazemi and the PMF. " * 3 + "على الكاظمي"
    assert scanner.scan(text) == scanner.scan(text) == _slow(BUNDLED_LEX, text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_same_hits_on_generated_text_mini(text: str) -> None:
    assert _fast(MINI_LEX, text) == _slow(MINI_LEX, text)
    assert _mentions(MINI_LEX, text, exhaustive=False) == _mentions(MINI_LEX, text, exhaustive=True)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_same_hits_on_generated_text_bundled(text: str) -> None:
    assert _fast(BUNDLED_LEX, text) == _slow(BUNDLED_LEX, text)
    assert _mentions(BUNDLED_LEX, text, exhaustive=False) == _mentions(
        BUNDLED_LEX, text, exhaustive=True
    )


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_same_hits_on_any_text(text: str) -> None:
    assert _fast(MINI_LEX, text) == _slow(MINI_LEX, text)
    assert _mentions(MINI_LEX, text, exhaustive=False) == _mentions(MINI_LEX, text, exhaustive=True)


ARABIC_WORDS = sorted(
    {w for name in NAMES for w in fold(name).key.split(" ") if w and has_arabic(w)}
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ARABIC_WORDS), min_size=1, max_size=4))
def test_an_arabic_span_skeleton_is_its_words_end_to_end(words: list[str]) -> None:
    """What the scanner's quick Arabic filter (``Scanner._may_match_arabic``) relies on."""
    singles = [forms_of_words((w,), True) for w in words]
    if all(len(f) == 1 for f in singles):
        whole = {f.skeleton for f in forms_of_words(tuple(words), True)}
        assert whole == {"".join(f[0].skeleton for f in singles)}


STOP_WORDS = sorted(stop_words())


@st.composite
def stop_like_word(draw: st.DrawFn) -> str:
    """A stop word as text writes it: any case, harakat, tatweel, a proclitic, or any word."""
    word = draw(st.sampled_from(STOP_WORDS))
    word = draw(st.sampled_from([word, word.upper(), word.title()]))
    if has_arabic(word):
        word = draw(st.sampled_from(PROCLITICS)) + "".join(
            ch + draw(st.sampled_from(["", "", *HARAKAT, "\u0640"])) for ch in word
        )
    return word


@settings(max_examples=300, deadline=None)
@given(st.one_of(stop_like_word(), st.text(min_size=1, max_size=8)))
def test_stop_word_check_has_a_sound_shortcut(word: str) -> None:
    """``Scanner._blocked`` skips the light form when the folded key is no stop word's."""
    scanner = Scanner(MINI_LEX)
    for token in Words(word):
        for _, skip in proclitic_readings(token):
            start = token.offset(skip) if skip else token.start
            light = light_form(word[start : token.end])
            expected = light in scanner.stop and light not in MINI_LEX.name_light_forms
            assert scanner._blocked(word, token, skip) == expected


def _cue_tests(seed: int) -> list[Callable[[str], str | None]]:
    """Cue tests to decide context aliases with: none in force, all, and a seeded half."""
    return [
        lambda _: None,
        lambda entry_id: f"cue of {entry_id}",
        lambda entry_id: entry_id if zlib.crc32(f"{seed}{entry_id}".encode()) % 2 else None,
    ]


def _cue_dependent_runs(scanner: Scanner, text: str) -> list[tuple[str, ...]]:
    """Every run of words in ``text`` whose exact answer depends on the cues in force."""
    raw = Words(text).raw
    runs = (
        tuple(raw[i : i + room])
        for i in range(len(raw))
        for room in range(1, min(scanner.lex.max_tokens, len(raw) - i) + 1)
    )
    return [run for run in runs if scanner._exact_spans[run] is DEPENDS_ON_CUES]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.integers(0, 1 << 16))
def test_cue_dependent_answers_are_decided_as_the_rule_decides(text: str, seed: int) -> None:
    scanner = Scanner(BUNDLED_LEX)
    for run in _cue_dependent_runs(scanner, text):
        for cue_for in _cue_tests(seed):
            assert _decide(scanner._exact_plans[run], cue_for) == scanner._exact_at(run, cue_for)


def test_context_aliases_depend_on_cues() -> None:
    """A guard for the test above: a context alias is decided per occurrence."""
    scanner = Scanner(BUNDLED_LEX)
    runs = _cue_dependent_runs(scanner, "the crowd gathered; الحشد الشعبي")
    assert runs
    for run in runs:
        for cue_for in _cue_tests(0):
            assert _decide(scanner._exact_plans[run], cue_for) == scanner._exact_at(run, cue_for)
