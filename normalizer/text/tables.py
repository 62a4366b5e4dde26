"""Load the character tables in ``normalizer/text/tables/`` (data files stating their sources)."""

from __future__ import annotations

from functools import cache
from importlib import resources


def data_lines(name: str) -> list[str]:
    """Non-comment, non-blank lines of a table file in ``tables/``."""
    text = resources.files("normalizer.text").joinpath("tables", name).read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def char_table(name: str) -> dict[str, str]:
    """A one-code-point-per-line TSV table: character, replacement ('-' deletes), note."""
    table: dict[str, str] = {}
    for line in data_lines(name):
        char, replacement = line.split("\t")[:2]
        table[char] = "" if replacement == "-" else replacement
    return table


@cache
def word_list(name: str) -> frozenset[str]:
    """A word-per-line list; lines starting with '#' are comments."""
    return frozenset(line.strip() for line in data_lines(name))
