"""``normalize lexicon ...``: check and maintain lexicon files."""

from __future__ import annotations

from pathlib import Path

import click

from normalizer import NormalizerError
from normalizer.lexicon.compile import compile_lexicon
from normalizer.lexicon.load import bundled_paths, load_entries

from .common import CONTEXT_SETTINGS, lexicon_options


@click.group(context_settings=CONTEXT_SETTINGS)
def lexicon() -> None:
    """Check and maintain lexicon files."""


@lexicon.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@lexicon_options
def validate(files: tuple[str, ...], lexicons: tuple[str, ...], no_default_lexicon: bool) -> None:
    """Check lexicon FILEs (default: the bundled lexicon) and exit 1 on any error.

    Given files are checked together with the bundled lexicon (duplicate ids across them are
    errors) unless --no-default-lexicon is given.
    """
    given = [*files, *lexicons]
    bundled = [] if no_default_lexicon else bundled_paths()
    given_real = {Path(p).resolve() for p in given}
    paths = [p for p in bundled if p.resolve() not in given_real] + [Path(p) for p in given]
    problems: list[str] = []
    contents = []
    for path in paths:
        try:
            contents.extend(load_entries([path]))
        except NormalizerError as err:
            problems.append(str(err))
    try:
        lex = compile_lexicon(contents)
    except NormalizerError as err:
        problems.extend(getattr(err, "problems", [str(err)]))
    if problems:
        for problem in problems:
            click.echo(f"error: {problem}", err=True)
        raise click.ClickException(f"{len(problems)} problem(s) in {len(paths)} lexicon file(s)")
    for warning in lex.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(
        f"OK: {len(lex.entries)} entries in {len(paths)} file(s), {len(lex.warnings)} warning(s)"
    )
