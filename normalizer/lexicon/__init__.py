"""Lexicon files: reading (:mod:`.load`), per-file rules (:mod:`.schema`) and the compiled
index shared by scanning and lookup (:mod:`.compile`)."""

from normalizer.lexicon.compile import CompiledLexicon, compile_lexicon
from normalizer.lexicon.load import bundled_paths, load_entries

__all__ = ["CompiledLexicon", "bundled_paths", "compile_lexicon", "load_entries"]
