"""The disk cache of compiled lexicons: a hit gives the same index as compiling, any change
to the files or the code misses, a damaged or unwritable cache only costs a compile, and a
Normalizer pickles as its lexicon files (small), not as its index."""

from __future__ import annotations

import pickle
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from normalizer import LexiconValidationError, Normalizer
from normalizer.lexicon import cache
from normalizer.lexicon.compile import CompiledLexicon, compile_lexicon
from normalizer.lexicon.load import bundled_paths, load_entries
from normalizer.text import arabic
from normalizer.text.fold import fold_word, light_form
from normalizer.text.scripts import is_arabic

from .conftest import MINI

EXTRA = """
entries:
  - id: person.test-person
    type: person
    canonical: {en: Zaid Test, ar: زيد تست}
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(folder))
    monkeypatch.delenv("NORMALIZER_NO_CACHE", raising=False)
    cache._memory.clear()
    return folder


def _files(folder: Path, pattern: str = "*.lexicon") -> list[Path]:
    return sorted(folder.glob(pattern)) if folder.exists() else []


def _same(a: CompiledLexicon, b: CompiledLexicon) -> None:
    assert a.entries == b.entries
    assert a.index == b.index
    assert a.weak == b.weak
    assert a.acronyms == b.acronyms
    assert a.first_tokens == b.first_tokens
    assert a.name_light_forms == b.name_light_forms
    assert a.warnings == b.warnings
    assert dict(a.phonetic.by_skeleton) == dict(b.phonetic.by_skeleton)
    assert set(a.phonetic.words) == set(b.phonetic.words)
    for skeleton in a.phonetic.by_skeleton:
        assert a.phonetic.near(skeleton) == b.phonetic.near(skeleton)


def _no_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("compiled although the cache has it")

    monkeypatch.setattr(cache, "compile_lexicon", refuse)
    cache._memory.clear()


def test_a_hit_gives_the_compiled_index(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = compile_lexicon(load_entries(bundled_paths()))
    first = cache.load_paths(bundled_paths())
    assert len(_files(cache_dir)) == 1
    _no_compile(monkeypatch)
    again = cache.load_paths(bundled_paths())
    assert again is not first
    _same(again, fresh)
    _same(first, fresh)


def test_changed_file_misses(cache_dir: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(EXTRA, "utf-8")
    before = cache.load_paths([MINI, extra])
    extra.write_text(EXTRA.replace("Zaid Test", "Zaid Other"), "utf-8")
    cache._memory.clear()
    after = cache.load_paths([MINI, extra])
    assert before.entries["person.test-person"].en == "Zaid Test"
    assert after.entries["person.test-person"].en == "Zaid Other"
    assert len(_files(cache_dir)) == 2


def test_changed_code_misses(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = cache.read_source([MINI]).key()
    monkeypatch.setattr(cache, "code_version", lambda: "another version")
    assert cache.read_source([MINI]).key() != key


def test_file_order_and_name_are_part_of_the_key(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(EXTRA, "utf-8")
    copy = tmp_path / "copy.yaml"
    copy.write_text(EXTRA, "utf-8")
    keys = {
        cache.read_source([MINI, extra]).key(),
        cache.read_source([extra, MINI]).key(),
        cache.read_source([MINI, copy]).key(),
    }
    assert len(keys) == 3


@pytest.mark.parametrize(
    ("label", "damage"),
    [
        ("truncated", lambda b: b[: len(b) // 2]),
        ("flipped byte", lambda b: b[:-10] + bytes([b[-10] ^ 0xFF]) + b[-9:]),
        ("empty", lambda b: b""),
        ("not a cache file", lambda b: b"hello"),
    ],
)
def test_a_damaged_file_is_recompiled(cache_dir: Path, label: str, damage: object) -> None:
    cache.load_paths([MINI])
    (path,) = _files(cache_dir)
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    cache._memory.clear()
    lex = cache.load_paths([MINI])
    _same(lex, compile_lexicon(load_entries([MINI])))
    assert cache._read(path) is not None  # rewritten whole


def test_arrays_load_aligned_from_the_file(cache_dir: Path) -> None:
    """Arrays load as memoryviews over the file's mapping; each starts at a multiple of 8
    bytes (numpy, which camel-tools installs, tells whether the address is aligned)."""
    np = pytest.importorskip("numpy")
    cache.load_paths([MINI])
    (path,) = _files(cache_dir)
    assert (len(cache.MAGIC) + cache._HEADER.size) % 8 == 0
    lex = cache._read(path)
    assert lex is not None
    table = lex.phonetic._frozen()
    arrays = [table.lookup, table.deleted, table.starts, table.spelled_fit]
    assert all(isinstance(a, memoryview) for a in arrays)
    assert all(np.frombuffer(a, dtype=a.format).flags.aligned for a in arrays)


def test_a_valid_frame_around_a_bad_pickle_is_a_miss(cache_dir: Path) -> None:
    cache.load_paths([MINI])
    (path,) = _files(cache_dir)
    payload = b"not a pickle"
    path.write_bytes(cache.MAGIC + cache._HEADER.pack(cache.zlib.crc32(payload), len(payload)))
    with path.open("ab") as fh:
        fh.write(payload)
    assert cache._read(path) is None
    assert not path.exists()


def test_unwritable_cache_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(blocker / "cache"))
    cache._memory.clear()
    assert cache.load_paths([MINI]).entries


def test_cache_can_be_turned_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMALIZER_NO_CACHE", "1")
    assert cache.cache_dir() is None
    cache.load_paths([MINI])
    assert _files(cache_dir, "*") == []


def test_validation_errors_are_raised_and_not_cached(cache_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXTRA.replace("person.test-person", "Not An Id"), "utf-8")
    with pytest.raises(LexiconValidationError):
        cache.load_paths([bad])
    assert _files(cache_dir, "*") == []


def test_old_files_are_evicted(cache_dir: Path, tmp_path: Path) -> None:
    for k in range(cache.MAX_FILES + 3):
        extra = tmp_path / f"extra{k}.yaml"
        extra.write_text(EXTRA, "utf-8")
        cache.load_paths([extra])
    assert len(_files(cache_dir)) == cache.MAX_FILES


def _load_in_worker(paths: list[str]) -> int:
    return len(cache.load_paths(paths).index)


def test_concurrent_writers_leave_one_whole_file(cache_dir: Path) -> None:
    paths = [str(p) for p in bundled_paths()]
    with ProcessPoolExecutor(2) as pool:
        sizes = list(pool.map(_load_in_worker, [paths] * 4))
    assert len(set(sizes)) == 1
    (path,) = _files(cache_dir)
    assert _files(cache_dir, ".tmp-*") == []
    assert cache._read(path) is not None


def test_normalizer_pickles_small_and_behaves_the_same(cache_dir: Path) -> None:
    n = Normalizer.default()
    data = pickle.dumps(n)
    index_size = len(cache.dumps(n._lex.to_state()))
    assert len(data) * 10 < index_size
    text = "Al-Kazemi met PMF leaders in الحشد الشعبي; Kathimi said."
    assert pickle.loads(data).normalize(text) == n.normalize(text)


def test_pickled_normalizer_carries_its_user_lexicon(tmp_path: Path) -> None:
    """Unpickled in a fresh process with an empty cache and the user file gone."""
    extra = tmp_path / "extra.yaml"
    extra.write_text(EXTRA, "utf-8")
    blob = tmp_path / "n.pickle"
    blob.write_bytes(pickle.dumps(Normalizer.from_paths([extra])))
    extra.unlink()
    code = (
        "import pickle, sys; n = pickle.load(open(sys.argv[1], 'rb')); "
        "print(n.lookup('Zaid Test').id, n.lookup('Kazemi').id)"
    )
    env = {"NORMALIZER_CACHE_DIR": str(tmp_path / "empty-cache"), "PATH": ""}
    out = subprocess.run(
        [sys.executable, "-c", code, str(blob)], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["person.test-person", "person.mustafa-al-kadhimi"]


def test_lexicon_without_source_still_pickles() -> None:
    lex = compile_lexicon(load_entries([MINI]))
    assert lex.source is None
    _same(pickle.loads(pickle.dumps(lex)), lex)


def test_arabic_tables_from_the_cache_equal_the_steps(cache_dir: Path) -> None:
    arabic.code_point_tables.cache_clear()
    computed = arabic.code_point_tables()  # computed and written
    arabic.code_point_tables.cache_clear()
    (path,) = cache_dir.glob("arabic-*.json")
    assert arabic.code_point_tables() == computed == arabic.compute_code_point_tables()
    path.write_text("{damaged", "utf-8")
    arabic.code_point_tables.cache_clear()
    assert arabic.code_point_tables() == computed


ARABIC_CHARS = st.sampled_from(arabic.arabic_word_code_points())


@settings(max_examples=300, deadline=None)
@given(st.lists(ARABIC_CHARS, min_size=1, max_size=8).map("".join))
@example("\u200c\u0600")  # an Arabic run may start with a ZWNJ: read as Arabic all the same
def test_light_form_by_table_equals_the_steps(word: str) -> None:
    assert light_form.__wrapped__(word) == arabic.light_fold_arabic(word)


@settings(max_examples=300, deadline=None)
@given(st.lists(ARABIC_CHARS, min_size=1, max_size=8).map("".join))
def test_fold_by_table_equals_the_steps(word: str) -> None:
    folded = fold_word.__wrapped__(word)
    if not any(is_arabic(ch) for ch in word):
        return  # a word of controls only is not an Arabic word
    assert folded.key == "".join(arabic.fold_arabic(ch) for ch in word)
