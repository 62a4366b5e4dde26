"""Self-test of the bundled lexicon: every canonical name and alias of every entry, looked up
on its own, resolves back to that entry, or is a declared ambiguity (a name listed on several
entries comes back with ``id`` None and this entry among the candidates). Context aliases are
excluded: by design they need a cue."""

from __future__ import annotations

import pytest

from normalizer import Normalizer

_N = Normalizer.default()
NAMES = sorted({(e.id, name) for e in _N.entries.values() for name in (*e.names, *e.aliases)})


def _resolves_back(entry_id: str, name: str) -> bool:
    match = _N.lookup(name)
    if match is None:
        return False
    if match.id is None:
        return entry_id in {c.id for c in match.candidates}
    return match.id == entry_id


def test_the_lexicon_has_names_to_check() -> None:
    assert len(NAMES) > 1000


@pytest.mark.parametrize(("entry_id", "name"), NAMES, ids=[f"{i}:{n}" for i, n in NAMES])
def test_every_name_resolves_back_to_its_entry(entry_id: str, name: str) -> None:
    assert _resolves_back(entry_id, name), _N.explain(name).reason


def test_a_name_that_resolves_elsewhere_is_caught() -> None:
    # the check itself can fail: Kazemi is not Hadi al-Amiri's name
    assert not _resolves_back("person.hadi-al-amiri", "Kazemi")
