"""Invariants on generated text (hypothesis): offsets point at the surface, mentions do not
overlap, normalizing the normalized text changes nothing more, and a document fed in pieces
gives exactly what it gives whole."""

from __future__ import annotations

import itertools

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalizer import Normalizer

from .conftest import MINI

_ENTRIES = yaml.safe_load(MINI.read_text("utf-8"))["entries"]
NAMES = sorted(
    {n for e in _ENTRIES for n in (*e["canonical"].values(), *e.get("aliases", []))}
    | {"the crowd", "militia"}
)
HARAKAT = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]
PROCLITICS = ["", "", "و", "ب", "ل", "ف", "وب", "ك"]
NOISE = st.lists(
    st.sampled_from(
        [*list("abcXYZ رجلقال؟،.:-'’“”"), "\r\n", "\n", "\r", " ", "😡", "ـ", "\u200c", "\ufeff"]
    ),
    max_size=12,
).map("".join)


@st.composite
def decorated_name(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(NAMES))
    if any("\u0600" <= ch <= "\u06ff" for ch in name):
        out = []
        for ch in name:
            out.append(ch)
            if ch != " " and draw(st.integers(0, 4)) == 0:
                out.append(draw(st.sampled_from([*HARAKAT, "\u0640"])))
        name = draw(st.sampled_from(PROCLITICS)) + "".join(out)
    elif draw(st.booleans()):
        name = name.upper() if draw(st.booleans()) else name.lower()
    return name


TEXTS = st.lists(st.one_of(decorated_name(), NOISE), max_size=12).map(lambda parts: " ".join(parts))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_offsets_point_at_the_surface(text: str) -> None:
    result = _mini().normalize(text)
    previous_end = 0
    for m in result.mentions:
        assert 0 <= previous_end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.surface
        previous_end = m.end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_renormalizing_adds_no_replacements(text: str) -> None:
    once = _mini().normalize(text).text
    assert _mini().normalize(once).text == once


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_is_safe(text: str) -> None:
    result = _mini().normalize(text)
    for m in result.mentions:
        assert text[m.start : m.end] == m.surface


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.lists(st.integers(0, 200), max_size=8))
def test_streaming_equals_whole_text(text: str, cuts: list[int]) -> None:
    whole = _mini().normalize(text)
    doc = _mini().document()
    bounds = [0, *sorted(min(c, len(text)) for c in cuts), len(text)]
    parts = [doc.feed(text[a:b]) for a, b in itertools.pairwise(bounds)]
    parts.append(doc.close())
    assert "".join(p.original for p in parts) == text
    assert [p.start for p in parts] == [
        sum(len(q.original) for q in parts[:k]) for k in range(len(parts))
    ]
    assert "".join(p.text for p in parts) == whole.text
    assert tuple(m for p in parts for m in p.mentions) == whole.mentions


_CACHE: list[Normalizer] = []


def _mini() -> Normalizer:
    if not _CACHE:
        _CACHE.append(Normalizer.from_paths([MINI], include_default=False))
    return _CACHE[0]
