"""Past one machine: the library call that docs/scale.md shows, run on a local Dask cluster of
two worker processes, gives the same mentions as one process."""

from __future__ import annotations

from collections.abc import Iterator

import dask.bag as db
import pytest
from distributed import Client, LocalCluster

from normalizer import Normalizer

DOCS = [
    "PM Al-Kazemi met PMF leaders.",
    "قال الكاظمي إن الحشد الشعبي سيبقى",
    "Nothing to see here.",
    "Kata'ib Hezbollah fired a Katyusha at the Green Zone.",
] * 5


def mentions(normalizer: Normalizer, text: str) -> list[tuple[int, int, str | None]]:
    """The per-document call (the same one a Spark ``mapPartitions`` recipe makes)."""
    return [(m.start, m.end, m.id) for m in normalizer.normalize(text).mentions]


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def test_two_workers_give_the_same_mentions(client: Client) -> None:
    normalizer = Normalizer.default()
    expected = [mentions(normalizer, d) for d in DOCS]
    assert any(expected)  # the documents do name entries
    bag = db.from_sequence(DOCS, npartitions=4)
    got = bag.map(lambda text, n: mentions(n, text), normalizer).compute()
    assert got == expected
    workers = client.run(lambda: True)
    assert len(workers) == 2


def test_the_normalizer_is_shipped_small(client: Client) -> None:
    """Scattered once, it crosses as its lexicon files (tens of KB), not its index."""
    normalizer = Normalizer.default()
    [future] = client.scatter([normalizer], broadcast=True)
    sizes = client.run(lambda: len(__import__("pickle").dumps(Normalizer.default())))
    assert all(size < 200_000 for size in sizes.values())
    bag = db.from_sequence(DOCS[:4], npartitions=2)
    got = bag.map(lambda text, n: mentions(n, text), future).compute()
    assert got == [mentions(normalizer, d) for d in DOCS[:4]]
