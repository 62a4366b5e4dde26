"""Counts that describe a lexicon: entries per type, names per script, ambiguities."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from normalizer.model import Entry
from normalizer.text.scripts import is_arabic


def name_script(name: str) -> str:
    """``arabic``, ``latin`` or ``mixed``, by the letters of a name.

    >>> name_script("الكاظمي"), name_script("Kazemi"), name_script("قاعدة K1")
    ('arabic', 'latin', 'mixed')
    """
    arabic = {is_arabic(ch) for ch in name if ch.isalpha()}
    return "mixed" if len(arabic) > 1 else "arabic" if arabic == {True} else "latin"


@dataclass(frozen=True, slots=True)
class LexiconStats:
    """The numbers ``normalize lexicon stats`` prints."""

    entries: int
    per_type: dict[str, int]
    aliases_per_script: dict[str, int]
    context_aliases: int
    context_cues: int
    missing_en: int
    missing_ar: int
    with_wikidata: int
    ambiguous_names: int


def lexicon_stats(entries: Mapping[str, Entry], warnings: tuple[str, ...]) -> LexiconStats:
    """Stats of a loaded lexicon (``warnings`` are its ambiguity warnings, one per name)."""
    values = list(entries.values())
    return LexiconStats(
        entries=len(values),
        per_type=dict(sorted(Counter(e.type for e in values).items())),
        aliases_per_script=dict(
            sorted(Counter(name_script(a) for e in values for a in e.aliases).items())
        ),
        context_aliases=sum(len(e.context_aliases) for e in values),
        context_cues=sum(len(e.context) for e in values),
        missing_en=sum(e.en is None for e in values),
        missing_ar=sum(e.ar is None for e in values),
        with_wikidata=sum(e.wikidata is not None for e in values),
        ambiguous_names=sum(w.startswith("ambiguous name") for w in warnings),
    )
