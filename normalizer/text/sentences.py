"""Sentences: the unit in which context cues are looked for and text is settled when streaming.

A sentence ends at a gap between two words that holds sentence punctuation (. ! ? ؟ ; ؛ …) or a
blank line, or after :data:`MAX_SENTENCE_WORDS` words, whichever comes first. The rule looks
only at the words and the gaps between them, so the same text is cut the same way whether it
arrives whole or in pieces.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from normalizer.text.fold import Token
from normalizer.text.scripts import JOINER_RE

#: A run-on text (no punctuation at all) is cut after this many words.
MAX_SENTENCE_WORDS = 200

_BREAK_RE = re.compile(r"[.!?;\u061f\u061b\u06d4\u2026\u3002]|\n[^\S\n]*\n")


def is_break(text: str, left: Token, right: Token) -> bool:
    """True when the gap between two neighbouring words ends a sentence.

    >>> from normalizer.text.fold import tokenize
    >>> a, b, c = tokenize("Sadr. Hezbollah said")
    >>> is_break("Sadr. Hezbollah said", a, b), is_break("Sadr. Hezbollah said", b, c)
    (True, False)
    """
    return _BREAK_RE.search(text, left.end, right.start) is not None


def joins(text: str, tokens: Sequence[Token]) -> list[bool]:
    """For each pair of neighbouring words, whether a name may continue from one to the
    next: only across white space and hyphens, never across a blank line."""
    return [
        JOINER_RE.fullmatch(text, a.end, b.start) is not None
        and _BREAK_RE.search(text, a.end, b.start) is None
        for a, b in itertools.pairwise(tokens)
    ]


def sentence_starts(text: str, tokens: Sequence[Token]) -> list[int]:
    """Indices of the words that begin a sentence (always 0 for a non-empty list).

    >>> from normalizer.text.fold import tokenize
    >>> s = "Hezbollah fired. Then Sadr spoke!\\n\\nوقال"
    >>> sentence_starts(s, tokenize(s))
    [0, 2, 5]
    """
    if not tokens:
        return []
    starts = [0]
    for i in range(1, len(tokens)):
        if i - starts[-1] >= MAX_SENTENCE_WORDS or is_break(text, tokens[i - 1], tokens[i]):
            starts.append(i)
    return starts
