"""Streaming a document (normalizer.Document): text is settled a sentence at a time, so
memory stays bounded, and pieces add up to the whole (see also test_properties)."""

from __future__ import annotations

import pytest

from normalizer import Normalizer, NormalizerError


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
