"""Compiled lexicons kept on disk, so start-up does not parse and compile YAML again.

A cache file is keyed by the lexicon files (names and bytes, in load order), the code that
compiles them (a digest of the package's modules and tables) and the Python version; any
change gives a new key, so a stale index is never read. The directory is
``$NORMALIZER_CACHE_DIR``, else ``$XDG_CACHE_HOME/iraq-term-normalizer``, else
``~/.cache/iraq-term-normalizer``; ``NORMALIZER_NO_CACHE=1`` turns the cache off.

The cache never decides a result: a missing, unwritable, truncated or corrupt file (checked
by length and CRC before unpickling) means "compile as if there were no cache". Writers
write a private temporary file and rename it into place, so concurrent processes never see
half a file. The files are pickles: the cache directory is trusted like the user's own files.

A file is mapped into memory, not read: the transliteration index's arrays are memoryviews
over the mapping (no copy, and pages shared by every process that loads the same file). This
relies on files never being changed in place (they are replaced by a rename, or removed).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import io
import mmap
import os
import pickle
import struct
import sys
import tempfile
import zlib
from array import array
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from normalizer.collector import collector_paused
from normalizer.errors import LexiconFormatError
from normalizer.lexicon.compile import CompiledLexicon, compile_lexicon
from normalizer.lexicon.load import PathLike, parse_lexicon

#: Bumped when the file layout changes.
FORMAT = 7
MAGIC = b"iraq-term-normalizer lexicon cache\n"
#: CRC-32 and length of the payload, then a pad byte: the payload starts 48 bytes into the
#: file, so the arrays it aligns to 8 bytes are aligned in the memory mapping too.
_HEADER = struct.Struct("<IQx")
#: Cache files kept; the least recently used ones beyond this are removed.
MAX_FILES = 8
#: Compiled lexicons kept in memory per process (workers unpickling many normalizers).
MAX_IN_MEMORY = 4


@dataclass(frozen=True, slots=True)
class LexiconSource:
    """The files a lexicon is compiled from: (name used in messages, bytes), in load order.

    Pickles as its compressed bytes, so a :class:`~normalizer.Normalizer` sent to another
    process or machine carries what it needs to rebuild its index (or find it in a cache).
    """

    files: tuple[tuple[str, bytes], ...]

    def key(self) -> str:
        """The cache key: these files, this code, this Python."""
        h = hashlib.sha256(f"{FORMAT}\0{code_version()}\0".encode())
        for name, data in self.files:
            h.update(f"{name}\0{len(data)}\0".encode())
            h.update(data)
        return h.hexdigest()

    def __reduce__(self) -> tuple[Any, ...]:
        return _unpack_source, (zlib.compress(pickle.dumps(self.files, protocol=5), 6),)


def _unpack_source(blob: bytes) -> LexiconSource:
    return LexiconSource(pickle.loads(zlib.decompress(blob)))


def read_source(paths: Iterable[PathLike]) -> LexiconSource:
    """Read lexicon files' bytes (raises :class:`LexiconFormatError` if one cannot be read)."""
    files: list[tuple[str, bytes]] = []
    for path in paths:
        name = os.fspath(path)
        try:
            files.append((name, Path(path).read_bytes()))
        except OSError as err:
            raise LexiconFormatError(f"{name}: cannot read ({err.strerror})") from None
    return LexiconSource(tuple(files))


@cache
def code_version() -> str:
    """A digest of the package's modules and data tables (what compiling depends on)."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(sys.version.encode())
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".tsv", ".txt") and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(root)).encode() + b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()


def cache_dir() -> Path | None:
    """Where cache files go, or None when the cache is turned off."""
    if os.environ.get("NORMALIZER_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = os.environ.get("NORMALIZER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "iraq-term-normalizer"


_memory: OrderedDict[str, CompiledLexicon] = OrderedDict()


def load_lexicon(source: LexiconSource) -> CompiledLexicon:
    """The compiled lexicon of ``source``: from this process's memory, the disk cache, or
    compiled (then cached). Raises the errors of :func:`compile_lexicon`."""
    key = source.key()
    lex = _memory.get(key)
    if lex is None:
        folder = cache_dir()
        path = folder / f"{key}.lexicon" if folder is not None else None
        lex = _read(path) if path is not None else None
        if lex is None:
            lex = compile_lexicon(parse_lexicon(data, name) for name, data in source.files)
            if path is not None:
                _write(path, lex)
        lex.source = source
        _memory[key] = lex
        while len(_memory) > MAX_IN_MEMORY:
            _memory.popitem(last=False)
    _memory.move_to_end(key)
    return lex


def load_paths(paths: Iterable[PathLike]) -> CompiledLexicon:
    """The compiled lexicon of these files (see :func:`load_lexicon`)."""
    return load_lexicon(read_source(paths))


class _Pickler(pickle.Pickler):
    """Frozen dataclasses (phonetic readings, flat tables) pickle as a constructor call: several
    times quicker to load than the default per-field ``__setstate__``. Arrays (and
    memoryviews cast over a loaded file) are raw buffers out of band (see :func:`dumps`)."""

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        if cls is array or cls is memoryview:
            return _ints, (obj.typecode if cls is array else obj.format, pickle.PickleBuffer(obj))
        if dataclasses.is_dataclass(cls) and _positional(cls):
            return cls, tuple(getattr(obj, f.name) for f in dataclasses.fields(obj))
        return NotImplemented


def _ints(typecode: str, buffer: Any) -> memoryview:
    """An array's items as a memoryview over the loaded bytes (no copy)."""
    raw: Any = memoryview(buffer).cast("B")
    items: memoryview = raw.cast(typecode)
    return items


@cache
def _positional(cls: type[Any]) -> bool:
    params = getattr(cls, "__dataclass_params__", None)
    return bool(params and params.frozen) and all(f.init for f in dataclasses.fields(cls))


def dumps(obj: object) -> bytes:
    """Pickle ``obj`` the way cache files do: the pickle's length and the number and sizes of
    its out-of-band buffers (little-endian 64-bit), the pickle, then each buffer at an offset
    that is a multiple of 8. Loading reads arrays in place, with no copy."""
    buffers: list[pickle.PickleBuffer] = []
    buf = io.BytesIO()
    _Pickler(buf, protocol=5, buffer_callback=buffers.append).dump(obj)
    raws = [b.raw() for b in buffers]
    sizes = [len(buf.getbuffer()), len(raws), *(r.nbytes for r in raws)]
    out = io.BytesIO()
    out.write(struct.pack(f"<{len(sizes)}Q", *sizes))
    out.write(buf.getbuffer())
    for raw in raws:
        out.write(bytes(-out.tell() % 8))
        out.write(raw)
    return out.getvalue()


def loads(data: bytes | memoryview) -> Any:
    """Unpickle what :func:`dumps` wrote, with the cyclic GC paused (it would rescan millions
    of new containers), then :func:`gc.freeze` (the objects alive, the lexicon among them,
    move to the permanent generation, so later collections do not rescan them either).
    Arrays come back as memoryviews over ``data``."""
    view = memoryview(data)
    size, count = struct.unpack_from("<2Q", view)
    sizes = struct.unpack_from(f"<{count}Q", view, 16)
    at = 16 + 8 * count + size
    head = view[at - size : at]
    buffers = []
    for n in sizes:
        at += -at % 8
        buffers.append(view[at : at + n])
        at += n
    if at != len(view) or len(head) != size:
        raise ValueError("not a cache payload")
    with collector_paused():
        obj = pickle.loads(head, buffers=buffers)
        gc.freeze()  # a lexicon lives as long as the process
    return obj


def _read(path: Path) -> CompiledLexicon | None:
    try:
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            blob = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        os.utime(path)  # most recently used
    except OSError:
        return None
    head = len(MAGIC) + _HEADER.size
    if blob[: len(MAGIC)] == MAGIC and len(blob) >= head:
        crc, size = _HEADER.unpack_from(blob, len(MAGIC))
        payload = memoryview(blob)[head:]
        if len(payload) == size and zlib.crc32(payload) == crc:
            try:
                lex = CompiledLexicon.from_state(loads(payload))
            except Exception:  # an unreadable cache file is only a cache miss
                lex = None
            if lex is not None:
                return lex
    _unlink(path)
    return None


def _write(path: Path, lex: CompiledLexicon) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        payload = dumps(lex.to_state())
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".lexicon")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(MAGIC + _HEADER.pack(zlib.crc32(payload), len(payload)))
                fh.write(payload)
            os.replace(tmp, path)
        except BaseException:
            _unlink(Path(tmp))
            raise
        _evict(path.parent)
    except OSError:
        return  # a read-only or full disk: run without a cache


def _evict(folder: Path) -> None:
    """Keep the most recently used lexicons (and Arabic tables, one per code version)."""
    for pattern in ("*.lexicon", "arabic-*.json"):
        files = sorted(folder.glob(pattern), key=_mtime, reverse=True)
        for old in files[MAX_FILES:]:
            _unlink(old)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
