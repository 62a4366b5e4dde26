"""Flat tables: many strings kept as one give back every string; keys found by hash give
each key's number and nothing for any other string, hash collisions included."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer.flat import Keys, Strings


@pytest.mark.parametrize(
    "items",
    [[], [""], ["a", "", "bc"], ["a\x00b", "c"], ["\x00\x1f\n", "x", ""], ["كاظم", "Kazim"]],
)
def test_strings_kept_as_one(items: list[str]) -> None:
    strings = Strings.of(items)
    assert len(strings) == len(items)
    assert [strings[k] for k in range(len(items))] == strings.all() == items
    assert pickle.loads(pickle.dumps(strings)).all() == items
    for first in range(len(items) + 1):
        for end in range(first, len(items) + 2):
            assert strings.run(first, min(end, len(items))) == items[first:end], (first, end)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=6), unique=True), st.lists(st.text(max_size=6)))
def test_keys_find_each_key_and_no_other_string(keys: list[str], others: list[str]) -> None:
    table = Keys.of(keys)
    for found in (table, pickle.loads(pickle.dumps(table))):
        assert [found.find(key) for key in keys] == list(range(len(keys)))
        assert all(found.find(other) == -1 for other in others if other not in keys)
        assert found.strings.all() == keys


def test_a_hash_collision_costs_a_comparison_not_a_wrong_key() -> None:
    # "plumless" and "buckeroo" have the same CRC-32
    table = Keys.of(["buckeroo", "x"])
    assert table.find("plumless") == -1
    assert Keys.of(["plumless", "buckeroo"]).find("buckeroo") == 1
