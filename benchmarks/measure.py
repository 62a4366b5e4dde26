"""One measurement per process, printed as one JSON line (so peak memory is that task's own).

Tasks (``python -m benchmarks.measure TASK --entries N --corpus FILE [--limit-mb X]``):

- ``normalizer`` / ``normalizer-exact``: ``Normalizer.normalize`` with fuzzy matching on / off;
- ``flashtext``: FlashText's ``extract_keywords`` (case-insensitive) over every lexicon name;
- ``pyahocorasick``: an automaton over every lowercased name, run over the lowercased text,
  longest match with word boundaries checked;
- ``baseline``: reading, decoding and case-folding only.

The normalizer is timed on its first run over the text (cold: every distinct word is folded
and every distinct name scored for the first time); the other tasks report the best of three
runs when a run takes under 5 s. Lexicon load time is the time to a ready matcher; for the
normalizer it is measured from the disk cache when one exists (run twice to see both).
Throughput is UTF-8 megabytes (10^6 bytes) of input per second of matching, over the whole
corpus or its first ``--limit-mb``.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.lexgen import write_lexicon

Matcher = Callable[[str], int]


def _names(paths: list[Path]) -> list[tuple[str, str]]:
    """(name, entry id) for every canonical name and alias of a lexicon."""
    import yaml

    out: list[tuple[str, str]] = []
    for path in paths:
        for e in yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)["entries"]:
            for name in (*e["canonical"].values(), *e.get("aliases", [])):
                out.append((name, e["id"]))
    return out


def normalizer_matcher(paths: list[Path], fuzzy: bool) -> Matcher:
    from normalizer import Normalizer

    n = Normalizer.from_paths(paths, include_default=False, fuzzy=fuzzy)
    return lambda text: len(n.normalize(text).mentions)


def flashtext_matcher(paths: list[Path], fuzzy: bool) -> Matcher:
    from flashtext import KeywordProcessor

    kp = KeywordProcessor()
    for name, entry_id in _names(paths):
        kp.add_keyword(name, entry_id)
    return lambda text: len(kp.extract_keywords(text, span_info=True))


def pyahocorasick_matcher(paths: list[Path], fuzzy: bool) -> Matcher:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for name, entry_id in _names(paths):
        key = name.lower()
        automaton.add_word(key, (len(key), entry_id))
    automaton.make_automaton()

    def run(text: str) -> int:
        low = text.lower()
        n = len(low)
        found = 0
        for end, (length, _) in automaton.iter_long(low):
            start = end - length + 1
            if (start == 0 or not low[start - 1].isalnum()) and (
                end + 1 == n or not low[end + 1].isalnum()
            ):
                found += 1
        return found

    return run


def baseline_matcher(paths: list[Path], fuzzy: bool) -> Matcher:
    return lambda text: len(text.encode("utf-8").decode("utf-8").casefold())


TASKS: dict[str, tuple[Callable[[list[Path], bool], Matcher], bool]] = {
    "normalizer": (normalizer_matcher, True),
    "normalizer-exact": (normalizer_matcher, False),
    "flashtext": (flashtext_matcher, False),
    "pyahocorasick": (pyahocorasick_matcher, False),
    "baseline": (baseline_matcher, False),
}


def measure(task: str, entries: int, corpus: Path, limit_mb: float | None) -> dict[str, Any]:
    """Load time, throughput and peak memory of one task."""
    data = corpus.read_bytes()
    if limit_mb is not None:
        data = data[: int(limit_mb * 1e6)]
    text = data.decode("utf-8", errors="ignore")
    paths = write_lexicon(entries)
    factory, fuzzy = TASKS[task]
    t0 = time.perf_counter()
    matcher = factory(paths, fuzzy)
    t1 = time.perf_counter()
    found = matcher(text)
    t2 = time.perf_counter()
    match_s = t2 - t1
    # quick tasks: best of three, so a stray pause on a busy machine counts less; never for
    # the normalizer, whose first run is the measure (a second run of the same text is warm:
    # its names are scored and its words folded once per process)
    if match_s < 5 and not task.startswith("normalizer"):
        for _ in range(2):
            t = time.perf_counter()
            matcher(text)
            match_s = min(match_s, time.perf_counter() - t)
    return {
        "task": task,
        "entries": entries,
        "corpus": corpus.name,
        "mb": len(data) / 1e6,
        "load_s": t1 - t0,
        "match_s": match_s,
        "mb_per_s": len(data) / 1e6 / match_s,
        "found": found,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("task", choices=sorted(TASKS))
    parser.add_argument("--entries", type=int, required=True)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--limit-mb", type=float)
    args = parser.parse_args()
    json.dump(measure(args.task, args.entries, args.corpus, args.limit_mb), sys.stdout)
    print()


if __name__ == "__main__":
    main()
