"""Words, gaps and sentences: where a name may continue and where a sentence ends, with the
full stops of abbreviations, initials and web addresses (which end neither)."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer import Normalizer
from normalizer.text import words as words_module
from normalizer.text.fold import fold_word
from normalizer.text.scripts import (
    APOSTROPHES,
    COMBINING_MARKS,
    JOINER_RE,
    ZWNJ,
    _arabic_class,
    arabic_word_class,
    has_arabic,
    token_pattern,
)
from normalizer.text.sentences import MAX_SENTENCE_WORDS, sentence_starts
from normalizer.text.tables import word_list
from normalizer.text.words import BREAK_RE, Words

#: label, text, the words that begin a sentence (by text)
SENTENCES = [
    ("full stop ends a sentence", "Basra was calm. Kazemi spoke.", ["Basra", "Kazemi"]),
    ("question mark, Arabic", "هل قال؟ نعم قال", ["هل", "نعم"]),
    ("blank line", "Basra\n\nKazemi", ["Basra", "Kazemi"]),
    ("single line break does not", "Basra\nKazemi", ["Basra"]),
    ("title abbreviation does not", "Col. Wayne Marotto said", ["Col"]),
    ("initials do not", "The U.S. Army and George W. Bush", ["The"]),
    ("a dot inside a word does not", "Alarabiya.net reported it", ["Alarabiya"]),
    ("lower-case word before a dot does", "he left. Then", ["he", "Then"]),
    ("full stop then line break after a title still ends", "Gen.\n\nKazemi", ["Gen", "Kazemi"]),
]


@pytest.mark.parametrize(("label", "text", "firsts"), SENTENCES, ids=[c[0] for c in SENTENCES])
def test_sentence_starts(label: str, text: str, firsts: list[str]) -> None:
    words = Words(text)
    assert [words.raw[k] for k in sentence_starts(words)] == firsts


def test_a_run_on_text_is_cut_every_max_words() -> None:
    words = Words("word " * (2 * MAX_SENTENCE_WORDS + 5))
    assert sentence_starts(words) == [0, MAX_SENTENCE_WORDS, 2 * MAX_SENTENCE_WORDS]


#: label, text, the mentions found (surface, id) with the bundled lexicon
DOTTED = [
    ("dotted capitals", "on U.S. policy", [("U.S.", "place.united-states")]),
    ("dotted capitals in a longer name", "The U.S. Central Command said", [
        ("U.S. Central Command", "org.centcom")]),
    ("title before a name", "Col. Wayne Marotto said", [
        ("Col. Wayne Marotto", "person.wayne-marotto")]),
    ("web address", "Dubai - Alarabiya.net", [("Dubai", "place.dubai"), (
        "Alarabiya.net", "org.al-arabiya")]),
    ("a sentence end is still no join", "He saw Popular. Mobilization Forces left", []),
]  # fmt: skip


@pytest.mark.parametrize(("label", "text", "found"), DOTTED, ids=[c[0] for c in DOTTED])
def test_names_with_full_stops(label: str, text: str, found: list[tuple[str, str]]) -> None:
    mentions = Normalizer.default().normalize(text).mentions
    assert [(m.surface, m.id) for m in mentions if m.method in ("exact", "alias")] == found
    for m in mentions:
        assert text[m.start : m.end] == m.surface


def test_dotted_capitals_are_replaced_whole() -> None:
    assert Normalizer.default().normalize("on U.S. policy").text == "on United States policy"


def _reference_token_pattern() -> re.Pattern[str]:
    """The token rule as first written: one lookahead per character (slow, obvious)."""
    other_char = f"(?:(?![{_arabic_class()}])[^\\W_]|[{COMBINING_MARKS}])"
    other_word = f"{other_char}+(?:[{APOSTROPHES}]{other_char}+)*"
    return re.compile(f"(?:[{arabic_word_class()}]|{ZWNJ}(?!ال))+|{other_word}")


#: Characters at the edges of the token rule: scripts, marks, controls, apostrophes, digits.
_EDGE_CHARS = (
    "aZé_1٣ '’‘`´′ʼ-.,\n\tß²Ⅳ𝐀ǅ\u0300\u0301\u00ad\u200c\u200d\u200e\u200f\u061c"
    "\u064e\u0640\u0600\u0660\u06f1\u08a0\u1ab0\u20d0\ufe20\ufeffالحىﻻﷲۖ"
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(_EDGE_CHARS) | st.characters(), max_size=30))
def test_token_pattern_matches_the_per_character_rule(text: str) -> None:
    assert token_pattern().findall(text) == _reference_token_pattern().findall(text)


def _reference_words(text: str) -> tuple[list[str], list[int], list[int], list[bool], list[bool]]:
    """Words by the rule as stated, one token at a time: (raw, starts, ends, joins, breaks)."""
    tokens = [m for m in token_pattern().finditer(text) if fold_word(m.group()).key]
    gaps = [text[a.end() : b.start()] for a, b in itertools.pairwise(tokens)]
    joins = [JOINER_RE.fullmatch(g) is not None and not BREAK_RE.search(g) for g in gaps]
    breaks = [BREAK_RE.search(g) is not None for g in gaps]
    for k, gap in enumerate(gaps):
        word = tokens[k].group()
        abbreviation = (len(word) == 1 and "A" <= word <= "Z") or (
            len(word) > 1 and word.casefold() in word_list("abbreviations.txt")
        )
        if re.fullmatch(r"\.[ \t\u00a0]*", gap) and (gap == "." or abbreviation):
            breaks[k], joins[k] = False, True
    return (
        [m.group() for m in tokens],
        [m.start() for m in tokens],
        [m.start() + len(m.group()) for m in tokens],
        joins,
        breaks,
    )


#: Word pieces that exercise dropped tokens (marks only), gaps, dots and abbreviations.
_PIECES = ["Kazemi", "U", "S", "Col", "net", "الكاظمي", "و", "\u064e", "\u0640", "\u0301", "ـَ"]
_GAPS = [" ", ".", ". ", "-", ", ", "\n\n", "?", "'", " \u064e ", ""]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_GAPS)), max_size=12))
def test_words_match_the_token_by_token_rule(pieces: list[tuple[str, str]]) -> None:
    text = "".join(w + g for w, g in pieces)
    expected = _reference_words(text)
    for most in (words_module.MAX_DELETED, 0):  # deleted in place, or runs copied
        saved, words_module.MAX_DELETED = words_module.MAX_DELETED, most
        try:
            words = Words(text)
        finally:
            words_module.MAX_DELETED = saved
        assert (words.raw, words.starts, words.ends, words.joins, words.breaks) == expected
        assert words.arabic == [has_arabic(w) for w in words.raw]
