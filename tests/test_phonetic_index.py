"""The transliteration index (flat arrays, found by hash) gives exactly what the straightforward
layout it replaced gave: the same rows per skeleton in the same order, the same skeletons one
edit away, the same word skeletons. Compared on a generated 2,000-entry lexicon (every name
compile adds) and on random names, after pickling too."""

from __future__ import annotations

import itertools
import pickle
import random
import zlib
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.lexgen import write_lexicon
from normalizer import candidates, flat
from normalizer.candidates import PhoneticIndex, first_word_skeletons, score_span
from normalizer.lexicon import cache
from normalizer.lexicon.compile import compile_lexicon
from normalizer.lexicon.load import load_entries
from normalizer.model import Method
from normalizer.phonetic import PhoneticForm, forms_of_words, slot_agreement, spell
from normalizer.thresholds import (
    FUZZY_MIN_SKELETON,
    PARTIAL_FACTOR,
    PHONETIC_BASE,
    PHONETIC_SPAN,
    SHARED_PART_MAX,
    phonetic_min_agreement,
)

Added = tuple[str, str, tuple[str, ...], bool, bool]


@dataclass(slots=True)
class Reference:
    """The layout before the flat one: a dict of lists, a dict of deletion sets."""

    by_skeleton: dict[str, list[tuple[str, str, PhoneticForm, bool]]]
    deletions: dict[str, set[str]]
    words: set[str]
    fits: dict[str, int] = field(default_factory=dict)  # made when asked for

    @classmethod
    def of(cls, added: list[Added]) -> Reference:
        out = cls(defaultdict(list), defaultdict(set), set())
        for entry_id, name, words, arabic, partial in added:
            for word in words:
                out.words |= first_word_skeletons(word, arabic)
            for form in forms_of_words(words, arabic):
                out.words.add(form.skeleton)
                out.by_skeleton[form.skeleton].append((entry_id, name, form, partial))
                if len(form.skeleton) >= FUZZY_MIN_SKELETON:
                    for d in _deletions(form.skeleton):
                        out.deletions[d].add(form.skeleton)
        return out

    def view(self, skeleton: str, group: int | None = None) -> candidates._View | None:
        rows = self.by_skeleton.get(skeleton)
        return candidates._View.of(rows) if rows else None

    def spellings(
        self, skeleton: str, group: int | None = None
    ) -> tuple[tuple[int, str, bool], ...]:
        readings = (r for _, _, r, _ in self.by_skeleton.get(skeleton, ()))
        return tuple({(r.words, r.spelled, r.arabic): None for r in readings})

    def spelled_fit(self, skeleton: str) -> int:
        fit = self.fits.get(skeleton)
        if fit is None:
            fit = self.fits[skeleton] = candidates._fit_of(self.spellings(skeleton))
        return fit

    def near(self, skeleton: str) -> set[str]:
        out = set(self.deletions.get(skeleton, ()))
        for d in _deletions(skeleton):
            if d in self.by_skeleton:
                out.add(d)
            out |= self.deletions.get(d, set())
        out.discard(skeleton)
        return out

    def neighbours(self, skeleton: str) -> list[tuple[str, int, int]]:
        """What the fuzzy tier rates: ``near`` with the same first letter and digits, sorted,
        each with its fit (and no group: 0)."""
        digits = [ch for ch in skeleton if ch.isdigit()]
        return [
            (s, 0, self.spelled_fit(s))
            for s in sorted(self.near(skeleton))
            if s[0] == skeleton[0] and [ch for ch in s if ch.isdigit()] == digits
        ]


def _deletions(skeleton: str) -> set[str]:
    return {skeleton[:i] + skeleton[i + 1 :] for i in range(len(skeleton))}


def _near_probe_by_probe(table: candidates._Table, skeleton: str) -> set[str]:
    """A large index's ``near`` as first written: a generator per hash probe, each hit
    decoded and checked against its every deletion."""

    def probe(ints: candidates.Ints, key: str) -> Iterator[int]:
        h = candidates.hash_of(key)
        i = bisect_left(ints, h << 32)
        while i < len(ints) and ints[i] < (h + 1) << 32:
            yield ints[i] & 0xFFFFFFFF
            i += 1

    def group(key: str) -> int:
        return next((k for k in probe(table.lookup, key) if table.skeletons[k] == key), -1)

    def deleted_from(deletion: str) -> Iterator[str]:
        for low in probe(table.deleted, deletion):
            if low & 63 == 63:
                continue  # a skeleton's own entry
            found = table.skeletons[low >> 6]
            if len(found) == len(deletion) + 1 and deletion in candidates._deletions(found):
                yield found

    out = set(deleted_from(skeleton))
    for d in candidates._deletions(skeleton):
        if group(d) >= 0:
            out.add(d)
        out.update(deleted_from(d))
    out.discard(skeleton)
    return out


def _edits(skeleton: str, rng: random.Random, alphabet: str) -> list[str]:
    """A few skeletons one or two edits from ``skeleton`` (queries that are mostly not
    indexed)."""
    out = []
    for _ in range(3):
        s = skeleton
        for _ in range(rng.randint(1, 2)):
            i = rng.randrange(len(s) + 1)
            op = rng.choice("dis")
            if op == "d" and s:
                s = s[:i] + s[i + 1 :]
            elif op == "i":
                s = s[:i] + rng.choice(alphabet) + s[i:]
            elif s:
                i = min(i, len(s) - 1)
                s = s[:i] + rng.choice(alphabet) + s[i + 1 :]
        out.append(s)
    return out


def _assert_same(index: PhoneticIndex, ref: Reference, queries: list[str]) -> None:
    assert len(index.by_skeleton) == len(ref.by_skeleton)
    assert set(index.by_skeleton) == set(ref.by_skeleton)
    for skeleton, rows in ref.by_skeleton.items():
        assert index.by_skeleton[skeleton] == rows
        assert index.by_skeleton.get(skeleton, ()) == rows
        assert index.rows(skeleton) == rows
    assert set(index.words) == ref.words
    assert len(index.words) == len(ref.words)
    for query in queries:
        assert index.near(query) == ref.near(query), query
        if query:
            neighbours = index.neighbours(query)
            expected = [(s, fit) for s, _, fit in ref.neighbours(query)]
            assert [(s, fit) for s, _, fit in neighbours] == expected, query
            assert all(index._group(s) == group for s, group, _ in neighbours), query
        assert (query in index.words) == (query in ref.words)
        assert (query in index.by_skeleton) == (query in ref.by_skeleton)
        assert (frozenset({query, "B"}) & index.words) == (frozenset({query, "B"}) & ref.words)
        if query not in ref.by_skeleton:
            assert index.by_skeleton.get(query, ()) == ()
            assert index.rows(query) == []
            with pytest.raises(KeyError):
                index.by_skeleton[query]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[PhoneticIndex, list[Added]]:
    """The index of a generated 2,000-entry lexicon, and every name compile added to it."""
    added: list[Added] = []
    original = PhoneticIndex.add

    def record(self: PhoneticIndex, *args: object) -> None:
        added.append(args)  # type: ignore[arg-type]
        original(self, *args)  # type: ignore[arg-type]

    paths = write_lexicon(2000, tmp_path_factory.mktemp("lexicon"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(PhoneticIndex, "add", record)
        lex = compile_lexicon(load_entries(paths))
    return lex.phonetic, added


def _queries(ref: Reference, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    alphabet = "".join(sorted({ch for s in ref.by_skeleton for ch in s}))
    skeletons = sorted(ref.by_skeleton)
    out = list(skeletons)
    for skeleton in rng.sample(skeletons, min(len(skeletons), 3000)):
        out += _edits(skeleton, rng, alphabet)
    # a first letter doubled, or another put before it (what the neighbours leave out)
    out += [s[0] + s for s in skeletons[::5]] + ["Q" + s for s in skeletons[::5]]
    return [*out, "", "X", "ZZZZZZZZ"]


def test_generated_lexicon_matches_the_reference(
    generated: tuple[PhoneticIndex, list[Added]],
) -> None:
    index, added = generated
    assert len(added) > 4000
    ref = Reference.of(added)
    _assert_same(index, ref, _queries(ref))


@pytest.mark.parametrize("how", ["cache", "pickle", "cache then pickle"])
def test_a_pickled_index_is_the_same(
    generated: tuple[PhoneticIndex, list[Added]], how: str
) -> None:
    """The cache reads arrays in place (memoryviews over the file's bytes); the standard
    pickler copies them."""
    index, added = generated
    ref = Reference.of(added)
    if how.startswith("cache"):
        index = cache.loads(cache.dumps(index))
    if how.endswith("pickle"):
        index = pickle.loads(pickle.dumps(index))
    _assert_same(index, ref, _queries(ref, seed=1)[::7])


@pytest.mark.parametrize("dicts", [True, False], ids=["dict lookups", "array lookups"])
def test_both_lookup_paths_match_the_reference(
    generated: tuple[PhoneticIndex, list[Added]], monkeypatch: pytest.MonkeyPatch, dicts: bool
) -> None:
    """A small index answers from dicts, a large one (past DICT_LOOKUPS_MAX deletion
    entries) from hash probes in its arrays: the same answers either way."""
    monkeypatch.setattr(candidates, "DICT_LOOKUPS_MAX", 1 << 30 if dicts else 0)
    monkeypatch.setattr(candidates, "DICT_AFTER_LOOKUPS", 0)
    index, added = generated
    index = PhoneticIndex(index._frozen())  # a fresh copy: no lookup dicts built yet
    ref = Reference.of(added)
    queries = _queries(ref, seed=2)[::3]
    _assert_same(index, ref, queries)
    assert (index._dicts is not None) == dicts
    if not dicts:
        for query in queries:
            assert index.near(query) == _near_probe_by_probe(index._table, query)


@pytest.mark.parametrize("how", ["pickle", "cache"])
def test_a_small_index_probes_its_arrays_first_then_unpickles_its_dicts(
    generated: tuple[PhoneticIndex, list[Added]], monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """A short text's few lookups probe the arrays; after DICT_AFTER_LOOKUPS lookups the
    dicts that were pickled with the index are unpickled (not built again): the same
    answers before, across and after the switch."""
    monkeypatch.setattr(candidates, "DICT_AFTER_LOOKUPS", 40)
    index, added = generated
    index._made_dicts()  # built once here, before pickling
    copy = cache.loads(cache.dumps(index)) if how == "cache" else pickle.loads(pickle.dumps(index))
    assert copy._dicts is None
    assert copy._packed is not None

    def not_again(table: object) -> None:
        raise AssertionError("the lookup dicts were built again")

    monkeypatch.setattr(candidates, "_build_dicts", not_again)
    ref = Reference.of(added)
    queries = _queries(ref, seed=3)[::5]
    assert len(queries) > 40
    for query in queries[:10]:
        assert copy.near(query) == ref.near(query), query
        assert (query in copy.words) == (query in ref.words)
    assert copy._dicts is None  # still probing the arrays
    _assert_same(copy, ref, queries)
    assert copy._dicts is not None
    assert copy._packed is None
    assert copy._dicts == index._dicts


@pytest.mark.parametrize(
    ("array", "buckets"), [("deleted", "deleted_buckets"), ("lookup", "lookup_buckets")]
)
def test_the_buckets_split_the_hash_arrays_by_their_top_bits(
    generated: tuple[PhoneticIndex, list[Added]], array: str, buckets: str
) -> None:
    """Bucket b holds exactly the entries whose top bits are b (a probe bisects one bucket),
    for the deletions and the skeletons; an empty table has one empty bucket."""
    table = generated[0]._frozen()
    entries, starts = list(getattr(table, array)), list(getattr(table, buckets))
    bits = (len(starts) - 1).bit_length() - 1
    assert len(starts) == (1 << bits) + 1
    assert 1 < 2**bits <= len(entries) // 8  # some 16 entries a bucket
    assert starts[0] == 0
    assert starts[-1] == len(entries)
    for b in range(1 << bits):
        assert all(e >> (64 - bits) == b for e in entries[starts[b] : starts[b + 1]])
    assert list(getattr(PhoneticIndex.empty()._frozen(), buckets)) == [0, 0]
    if array == "deleted":  # every skeleton has its own entry, under its own hash
        own = {e & 0xFFFFFFFF for e in entries if e & 63 == 63}
        assert own == {k << 6 | 63 for k in range(len(table.skeletons))}
        assert all(
            e >> 32 == zlib.crc32(table.skeletons[(e & 0xFFFFFFFF) >> 6].encode())
            for e in entries
            if e & 63 == 63
        )


@pytest.mark.parametrize("kept", [0, 1, 5, 1 << 16])
def test_the_array_lookups_keep_few_groups(
    generated: tuple[PhoneticIndex, list[Added]], monkeypatch: pytest.MonkeyPatch, kept: int
) -> None:
    """A large index keeps groups, probes and neighbourhoods, up to MAX_KEPT_GROUPS each,
    then drops them: the same neighbours, the same rows, whatever it kept."""
    monkeypatch.setattr(candidates, "DICT_LOOKUPS_MAX", 0)
    monkeypatch.setattr(candidates, "MAX_KEPT_GROUPS", kept)
    index, added = generated
    index = PhoneticIndex(index._frozen())
    ref = Reference.of(added)
    for query in _queries(ref, seed=4)[::17]:
        assert index.near(query) == _near_probe_by_probe(index._table, query)
        for found in (query, *index.near(query)):
            assert index.rows(found) == ref.by_skeleton.get(found, [])
        if query:
            got = [(s, f) for s, _, f in index.neighbours(query)]
            assert got == [(s, f) for s, _, f in ref.neighbours(query)]
    assert 0 < len(index._groups) <= max(kept, 1)
    assert 0 < len(index._probes) <= max(kept, len(max(ref.by_skeleton, key=len)) + 1)
    assert 0 < len(index._neighbours) <= max(kept, 1)


def test_hash_collisions_cost_comparisons_only(
    generated: tuple[PhoneticIndex, list[Added]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a hash of 64 values every probe walks past a hundred other skeletons' entries:
    the array lookups still give the reference's neighbours and rows, and those of the
    probe-by-probe lookups."""
    monkeypatch.setattr(candidates, "DICT_LOOKUPS_MAX", 0)
    narrow = lambda text: zlib.crc32(text.encode()) & 63  # noqa: E731
    monkeypatch.setattr(flat, "hash_of", narrow)  # the tables are built with it
    monkeypatch.setattr(candidates, "hash_of", narrow)  # and searched
    _, added = generated
    added = added[:100]
    index = PhoneticIndex.empty()
    for args in added:
        index.add(*args)
    ref = Reference.of(added)
    queries = _queries(ref, seed=5)[::5]
    _assert_same(index, ref, queries)
    for query in queries:
        assert index.near(query) == _near_probe_by_probe(index._table, query)


@pytest.mark.parametrize("size", range(6))
def test_one_deletion_is_told_without_making_every_deletion(size: int) -> None:
    """Every pair of strings over two letters (runs of a letter are where a quick test
    goes wrong), one of them a letter longer."""
    shorts = ["".join(p) for p in itertools.product("ab", repeat=size)]
    longs = ["".join(p) for p in itertools.product("ab", repeat=size + 1)]
    for short in shorts:
        for long in longs:
            assert candidates._one_deleted(short, long) == (short in _deletions(long))


def test_few_kept_rows_give_the_same_rows(
    generated: tuple[PhoneticIndex, list[Added]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Decoded rows are kept up to MAX_DECODED_ROWS, then dropped and decoded again."""
    monkeypatch.setattr(candidates, "MAX_DECODED_ROWS", 7)
    _, added = generated
    index = PhoneticIndex.empty()
    for args in added:
        index.add(*args)
    ref = Reference.of(added)
    _assert_same(index, ref, _queries(ref, seed=3)[::13])
    assert index._decoded_rows <= 7 or len(index._decoded) == 1


def test_adding_after_a_lookup_is_adding_at_once(
    generated: tuple[PhoneticIndex, list[Added]],
) -> None:
    _, added = generated
    index = PhoneticIndex.empty()
    half = len(added) // 2
    for args in added[:half]:
        index.add(*args)
    assert index.rows("KZM") is not None  # freezes the first half
    for args in added[half:]:
        index.add(*args)
    ref = Reference.of(added)
    _assert_same(index, ref, _queries(ref, seed=2)[::11])


def test_scores_are_the_same_as_with_the_reference(
    generated: tuple[PhoneticIndex, list[Added]],
) -> None:
    index, added = generated
    ref = Reference.of(added)
    spans = [("kathimi",), ("mohamad", "hasan"), ("جبوري",), ("ali", "al", "jabbouri")]
    spans += [tuple(words) for _, _, words, arabic, _ in added[::50] if not arabic]
    for words in spans:
        for arabic in (False, True):
            assert score_span(index, words, arabic) == score_span(ref, words, arabic)  # type: ignore[arg-type]


WORD = st.text("abdehiklmnoqrstuyz", min_size=2, max_size=9)
ARABIC_WORD = st.text("ابتثجحخدذرزسشصضطظعغفقكلمنهوي", min_size=2, max_size=7)
NAME = st.one_of(
    st.tuples(st.lists(WORD, min_size=1, max_size=3).map(tuple), st.just(False)),
    st.tuples(st.lists(ARABIC_WORD, min_size=1, max_size=3).map(tuple), st.just(True)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(NAME, st.booleans()), min_size=1, max_size=25), st.randoms())
def test_random_names_match_the_reference(
    names: list[tuple[tuple[tuple[str, ...], bool], bool]], rng: random.Random
) -> None:
    added: list[Added] = [
        (f"person.p{k % 7}", " ".join(words), words, arabic, partial)
        for k, ((words, arabic), partial) in enumerate(names)
    ]
    index = PhoneticIndex.empty()
    for args in added:
        index.add(*args)
    ref = Reference.of(added)
    alphabet = "".join(sorted({ch for s in ref.by_skeleton for ch in s})) or "K"
    queries = [q for s in ref.by_skeleton for q in (s, *_edits(s, rng, alphabet))]
    _assert_same(index, ref, queries)
    _assert_same(pickle.loads(pickle.dumps(index)), ref, queries)


def test_empty_index() -> None:
    index = PhoneticIndex.empty()
    assert index.rows("KZM") == []
    assert index.near("KZMN") == set()
    assert len(index.by_skeleton) == 0
    assert not frozenset({"KZM"}) & index.words


def test_a_name_of_many_words() -> None:
    words = tuple(f"kadhim{chr(97 + k % 26)}" for k in range(70))
    added: list[Added] = [("person.long", " ".join(words), words, False, False)]
    added.append(("person.short", "kazimi", ("kazimi",), False, True))
    index = PhoneticIndex.empty()
    for args in added:
        index.add(*args)
    ref = Reference.of(added)
    long = max(ref.by_skeleton, key=len)
    assert len(long) > 70
    # one letter deleted, or changed, near the end: past where a deletion's position is kept
    edited = [long[:i] + long[i + 1 :] for i in (0, 1, 61, 62, 63, 64, len(long) - 1)]
    edited += [long[:i] + "Q" + long[i + 1 :] for i in (0, 62, 65, len(long) - 1)]
    _assert_same(index, ref, list(ref.by_skeleton) + edited)
    assert all(long in index.near(query) for query in edited)
    assert next(iter(index.by_skeleton.values()))[0][2].words == 70


def _plain_view(view: candidates._View | None) -> object:
    """A view by value (inside, its readings are told apart by identity; equal readings
    from different slot numbers are merged here)."""
    if view is None:
        return None
    partial: dict[PhoneticForm, set[str]] = defaultdict(set)
    for r in view.readings:
        partial[r] |= view.partial.get(id(r), frozenset())
    return set(view.readings), dict(partial), view.full, view.rows


def test_views_are_what_the_rows_give(generated: tuple[PhoneticIndex, list[Added]]) -> None:
    """The array-built view of every skeleton equals the one built row by row from its rows,
    common parts (more than SHARED_PART_MAX persons) included; a view counts each partial
    reading's persons without making the set, and makes a set only when asked for it."""
    index, added = generated
    index._views.clear()
    ref = Reference.of(added)
    wide = several = 0
    for skeleton, rows in ref.by_skeleton.items():
        view = index.view(skeleton)
        assert view is not None
        counted = {key: view.partial.count(key) for key in view.partial}
        assert not view.partial._sets  # nothing made yet
        assert _plain_view(view) == _plain_view(candidates._View.of(rows)), skeleton
        most = candidates.PERSONS_COUNTED_MAX
        assert counted == {key: min(len(w), most) for key, w in view.partial.items()}, skeleton
        wide += view.rows != rows
        several += len({r[2] for r in rows if r[3]}) > 1
    assert wide > 0  # the generated lexicon has common surnames
    assert several > 10  # skeletons with several partial readings, each its own persons
    assert index.view("QQQQQQ") is None
    index._views.clear()


def test_spellings_are_what_the_readings_give(
    generated: tuple[PhoneticIndex, list[Added]],
) -> None:
    """A skeleton's (words, spelled form, script) triples, read from the arrays, are its
    readings' own; an unknown skeleton has none."""
    index, added = generated
    ref = Reference.of(added)
    for skeleton in [*ref.by_skeleton, *_queries(ref, seed=3)[-500:]]:
        assert index.spellings(skeleton) == ref.spellings(skeleton), skeleton


def test_a_fit_rules_out_only_neighbours_that_cannot_match(
    generated: tuple[PhoneticIndex, list[Added]],
) -> None:
    """A group's ``spelled_fit`` rules a neighbour out only when none of its spelled forms
    of the span's number of words can be rated a match, and it rules out most; its script
    bits are its spelled forms' scripts."""
    index, added = generated
    ref = Reference.of(added)
    rng = random.Random(7)
    pairs = ruled_out = 0
    for words in [_misspelled(tuple(w), rng) for _, _, w, _, _ in added[::4] if w]:
        for form in forms_of_words(words, "\u0600" <= words[0][0] <= "\u06ff"):
            near = sorted(ref.near(form.skeleton))
            assert [index.spelled_fit(s) for s in near] == [ref.spelled_fit(s) for s in near]
            for skeleton in near:
                fit, spellings = index.spelled_fit(skeleton), ref.spellings(skeleton)
                may = candidates._may_fit(fit, form, skeleton)
                matched = any(
                    c == form.words and candidates._fuzzy_score(form.spelled, s)[0] > 0
                    for c, s, _ in spellings
                )
                assert may or not matched, (form, skeleton)
                same_script = any(a == form.arabic for _, _, a in spellings)
                assert bool(fit >> (candidates._FIT_SCRIPTS + form.arabic) & 1) == same_script
                pairs += 1
                ruled_out += not may
    assert pairs > 1000
    assert ruled_out > pairs // 2, (ruled_out, pairs)
    assert index.spelled_fit("QQQQQQ") == 0


def _spelled_is_skeleton_between_vowels(form: PhoneticForm) -> bool:
    """What :func:`candidates._may_fit` builds on: a spelled form's upper-case letters and
    digits are its skeleton, the rest lower-case vowels."""
    skeleton = "".join(ch for ch in form.spelled if not ch.islower())
    return skeleton == form.skeleton and not any(ch.islower() for ch in form.skeleton)


def test_spelled_forms_are_skeletons_between_vowels(
    generated: tuple[PhoneticIndex, list[Added]],
) -> None:
    _, added = generated
    for _, _, words, arabic, _ in added:
        assert all(map(_spelled_is_skeleton_between_vowels, forms_of_words(words, arabic)))


@settings(max_examples=200, deadline=None)
@given(NAME)
def test_random_names_are_skeletons_between_vowels(name: tuple[tuple[str, ...], bool]) -> None:
    assert all(map(_spelled_is_skeleton_between_vowels, forms_of_words(*name)))


SKELETON = st.text("KZMN0", min_size=1, max_size=70)
VOWELS = st.text("aiu", max_size=3)


@st.composite
def _span_and_group(
    draw: st.DrawFn,
) -> tuple[PhoneticForm, str, list[tuple[int, str, bool]]]:
    """A span reading, a skeleton near it (or any) and that group's spelled forms: many with
    the span's own vowels (so some match), some past FIT_LONG letters."""
    own = draw(st.sampled_from(["KZM", "KZMN", "MNZK0", "KZMN" * 32]) | SKELETON)
    other = draw(st.sampled_from([own, own + "N", own[1:] or "Z", "K" + own[1:]]) | SKELETON)
    slots = draw(st.lists(VOWELS, min_size=len(own) + 1, max_size=len(own) + 1))
    form = PhoneticForm(own, tuple(slots), False, draw(st.integers(1, 6)))
    alike = (slots + [""] * len(other))[: len(other) + 1]
    vowels = st.just(alike) | st.lists(VOWELS, min_size=len(other) + 1, max_size=len(other) + 1)
    spelled = vowels.map(lambda v: spell(other, tuple(v)))
    readings = st.tuples(st.integers(1, 6) | st.just(form.words), spelled, st.booleans())
    return form, other, draw(st.lists(readings, max_size=5))


@settings(max_examples=400, deadline=None)
@given(_span_and_group())
def test_a_fit_keeps_every_reading_that_can_match(
    case: tuple[PhoneticForm, str, list[tuple[int, str, bool]]],
) -> None:
    """A group with a reading the fuzzy tier matches (rated with rapidfuzz) is never ruled
    out: lengths past FIT_LONG and word counts past FIT_WORDS included; a word count the
    group has no reading of (up to FIT_WORDS) always is."""
    form, skeleton, spellings = case
    fit = candidates._fit_of(spellings)
    if any(
        c == form.words and candidates._fuzzy_score(form.spelled, s)[0] > 0 for c, s, _ in spellings
    ):
        assert candidates._may_fit(fit, form, skeleton)
    if form.words <= candidates.FIT_WORDS and all(c != form.words for c, _, _ in spellings):
        assert not candidates._may_fit(fit, form, skeleton)


def _misspelled(words: tuple[str, ...], rng: random.Random) -> tuple[str, ...]:
    """One letter of one word replaced by another letter of the same script."""
    k = rng.randrange(len(words))
    word = words[k]
    letters = "ابتجحدرسعفقكلمنهوي" if "\u0600" <= word[0] <= "\u06ff" else "abdehiklmnoqrstuy"
    at = rng.randrange(len(word))
    return (*words[:k], word[:at] + rng.choice(letters) + word[at + 1 :], *words[k + 1 :])


def test_fuzzy_tier_rates_neighbours_on_spelled_forms_first(
    generated: tuple[PhoneticIndex, list[Added]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fuzzy tier makes a neighbour's view only when a spelled form matches (or its rows
    are needed all the same): it scores exactly as when every neighbour's readings are
    rated in full, and the rows of groups rated on spelled forms alone are still asked for
    when the span's script must have its say."""
    index, added = generated
    rng = random.Random(5)
    spans = [tuple(w) for _, _, w, _, _ in added[::9]]
    spans += [_misspelled(tuple(w), rng) for _, _, w, _, _ in added[::3] if w]
    spans += [("kathimi",), ("mohamad", "hasen"), ("جبوري",), ("ali", "al", "jabbori")]
    cases = [(w, a) for w in spans for a in (False, True) if a == ("\u0600" <= w[0][0] <= "\u06ff")]
    got = [candidates.score_span_shared(index, w, a) for w, a in cases]
    later = 0
    made = candidates._Rated.made

    def count(self: candidates._Rated) -> object:
        nonlocal later
        later += isinstance(self._view, candidates._Unmatched)
        return made(self)

    monkeypatch.setattr(candidates._Rated, "made", count)
    again = [candidates.score_span_shared(index, w, a) for w, a in cases]
    assert later > 0  # groups rated on spelled forms alone were made when needed
    monkeypatch.setattr(
        candidates, "_fuzzy_views", lambda index, form, near: [index.view(s) for s, _, _ in near]
    )
    rated_in_full = [candidates.score_span_shared(index, w, a) for w, a in cases]
    assert got == again == rated_in_full
    assert sum(bool(s.scored) and s.scored[0].method == Method.FUZZY for s in got) > 50


def _uncapped(
    rows_of: dict[str, list[tuple[str, str, PhoneticForm, bool]]],
    words: tuple[str, ...],
    arabic: bool,
    keep: Callable[[bool], bool],
) -> tuple[list[candidates.Scored], set[str]]:
    """The phonetic tier as first written, over the rows ``keep`` accepts (by their partial
    flag), with no cap: (the scored entries, the persons a partial row scored for)."""
    same: dict[str, candidates.Scored] = {}
    cross: dict[str, candidates.Scored] = {}
    persons: set[str] = set()
    if candidates.too_short(words, arabic):
        return [], persons
    for form in forms_of_words(words, arabic):
        least = phonetic_min_agreement(len(form.skeleton))
        for entry_id, name, reading, partial in rows_of.get(form.skeleton, ()):
            if not keep(partial):
                continue
            agreement = slot_agreement(form, reading)
            score = 0.0 if agreement < least else PHONETIC_BASE + PHONETIC_SPAN * agreement
            score *= PARTIAL_FACTOR if partial else 1.0
            if partial and score > 0:
                persons.add(entry_id)
            table = same if reading.arabic == arabic else cross
            old = table.get(entry_id)
            if old is None or score > old.score:
                table[entry_id] = candidates.Scored(
                    entry_id, score, Method.PHONETIC, name, agreement, partial
                )
    merged = {**cross, **same}
    ranked = sorted(
        (s for s in merged.values() if s.score > 0), key=lambda s: (-s.score, s.entry_id)
    )
    return ranked, persons


def test_a_part_of_many_persons_is_withheld(generated: tuple[PhoneticIndex, list[Added]]) -> None:
    """A span whose partial readings fit more than SHARED_PART_MAX persons scores only whole
    names, and hands those persons back as shared parts; any other span scores as before."""
    index, added = generated
    ref = Reference.of(added)
    spans = [("al", "jabouri"), ("hussein",), ("الحسيني",), ("kathimi",), ("mohamad", "hasan")]
    spans += [tuple(w) for _, _, w, arabic, partial in added[::7] if partial and not arabic]
    spans += [tuple(w) for _, _, w, arabic, partial in added[::7] if partial and arabic]
    withheld = kept = 0
    for words in spans:
        arabic = any("\u0600" <= ch <= "\u06ff" for ch in words[0])
        got = candidates.score_span_shared(index, words, arabic, fuzzy=False)
        everything, persons = _uncapped(ref.by_skeleton, words, arabic, lambda p: True)
        if len(persons) > SHARED_PART_MAX:
            withheld += 1
            assert got.scored == _uncapped(ref.by_skeleton, words, arabic, lambda p: not p)[0]
            assert set().union(*(s.entries for s in got.shared if s.score > 0)) == persons
        else:
            kept += 1
            assert got.scored == everything
            assert got.shared == ()
    assert withheld
    assert kept
