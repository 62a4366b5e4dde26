"""Synthetic Arabic person names for benchmark lexicons and corpora (deterministic).

A name is given name + father's name (+ grandfather's name) + family name, as Iraqi names are
written in lists; each part has one Arabic spelling and several Latin ones
(``benchmarks/data/*.tsv``), so a name has many renderings and, drawn many times, names share
parts and whole keys the way real name lists do.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class NamePart:
    """One name part: its Arabic spelling and its Latin spellings (the usual one first)."""

    ar: str
    latin: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PersonName:
    """A synthetic person: name parts in order, family name last."""

    parts: tuple[NamePart, ...]

    @property
    def ar(self) -> str:
        """The Arabic-script name."""
        return " ".join(p.ar for p in self.parts)

    def latin(self, rng: random.Random | None = None) -> str:
        """The usual Latin spelling, or a random mix of spellings when ``rng`` is given."""
        return " ".join(p.latin[0] if rng is None else rng.choice(p.latin) for p in self.parts)

    def short(self) -> PersonName:
        """Given name and family name only (how news usually names a person)."""
        return PersonName((self.parts[0], self.parts[-1]))


@cache
def parts(name: str) -> tuple[NamePart, ...]:
    """The name parts of ``data/<name>.tsv``."""
    out: list[NamePart] = []
    for line in (DATA / name).read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            ar, latin = line.split("\t")
            out.append(NamePart(ar, tuple(latin.split("|"))))
    return tuple(out)


def random_person(rng: random.Random) -> PersonName:
    """A random person name: 3 parts, or 4 with a grandfather's name (one time in three)."""
    given, family = parts("given_names.tsv"), parts("family_names.tsv")
    middle = [rng.choice(given) for _ in range(2 if rng.random() < 1 / 3 else 1)]
    return PersonName((rng.choice(given), *middle, rng.choice(family)))
