"""One document, normalized sentence by sentence, whole or fed in pieces.

A document is read in order: a context cue counts for its own sentence and for everything
after it, and a person named in full is remembered for the partial names that follow. Text
is *settled* a sentence at a time, once the next sentence has begun, so feeding a document in
pieces of any size gives exactly what feeding it whole gives, and only the unfinished
sentence is held in memory.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable
from operator import attrgetter

from normalizer.collector import collector_paused
from normalizer.errors import NormalizerError
from normalizer.lexicon.compile import CompiledLexicon
from normalizer.model import DocumentPart, Mention
from normalizer.render import apply_mentions
from normalizer.resolve import DocumentContext, first_cue, resolve_hit
from normalizer.scan import Scanner
from normalizer.text.sentences import sentence_starts
from normalizer.text.words import Words

#: A hit's first and last word (key functions that run in C).
_FIRST = attrgetter("first")
_LAST = attrgetter("last")


#: A text with no word boundary for this long is settled anyway (bounded memory).
MAX_PENDING_CHARS = 1 << 20


class Document:
    """A stateful normalizer for one document: :meth:`feed` pieces, then :meth:`close`.

    >>> from normalizer import Normalizer
    >>> doc = Normalizer.default().document()
    >>> parts = [doc.feed("Kazemi met PMF "), doc.feed("leaders. Then "), doc.close()]
    >>> "".join(p.text for p in parts)
    'Mustafa Al-Kadhimi met Popular Mobilization Forces leaders. Then '
    """

    def __init__(self, lexicon: CompiledLexicon, scanner: Scanner, *, fuzzy: bool) -> None:
        self._lex = lexicon
        self._scanner = scanner
        self._fuzzy = fuzzy
        self._ctx = DocumentContext()
        self._pending = ""
        self._base = 0
        self._closed = False

    def feed(self, piece: str) -> DocumentPart:
        """Add the next piece of the document; returns the part that is now settled (often
        empty). Raises :class:`NormalizerError` after :meth:`close`."""
        if self._closed:
            raise NormalizerError("this document is closed; start a new one")
        self._pending += piece
        with collector_paused():
            return self._settle(final=False)

    def close(self) -> DocumentPart:
        """Settle everything still pending; the document cannot be fed afterwards."""
        if self._closed:
            raise NormalizerError("this document is closed; start a new one")
        self._closed = True
        with collector_paused():
            return self._settle(final=True)

    def _settle(self, *, final: bool) -> DocumentPart:
        text = self._pending
        words = Words(text)
        count = len(words)
        starts = sentence_starts(words)
        if final:
            done, cut = len(starts), len(text)
        else:
            # a sentence is settled once the next one has begun with a word that is not the
            # last one in hand (which may still grow)
            done = sum(1 for s in starts[1:] if s < count - 1)
            cut = words.starts[starts[done]] if done else 0
            if not count:
                cut = len(text)  # leading text with no word at all
            elif not done and len(text) > MAX_PENDING_CHARS:  # one giant run-on "sentence"
                if count > 1:
                    starts = [s for s in starts if s < count - 1] + [count - 1]
                    done, cut = len(starts) - 1, words.starts[-1]
                else:
                    done, cut = len(starts), len(text)
        bounds = starts[:done]
        bounds.append(starts[done] if done < len(starts) else count)
        mentions = self._mentions(words, bounds) if done else []
        original = text[:cut]
        part = DocumentPart(
            start=self._base,
            original=original,
            text=apply_mentions(original, mentions, base=self._base),
            mentions=tuple(mentions),
        )
        self._pending = text[cut:]
        self._base += cut
        return part

    def _mentions(self, words: Words, bounds: list[int]) -> list[Mention]:
        """The mentions in the sentences that start at ``bounds[:-1]`` (the last bound is
        where the settled text ends), found over all of them at once: Python then runs per
        candidate word and per sentence with a cue or a hit, not per sentence."""
        scanner, ctx = self._scanner, self._ctx
        end = bounds[-1]
        for b in bounds[1:]:
            if b < len(words):
                words.joins[b - 1] = False  # a name never runs across a sentence boundary

        def sentence_of(i: int) -> int:
            return bisect.bisect_right(bounds, i) - 1

        # context cues, per sentence (in order; first occurrence as written)
        cues = scanner.sentence_cues(words, bounds)

        first_seen: dict[str, tuple[int, str]] = {}  # cue → its first sentence, as written
        for j in sorted(cues, reverse=True):
            first_seen.update((c, (j, w)) for c, w in cues[j].items())

        known = _EarlierCues(ctx.earlier, first_seen)

        def cue_at(i: int, entry_id: str) -> str | None:
            j = sentence_of(i)

            def earlier(cue: str) -> str | None:
                seen = first_seen.get(cue)
                return ctx.earlier.get(cue) or (seen[1] if seen and seen[0] < j else None)

            here = cues.get(j, {}).get
            return first_cue(self._lex.cues.get(entry_id, ()), here, known.before(j) or earlier)

        hits = scanner.exact_hits(words, 0, end, cue_at)
        if self._fuzzy:
            firsts, pasts = map(_FIRST, hits), map((1).__add__, map(_LAST, hits))
            covered = set(itertools.chain.from_iterable(map(range, firsts, pasts)))
            hits += scanner.translit_hits(words, 0, end, covered)
            hits.sort(key=_FIRST)
        # resolution, in document order: the cues and full names in force at each hit; the
        # hits of sentence j are a slice of the (ordered) hits, found by bisecting in C
        after = list(map(bisect.bisect_right, itertools.repeat(bounds), map(_FIRST, hits)))
        mentions: list[Mention] = []
        lex, text, base = self._lex, words.text, self._base
        for j in sorted(cues.keys() | {k - 1 for k in dict.fromkeys(after)}):
            ctx.here = cues.get(j, {})
            lo, hi = bisect.bisect_left(after, j + 1), bisect.bisect_right(after, j + 1)
            for h in hits[lo:hi]:
                mention = resolve_hit(lex, text, h, ctx, base)
                if mention is not None:  # a widely shared part with no antecedent
                    mentions.append(mention)
            ctx.end_sentence()
        return mentions


class _EarlierCues:
    """The cues seen before sentence j (in earlier parts of the document, then in earlier
    sentences of this one), as one dict extended while j grows: the exact scan asks left to
    right, so a cue test is a ``dict.get`` in C rather than a Python call per cue."""

    def __init__(self, earlier: dict[str, str], first_seen: dict[str, tuple[int, str]]) -> None:
        self._known = dict(earlier)  # earlier parts of the document come first
        self._order = sorted((j, cue, written) for cue, (j, written) in first_seen.items())
        self._added = 0
        self._upto = 0  # the dict holds every cue first seen before this sentence

    def before(self, j: int) -> Callable[[str], str | None] | None:
        """The lookup for sentence j, or None if j is behind an earlier question."""
        if j < self._upto:
            return None
        order, known = self._order, self._known
        while self._added < len(order) and order[self._added][0] < j:
            _, cue, written = order[self._added]
            known.setdefault(cue, written)
            self._added += 1
        self._upto = j
        return known.get
