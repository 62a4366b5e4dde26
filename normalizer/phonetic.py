"""Phonetic keys: Latin and Arabic renderings of a name in one space.

A name becomes a *skeleton* of consonant classes (``tables/phonetic_latin.tsv`` and
``tables/phonetic_arabic.tsv``: ظ ذ ض ز and dh / z / th / d share class Z; ق ك and q / k / g / gh
share K ...) plus the *vowel slots* around the consonants. Candidates are blocked on the
skeleton; the slots then decide between names with the same skeleton (محمد / محمود,
Hassan / Hussein), because Arabic writes long vowels and Latin writes every vowel.

Before keying: Latin articles (al- el- ul-, sun-letter as- ash- ad- an- ar- at- az-, a fused
al/el) and the Arabic article ال are dropped; Abdul / Abdel / Abdol become Abd; Abou becomes
Abu; ibn / ben / bin are kept as BN; a word-final h after a vowel (-ah, -eh) is silent and a
word-final Arabic ه (teh marbuta after the fold) is a final -a; doubled consonants count once.

>>> key("Kadhimi") & key("Kazemi") & key("الكاظمي") and True
True
>>> sorted(key("Soleimani")) == sorted(key("Suleimani")) == ["SLMN"]
True
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache, lru_cache

from normalizer.text.fold import tokenize
from normalizer.text.tables import data_lines

#: Most readings kept for one Latin name (ambiguous graphemes multiply them).
MAX_READINGS = 48
LATIN_VOWELS = {"a": "A", "e": "E", "i": "I", "y": "I", "o": "U", "u": "U", "w": "U"}
ARTICLES = frozenset({"al", "el", "il", "ul"})
SUN_ARTICLES = {
    "as": "s", "ash": "sh", "ad": "d", "adh": "dh", "an": "n", "ar": "r", "at": "t",
    "ath": "th", "az": "z", "es": "s", "esh": "sh", "ed": "d", "en": "n", "er": "r",
    "et": "t", "ez": "z", "ud": "d", "un": "n", "ur": "r", "us": "s", "ut": "t",
}  # fmt: skip
ABD_FORMS = ("abdul", "abdel", "abdol", "abdal", "abdil", "abdu", "abd")
ABU_FORMS = frozenset({"abu", "abou", "abo"})
BIN_FORMS = frozenset({"bin", "ibn", "ben", "bn"})


@dataclass(frozen=True, slots=True)
class PhoneticForm:
    """One reading of a name: consonant classes and the vowel classes around them.

    ``slots`` has one entry more than ``skeleton``: the vowels before the first consonant,
    between each pair, and after the last. '*' is any vowel (Arabic initial alef).
    """

    skeleton: str
    slots: tuple[str, ...]
    arabic: bool
    words: int = 1

    @property
    def spelled(self) -> str:
        """Skeleton and slots interleaved, for edit-distance scoring.

        >>> forms("Kazemi")[0].spelled
        'KaZeMi'
        """
        out = [self.slots[0].lower()]
        for consonant, slot in zip(self.skeleton, self.slots[1:], strict=True):
            out += [consonant, slot.lower()]
        return "".join(out)


@cache
def _latin_table() -> dict[str, tuple[tuple[str, ...], ...]]:
    table: dict[str, tuple[tuple[str, ...], ...]] = {}
    for line in data_lines("phonetic_latin.tsv"):
        grapheme, classes = line.split("\t")[:2]
        table[grapheme] = tuple(
            () if alt == "-" else tuple(alt.split(" ")) for alt in classes.split("|")
        )
    return table


@cache
def _arabic_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in data_lines("phonetic_arabic.tsv"):
        letter, cls = line.split("\t")[:2]
        table[letter] = "" if cls == "-" else cls
    return table


def _prepare_latin(words: list[str]) -> list[str]:
    """Drop articles, unify Abd/Abu/bin forms; words are folded Latin keys."""
    out: list[str] = []
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if nxt and (word in ARTICLES or nxt.startswith(SUN_ARTICLES.get(word, "\0"))):
            continue
        if word in ABU_FORMS:
            out.append("abu")
            continue
        if word in BIN_FORMS:
            out.append("bn")
            continue
        for form in ABD_FORMS:
            if word.startswith(form) and (word == form or len(word) - len(form) >= 3):
                out.append("abd")
                word = word[len(form) :]
                if word[:2] in ("al", "el", "ul") and len(word) >= 5:
                    word = word[2:]  # Abdulaziz: abd + (al)aziz
                break
        else:
            if word[:2] in ("al", "el") and len(word) >= 6 and word[2] not in "aeiouy":
                word = word[2:]  # fused article: Alkazemi
        if word:
            out.append(word)
    return out


def _latin_items(word: str) -> list[tuple[str, tuple[tuple[str, ...], ...]]]:
    """Parse a Latin word into ('V', vowel class) and ('C', consonant alternatives) items."""
    table = _latin_table()
    items: list[tuple[str, tuple[tuple[str, ...], ...]]] = []
    i = 0
    last = ""
    while i < len(word):
        ch = word[i]
        if ch in LATIN_VOWELS:
            items.append((LATIN_VOWELS[ch], ()))
            i += 1
            last = ch
            continue
        for size in (4, 3, 2, 1):
            alts = table.get(word[i : i + size])
            if alts is not None:
                items.append(("C", alts))
                last = word[i : i + size]
                i += size
                break
        else:
            i += 1  # a character with no phonetic value (0, 1, 4 ...)
    if len(word) >= 4 and last == "h" and word[-2] in "ae":
        items.pop()  # -ah / -eh: teh marbuta
    return items


def _arabic_items(word: str) -> list[tuple[str, tuple[tuple[str, ...], ...]]]:
    table = _arabic_table()
    if word.startswith("ال") and len(word) >= 4:
        word = word[2:]
    if word.startswith("عبدال") and len(word) >= 7:
        word = "عبد" + word[5:]  # عبدالله, عبدالمهدي: Abd + name, article dropped
    items: list[tuple[str, tuple[tuple[str, ...], ...]]] = []
    for k, ch in enumerate(word):
        cls = table.get(ch)
        if cls == "" or not ch.isalpha():
            continue
        if cls is None:
            items.append(("C", ((ch,),)))  # a letter with no table entry is its own class
        elif k == len(word) - 1 and ch == "ه" and k >= 1:
            items.append(("A", ()))  # word-final heh is mostly teh marbuta: a final -a
        elif cls in "AUI":
            items.append(("*" if (k == 0 and ch == "ا") else cls, ()))
        else:
            items.append(("C", ((cls,),)))
    return items


def _readings(
    words_items: list[list[tuple[str, tuple[tuple[str, ...], ...]]]], arabic: bool
) -> list[PhoneticForm]:
    n_words = len(words_items)
    readings: list[tuple[list[str], list[str]]] = [([], [""])]
    for item_list in words_items:
        boundary = True  # a consonant repeated across two words is two consonants
        for kind, alts in item_list:
            if kind != "C":
                for _, slots in readings:
                    slots[-1] += kind
                continue
            grown: list[tuple[list[str], list[str]]] = []
            for (skel, slots), alt in itertools.product(readings, alts):
                skel2, slots2 = list(skel), list(slots)
                for cls in alt:
                    if skel2 and skel2[-1] == cls and slots2[-1] == "" and not boundary:
                        continue  # doubled consonant
                    skel2.append(cls)
                    slots2.append("")
                grown.append((skel2, slots2))
                if len(grown) >= MAX_READINGS:
                    break
            readings = grown
            boundary = False
    seen: dict[str, PhoneticForm] = {}
    for skel, slots in readings:
        form = PhoneticForm("".join(skel), tuple(slots), arabic, n_words)
        seen.setdefault(form.skeleton + "/" + "/".join(slots), form)
    return list(seen.values())


@lru_cache(maxsize=1 << 15)
def forms_of_words(words: tuple[str, ...], arabic: bool) -> tuple[PhoneticForm, ...]:
    """All readings of a name given as folded words of one script."""
    if arabic:
        items = [_arabic_items(w) for w in words]
    else:
        items = [_latin_items(w) for w in _prepare_latin(list(words))]
    return tuple(f for f in _readings(items, arabic) if f.skeleton)


def forms(name: str) -> tuple[PhoneticForm, ...]:
    """Readings of a name (any text: folded and split into words first).

    >>> [f.skeleton for f in forms("Hezbollah")], [f.skeleton for f in forms("حزب الله")]
    (['HZBL'], ['HZBL'])
    """
    tokens = tokenize(name)
    if not tokens:
        return ()
    arabic = tokens[0].arabic
    return forms_of_words(tuple(t.key for t in tokens if t.arabic == arabic), arabic)


def key(name: str) -> frozenset[str]:
    """The set of skeletons of a name."""
    return frozenset(f.skeleton for f in forms(name))


def _vowels(slot: str) -> str:
    """A slot's vowel classes with repeats collapsed and diphthongs read as one vowel:
    aa → A, ee / ei / ey / ai / ay → I, oo / ou / uu → U.

    >>> _vowels("AA"), _vowels("EI"), _vowels("UU"), _vowels("IA")
    ('A', 'I', 'U', 'IA')
    """
    out = "".join(ch for k, ch in enumerate(slot) if k == 0 or slot[k - 1] != ch)
    out = out.replace("AI", "I").replace("EI", "I").replace("EE", "I")
    return out


def _compatible(a: str, b: str) -> float:
    """Agreement of two non-empty vowel sequences: 1 equal, 0.75 equal but for an 'e'
    (English and French write any short vowel as e: Mohammed, Kazemi, Youssef), else 0."""
    x, y = _vowels(a), _vowels(b)
    if x == y:
        return 1.0
    if len(x) == len(y) and all(p == q or "E" in (p, q) for p, q in zip(x, y, strict=True)):
        return 0.75
    return 0.0


def _final_agrees(a: PhoneticForm, b: PhoneticForm) -> bool:
    x, y = a.slots[-1], b.slots[-1]
    if a.arabic != b.arabic:
        lat, ar = (y, x) if a.arabic else (x, y)
        if not ar:  # Arabic leaves a final short vowel unwritten, but writes -a (ة ى ا)
            return not lat or _vowels(lat)[-1] != "A"
        return bool(lat) and _compatible(lat, ar) > 0
    if not x or not y:
        return not x and not y
    return _compatible(x, y) > 0


def slot_agreement(a: PhoneticForm, b: PhoneticForm) -> float:
    """Mean agreement of the vowel slots of two readings with the same skeleton (0..1).

    Arabic leaves short vowels unwritten, so an empty Arabic slot agrees with any Latin vowel;
    a long-vowel letter (ا و ي) must be matched.

    >>> m1, m2 = forms("Mohammed")[0], forms("Mahmoud")[0]
    >>> m1.skeleton == m2.skeleton, slot_agreement(m1, m2) < 0.75
    (True, True)
    """
    if not _final_agrees(a, b):
        return 0.0  # a final vowel is grammar, not spelling: Ashur / Ashura, Kadhimi / Kadhimiya
    total = 0.0
    mismatches = 0
    for x, y in zip(a.slots, b.slots, strict=True):
        if "*" in x or "*" in y:
            total += 1.0 if (x and y) or not (a.arabic and b.arabic) else 0.0
        elif a.arabic and b.arabic:
            same = _vowels(x) == _vowels(y)
            total += 1.0 if same else 0.0
            mismatches += not same
        elif a.arabic or b.arabic:
            lat, ar = (y, x) if a.arabic else (x, y)
            total += 1.0 if not ar else (_compatible(lat, ar) if lat else 0.0)
        elif not x and not y:
            total += 1.0
        elif not x or not y:
            total += 0.5
        else:
            total += _compatible(x, y)
    # in Arabic script a long-vowel letter is spelled, so a difference weighs double
    return max(0.0, total - mismatches) / len(a.slots)
