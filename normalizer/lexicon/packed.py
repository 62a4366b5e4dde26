"""A compiled lexicon's entries and folded-name tables as read-only mappings over flat
tables (:mod:`normalizer.flat`): what a cache file holds. They load as a few strings and
arrays, with no object per entry or per name; an entry, or the owners of a key, is made when
first asked for and kept (a document touches a few hundred entries of 100,000).

At 100,000 entries, building every :class:`~normalizer.model.Entry` (a frozen dataclass) and
every owner dict took some 0.55 s of a 0.8 s load from the cache (docs/scale.md).
"""

from __future__ import annotations

import marshal
from array import array
from collections.abc import Iterator, Mapping
from dataclasses import fields
from typing import Any, TypeVar, overload

from normalizer.flat import Ints, Keys, Strings, plain
from normalizer.model import Entry, Method

_T = TypeVar("_T")
_V = TypeVar("_V")

Owners = dict[str, Method]  # entry id -> how the name relates to it (exact / alias)

#: Entry's fields after ``id``, in order (a row holds their values).
_ROW_FIELDS = tuple(f.name for f in fields(Entry))[1:]
#: Method by number (an owner code's low two bits).
_METHODS = tuple(Method)
assert len(_METHODS) <= 4
#: A name table of at most this many keys finds them in a dict made on first use: a hash
#: probe costs some 20 times a dict lookup, and scanning a megabyte asks the tables tens of
#: thousands of times, mostly for keys they do not hold (the index of 264,000 keys at
#: 100,000 entries probes: its dict would cost some 0.15 s to make).
DICT_KEYS_MAX = 1 << 16


class _MadeOnUse(Mapping[str, _V]):
    """A read-only mapping over numbered keys whose values are made on first use, and kept."""

    __slots__ = ("_keys", "_made")

    def __init__(self, keys: Keys) -> None:
        self._keys = keys
        self._made: dict[str, _V] = {}

    def _number(self, key: str) -> int:
        """The number of ``key``, or -1."""
        return self._keys.find(key)

    def _value(self, k: int) -> _V:
        """The value of key number ``k``."""
        raise NotImplementedError

    def _make(self, key: str) -> _V | None:
        k = self._number(key)
        if k < 0:
            return None
        value = self._made[key] = self._value(k)
        return value

    def __getitem__(self, key: str) -> _V:
        value = self._made.get(key)
        if value is None:
            value = self._make(key)
            if value is None:
                raise KeyError(key)
        return value

    @overload
    def get(self, key: str, /) -> _V | None: ...
    @overload
    def get(self, key: str, default: _V | _T, /) -> _V | _T: ...
    def get(self, key: str, default: object = None, /) -> object:
        value = self._made.get(key)
        if value is None:
            value = self._make(key)
        return default if value is None else value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (key in self._made or self._number(key) >= 0)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys.strings.all())

    def __len__(self) -> int:
        return len(self._keys.strings)


class EntryTable(_MadeOnUse[Entry]):
    """Entries by id, in the order they were added. The values of entry ``k``'s fields after
    its id are one tuple written with :mod:`marshal` at ``rows[starts[k]:starts[k + 1]]``
    (marshal's format may change between Python versions: cache keys include the version)."""

    __slots__ = ("_rows", "_starts")

    def __init__(self, ids: Keys, rows: array[int] | memoryview, starts: Ints) -> None:
        super().__init__(ids)
        self._rows = rows  # 'B': an array, or a memoryview over a cache file
        self._starts = starts  # 'Q'

    @classmethod
    def of(cls, entries: Mapping[str, Entry]) -> EntryTable:
        """``entries`` as a table (itself when it is one)."""
        if isinstance(entries, EntryTable):
            return entries
        rows = bytearray()
        starts = array("Q", [0])
        for entry in entries.values():
            rows += marshal.dumps(tuple(getattr(entry, name) for name in _ROW_FIELDS))
            starts.append(len(rows))
        return cls(Keys.of(entries), array("B", rows), starts)

    @property
    def ids(self) -> Strings:
        """Entry ``k``'s id is ``ids[k]``."""
        return self._keys.strings

    def _value(self, k: int) -> Entry:
        values = marshal.loads(self._rows[self._starts[k] : self._starts[k + 1]])
        return Entry(self.ids[k], *values)

    def __reduce__(self) -> tuple[Any, ...]:
        return EntryTable, (self._keys, plain(self._rows), plain(self._starts))


class OwnerTable(_MadeOnUse[Owners]):
    """Folded key → its owners (entry id → method), keys and owners in the order they were
    added. Key ``k``'s owners are ``codes[starts[k]:starts[k + 1]]``, each
    ``entry number << 2 | method number`` (entry ``n``'s id is ``ids[n]``). A key's owners
    are one dict, made on first use: do not change it."""

    __slots__ = ("_codes", "_ids", "_numbers", "_starts")

    def __init__(self, keys: Keys, starts: Ints, codes: Ints, ids: Strings) -> None:
        super().__init__(keys)
        self._starts = starts  # 'I'
        self._codes = codes  # 'I'
        self._ids = ids
        self._numbers: dict[str, int] | None = None  # key → number (see DICT_KEYS_MAX)

    @classmethod
    def of(cls, table: Mapping[str, Owners], entries: EntryTable) -> OwnerTable:
        """``table`` as a table numbering its owners as ``entries`` does (itself when it is
        one that does)."""
        if isinstance(table, OwnerTable) and table._ids is entries.ids:
            return table
        numbers = {entry_id: n for n, entry_id in enumerate(entries.ids.all())}
        methods = {method: n for n, method in enumerate(_METHODS)}
        starts, codes = array("I", [0]), array("I")
        for owners in table.values():
            codes.extend(numbers[i] << 2 | methods[m] for i, m in owners.items())
            starts.append(len(codes))
        return cls(Keys.of(table), starts, codes, entries.ids)

    def _number(self, key: str) -> int:
        numbers = self._numbers
        if numbers is None:
            if len(self._keys.strings) > DICT_KEYS_MAX:
                return self._keys.find(key)
            numbers = self._numbers = {k: n for n, k in enumerate(self._keys.strings.all())}
        return numbers.get(key, -1)

    def _value(self, k: int) -> Owners:
        ids, codes = self._ids, self._codes[self._starts[k] : self._starts[k + 1]]
        return {ids[c >> 2]: _METHODS[c & 3] for c in codes}

    def __reduce__(self) -> tuple[Any, ...]:
        return OwnerTable, (self._keys, plain(self._starts), plain(self._codes), self._ids)
