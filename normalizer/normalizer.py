"""The :class:`Normalizer` facade: build once per process, then ``lookup`` and ``normalize``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from normalizer.document import Document
from normalizer.explain import Explanation, explain_term
from normalizer.lexicon.cache import load_paths
from normalizer.lexicon.compile import CompiledLexicon
from normalizer.lexicon.load import PathLike, bundled_paths
from normalizer.lookup import lookup_term
from normalizer.model import Entry, Match, NormalizeResult
from normalizer.scan import Learned, Scanner


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
        return lookup_term(self._lex, self._scanner, term, fuzzy=self._fuzzy).match

    def explain(self, term: str) -> Explanation:
        """How :meth:`lookup` decides for ``term``: folded form, phonetic keys, the top
        candidates with their scores, and the decision with its reason."""
        return explain_term(self._lex, self._scanner, term, fuzzy=self._fuzzy)

    def normalize(self, text: str) -> NormalizeResult:
        """Find every mention in ``text`` and replace each resolved one by its canonical name
        in the mention's script. Offsets in the mentions refer to ``text``."""
        doc = self.document()
        parts = (doc.feed(text), doc.close())
        return NormalizeResult(
            "".join(p.text for p in parts), tuple(m for p in parts for m in p.mentions)
        )

    def document(self) -> Document:
        """A :class:`Document` to feed one long text in pieces (streaming): the parts it
        returns add up to exactly what :meth:`normalize` gives for the whole text."""
        return Document(self._lex, self._scanner, fuzzy=self._fuzzy)

    def learned_scores(self) -> Learned:
        """The transliteration scores this normalizer computed since the last call (the
        first call starts the record), for :meth:`learn_scores` of another process's
        normalizer of the same lexicon: picklable, and what the slow part of matching makes."""
        return self._scanner.learned()

    def learn_scores(self, scores: Learned) -> None:
        """Take the scores another normalizer of the same lexicon computed (see
        :meth:`learned_scores`): the spans they cover are not scored again here."""
        self._scanner.learn(scores)

    def __getstate__(self) -> tuple[CompiledLexicon, bool]:
        return self._lex, self._fuzzy

    def __setstate__(self, state: tuple[CompiledLexicon, bool]) -> None:
        self.__init__(state[0], fuzzy=state[1])  # type: ignore[misc]
