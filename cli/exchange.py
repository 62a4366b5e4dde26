"""Workers of one ``--jobs`` run share the transliteration scores they compute.

Scoring a name the first time is most of the work on new text, and the same names come up in
file after file: without sharing, every worker scores them again (about 10% more CPU with two
workers on the benchmark's 100 files). Each worker appends what it learned from a file to its
own file in a private directory, as length-prefixed pickle frames, and before each file reads
the frames the other workers appended since. A frame still being written is read next time;
any failure turns sharing off for that worker and never touches the output (scores are a
pure function of the lexicon and the words, so a shared score is the score the worker would
have computed).
"""

from __future__ import annotations

import os
import pickle
import struct
from pathlib import Path

from normalizer import Normalizer

#: A frame: its pickle's length (8 bytes, little-endian), then the pickle.
_HEAD = struct.Struct("<Q")


class Exchange:
    """One worker's end: its own file to append to, and how far it has read the others."""

    def __init__(self, folder: str, normalizer: Normalizer, name: str = "") -> None:
        """``name``: this worker's file (by default its process id)."""
        self.folder = Path(folder)
        self.own = self.folder / f"{name or os.getpid()}.scores"
        self.read: dict[str, int] = {}  # another worker's file → bytes taken
        self.working = True
        normalizer.learned_scores()  # start the record

    def receive(self, normalizer: Normalizer) -> int:
        """Take the scores the other workers appended since the last call; how many."""
        if not self.working:
            return 0
        taken = 0
        try:
            for path in self.folder.glob("*.scores"):
                if path != self.own:
                    taken += self._take(path, normalizer)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError):
            self.working = False
        return taken

    def send(self, normalizer: Normalizer) -> None:
        """Append the scores this worker computed since the last call, as one frame."""
        learned = normalizer.learned_scores()
        if not self.working or not learned:
            return
        data = pickle.dumps(learned, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            fd = os.open(self.own, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, _HEAD.pack(len(data)) + data)
            finally:
                os.close(fd)
        except OSError:
            self.working = False

    def _take(self, path: Path, normalizer: Normalizer) -> int:
        start = self.read.get(path.name, 0)
        with path.open("rb") as f:
            f.seek(start)
            data = f.read()
        at = taken = 0
        while at + _HEAD.size <= len(data):
            (size,) = _HEAD.unpack_from(data, at)
            if at + _HEAD.size + size > len(data):
                break  # still being written
            scores = pickle.loads(data[at + _HEAD.size : at + _HEAD.size + size])
            normalizer.learn_scores(scores)
            taken += len(scores)
            at += _HEAD.size + size
        self.read[path.name] = start + at
        return taken
