"""Phonetic keys: Latin and Arabic renderings of a name in one space.

A name becomes a *skeleton* of consonant classes (``tables/phonetic_latin.tsv`` and
``tables/phonetic_arabic.tsv``: ظ ذ ض ز and dh / z / th / d share class Z; ق ك and q / k / g / gh
share K ...) plus the *vowel slots* around the consonants. Candidates are blocked on the
skeleton; the slots then decide between names with the same skeleton (محمد / محمود,
Hassan / Hussein), because Arabic writes long vowels and Latin writes every vowel.

Before keying: Latin articles (al- el- ul-, sun-letter as- ash- ad- an- ar- at- az-, a fused
al/el, a fused sun-letter article after Abd: Abderrahmane) and the Arabic article ال are
dropped; Abdul / Abdel / Abdol become Abd; Allah is al-Lah in both scripts; Abou becomes Abu;
ibn / ben / bin are kept as BN; a word-final h after a vowel (-ah, -eh) is read silent and as
ح/ه; a word-final Arabic ه or Kurdish ە is a final -a, a final ي is -i or (ى) -a; a fused
الله / الدين is a word of its own; doubled consonants count once (a Latin double is marked).

Vowel slots carry marks: '*' for a written Arabic letter Latin renders as a vowel or nothing
(initial alef, ain), '^' for a Latin word that starts with a vowel, ':' after a Latin doubled
consonant. Numbers keep their digits as classes (Shahed-136 is not Shahed-129).

>>> key("Kadhimi") & key("Kazemi") & key("الكاظمي") and True
True
>>> key("Soleimani") == key("Suleimani") and "SLMN" in key("Soleimani")
True
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
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
ABD_FORMS = ("abdul", "abdel", "abdol", "abdal", "abdil", "abdu", "abdi", "abd")  # abdi: Somali
ABU_FORMS = frozenset({"abu", "abou", "abo"})
#: The Persian / Turkish ezafe written as a word of its own (Ehl-i Hak, Hizb-e): no sound of
#: the Arabic name (it stands where Arabic has a construct or the article).
EZAFE = frozenset({"i", "e", "yi", "ye"})
BIN_FORMS = frozenset({"bin", "ibn", "ben", "bn"})
#: Latin spellings of Allah (al-Lah): keyed as "lah", like the Arabic الله without its article.
ALLAH_FORMS = frozenset({"allah", "alla", "ullah", "ulla", "ellah", "olla", "ollah"})
#: Latin letters of the Arabic sun letters (the article assimilates to them: ar-Rahman).
SUN_LETTERS = frozenset("tdrzsnl")
#: Second parts of compound names often written fused in Arabic (نصرالله, حزب‌الله, نورالدين):
#: read as two words, as when written apart.
ARABIC_FUSED_SUFFIXES = ("الله", "الدين")
#: Persian ending -e'i written with a silent heh (خامنه‌ای, the ZWNJ folded away): read as the
#: long -i of the Arabic spelling (خامنئي).
PERSIAN_EI_ENDING = "هاي"
#: Marks in vowel slots: '*' a written Arabic letter Latin renders as a vowel or nothing
#: (initial alef, ain); '^' a Latin word that starts with a vowel (it renders such a letter);
#: ':' after a doubled Latin consonant (shadda: Ammar, not Amer).
MARKS = "*^:"


#: A parsed word: (vowel class, ()) and ('C', consonant alternatives) items.
Items = tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]


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
        return spell(self.skeleton, self.slots)


@lru_cache(maxsize=1 << 16)
def spell(skeleton: str, slots: tuple[str, ...]) -> str:
    """:attr:`PhoneticForm.spelled` of a reading, kept per distinct reading (the fuzzy tier
    asks for the same indexed readings span after span, mostly without making the reading)."""
    out = [""] * (2 * len(slots) - 1)
    out[0::2] = map(_unmarked, slots)
    out[1::2] = skeleton  # one consonant between two slots (else a ValueError)
    return "".join(out)


@lru_cache(maxsize=1 << 12)
def _unmarked(slot: str) -> str:
    return "".join(ch for ch in slot if ch not in MARKS).lower()


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
        if word in EZAFE and 0 < i < len(words) - 1:
            continue  # Persian / Turkish ezafe between two words: Ehl-i Hak (Ahl al-Haq)
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
                if word in ALLAH_FORMS:
                    word = "lah"  # Abdalla, Abdallah: Abd + Allah
                elif word[:2] in ("al", "el", "ul") and len(word) >= 5:
                    word = word[2:]  # Abdulaziz: abd + (al)aziz
                elif _fused_sun_article(word):
                    word = word[2:]  # Abderrahmane, Abdessalam: abd + (er)rahmane
                break
        else:
            if word in ALLAH_FORMS:
                word = "lah"  # Allah is al-Lah (Abd Allah = Abdullah, Hizb Allah = Hezbollah)
            elif word[:2] in ("al", "el") and len(word) >= 6 and word[2] not in "aeiouyl":
                word = word[2:]  # fused article: Alkazemi (not Allawi: ʿAllawi)
        if word:
            out.append(word)
    return out


def _fused_sun_article(word: str) -> bool:
    """A word opening with an article assimilated to a sun letter and written fused, as
    French and Maghrebi spellings do after Abd: errahmane, essalam, ennour (vowel + doubled
    sun letter)."""
    return len(word) >= 5 and word[0] in "aeu" and word[1] == word[2] and word[1] in SUN_LETTERS


@lru_cache(maxsize=1 << 14)
def _latin_items(word: str, construct: bool = False) -> Items:
    """Parse a Latin word into (vowel class, ()) and ('C', consonant alternatives) items; a
    word starting with a vowel opens with a '^' item. A number is its digits, one class each.

    A grapheme listed as ``x$`` in the table applies only at the end of a word (Turkish
    final t for d). A final h after a or e is read both ways: silent (-ah / -eh for teh
    marbuta: Hikmah, Fallujeh) or a consonant (Saleh, Fateh, Salah for ح; only after two
    consonants: Ilah, Allah end in a silent h). In a ``construct`` (a word another word
    follows) a final -at may be teh marbuta, which ALA-LC romanizes with t there (Madinat
    al-Sadr, Munazzamat Badr); a name's last word keeps its t (Jawdat, Barakat).
    """
    if word.isdigit():
        return tuple(("C", ((d,),)) for d in word)
    table = _latin_table()
    items: list[tuple[str, tuple[tuple[str, ...], ...]]] = []
    if word[:1] in LATIN_VOWELS:
        items.append(("^", ()))
    i = 0
    last = ""
    while i < len(word):
        ch = word[i]
        if ch in LATIN_VOWELS:
            items.append((LATIN_VOWELS[ch], ()))
            i += 1
            last = ch
            continue
        if ch == last:  # a doubled consonant (shadda): one consonant, marked in the slot
            items.append((":", ()))
            i += 1
            continue
        for size in (4, 3, 2, 1):
            grapheme = word[i : i + size]
            if len(grapheme) < size:
                continue
            alts = table.get(grapheme + "$") if i + size == len(word) else None
            alts = alts or table.get(grapheme)
            if alts is not None and i == 0:  # no vowel reading first: Javad is not avad
                alts = tuple(a for a in alts if not a or not a[0].startswith("="))
            if alts is not None:
                items.append(("C", alts))
                last = grapheme
                i += size
                break
        else:
            i += 1  # a character with no phonetic value (0, 1, 4 ...)
    if len(word) >= 3 and last == "h" and word[-2] in "ae":
        consonants = sum(kind == "C" for kind, _ in items) - 1
        items[-1] = ("C", ((), ("H",)) if consonants >= 2 else ((),))  # -ah / -eh: ة, or ح ه
    elif construct and len(word) >= 5 and last == "t" and word[-2] in "ae":
        items[-1] = ("C", (*items[-1][1], ()))  # -at / -et: ة in a construct (Madinat, Medinet)

    return tuple(items)


@lru_cache(maxsize=1 << 14)
def _arabic_items(word: str) -> Items:
    """Parse an Arabic word like :func:`_latin_items` (kept per word: spans share words)."""
    table = _arabic_table()
    if word.isdigit():
        return tuple(("C", ((d,),)) for d in word)
    if word.startswith("ال") and len(word) >= 4:
        word = word[2:]
    if word.startswith("عبدال") and len(word) >= 7:
        word = "عبد" + word[5:]  # عبدالله, عبدالمهدي: Abd + name, article dropped
    ending: list[tuple[str, tuple[tuple[str, ...], ...]]] = []
    if word.endswith(PERSIAN_EI_ENDING) and len(word) > len(PERSIAN_EI_ENDING) + 1:
        word, ending = word[: -len(PERSIAN_EI_ENDING)], [("Y", ())]
    items: list[tuple[str, tuple[tuple[str, ...], ...]]] = []
    last = len(word) - 1
    for k, ch in enumerate(word):
        cls = table.get(ch)
        if k == last and ch in "هە" and k >= 1:
            items.append(("A", ()))  # word-final heh is mostly teh marbuta: a final -a
        elif k == last and ch == "ي" and k >= 2:
            items.append(("Y", ()))  # final ي or ى (one letter after the fold): -i, or -a
        elif k == last and ch == "ى" and k >= 2:
            items.append(("Ý", ()))  # a name spelled with ى (keyed from its written form): -a
        elif cls == "" or not ch.isalpha():
            continue
        elif cls is None:
            items.append(("C", ((ch,),)))  # a letter with no table entry is its own class
        elif cls == "*" or (k == 0 and ch == "ا"):
            items.append(("*", ()))
        elif cls in "AUI":
            items.append((cls, ()))
        else:
            items.append(("C", ((cls,),)))
    return (*items, *ending)


def _split_fused(words: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for word in words:
        for suffix in ARABIC_FUSED_SUFFIXES:
            if word.endswith(suffix) and len(word) > len(suffix) + 1:
                out += [word[: -len(suffix)], suffix]
                break
        else:
            out.append(word)
    return out


#: One word's reading: the vowels before its first consonant, its consonant classes, and the
#: vowel slot after each class.
Segment = tuple[str, str, tuple[str, ...]]
#: A reading being built: consonant classes and the vowel slots around them.
Partial = tuple[list[str], list[str]]


def _readings(words_items: list[Items], arabic: bool) -> list[PhoneticForm]:
    """The distinct readings of a name's words, in order. Each word is read once (its readings
    are kept per word) and the words' readings combined (the first MAX_READINGS
    combinations), unless a word's reading depends on the word before it: then the whole
    name is read letter by letter (:func:`_grow`), which the combination reproduces."""
    n_words = len(words_items)
    words = [_word_readings(items) for items in words_items]
    known = [w for w in words if w is not None]
    combined: Iterable[tuple[str, list[str]]]
    if len(known) == len(words):
        # letter by letter keeps the first MAX_READINGS choices in this same order
        combined = map(_joined, itertools.islice(itertools.product(*known), MAX_READINGS))
    else:
        readings: list[Partial] = [([], [""])]
        for items in words_items:
            readings = _grow(readings, items)
        combined = (("".join(skel), slots) for skel, slots in readings)
    seen: dict[str, PhoneticForm] = {}
    for skeleton, slots in combined:
        key = skeleton + "/" + "/".join(slots)
        if key not in seen:
            seen[key] = PhoneticForm(skeleton, tuple(slots), arabic, n_words)
    return list(seen.values())


@lru_cache(maxsize=1 << 14)
def _word_readings(items: Items) -> tuple[Segment, ...] | None:
    """The readings of one word on its own, in order (up to MAX_READINGS); None when they
    could depend on the word before (its first consonant may be silent or a vowel: a
    consonant after it could then double the last one of that word)."""
    first = next((alts for kind, alts in items if kind == "C"), ())
    if not all(any(c[:1] != "=" for c in alt) for alt in first):
        return None
    return tuple(
        (slots[0], "".join(skel), tuple(slots[1:])) for skel, slots in _grow([([], [""])], items)
    )


def _joined(segments: tuple[Segment, ...]) -> tuple[str, list[str]]:
    """The skeleton and slots of a name read as these readings of its words."""
    slots = [""]
    for lead, _, after in segments:
        slots[-1] += lead
        slots += after
    return "".join([classes for _, classes, _ in segments]), slots


def _grow(readings: list[Partial], items: Items) -> list[Partial]:
    """The readings extended by one word's items (in place where a letter is read one way; up
    to MAX_READINGS)."""
    boundary = True  # a consonant repeated across two words is two consonants
    for kind, alts in items:
        if kind != "C":
            for _, slots in readings:
                slots[-1] += kind
            continue
        if len(alts) == 1 and len(alts[0]) == 1 and not alts[0][0].startswith("="):
            # one consonant, read one way (most letters): every reading grows in place
            cls = alts[0][0]
            doubles = not boundary and not cls.isdigit()
            for skel, slots in readings:
                if not (doubles and skel and skel[-1] == cls and slots[-1] == ""):
                    skel.append(cls)
                    slots.append("")
        elif len(alts) == 1:  # one way to read it: every reading grows in place
            for skel, slots in readings:
                _add_classes(skel, slots, alts[0], boundary)
        else:
            grown: list[Partial] = []
            for (skel, slots), alt in itertools.product(readings, alts):
                skel2, slots2 = list(skel), list(slots)
                _add_classes(skel2, slots2, alt, boundary)
                grown.append((skel2, slots2))
                if len(grown) >= MAX_READINGS:
                    break
            readings = grown
        boundary = False
    return readings


def _add_classes(skel: list[str], slots: list[str], alt: tuple[str, ...], boundary: bool) -> None:
    """Extend one reading (``skel``, ``slots``) by one alternative of a letter: its consonant
    classes, or vowels ('=I'); a consonant doubled within a word counts once."""
    for cls in alt:
        if cls.startswith("="):  # a vowel reading of a letter (j as y: Katjusha)
            slots[-1] += cls[1:]
            continue
        if skel and skel[-1] == cls and slots[-1] == "" and not boundary and not cls.isdigit():
            continue  # doubled consonant
        skel.append(cls)
        slots.append("")


@lru_cache(maxsize=1 << 15)
def forms_of_words(words: tuple[str, ...], arabic: bool) -> tuple[PhoneticForm, ...]:
    """All readings of a name given as folded words of one script."""
    if not arabic:
        prepared = _prepare_latin(list(words))
        items = [_latin_items(w, k < len(prepared) - 1) for k, w in enumerate(prepared)]
        return tuple(f for f in _readings(items, arabic) if f.skeleton)
    items = [_arabic_items(w) for w in _split_fused(words)]
    return tuple(f for f in _readings(items, arabic) if f.skeleton)


def forms(name: str) -> tuple[PhoneticForm, ...]:
    """Readings of a name (any text: folded and split into words first).

    >>> [f.skeleton for f in forms("Hezbollah")][0], [f.skeleton for f in forms("حزب الله")]
    ('HZBL', ['HZBL'])
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
    aa → A, ee / ei / ey / ai / ay → I, oo / ou / uu → U, aw / au → U (as Arabic writes
    them: one long-vowel letter). Marks ('*', '^') are kept.

    >>> _vowels("AA"), _vowels("EI"), _vowels("UU"), _vowels("IA"), _vowels("AEI"), _vowels("AU")
    ('A', 'I', 'U', 'IA', 'I', 'U')
    """
    out = slot
    while True:
        before = out
        out = "".join(ch for k, ch in enumerate(out) if k == 0 or out[k - 1] != ch)
        out = out.replace("AI", "I").replace("EI", "I").replace("EE", "I").replace("AU", "U")
        if out == before:
            return out


def _strip_marks(slot: str) -> str:
    return "".join(ch for ch in slot if ch not in MARKS)


def _plain(slot: str) -> str:
    """The vowels of a slot without marks."""
    return _vowels(_strip_marks(slot))


def _compatible(a: str, b: str, *, cross: bool = False) -> float:
    """Agreement of two non-empty vowel sequences: 1 equal, 0.75 equal but for an 'e'
    (English and French write any short vowel as e: Mohammed, Kazemi, Youssef), else 0.
    A Latin ai may be a diphthong (Husain: one ي) or two vowels (Daish); against Arabic
    (``cross``, ``b`` the Arabic slot: its letters as written) an e never stands for و."""
    xs = (_vowels(a), _repeats(a))
    ys = (_arabic_vowels(b),) if cross else (_vowels(b), _repeats(b))
    if any(x == y for x in xs for y in ys):
        return 1.0
    for x in xs:
        for y in ys:
            if len(x) == len(y) and all(
                p == q or ("E" in (p, q) and not (cross and q == "U"))
                for p, q in zip(x, y, strict=True)
            ):
                return 0.75
    return 0.0


def _arabic_vowels(slot: str) -> str:
    """An Arabic slot's long-vowel letters, repeats collapsed (وو, يي), ي before a final ي
    read as one (خامنئي), a final ى like a final ي (folded text cannot tell them apart);
    ا ي stay two letters (الزراعية is not Syria)."""
    return _repeats(slot.replace("Ý", "Y")).replace("IY", "Y")


def _repeats(slot: str) -> str:
    """A slot with repeated vowels collapsed only (Daesh ae, Daish ai: a + e, a + i)."""
    return "".join(ch for k, ch in enumerate(slot) if k == 0 or slot[k - 1] != ch)


def _subsequence(ar: str, lat: str) -> bool:
    """The Arabic long vowels appear in order among the Latin vowels (e for a or i)."""
    rest = iter(lat)
    return all(any(v == w or (v != "U" and w == "E") for w in rest) for v in ar)


def cross_agreement(lat: str, ar: str, *, first: bool = False) -> float:
    """Agreement of a Latin vowel slot with an Arabic one (the letters ا و ي, '*' for an
    alef or ain Latin renders as a vowel or nothing).

    - Arabic writes no short vowel: an empty Arabic slot agrees with one Latin vowel letter,
      but not with a Latin digraph (ee, ei, ai, aa: a long vowel or diphthong is a written
      letter; Hussein is not حسن) nor with a Latin word-initial vowel (Ilah is not لله).
    - A written long vowel must be matched (Mohammed is not محمود); next to an ain Latin may
      add vowels (Daesh for داعش, Arbaeen for أربعين).

    >>> cross_agreement("EI", ""), cross_agreement("A", ""), cross_agreement("AE", "A*")
    (0.0, 1.0, 1.0)
    """
    star = "*" in ar
    a = _strip_marks(ar)
    raw = _strip_marks(lat)
    if not a:
        if star:
            return 1.0 if raw else 0.0
        if "^" in lat:
            return 0.0
        return 0.0 if _is_digraph(raw, first) else 1.0
    if not raw:
        return 0.0
    a = a.replace("Ý", "A")  # ى as written in a lexicon name is -a
    score = _compatible(raw, a.replace("Y", "I"), cross=True)
    if not score and star and _subsequence(_arabic_vowels(a).replace("Y", "I"), _plain(raw)):
        score = 1.0
    if not score and "Y" in a:  # a final ى read -a (Mustafa); most final ي are -i (nisba)
        score = 0.5 * _compatible(raw, a.replace("Y", "A"), cross=True)
    return score


def _is_digraph(raw: str, first: bool = False) -> bool:
    """Two Latin vowel letters that stand for one Arabic long vowel or diphthong: ee ei ai aa
    ii, and ou / oo / uu except after a name's first consonant, where French writes ou for
    the short u of mu- (Moustafa, Mouqtada; but Mahmoud, Masoud, Mansour have ū). Vowels
    split by a lost hamza (ia, ua) are not one.

    >>> _is_digraph("UU"), _is_digraph("UU", first=True), _is_digraph("EI", first=True)
    (True, False, True)
    """
    return any(d in raw for d in ("EE", "EI", "AI", "AA", "II")) or ("UU" in raw and not first)


@lru_cache(maxsize=1 << 14)
def _final_agrees(x: str, y: str, a_arabic: bool, b_arabic: bool) -> bool:
    """Whether the final slots ``x`` (of a reading in Arabic when ``a_arabic``) and ``y``
    agree (kept per distinct pair: a handful of slot strings recur)."""
    if a_arabic != b_arabic:
        lat, ar = (y, x) if a_arabic else (x, y)
        if not _plain(ar):  # Arabic writes no final short vowel, and Latin writes none but a
            # mute e (-a -i -u are ة ى ا ي و); after a final ain, at most its -a (Shara')
            return _plain(lat) in (("", "E", "A") if "*" in ar else ("", "E"))
        # a final long vowel must be matched as it is, ain or not (Arabiya is not أربعاء)
        return bool(lat) and cross_agreement(lat, ar.replace("*", "")) > 0
    if a_arabic:
        return _arabic_vowels(x) == _arabic_vowels(y)
    if not _plain(x) or not _plain(y):  # French mute -e (Hassane), Turkish -e for -a (Hille)
        return _plain(x) in ("", "E") and _plain(y) in ("", "E")
    return _compatible(_strip_marks(x), _strip_marks(y)) > 0


def _shadda_against_e(x: str, y: str) -> bool:
    """A full vowel after a doubled Latin consonant against an e after a single one: the
    pattern CaCCāC (Ammar, Jabbar) is not CāCiC written with e (Amer, Jaber)."""
    return ":" in x and ":" not in y and _plain(y) == "E" and "E" not in _plain(x)


def slot_agreement(a: PhoneticForm, b: PhoneticForm) -> float:
    """Mean agreement of the vowel slots of two readings with the same skeleton (0..1).

    Arabic leaves short vowels unwritten, so an empty Arabic slot agrees with a Latin vowel
    (see :func:`cross_agreement`); a long-vowel letter (ا و ي) must be matched.

    >>> m1, m2 = forms("Mohammed")[0], forms("Mahmoud")[0]
    >>> m1.skeleton == m2.skeleton, slot_agreement(m1, m2) < 0.75
    (True, True)
    """
    if not _final_agrees(a.slots[-1], b.slots[-1], a.arabic, b.arabic):
        return 0.0  # a final vowel is grammar, not spelling: Ashur / Ashura, Kadhimi / Kadhimiya
    total = 0.0
    mismatches = 0
    for k, (x, y) in enumerate(zip(a.slots, b.slots, strict=True)):
        credit, mismatch = _slot_credit(x, y, a.arabic, b.arabic, k == 1)
        total += credit
        mismatches += mismatch
    # a spelled difference (an Arabic long-vowel letter, a Latin initial vowel) weighs double
    return max(0.0, total - mismatches) / len(a.slots)


@lru_cache(maxsize=1 << 14)
def _slot_credit(x: str, y: str, a_arabic: bool, b_arabic: bool, first: bool) -> tuple[float, int]:
    """One slot pair's agreement and mismatch count for :func:`slot_agreement` (``first``:
    the slot after the first consonant); kept per distinct pair, since slot strings recur."""
    if a_arabic and b_arabic:
        vx, vy = _arabic_vowels(x), _arabic_vowels(y)
        if vx == vy:
            return 1.0, 0
        if vx.replace("A", "") == vy.replace("A", ""):
            return 0.5, 0  # a long a written or not (dagger alef: إبرهيم, الرحمن / الرحمان)
        return 0.0, 1
    if a_arabic or b_arabic:
        lat, ar = (y, x) if a_arabic else (x, y)
        return cross_agreement(lat, ar, first=first), 0
    if ("^" in x) != ("^" in y) and not (_plain(x) and _plain(y)):
        return 0.0, 1  # a word-initial vowel against none: Abdul Ilah / Abdullah
    px, py = _plain(x), _plain(y)
    if not px and not py:
        return 1.0, 0
    if not px or not py:
        return 0.5, 0
    if _shadda_against_e(x, y) or _shadda_against_e(y, x):
        return 0.0, 0  # Ammar (mm + a, long ā) is not Amer (m + e, short i)
    return _compatible(_strip_marks(x), _strip_marks(y)), 0
