"""The fold: labelled pairs that must (or must not) share a key, and the offset map."""

from __future__ import annotations

import pytest

from normalizer.text import fold, tokenize

SAME = [
    ("case", "KAZEMI", "kazemi"),
    ("hyphen vs space", "Al-Kazemi", "al kazemi"),
    ("en dash and double space", "Al–Kazemi", "Al  Kazemi"),
    ("accents and underdots", "Kāẓimī", "kazimi"),
    ("ayn sign", "Asaʿib", "Asaib"),
    ("straight apostrophe", "Asa'ib", "Asaib"),
    ("curly apostrophe", "Asa’ib", "Asaib"),
    ("possessive", "Kazemi's", "Kazemi"),
    ("possessive curly", "Kazemi’s", "Kazemi"),
    ("decomposed accent", "Ka\u0301zemi", "Kazemi"),
    ("fullwidth", "ＫＡＺＥＭＩ", "kazemi"),
    ("soft hyphen", "Ka\u00adzemi", "Kazemi"),
    ("harakat", "مُصْطَفَى", "مصطفى"),
    ("shadda and tanween", "الكاظميُّ", "الكاظمي"),
    ("superscript alef", "هٰذا", "هذا"),
    ("tatweel", "كـــاظمي", "كاظمي"),
    ("alef with hamza", "أحمد", "احمد"),
    ("alef with hamza below", "إبراهيم", "ابراهيم"),
    ("alef madda", "آل", "ال"),
    ("alef wasla", "ٱلحشد", "الحشد"),
    ("alef maksura", "مصطفى", "مصطفي"),
    ("teh marbuta", "كتيبة", "كتيبه"),
    ("hamza on yeh", "عصائب", "عصايب"),
    ("hamza on waw", "مؤسسة", "موسسه"),
    ("persian kaf and yeh", "کاظمی", "كاظمي"),
    ("persian gaf", "گاطع", "كاطع"),
    ("persian heh with yeh", "خانۀ", "خانه"),
    ("arabic-indic digits", "٢٠٢١", "2021"),
    ("persian digits", "۱۴۰۰", "1400"),
    ("lam-alef ligature", "\ufefbعب", "لاعب"),
    ("presentation forms", "ﺍﻟﻜﺎﻇﻤﻲ", "الكاظمي"),
    ("zero-width non-joiner", "خامنه\u200cای", "خامنهای"),
    ("right-to-left mark", "الكاظمي\u200f", "الكاظمي"),
]

DIFFERENT = [
    ("letters matter", "Badr", "Badran"),
    ("dh is not z in the fold (that is the phonetic key's job)", "Kadhimi", "Kazemi"),
    ("ayn is not hamza-less alef in arabic", "عمر", "امر"),
    ("ظ is not ض", "الكاظمي", "الكاضمي"),
    ("two words are not one", "Al Kazemi", "Alkazemi"),
]


@pytest.mark.parametrize(("label", "a", "b"), SAME, ids=[c[0] for c in SAME])
def test_same_key(label: str, a: str, b: str) -> None:
    assert fold(a).key == fold(b).key


@pytest.mark.parametrize(("label", "a", "b"), DIFFERENT, ids=[c[0] for c in DIFFERENT])
def test_different_key(label: str, a: str, b: str) -> None:
    assert fold(a).key != fold(b).key


def test_mixed_line_folds_each_run_by_its_script() -> None:
    assert fold("Kazemi الكاظمي KAZEMI").key == "kazemi الكاظمي kazemi"


def test_punctuation_and_symbols_fold_to_nothing() -> None:
    assert fold("— “ ” ، ؟ 😡 •").key == ""


@pytest.mark.parametrize(
    "text",
    ["Al-Kāẓimī’s", "وَالكَاظِمِيُّ\r\nﻻ", "a ﷲ b", "٢٠٢١ Asaʿib", "x\u200cy İstanbul ß"],
)
def test_offset_map_is_monotonic_and_in_range(text: str) -> None:
    folded = fold(text)
    assert len(folded.starts) == len(folded.ends) == len(folded.key)
    assert list(folded.starts) == sorted(folded.starts)
    for ch, s, e in zip(folded.key, folded.starts, folded.ends, strict=True):
        assert 0 <= s <= e <= len(text)
        assert s < e or ch == " "  # only the space between two touching scripts is empty


def test_token_spans_cover_trailing_marks() -> None:
    text = "قال الكاظميُّ."
    (_, tok) = tokenize(text)
    assert text[tok.start : tok.start + tok.folded.ends[-1]] == "الكاظميُّ"
