"""Peak memory and wall time of ``normalize`` on a large synthetic file (issue 5).

Generates a news-like English/Arabic file of the requested size in a temporary folder (never in
the repository), with some very long lines (one of them a run-on "sentence" with no full stop)
and, as a baseline measured in the same run, a small file made the same way. Each is run under
``/usr/bin/time -v`` writing to ``-o``, and the script prints peak RSS and time for both, and
the ratio of the peak RSS (bounded memory means a ratio near 1 whatever the size).

    .venv/bin/python benchmarks/memory.py --size-mb 1024        # the 1 GB run
    .venv/bin/python benchmarks/memory.py --size-mb 50 --keep   # quicker; keep the files
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = [
    "Prime Minister Kazemi met leaders of the PMF in Baghdad on Tuesday.",
    "Katyusha rockets fell near the Green Zone, officials said.",
    "The popular crowd denied any role in the attack on the base.",
    "Kata'ib Hezbollah and Asaib Ahl al-Haq issued a joint statement.",
    "Residents of Mosul and Basra reported power cuts for a third day.",
    "التقى رئيس الوزراء مصطفى الكاظمي قادة الحشد الشعبي في بغداد.",
    "سقطت صواريخ كاتيوشا قرب المنطقة الخضراء بحسب مصادر أمنية.",
    "وقالت عصائب أهل الحق إن الهجوم لا علاقة له بالفصائل.",
    "أعلنت منظمة بدر مشاركتها في الانتخابات المقبلة في البصرة والموصل.",
    "The weather in the south was hot and dry, with dust storms expected.",
]
#: A very long line (no line break inside) comes after the first MiB and then every LONG_EVERY
#: bytes; every second one is a run-on "sentence" that never ends.
LONG_EVERY = 8 << 20
LONG_LINE = 2 << 20


def generate(path: Path, size: int, seed: int = 1) -> None:
    """Write about ``size`` bytes of text lines to ``path``."""
    rng = random.Random(seed)
    written, longs, next_long = 0, 0, 1 << 20
    with path.open("wb") as fh:
        while written < size:
            if written >= next_long:
                longs += 1
                next_long += LONG_EVERY
                line = " ".join(rng.choice(SENTENCES) for _ in range(LONG_LINE // 60))
                if longs % 2 == 0:
                    line = line.replace(".", ",")
                line += "\r\n"
            else:
                line = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 6))) + "\n"
            data = line.encode("utf-8")
            fh.write(data)
            written += len(data)


def measure(source: Path, target: Path) -> tuple[int, str]:
    """Peak RSS in kB and wall time (as /usr/bin/time prints it) of one run."""
    normalize = Path(sys.executable).parent / "normalize"
    cmd = ["/usr/bin/time", "-v", str(normalize), "--quiet", "-o", str(target), str(source)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"normalize failed ({done.returncode}):\n{done.stderr}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", done.stderr)
    if rss is None or wall is None:
        raise SystemExit(f"unexpected /usr/bin/time output:\n{done.stderr}")
    return int(rss.group(1)), wall.group(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=int, default=1024, help="size of the big file")
    parser.add_argument("--baseline-mb", type=int, default=10, help="size of the baseline file")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="normalize-memory-"))
    try:
        rows = []
        for label, mb in (("baseline", args.baseline_mb), ("big", args.size_mb)):
            source = folder / f"{label}.txt"
            generate(source, mb << 20)
            size = source.stat().st_size
            rss, wall = measure(source, folder / f"{label}.out")
            rows.append((label, size, rss, wall))
            print(
                f"{label:8} {size / 2**20:9.1f} MiB in: peak RSS {rss / 1024:7.1f} MiB, wall {wall}"
            )
        print(f"peak RSS ratio big/baseline: {rows[1][2] / rows[0][2]:.2f} "
              f"(input size ratio {rows[1][1] / rows[0][1]:.0f})")  # fmt: skip
    finally:
        if args.keep:
            print(f"files kept in {folder}")
        else:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
