"""``normalize text FILE...``: normalized text or mention records for files and directories."""

from __future__ import annotations

import os
import tempfile

import click

from .common import build, exact_option, lexicon_options
from .formats import FORMATS, JsonArray
from .io import (
    BLOCK_SIZE,
    AtomicFile,
    OutputError,
    StdoutOutput,
    checked_encoding,
    copy_into,
    expand_inputs,
    open_output,
    size_of,
)
from .jobs import Plan, run_parallel, run_serial
from .pipeline import Outcome, Settings, partial_note
from .progress import Progress, wanted


def _check_usage(
    names: tuple[str, ...],
    fmt: str,
    output: str | None,
    in_place: bool,
    backup: str | None,
    errors: str,
    jobs: int,
) -> None:
    """Refuse option combinations that cannot do what they say (exit 2)."""
    if backup is not None and not in_place:
        raise click.UsageError("--backup needs --in-place")
    if backup == "":
        raise click.BadParameter("the suffix must not be empty", param_hint="--backup")
    if jobs > 1 and "-" in names:
        raise click.UsageError("standard input (-) is read by the main process: use --jobs 1")
    if not in_place:
        return
    if output is not None:
        raise click.UsageError("--in-place and --output exclude each other")
    if fmt != "text":
        raise click.UsageError("--in-place writes normalized text: leave out --format")
    if "-" in names:
        raise click.UsageError("--in-place needs files, not standard input (-)")
    if errors == "replace":
        raise click.UsageError(
            "--in-place with --errors replace would lose the undecodable bytes of the file"
        )


@click.command(name="text")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text: normalized text; jsonl: one mention per line; json: one array of files; "
    "annotated: the original text with mentions marked ⟦id|text⟧ (see `normalize strip`).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE, not stdout.")
@click.option(
    "-i",
    "--in-place",
    is_flag=True,
    help="Replace each file by its normalized text (atomically; unchanged files are not touched).",
)
@click.option(
    "--backup", metavar="SUFFIX", help="With --in-place: keep the original as FILE+SUFFIX."
)
@click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    callback=checked_encoding,
    help="Encoding of the input files.",
)
@click.option(
    "--errors",
    type=click.Choice(["strict", "replace"]),
    default="strict",
    show_default=True,
    help="strict: stop a file at an undecodable byte; replace: use U+FFFD and go on.",
)
@click.option(
    "--glob",
    "globs",
    multiple=True,
    default=("*",),
    show_default=True,
    help="In directories, process files whose relative path matches (repeatable).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Process files in N worker processes (same output and order as 1).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress line on stderr.")
@click.option("--block-size", type=click.IntRange(min=1), default=BLOCK_SIZE, hidden=True)
@exact_option
@lexicon_options
def text_command(
    files: tuple[str, ...],
    fmt: str,
    output: str | None,
    in_place: bool,
    backup: str | None,
    encoding: str,
    errors: str,
    globs: tuple[str, ...],
    jobs: int,
    quiet: bool,
    block_size: int,
    exact_only: bool,
    lexicons: tuple[str, ...],
    no_default_lexicon: bool,
) -> None:
    """Normalize FILE... (``-`` reads standard input; a directory is walked recursively).

    Offsets (start, end) are Unicode code points into the decoded file, counting a leading
    byte-order mark if the file has one; ``text == decoded[start:end]``. Files are read in
    blocks, so any size runs in bounded memory.

    \b
    Exit codes: 0 success, 1 a file or lexicon could not be processed, 2 usage error.
    \b
    Example:
        normalize seeds/*.txt
        normalize --format jsonl report.txt | jq .id
        normalize --in-place --backup .orig --glob '*.txt' archive/
    """
    _check_usage(files, fmt, output, in_place, backup, errors, jobs)
    names = expand_inputs(files, globs)
    if not names:
        raise click.ClickException(
            f"no files matching --glob {' '.join(globs)} in {', '.join(files)}"
        )
    normalizer = build(lexicons, no_default_lexicon, fuzzy=not exact_only)
    settings = Settings(fmt, encoding, errors, block_size, backup)
    sizes = [size_of(n) for n in names]
    progress = Progress(len(names), sum(s or 0 for s in sizes) or None, wanted(quiet))
    out = None if in_place else open_output(output)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="normalize-") as spool_dir:
        plan = Plan(settings, in_place, out is not None and out.can_rollback, spool_dir)
        outcomes = (
            run_parallel(normalizer, plan, names, jobs)
            if jobs > 1
            else run_serial(normalizer, plan, names, out, progress)
        )
        array = JsonArray(out) if fmt == "json" and out is not None else None
        try:
            for outcome, size in zip(outcomes, sizes, strict=True):
                _deliver(outcome, out, array)
                if jobs > 1:
                    progress.advance(size or 0)
                progress.file_done()
                if outcome.error is not None:
                    failed += 1
                    click.echo(f"Error: {partial_note(outcome)}", err=True)
            if array is not None:
                array.close()
        except OutputError as err:
            if out is not None:
                out.discard()
            raise click.ClickException(str(err)) from None
        except BaseException:
            if out is not None:
                out.discard()
            raise
        finally:
            progress.close()
    if out is not None:
        if failed == len(names) and isinstance(out, AtomicFile):
            out.discard()  # nothing to show: leave the target as it was
        else:
            out.commit()
    if failed:
        raise click.ClickException(f"{failed} of {len(names)} files could not be processed")


def _deliver(
    outcome: Outcome, out: StdoutOutput | AtomicFile | None, array: JsonArray | None
) -> None:
    """Copy a spooled result (json object, or a worker's output) to the output, in order."""
    if outcome.spool is None:
        return
    try:
        with open(outcome.spool, "rb") as spool:
            if array is not None:
                if outcome.error is None:
                    array.add(spool)
            elif out is not None:
                copy_into(spool, out)
    finally:
        os.unlink(outcome.spool)
