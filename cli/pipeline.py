"""One file through the normalizer: bytes in blocks → decoder → Document → renderer → output.

The same functions run in the main process (``--jobs 1``) and in worker processes, so output
and error handling do not depend on the number of jobs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from normalizer import Normalizer, NormalizerError
from normalizer.decode import Decoder

from .formats import renderer_for
from .io import AtomicFile, OutputError, Writer, is_regular_file, open_input, read_blocks

Progress = Callable[[int], None]


def _no_progress(_: int) -> None:
    pass


@dataclass(frozen=True, slots=True)
class Settings:
    """What the command line asked for, as the workers need it."""

    fmt: str
    encoding: str
    errors: str
    block_size: int
    backup: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input file.

    ``partial``: the file failed after some of its output was written where it cannot be
    taken back (standard output). ``spool``: a worker's output, to be copied in order.
    ``changed``: in-place mode replaced the file.
    """

    name: str
    error: str | None = None
    partial: bool = False
    changed: bool = False
    spool: str | None = None
    size: int = 0


def check_decodes(name: str, settings: Settings) -> None:
    """Decode a regular file without normalizing it, raising what normalizing would raise;
    done before writing to an output that cannot be taken back."""
    decoder = Decoder(name, settings.encoding, settings.errors)
    with open_input(name) as fh:
        for block in read_blocks(fh, name, settings.block_size):
            decoder.decode(block)
    decoder.decode(b"", final=True)


def normalize_stream(
    normalizer: Normalizer,
    name: str,
    settings: Settings,
    out: Writer,
    progress: Progress = _no_progress,
) -> bool:
    """Normalize one file (``-``: stdin) into ``out`` in the chosen format, block by block.

    Returns whether the normalized text differs from the input. Raises only
    :class:`~normalizer.NormalizerError` for the file and :class:`OutputError` for ``out``.
    """
    decoder = Decoder(name, settings.encoding, settings.errors)
    doc = normalizer.document()
    renderer = renderer_for(settings.fmt, out, name, decoder.encoding, settings.errors)
    changed = False
    with open_input(name) as fh:
        for block in read_blocks(fh, name, settings.block_size):
            text = decoder.decode(block)
            if text:
                part = doc.feed(text)
                changed = changed or part.text != part.original
                renderer.part(part)
            progress(len(block))
    tail = decoder.decode(b"", final=True)
    for part in (doc.feed(tail), doc.close()) if tail else (doc.close(),):
        changed = changed or part.text != part.original
        renderer.part(part)
    renderer.close()
    return changed


def normalize_in_place(
    normalizer: Normalizer, name: str, settings: Settings, progress: Progress = _no_progress
) -> Outcome:
    """Replace a file by its normalized text (through a temporary file and a rename), only
    when the text changed; any error leaves the file as it was."""
    path = os.path.realpath(name)  # replace a symlink's target, not the link
    try:
        target = AtomicFile(path)
    except OutputError as err:
        return Outcome(name, str(err))
    try:
        changed = normalize_stream(normalizer, name, settings, target, progress)
        if not changed:
            target.discard()
            return Outcome(name)
        backup = None if settings.backup is None else path + settings.backup
        target.commit(backup)
    except (NormalizerError, OutputError) as err:
        target.discard()
        return Outcome(name, str(err))
    except BaseException:
        target.discard()
        raise
    return Outcome(name, changed=True)


def partial_note(outcome: Outcome) -> str:
    """The error line of a failed file, saying when its output is incomplete."""
    assert outcome.error is not None
    if outcome.partial:
        return f"{outcome.error} [the output already written for this file is incomplete]"
    return outcome.error


def normalize_to(
    normalizer: Normalizer,
    name: str,
    settings: Settings,
    out: Writer,
    *,
    undo: Callable[[], bool],
    can_undo: bool,
    progress: Progress = _no_progress,
) -> Outcome:
    """Normalize one file into ``out``; on a file error ``undo()`` drops what was written for
    it (returning False when it cannot). If it cannot, regular files are decoded once before
    anything is written, so that only an unreadable stream can leave a partial result."""
    try:
        if not can_undo and is_regular_file(name):
            check_decodes(name, settings)
        normalize_stream(normalizer, name, settings, out, progress)
    except NormalizerError as err:
        return Outcome(name, str(err), partial=not undo())
    return Outcome(name)


def normalize_to_spool(
    normalizer: Normalizer, name: str, settings: Settings, spool: str, can_undo: bool
) -> Outcome:
    """Normalize one file into the file ``spool``, keeping exactly what
    :func:`normalize_to` would leave in the final output (for worker processes)."""
    with open(spool, "wb") as fh:

        def undo() -> bool:
            if can_undo:
                fh.seek(0)
                fh.truncate()
            return fh.tell() == 0

        try:
            outcome = normalize_to(normalizer, name, settings, fh, undo=undo, can_undo=can_undo)
        except OSError as err:
            raise OutputError(f"{spool}: cannot write ({err.strerror})") from None
    return Outcome(outcome.name, outcome.error, outcome.partial, spool=spool)
