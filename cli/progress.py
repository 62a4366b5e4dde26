"""A one-line progress report on stderr for long runs (only when stderr is a terminal).

Standard output carries data only, so progress never goes there; ``--quiet`` turns it off.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

#: Seconds between redraws, and before the first one (short runs print nothing).
INTERVAL = 0.5


def wanted(quiet: bool, stream: TextIO | None = None) -> bool:
    """Progress is shown unless ``--quiet``, and only to a terminal."""
    stream = sys.stderr if stream is None else stream
    return not quiet and stream.isatty()


def _megabytes(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


class Progress:
    """Counts bytes and files done and redraws one status line at most every INTERVAL."""

    def __init__(
        self, files: int, total: int | None, enabled: bool, stream: TextIO | None = None
    ) -> None:
        self.files, self.total, self.enabled = files, total, enabled
        self.stream = sys.stderr if stream is None else stream
        self.done_bytes = 0
        self.done_files = 0
        self._start = time.monotonic()
        self._shown = self._start
        self._drawn = False

    def advance(self, nbytes: int) -> None:
        """Count bytes read."""
        self.done_bytes += nbytes
        self._maybe_draw()

    def file_done(self) -> None:
        """Count one more file finished."""
        self.done_files += 1
        self._maybe_draw()

    def line(self) -> str:
        """The status line: files, bytes (of the total when known) and throughput."""
        elapsed = max(time.monotonic() - self._start, 1e-9)
        size = _megabytes(self.done_bytes)
        if self.total:
            size += f" of {_megabytes(self.total)} ({100 * self.done_bytes / self.total:.0f}%)"
        rate = _megabytes(int(self.done_bytes / elapsed))
        return f"normalize: {self.done_files}/{self.files} files, {size}, {rate}/s"

    def _maybe_draw(self) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._shown >= INTERVAL:
            self._shown = now
            self.stream.write("\r\x1b[K" + self.line())
            self.stream.flush()
            self._drawn = True

    def close(self) -> None:
        """Clear the status line so that error lines and the shell prompt start clean."""
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
