"""Render results: replaced text, and the JSON records of mentions and lookups."""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter
from typing import Any

from normalizer.explain import Explanation
from normalizer.model import Candidate, Match, Mention


def replacement(mention: Mention) -> str:
    """What replaces a resolved mention: its canonical name, joined to an Arabic proclitic
    the way Arabic spelling joins them (ل + ال is written لل).

    >>> from normalizer.model import Method
    >>> m = Mention(1, 5, "لحشد", "org.x", "الحشد الشعبي", "organization", 1.0, Method.ALIAS,
    ...             proclitic="ل")
    >>> "ل" + replacement(m)
    'للحشد الشعبي'
    """
    assert mention.canonical is not None
    name = mention.canonical
    if mention.proclitic.endswith("ل") and name.startswith("ال"):
        return name[1:]
    return name


def apply_mentions(text: str, mentions: Iterable[Mention], base: int = 0) -> str:
    """The text with every resolved mention replaced; ambiguous mentions are left as they are.
    Mentions must not overlap (the scanner guarantees it); their offsets count from ``base``
    (where ``text`` starts in its document)."""
    parts: list[str] = []
    pos = 0
    for m in sorted(mentions, key=_START):
        if m.id is None:
            continue
        parts += (text[pos : m.start - base], replacement(m))
        pos = m.end - base
    parts.append(text[pos:])
    return "".join(parts)


#: A mention's start (a sort key that runs in C).
_START = attrgetter("start")


def candidate_record(c: Candidate) -> dict[str, Any]:
    """JSON form of a candidate."""
    return {"id": c.id, "canonical": c.canonical, "score": c.score, "method": str(c.method)}


def mention_record(m: Mention, file: str) -> dict[str, Any]:
    """JSON form of a mention; ``candidates`` is present only when the mention is ambiguous."""
    record: dict[str, Any] = {
        "file": file,
        "start": m.start,
        "end": m.end,
        "text": m.surface,
        "id": m.id,
        "canonical": m.canonical,
        "type": m.type,
        "score": m.score,
        "method": str(m.method),
    }
    if m.id is None:
        record["candidates"] = [candidate_record(c) for c in m.candidates]
    if m.cue is not None:
        record["cue"] = m.cue
    if m.antecedent is not None:
        record["antecedent"] = m.antecedent
    return record


def match_record(query: str, match: Match | None) -> dict[str, Any]:
    """JSON form of a lookup: ``id`` null when nothing matches or the term is ambiguous."""
    if match is None:
        return {
            "query": query,
            "id": None,
            "canonical": None,
            "score": 0.0,
            "method": None,
            "candidates": [],
        }
    return {
        "query": query,
        "id": match.id,
        "canonical": match.canonical,
        "score": match.score,
        "method": str(match.method),
        "candidates": [candidate_record(c) for c in match.candidates],
    }


def explanation_record(e: Explanation) -> dict[str, Any]:
    """JSON form of :meth:`Normalizer.explain`."""
    return {
        "term": e.term,
        "folded": e.folded,
        "keys": list(e.keys),
        "candidates": [
            {
                "id": c.id,
                "name": c.name,
                "score": c.score,
                "method": str(c.method),
                "agreement": round(c.agreement, 4),
                "partial": c.partial,
            }
            for c in e.candidates
        ],
        "decision": match_record(e.term, e.match),
        "reason": e.reason,
    }
