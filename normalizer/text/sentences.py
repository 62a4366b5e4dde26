"""Sentences: the unit in which context cues are looked for and text is settled when streaming.

A sentence ends at a gap between two words that holds sentence punctuation (. ! ? ; ؟ ؛ …) or a
blank line (:data:`normalizer.text.words.BREAK_RE`), or after :data:`MAX_SENTENCE_WORDS`
words, whichever comes first. The rule looks only at the words and the gaps between them, so
the same text is cut the same way whether it arrives whole or in pieces.
"""

from __future__ import annotations

import itertools

from normalizer.text.words import Words

#: A run-on text (no punctuation at all) is cut after this many words.
MAX_SENTENCE_WORDS = 200


def sentence_starts(words: Words) -> list[int]:
    """Indices of the words that begin a sentence (always 0 for a non-empty text).

    >>> sentence_starts(Words("Hezbollah fired. Then Sadr spoke!\\n\\nوقال"))
    [0, 2, 5]
    """
    if not len(words):
        return []
    starts = [0]
    for k in itertools.compress(range(1, len(words)), words.breaks):
        while k - starts[-1] > MAX_SENTENCE_WORDS:
            starts.append(starts[-1] + MAX_SENTENCE_WORDS)
        starts.append(k)
    while len(words) - 1 - starts[-1] >= MAX_SENTENCE_WORDS:
        starts.append(starts[-1] + MAX_SENTENCE_WORDS)
    return starts
