"""Streaming a document (normalizer.Document): text is settled a sentence at a time, so
memory stays bounded, and pieces add up to the whole (see also test_properties)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalizer import Normalizer, NormalizerError
from normalizer.document import _EarlierCues


def test_settles_sentence_by_sentence(mini: Normalizer) -> None:
    text = "Kazemi met the PMF in Baghdad. " * 300
    doc = mini.document()
    settled = "".join(doc.feed(ch).original for ch in text)
    rest = doc.close()
    assert settled + rest.original == text
    assert len(rest.original) < 100  # only the last sentence was held back


def test_a_run_on_text_without_punctuation_is_still_settled(mini: Normalizer) -> None:
    text = "Kazemi met the PMF " * 200  # no sentence ends: cut every MAX_SENTENCE_WORDS words
    doc = mini.document()
    settled = "".join(doc.feed(text[k : k + 50]).original for k in range(0, len(text), 50))
    assert len(settled) > len(text) // 2
    assert settled + doc.close().original == text


def test_mentions_carry_document_offsets(mini: Normalizer) -> None:
    doc = mini.document()
    parts = [doc.feed("Long ago. Kazemi met "), doc.feed("the PMF. Then"), doc.close()]
    mentions = [m for p in parts for m in p.mentions]
    text = "Long ago. Kazemi met the PMF. Then"
    assert [(text[m.start : m.end], m.id) for m in mentions] == [
        ("Kazemi", "person.mustafa-al-kadhimi"),
        ("PMF", "org.popular-mobilization-forces"),
    ]


def test_a_closed_document_refuses_more_text(mini: Normalizer) -> None:
    doc = mini.document()
    doc.close()
    with pytest.raises(NormalizerError, match="closed"):
        doc.feed("more")


@given(
    st.dictionaries(st.sampled_from("abcdef"), st.sampled_from(["A", "B"]), max_size=3),
    st.dictionaries(st.sampled_from("abcdef"), st.tuples(st.integers(0, 5), st.just("x"))),
    st.lists(st.integers(0, 6), max_size=12),
)
def test_earlier_cues_follow_the_rule_in_any_order(
    earlier: dict[str, str], first_seen: dict[str, tuple[int, str]], asked: list[int]
) -> None:
    """The cues in force before sentence j: the document's earlier parts first, then the
    sentences before j; asked out of order, the lookup steps aside (None) rather than lie."""
    known = _EarlierCues(earlier, first_seen)
    for j in asked:
        lookup = known.before(j)
        if lookup is None:
            continue
        for cue in "abcdefg":
            seen = first_seen.get(cue)
            assert lookup(cue) == (earlier.get(cue) or (seen[1] if seen and seen[0] < j else None))
