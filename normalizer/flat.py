"""Flat tables for cache files: many strings kept as one, strings found by hash.

A cache file loads such a table as a few strings and arrays (the arrays are memoryviews over
the file's bytes, see :mod:`normalizer.lexicon.cache`), with no object per item; an item is
made when it is asked for.
"""

from __future__ import annotations

import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, islice
from typing import Any

#: An array of integers, or a memoryview cast over a cache file's bytes (loaded without a copy).
Ints = Sequence[int]


@dataclass(frozen=True, slots=True)
class Strings:
    """Many strings kept as one: string ``k`` is ``text[offsets[k]:offsets[k + 1] - len(sep)]``;
    ``sep``, a character none of them holds (when there is one), ends each, so that
    :meth:`all` is one ``split``."""

    text: str
    offsets: Ints  # 'I'
    sep: str

    @classmethod
    def of(cls, items: Iterable[str]) -> Strings:
        items = list(items)
        joined = "".join(items)
        sep = next((c for c in _SEPARATORS if c not in joined), "")
        lengths = (len(item) + len(sep) for item in items)
        text = sep.join(items) + sep if items else ""
        return cls(text, array("I", accumulate(lengths, initial=0)), sep)

    def __getitem__(self, k: int) -> str:
        return self.text[self.offsets[k] : self.offsets[k + 1] - len(self.sep)]

    def all(self) -> list[str]:
        """Every string."""
        return self.run(0, len(self))

    def run(self, first: int, end: int) -> list[str]:
        """Strings ``first .. end-1`` (one slice and one ``split`` when there is a ``sep``)."""
        if first >= end:
            return []
        if self.sep:
            return self.text[self.offsets[first] : self.offsets[end]].split(self.sep)[:-1]
        offsets = self.offsets[first : end + 1]
        return list(map(self.text.__getitem__, map(slice, offsets, islice(offsets, 1, None))))

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __reduce__(self) -> tuple[Any, ...]:
        return Strings, (self.text, plain(self.offsets), self.sep)


_SEPARATORS = ("\x00", "\x1f", "\n")


@dataclass(frozen=True, slots=True)
class Keys:
    """Distinct strings numbered in order, found by hash: ``lookup`` holds
    ``crc32(key) << 32 | k`` sorted, and a hash hit is checked against the key, so a
    collision costs a comparison. Nothing is built per key when loaded (a dict of 264,000
    keys costs some 0.1 s to build)."""

    strings: Strings
    lookup: Ints  # 'Q'

    @classmethod
    def of(cls, items: Iterable[str]) -> Keys:
        strings = Strings.of(items)
        lookup = sorted(hashed(strings[k], k) for k in range(len(strings)))
        return cls(strings, array("Q", lookup))

    def find(self, key: str) -> int:
        """The number of ``key``, or -1."""
        return find(self.lookup, self.strings, key)

    def __reduce__(self) -> tuple[Any, ...]:
        return Keys, (self.strings, plain(self.lookup))


def plain(value: object) -> object:
    """A memoryview as an array (the standard pickler cannot pickle a memoryview; the cache
    writes both as raw buffers)."""
    return array(value.format, value.tobytes()) if isinstance(value, memoryview) else value


def hash_of(text: str) -> int:
    """The hash of a key in these tables: ``crc32`` of its UTF-8."""
    return zlib.crc32(text.encode())


def find(lookup: Ints, strings: Strings, key: str, buckets: Ints = (), h: int = -1) -> int:
    """The number of ``key`` in ``strings``, found through ``lookup`` (``crc32(string) << 32 |
    number``, sorted; see :func:`hashed`), or -1; with ``buckets`` (:func:`buckets_of`) the
    bisection is within one bucket; ``h``: the key's :func:`hash_of`, when the caller has
    it. The probe is written out: no generator or call per hit (scanning and the fuzzy
    tier ask tens of thousands of times per MB)."""
    if h < 0:
        h = hash_of(key)
    if buckets:
        low = bucket_shift(buckets)
        i = bisect_left(lookup, h << 32, buckets[h >> low], buckets[(h >> low) + 1])
    else:
        i = bisect_left(lookup, h << 32)
    end = (h + 1) << 32
    text, offsets, cut = strings.text, strings.offsets, len(strings.sep)
    while i < len(lookup) and (entry := lookup[i]) < end:
        k = entry & 0xFFFFFFFF
        if text[offsets[k] : offsets[k + 1] - cut] == key:
            return k
        i += 1
    return -1


def bucket_shift(buckets: Ints) -> int:
    """How far to shift a hash right for its bucket in ``buckets`` (:func:`buckets_of`):
    ``h >> bucket_shift(buckets)`` is its top b bits."""
    return 33 - (len(buckets) - 1).bit_length()


def buckets_of(entries: Sequence[int], most_bits: int) -> array[int]:
    """For sorted ``hash << 32 | number`` entries, where each value of the hashes' top b bits
    starts (2^b + 1 offsets; b up to ``most_bits``, some 16 entries a bucket): a probe then
    bisects one bucket, not the whole array (in a large array each step is a cache miss)."""
    bits = max(0, min(most_bits, len(entries).bit_length() - 4))
    starts = [bisect_left(entries, b << (64 - bits)) for b in range(1 << bits)]
    starts.append(len(entries))
    return array("I", starts)


def hashed(key: str, value: int) -> int:
    """The entry of ``key`` with ``value`` in a table :func:`find` searches."""
    return hash_of(key) << 32 | value
