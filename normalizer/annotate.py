"""Annotated text: the original with each mention marked inline, and the way back.

A mention is written ``⟦label|surface⟧``: ``label`` is the entry id, or ``?`` and the candidate
ids joined by ``,`` for an ambiguous mention. The two markup characters are escaped wherever
they occur in the text itself (``⟦`` → ``⟦⟦``, ``⟧`` → ``⟦⟧``), so :func:`strip_annotations`
gives back the original text character for character, and hence byte for byte once encoded
as the input was. Ids never contain ``⟦ ⟧ |`` (the lexicon rules), so the markup cannot be
confused with text.

>>> from normalizer.model import Method, Mention
>>> m = Mention(0, 6, "Kazemi", "person.k", "K", "person", 1.0, Method.ALIAS)
>>> annotate("Kazemi ⟦sic⟧", [m])
'⟦person.k|Kazemi⟧ ⟦⟦sic⟦⟧'
>>> strip_annotations(annotate("Kazemi ⟦sic⟧", [m]))
'Kazemi ⟦sic⟧'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from normalizer.errors import InputError
from normalizer.model import Mention

OPEN = "\u27e6"  # ⟦ MATHEMATICAL LEFT WHITE SQUARE BRACKET
CLOSE = "\u27e7"  # ⟧ MATHEMATICAL RIGHT WHITE SQUARE BRACKET
SEPARATOR = "|"
#: Longest label accepted when reading (ids and candidate lists are far shorter); it bounds
#: what a reader holds back while waiting for the end of a label.
MAX_LABEL = 4096

_ESCAPES = {ord(OPEN): OPEN + OPEN, ord(CLOSE): OPEN + CLOSE}
_TOKEN = re.compile(f"{OPEN}{OPEN}|{OPEN}{CLOSE}|{OPEN}([^{OPEN}{CLOSE}|]*)\\||{CLOSE}")
_LABEL_CHARS = re.compile(f"[^{OPEN}{CLOSE}|]*")


@dataclass(frozen=True, slots=True)
class Annotation:
    """A marked span read back from annotated text: offsets into the stripped (original) text."""

    start: int
    end: int
    label: str


def escape_markup(text: str) -> str:
    """Text with the markup characters escaped.

    >>> escape_markup("a⟦b⟧")
    'a⟦⟦b⟦⟧'
    """
    return text.translate(_ESCAPES)


def label(mention: Mention) -> str:
    """The label of a mention: its id, or ``?`` and the candidate ids when ambiguous."""
    if mention.id is not None:
        return mention.id
    return "?" + ",".join(c.id for c in mention.candidates)


def annotate(text: str, mentions: Iterable[Mention], offset: int = 0) -> str:
    """``text`` with every mention marked; mention offsets minus ``offset`` index ``text`` (so
    a streamed part is annotated with ``offset=part.start``)."""
    parts: list[str] = []
    pos = 0
    for m in sorted(mentions, key=lambda m: m.start):
        start, end = m.start - offset, m.end - offset
        parts += [
            escape_markup(text[pos:start]),
            OPEN,
            label(m),
            SEPARATOR,
            escape_markup(text[start:end]),
            CLOSE,
        ]
        pos = end
    parts.append(escape_markup(text[pos:]))
    return "".join(parts)


class AnnotationReader:
    """Strips annotated text piece by piece (any split), in bounded memory.

    ``feed(piece)`` returns the original text settled so far and ``close()`` the rest; with
    ``collect=True`` the marked spans are kept in ``annotations``. Malformed markup (a stray
    ``⟦``, an unmatched ``⟧``, a nested or unterminated mark) raises :class:`InputError`.
    """

    def __init__(self, name: str = "<text>", *, collect: bool = False) -> None:
        self.name = name
        self.annotations: list[Annotation] = []
        self._collect = collect
        self._held = ""  # an incomplete token at the end of the last piece
        self._read = 0  # annotated code points consumed before _held
        self._out = 0  # original code points produced so far
        # the mark we are in: its start in the original, its label, where it opened
        self._open: tuple[int, str, int] | None = None
        self._closed = False

    def feed(self, piece: str) -> str:
        """The original text for ``piece`` (as far as it is settled)."""
        if self._closed:
            raise InputError(f"{self.name}: annotated text fed after close")
        return self._consume(self._held + piece, final=False)

    def close(self) -> str:
        """The rest of the original text; the annotated text must end outside any mark."""
        out = self._consume(self._held, final=True)
        self._closed = True
        if self._open is not None:
            raise self._error("a mark opened here is never closed", self._open[2] - self._read)
        return out

    def _consume(self, buffer: str, final: bool) -> str:
        out: list[str] = []
        pos = 0
        for token in _TOKEN.finditer(buffer):
            self._plain(buffer, pos, token.start(), out)
            text = token.group()
            if text == OPEN + OPEN:
                self._emit(OPEN, out)
            elif text == OPEN + CLOSE:
                self._emit(CLOSE, out)
            elif text == CLOSE:
                if self._open is None:
                    raise self._error(f"{CLOSE} without an opening {OPEN}", token.start())
                if self._collect:
                    self.annotations.append(Annotation(self._open[0], self._out, self._open[1]))
                self._open = None
            else:
                if self._open is not None:
                    raise self._error("a mark inside a mark", token.start())
                self._open = (self._out, token.group(1), self._read + token.start())
            pos = token.end()
        rest = buffer[pos:]
        cut = rest.find(OPEN)
        hold = (
            not final
            and cut >= 0
            and len(rest) - cut <= MAX_LABEL
            and _LABEL_CHARS.fullmatch(rest, cut + 1) is not None
        )
        end = pos + cut if hold else len(buffer)
        self._plain(buffer, pos, end, out)
        self._read += end
        self._held = buffer[end:]
        return "".join(out)

    def _plain(self, buffer: str, start: int, end: int, out: list[str]) -> None:
        stray = buffer.find(OPEN, start, end)
        if stray >= 0:
            raise self._error(f"{OPEN} that starts no mark or escape", stray)
        self._emit(buffer[start:end], out)

    def _emit(self, text: str, out: list[str]) -> None:
        out.append(text)
        self._out += len(text)

    def _error(self, problem: str, at: int) -> InputError:
        return InputError(
            f"{self.name}: not valid annotated text: {problem} (code point {self._read + at})"
        )


def strip_annotations(annotated: str) -> str:
    """The original text of annotated text (the inverse of :func:`annotate`)."""
    reader = AnnotationReader()
    return reader.feed(annotated) + reader.close()


def parse_annotations(annotated: str) -> tuple[str, tuple[Annotation, ...]]:
    """The original text and the marked spans, with offsets into the original text."""
    reader = AnnotationReader(collect=True)
    text = reader.feed(annotated) + reader.close()
    return text, tuple(reader.annotations)
