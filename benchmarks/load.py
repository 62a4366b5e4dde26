"""Lexicon load from the disk cache, in one fresh process: the exact tables, then the
transliteration index on first use, with peak memory and the cache file's size.

Usage: ``python -m benchmarks.load ENTRIES`` (compiles and caches first if the cache has no
file for this lexicon, and says so). Prints one JSON line: ``compile_s`` (when it compiled),
``exact_s`` (cache file read and unpickled), ``phonetic_s`` (the transliteration index ready
plus one fuzzy lookup), ``peak_mb`` (peak RSS of this process) and ``file_mb``.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from typing import Any

from benchmarks.lexgen import write_lexicon


def measure(entries: int) -> dict[str, Any]:
    """Load times, peak memory and file size for a lexicon of ``entries`` entries."""
    from normalizer.candidates import score_span
    from normalizer.lexicon import cache

    paths = write_lexicon(entries)
    source = cache.read_source(paths)
    folder = cache.cache_dir()
    if folder is None:
        raise SystemExit("the cache is turned off (NORMALIZER_NO_CACHE)")
    path = folder / f"{source.key()}.lexicon"
    record: dict[str, Any] = {"entries": entries}
    if not path.exists():
        t = time.perf_counter()
        cache.load_lexicon(source)
        record["compile_s"] = time.perf_counter() - t
        record["compile_peak_mb"] = _peak_mb()
        return record  # measure the load in a fresh process
    t0 = time.perf_counter()
    lex = cache.load_lexicon(source)
    t1 = time.perf_counter()
    index = lex.phonetic
    score_span(index, ("kathimi",), False)
    score_span(index, ("mohamad", "hasan"), False)
    t2 = time.perf_counter()
    record.update(
        exact_s=t1 - t0,
        phonetic_s=t2 - t1,
        peak_mb=_peak_mb(),
        file_mb=path.stat().st_size / 1e6,
    )
    return record


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("entries", type=int)
    args = parser.parse_args()
    json.dump(measure(args.entries), sys.stdout)
    print()


if __name__ == "__main__":
    main()
