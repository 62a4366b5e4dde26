"""The id ledger: every id the bundled lexicon ever published, so a removed id is noticed.

``lexicons/ids.txt`` holds one id per line, sorted; ``#`` lines are comments. Ids are only
ever added to it (by ``normalize lexicon add`` and ``normalize lexicon lint --update-ids``);
the lint fails when a ledger id is neither an entry nor listed under ``retired``. The ledger
ships in the wheel, so the check works without git history.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from normalizer.errors import LexiconFormatError
from normalizer.lexicon.atomic import write_atomic
from normalizer.lexicon.load import bundled_paths

LEDGER_NAME = "ids.txt"
HEADER = (
    "# Every id ever published in the bundled lexicon, one per line, sorted.\n"
    "# Kept by `normalize lexicon add` and `normalize lexicon lint --update-ids`; never remove\n"
    "# a line: an id that leaves the lexicon goes under `retired:` in its file instead.\n"
)


def bundled_ledger() -> Path:
    """The ledger next to the bundled lexicon files."""
    paths = bundled_paths()
    folder = paths[0].parent if paths else Path(__file__).resolve().parents[2] / "lexicons"
    return folder / LEDGER_NAME


def read_ledger(path: Path) -> list[str]:
    """The ids in a ledger file (an absent file is an empty ledger)."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as err:
        raise LexiconFormatError(f"{path}: cannot read the id ledger ({err})") from None
    return [s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#")]


def write_ledger(path: Path, ids: Iterable[str]) -> bool:
    """Add ``ids`` to the ledger (atomically); return whether the file changed."""
    old = read_ledger(path)
    new = sorted(set(old) | set(ids))
    if new == old and path.exists():
        return False
    write_atomic(path, (HEADER + "".join(f"{i}\n" for i in new)).encode("utf-8"))
    return True
