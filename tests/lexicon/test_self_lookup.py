"""Self-test of the bundled lexicon: every canonical name and alias of every entry looks up
to its own entry, or to an ambiguity that lists it (a name deliberately shared).

Context aliases are left out: they count only next to a cue, never in a bare lookup. An entry
that fails for a reason the lexicon cannot fix goes into KNOWN_FAILURES with the reason; it
runs as a strict xfail, so it is reported until it is fixed and fails once it passes.
"""

from __future__ import annotations

import pytest

from normalizer import Entry, Normalizer
from normalizer.lexicon.load import bundled_paths, load_entries

#: entry id -> why some of its names do not look up to it (none today).
KNOWN_FAILURES: dict[str, str] = {}

ENTRIES = [e for contents in load_entries(bundled_paths()) for e in contents.entries]


def _params() -> list[object]:
    marks = {
        i: pytest.mark.xfail(strict=True, reason=reason) for i, reason in KNOWN_FAILURES.items()
    }
    return [pytest.param(e, id=e.id, marks=marks.get(e.id, ())) for e in ENTRIES]


@pytest.mark.parametrize("entry", _params())
def test_every_name_looks_up_to_its_entry(entry: Entry) -> None:
    normalizer = Normalizer.default()
    wrong = {}
    for name in (*entry.names, *entry.aliases):
        match = normalizer.lookup(name)
        ids = set() if match is None else {match.id} | {c.id for c in match.candidates}
        if entry.id not in ids:
            wrong[name] = None if match is None else (match.id, match.method)
    assert wrong == {}


def test_known_failures_are_bundled_entries() -> None:
    assert set(KNOWN_FAILURES) <= {e.id for e in ENTRIES}
