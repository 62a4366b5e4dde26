"""Block-by-block decoding: the same text as decoding at once, for every split, and errors
that name the absolute byte offset."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer.decode import Decoder, check_encoding, decode_blocks
from normalizer.errors import InputDecodeError, InputError


def split(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({0, len(data), *(c % (len(data) + 1) for c in cuts)})
    return [data[a:b] for a, b in itertools.pairwise(points)]


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "cp1256", "latin-1", "shift_jis"]
TEXT = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\0"))


@settings(max_examples=300)
@given(text=TEXT, cuts=st.lists(st.integers(0, 10_000)), encoding=st.sampled_from(ENCODINGS))
def test_any_split_decodes_like_the_whole(text: str, cuts: list[int], encoding: str) -> None:
    data = text.encode(encoding, errors="ignore")
    whole = data.decode(encoding)
    assert "".join(decode_blocks(split(data, cuts), "doc", encoding)) == whole


@settings(max_examples=300)
@given(data=st.binary(), cuts=st.lists(st.integers(0, 10_000)))
def test_random_bytes_decode_like_the_whole_or_fail_at_the_same_byte(
    data: bytes, cuts: list[int]
) -> None:
    blocks = split(data, cuts)
    if b"\0" in data:  # refused: at the NUL, or at a bad byte in the blocks read before it
        with pytest.raises(InputError) as refused:
            "".join(decode_blocks(blocks, "doc"))
        if isinstance(refused.value, InputDecodeError):
            assert refused.value.offset < data.index(0)
        else:
            assert f"NUL byte at byte offset {data.index(0)}" in str(refused.value)
        return
    assert "".join(decode_blocks(blocks, "doc", errors="replace")) == data.decode(
        "utf-8", errors="replace"
    )
    bad = _first_bad_byte(data)
    if bad is None:
        assert "".join(decode_blocks(blocks, "doc")) == data.decode("utf-8")
    else:
        with pytest.raises(InputDecodeError) as raised:
            "".join(decode_blocks(blocks, "doc"))
        assert raised.value.offset == bad


def _first_bad_byte(data: bytes) -> int | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start
    return None


@pytest.mark.parametrize(
    ("label", "blocks", "encoding", "message"),
    [
        ("bad start byte", [b"ab", b"c\xff"], "utf-8", "doc: cannot decode byte offset 3 as utf-8"),
        ("cut sequence", [b"ab\xd8"], "utf-8", "byte offset 2 as utf-8 (unexpected end of data)"),
        ("bad continuation across blocks", [b"ab\xd8", b"x"], "utf-8", "byte offset 2"),
        ("NUL byte", [b"abc", b"d\0"], "utf-8", "binary file (NUL byte at byte offset 4)"),
        ("NUL in UTF-16", ["ab\0".encode("utf-16")], "utf-16", "NUL character at code point 2"),
        ("odd UTF-16 length", [b"\xff\xfea\x00b"], "utf-16", "byte offset 4 as utf-16"),
    ],
)
def test_errors(label: str, blocks: list[bytes], encoding: str, message: str) -> None:
    message = message.replace("code point 2", "code point offset 2")
    with pytest.raises(InputError) as raised:
        "".join(decode_blocks(blocks, "doc", encoding))
    assert message in str(raised.value)


def test_counts_bytes_and_code_points() -> None:
    decoder = Decoder("doc", "utf-8", "strict")
    decoder.decode("ال".encode()[:3])
    assert (decoder.consumed, decoder.chars) == (3, 1)


def test_unknown_encoding() -> None:
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        check_encoding("klingon")
