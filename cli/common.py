"""Options and helpers shared by the ``normalize`` commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from normalizer import Normalizer, NormalizerError

F = TypeVar("F", bound=Callable[..., Any])
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


def lexicon_options(fn: F) -> F:
    """``--lexicon FILE`` (repeatable) and ``--no-default-lexicon``, shared by every command."""
    fn = click.option(
        "--no-default-lexicon",
        is_flag=True,
        help="Do not load the bundled lexicon (use only --lexicon files).",
    )(fn)
    return click.option(
        "--lexicon",
        "lexicons",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        help="A lexicon YAML file to load on top of the bundled one (repeatable).",
    )(fn)


def exact_option(fn: F) -> F:
    """``--exact-only``: curated names only, no transliteration matching."""
    return click.option(
        "--exact-only",
        is_flag=True,
        help="Match curated names and aliases only: no transliteration (phonetic, fuzzy) "
        "matching of unlisted spellings. Faster; finds less.",
    )(fn)


def build(lexicons: tuple[str, ...], no_default: bool, *, fuzzy: bool = True) -> Normalizer:
    """The normalizer for a command's lexicon options; errors become ``Error:`` lines."""
    if no_default and not lexicons:
        raise click.UsageError("--no-default-lexicon needs at least one --lexicon FILE")
    try:
        normalizer = (
            Normalizer.default(fuzzy=fuzzy)
            if not lexicons
            else Normalizer.from_paths(lexicons, include_default=not no_default, fuzzy=fuzzy)
        )
    except NormalizerError as err:
        raise click.ClickException(str(err)) from None
    if lexicons:
        for warning in normalizer.warnings:
            click.echo(f"warning: {warning}", err=True)
    return normalizer
