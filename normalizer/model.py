"""The typed, frozen values of the public API."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Method(StrEnum):
    """How a match was made, from most to least certain."""

    EXACT = "exact"  #: a canonical name, after folding
    ALIAS = "alias"  #: a curated alias, after folding
    PHONETIC = "phonetic"  #: same phonetic key as a name (transliteration variant)
    FUZZY = "fuzzy"  #: close in edit distance to a name's key


@dataclass(frozen=True, slots=True)
class Entry:
    """A lexicon record: one real-world entity and the names it goes by."""

    id: str
    type: str
    en: str | None
    ar: str | None
    aliases: tuple[str, ...] = ()
    context_aliases: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    notes: str | None = None
    wikidata: str | None = None
    source: str = ""
    line: int = 0

    def canonical(self, arabic: bool) -> str:
        """The display name for a mention in Arabic script or not, falling back to the other."""
        name = (self.ar or self.en) if arabic else (self.en or self.ar)
        assert name is not None  # validation guarantees at least one canonical name
        return name

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical names that exist."""
        return tuple(n for n in (self.en, self.ar) if n)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible entry for an ambiguous term or mention."""

    id: str
    canonical: str
    type: str
    score: float
    method: Method


@dataclass(frozen=True, slots=True)
class Match:
    """The result of :meth:`Normalizer.lookup`: an entry, or ``id=None`` with candidates."""

    query: str
    id: str | None
    canonical: str | None
    type: str | None
    score: float
    method: Method
    candidates: tuple[Candidate, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the input text resolved to an entry (or ambiguous: ``id is None``).

    ``start``/``end`` are code point offsets into the text given to
    :meth:`Normalizer.normalize`, and ``surface == text[start:end]``. ``proclitic`` is the
    Arabic particle(s) right before the span (و ب ل ...) that replacement keeps.

    When the document decided between several entries, ``cue`` is the context word (as
    written) that decided, and ``antecedent`` the start offset of the earlier mention that
    named the person in full.
    """

    start: int
    end: int
    surface: str
    id: str | None
    canonical: str | None
    type: str | None
    score: float
    method: Method
    candidates: tuple[Candidate, ...] = ()
    proclitic: str = ""
    cue: str | None = None
    antecedent: int | None = None


@dataclass(frozen=True, slots=True)
class NormalizeResult:
    """The normalized text and the mentions found in the original."""

    text: str
    mentions: tuple[Mention, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class DocumentPart:
    """A settled piece of a document being streamed through :class:`Document`: the input
    text ``original`` starting at code point ``start`` of the document, its normalized
    ``text``, and its mentions (offsets from the start of the document)."""

    start: int
    original: str
    text: str
    mentions: tuple[Mention, ...] = field(default_factory=tuple)
