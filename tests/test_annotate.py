"""Annotated text: marks and escapes, the exact way back, and malformed markup refused."""

from __future__ import annotations

import contextlib
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer import Normalizer
from normalizer.annotate import (
    Annotation,
    AnnotationReader,
    annotate,
    parse_annotations,
    strip_annotations,
)
from normalizer.errors import InputError
from normalizer.model import Candidate, Mention, Method

from .test_properties import TEXTS


def mention(start: int, end: int, text: str, id: str | None = "org.x") -> Mention:
    candidates = tuple(
        Candidate(c, c.upper(), "organization", 1.0, Method.ALIAS) for c in ("org.a", "org.b")
    )
    return Mention(
        start, end, text[start:end], id, "X", "organization", 1.0, Method.ALIAS,
        () if id else candidates,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("label", "text", "spans", "annotated"),
    [
        ("plain", "PMF met", [(0, 3, "org.x")], "⟦org.x|PMF⟧ met"),
        ("ambiguous", "Hezbollah", [(0, 9, None)], "⟦?org.a,org.b|Hezbollah⟧"),
        ("markup in text", "a ⟦b⟧ c", [], "a ⟦⟦b⟦⟧ c"),
        ("markup next to a mark", "⟧PMF⟦", [(1, 4, "org.x")], "⟦⟧⟦org.x|PMF⟧⟦⟦"),
        ("bar and Arabic kept", "|الحشد|", [(1, 6, "org.x")], "|⟦org.x|الحشد⟧|"),
        ("CRLF and BOM", "\ufeffPMF\r\n", [(1, 4, "org.x")], "\ufeff⟦org.x|PMF⟧\r\n"),
        ("empty", "", [], ""),
    ],
)
def test_examples(
    label: str, text: str, spans: list[tuple[int, int, str | None]], annotated: str
) -> None:
    mentions = [mention(s, e, text, i) for s, e, i in spans]
    assert annotate(text, mentions) == annotated
    original, found = parse_annotations(annotated)
    assert original == text
    labels = [m.id or "?org.a,org.b" for m in mentions]
    assert found == tuple(
        Annotation(s, e, lab) for (s, e, _), lab in zip(spans, labels, strict=True)
    )


@pytest.mark.parametrize(
    ("label", "annotated", "problem"),
    [
        ("stray open", "a⟦b", "⟦ that starts no mark or escape (code point 1)"),
        ("open at the end", "ab⟦", "⟦ that starts no mark or escape (code point 2)"),
        ("unmatched close", "ab⟧", "⟧ without an opening ⟦ (code point 2)"),
        ("nested", "⟦a|⟦b|c⟧⟧", "a mark inside a mark (code point 3)"),
        ("unterminated", "x⟦a|bc", "a mark opened here is never closed (code point 1)"),
        ("open inside a label", "⟦a⟦b|c⟧", "⟦ that starts no mark or escape (code point 0)"),
        ("label too long", "⟦" + "a" * 5000 + "|x⟧", "code point 0"),
    ],
)
def test_malformed(label: str, annotated: str, problem: str) -> None:
    if label == "label too long":  # fed a character at a time, it is not held back forever
        reader = AnnotationReader()
        with pytest.raises(InputError, match=problem):
            _feed_each(reader, annotated)
        return
    with pytest.raises(InputError) as raised:
        strip_annotations(annotated)
    assert str(raised.value) == f"<text>: not valid annotated text: {problem}"


def _feed_each(reader: AnnotationReader, text: str) -> None:
    for ch in text:
        reader.feed(ch)


def test_feed_after_close() -> None:
    reader = AnnotationReader()
    reader.close()
    with pytest.raises(InputError):
        reader.feed("x")


MARKUP_TEXT = st.lists(
    st.one_of(TEXTS, st.sampled_from(["⟦", "⟧", "|", "⟦⟦", "⟦⟧", "⟦org.x|", "?"]))
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=MARKUP_TEXT, data=st.data())
def test_round_trip_with_any_spans_and_any_split(text: str, data: st.DataObject) -> None:
    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(text)), max_size=8))))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b]
    mentions = [mention(a, b, text) for a, b in spans]
    annotated = annotate(text, mentions)
    assert strip_annotations(annotated) == text
    assert parse_annotations(annotated)[1] == tuple(Annotation(a, b, "org.x") for a, b in spans)
    pieces = data.draw(st.lists(st.integers(0, len(annotated)), max_size=10))
    points = sorted({0, len(annotated), *pieces})
    reader = AnnotationReader()
    out = "".join(reader.feed(annotated[a:b]) for a, b in itertools.pairwise(points))
    assert out + reader.close() == text


@settings(max_examples=300, deadline=None)
@given(MARKUP_TEXT)
def test_any_text_strips_or_fails_with_input_error(text: str) -> None:
    with contextlib.suppress(InputError):
        strip_annotations(text)


@settings(max_examples=100, deadline=None)
@given(text=TEXTS)
def test_annotated_mentions_are_the_mentions(text: str, mini: Normalizer) -> None:
    mentions = mini.normalize(text).mentions
    original, found = parse_annotations(annotate(text, mentions))
    assert original == text
    assert [(a.start, a.end) for a in found] == [(m.start, m.end) for m in mentions]
