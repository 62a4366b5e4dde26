"""Run the files of one command, one after another or in worker processes (``--jobs N``).

Workers write each file's output to a spool file; the main process copies the spools to the
real output in the order the files were given, so the output, the error lines and the exit
code are the same for every N. At most 2·N files are in flight, which bounds memory and disk.
"""

from __future__ import annotations

import os
import tempfile
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from normalizer import Normalizer

from .exchange import Exchange
from .io import AtomicFile, StdoutOutput
from .pipeline import (
    Outcome,
    Settings,
    normalize_in_place,
    normalize_to,
    normalize_to_spool,
)
from .progress import Progress


@dataclass(frozen=True, slots=True)
class Plan:
    """How every file of a run is handled."""

    settings: Settings
    in_place: bool
    can_undo: bool  # the final output can take back a failed file's bytes
    spool_dir: str

    def spool(self) -> str:
        """A new, empty spool file."""
        fd, path = tempfile.mkstemp(dir=self.spool_dir, suffix=".spool")
        os.close(fd)
        return path


def run_serial(
    normalizer: Normalizer,
    plan: Plan,
    names: list[str],
    output: StdoutOutput | AtomicFile | None,
    progress: Progress,
) -> Iterator[Outcome]:
    """Process the files in this process; non-json output goes straight to ``output``."""
    for name in names:
        if plan.in_place:
            yield normalize_in_place(normalizer, name, plan.settings, progress.advance)
        elif plan.settings.fmt == "json":
            yield normalize_to_spool(normalizer, name, plan.settings, plan.spool(), True)
        else:
            assert output is not None
            output.mark()
            yield normalize_to(
                normalizer,
                name,
                plan.settings,
                output,
                undo=output.rollback,
                can_undo=output.can_rollback,
                progress=progress.advance,
            )


_WORKER: list[tuple[Normalizer, Plan, Exchange]] = []


def _start_worker(normalizer: Normalizer, plan: Plan, scores: str) -> None:
    _WORKER[:] = [(normalizer, plan, Exchange(scores, normalizer))]


def _work(name: str) -> Outcome:
    normalizer, plan, exchange = _WORKER[0]
    exchange.receive(normalizer)
    try:
        if plan.in_place:
            return normalize_in_place(normalizer, name, plan.settings)
        can_undo = plan.can_undo or plan.settings.fmt == "json"
        return normalize_to_spool(normalizer, name, plan.settings, plan.spool(), can_undo)
    finally:
        exchange.send(normalizer)


def run_parallel(
    normalizer: Normalizer, plan: Plan, names: list[str], jobs: int
) -> Iterator[Outcome]:
    """Process the files in ``jobs`` worker processes, yielding outcomes in input order.
    Workers share the names they score (:mod:`.exchange`)."""
    scores = tempfile.mkdtemp(prefix="scores-", dir=plan.spool_dir)
    with ProcessPoolExecutor(
        jobs, initializer=_start_worker, initargs=(normalizer, plan, scores)
    ) as pool:
        window: deque[Future[Outcome]] = deque()
        try:
            for name in names:
                window.append(pool.submit(_work, name))
                if len(window) >= 2 * jobs:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()
        finally:
            for future in window:
                future.cancel()
