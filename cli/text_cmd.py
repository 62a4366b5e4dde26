"""``normalize text FILE...``: normalized text or mention records for files."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from normalizer import NormalizerError
from normalizer.errors import InputDecodeError, InputError
from normalizer.render import mention_record

from .common import build, lexicon_options


def read_input(name: str, encoding: str, errors: str) -> str:
    """Decode a file (or ``-`` for stdin) explicitly, so offsets match the decoded bytes."""
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as err:
        raise InputError(f"{name}: cannot read ({err.strerror})") from None
    nul = data.find(b"\0")
    if nul >= 0 and "16" not in encoding and "32" not in encoding:
        raise InputError(
            f"{name}: looks like a binary file (NUL byte at offset {nul}); not processed"
        )
    try:
        return data.decode(encoding, errors=errors)
    except UnicodeDecodeError as err:
        raise InputDecodeError(name, err.start, encoding, err.reason) from None
    except LookupError:
        raise click.BadParameter(
            f"unknown encoding {encoding!r}", param_hint="--encoding"
        ) from None


class AtomicOutput:
    """stdout, or a file written through a temporary file renamed into place on success."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> None:
        if self.path is None:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            self.parts.append(data)

    def commit(self) -> None:
        if self.path is None:
            return
        target = Path(self.path)
        fd, tmp = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.writelines(self.parts)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


@click.command(name="text")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "jsonl", "json"]),
    default="text",
    show_default=True,
    help="text: normalized text; jsonl: one mention per line; json: one array of files.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE, not stdout.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of the input files.")
@click.option(
    "--errors",
    type=click.Choice(["strict", "replace"]),
    default="strict",
    show_default=True,
    help="strict: stop a file at an undecodable byte; replace: use U+FFFD and go on.",
)
@lexicon_options
def text_command(
    files: tuple[str, ...],
    fmt: str,
    output: str | None,
    encoding: str,
    errors: str,
    lexicons: tuple[str, ...],
    no_default_lexicon: bool,
) -> None:
    """Normalize FILE... (``-`` reads standard input).

    Offsets (start, end) are Unicode code points into the decoded file, counting a leading
    byte-order mark if the file has one; ``text == decoded[start:end]``.

    \b
    Example:
        normalize seeds/*.txt
        normalize --format jsonl report.txt | jq .id
    """
    normalizer = build(lexicons, no_default_lexicon)
    out = AtomicOutput(output)
    failed: list[str] = []
    documents: list[dict[str, Any]] = []
    for name in files:
        try:
            decoded = read_input(name, encoding, errors)
        except NormalizerError as err:
            click.echo(f"Error: {err}", err=True)
            failed.append(name)
            continue
        result = normalizer.normalize(decoded)
        if fmt == "text":
            out.write(
                result.text.encode(
                    encoding, errors="surrogateescape" if errors == "strict" else "replace"
                )
            )
        elif fmt == "jsonl":
            out.write(
                "".join(
                    json.dumps(mention_record(m, name), ensure_ascii=False) + "\n"
                    for m in result.mentions
                ).encode("utf-8")
            )
        else:
            documents.append(
                {
                    "file": name,
                    "normalized": result.text,
                    "mentions": [mention_record(m, name) for m in result.mentions],
                }
            )
    if fmt == "json":
        out.write((json.dumps(documents, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    out.commit()
    if failed:
        raise click.ClickException(f"{len(failed)} of {len(files)} files could not be processed")
