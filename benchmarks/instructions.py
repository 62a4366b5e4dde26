"""Instructions one ``normalize`` call executes, counted by callgrind: a cost that repeats
exactly whatever else a shared machine is doing (timings here vary by 10-30%, more than
most single changes give).

Usage: ``python -m benchmarks.instructions [--entries 1000,100000] [--mb 0.5] [--base DIR]``.
For each lexicon size the lexicon is compiled and cached first, natively; then a fresh
process under ``valgrind --tool=callgrind --toggle-collect=builtin_eval`` loads it from the
cache, normalizes a short text once (and makes a small index's lookup dicts), and counts
only the one ``eval`` that normalizes the first ``--mb`` MB of the mixed corpus (cold).
``--base DIR`` counts the same with the package in DIR (a ``git worktree`` of an older
commit) too, and prints the change. Needs valgrind; some minutes per lexicon size (a
program runs some 50 times slower under callgrind).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.corpus import write_corpus
from benchmarks.lexgen import write_lexicon

ROOT = Path(__file__).resolve().parent.parent

#: Run in the measured process; argv: lexicon paths (joined by os.pathsep), corpus, MB.
_COUNTED = """
import os, sys
from normalizer import Normalizer
from normalizer.candidates import DICT_LOOKUPS_MAX
paths, corpus, mb = sys.argv[1].split(os.pathsep), sys.argv[2], float(sys.argv[3])
text = open(corpus, "rb").read()[: int(mb * 1e6)].decode("utf-8", "ignore")
n = Normalizer.from_paths(paths, include_default=False)
n.normalize("Tariq Kassem met Hoda Fatima.")
index = n._lex.phonetic
if len(index._frozen().deleted) <= DICT_LOOKUPS_MAX:
    index._dicts = index._made_dicts()  # loaded or built once per process: not counted
print(len(eval("n.normalize(text)").mentions))
"""


def count(code: Path, paths: list[Path], corpus: Path, mb: float) -> tuple[int, int]:
    """(instructions, mentions) of one cold ``normalize`` with the package in ``code``."""
    env = {**os.environ, "PYTHONPATH": str(code)}  # and run in ``code``: ``-c`` puts the
    # working directory first on the path
    args = [os.pathsep.join(map(str, paths)), str(corpus), str(mb)]
    # compiled and cached natively first: compiling under callgrind would take hours
    native = [sys.executable, "-c", _COUNTED, *args]
    subprocess.run(native, env=env, check=True, capture_output=True, cwd=code)
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--toggle-collect=builtin_eval",
         "--callgrind-out-file=/dev/null", sys.executable, "-c", _COUNTED, *args],
        env=env, check=True, capture_output=True, text=True, cwd=code,
    )  # fmt: skip
    collected = re.search(r"Collected : (\d+)", run.stderr)
    if collected is None:
        raise SystemExit(f"callgrind printed no count:\n{run.stderr[-2000:]}")
    return int(collected.group(1)), int(run.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", default="1000,100000", help="lexicon sizes, comma-separated")
    parser.add_argument("--mb", type=float, default=0.5, help="MB of the mixed corpus")
    parser.add_argument("--base", type=Path, help="a checkout of another commit to compare")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("Error: valgrind is not installed (Debian: apt install valgrind)")
    corpus = write_corpus(max(1, int(args.mb + 0.999)), "mixed")
    sizes = [int(x) for x in args.entries.split(",")]
    codes = {"this": ROOT} | ({"base": args.base.resolve()} if args.base else {})
    counted: dict[tuple[str, int], int] = {}
    for entries in sizes:
        paths = write_lexicon(entries)
        for label, code in codes.items():
            instructions, mentions = count(code, paths, corpus, args.mb)
            counted[label, entries] = instructions
            print(f"{label:>4} {entries:>7} entries: {instructions / 1e9:7.3f} G instructions, "
                  f"{mentions} mentions", flush=True)  # fmt: skip
        if "base" in codes:
            change = counted["this", entries] / counted["base", entries] - 1
            print(f"     {entries:>7} entries: {change:+.1%} against the base", flush=True)
    for label in codes if len(sizes) > 1 else ():
        first, last = counted[label, sizes[0]], counted[label, sizes[-1]]
        print(f"{label}: {sizes[0]} entries cost {first / last:.2f}x what {sizes[-1]} do")


if __name__ == "__main__":
    main()
