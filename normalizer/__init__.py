"""Bilingual Arabic-English term and transliteration normalizer.

>>> from normalizer import Normalizer
>>> Normalizer.default().lookup("الكاظمي").id
'person.mustafa-al-kadhimi'
"""

from normalizer.document import Document
from normalizer.errors import (
    InputDecodeError,
    InputError,
    LexiconError,
    LexiconFormatError,
    LexiconValidationError,
    NormalizerError,
)
from normalizer.model import (
    Candidate,
    DocumentPart,
    Entry,
    Match,
    Mention,
    Method,
    NormalizeResult,
)
from normalizer.normalizer import Normalizer

__version__ = "0.1.0"

__all__ = [
    "Candidate",
    "Document",
    "DocumentPart",
    "Entry",
    "InputDecodeError",
    "InputError",
    "LexiconError",
    "LexiconFormatError",
    "LexiconValidationError",
    "Match",
    "Mention",
    "Method",
    "NormalizeResult",
    "Normalizer",
    "NormalizerError",
    "__version__",
]
