"""The :class:`Normalizer` facade: build once per process, then ``lookup`` and ``normalize``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from normalizer.lexicon.compile import CompiledLexicon, compile_lexicon
from normalizer.lexicon.load import PathLike, bundled_paths, load_entries
from normalizer.model import Entry, Match, NormalizeResult
from normalizer.render import apply_mentions
from normalizer.resolve import to_match, to_mention
from normalizer.scan import Scanner
from normalizer.text.fold import tokenize


@lru_cache(maxsize=1)
def _default_lexicon() -> CompiledLexicon:
    return compile_lexicon(load_entries(bundled_paths()))


class Normalizer:
    """Maps names in English and Arabic text to lexicon entries.

    >>> n = Normalizer.default()
    >>> n.lookup("Al-Kazemi").id
    'person.mustafa-al-kadhimi'
    >>> n.normalize("Kazemi met PMF leaders.").text
    'Mustafa Al-Kadhimi met Popular Mobilization Forces leaders.'
    """

    def __init__(self, lexicon: CompiledLexicon) -> None:
        self._lex = lexicon
        self._scanner = Scanner(lexicon)

    @classmethod
    def default(cls) -> Normalizer:
        """The bundled lexicon (compiled once per process)."""
        return cls(_default_lexicon())

    @classmethod
    def from_paths(cls, paths: Iterable[PathLike], include_default: bool = True) -> Normalizer:
        """User lexicon files, on top of the bundled ones unless ``include_default=False``.

        Raises :class:`~normalizer.errors.LexiconError` naming every problem found.
        """
        all_paths: list[PathLike] = [*(bundled_paths() if include_default else []), *paths]
        return cls(compile_lexicon(load_entries(all_paths)))

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
        if found is None:
            return None
        return to_match(self._lex, term, found[0])

    def normalize(self, text: str) -> NormalizeResult:
        """Find every mention in ``text`` and replace each resolved one by its canonical name
        in the mention's script. Offsets in the mentions refer to ``text``."""
        mentions = tuple(to_mention(self._lex, text, h) for h in self._scanner.scan(text))
        return NormalizeResult(apply_mentions(text, mentions), mentions)

    def __getstate__(self) -> CompiledLexicon:
        return self._lex

    def __setstate__(self, state: CompiledLexicon) -> None:
        self.__init__(state)  # type: ignore[misc]
