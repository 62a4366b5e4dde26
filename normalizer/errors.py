"""The exceptions the library raises; nothing else escapes it for expected failures.

::

    NormalizerError                 base class: catch this to handle every expected failure
     ├── LexiconError               a lexicon could not be used
     │    ├── LexiconFormatError    unreadable: YAML syntax, not UTF-8, too large, anchors,
     │    │                         nesting too deep, duplicate keys
     │    └── LexiconValidationError  readable but wrong: each problem names file, line,
     │                              entry id, the path to the bad value and the value
     └── InputError                 a document could not be processed
          └── InputDecodeError      bytes that do not decode (names the file and byte offset)

Every message is one line that says what was expected and what was found.
"""

from __future__ import annotations

__all__ = [
    "InputDecodeError",
    "InputError",
    "LexiconError",
    "LexiconFormatError",
    "LexiconValidationError",
    "NormalizerError",
]


class NormalizerError(Exception):
    """Base class of every error this library raises on purpose."""


class LexiconError(NormalizerError):
    """A lexicon file could not be loaded or compiled."""


class LexiconFormatError(LexiconError):
    """A lexicon file is not readable YAML of the expected shape (syntax, encoding, size)."""


class LexiconValidationError(LexiconError):
    """One or more entries break the lexicon rules; ``problems`` lists every one of them."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(self.problems[0] + suffix)


class InputError(NormalizerError):
    """A document could not be read or processed."""


class InputDecodeError(InputError):
    """Document bytes are not valid in the chosen encoding."""

    def __init__(self, name: str, offset: int, encoding: str, reason: str) -> None:
        self.name, self.offset, self.encoding = name, offset, encoding
        super().__init__(
            f"{name}: cannot decode byte offset {offset} as {encoding} ({reason}); "
            "choose the encoding with --encoding, or use --errors replace"
        )
