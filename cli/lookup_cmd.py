"""``normalize lookup TERM...``: which entry a term names."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import click

from normalizer.render import match_record

from .common import build, lexicon_options


def _terms(terms: tuple[str, ...]) -> Iterator[str]:
    if terms == ("-",):
        for line in sys.stdin.buffer.read().decode("utf-8", errors="replace").splitlines():
            if line.strip():
                yield line.strip()
    else:
        yield from terms


@click.command()
@click.argument("terms", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
)
@lexicon_options
def lookup(
    terms: tuple[str, ...], fmt: str, lexicons: tuple[str, ...], no_default_lexicon: bool
) -> None:
    """Look up each TERM (``-`` reads one term per line from standard input).

    \b
    text:  TERM <tab> id <tab> canonical <tab> score <tab> method (or: ambiguous / no match)
    jsonl: {"query", "id", "canonical", "score", "method", "candidates"} per term, in order
    """
    normalizer = build(lexicons, no_default_lexicon)
    for term in _terms(terms):
        match = normalizer.lookup(term)
        if fmt == "jsonl":
            click.echo(json.dumps(match_record(term, match), ensure_ascii=False))
        elif match is None:
            click.echo(f"{term}\tno match")
        elif match.id is None:
            ids = ", ".join(c.id for c in match.candidates)
            click.echo(f"{term}\tambiguous\t{ids}")
        else:
            click.echo(f"{term}\t{match.id}\t{match.canonical}\t{match.score:.2f}\t{match.method}")
