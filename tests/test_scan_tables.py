"""The scanner's prefix questions (a bisection in the sorted multi-word keys) answer what the
plain definitions say: every 2+ word prefix of every curated key, and the words that follow
a first word."""

from __future__ import annotations

import random

import pytest

from benchmarks.lexgen import write_lexicon
from normalizer import Normalizer, scan
from normalizer.scan import Scanner


@pytest.fixture(scope="module")
def scanner(tmp_path_factory: pytest.TempPathFactory) -> Scanner:
    paths = write_lexicon(1500, tmp_path_factory.mktemp("lexicon"))
    return Normalizer.from_paths(paths, include_default=False)._scanner


def _keys(scanner: Scanner) -> list[str]:
    return [k for table in (scanner.lex.index, scanner.lex.weak) for k in table if " " in k]


def test_prefixes_are_the_keys_prefixes(scanner: Scanner) -> None:
    keys = _keys(scanner)
    prefixes = {" ".join(k.split(" ")[:n]) for k in keys for n in range(2, k.count(" ") + 2)}
    assert prefixes  # the lexicon has names of three words and more
    assert all(scanner._is_prefix(p) for p in prefixes)
    rng = random.Random(1)
    words = sorted({w for k in keys for w in k.split(" ")})
    tried = 0
    for _ in range(3000):
        guess = " ".join(rng.sample(words, rng.randint(2, 3)))
        if guess not in prefixes:
            tried += 1
            assert not scanner._is_prefix(guess), guess
    for key in keys[:300]:  # a word cut short is no prefix
        assert scanner._is_prefix(key[:-1]) == (key[:-1] in prefixes)
    assert tried > 1000


@pytest.mark.parametrize("skip_from", [1, scan.SKIP_KEYS_MIN, 1 << 30])
def test_second_words(scanner: Scanner, monkeypatch: pytest.MonkeyPatch, skip_from: int) -> None:
    """The words that follow a head word in the curated keys, read key by key or found by
    skipping past each second word's keys (from SKIP_KEYS_MIN keys, always, never)."""
    monkeypatch.setattr(scan, "SKIP_KEYS_MIN", skip_from)
    scanner._seconds.clear()
    expected: dict[str, set[str]] = {}
    for key in _keys(scanner):
        head, second = key.split(" ")[:2]
        expected.setdefault(head, set()).add(second)
    for head, seconds in expected.items():
        assert scanner._second_words(head) == seconds
    assert scanner._second_words("zzzz") == frozenset()
    many = [h for h in expected if sum(k.startswith(h + " ") for k in _keys(scanner)) > 16]
    assert len(many) > 5  # heads that begin many names: the skipping path is taken
    scanner._seconds.clear()


def test_the_bundled_lexicon_too() -> None:
    s = Normalizer.default()._scanner
    keys = _keys(s)
    assert all(s._is_prefix(" ".join(k.split(" ")[:2])) for k in keys)
