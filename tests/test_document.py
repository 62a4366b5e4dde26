"""Streaming a document (normalizer.Document): text is settled a sentence at a time, so
memory stays bounded, and pieces add up to the whole (see also test_properties)."""

from __future__ import annotations

import gc

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalizer import Normalizer, NormalizerError, document
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


@pytest.mark.parametrize("enabled", [True, False], ids=["collector on", "collector off"])
def test_the_collector_is_paused_while_settling_then_as_it_was(
    mini: Normalizer, monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    """Settling runs with the cyclic garbage collector off (a full collection walks every
    token and hit of a large piece), and leaves it as it found it, also on an error."""
    seen: list[bool] = []
    settle = document.Document._settle

    def record(self: document.Document, *, final: bool) -> object:
        seen.append(gc.isenabled())
        if self._pending.startswith("boom"):
            raise RuntimeError("boom")
        return settle(self, final=final)

    monkeypatch.setattr(document.Document, "_settle", record)
    (gc.enable if enabled else gc.disable)()
    try:
        assert mini.normalize("Kazemi met PMF leaders. Then.").text
        assert gc.isenabled() is enabled
        with pytest.raises(RuntimeError):
            mini.document().feed("boom")
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
    assert seen
    assert not any(seen)


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
