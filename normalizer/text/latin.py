"""Latin (and other non-Arabic) script folding: case, accents and underdots, ayn/hamza signs."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from normalizer.text.tables import char_table


def strip_marks_latin(s: str) -> str:
    """Decompose (NFKD) and drop combining marks: accents, underdots, macrons.

    >>> strip_marks_latin("Kāẓimī Ḥizb")
    'Kazimi Hizb'
    """
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=4096)
def fold_latin(s: str) -> str:
    """Marks stripped, casefolded, then ``tables/latin_letters.tsv`` (ø, ł, ʿ, ʾ ...);
    invisible format characters (ZWJ, bidi marks, BOM) fold to nothing.

    >>> fold_latin("Al-Kāẓimī"), fold_latin("Asaʿib"), fold_latin("Straße")
    ('al-kazimi', 'asaib', 'strasse')
    """
    table = char_table("latin_letters.tsv")
    # before NFKD, which turns ´ into a space and š into a plain s
    s = "".join(table.get(ch.lower(), ch) for ch in s)
    s = strip_marks_latin(s).casefold()
    return "".join(
        table.get(ch, ch)
        for ch in s
        if not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Mn")
    )
