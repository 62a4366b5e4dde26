"""The ``normalize`` command: a thin click layer over :mod:`normalizer`.

Library errors (:class:`normalizer.NormalizerError`) become one ``Error:`` line and exit 1;
usage errors exit 2; data goes to stdout, messages to stderr. Other exceptions are bugs and
keep their traceback.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from normalizer import Normalizer, NormalizerError
from normalizer.errors import InputDecodeError, InputError
from normalizer.lexicon.compile import compile_lexicon
from normalizer.lexicon.load import bundled_paths, load_entries
from normalizer.render import match_record, mention_record

F = TypeVar("F", bound=Callable[..., Any])
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


class DefaultGroup(click.Group):
    """A group whose first argument, when it is not a command name, goes to a default command
    (so ``normalize FILE`` means ``normalize text FILE``)."""

    def __init__(self, *args: Any, default_cmd: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default_cmd = default_cmd

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help", "--version"):
            args = [self.default_cmd, *args]
        return super().parse_args(ctx, args)


def lexicon_options(fn: F) -> F:
    """``--lexicon FILE`` (repeatable) and ``--no-default-lexicon``, shared by every command."""
    fn = click.option(
        "--no-default-lexicon",
        is_flag=True,
        help="Do not load the bundled lexicon (use only --lexicon files).",
    )(fn)
    return click.option(
        "--lexicon",
        "lexicons",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        help="A lexicon YAML file to load on top of the bundled one (repeatable).",
    )(fn)


def build(lexicons: tuple[str, ...], no_default: bool) -> Normalizer:
    """The normalizer for a command's lexicon options; errors become ``Error:`` lines."""
    if no_default and not lexicons:
        raise click.UsageError("--no-default-lexicon needs at least one --lexicon FILE")
    try:
        normalizer = (
            Normalizer.default()
            if not lexicons
            else Normalizer.from_paths(lexicons, include_default=not no_default)
        )
    except NormalizerError as err:
        raise click.ClickException(str(err)) from None
    if lexicons:
        for warning in normalizer.warnings:
            click.echo(f"warning: {warning}", err=True)
    return normalizer


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


@click.group(
    cls=DefaultGroup,
    default_cmd="text",
    context_settings=CONTEXT_SETTINGS,
    no_args_is_help=True,
)
@click.version_option(package_name="iraq-term-normalizer", prog_name="normalize")
def cli() -> None:
    """Map names of people, groups, places and weapons in English and Arabic text to one
    canonical entry.

    \b
    normalize FILE...              text with each mention replaced by its canonical name
    normalize --format jsonl FILE  one JSON object per mention
    normalize lookup TERM...       which entry a term names
    normalize lexicon validate     check lexicon files

    A file literally named like a command needs the explicit form: normalize text lookup
    """


@cli.command(name="text")
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


def _terms(terms: tuple[str, ...]) -> Iterator[str]:
    if terms == ("-",):
        for line in sys.stdin.buffer.read().decode("utf-8", errors="replace").splitlines():
            if line.strip():
                yield line.strip()
    else:
        yield from terms


@cli.command()
@click.argument("terms", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
)
@lexicon_options
def lookup(
    terms: tuple[str, ...], fmt: str, lexicons: tuple[str, ...], no_default_lexicon: bool
) -> None:
    """Look up each TERM (``-`` reads one term per line from standard input).

    \b
    text:  TERM <tab> id <tab> canonical <tab> score <tab> method (or: ambiguous / no match)
    jsonl: {"query", "id", "canonical", "score", "method", "candidates"} per term, in order
    """
    normalizer = build(lexicons, no_default_lexicon)
    for term in _terms(terms):
        match = normalizer.lookup(term)
        if fmt == "jsonl":
            click.echo(json.dumps(match_record(term, match), ensure_ascii=False))
        elif match is None:
            click.echo(f"{term}\tno match")
        elif match.id is None:
            ids = ", ".join(c.id for c in match.candidates)
            click.echo(f"{term}\tambiguous\t{ids}")
        else:
            click.echo(f"{term}\t{match.id}\t{match.canonical}\t{match.score:.2f}\t{match.method}")


@cli.group(context_settings=CONTEXT_SETTINGS)
def lexicon() -> None:
    """Check and maintain lexicon files."""


@lexicon.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@lexicon_options
def validate(files: tuple[str, ...], lexicons: tuple[str, ...], no_default_lexicon: bool) -> None:
    """Check lexicon FILEs (default: the bundled lexicon) and exit 1 on any error.

    Given files are checked together with the bundled lexicon (duplicate ids across them are
    errors) unless --no-default-lexicon is given.
    """
    given = [*files, *lexicons]
    bundled = [] if no_default_lexicon else bundled_paths()
    given_real = {Path(p).resolve() for p in given}
    paths = [p for p in bundled if p.resolve() not in given_real] + [Path(p) for p in given]
    problems: list[str] = []
    contents = []
    for path in paths:
        try:
            contents.extend(load_entries([path]))
        except NormalizerError as err:
            problems.append(str(err))
    try:
        lex = compile_lexicon(contents)
    except NormalizerError as err:
        problems.extend(getattr(err, "problems", [str(err)]))
    if problems:
        for problem in problems:
            click.echo(f"error: {problem}", err=True)
        raise click.ClickException(f"{len(problems)} problem(s) in {len(paths)} lexicon file(s)")
    for warning in lex.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(
        f"OK: {len(lex.entries)} entries in {len(paths)} file(s), {len(lex.warnings)} warning(s)"
    )


def main() -> None:
    """Console-script entry point."""
    try:
        cli(prog_name="normalize")
    except BrokenPipeError:  # `normalize ... | head`
        sys.stderr.close()
        sys.exit(0)
