"""Mine candidate names and variants from real text, for a maintainer to review.

Two kinds of suggestion, from text the normalizer leaves unmatched:

- ``near-miss``: a span that nearly matches an entry but is not found in running text: a
  lookup finds it only by transliteration matching, or its folded form is within
  NEAR_MISS_RATIO (rapidfuzz ``ratio``, no preprocessing) of a folded name of the entry.
  Spans are tried longest first (up to MAX_WORDS words) inside runs of capitalized Latin
  words, and inside runs of Arabic words between stop words.
- ``unmatched-name``: a frequent run of capitalized Latin words, or an Arabic n-gram after
  a title or kunya word (``tables/name_titles.txt``), that matches nothing at all.

Each suggestion carries its surface forms with counts, two example contexts and the closest
entries with scores; :func:`render_review` writes them as a review file that
``normalize lexicon add --from`` applies (see :mod:`normalizer.lexicon.snippet`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from normalizer.lexicon.style import scalar
from normalizer.model import Method
from normalizer.normalizer import Normalizer
from normalizer.text.fold import Token, fold, light_form, tokenize
from normalizer.text.tables import word_list

#: Folded spans at least this similar (0-100) to a name of an entry are near misses.
NEAR_MISS_RATIO = 85.0
#: Entries listed as closest to a suggestion.
CLOSEST = 3
#: Longest span, in words, tried as a near miss or proposed as a name.
MAX_WORDS = 4
#: Letters an unmatched name needs (initials such as "U. S." are not names).
MIN_NAME_LETTERS = 3
#: Characters of context on each side of an example.
CONTEXT_CHARS = 50
#: Latin connectors that may sit inside a capitalized name (Abu Bakr al-Baghdadi).
CONNECTORS = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "abd", "ul", "ad", "as", "ash"})
_SEPARATOR = re.compile(r"^[\s\-\u2010\u2011]+$")


@dataclass(frozen=True, slots=True)
class Closest:
    """An entry close to a suggestion, with a score between 0 and 1."""

    id: str
    canonical: str
    score: float


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Forms seen in the corpus (most frequent first) that the lexicon may want."""

    kind: str
    forms: tuple[tuple[str, int], ...]
    examples: tuple[str, ...]
    closest: tuple[Closest, ...]

    @property
    def count(self) -> int:
        """Occurrences of all forms together."""
        return sum(n for _, n in self.forms)

    @property
    def id(self) -> str | None:
        """The entry the forms are proposed for: the closest one, for a near miss."""
        return self.closest[0].id if self.kind == "near-miss" and self.closest else None


@dataclass(slots=True)
class _Seen:
    kind: str
    closest: tuple[Closest, ...]
    forms: Counter[str] = field(default_factory=Counter)
    examples: list[tuple[int, str]] = field(default_factory=list)


class _Names:
    """The folded names of every entry, by script, for rapidfuzz."""

    def __init__(self, normalizer: Normalizer) -> None:
        self.normalizer = normalizer
        self.keys: dict[bool, list[str]] = {True: [], False: []}
        self.ids: dict[bool, list[str]] = {True: [], False: []}
        for entry in normalizer.entries.values():
            for name in (*entry.names, *entry.aliases):
                tokens = tokenize(name)
                if tokens:
                    self.keys[tokens[0].arabic].append(" ".join(t.key for t in tokens))
                    self.ids[tokens[0].arabic].append(entry.id)

    def closest(self, surface: str, key: str, arabic: bool) -> tuple[tuple[Closest, ...], bool]:
        """The closest entries, and whether the span is a near miss."""
        best: dict[str, float] = {}
        match = self.normalizer.lookup(surface)
        near = False
        if match is not None and match.method in (Method.PHONETIC, Method.FUZZY):
            for c in match.candidates if match.id is None else ():
                best[c.id] = c.score
            if match.id is not None:
                best[match.id] = match.score
            near = True
        found = process.extract(
            key,
            self.keys[arabic],
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=NEAR_MISS_RATIO - 20,
            limit=20,
        )
        for _, score, i in found:
            entry_id = self.ids[arabic][i]
            best.setdefault(entry_id, score / 100)
            near = near or score >= NEAR_MISS_RATIO
        ranked = sorted(best.items(), key=lambda kv: -kv[1])[:CLOSEST]
        return tuple(self._closest(i, s, arabic) for i, s in ranked), near

    def _closest(self, entry_id: str, score: float, arabic: bool) -> Closest:
        entry = self.normalizer.entries[entry_id]
        return Closest(entry_id, entry.canonical(arabic), round(score, 3))


def _context(text: str, start: int, end: int) -> str:
    left = " ".join(text[max(0, start - CONTEXT_CHARS) : start].split())
    right = " ".join(text[end : end + CONTEXT_CHARS].split())
    return f"…{left} [{text[start:end]}] {right}…"


def _runs(text: str, tokens: list[Token], covered: set[int]) -> list[list[Token]]:
    """Runs of adjacent candidate tokens: capitalized Latin words (with connectors inside)
    or Arabic words, never crossing a mention, punctuation or a stop word."""
    stop, not_names = word_list("stopwords.txt"), word_list("not_names.txt")
    runs: list[list[Token]] = []
    current: list[Token] = []
    for tok in tokens:
        word = text[tok.start : tok.end]
        light = light_form(word)
        if tok.arabic:
            ok = light not in stop
        else:
            ok = (word[0].isupper() and light not in not_names) or (
                bool(current) and light in CONNECTORS
            )
        joined = bool(current) and (
            current[-1].arabic == tok.arabic
            and _SEPARATOR.match(text[current[-1].end : tok.start]) is not None
        )
        if not ok or tok.start in covered or not joined:
            if current:
                runs.append(current)
            current = []
        if ok and tok.start not in covered:
            current.append(tok)
    if current:
        runs.append(current)
    return [trimmed for r in runs if (trimmed := _trim(r, text))]


def _trim(run: list[Token], text: str) -> list[Token]:
    while (
        run and not run[-1].arabic and light_form(text[run[-1].start : run[-1].end]) in CONNECTORS
    ):
        run = run[:-1]
    return run


class _Miner:
    def __init__(self, normalizer: Normalizer) -> None:
        self.names = _Names(normalizer)
        self.seen: dict[tuple[str, str], _Seen] = {}
        self.cache: dict[tuple[str, str], tuple[tuple[Closest, ...], bool]] = {}
        self.titles = frozenset(fold(w).key for w in word_list("name_titles.txt"))
        self.stop = word_list("stopwords.txt")

    def record(self, kind: str, text: str, span: list[Token], doc: int) -> None:
        key = " ".join(t.key for t in span)
        start, end = span[0].start, span[-1].end
        surface = text[start:end]
        closest, _ = self.judge(surface, key, span[0].arabic)
        seen = self.seen.setdefault((kind, key), _Seen(kind, closest))
        seen.forms[surface] += 1
        if len(seen.examples) < 2 and all(d != doc for d, _ in seen.examples):
            seen.examples.append((doc, _context(text, start, end)))

    def judge(self, surface: str, key: str, arabic: bool) -> tuple[tuple[Closest, ...], bool]:
        if (surface, key) not in self.cache:
            self.cache[(surface, key)] = self.names.closest(surface, key, arabic)
        return self.cache[(surface, key)]

    def document(self, text: str, doc: int) -> None:
        result = self.names.normalizer.normalize(text)
        covered = {s + m.start for m in result.mentions for s in _starts(text[m.start : m.end])}
        tokens = tokenize(text)
        for run in _runs(text, tokens, covered):
            self.run(text, run, doc)
        self.after_titles(text, tokens, covered, doc)

    def run(self, text: str, run: list[Token], doc: int) -> None:
        i = 0
        while i < len(run):
            for n in range(min(MAX_WORDS, len(run) - i), 0, -1):
                span = run[i : i + n]
                key = " ".join(t.key for t in span)
                if len(key.replace(" ", "")) < 4:
                    continue
                surface = text[span[0].start : span[-1].end]
                if self.judge(surface, key, span[0].arabic)[1]:
                    self.record("near-miss", text, span, doc)
                    i += n
                    break
            else:
                i += 1
        long_enough = len("".join(t.key for t in run)) >= MIN_NAME_LETTERS
        if (
            not run[0].arabic
            and len(run) <= MAX_WORDS
            and long_enough
            and not self._any_near(text, run)
        ):
            self.record("unmatched-name", text, run, doc)

    def _any_near(self, text: str, run: list[Token]) -> bool:
        return any(
            ("near-miss", " ".join(t.key for t in run[i : i + n])) in self.seen
            for i in range(len(run))
            for n in range(1, len(run) - i + 1)
        )

    def after_titles(self, text: str, tokens: list[Token], covered: set[int], doc: int) -> None:
        for i, tok in enumerate(tokens[:-1]):
            if not tok.arabic or tok.key not in self.titles:
                continue
            span: list[Token] = []
            for nxt in tokens[i + 1 : i + 4]:
                word = light_form(text[nxt.start : nxt.end])
                if not nxt.arabic or nxt.start in covered or nxt.key in self.titles:
                    break
                if word in self.stop or text[span[-1].end : nxt.start].strip() if span else False:
                    break
                span.append(nxt)
            if len(span) >= 2 and ("near-miss", " ".join(t.key for t in span)) not in self.seen:
                self.record("unmatched-name", text, span[:3], doc)


def _starts(text: str) -> list[int]:
    return [t.start for t in tokenize(text)]


def suggest(
    normalizer: Normalizer,
    documents: Iterable[str],
    *,
    min_count: int = 2,
    progress: Callable[[int], None] | None = None,
) -> list[Suggestion]:
    """Suggestions from ``documents``: every near miss, and unmatched names seen at least
    ``min_count`` times; near misses first, then by count."""
    miner = _Miner(normalizer)
    for doc, text in enumerate(documents):
        miner.document(text, doc)
        if progress is not None:
            progress(doc + 1)
    out = [
        Suggestion(
            s.kind,
            tuple(s.forms.most_common()),
            tuple(e for _, e in s.examples),
            s.closest,
        )
        for s in miner.seen.values()
        if s.kind == "near-miss" or sum(s.forms.values()) >= min_count
    ]
    return sorted(out, key=lambda s: (s.kind != "near-miss", -s.count, s.forms[0][0]))


REVIEW_HEADER = """\
# Review file written by `normalize suggest`. For each suggestion set `decision`:
#   accept  add `forms` as aliases of `id` (the closest entry)
#   reject  add nothing
#   assign  add `forms` to `assign_to` instead: an existing id, or a new one, then also
#           give `type` and `canonical` (en / ar) to create it
# Delete the forms you do not want first. Then: normalize lexicon add --from THIS_FILE
"""


def render_review(suggestions: Sequence[Suggestion]) -> str:
    """The suggestions as a review file (YAML, every decision ``pending``)."""
    lines = [REVIEW_HEADER.rstrip("\n"), "suggestions:"]
    for s in suggestions:
        lines.append(f"  - kind: {s.kind}")
        lines.append("    forms:")
        lines += [f"      - {scalar(form, item=True)}  # seen {n}x" for form, n in s.forms]
        lines.append(f"    count: {s.count}")
        lines.append(f"    id: {scalar(s.id) if s.id else 'null'}")
        lines.append("    decision: pending")
        if s.closest:
            lines.append("    closest:")
            for c in s.closest:
                lines.append(f"      - id: {scalar(c.id)}")
                lines.append(f"        canonical: {scalar(c.canonical)}")
                lines.append(f"        score: {c.score}")
        lines.append("    examples:")
        lines += [f"      - {scalar(e, item=True)}" for e in s.examples]
    return "\n".join(lines) + "\n"
