"""Output formats, written part by part as a document streams through (bounded memory).

Each renderer turns the parts of one document into bytes; the bytes are the same however the
document was split into parts (tests/test_cli_io.py checks it against whole-text rendering).
"""

from __future__ import annotations

import codecs
import json
import tempfile
from typing import IO, Protocol

from normalizer import DocumentPart
from normalizer.annotate import annotate
from normalizer.errors import InputError
from normalizer.render import mention_record

from .io import AtomicFile, StdoutOutput, Writer, copy_into

FORMATS = ("text", "jsonl", "json", "annotated")


class Renderer(Protocol):
    """Writes one document: ``part`` for each part in order, then ``close``."""

    def part(self, part: DocumentPart) -> None: ...

    def close(self) -> None: ...


class TextRenderer:
    """The normalized text, in the input's encoding (a byte-order mark is written back)."""

    def __init__(self, out: Writer, name: str, encoding: str, errors: str) -> None:
        self._out, self._name, self._encoding = out, name, encoding
        self._encoder = codecs.getincrementalencoder(encoding)(errors)

    def part(self, part: DocumentPart) -> None:
        self._write(part.text, final=False)

    def close(self) -> None:
        self._write("", final=True)

    def _write(self, text: str, final: bool) -> None:
        try:
            data = self._encoder.encode(text, final)
        except UnicodeEncodeError as err:
            raise InputError(
                f"{self._name}: the output has {err.object[err.start : err.end]!r}, which "
                f"{self._encoding} cannot encode; use a Unicode --encoding or --format jsonl"
            ) from None
        self._out.write(data)


class AnnotatedRenderer:
    """The original text with mentions marked inline, in UTF-8 (see normalizer.annotate)."""

    def __init__(self, out: Writer) -> None:
        self._out = out

    def part(self, part: DocumentPart) -> None:
        self._out.write(annotate(part.original, part.mentions, part.start).encode("utf-8"))

    def close(self) -> None:
        pass


class JsonlRenderer:
    """One JSON object per mention."""

    def __init__(self, out: Writer, name: str) -> None:
        self._out, self._name = out, name

    def part(self, part: DocumentPart) -> None:
        self._out.write(
            "".join(
                json.dumps(mention_record(m, self._name), ensure_ascii=False) + "\n"
                for m in part.mentions
            ).encode("utf-8")
        )

    def close(self) -> None:
        pass


def _indented(record: object, indent: str) -> str:
    return "\n".join(
        indent + line for line in json.dumps(record, ensure_ascii=False, indent=2).split("\n")
    )


class JsonRenderer:
    """One ``{"file", "normalized", "mentions"}`` object laid out as ``json.dumps(indent=2)``
    lays out an element of the top-level array. The normalized text is streamed inside its
    JSON string; mention records wait in a temporary file until the text is complete."""

    def __init__(self, out: Writer, name: str) -> None:
        self._out = out
        self._name = name
        self._mentions = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close())
        self._count = 0
        head = f'  {{\n    "file": {json.dumps(name, ensure_ascii=False)},\n    "normalized": "'
        out.write(head.encode("utf-8"))

    def part(self, part: DocumentPart) -> None:
        if part.text:
            self._out.write(json.dumps(part.text, ensure_ascii=False)[1:-1].encode("utf-8"))
        for m in part.mentions:
            lead = ",\n" if self._count else ""
            self._count += 1
            self._mentions.write(
                (lead + _indented(mention_record(m, self._name), " " * 6)).encode()
            )

    def close(self) -> None:
        self._out.write(b'",\n    "mentions": ')
        if self._count:
            self._out.write(b"[\n")
            copy_into(self._mentions, self._out)
            self._out.write(b"\n    ]")
        else:
            self._out.write(b"[]")
        self._out.write(b"\n  }")
        self._mentions.close()


class JsonArray:
    """Frames the per-file objects of ``--format json`` into one array."""

    def __init__(self, out: StdoutOutput | AtomicFile) -> None:
        self._out = out
        self._count = 0

    def add(self, spool: IO[bytes]) -> None:
        self._out.write(b",\n" if self._count else b"[\n")
        self._count += 1
        copy_into(spool, self._out)

    def close(self) -> None:
        self._out.write(b"\n]\n" if self._count else b"[]\n")


def renderer_for(fmt: str, out: Writer, name: str, encoding: str, errors: str) -> Renderer:
    """The renderer of a format for one document."""
    if fmt == "text":
        return TextRenderer(out, name, encoding, errors)
    if fmt == "jsonl":
        return JsonlRenderer(out, name)
    if fmt == "json":
        return JsonRenderer(out, name)
    return AnnotatedRenderer(out)
