"""``normalize lookup TERM...`` (which entry a term names) and ``normalize explain TERM...``
(how it was decided)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import click

from normalizer.render import explanation_record, match_record

from .common import build, exact_option, lexicon_options


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
@exact_option
@lexicon_options
def lookup(
    terms: tuple[str, ...],
    fmt: str,
    exact_only: bool,
    lexicons: tuple[str, ...],
    no_default_lexicon: bool,
) -> None:
    """Look up each TERM (``-`` reads one term per line from standard input).

    \b
    text:  TERM <tab> id <tab> canonical <tab> score <tab> method (or: ambiguous / no match)
    jsonl: {"query", "id", "canonical", "score", "method", "candidates"} per term, in order
    """
    normalizer = build(lexicons, no_default_lexicon, fuzzy=not exact_only)
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


@click.command()
@click.argument("terms", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@lexicon_options
def explain(
    terms: tuple[str, ...], fmt: str, lexicons: tuple[str, ...], no_default_lexicon: bool
) -> None:
    """Show how each TERM is looked up: folded form, phonetic keys, top candidates with
    scores, and the decision with its reason (for chasing a miss or a wrong match)."""
    normalizer = build(lexicons, no_default_lexicon)
    for n, term in enumerate(_terms(terms)):
        e = normalizer.explain(term)
        if fmt == "json":
            click.echo(json.dumps(explanation_record(e), ensure_ascii=False))
            continue
        if n:
            click.echo()
        click.echo(f"term:       {e.term}")
        click.echo(f"folded:     {e.folded}")
        more = f"  (+{len(e.keys) - 4} more readings)" if len(e.keys) > 4 else ""
        click.echo(f"keys:       {'  '.join(e.keys[:4]) or '-'}{more}")
        shown = [
            f"{c.score:.3f}  {c.method:<8}  {c.id}  {c.name!r}  (vowel agreement {c.agreement:.2f}"
            + (", partial name)" if c.partial else ")")
            for c in e.candidates
        ]
        if e.match is not None and not e.candidates:
            shown = [f"{c.score:.3f}  {c.method:<8}  {c.id}" for c in e.match.candidates]
        click.echo("candidates: " + ("\n            ".join(shown) if shown else "-"))
        m = e.match
        if m is None:
            decision = "no match"
        elif m.id is None:
            decision = "ambiguous: " + ", ".join(c.id for c in m.candidates)
        else:
            decision = f"{m.id} ({m.canonical}), {m.method} {m.score:.2f}"
        click.echo(f"decision:   {decision}")
        click.echo(f"reason:     {e.reason}")
