"""``normalize suggest CORPUS...``: mine candidate names and variants for the lexicon."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from normalizer.lexicon.atomic import write_atomic
from normalizer.suggest import Suggestion, render_review, suggest

from .common import build, lexicon_options


def corpus_files(corpus: tuple[Path, ...]) -> list[Path]:
    """The files named, and the *.txt files under the folders named, in order."""
    out: list[Path] = []
    for path in corpus:
        out += sorted(path.rglob("*.txt")) if path.is_dir() else [path]
    return out


def _texts(paths: list[Path]) -> Iterator[str]:
    for path in paths:
        yield path.read_bytes().decode("utf-8", errors="replace")


def _record(s: Suggestion) -> dict[str, object]:
    return {
        "kind": s.kind,
        "forms": [{"form": f, "count": n} for f, n in s.forms],
        "count": s.count,
        "id": s.id,
        "closest": [{"id": c.id, "canonical": c.canonical, "score": c.score} for c in s.closest],
        "examples": list(s.examples),
    }


def _text(s: Suggestion) -> str:
    forms = ", ".join(f"{f} ({n})" for f, n in s.forms)
    closest = ", ".join(f"{c.id} {c.score:.2f}" for c in s.closest) or "-"
    examples = "".join(f"\n    {e}" for e in s.examples)
    return f"{s.kind}\t{forms}\t{closest}{examples}"


@click.command(name="suggest")
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "jsonl", "yaml"]),
    default="text",
    show_default=True,
    help="yaml: a review file for `normalize lexicon add --from`.",
)
@click.option(
    "--min-count",
    default=2,
    show_default=True,
    type=click.IntRange(1),
    help="Times an unmatched name must occur to be suggested (near misses: always).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write FILE.")
@lexicon_options
def suggest_command(
    corpus: tuple[Path, ...],
    fmt: str,
    min_count: int,
    output: Path | None,
    lexicons: tuple[str, ...],
    no_default_lexicon: bool,
) -> None:
    """Suggest lexicon variants from CORPUS files or folders (*.txt): spans that nearly
    match an entry, and frequent names that match nothing, each with counts, two example
    contexts and the closest entries.

    \b
    normalize suggest news/ --format yaml -o review.yaml
    (edit the decisions in review.yaml, then)
    normalize lexicon add --from review.yaml
    """
    normalizer = build(lexicons, no_default_lexicon)
    paths = corpus_files(corpus)
    if sys.stderr.isatty() and len(paths) > 1:
        with click.progressbar(length=len(paths), label="suggest", file=sys.stderr) as bar:
            found = suggest(
                normalizer, _texts(paths), min_count=min_count, progress=lambda n: bar.update(1)
            )
    else:
        found = suggest(normalizer, _texts(paths), min_count=min_count)
    if fmt == "yaml":
        data = render_review(found)
    elif fmt == "jsonl":
        data = "".join(json.dumps(_record(s), ensure_ascii=False) + "\n" for s in found)
    else:
        data = "".join(_text(s) + "\n" for s in found)
    if output is None:
        click.echo(data, nl=False)
    else:
        write_atomic(output, data.encode("utf-8"))
    click.echo(f"{len(found)} suggestion(s) from {len(paths)} file(s)", err=True)
