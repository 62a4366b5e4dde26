"""Transliteration candidates for a span the exact index does not know.

Blocking keeps the cost per span independent of lexicon size: a phonetic candidate shares a
skeleton with the span (one dict lookup per reading); a fuzzy candidate's skeleton is one
edit away, found through a deletion-neighbourhood index (SymSpell style). Only candidates
found this way are scored. An entry is scored against its names in the span's script when
any of them is a candidate; names in the other script count only when none is.
"""

from __future__ import annotations

import pickle
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, fields
from itertools import compress, repeat
from operator import and_, lshift, not_, or_, rshift
from typing import Any, NamedTuple, TypeVar, overload

from rapidfuzz import fuzz

from normalizer.collector import collector_paused
from normalizer.errors import LexiconError
from normalizer.flat import (
    Ints,
    Strings,
    bucket_shift,
    buckets_of,
    find,
    hash_of,
    hashed,
    plain,
)
from normalizer.model import Method
from normalizer.phonetic import ARTICLES, PhoneticForm, forms_of_words, slot_agreement
from normalizer.text.fold import Token, light_form
from normalizer.text.scripts import is_arabic
from normalizer.text.tables import word_list
from normalizer.thresholds import (
    FUZZY_MIN_RATIO,
    FUZZY_MIN_SKELETON,
    FUZZY_WEIGHT,
    GIVEN_NAME_MIN_SKELETON,
    MIN_PHONETIC_LETTERS,
    MIN_PHONETIC_LETTERS_ARABIC,
    PARTIAL_FACTOR,
    PHONETIC_BASE,
    PHONETIC_SPAN,
    SHARED_PART_MAX,
    phonetic_min_agreement,
)

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Scored:
    """One entry's best score for a span, and how it was reached."""

    entry_id: str
    score: float
    method: Method
    name: str
    agreement: float
    partial: bool = False


#: One indexed reading: entry id, name, the reading, whether the name is a derived part.
Row = tuple[str, str, PhoneticForm, bool]
#: A skeleton near another (see :meth:`PhoneticIndex.neighbours`): it, its group, its fit.
Neighbour = tuple[str, int, int]
#: An index with at most this many deletion entries answers lookups from dicts.
DICT_LOOKUPS_MAX = 1 << 20
#: A partial reading's persons are counted up to this (stored in a byte; what matters is
#: whether they are more than SHARED_PART_MAX).
PERSONS_COUNTED_MAX = 255
assert SHARED_PART_MAX < PERSONS_COUNTED_MAX
#: At most 2^this buckets split a large index's deletion and skeleton arrays (see _Table).
BUCKET_BITS = 20
#: Lookups such an index answers from its arrays before it makes (or unpickles) the dicts:
#: a short text asks a few hundred, and making the bundled lexicon's dicts takes longer
#: (about 0.15 s, most of the CLI's lexicon load) than a thousand probes in the arrays.
DICT_AFTER_LOOKUPS = 2048


class _Dicts(NamedTuple):
    groups: dict[str, int]  # skeleton → group
    # deletion → the skeletons it comes from; tuples, which the garbage collector stops
    # tracking once it has seen them (the bundled lexicon has 200,000, kept for good)
    deleted: dict[str, tuple[str, ...]]


#: An entry of ``_Table.deleted`` is ``crc32(key) << 32 | group << _POSITION_BITS | at``: at
#: is where the letter was deleted (_FAR: there or further on), or _OWN for the skeleton's
#: own entry (under its own hash).
_POSITION_BITS = 6
_POSITIONS = (1 << _POSITION_BITS) - 1
_OWN = _POSITIONS
_FAR = _OWN - 1
#: Decoded rows kept per index (a common surname's skeleton has thousands, asked for again by
#: many spans); beyond this the kept rows are dropped and decoded again when asked for.
MAX_DECODED_ROWS = 1 << 18
#: Skeletons whose spelled readings are kept per index (see :meth:`PhoneticIndex.spellings`).
MAX_SPELLINGS = 1 << 16
#: Views kept per index for scoring (see :meth:`PhoneticIndex.view`), in rows' worth: a
#: document's names touch some 25,000 skeletons per 300 KB at 100,000 entries, a few dozen
#: of them common parts whose persons are kept as sets.
MAX_VIEW_SIZE = 1 << 20
#: Skeletons whose group a large index keeps (spans ask for the same skeletons), deletions
#: whose probes it keeps and skeletons whose neighbours it keeps (see
#: :meth:`PhoneticIndex.neighbours`).
MAX_KEPT_GROUPS = 1 << 16


@dataclass(slots=True, eq=False)
class PhoneticIndex:
    """skeleton → (entry id, name, reading, partial) rows (``by_skeleton`` / :meth:`rows`);
    skeletons one edit away (:meth:`near`; those the fuzzy tier rates: :meth:`neighbours`);
    ``words``: the skeleton of
    every single word of every name, and of every name written as one word (a cheap first
    filter).

    _Names are added to a builder (:meth:`add`) and frozen into a :class:`_Table` of flat
    arrays on first lookup or when pickled, so a cached index loads as a few large arrays
    and strings (no object per reading) and a lookup decodes only the rows it returns (and
    keeps them, up to MAX_DECODED_ROWS).
    """

    _table: _Table
    _builder: _Builder | None = None
    _decoded: dict[int, list[Row]] = field(default_factory=dict)  # group → rows
    _decoded_rows: int = 0
    _names: _Names | None = None
    _dicts: _Dicts | None = None  # the small index's lookups as dicts (see _lookups)
    _views: dict[int, _View] = field(default_factory=dict)  # group → its rows for scoring
    _view_size: int = 0
    _spellings: dict[str, tuple[tuple[int, str, bool], ...]] = field(default_factory=dict)
    _groups: dict[str, int] = field(default_factory=dict)  # a large index's probes (or -1)
    # a large index's probes of deletions: key → (its group or -1, the skeletons with the
    # same first letter it is a deletion of, with their groups); what a probe finds does
    # not depend on the query, and some 3 in 10 deletions probed repeat
    _probes: dict[str, tuple[int, tuple[tuple[str, int], ...]]] = field(default_factory=dict)
    _neighbours: dict[str, tuple[Neighbour, ...]] = field(default_factory=dict)
    _packed: bytes | None = None  # the dicts as pickled with the index, until unpickled
    _asked: int = 0  # lookups before the dicts (see DICT_AFTER_LOOKUPS)
    _large: bool = False  # too many deletion entries for dicts: always probe the arrays

    @classmethod
    def empty(cls) -> PhoneticIndex:
        return cls(_EMPTY)

    def add(
        self, entry_id: str, name: str, words: tuple[str, ...], arabic: bool, partial: bool
    ) -> None:
        """Index every reading of one name (its folded words, all of one script); ``partial``
        marks a part derived from a person's full name (a surname)."""
        if self._builder is None:
            self._builder = _Builder.of(self._table)
        self._builder.add(entry_id, name, words, arabic, partial)

    @property
    def by_skeleton(self) -> _Groups:
        """The rows of each skeleton, in the order they were added (a read-only mapping)."""
        return _Groups(self)

    @property
    def words(self) -> AbstractSet[str]:
        """Every word skeleton and name skeleton (a read-only set)."""
        table = self._frozen()
        dicts = self._lookups()
        return _Words(table, None if dicts is None else dicts.groups)

    def rows(self, skeleton: str) -> list[Row]:
        """The rows of ``skeleton``, in the order they were added (empty when unknown). The
        list is the index's own: do not change it."""
        group = self._group(skeleton)
        if group < 0:
            return []
        rows = self._decoded.get(group)
        if rows is None:
            rows = self._decode(group, skeleton)
            if self._decoded_rows + len(rows) > MAX_DECODED_ROWS:
                self._decoded.clear()
                self._decoded_rows = 0
            self._decoded[group] = rows
            self._decoded_rows += len(rows)
        return rows

    def view(self, skeleton: str, group: int | None = None) -> _View | None:
        """The rows of ``skeleton`` (of ``group``, when the caller knows it) as scoring needs
        them (see :class:`_View`), or None when unknown. Kept up to MAX_VIEW_SIZE rows'
        worth."""
        if group is None:
            group = self._group(skeleton)
        if group < 0:
            return None
        view = self._views.get(group)
        if view is None:
            if self._names is None:
                self._names = self._frozen().name_lists()
            view = self._table.view(group, skeleton, self._names)
            if self._view_size + view.size > MAX_VIEW_SIZE:
                self._views.clear()
                self._view_size = 0
            self._views[group] = view
            self._view_size += view.size
        return view

    def spellings(
        self, skeleton: str, group: int | None = None
    ) -> tuple[tuple[int, str, bool], ...]:
        """The distinct (words, spelled form, arabic) of ``skeleton``'s readings (empty when
        unknown; ``group``: its group, when the caller knows it): the fuzzy tier rates a
        neighbouring skeleton on these first, and makes its view only when one matches (at
        100,000 entries a span has dozens of neighbours, and few match). Kept for up to
        MAX_SPELLINGS skeletons."""
        got = self._spellings.get(skeleton)
        if got is None:
            if group is None:
                group = self._group(skeleton)
            got = () if group < 0 else self._table.spellings(group)
            if len(self._spellings) >= MAX_SPELLINGS:
                self._spellings.clear()
            self._spellings[skeleton] = got
        return got

    def spelled_fit(self, skeleton: str) -> int:
        """``skeleton``'s spelled forms summed up in one int (see :func:`_fit_of`; 0 when
        unknown): enough to rule out most neighbours without their spelled forms."""
        group = self._group(skeleton)
        return 0 if group < 0 else self._table.spelled_fit[group]

    def _group(self, skeleton: str) -> int:
        table = self._frozen()
        dicts = self._lookups()
        if dicts is not None:
            return dicts.groups.get(skeleton, -1)
        group = self._groups.get(skeleton)
        if group is None:
            group = table.group(skeleton)
            if len(self._groups) >= MAX_KEPT_GROUPS:
                self._groups.clear()
            self._groups[skeleton] = group
        return group

    def _decode(self, group: int, skeleton: str) -> list[Row]:
        if self._names is None:
            self._names = self._frozen().name_lists()
        return self._table.rows(group, skeleton, self._names)

    def near(self, skeleton: str) -> set[str]:
        """Indexed skeletons one insertion, deletion or substitution away."""
        table = self._frozen()
        dicts = self._lookups()
        if dicts is not None:
            return _near_in_dicts(dicts, skeleton)
        return set(_near_in_arrays(table, skeleton, {}, same_first=False))

    def neighbours(self, skeleton: str) -> tuple[Neighbour, ...]:
        """The skeletons one edit from ``skeleton`` (:meth:`near`) that the fuzzy tier may
        take for a misspelling of it: the same first consonant (Uday is not Qusay) and the
        same number (Shahab-3 is not Shahab-4), sorted, each with its group and fit
        (:func:`_fit_of`). Kept for up to MAX_KEPT_GROUPS skeletons (an Arabic span asks
        before it is scored, and again when it is; spans share readings)."""
        got = self._neighbours.get(skeleton)
        if got is None:
            table = self._frozen()
            dicts = self._lookups()
            found: dict[str, int]
            if dicts is not None:
                groups, first = dicts.groups, skeleton[:1]
                found = {s: groups[s] for s in _near_in_dicts(dicts, skeleton) if s[0] == first}
            else:
                if len(self._probes) >= MAX_KEPT_GROUPS:
                    self._probes.clear()
                found = _near_in_arrays(table, skeleton, self._probes, same_first=True)
            digits, fits = _digits(skeleton), table.spelled_fit
            got = tuple([(s, g, fits[g]) for s, g in sorted(found.items()) if _digits(s) == digits])
            if len(self._neighbours) >= MAX_KEPT_GROUPS:
                self._neighbours.clear()
            self._neighbours[skeleton] = got
        return got

    def _lookups(self) -> _Dicts | None:
        """For an index of up to DICT_LOOKUPS_MAX deletion entries, after its first
        DICT_AFTER_LOOKUPS lookups, the skeleton and deletion lookups as dicts, unpickled or
        built then (a dict lookup is some 50 times quicker than a hash probe in the arrays;
        a large index keeps its small memory and quick load). None: probe the arrays."""
        if self._dicts is None:
            if self._large:  # asked for every lookup: told once
                return None
            table = self._frozen()
            if len(table.deleted) > DICT_LOOKUPS_MAX:
                self._large = True
                return None
            if self._asked < DICT_AFTER_LOOKUPS:
                self._asked += 1
                return None
            self._dicts = self._made_dicts()
        return self._dicts

    def _made_dicts(self) -> _Dicts:
        """The small index's lookup dicts: unpickled if they came with it, else built."""
        if self._dicts is None and self._packed is not None:
            with collector_paused():  # 200,000 lists for the bundled lexicon
                self._dicts = pickle.loads(self._packed)
            self._packed = None
        if self._dicts is None:
            self._dicts = _build_dicts(self._frozen())
        return self._dicts

    def _frozen(self) -> _Table:
        if self._builder is not None:
            self._table = self._builder.freeze()
            self._builder = None
            self._decoded.clear()  # group numbers change
            self._views.clear()
            self._view_size = 0
            self._spellings.clear()
            self._groups.clear()
            self._probes.clear()
            self._neighbours.clear()
            self._dicts = None
            self._packed = None
            self._asked = 0
            self._large = False
            self._decoded_rows = 0
            self._names = None
        return self._table

    def __reduce__(self) -> tuple[Any, ...]:
        # a small index's lookup dicts travel with it, pickled apart: building them costs
        # more (0.4 s for the bundled lexicon) than unpickling them, which is done only
        # once a text asks for enough lookups (see DICT_AFTER_LOOKUPS)
        table = self._frozen()
        packed = self._packed
        if packed is None and len(table.deleted) <= DICT_LOOKUPS_MAX:
            packed = pickle.dumps(self._made_dicts(), protocol=pickle.HIGHEST_PROTOCOL)
        return _unpickle_index, (table, packed)


def _unpickle_index(table: _Table, packed: bytes | None) -> PhoneticIndex:
    return PhoneticIndex(table, _packed=packed)


def _build_dicts(table: _Table) -> _Dicts:
    """A table's skeleton → group and deletion → skeletons lookups as dicts."""
    skeletons = table.skeletons.all()
    deleted: dict[str, list[str]] = {}
    for skeleton in skeletons:
        if len(skeleton) >= FUZZY_MIN_SKELETON:
            for d in _deletions(skeleton):
                deleted.setdefault(d, []).append(skeleton)
    groups = {skeleton: k for k, skeleton in enumerate(skeletons)}
    return _Dicts(groups, {d: tuple(found) for d, found in deleted.items()})


def _span(ints: Ints, first: int, end: int) -> list[int]:
    """``ints[first:end]`` as a list, made in one C call: iterating a memoryview over the
    cache file item by item costs several times what iterating a list does."""
    part = ints[first:end]
    return part.tolist() if isinstance(part, array | memoryview) else list(part)


def _codes(slots: list[int], flags: list[int]) -> list[int]:
    """Rows' readings as ``slots << 32 | flags`` codes, as the group's readings are stored:
    ints (made in C), not a (slots, flags) tuple per row: a large index's views hold a
    million rows per MB of text, and tuples are objects the garbage collector walks."""
    return list(map(or_, map(lshift, slots, repeat(32, len(slots))), flags))


def _near_in_dicts(dicts: _Dicts, skeleton: str) -> set[str]:
    """:meth:`PhoneticIndex.near` over the lookup dicts: the same steps in the same order (so
    the same set, iterated alike), without a Python call per deletion (the fuzzy tier asks for
    a few neighbourhoods per span: this is much of its cost)."""
    groups, deleted = dicts.groups, dicts.deleted
    out = set(deleted.get(skeleton, ()))
    for d in _deletions(skeleton):
        if d in groups:
            out.add(d)
        if d in deleted:
            out.update(deleted[d])
    out.discard(skeleton)
    return out


def _near_in_arrays(
    table: _Table,
    skeleton: str,
    probes: dict[str, tuple[int, tuple[tuple[str, int], ...]]],
    *,
    same_first: bool,
) -> dict[str, int]:
    """The skeletons of :meth:`PhoneticIndex.near` (``same_first``: only those with the
    first letter of ``skeleton``), each with its group, by hash probes in the arrays: the
    skeletons one deletion turns into ``skeleton``, then per deletion ``d`` of it, ``d`` if
    indexed and the skeletons one deletion turns into ``d``. One probe per key answers both:
    its entries in ``deleted`` are the skeletons it is a deletion of (each with the position
    of the deleted letter, so a hit is checked by two slices) and, if the key is indexed,
    its own entry (see :class:`_Table`). A probe is written out (no generator or call per
    hit) and a hit's length is checked before it is decoded. With ``same_first``, the
    deletion of a first letter that is not doubled is not probed (all it can give has
    another first letter), nor is a hit decoded whose letter before the key is another
    than the key's first; what a key's probe found is kept in ``probes`` (which the caller
    bounds: it does not depend on the query)."""
    keys = [skeleton, *_deletions(skeleton)]
    if same_first:
        keys = [key for key in keys if key[:1] == skeleton[:1]]
    deleted, buckets = table.deleted, table.deleted_buckets
    low = bucket_shift(buckets)  # h >> low: h's bucket
    text, offsets, cut = table.skeletons.text, table.skeletons.offsets, len(table.skeletons.sep)
    out: dict[str, int] = {}
    for n, key in enumerate(keys):
        got = probes.get(key)
        if got is None:
            h = hash_of(key)
            end = (h + 1) << 32
            stop = buckets[(h >> low) + 1]
            i = bisect_left(deleted, h << 32, buckets[h >> low], stop)
            group, size, span = -1, len(key) + cut, len(key) + 1 + cut
            lead = key[:1] if same_first else ""  # a hit's first letter, when it must be
            hits = []
            while i < stop and (entry := deleted[i]) < end:
                at = entry & _POSITIONS
                k = (entry & 0xFFFFFFFF) >> _POSITION_BITS
                first = offsets[k]
                if at == _OWN:
                    if offsets[k + 1] - first == size and text[first : first + len(key)] == key:
                        group = k
                elif offsets[k + 1] - first == span and (at or not lead or text[first] == lead):
                    found = text[first : first + span - cut]
                    if (
                        found[:at] == key[:at] and found[at + 1 :] == key[at:]
                        if at < _FAR
                        else _one_deleted(key, found)
                    ):
                        hits.append((found, k))
                i += 1
            got = probes[key] = (group, tuple(hits)) if hits or group >= 0 else _NOTHING
        if got is not _NOTHING:  # three probes in four find nothing
            group, found_in = got
            if n and group >= 0:
                out[key] = group
            out.update(found_in)
    out.pop(skeleton, None)
    return out


#: What most probes find: no skeleton (one object, kept for each such key).
_NOTHING: tuple[int, tuple[tuple[str, int], ...]] = (-1, ())


def _one_deleted(short: str, long: str) -> bool:
    """Is ``short`` ``long`` (one letter longer) with one letter deleted? (What
    ``short in _deletions(long)`` says, without making every deletion: after the first
    letter where they differ, the rest must agree.)"""
    i = 0
    for a, b in zip(short, long, strict=False):
        if a != b:
            break
        i += 1
    return short[i:] == long[i + 1 :]


class _Persons(Mapping[int, frozenset[str]]):
    """The persons who have each partial reading of a view as a name part (reading id →
    entry ids). How many each has is known at once (counted when the index was built); each
    set is made on first use (a common part has thousands, and a tier asks only for the
    readings that matched). Plain references, no closures: a view lives on in the view
    cache, and every object it holds is walked by each collection of the garbage collector."""

    __slots__ = ("_lists", "_sets", "_table", "_where")

    def __init__(
        self,
        where: dict[int, int],
        table: _Table | None,
        lists: _Names | None,
        sets: dict[int, frozenset[str]] | None = None,
    ) -> None:
        self._where = where  # reading id → its number in the table's readings
        self._table, self._lists = table, lists
        self._sets = sets  # made so far (all of them when there is no table)

    def count(self, key: int) -> int:
        """How many persons have the reading ``key`` (``len(self[key])`` up to
        PERSONS_COUNTED_MAX, without the set)."""
        if self._table is None:
            return min(len(self[key]), PERSONS_COUNTED_MAX)
        return self._table.reading_persons[self._where[key]]

    def __getitem__(self, key: int) -> frozenset[str]:
        got = None if self._sets is None else self._sets.get(key)
        if got is None:
            if self._table is None or self._lists is None or key not in self._where:
                raise KeyError(key)
            if self._sets is None:
                self._sets = {}
            got = self._sets[key] = self._table.persons(self._where[key], self._lists)
        return got

    def __contains__(self, key: object) -> bool:
        return key in self._where  # without making the set

    def __iter__(self) -> Iterator[int]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


#: Where a view's rows come from: the table, the group's rows (first, end), the name lists
#: and the group's readings by code.
_Source = tuple["_Table", int, int, "_Names", dict[int, PhoneticForm]]


class _View:
    """One skeleton's rows for scoring: its distinct ``readings`` (the rows' own objects, so
    ``id`` tells them apart while the view lives), the persons who have each as a name part
    (``partial``: id → entry ids), the rows of whole names (``full``) and the rows to score
    when the span's partial persons are few (``rows``: all but the partial rows of a reading
    more than SHARED_PART_MAX persons share, which can only be withheld). The readings are
    made first; the rest only when asked for (most skeletons one edit away from a span's
    are rated and dropped)."""

    __slots__ = ("_full", "_rows", "_source", "partial", "readings", "size")

    def __init__(
        self,
        readings: tuple[PhoneticForm, ...],
        size: int,
        partial: _Persons,
        source: _Source | None,
        full: list[Row] | None = None,
        rows: list[Row] | None = None,
    ) -> None:
        self.readings = readings
        self.size = size  # rows' worth of memory, roughly (for the cache bound)
        self.partial = partial
        self._source = source
        self._full, self._rows = full, rows

    @property
    def full(self) -> list[Row]:
        if self._full is None:
            assert self._source is not None
            table, first, end, lists, forms = self._source
            if all(code & 2 for code in forms):  # only name parts (a common part's group)
                self._full = []
            else:  # None: leave the partial rows out
                whole: frozenset[int] | None = None if self.partial else frozenset()
                self._full = table.rows_but(first, end, lists, forms, whole)
        return self._full

    @property
    def rows(self) -> list[Row]:
        if self._rows is None:
            assert self._source is not None
            table, first, end, lists, forms = self._source
            count = self.partial.count
            wide = {c for c in forms if c & 2 and count(id(forms[c])) > SHARED_PART_MAX}
            self._rows = table.rows_but(first, end, lists, forms, wide)
        return self._rows

    @classmethod
    def of(cls, rows: list[Row]) -> _View:
        """The view of some rows, built row by row (readings told apart by value; the
        reference for :meth:`_Table.view`)."""
        readings: dict[PhoneticForm, PhoneticForm] = {}
        partial: dict[PhoneticForm, set[str]] = {}
        for entry_id, _, reading, is_part in rows:
            readings.setdefault(reading, reading)
            if is_part:
                partial.setdefault(reading, set()).add(entry_id)
        rows = [(e, name, readings[r], p) for e, name, r, p in rows]  # one object per reading
        wide = {r for r, entries in partial.items() if len(entries) > SHARED_PART_MAX}
        full = [row for row in rows if not row[3]]
        kept = [row for row in rows if not (row[3] and row[2] in wide)]
        frozen = {id(readings[r]): frozenset(entries) for r, entries in partial.items()}
        persons = _Persons(dict.fromkeys(frozen, 0), None, None, frozen)
        return cls(tuple(readings.values()), len(rows), persons, None, full, kept)


@dataclass(frozen=True, slots=True)
class _Table:
    """The frozen index as flat arrays (pickled and unpickled at memory-copy speed).

    Rows are grouped by skeleton (group ``k``: rows ``starts[k]:starts[k + 1]``). A row is a
    name (``row_name`` → ``names`` and ``name_entry`` → ``entry_ids``), its vowel slots
    (``row_slots`` → ``slots``, joined with '/') and ``row_flags`` (arabic, partial << 1,
    words << 2). Skeletons are found by hash: ``lookup`` holds ``crc32(skeleton) << 32 | k``
    sorted, and ``deleted`` holds ``crc32(d) << 32 | k << 6 | at`` for every deletion ``d``
    of every skeleton of at least FUZZY_MIN_SKELETON classes (the deletion neighbourhood,
    SymSpell style; ``at``: where the letter was deleted, 62 for there or further on) and
    ``crc32(skeleton) << 32 | k << 6 | 63`` for every skeleton (so the probe of a deletion
    also says whether the deletion is itself indexed); a hash hit is checked against the
    skeleton, so a collision costs a comparison.
    ``extra_words``: word skeletons that are no name's skeleton. ``readings`` holds each
    group's distinct (slots, flags) pairs as ``slots << 32 | flags``, group ``k`` at
    ``reading_starts[k]:reading_starts[k + 1]``: a group's readings are rated without a
    pass over its rows (a common skeleton has thousands). ``deleted_buckets`` (2^b + 1
    offsets) says where in ``deleted`` each value of the top b bits starts: a probe bisects
    one bucket of some 16 entries, not all 18 million at 100,000 entries (each step there
    is a cache miss); ``lookup_buckets`` does the same for ``lookup``. ``spelled_fit`` sums
    up each group's spelled forms in one int (see :func:`_fit_of`): most skeletons one edit
    from a span's are ruled out by it alone. The persons of each partial reading ``j`` (of
    ``readings``) are its rows' names, in order, at ``reading_names[reading_rows[j]:
    reading_rows[j + 1]]`` (an empty run for a reading of whole names), and
    ``reading_persons[j]`` says how many distinct entries they are (up to
    PERSONS_COUNTED_MAX, a byte; a larger number counts as that): a view tells a part
    that too many persons share without making the set of them (a common part at
    100,000 entries has thousands, and sorting a view's rows by reading to make the sets
    was a tenth of all the work of a text). Group ``k``'s distinct spelled forms are
    ``spelled`` ``spelled_starts[k]:spelled_starts[k + 1]``, each with its number of words
    and script in ``spelled_kinds`` (``words << 1 | arabic``): rating a neighbour starts
    from them.
    """

    skeletons: Strings
    lookup: Ints  # 'Q'
    starts: Ints  # 'I'
    row_name: Ints  # 'I'
    row_slots: Ints  # 'I'
    row_flags: Ints  # 'B' (or 'I' for names of 64 words or more)
    names: Strings
    name_entry: Ints  # 'I'
    entry_ids: Strings
    slots: Strings
    deleted: Ints  # 'Q'
    extra_words: frozenset[str]
    reading_starts: Ints  # 'I'
    readings: Ints  # 'Q'
    deleted_buckets: Ints  # 'I'
    spelled_fit: Ints  # 'Q'
    lookup_buckets: Ints  # 'I'
    reading_rows: Ints  # 'I'
    reading_names: Ints  # 'I'
    reading_persons: Ints  # 'B'
    spelled: Strings
    spelled_starts: Ints  # 'I'
    spelled_kinds: Ints  # 'B' (or 'I' for names of 128 words or more)

    def group(self, skeleton: str, h: int = -1) -> int:
        """The group of ``skeleton`` (whose :func:`hash_of` is ``h`` when known), or -1."""
        return find(self.lookup, self.skeletons, skeleton, self.lookup_buckets, h)

    def rows(self, group: int, skeleton: str, lists: _Names) -> list[Row]:
        """The rows of one group, decoded (one reading object per distinct reading; the
        per-row work is done by ``map`` and ``zip``, in C)."""
        first, end = self.starts[group], self.starts[group + 1]
        numbers, slots, flags = (
            _span(a, first, end) for a in (self.row_name, self.row_slots, self.row_flags)
        )
        codes = _codes(slots, flags)
        forms = self._forms(dict.fromkeys(codes), skeleton)
        entries = map(lists.entry_ids.__getitem__, numbers)
        readings = map(forms.__getitem__, codes)
        partial = map(bool, map((2).__and__, flags))
        return list(
            zip(entries, map(lists.names.__getitem__, numbers), readings, partial, strict=True)
        )

    def view(self, group: int, skeleton: str, lists: _Names) -> _View:
        """One group as scoring needs it (what ``_View.of(rows(...))`` gives): the readings
        now; each partial reading's persons from its own run of ``reading_names`` when
        asked for (their numbers are stored, so most are never made); the rows on first
        use (:meth:`rows_but`)."""
        first, end = self.starts[group], self.starts[group + 1]
        at = self.reading_starts[group]
        packed = _span(self.readings, at, self.reading_starts[group + 1])
        forms = self._forms(packed, skeleton)
        where = {id(forms[c]): at + j for j, c in enumerate(packed) if c & 2}
        readings = tuple({id(form): form for form in forms.values()}.values())
        persons = _Persons(where, self, lists)
        size = len(readings) + (end - first) // 8
        return _View(readings, size, persons, (self, first, end, lists, forms))

    def rows_but(
        self,
        first: int,
        end: int,
        lists: _Names,
        forms: dict[int, PhoneticForm],
        left_out: AbstractSet[int] | None,
    ) -> list[Row]:
        """Rows ``first:end`` of a group, in order, but those whose reading (by code) is
        ``left_out`` (None: every partial row), in passes done by ``map``, ``zip`` and
        ``compress``."""
        flags = _span(self.row_flags, first, end)
        codes = _codes(_span(self.row_slots, first, end), flags)
        numbers = _span(self.row_name, first, end)
        everything = range(len(codes))
        at: Iterable[int] = everything
        if left_out is None:
            at = compress(everything, map(not_, map((2).__and__, flags)))
        elif left_out:
            at = compress(everything, map(not_, map(left_out.__contains__, codes)))
        at = list(at)
        ids = map(lists.entry_ids.__getitem__, map(numbers.__getitem__, at))
        names = map(lists.names.__getitem__, map(numbers.__getitem__, at))
        readings = map(forms.__getitem__, map(codes.__getitem__, at))
        part = map(bool, map((2).__and__, map(flags.__getitem__, at)))
        return list(zip(ids, names, readings, part, strict=True))

    def persons(self, reading: int, lists: _Names) -> frozenset[str]:
        """The entry ids of the rows of one partial reading (its number in ``readings``)."""
        run = _span(self.reading_names, self.reading_rows[reading], self.reading_rows[reading + 1])
        return frozenset(map(lists.entry_ids.__getitem__, run))

    def spellings(self, group: int) -> tuple[tuple[int, str, bool], ...]:
        """The distinct (words, spelled form, arabic) of one group's readings, as stored
        when the index was built (``spelled``, ``spelled_kinds``: words << 1 | arabic):
        what the fuzzy tier compares, without making readings. Spelling them here cost
        some 15 µs a group, and 10 MB of text at 100,000 entries asks for 190,000."""
        first, end = self.spelled_starts[group], self.spelled_starts[group + 1]
        kinds = _span(self.spelled_kinds, first, end)
        words = map(rshift, kinds, repeat(1, len(kinds)))
        scripts = map(bool, map(and_, kinds, repeat(1, len(kinds))))
        return tuple(zip(words, self.spelled.run(first, end), scripts, strict=True))

    def _forms(self, codes: Iterable[int], skeleton: str) -> dict[int, PhoneticForm]:
        """The reading of each ``slots << 32 | flags`` code of a group: one object per
        reading (a name and its derived part, the partial flag 2 apart, share it)."""
        forms: dict[int, PhoneticForm] = {}
        for code in codes:
            form = forms.get(code ^ 2)
            if form is None:
                f = code & 0xFFFFFFFF
                text = self.slots[code >> 32]
                form = PhoneticForm(skeleton, tuple(text.split("/")), bool(f & 1), f >> 2)
            forms[code] = form
        return forms

    def name_lists(self) -> _Names:
        """_Names and their entry ids as lists (made when rows are first decoded)."""
        entry_ids = self.entry_ids.all()
        return _Names(self.names.all(), list(map(entry_ids.__getitem__, self.name_entry)))

    def __reduce__(self) -> tuple[Any, ...]:
        return _Table, tuple(plain(getattr(self, f.name)) for f in fields(self))


@dataclass(frozen=True, slots=True)
class _Names:
    """Name ``k`` and its entry id, for decoding rows."""

    names: list[str]
    entry_ids: list[str]


@dataclass(slots=True)
class _Builder:
    """_Names being added: skeleton → (name number, reading, partial), in order."""

    groups: dict[str, list[tuple[int, PhoneticForm, bool]]] = field(default_factory=dict)
    names: dict[tuple[str, str], int] = field(default_factory=dict)  # (entry id, name) → number
    words: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, table: _Table) -> _Builder:
        """A builder holding what ``table`` holds (to add more names to a frozen index)."""
        out = cls()
        lists = table.name_lists()
        for k, pair in enumerate(zip(lists.entry_ids, lists.names, strict=True)):
            out.names[pair] = k
        for k in range(len(table.skeletons)):
            skeleton = table.skeletons[k]
            out.groups[skeleton] = [
                (out.names[entry_id, name], form, partial)
                for entry_id, name, form, partial in table.rows(k, skeleton, lists)
            ]
        out.words = set(table.extra_words).union(out.groups)
        return out

    def add(
        self, entry_id: str, name: str, words: tuple[str, ...], arabic: bool, partial: bool
    ) -> None:
        for word in words:
            self.words |= first_word_skeletons(word, arabic)
        forms = forms_of_words(words, arabic)
        if not forms:
            return
        number = self.names.setdefault((entry_id, name), len(self.names))
        for form in forms:
            self.words.add(form.skeleton)  # the whole name written as one word
            self.groups.setdefault(form.skeleton, []).append((number, form, partial))

    def freeze(self) -> _Table:
        entry_numbers: dict[str, int] = {}
        name_entry = array(
            "I", [entry_numbers.setdefault(e, len(entry_numbers)) for e, _ in self.names]
        )
        slot_numbers: dict[str, int] = {}
        starts, row_name, row_slots = array("I", [0]), array("I"), array("I")
        flags: list[int] = []
        reading_starts, readings = array("I", [0]), array("Q")
        reading_rows, reading_names, reading_persons = array("I", [0]), array("I"), array("B")
        spelled_fit = array("Q")
        spelled: list[str] = []
        spelled_starts, spelled_kinds = array("I", [0]), []
        for rows in self.groups.values():
            first = len(row_name)
            for number, form, partial in rows:
                row_name.append(number)
                row_slots.append(slot_numbers.setdefault("/".join(form.slots), len(slot_numbers)))
                flags.append(form.arabic | partial << 1 | form.words << 2)
            starts.append(len(row_name))
            pairs = zip(row_slots[first:], flags[first:], strict=True)
            runs: dict[int, list[int]] = {}  # reading → its rows' names, in order
            for (k, f), (number, _, _) in zip(pairs, rows, strict=True):
                runs.setdefault(k << 32 | f, []).append(number)
            for code, numbers in runs.items():
                readings.append(code)
                if code & 2:
                    reading_names.extend(numbers)
                    persons = len({name_entry[n] for n in numbers})
                    reading_persons.append(min(persons, PERSONS_COUNTED_MAX))
                else:
                    reading_persons.append(0)
                reading_rows.append(len(reading_names))
            reading_starts.append(len(readings))
            # the distinct (words, spelled form, arabic), in the order of the readings
            spellings = tuple({(f.words, f.spelled, f.arabic): None for _, f, _ in rows})
            for words, text, arabic in spellings:
                spelled.append(text)
                spelled_kinds.append(words << 1 | arabic)
            spelled_starts.append(len(spelled))
            spelled_fit.append(_fit_of(spellings))
        skeletons = list(self.groups)
        if len(skeletons) >> (32 - _POSITION_BITS):
            raise LexiconError(f"{len(skeletons):,} skeletons: at most 2^26 fit the index")
        deleted = [hash_of(s) << 32 | k << _POSITION_BITS | _OWN for k, s in enumerate(skeletons)]
        deleted += [
            hash_of(d) << 32 | k << _POSITION_BITS | min(at, _FAR)
            for k, skeleton in enumerate(skeletons)
            if len(skeleton) >= FUZZY_MIN_SKELETON
            for d, at in _deleted_at(skeleton).items()
        ]
        deleted.sort()
        lookup = sorted(hashed(s, k) for k, s in enumerate(skeletons))
        return _Table(
            skeletons=Strings.of(skeletons),
            lookup=array("Q", lookup),
            starts=starts,
            row_name=row_name,
            row_slots=row_slots,
            row_flags=array("B" if max(flags, default=0) < 256 else "I", flags),
            names=Strings.of(name for _, name in self.names),
            name_entry=name_entry,
            entry_ids=Strings.of(entry_numbers),
            slots=Strings.of(slot_numbers),
            deleted=array("Q", deleted),
            extra_words=frozenset(self.words.difference(self.groups)),
            reading_starts=reading_starts,
            readings=readings,
            deleted_buckets=buckets_of(deleted, BUCKET_BITS),
            spelled_fit=spelled_fit,
            lookup_buckets=buckets_of(lookup, BUCKET_BITS),
            reading_rows=reading_rows,
            reading_names=reading_names,
            reading_persons=reading_persons,
            spelled=Strings.of(spelled),
            spelled_starts=spelled_starts,
            spelled_kinds=array("B" if max(spelled_kinds, default=0) < 256 else "I", spelled_kinds),
        )


_EMPTY = _Builder().freeze()


class _Groups(Mapping[str, list[Row]]):
    """An index's rows by skeleton, as a read-only mapping (a known skeleton has rows)."""

    __slots__ = ("_index",)

    def __init__(self, index: PhoneticIndex) -> None:
        self._index = index

    def __getitem__(self, skeleton: str) -> list[Row]:
        rows = self._index.rows(skeleton)
        if not rows:
            raise KeyError(skeleton)
        return rows

    @overload
    def get(self, skeleton: str, /) -> list[Row] | None: ...
    @overload
    def get(self, skeleton: str, default: list[Row] | _T, /) -> list[Row] | _T: ...
    def get(self, skeleton: str, default: object = None, /) -> object:
        return self._index.rows(skeleton) or default

    def __contains__(self, skeleton: object) -> bool:
        # found by its group, its rows not decoded (a common skeleton has thousands)
        return isinstance(skeleton, str) and self._index._group(skeleton) >= 0

    def __iter__(self) -> Iterator[str]:
        return _skeletons(self._index._frozen())

    def __len__(self) -> int:
        return len(self._index._frozen().skeletons)


class _Words(AbstractSet[str]):
    """A frozen index's word and name skeletons, as a read-only set (``frozenset & words``
    gives a frozenset)."""

    __slots__ = ("_groups", "_table")

    def __init__(self, table: _Table, groups: Mapping[str, int] | None = None) -> None:
        self._table = table
        self._groups = groups  # the small index's skeleton → group dict (a quicker lookup)

    def __contains__(self, skeleton: object) -> bool:
        table = self._table
        if not isinstance(skeleton, str) or skeleton in table.extra_words:
            return isinstance(skeleton, str)
        if self._groups is not None:
            return skeleton in self._groups
        return table.group(skeleton) >= 0

    def __iter__(self) -> Iterator[str]:
        yield from self._table.extra_words
        yield from _skeletons(self._table)

    def __len__(self) -> int:
        return len(self._table.extra_words) + len(self._table.skeletons)

    @classmethod
    def _from_iterable(cls, it: Iterable[_T]) -> frozenset[_T]:
        return frozenset(it)


def _skeletons(table: _Table) -> Iterator[str]:
    return (table.skeletons[k] for k in range(len(table.skeletons)))


def name_script(tokens: Sequence[Token]) -> bool | None:
    """The script of a name's words (True: Arabic), numbers aside (شاهد-136 is an Arabic
    name); None when its words mix scripts."""
    scripts = {t.arabic for t in tokens if not t.key.isdigit()}
    if not scripts:
        scripts = {t.arabic for t in tokens}
    return scripts.pop() if len(scripts) == 1 else None


def keyed_words(tokens: Sequence[Token], text: str = "") -> tuple[str, ...]:
    """The words a name is keyed on: one-letter words (initials) have no reliable sound;
    numbers are kept whole (Shahab-3 is not Shahab-4). Given the name's ``text``, an Arabic
    word written with a final ى keeps it (the fold makes it ي; ى is always -a: مصطفى)."""
    return tuple(_written_final(t, text) for t in tokens if len(t.key) > 1 or t.key.isdigit())


def _written_final(token: Token, text: str) -> str:
    written = light_form(text[token.start : token.end]) if text and token.arabic else ""
    if token.key.endswith("ي") and written.endswith("ى"):
        return token.key[:-1] + "ى"
    return token.key


def too_short(words: tuple[str, ...], arabic: bool) -> bool:
    """Fewer letters than a transliteration match needs (see MIN_PHONETIC_LETTERS)."""
    return letters(words) < (MIN_PHONETIC_LETTERS_ARABIC if arabic else MIN_PHONETIC_LETTERS)


def first_word_skeletons(word: str, arabic: bool) -> frozenset[str]:
    """Skeletons of one word read on its own (a span can match a name only if its first
    word's skeleton is one of some name's words)."""
    return frozenset(f.skeleton for f in forms_of_words((word,), arabic))


def _deletions(skeleton: str) -> set[str]:
    return {skeleton[:i] + skeleton[i + 1 :] for i in range(len(skeleton))}


def _deleted_at(skeleton: str) -> dict[str, int]:
    """Each deletion of ``skeleton`` and a position whose letter it lacks."""
    return {skeleton[:i] + skeleton[i + 1 :]: i for i in range(len(skeleton))}


def letters(words: tuple[str, ...]) -> int:
    """Letters of a span, an Arabic article aside (a guard against short common words; a
    Latin article, written apart, does mark a name: al-Kut).

    >>> letters(("3ali",)), letters(("الكوت",)), letters(("al", "kut")), letters(("shahab", "3"))
    (4, 3, 5, 6)
    """
    if words and words[0].startswith("ال"):
        words = (words[0][2:], *words[1:])
    # a digit inside a word is an Arabizi letter (3ali); a number alone is not
    return sum(sum(ch.isalnum() for ch in w) for w in words if any(c.isalpha() for c in w))


class SpanScores(NamedTuple):
    """What a span scores: the entries it may name, best first, and the name parts it reads
    as that too many persons share to name one on their own (see SHARED_PART_MAX)."""

    scored: list[Scored]
    shared: tuple[Shared, ...] = ()


@dataclass(frozen=True, slots=True)
class Shared:
    """A reading of the span that is a name part (surname, given name) of more than
    SHARED_PART_MAX persons: it names one of ``entries`` only through an antecedent, a
    person named in full earlier in the document. ``same_script``: the part is written in
    the span's script."""

    score: float
    method: Method
    same_script: bool
    entries: frozenset[str]


def score_span(
    index: PhoneticIndex, words: tuple[str, ...], arabic: bool, *, fuzzy: bool = True
) -> list[Scored]:
    """Every blocked candidate entry for a span with its best score, best first; the fuzzy
    tier (``fuzzy``) is tried only when no phonetic candidate scores. A part shared by too
    many persons is left out (:func:`score_span_shared` says which)."""
    return score_span_shared(index, words, arabic, fuzzy=fuzzy).scored


#: FUZZY_MIN_RATIO as rapidfuzz's score_cutoff (0-100).
CUTOFF = FUZZY_MIN_RATIO * 100
#: How a tier rates a span reading against an indexed reading: (score before the partial
#: factor, agreement or ratio); score 0 when it does not match.
_Rate = Callable[[PhoneticForm, PhoneticForm], tuple[float, float]]


def score_span_shared(
    index: PhoneticIndex, words: tuple[str, ...], arabic: bool, *, fuzzy: bool = True
) -> SpanScores:
    """:func:`score_span` with the widely shared name parts it left out: when the span reads
    as a name part of more than SHARED_PART_MAX persons, none of those persons is scored
    (at 100,000 entries a common surname has thousands); they come back as :class:`Shared`
    for the resolver to match against antecedents."""
    if too_short(words, arabic):
        return SpanScores([])
    span_forms = forms_of_words(words, arabic)

    def phonetic(form: PhoneticForm, reading: PhoneticForm) -> tuple[float, float]:
        agreement = slot_agreement(form, reading)
        if agreement < phonetic_min_agreement(len(form.skeleton)):
            return 0.0, agreement
        return PHONETIC_BASE + PHONETIC_SPAN * agreement, agreement

    groups = [(form, [index.view(form.skeleton)]) for form in span_forms]
    tier, scored_any = _tier(groups, phonetic, Method.PHONETIC, arabic)
    if fuzzy and not scored_any:

        def fuzzy_rate(form: PhoneticForm, reading: PhoneticForm) -> tuple[float, float]:
            if reading.words != form.words:
                return 0.0, 0.0  # an extra word is another name, not a misspelling
            return _fuzzy_score(form.spelled, reading.spelled)  # kept per distinct reading

        neighbours: dict[str, tuple[Neighbour, ...]] = {}  # span readings share skeletons
        for form in span_forms:
            if len(form.skeleton) >= FUZZY_MIN_SKELETON and form.skeleton not in neighbours:
                neighbours[form.skeleton] = index.neighbours(form.skeleton)
        near = [
            (form, _fuzzy_views(index, form, neighbours[form.skeleton]))
            for form in span_forms
            if form.skeleton in neighbours
        ]
        tier = _tier(near, fuzzy_rate, Method.FUZZY, arabic)[0]
    return tier


def _fuzzy_score(span: str, indexed: str) -> tuple[float, float]:
    """The fuzzy tier's rating of two spelled forms: (score, ratio), score 0 below
    FUZZY_MIN_RATIO. Below the cutoff rapidfuzz stops early and gives 0 (the ratio of a
    reading that does not match is never reported)."""
    ratio = fuzz.ratio(span, indexed, processor=None, score_cutoff=CUTOFF) / 100
    return (FUZZY_WEIGHT * ratio if ratio >= FUZZY_MIN_RATIO else 0.0), ratio


class _Unmatched(NamedTuple):
    """A neighbouring skeleton (of ``group``) none of whose readings ``form`` matches (rated
    on its spelled forms): its view is made only if the tier needs its rows all the same (a
    part in the span's script that scores 0 still has its say; see :func:`_tier`). A tuple:
    most neighbours end as one, tens of thousands per MB of text."""

    found_in: PhoneticIndex
    form: PhoneticForm
    skeleton: str
    group: int
    same_script: bool  # one of its readings is in the span's script


def _fuzzy_views(
    index: PhoneticIndex, form: PhoneticForm, neighbours: Sequence[Neighbour]
) -> list[_View | _Unmatched]:
    """For each neighbouring (skeleton, group, fit), its view when one of its readings may match
    ``form`` (the same number of words, spelled alike), else a placeholder: most neighbours
    match none, and most of those are told by their fit alone (:func:`_may_fit`)."""
    if not neighbours:
        return []
    spelled, words, script = form.spelled, form.words, _FIT_SCRIPTS + form.arabic
    out: list[_View | _Unmatched] = []
    for skeleton, group, fit in neighbours:
        if _may_fit(fit, form, skeleton, spelled):
            for count, other, _ in index.spellings(skeleton, group):
                if count == words and _fuzzy_score(spelled, other)[0] > 0:
                    view = index.view(skeleton, group)
                    assert view is not None  # the skeleton has readings
                    out.append(view)
                    break
            else:
                out.append(_Unmatched(index, form, skeleton, group, bool(fit >> script & 1)))
        else:
            out.append(_Unmatched(index, form, skeleton, group, bool(fit >> script & 1)))
    return out


#: A group's fit (:func:`_fit_of`) keeps the spelled lengths of its readings of 1 to
#: FIT_WORDS words (a span has at most MAX_TRANSLIT_WORDS), up to FIT_LONG letters (a longer
#: one counts as FIT_LONG, read as "that or longer").
FIT_WORDS = 4
_LENGTH_BITS = 7
FIT_LONG = (1 << _LENGTH_BITS) - 1
_PAIR_BITS = 2 * _LENGTH_BITS  # shortest, then longest
#: Where a fit's script bits start: "has a Latin reading", then "has an Arabic reading".
_FIT_SCRIPTS = _PAIR_BITS * FIT_WORDS


def _fit_of(spellings: Iterable[tuple[int, str, bool]]) -> int:
    """A group's (words, spelled form, arabic) summed up in one int: per number of words w
    (1 to FIT_WORDS), the shortest and the longest spelled length (7 bits each, at bit
    14 * (w - 1); (FIT_LONG, 0) when it has none), then a bit per script it has a reading in.

    >>> fit = _fit_of([(1, "KaZeM", False), (1, "KaZiMi", False), (2, "KaZiM", True)])
    >>> fit & 0x3FFF == 5 | 6 << 7, fit >> 14 & 0x3FFF == 5 | 5 << 7, fit >> _FIT_SCRIPTS
    (True, True, 3)
    """
    shortest, longest = [FIT_LONG] * FIT_WORDS, [0] * FIT_WORDS
    scripts = 0
    for words, text, arabic in spellings:
        scripts |= 1 << arabic
        if 1 <= words <= FIT_WORDS:
            length = min(len(text), FIT_LONG)
            shortest[words - 1] = min(shortest[words - 1], length)
            longest[words - 1] = max(longest[words - 1], length)
    fit = scripts << _FIT_SCRIPTS
    for w in range(FIT_WORDS):
        fit |= (shortest[w] | longest[w] << _LENGTH_BITS) << (_PAIR_BITS * w)
    return fit


def _may_fit(fit: int, form: PhoneticForm, skeleton: str, spelled: str = "") -> bool:
    """Whether the group of ``skeleton``, summed up as ``fit``, may have a reading that the
    fuzzy tier matches with ``form``. A spelled form is its skeleton's letters (upper case
    and digits) between vowel slots (lower case), so the Indel distance of two is at least
    their skeletons' (2 for two of one length, else the difference in length) plus the
    difference in their numbers of vowels; for some length of the group's readings of the
    span's number of words it must stay within 1 - FUZZY_MIN_RATIO of the sum of lengths
    (a small slack keeps the test on the safe side of rounding).

    >>> kazimi = PhoneticForm("KZM", ("", "a", "i", "i"), False)  # KaZiMi
    >>> _may_fit(_fit_of([(1, "KaZiMiN", False)]), kazimi, "KZMN")  # ratio 12 / 13
    True
    >>> _may_fit(_fit_of([(1, "KaSiMi", False)]), kazimi, "KSM")  # at best 10 / 12
    False
    >>> _may_fit(_fit_of([(2, "KaZiMiN", False)]), kazimi, "KZMN")  # no reading of one word
    False
    """
    words = form.words
    if not 1 <= words <= FIT_WORDS:
        return True
    pair = fit >> (_PAIR_BITS * (words - 1))
    shortest, longest = pair & FIT_LONG, pair >> _LENGTH_BITS & FIT_LONG
    if longest < shortest:
        return False  # no reading of that many words
    length = len(spelled or form.spelled)  # the caller's, when it has it at hand
    own, other = len(form.skeleton), len(skeleton)
    consonants = abs(own - other) or (2 if skeleton != form.skeleton else 0)
    alike = length - own + other  # a reading with as many vowels as the span's
    if longest == FIT_LONG:
        longest = max(alike, FIT_LONG)  # "that or longer"
    nearest = min(max(alike, shortest), longest)
    distance = consonants + abs(alike - nearest)
    return distance <= (1 - FUZZY_MIN_RATIO) * (length + nearest) + 1e-9


def _tier(
    groups: Sequence[tuple[PhoneticForm, Sequence[_View | _Unmatched | None]]],
    rate: _Rate,
    method: Method,
    arabic: bool,
) -> tuple[SpanScores, bool]:
    """Score the span's readings against the indexed rows of their groups (one tier): each
    distinct indexed reading is rated once per span reading; then, unless the partial
    persons it matches are too many, every row of a group with a match becomes a candidate.
    Also says whether any row scored (the next tier runs only when none did). A group known
    not to match (:class:`_Unmatched`) is rated only if its rows are needed."""
    rated: list[_Rated | _Unmatched] = []  # an unmatched group is rated when asked
    persons: set[str] = set()
    shared = scored_any = False
    for form, views in groups:
        for view in views:
            if view is None:
                continue
            if isinstance(view, _Unmatched):
                rated.append(view)
                continue
            rates = {id(r): rate(form, r) for r in view.readings}
            matched = any(score > 0 for score, _ in rates.values())
            rated.append(_Rated(form, view, rate, rates, matched))
            scored_any |= matched
            if matched and not shared:
                partial = view.partial  # a set is made only for a part that matched
                for key in partial:
                    if rates[key][0] > 0:
                        if partial.count(key) > SHARED_PART_MAX:
                            shared = True
                            break
                        persons |= partial[key]
                        if len(persons) > SHARED_PART_MAX:
                            shared = True
                            break
    same: dict[str, Scored] = {}
    cross: dict[str, Scored] = {}
    parts: list[_Part] = []
    unmatched: list[_Rated] = []  # groups in the span's script that matched nothing
    for n, entry in enumerate(rated):
        if isinstance(entry, _Rated):
            item = entry
        elif shared and entry.same_script:
            item = rated[n] = _Rated(entry.form, entry, rate)
        else:
            continue
        if item.matched:
            view, rates = item.made()
            _score_rows(view.full if shared else view.rows, rates, method, arabic, same, cross)
        if shared and item.matched:
            parts += _parts(item, arabic)
        elif shared and item.same_script(arabic):
            unmatched.append(item)
    # a part in the span's script that scores 0 only takes its persons from a part in the
    # other script (resolve._antecedents, as the rows' script decides above): without such
    # a part it is left out, and its set of persons and its group's view are never made
    crossed = any(not same_script for _, same_script, _, _ in parts)
    if crossed:
        for item in unmatched:
            parts += _parts(item, arabic)
    if any(s.score > 0 for s in cross.values()):
        # a candidate in the span's script decides for its entry even when it scores 0
        for entry in rated:
            if isinstance(entry, _Rated):
                item = entry
            elif entry.same_script:
                item = _Rated(entry.form, entry, rate)
            else:
                continue
            if not item.matched and item.same_script(arabic):
                view, rates = item.made()
                _score_rows(view.full if shared else view.rows, rates, method, arabic, same, {})
    merged = dict(cross)
    merged.update(same)  # the span's own script decides whenever it has a candidate
    scored = sorted(
        (s for s in merged.values() if s.score > 0), key=lambda s: (-s.score, s.entry_id)
    )
    shares = tuple(
        Shared(score, method, same_script, who[key])
        for score, same_script, who, key in parts
        if score > 0 or crossed
    )
    return SpanScores(scored, shares), scored_any


#: A shared part before its set of persons is made: (score, in the span's script, the
#: view's persons, the reading's id).
_Part = tuple[float, bool, _Persons, int]


def _parts(item: _Rated, arabic: bool) -> list[_Part]:
    """The shared parts of one rated group: its partial readings that scored, and those in
    the span's script (even at 0: see :func:`_tier`)."""
    view, rates = item.made()
    partial = view.partial
    return [
        (rates[key][0] * PARTIAL_FACTOR, r.arabic == arabic, partial, key)
        for r in view.readings
        if (key := id(r)) in partial and (rates[key][0] > 0 or r.arabic == arabic)
    ]


class _Rated:
    """One group as a tier rated it for one span reading: each distinct reading's rate by
    id, and whether any matched. An :class:`_Unmatched` group (no reading matches) is
    rated and its view made only when the tier asks (:meth:`made`)."""

    __slots__ = ("_form", "_rate", "_rates", "_view", "matched")

    def __init__(
        self,
        form: PhoneticForm,
        view: _View | _Unmatched,
        rate: _Rate,
        rates: dict[int, tuple[float, float]] | None = None,
        matched: bool = False,
    ) -> None:
        self._form, self._view, self._rate, self._rates = form, view, rate, rates
        self.matched = matched

    def made(self) -> tuple[_View, dict[int, tuple[float, float]]]:
        """The group's view and its readings' rates."""
        if isinstance(self._view, _Unmatched):
            view = self._view.found_in.view(self._view.skeleton, self._view.group)
            assert view is not None  # the skeleton has readings
            self._view = view
            self._rates = {id(r): self._rate(self._form, r) for r in view.readings}
        assert self._rates is not None
        return self._view, self._rates

    def same_script(self, arabic: bool) -> bool:
        """Whether one of the group's readings is in the span's script."""
        if isinstance(self._view, _Unmatched):
            return self._view.same_script
        return any(r.arabic == arabic for r in self._view.readings)


def _score_rows(
    rows: list[Row],
    rates: dict[int, tuple[float, float]],
    method: Method,
    arabic: bool,
    same: dict[str, Scored],
    cross: dict[str, Scored],
) -> None:
    """Each row's score into its script's table (an entry keeps its best: rows in the
    span's script go to ``same``, the others to ``cross``)."""
    for entry_id, name, reading, partial in rows:
        score, value = rates[id(reading)]
        score *= PARTIAL_FACTOR if partial else 1.0
        table = same if reading.arabic == arabic else cross
        old = table.get(entry_id)
        if old is None or score > old.score:
            table[entry_id] = Scored(entry_id, score, method, name, value, partial)


def _digits(skeleton: str) -> str:
    # a letter is never a digit: most skeletons need no scan
    return "" if skeleton.isalpha() else "".join(ch for ch in skeleton if ch.isdigit())


def name_groups(words: tuple[str, ...], arabic: bool) -> list[tuple[str, ...]]:
    """Words grouped into name parts, a Latin article joined to the word after it:
    ('abu', 'mahdi', 'al', 'muhandis') → [('abu',), ('mahdi',), ('al', 'muhandis')]."""
    groups: list[tuple[str, ...]] = []
    pending: tuple[str, ...] = ()
    for word in words:
        if not arabic and word in ARTICLES:
            pending += (word,)
            continue
        groups.append((*pending, word))
        pending = ()
    if pending:
        groups.append(pending)
    return groups


#: First words that are not a given name on their own (kunya, Abd, nasab particles).
NOT_GIVEN_NAMES = frozenset({"abu", "abd", "bin", "ibn", "ben", "bint", "ابو", "عبد", "بن", "ابن"})


def is_given_name(group: tuple[str, ...]) -> bool:
    """Whether a person's first name may stand for the person alone (Muqtada, Saddam): one
    word, not a particle (Abu, Abd), not a frequent word of either language (Ali, Mohammed
    and علي are too common to name one person; see ``common_words.txt``) and not shorter than
    GIVEN_NAME_MIN_SKELETON consonants (Hadi, Najah: too short to stand alone)."""
    if len(group) != 1 or group[0] in NOT_GIVEN_NAMES:
        return False
    if group[0].replace("ى", "ي") in word_list("common_words.txt"):  # the list is folded
        return False
    arabic = any(is_arabic(ch) for ch in group[0])
    readings = forms_of_words(group, arabic)
    return bool(readings) and min(len(f.skeleton) for f in readings) >= GIVEN_NAME_MIN_SKELETON


def given_name_stands_alone(names: Sequence[tuple[tuple[str, ...], bool]]) -> bool:
    """Whether a person's given name may name them alone, judged on every canonical name of
    the entry (folded words, script): the first word must be rare in each script, as a word
    of that language (مصطفى is frequent in Arabic, so Mustafa does not name one person)."""
    return any(words for words, _ in names) and all(
        len(name_groups(words, arabic)) >= 2 and is_given_name(name_groups(words, arabic)[0])
        for words, arabic in names
        if words
    )


#: Endings of a nisba adjective (-i, fem. -iyya): Iranian, national, scholarly.
NISBA_ENDINGS_LATIN = ("i", "y", "iya", "iyya", "iyah", "iyyah")
#: As written (before the fold, which makes ى of الأقصى a ي): -ي, -ية, Persian -ی.
NISBA_ENDINGS_ARABIC = ("ي", "ية", "يه", "ی")


def is_nisba(group: tuple[str, ...], arabic: bool, written: str = "") -> bool:
    """Whether a name part is an adjective of relation with the article (al-Iraqi, الإيراني,
    العلمية): news adds one after a name (الحرس الثوري الإيراني for الحرس الثوري). An
    Arabic word is judged as ``written`` (its light form), since the fold merges ى and ي.

    >>> is_nisba(("الايراني",), True, "الإيراني"), is_nisba(("al", "tikriti"), False)
    (True, True)
    >>> is_nisba(("الاقصي",), True, "الأقصى"), is_nisba(("بدر",), True, "بدر")
    (False, False)
    """
    word = group[-1]
    if arabic:
        return word.startswith("ال") and len(word) >= 5 and written.endswith(NISBA_ENDINGS_ARABIC)
    return len(group) == 2 and group[0] in ARTICLES and word.endswith(NISBA_ENDINGS_LATIN)


def partial_names(
    words: tuple[str, ...], arabic: bool, *, given: bool = True
) -> list[tuple[str, ...]]:
    """The short forms news uses for a person's full name: the surname (with its article),
    the given name when ``given`` and it is rare (see :func:`is_given_name`), first + last name
    and the last two names when there are middle names, and the kunya (Abu X) when the name
    starts with one.

    >>> partial_names(("abu", "mahdi", "al", "muhandis"), False)
    [('al', 'muhandis'), ('abu', 'mahdi')]
    >>> partial_names(("mohammad", "baqir", "al", "sadr"), False, given=False)
    [('al', 'sadr'), ('mohammad', 'al', 'sadr'), ('baqir', 'al', 'sadr')]
    >>> partial_names(("muqtada", "al", "sadr"), False)
    [('al', 'sadr'), ('muqtada',)]
    """
    groups = name_groups(words, arabic)
    out: list[tuple[str, ...]] = []
    if len(groups) >= 2:
        out.append(groups[-1])
        if given and is_given_name(groups[0]):
            out.append(groups[0])
    if len(groups) >= 3:
        if groups[0][0] in ("abu", "ابو"):
            out.append(groups[0] + groups[1])
        else:
            out.append(groups[0] + groups[-1])
            out.append(groups[-2] + groups[-1])  # without the first name: Baqir al-Sadr
    return out
