"""The :class:`Normalizer` facade: build once per process, then ``lookup`` and ``normalize``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from normalizer.candidates import name_groups, score_span
from normalizer.lexicon.cache import load_paths
from normalizer.lexicon.compile import CompiledLexicon
from normalizer.lexicon.load import PathLike, bundled_paths
from normalizer.model import Entry, Match, NormalizeResult
from normalizer.render import apply_mentions
from normalizer.resolve import scored_match, to_match, to_mention
from normalizer.scan import Scanner, proclitic_readings
from normalizer.text.fold import tokenize


@lru_cache(maxsize=1)
def _default_lexicon() -> CompiledLexicon:
    return load_paths(bundled_paths())


class Normalizer:
    """Maps names in English and Arabic text to lexicon entries.

    >>> n = Normalizer.default()
    >>> n.lookup("Al-Kazemi").id
    'person.mustafa-al-kadhimi'
    >>> n.normalize("Kazemi met PMF leaders.").text
    'Mustafa Al-Kadhimi met Popular Mobilization Forces leaders.'
    """

    def __init__(self, lexicon: CompiledLexicon, *, fuzzy: bool = True) -> None:
        self._lex = lexicon
        self._fuzzy = fuzzy
        self._scanner = Scanner(lexicon)

    @classmethod
    def default(cls, *, fuzzy: bool = True) -> Normalizer:
        """The bundled lexicon (compiled once per process). ``fuzzy=False`` turns off
        transliteration (phonetic and fuzzy) matching: curated names only."""
        return cls(_default_lexicon(), fuzzy=fuzzy)

    @classmethod
    def from_paths(
        cls, paths: Iterable[PathLike], include_default: bool = True, *, fuzzy: bool = True
    ) -> Normalizer:
        """User lexicon files, on top of the bundled ones unless ``include_default=False``.

        Raises :class:`~normalizer.errors.LexiconError` naming every problem found.
        """
        all_paths: list[PathLike] = [*(bundled_paths() if include_default else []), *paths]
        return cls(load_paths(all_paths), fuzzy=fuzzy)

    @property
    def entries(self) -> Mapping[str, Entry]:
        """Every entry, by id."""
        return self._lex.entries

    @property
    def warnings(self) -> tuple[str, ...]:
        """Lexicon warnings (ambiguous names shared by several entries)."""
        return tuple(self._lex.warnings)

    def get(self, entry_id: str) -> Entry | None:
        """The entry with this id, or None."""
        return self._lex.entries.get(entry_id)

    def lookup(self, term: str) -> Match | None:
        """The entry a whole term names (``id`` None with candidates if several), or None."""
        tokens = tokenize(term)
        if not tokens:
            return None
        if len(tokens) == 1:
            owners = self._scanner.acronym(term, tokens[0])
            if owners:
                return to_match(self._lex, term, owners)
        found = self._scanner.owners_of(term, tokens, 0, len(tokens), [])
        if found is not None:
            return to_match(self._lex, term, found[0])
        if not self._fuzzy or any(t.arabic != tokens[0].arabic for t in tokens):
            return None
        if len(tokens) == 1 and self._scanner.is_acronym_like(term, tokens[0]):
            return None  # acronyms are never matched fuzzily
        arabic = tokens[0].arabic
        rest = tuple(t.key for t in tokens[1:])
        for first, _ in proclitic_readings(tokens[0]):
            scored = score_span(self._lex.phonetic, (first, *rest), arabic)
            if scored:
                return scored_match(self._lex, term, scored)
        groups = name_groups(tuple(t.key for t in tokens), arabic)
        if len(groups) >= 3:  # middle names the lexicon does not list: first + last
            scored = score_span(self._lex.phonetic, groups[0] + groups[-1], arabic)
            scored = [s for s in scored if not s.partial]  # not another's middle-less form
            if scored:
                return scored_match(self._lex, term, scored)
        return None

    def normalize(self, text: str) -> NormalizeResult:
        """Find every mention in ``text`` and replace each resolved one by its canonical name
        in the mention's script. Offsets in the mentions refer to ``text``."""
        mentions = tuple(to_mention(self._lex, text, h) for h in self._scanner.scan(text))
        return NormalizeResult(apply_mentions(text, mentions), mentions)

    def __getstate__(self) -> tuple[CompiledLexicon, bool]:
        return self._lex, self._fuzzy

    def __setstate__(self, state: tuple[CompiledLexicon, bool]) -> None:
        self.__init__(state[0], fuzzy=state[1])  # type: ignore[misc]
