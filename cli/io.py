"""Where the ``normalize`` command reads and writes: inputs (files, stdin, directory walks)
read in blocks, and outputs that never leave a partial file behind.

Files are replaced only by renaming a finished temporary file from the same directory over
them (an atomic step on POSIX), so a reader sees the old or the new file, never half of one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, BinaryIO, Protocol

import click

from normalizer.decode import check_encoding
from normalizer.errors import InputError, NormalizerError

#: Bytes read at a time (the Document holds back only a few words, so memory stays bounded).
BLOCK_SIZE = 1 << 20


class Writer(Protocol):
    """Anything bytes can be appended to."""

    def write(self, data: bytes, /) -> object: ...


class OutputError(Exception):
    """The output could not be written (disk full, no permission): the run stops."""


def checked_encoding(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    """Click callback: an unknown ``--encoding`` is a usage error (exit 2)."""
    try:
        check_encoding(value)
    except NormalizerError:
        raise click.BadParameter(f"unknown encoding {value!r}") from None
    return value


def open_output(path: str | None) -> StdoutOutput | AtomicFile:
    """Standard output, or ``-o FILE`` (an error line and exit 1 when it cannot be created)."""
    try:
        return StdoutOutput() if path is None else AtomicFile(path)
    except OutputError as err:
        raise click.ClickException(str(err)) from None


def expand_inputs(args: tuple[str, ...], globs: tuple[str, ...]) -> list[str]:
    """The files to process: arguments as given, directories walked recursively (sorted,
    hidden names skipped, symlinked directories not followed) keeping files whose path
    relative to the directory matches one of ``globs``.

    ``-`` (stdin) and paths that do not exist are kept: reading them reports the problem.
    """
    found: list[str] = []
    for arg in args:
        if arg == "-" or not Path(arg).is_dir():
            found.append(arg)
            continue
        root = Path(arg)
        matches: list[PurePosixPath] = []
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                rel = PurePosixPath((Path(folder) / name).relative_to(root).as_posix())
                if not name.startswith(".") and any(rel.match(g) for g in globs):
                    matches.append(rel)
        found += [str(root / rel) for rel in sorted(matches, key=lambda p: p.parts)]
    return found


def is_regular_file(name: str) -> bool:
    """True for a regular file (not stdin, a pipe or a device), which can be read twice."""
    return name != "-" and Path(name).is_file()


def size_of(name: str) -> int | None:
    """The size in bytes of a regular file, None when unknown (stdin, pipes)."""
    try:
        return Path(name).stat().st_size if is_regular_file(name) else None
    except OSError:
        return None


@contextmanager
def open_input(name: str) -> Iterator[BinaryIO]:
    """The bytes of a file, or of standard input for ``-``."""
    if name == "-":
        yield sys.stdin.buffer
        return
    try:
        fh = Path(name).open("rb")  # noqa: SIM115 (closed below)
    except OSError as err:
        raise InputError(f"{name}: cannot read ({err.strerror})") from None
    with fh:
        yield fh


def read_blocks(fh: BinaryIO, name: str, size: int) -> Iterator[bytes]:
    """The bytes of ``fh`` in blocks of at most ``size`` bytes."""
    read = getattr(fh, "read1", fh.read)
    while True:
        try:
            block = read(size)
        except OSError as err:
            raise InputError(f"{name}: cannot read ({err.strerror})") from None
        if not block:
            return
        yield block


def _default_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


class StdoutOutput:
    """Standard output: written as it comes, so a file that fails half-way cannot be undone."""

    can_rollback = False

    def __init__(self) -> None:
        self._stream = sys.stdout.buffer
        self._mark = 0
        self._written = 0

    def write(self, data: bytes) -> None:
        self._stream.write(data)
        self._written += len(data)

    def mark(self) -> None:
        """Remember where the current file's output starts."""
        self._stream.flush()
        self._mark = self._written

    def rollback(self) -> bool:
        """Undo the output since :meth:`mark`: possible only when there is none."""
        return self._written == self._mark

    def commit(self) -> None:
        self._stream.flush()

    def discard(self) -> None:
        self._stream.flush()


class AtomicFile:
    """A file written through a temporary file in its own directory, renamed over it on
    :meth:`commit`; :meth:`discard` (or any error) leaves the target as it was.

    A new file gets the usual permissions (0666 less the umask), an existing one keeps its
    own mode (and owner, where allowed).
    """

    can_rollback = True

    def __init__(self, path: str) -> None:
        self.path = Path(path)
        try:
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        except OSError as err:
            raise OutputError(f"{path}: cannot write ({err.strerror})") from None
        self._tmp = Path(tmp)
        self._fh: IO[bytes] = os.fdopen(fd, "wb")
        self._mark = 0

    def write(self, data: bytes) -> None:
        try:
            self._fh.write(data)
        except OSError as err:
            raise OutputError(f"{self.path}: cannot write ({err.strerror})") from None

    def mark(self) -> None:
        self._mark = self._fh.tell()

    def rollback(self) -> bool:
        self._fh.seek(self._mark)
        self._fh.truncate()
        return True

    def commit(self, backup: str | None = None) -> None:
        """Put the new file in place, first keeping the old one as ``backup`` if given."""
        try:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            try:
                old = self.path.stat()
            except FileNotFoundError:
                os.chmod(self._tmp, _default_mode())
            else:
                os.chmod(self._tmp, old.st_mode & 0o7777)
                # only root (or the owner, for a group of theirs) may; the mode matters most
                with contextlib.suppress(OSError):
                    os.chown(self._tmp, old.st_uid, old.st_gid)
                if backup is not None:
                    _copy_atomically(self.path, Path(backup))
            os.replace(self._tmp, self.path)
        except OSError as err:
            self.discard()
            raise OutputError(f"{self.path}: cannot write ({err.strerror})") from None

    def discard(self) -> None:
        self._fh.close()
        self._tmp.unlink(missing_ok=True)


def _copy_atomically(source: Path, target: Path) -> None:
    """``target`` becomes a copy of ``source`` (a hard link when the file system allows)."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(fd)
    try:
        os.unlink(tmp)
        try:
            os.link(source, tmp)
        except OSError:
            shutil.copy2(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def copy_into(spool: IO[bytes], out: Writer) -> None:
    """Append a spool file's bytes to an output."""
    spool.seek(0)
    while block := spool.read(BLOCK_SIZE):
        out.write(block)
