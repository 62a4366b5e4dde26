"""The ``normalize`` command: a thin click layer over :mod:`normalizer`.

Library errors (:class:`normalizer.NormalizerError`) become one ``Error:`` line and exit 1;
usage errors exit 2; data goes to stdout, messages to stderr. Other exceptions are bugs and
keep their traceback.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from .common import CONTEXT_SETTINGS
from .lexicon_cmd import lexicon
from .lookup_cmd import explain, lookup
from .strip_cmd import strip
from .text_cmd import text_command


class DefaultGroup(click.Group):
    """A group whose first argument, when it is not a command name, goes to a default command
    (so ``normalize FILE`` means ``normalize text FILE``)."""

    def __init__(self, *args: Any, default_cmd: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default_cmd = default_cmd

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help", "--version"):
            args = [self.default_cmd, *args]
        return super().parse_args(ctx, args)


@click.group(
    cls=DefaultGroup,
    default_cmd="text",
    context_settings=CONTEXT_SETTINGS,
    no_args_is_help=True,
)
@click.version_option(package_name="iraq-term-normalizer", prog_name="normalize")
def cli() -> None:
    """Map names of people, groups, places and weapons in English and Arabic text to one
    canonical entry.

    \b
    normalize FILE...              text with each mention replaced by its canonical name
    normalize --format jsonl FILE  one JSON object per mention
    normalize lookup TERM...       which entry a term names
    normalize explain TERM...      how a term is matched (keys, candidates, reason)
    normalize lexicon validate     check lexicon files
    normalize strip FILE           the original text of --format annotated output

    A file literally named like a command needs the explicit form: normalize text lookup
    """


cli.add_command(text_command)
cli.add_command(lookup)
cli.add_command(explain)
cli.add_command(lexicon)
cli.add_command(strip)


def main() -> None:
    """Console-script entry point."""
    try:
        cli(prog_name="normalize")
    except BrokenPipeError:  # `normalize ... | head`
        sys.stderr.close()
        sys.exit(0)
