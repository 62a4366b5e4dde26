"""``make bench``: throughput, load time, peak memory and start-up, as ratios within one run.

Every figure comes from a fresh process (:mod:`benchmarks.measure`), so peak memory is that
task's own; corpora and lexicons are generated once under ``benchmarks/.data`` (git-ignored).
Ratios compare measurements taken in this run on this machine, never stored numbers.

Usage: ``python -m benchmarks.run [--corpus-mb 10] [--entries 1000,10000] [--limit-mb 2]
[--skip-cli] [--skip-jobs]``; ``--limit-mb`` caps the text given to the slower matchers.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.corpus import write_corpus, write_files
from benchmarks.lexgen import bundled_entries

BIN = Path(sys.executable).parent
FAST = ("flashtext", "pyahocorasick", "baseline")


def measure(task: str, entries: int, corpus: Path, limit_mb: float | None) -> dict[str, Any]:
    """Run one task in its own process and return its JSON record."""
    cmd = [sys.executable, "-m", "benchmarks.measure", task]
    cmd += ["--entries", str(entries), "--corpus", str(corpus)]
    if limit_mb is not None:
        cmd += ["--limit-mb", str(limit_mb)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    record: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return record


def wall(cmd: list[str], runs: int = 5) -> float:
    """Median wall time of a command, in seconds (output discarded)."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _row(r: dict[str, Any], ref: dict[str, Any] | None) -> str:
    ratio = f"{r['mb_per_s'] / ref['mb_per_s']:6.2f}x" if ref else "      -"
    return (
        f"  {r['task']:<17} {r['entries']:>7} {r['mb']:6.1f} MB {r['mb_per_s']:8.2f} MB/s "
        f"{ratio}  load {r['load_s']:6.2f} s  peak {r['peak_mb']:6.0f} MB  found {r['found']}"
    )


def throughput(corpus: Path, entries: int, limit_mb: float | None) -> list[dict[str, Any]]:
    """Every task on one corpus and lexicon; the normalizer twice (the second run loads from
    the disk cache, if it has one)."""
    print(f"\n{corpus.name}, lexicon of {entries} entries (ratio: MB/s against FlashText)")
    records = [measure(t, entries, corpus, None) for t in FAST]
    flash = next(r for r in records if r["task"] == "flashtext")
    for task in ("normalizer-exact", "normalizer-exact", "normalizer"):
        records.append(measure(task, entries, corpus, limit_mb))
    for r in records:
        print(_row(r, flash))
    return records


def loading(sizes: list[int]) -> None:
    """Load from the disk cache in a fresh process (:mod:`benchmarks.load`): exact tables,
    then the transliteration index, peak memory and the cache file's size."""
    print("\nLoad from the disk cache (fresh process; phonetic: index ready + 2 fuzzy lookups)")
    for size in sizes:
        r: dict[str, Any] = {}
        for _ in range(2):  # the first run compiles when the cache has no file yet
            out = subprocess.run(
                [sys.executable, "-m", "benchmarks.load", str(size)],
                check=True, capture_output=True, text=True,
            ).stdout  # fmt: skip
            r = json.loads(out.strip().splitlines()[-1])
            if "exact_s" in r:
                break
        print(f"  {size:>7} entries  exact {r['exact_s']:5.2f} s  "
              f"phonetic {r['phonetic_s']:5.2f} s  peak {r['peak_mb']:5.0f} MB  "
              f"file {r['file_mb']:5.0f} MB")  # fmt: skip


def startup() -> None:
    """Wall time of the CLI on a 1 KB file against bare interpreters."""
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.txt"
        small.write_bytes(write_corpus(1, "mixed").read_bytes()[:1000].rsplit(b" ", 1)[0])
        py = [sys.executable]
        bare = wall([*py, "-c", "pass"])
        imp = wall([*py, "-c", "import normalizer"])
        cli = wall([str(BIN / "normalize"), str(small)])
    print("\nCLI start-up (median of 5 wall times)")
    print(f"  python -c pass              {bare * 1000:7.0f} ms  1.00x")
    print(f"  python -c 'import normalizer' {imp * 1000:5.0f} ms  {imp / bare:4.2f}x")
    print(f"  normalize small.txt (1 KB)  {cli * 1000:7.0f} ms  {cli / bare:4.2f}x python, "
          f"{cli / imp:4.2f}x import")  # fmt: skip


def jobs() -> None:
    """``--jobs 2`` against one process on a 100-file corpus, when the CLI has ``--jobs``."""
    help_text = subprocess.run(
        [str(BIN / "normalize"), "text", "--help"], capture_output=True, text=True, check=True
    ).stdout
    print("\n--jobs on 100 files")
    if "--jobs" not in help_text:
        print("  not measured: this CLI has no --jobs option")
        return
    files = sorted(str(p) for p in write_files(100, 4, "mixed").glob("*.txt"))
    base = [str(BIN / "normalize"), "text", "--format", "jsonl", *files]
    ones, twos = [], []
    for _ in range(3):  # in turn, so a busy spell on a shared machine hits both
        ones.append(wall([*base, "--jobs", "1"], runs=1))
        twos.append(wall([*base, "--jobs", "2"], runs=1))
    one, two = statistics.median(ones), statistics.median(twos)
    print(f"  --jobs 1 {one:6.2f} s   --jobs 2 {two:6.2f} s   speed-up {one / two:4.2f}x "
          f"on {os.cpu_count()} cores (medians of 3, run in turn)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus-mb", type=float, default=10)
    parser.add_argument("--lang", default="mixed", choices=["en", "ar", "mixed"])
    parser.add_argument("--entries", default="1000,10000", help="comma-separated sizes")
    parser.add_argument("--limit-mb", type=float, help="only this much text for the normalizer")
    parser.add_argument("--skip-cli", action="store_true")
    parser.add_argument("--skip-jobs", action="store_true")
    args = parser.parse_args()
    corpus = write_corpus(args.corpus_mb, args.lang)
    sizes = [int(s) for s in args.entries.split(",")]
    bundled = len(bundled_entries())
    print(f"bundled lexicon: {bundled} entries; cores: {os.cpu_count()}")
    by_size = {}
    for size in [bundled, *sizes]:
        by_size[size] = throughput(corpus, size, args.limit_mb)
    if len(sizes) >= 2:
        lo, hi = min(sizes), max(sizes)
        print(f"\nScaling {lo} -> {hi} entries (throughput kept, load from cache)")
        for task in (*FAST[:2], "normalizer-exact", "normalizer"):
            a = [r for r in by_size[lo] if r["task"] == task][-1]
            b = [r for r in by_size[hi] if r["task"] == task][-1]
            print(f"  {task:<17} {b['mb_per_s'] / a['mb_per_s']:6.2f}x   load {b['load_s']:.2f} s  "
                  f"peak {b['peak_mb']:.0f} MB")  # fmt: skip
    loading([bundled, *sizes])
    if not args.skip_cli:
        startup()
    if not args.skip_jobs:
        jobs()


if __name__ == "__main__":
    main()
