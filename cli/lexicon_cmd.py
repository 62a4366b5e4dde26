"""``normalize lexicon ...``: check and maintain lexicon files."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import click

from normalizer import Normalizer, NormalizerError
from normalizer.lexicon.add import Addition, Plan, apply_plan, infer_type, plan_additions
from normalizer.lexicon.compile import compile_lexicon
from normalizer.lexicon.ledger import bundled_ledger, write_ledger
from normalizer.lexicon.lint import lint_paths
from normalizer.lexicon.load import bundled_paths, load_entries
from normalizer.lexicon.snippet import read_snippet

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
    _fail_on(problems, f"in {len(paths)} lexicon file(s)")
    for warning in lex.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(
        f"OK: {len(lex.entries)} entries in {len(paths)} file(s), {len(lex.warnings)} warning(s)"
    )


@lexicon.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--ids",
    "ledger",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The id ledger to check against (default for the bundled lexicon: its ids.txt).",
)
@click.option("--update-ids", is_flag=True, help="First add every id of the files to the ledger.")
def lint(files: tuple[Path, ...], ledger: Path | None, update_ids: bool) -> None:
    """Check that lexicon FILEs (default: the bundled lexicon) are in canonical form.

    Canonical form: valid, NFC text, entries sorted by id, nothing listed twice in one list,
    each word of a name in one script, each entry written as `lexicon add` writes it. With
    an id ledger, an id that disappeared without being listed under `retired:` is an error.
    Exit status 1 on any problem.
    """
    paths = list(files) or bundled_paths()
    if ledger is None and not files:
        ledger = bundled_ledger()
    if update_ids:
        if ledger is None:
            raise click.UsageError("--update-ids needs --ids FILE for your own lexicon files")
        ids = lint_paths(paths).ids
        if write_ledger(ledger, ids):
            click.echo(f"updated {ledger}", err=True)
    result = lint_paths(paths, ledger)
    _fail_on(result.problems, f"in {len(paths)} lexicon file(s)")
    where = f", {len(result.ids)} ids checked against {ledger}" if ledger else ""
    click.echo(f"OK: {len(paths)} file(s) in canonical form{where}")


def _fail_on(problems: tuple[str, ...] | list[str], where: str) -> None:
    if problems:
        for problem in problems:
            click.echo(f"error: {problem}", err=True)
        raise click.ClickException(f"{len(problems)} problem(s) {where}")


@lexicon.command()
@click.option("--id", "entry_id", help="The entry's id (type.slug); an existing id gets names.")
@click.option("--type", "etype", help="person, organization, place, weapon, concept ...")
@click.option("--en", help="Canonical English name.")
@click.option("--ar", help="Canonical Arabic name.")
@click.option("--alias", "aliases", multiple=True, help="An alias as seen in text (repeatable).")
@click.option("--context-alias", "context_aliases", multiple=True, help="A context alias.")
@click.option("--context", "cues", multiple=True, help="A context cue word or phrase.")
@click.option("--notes", help="Free text: role, dates, doubts.")
@click.option("--wikidata", help="Wikidata Q-id, only when certain.")
@click.option("--ambiguous", is_flag=True, help="Allow names another entry already has.")
@click.option(
    "--from",
    "source",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A YAML snippet of entries, or a review file from `normalize suggest`.",
)
@click.option(
    "--file",
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write new entries into this lexicon file (created if missing).",
)
@click.option("--dry-run", is_flag=True, help="Print the changes as a diff; write nothing.")
@click.option(
    "--interactive/--no-interactive",
    default=None,
    help="Ask for each field (default: when standard input is a terminal and no --id/--from).",
)
@lexicon_options
def add(
    entry_id: str | None,
    etype: str | None,
    en: str | None,
    ar: str | None,
    aliases: tuple[str, ...],
    context_aliases: tuple[str, ...],
    cues: tuple[str, ...],
    notes: str | None,
    wikidata: str | None,
    ambiguous: bool,
    source: Path | None,
    target: Path | None,
    dry_run: bool,
    interactive: bool | None,
    lexicons: tuple[str, ...],
    no_default_lexicon: bool,
) -> None:
    """Add an entry, or names of an existing entry, keeping the file's formatting.

    New entries go into the bundled file for their type (or --file FILE); new names of an
    existing entry go into the file that defines it. Duplicate ids, retired ids and names
    another entry owns (unless --ambiguous) are refused; the result is validated before it
    is written atomically, so a refused add leaves every file unchanged.

    \b
    Examples:
        normalize lexicon add --id person.qais-al-khazali --en "Qais al-Khazali" \\
            --ar "قيس الخزعلي" --alias "Qais Khazali" --alias Khazali
        normalize lexicon add --id person.qais-al-khazali --alias "Qais al-Khaz'ali"
        normalize lexicon add --from review.yaml
    """
    paths = [] if no_default_lexicon else bundled_paths()
    paths += [Path(p) for p in lexicons]
    if target is not None and target.exists():
        paths.append(target)
    paths = list({p.resolve(): p for p in paths}.values())
    if interactive is None:
        interactive = entry_id is None and source is None and sys.stdin.isatty()
    try:
        if source is not None:
            snippet = read_snippet(source.read_bytes(), str(source))
            additions = list(snippet.additions)
            if snippet.pending:
                click.echo(f"note: {snippet.pending} suggestion(s) still pending", err=True)
        elif entry_id is not None:
            additions = [
                Addition(
                    entry_id,
                    etype,
                    en,
                    ar,
                    aliases,
                    notes=notes,
                    wikidata=wikidata,
                    context_aliases=context_aliases,
                    context=cues,
                    ambiguous=ambiguous,
                )
            ]
        elif interactive:
            additions = [_ask(paths, ambiguous)]
        else:
            raise click.UsageError("give --id (with names), --from FILE, or run it in a terminal")
        plan = plan_additions(
            additions,
            paths,
            target=target,
            bundled=[] if no_default_lexicon else bundled_paths(),
            ledger=None if no_default_lexicon else bundled_ledger(),
        )
        for note in plan.notes:
            click.echo(f"note: {note}", err=True)
        if not plan.changes:
            click.echo("nothing to add", err=True)
            return
        if dry_run or interactive:
            _show_diff(plan)
        if dry_run or (interactive and not click.confirm("Write these changes?", default=True)):
            return
        apply_plan(plan)
    except NormalizerError as err:
        _fail_on(getattr(err, "problems", [str(err)]), "found; nothing was written")
    for change in plan.changes:
        click.echo(f"updated {change.path}")


def _show_diff(plan: Plan) -> None:
    for change in plan.changes:
        before = (change.before or b"").decode("utf-8").splitlines(keepends=True)
        after = change.after.decode("utf-8").splitlines(keepends=True)
        name = str(change.path)
        click.echo("".join(difflib.unified_diff(before, after, name, name)), nl=False)


def _ask_list(label: str) -> tuple[str, ...]:
    values: list[str] = []
    while value := click.prompt(f"{label} (empty to finish)", default="", show_default=False):
        values.append(value.strip())
    return tuple(values)


def _ask(paths: list[Path], ambiguous: bool) -> Addition:
    """Ask for an addition field by field."""
    normalizer = Normalizer.from_paths(paths, include_default=False)
    entry_id = click.prompt("Id (type.slug, e.g. person.qais-al-khazali)").strip()
    entry = normalizer.get(entry_id)
    if entry is not None:
        click.echo(f"{entry_id} exists ({' / '.join(entry.names)}): adding names to it")
        return Addition(entry_id, aliases=_ask_list("Alias"), ambiguous=ambiguous)
    guess = infer_type(normalizer.entries.values(), entry_id)
    etype = click.prompt("Type", default=guess).strip()
    en = click.prompt("Canonical English name", default="", show_default=False).strip()
    ar = click.prompt("Canonical Arabic name", default="", show_default=False).strip()
    names = _ask_list("Alias")
    notes = click.prompt("Notes", default="", show_default=False).strip()
    return Addition(
        entry_id, etype, en or None, ar or None, names, notes=notes or None, ambiguous=ambiguous
    )
