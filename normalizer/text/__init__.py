"""Text folding: the one key function shared by lexicon compilation and scanning.

Pipeline order (stated once, here): the original text is split into script-homogeneous
word tokens (:mod:`normalizer.text.scripts`); each token is folded code point by code point
by its own script (:mod:`normalizer.text.arabic`, :mod:`normalizer.text.latin`), keeping a
map from every folded character back to the original offsets (:mod:`normalizer.text.fold`).
"""

from normalizer.text.fold import Folded, Token, fold, light_form, tokenize

__all__ = ["Folded", "Token", "fold", "light_form", "tokenize"]
