"""Decode a byte stream block by block, with errors that name the absolute byte offset.

Documents are read as bytes and decoded explicitly (text mode would rewrite CRLF), in blocks so
that a file of any size is decoded in bounded memory. A codec's incremental decoder holds back
an incomplete multi-byte sequence at the end of a block, so the text is the same as decoding the
whole file at once, for any split. NUL means binary: such files are refused, not normalized.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator

from normalizer.errors import InputDecodeError, InputError


def check_encoding(encoding: str) -> str:
    """The codec's canonical name; raises :class:`InputError` for an unknown encoding.

    >>> check_encoding("UTF8")
    'utf-8'
    """
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None


def _nul_is_a_byte(encoding: str) -> bool:
    """True when a NUL character is the single byte 0 (ASCII-compatible encodings), so binary
    files can be recognised in the raw bytes; UTF-16/32 are checked on the decoded text."""
    try:
        return codecs.encode("\0", encoding) == b"\0"
    except (UnicodeError, LookupError):
        return False


class Decoder:
    """Incremental decoder for one document: ``decode(block)`` for each block of bytes, then
    ``decode(b"", final=True)``.

    Raises :class:`InputDecodeError` at an undecodable byte (``errors="strict"``) with its
    offset from the start of the document, and :class:`InputError` for binary data (NUL).

    >>> d = Decoder("doc.txt", "utf-8", "strict")
    >>> d.decode("كاظمي".encode()[:3]) + d.decode("كاظمي".encode()[3:]) + d.decode(b"", final=True)
    'كاظمي'
    """

    def __init__(self, name: str, encoding: str, errors: str) -> None:
        self.name = name
        self.encoding = encoding  # as the user spelled it, for messages
        self._decoder = codecs.getincrementaldecoder(check_encoding(encoding))(errors)
        self._nul_byte = _nul_is_a_byte(self.encoding)
        #: bytes given so far
        self.consumed = 0
        #: code points returned so far
        self.chars = 0

    def decode(self, block: bytes, final: bool = False) -> str:
        """The text of ``block`` that is complete so far (all of it when ``final``)."""
        if self._nul_byte:
            nul = block.find(b"\0")
            if nul >= 0:
                raise self._binary(f"NUL byte at byte offset {self.consumed + nul}")
        state = self._decoder.getstate()[0]
        pending = len(state) if isinstance(state, bytes) else 0
        try:
            text = self._decoder.decode(block, final)
        except UnicodeDecodeError as err:
            offset = self.consumed - pending + err.start
            raise InputDecodeError(self.name, offset, self.encoding, err.reason) from None
        if not self._nul_byte:
            nul = text.find("\0")
            if nul >= 0:
                raise self._binary(f"NUL character at code point offset {self.chars + nul}")
        self.consumed += len(block)
        self.chars += len(text)
        return text

    def _binary(self, where: str) -> InputError:
        return InputError(f"{self.name}: looks like a binary file ({where}); not processed")


def decode_blocks(
    blocks: Iterable[bytes], name: str, encoding: str = "utf-8", errors: str = "strict"
) -> Iterator[str]:
    """The decoded text of a stream of byte blocks, piece by piece (see :class:`Decoder`).

    >>> "".join(decode_blocks([b"Kazemi\\r", b"\\n\\xd8", b"\\xa7"], "doc.txt"))
    'Kazemi\\r\\nا'
    """
    decoder = Decoder(name, encoding, errors)
    for block in blocks:
        text = decoder.decode(block)
        if text:
            yield text
    text = decoder.decode(b"", final=True)
    if text:
        yield text
