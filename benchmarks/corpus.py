"""Deterministic news-like benchmark corpora in English, Arabic or both, of any size.

Sentences come from the sample documents in the repository (``seeds/`` for English, the gold
passages in ``tests/gold/passages/`` for Arabic and code-switched text). Every name of the
bundled lexicon found in a sentence becomes a slot; each time the sentence is used, every
slot gets a fresh name in the same script: a bundled name or a synthetic person (from the
first synthetic entries of :mod:`benchmarks.lexgen`, so they are in every lexicon above the
bundled size), written the way news varies it: other spellings, short forms, case, Arabic
proclitics, harakat, tatweel. Some variants are known to the exact index and some only to
transliteration matching, as in real text.

Usage: ``python -m benchmarks.corpus SIZE_MB [--lang en|ar|mixed]`` prints the file written.
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from benchmarks.lexgen import GENERATED, bundled_entries, synthetic_entries
from benchmarks.names import random_person
from normalizer.text.scripts import is_arabic

ROOT = Path(__file__).resolve().parent.parent
#: Synthetic people named in corpora: the first ones of every benchmark lexicon above 1,000.
SYNTHETIC_IN_TEXT = 600
HARAKAT = [chr(c) for c in range(0x064B, 0x0653)]
PROCLITICS = ["و", "ب", "ل", "وب", "ف"]
SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n+")


@dataclass(frozen=True, slots=True)
class Template:
    """A sentence as literal pieces with name slots between them (``arabic`` per slot)."""

    pieces: tuple[str, ...]
    slots: tuple[bool, ...]


@cache
def names_by_script() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Names (canonical and aliases) of the bundled lexicon: (Latin, Arabic)."""
    latin: set[str] = set()
    arabic: set[str] = set()
    for e in bundled_entries():
        for name in (*e["canonical"].values(), *e.get("aliases", [])):
            (arabic if is_arabic(name[0]) else latin).add(name)
    return tuple(sorted(latin)), tuple(sorted(arabic))


@cache
def templates(arabic: bool) -> tuple[Template, ...]:
    """Sentence templates from the sample documents of one language pool."""
    if arabic:
        files = sorted((ROOT / "tests" / "gold" / "passages").glob("*.txt"))
    else:
        files = sorted((ROOT / "seeds").glob("*.txt"))
    latin, ar = names_by_script()
    names = sorted((*latin, *ar), key=len, reverse=True)
    slot_re = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)")
    out: list[Template] = []
    for path in files:
        for sentence in SENTENCE_END.split(path.read_text("utf-8")):
            sentence = sentence.strip()
            if len(sentence) < 20:
                continue
            split = slot_re.split(sentence)
            out.append(Template(tuple(split[0::2]), tuple(is_arabic(s[0]) for s in split[1::2])))
    return tuple(out)


def latin_variant(name: str, rng: random.Random) -> str:
    """A news-style rendering of a Latin name: case, hyphen, fused article, possessive."""
    roll = rng.random()
    if roll < 0.1:
        name = name.upper()
    elif roll < 0.2:
        name = name.replace("al-", "Al ").replace("Al-", "al-")
    elif roll < 0.25:
        name = name.replace("al-", "al").replace("Al-", "Al")  # fused: a transliteration match
    if rng.random() < 0.08:
        name += "'s"
    return name


def arabic_variant(name: str, rng: random.Random) -> str:
    """A rendering of an Arabic name: proclitic, some harakat, a tatweel, alef maksura."""
    if rng.random() < 0.2:
        name = rng.choice(PROCLITICS) + name
    if rng.random() < 0.15:
        out = []
        for ch in name:
            out.append(ch)
            if ch != " " and rng.random() < 0.3:
                out.append(rng.choice(HARAKAT))
        name = "".join(out)
    if rng.random() < 0.05 and len(name) > 3:
        k = rng.randrange(1, len(name) - 1)
        if name[k] != " " and name[k - 1] != " ":
            name = name[:k] + "ـ" + name[k:]
    if rng.random() < 0.1 and name.endswith("ي"):
        name = name[:-1] + "ى"
    return name


@cache
def _known_people() -> tuple[dict[str, Any], ...]:
    return tuple(synthetic_entries(SYNTHETIC_IN_TEXT))


def _name(arabic: bool, rng: random.Random) -> str:
    if rng.random() < 0.5:
        latin, ar = names_by_script()
        return (
            arabic_variant(rng.choice(ar), rng) if arabic else latin_variant(rng.choice(latin), rng)
        )
    person = random_person(rng)
    if rng.random() < 0.6:  # a person of the benchmark lexicons, by a form they list
        known = rng.choice(_known_people())
        if arabic:
            return arabic_variant(known["canonical"]["ar"], rng)
        return latin_variant(rng.choice([known["canonical"]["en"], *known.get("aliases", [])]), rng)
    if rng.random() < 0.5:
        person = person.short()
    return arabic_variant(person.ar, rng) if arabic else latin_variant(person.latin(rng), rng)


def paragraphs(lang: str, rng: random.Random) -> list[str]:
    """An endless supply, one paragraph at a time: 3 to 7 sentences of one language."""
    arabic = lang == "ar" or (lang == "mixed" and rng.random() < 0.5)
    pool = templates(arabic)
    out: list[str] = []
    for _ in range(rng.randint(3, 7)):
        t = rng.choice(pool)
        parts = [t.pieces[0]]
        for slot_arabic, piece in zip(t.slots, t.pieces[1:], strict=True):
            parts += [_name(slot_arabic, rng), piece]
        out.append("".join(parts))
    return out


def generate(size_bytes: int, lang: str = "mixed", seed: int = 0) -> str:
    """About ``size_bytes`` of UTF-8 text (a whole paragraph past the size)."""
    rng = random.Random(f"corpus-{lang}-{seed}")
    chunks: list[str] = []
    total = 0
    while total < size_bytes:
        para = " ".join(paragraphs(lang, rng)) + "\n\n"
        chunks.append(para)
        total += len(para.encode("utf-8"))
    return "".join(chunks)


def write_corpus(size_mb: float, lang: str = "mixed", out: Path = GENERATED, seed: int = 0) -> Path:
    """Write (once) a corpus file and return its path."""
    path = out / f"corpus-{lang}-{size_mb:g}mb-s{seed}.txt"
    if not path.exists():
        out.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(generate(int(size_mb * 1e6), lang, seed), "utf-8")
        tmp.replace(path)
    return path


def write_files(count: int, size_mb: float, lang: str = "mixed", out: Path = GENERATED) -> Path:
    """Split one corpus into ``count`` files at paragraph ends (for multi-file runs)."""
    folder = out / f"files-{lang}-{count}x{size_mb:g}mb"
    if not (folder / ".done").exists():
        folder.mkdir(parents=True, exist_ok=True)
        paras = write_corpus(size_mb, lang, out).read_text("utf-8").split("\n\n")
        step = -(-len(paras) // count)
        for k in range(count):
            text = "\n\n".join(paras[k * step : (k + 1) * step])
            (folder / f"doc-{k:04d}.txt").write_text(text, "utf-8")
        (folder / ".done").touch()
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("size_mb", type=float)
    parser.add_argument("--lang", choices=["en", "ar", "mixed"], default="mixed")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(write_corpus(args.size_mb, args.lang, seed=args.seed))


if __name__ == "__main__":
    main()
