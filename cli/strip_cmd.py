"""``normalize strip FILE...``: the original text back from ``--format annotated`` output."""

from __future__ import annotations

import codecs

import click

from normalizer import NormalizerError
from normalizer.annotate import AnnotationReader
from normalizer.decode import Decoder
from normalizer.errors import InputError

from .common import CONTEXT_SETTINGS
from .io import (
    BLOCK_SIZE,
    AtomicFile,
    OutputError,
    StdoutOutput,
    checked_encoding,
    open_input,
    open_output,
    read_blocks,
)


def _strip_one(name: str, out: StdoutOutput | AtomicFile, encoding: str) -> None:
    decoder = Decoder(name, "utf-8", "strict")
    reader = AnnotationReader(name)
    encoder = codecs.getincrementalencoder(encoding)("strict")

    def emit(text: str, final: bool = False) -> None:
        try:
            out.write(encoder.encode(text, final))
        except UnicodeEncodeError as err:
            bad = err.object[err.start : err.end]
            raise InputError(f"{name}: {bad!r} cannot be written in {encoding}") from None

    with open_input(name) as fh:
        for block in read_blocks(fh, name, BLOCK_SIZE):
            emit(reader.feed(decoder.decode(block)))
    emit(reader.feed(decoder.decode(b"", final=True)))
    emit(reader.close(), final=True)


@click.command(name="strip", context_settings=CONTEXT_SETTINGS)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE, not stdout.")
@click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    callback=checked_encoding,
    help="Encoding to write (the one the annotated input was read with).",
)
def strip(files: tuple[str, ...], output: str | None, encoding: str) -> None:
    """Remove the ⟦id|text⟧ marks of ``normalize --format annotated`` output (UTF-8),
    giving back the original input byte for byte.

    \b
    Example:
        normalize --format annotated report.txt | normalize strip - | cmp - report.txt
    """
    out = open_output(output)
    try:
        for name in files:
            _strip_one(name, out, encoding)
    except (NormalizerError, OutputError) as err:
        if isinstance(out, AtomicFile):
            out.discard()
        raise click.ClickException(str(err)) from None
    out.commit()
