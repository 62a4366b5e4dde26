"""Sharing transliteration scores between normalizers (what ``--jobs`` workers do): a span
scored by one is not scored again by another, and the output is the same."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from normalizer.cli.exchange import Exchange

from normalizer import Normalizer

TEXT = "Kazimi met Kadhemi and Mustafa al-Kazimy. Then Tariq Kassem spoke to الكاظمى."


def _fresh(normalizer: Normalizer) -> Normalizer:
    """Another normalizer of the same lexicon with its own caches (as in another process)."""
    copy: Normalizer = pickle.loads(pickle.dumps(normalizer))
    return copy


def _no_scoring(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a span was scored again")

    monkeypatch.setattr("normalizer.scan.score_span_shared", refuse)


def test_learned_scores_spare_another_normalizer_the_scoring(
    mini: Normalizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _fresh(mini)
    assert first.learned_scores() == []  # nothing recorded before the first call
    expected = first.normalize(TEXT)
    learned = first.learned_scores()
    assert {words for (words, _), _ in learned} >= {("kazimi",), ("mustafa", "al", "kazimy")}
    assert first.learned_scores() == []  # each call gives what is new since the last

    second = _fresh(mini)
    second.learn_scores(pickle.loads(pickle.dumps(learned)))
    second.learned_scores()
    _no_scoring(monkeypatch)
    assert second.normalize(TEXT) == expected
    assert second.learned_scores() == []


def test_workers_exchange_scores_through_their_files(
    mini: Normalizer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one, two = _fresh(mini), _fresh(mini)
    end_one, end_two = Exchange(str(tmp_path), one, "one"), Exchange(str(tmp_path), two, "two")
    assert end_two.receive(two) == 0
    expected = one.normalize(TEXT)
    end_one.send(one)
    end_one.send(one)  # nothing new: no frame
    own = (tmp_path / "one.scores").read_bytes()

    # a frame still being written is not taken, and is taken once complete
    (tmp_path / "one.scores").write_bytes(own[: len(own) - 5])
    assert end_two.receive(two) == 0
    (tmp_path / "one.scores").write_bytes(own)
    taken = end_two.receive(two)
    assert taken == len(pickle.loads(own[8:]))
    assert end_two.receive(two) == 0  # read once
    assert end_one.receive(one) == 0  # a worker skips its own file

    _no_scoring(monkeypatch)
    assert two.normalize(TEXT) == expected


def test_a_damaged_file_turns_sharing_off_and_leaves_output_alone(
    mini: Normalizer, tmp_path: Path
) -> None:
    (tmp_path / "other.scores").write_bytes((3).to_bytes(8, "little") + b"bad")
    worker = _fresh(mini)
    end = Exchange(str(tmp_path), worker, "me")
    assert end.receive(worker) == 0
    assert not end.working
    assert worker.normalize(TEXT) == mini.normalize(TEXT)
    end.send(worker)
    assert not (tmp_path / "me.scores").exists()
