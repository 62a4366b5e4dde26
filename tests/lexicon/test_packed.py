"""A lexicon loaded from the cache (entries and name tables packed, entries and owners made
on first use) is the lexicon that was compiled: every entry equal, every key with the same
owners in the same order, the same order of entries and keys, and the same answers to
lookups and documents. Checked on a generated 2,000-entry lexicon and the bundled one."""

from __future__ import annotations

import pickle
import random

import pytest

from benchmarks.lexgen import write_lexicon
from normalizer import Normalizer
from normalizer.lexicon import cache, packed
from normalizer.lexicon.compile import CompiledLexicon, compile_lexicon
from normalizer.lexicon.load import bundled_paths, load_entries
from normalizer.lexicon.packed import EntryTable, OwnerTable
from normalizer.model import Method


@pytest.fixture(scope="module", params=["generated", "bundled"])
def compiled_and_loaded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[CompiledLexicon, CompiledLexicon]:
    """A lexicon compiled, and the same lexicon loaded from its cache file."""
    if request.param == "generated":
        paths = write_lexicon(2000, tmp_path_factory.mktemp("lexicon"))
    else:
        paths = bundled_paths()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NORMALIZER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        mp.delenv("NORMALIZER_NO_CACHE", raising=False)
        cache._memory.clear()
        cache.load_paths(paths)  # compiles and writes the file
        cache._memory.clear()
        loaded = cache.load_paths(paths)
        cache._memory.clear()
    return compile_lexicon(load_entries(paths)), loaded


def test_the_loaded_lexicon_is_packed(
    compiled_and_loaded: tuple[CompiledLexicon, CompiledLexicon],
) -> None:
    _, loaded = compiled_and_loaded
    assert isinstance(loaded.entries, EntryTable)
    assert all(isinstance(t, OwnerTable) for t in (loaded.index, loaded.weak, loaded.acronyms))


def test_every_entry_built_on_first_use_equals_the_compiled_one(
    compiled_and_loaded: tuple[CompiledLexicon, CompiledLexicon],
) -> None:
    compiled, loaded = compiled_and_loaded
    assert len(loaded.entries) == len(compiled.entries)
    assert list(loaded.entries) == list(compiled.entries)
    for entry_id, entry in compiled.entries.items():
        assert entry_id in loaded.entries
        assert loaded.entries[entry_id] == entry
        assert loaded.entries.get(entry_id) is loaded.entries[entry_id]  # made once
    assert list(loaded.entries.values()) == list(compiled.entries.values())


def test_every_key_has_the_compiled_owners_in_the_same_order(
    compiled_and_loaded: tuple[CompiledLexicon, CompiledLexicon],
) -> None:
    compiled, loaded = compiled_and_loaded
    for name in ("index", "weak", "acronyms"):
        table, packed = getattr(compiled, name), getattr(loaded, name)
        assert list(packed) == list(table)
        assert len(packed) == len(table)
        for key, owners in table.items():
            assert key in packed
            assert list(packed[key].items()) == list(owners.items())
            assert packed.get(key) is packed[key]


@pytest.mark.parametrize("missing", ["", "person.nobody", "kazemi kazemi kazemi", "PMF ", 3])
def test_unknown_ids_and_keys_are_missing(
    compiled_and_loaded: tuple[CompiledLexicon, CompiledLexicon], missing: object
) -> None:
    _, loaded = compiled_and_loaded
    for table in (loaded.entries, loaded.index, loaded.weak, loaded.acronyms):
        assert missing not in table
        if isinstance(missing, str):
            assert table.get(missing) is None
            assert table.get(missing, "default") == "default"
            with pytest.raises(KeyError):
                table[missing]


def test_packed_tables_pickle_and_compare_equal(
    compiled_and_loaded: tuple[CompiledLexicon, CompiledLexicon],
) -> None:
    compiled, loaded = compiled_and_loaded
    unpickled = pickle.loads(pickle.dumps(compiled))  # no source files: pickled packed
    assert isinstance(unpickled.entries, EntryTable)
    for name in ("entries", "index", "weak", "acronyms"):
        table = getattr(compiled, name)
        for flat in (getattr(loaded, name), getattr(unpickled, name)):
            assert flat == table
            assert table == flat
            assert pickle.loads(pickle.dumps(flat)) == table


def test_a_large_name_table_finds_keys_by_hash(
    compiled_and_loaded: tuple[CompiledLexicon, CompiledLexicon],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Above DICT_KEYS_MAX keys a table probes its hash array: the same answers."""
    compiled, _ = compiled_and_loaded
    monkeypatch.setattr(packed, "DICT_KEYS_MAX", 0)
    table = OwnerTable.of(compiled.index, EntryTable.of(compiled.entries))
    for key, owners in compiled.index.items():
        assert list(table[key].items()) == list(owners.items())
        assert f"{key} x" not in table
        assert table.get(key[:-1]) == compiled.index.get(key[:-1])
    assert table._numbers is None


def test_a_loaded_lexicon_is_read_only(
    compiled_and_loaded: tuple[CompiledLexicon, CompiledLexicon],
) -> None:
    compiled, loaded = compiled_and_loaded
    entry = next(iter(compiled.entries.values()))
    with pytest.raises(TypeError, match="read-only"):
        loaded.add_name(entry, "Some New Name", Method.ALIAS)


def _terms(lex: CompiledLexicon, seed: int = 0) -> list[str]:
    """Names and aliases of some entries, with a few spelling variants."""
    rng = random.Random(seed)
    entries = rng.sample(list(lex.entries.values()), min(300, len(lex.entries)))
    out = []
    for entry in entries:
        for name in (*entry.names, *entry.aliases, *entry.context_aliases):
            out += [name, name.lower(), name.replace("a", "e", 1), name.split(" ")[-1]]
    return out


def test_the_loaded_lexicon_answers_as_the_compiled_one(
    compiled_and_loaded: tuple[CompiledLexicon, CompiledLexicon],
) -> None:
    compiled, loaded = compiled_and_loaded
    terms = _terms(compiled)
    for fuzzy in (True, False):
        fresh, cached = Normalizer(compiled, fuzzy=fuzzy), Normalizer(loaded, fuzzy=fuzzy)
        for term in terms:
            assert cached.lookup(term) == fresh.lookup(term), term
        rng = random.Random(1)
        text = "".join(f"{t} said on Monday. " if rng.random() < 0.5 else f"{t}، " for t in terms)
        assert cached.normalize(text) == fresh.normalize(text)
        assert cached.warnings == fresh.warnings


def test_a_cache_file_holds_no_object_per_entry() -> None:
    """What makes loading quick: packed entries pickle as a few strings and arrays."""
    state = compile_lexicon(load_entries(bundled_paths())).to_state()
    assert b"normalizer.model" not in pickle.dumps(state["entries"], protocol=5)
    assert isinstance(state["index"], OwnerTable)
