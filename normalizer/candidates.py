"""Transliteration candidates for a span the exact index does not know.

Blocking keeps the cost per span independent of lexicon size: a phonetic candidate shares a
skeleton with the span (one dict lookup per reading); a fuzzy candidate's skeleton is one
edit away, found through a deletion-neighbourhood index (SymSpell style). Only candidates
found this way are scored. An entry is scored against its names in the span's script when
any of them is a candidate; names in the other script count only when none is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from normalizer.model import Method
from normalizer.phonetic import ARTICLES, PhoneticForm, forms_of_words, slot_agreement
from normalizer.text.fold import Token, light_form
from normalizer.text.scripts import is_arabic
from normalizer.text.tables import word_list
from normalizer.thresholds import (
    FUZZY_MIN_RATIO,
    FUZZY_MIN_SKELETON,
    FUZZY_WEIGHT,
    GIVEN_NAME_MIN_SKELETON,
    MIN_PHONETIC_LETTERS,
    MIN_PHONETIC_LETTERS_ARABIC,
    PARTIAL_FACTOR,
    PHONETIC_BASE,
    PHONETIC_SPAN,
    phonetic_min_agreement,
)


@dataclass(frozen=True, slots=True)
class Scored:
    """One entry's best score for a span, and how it was reached."""

    entry_id: str
    score: float
    method: Method
    name: str
    agreement: float
    partial: bool = False


@dataclass(slots=True)
class PhoneticIndex:
    """skeleton → (entry id, name, reading); deletions → skeletons, for the fuzzy tier;
    ``words``: the skeleton of every single word of every name (a cheap first filter)."""

    by_skeleton: dict[str, list[tuple[str, str, PhoneticForm, bool]]]
    deletions: dict[str, set[str]]
    words: set[str]

    @classmethod
    def empty(cls) -> PhoneticIndex:
        return cls(defaultdict(list), defaultdict(set), set())

    def add(
        self, entry_id: str, name: str, words: tuple[str, ...], arabic: bool, partial: bool
    ) -> None:
        """Index every reading of one name (its folded words, all of one script); ``partial``
        marks a part derived from a person's full name (a surname)."""
        for word in words:
            self.words |= first_word_skeletons(word, arabic)
        for form in forms_of_words(words, arabic):
            self.words.add(form.skeleton)  # the whole name written as one word
            self.by_skeleton[form.skeleton].append((entry_id, name, form, partial))
            if len(form.skeleton) >= FUZZY_MIN_SKELETON:
                for d in _deletions(form.skeleton):
                    self.deletions[d].add(form.skeleton)

    def near(self, skeleton: str) -> set[str]:
        """Indexed skeletons one insertion, deletion or substitution away."""
        out = set(self.deletions.get(skeleton, ()))
        for d in _deletions(skeleton):
            if d in self.by_skeleton:
                out.add(d)
            out |= self.deletions.get(d, set())
        out.discard(skeleton)
        return out


def name_script(tokens: Sequence[Token]) -> bool | None:
    """The script of a name's words (True: Arabic), numbers aside (شاهد-136 is an Arabic
    name); None when its words mix scripts."""
    scripts = {t.arabic for t in tokens if not t.key.isdigit()}
    if not scripts:
        scripts = {t.arabic for t in tokens}
    return scripts.pop() if len(scripts) == 1 else None


def keyed_words(tokens: Sequence[Token], text: str = "") -> tuple[str, ...]:
    """The words a name is keyed on: one-letter words (initials) have no reliable sound;
    numbers are kept whole (Shahab-3 is not Shahab-4). Given the name's ``text``, an Arabic
    word written with a final ى keeps it (the fold makes it ي; ى is always -a: مصطفى)."""
    return tuple(_written_final(t, text) for t in tokens if len(t.key) > 1 or t.key.isdigit())


def _written_final(token: Token, text: str) -> str:
    written = light_form(text[token.start : token.end]) if text and token.arabic else ""
    if token.key.endswith("ي") and written.endswith("ى"):
        return token.key[:-1] + "ى"
    return token.key


def too_short(words: tuple[str, ...], arabic: bool) -> bool:
    """Fewer letters than a transliteration match needs (see MIN_PHONETIC_LETTERS)."""
    return letters(words) < (MIN_PHONETIC_LETTERS_ARABIC if arabic else MIN_PHONETIC_LETTERS)


def first_word_skeletons(word: str, arabic: bool) -> frozenset[str]:
    """Skeletons of one word read on its own (a span can match a name only if its first
    word's skeleton is one of some name's words)."""
    return frozenset(f.skeleton for f in forms_of_words((word,), arabic))


def _deletions(skeleton: str) -> set[str]:
    return {skeleton[:i] + skeleton[i + 1 :] for i in range(len(skeleton))}


def letters(words: tuple[str, ...]) -> int:
    """Letters of a span, an Arabic article aside (a guard against short common words; a
    Latin article, written apart, does mark a name: al-Kut).

    >>> letters(("3ali",)), letters(("الكوت",)), letters(("al", "kut")), letters(("shahab", "3"))
    (4, 3, 5, 6)
    """
    if words and words[0].startswith("ال"):
        words = (words[0][2:], *words[1:])
    # a digit inside a word is an Arabizi letter (3ali); a number alone is not
    return sum(sum(ch.isalnum() for ch in w) for w in words if any(c.isalpha() for c in w))


def score_span(
    index: PhoneticIndex, words: tuple[str, ...], arabic: bool, *, fuzzy: bool = True
) -> list[Scored]:
    """Every blocked candidate entry for a span with its best score, best first; the fuzzy
    tier (``fuzzy``) is tried only when no phonetic candidate scores."""
    if too_short(words, arabic):
        return []
    span_forms = forms_of_words(words, arabic)
    same: dict[str, Scored] = {}
    cross: dict[str, Scored] = {}
    for form in span_forms:
        for entry_id, name, name_form, partial in index.by_skeleton.get(form.skeleton, ()):
            agreement = slot_agreement(form, name_form)
            if agreement < phonetic_min_agreement(len(form.skeleton)):
                score = 0.0
            else:
                score = PHONETIC_BASE + PHONETIC_SPAN * agreement
                score *= PARTIAL_FACTOR if partial else 1.0
            _keep(
                same if name_form.arabic == arabic else cross,
                Scored(entry_id, score, Method.PHONETIC, name, agreement, partial),
            )
    if fuzzy and not any(s.score for s in (*same.values(), *cross.values())):
        for form in span_forms:
            if len(form.skeleton) < FUZZY_MIN_SKELETON:
                continue
            for skeleton in index.near(form.skeleton):
                for entry_id, name, name_form, partial in index.by_skeleton[skeleton]:
                    if name_form.words != form.words:
                        continue  # an extra word is another name, not a misspelling
                    if name_form.skeleton[0] != form.skeleton[0] or _digits(
                        name_form.skeleton
                    ) != _digits(form.skeleton):
                        continue  # another first consonant (Uday / Qusay), another number
                    ratio = fuzz.ratio(form.spelled, name_form.spelled, processor=None) / 100
                    score = FUZZY_WEIGHT * ratio if ratio >= FUZZY_MIN_RATIO else 0.0
                    score *= PARTIAL_FACTOR if partial else 1.0
                    _keep(
                        same if name_form.arabic == arabic else cross,
                        Scored(entry_id, score, Method.FUZZY, name, ratio, partial),
                    )
    merged = dict(cross)
    merged.update(same)  # the span's own script decides whenever it has a candidate
    return sorted((s for s in merged.values() if s.score > 0), key=lambda s: (-s.score, s.entry_id))


def _digits(skeleton: str) -> str:
    return "".join(ch for ch in skeleton if ch.isdigit())


def _keep(table: dict[str, Scored], scored: Scored) -> None:
    old = table.get(scored.entry_id)
    if old is None or scored.score > old.score:
        table[scored.entry_id] = scored


def name_groups(words: tuple[str, ...], arabic: bool) -> list[tuple[str, ...]]:
    """Words grouped into name parts, a Latin article joined to the word after it:
    ('abu', 'mahdi', 'al', 'muhandis') → [('abu',), ('mahdi',), ('al', 'muhandis')]."""
    groups: list[tuple[str, ...]] = []
    pending: tuple[str, ...] = ()
    for word in words:
        if not arabic and word in ARTICLES:
            pending += (word,)
            continue
        groups.append((*pending, word))
        pending = ()
    if pending:
        groups.append(pending)
    return groups


#: First words that are not a given name on their own (kunya, Abd, nasab particles).
NOT_GIVEN_NAMES = frozenset({"abu", "abd", "bin", "ibn", "ben", "bint", "ابو", "عبد", "بن", "ابن"})


def is_given_name(group: tuple[str, ...]) -> bool:
    """Whether a person's first name may stand for the person alone (Muqtada, Saddam): one
    word, not a particle (Abu, Abd), not a frequent word of either language (Ali, Mohammed
    and علي are too common to name one person; see ``common_words.txt``) and not shorter than
    GIVEN_NAME_MIN_SKELETON consonants (Hadi, Najah: too short to stand alone)."""
    if len(group) != 1 or group[0] in NOT_GIVEN_NAMES:
        return False
    if group[0].replace("ى", "ي") in word_list("common_words.txt"):  # the list is folded
        return False
    arabic = any(is_arabic(ch) for ch in group[0])
    readings = forms_of_words(group, arabic)
    return bool(readings) and min(len(f.skeleton) for f in readings) >= GIVEN_NAME_MIN_SKELETON


def given_name_stands_alone(names: Sequence[tuple[tuple[str, ...], bool]]) -> bool:
    """Whether a person's given name may name them alone, judged on every canonical name of
    the entry (folded words, script): the first word must be rare in each script, as a word
    of that language (مصطفى is frequent in Arabic, so Mustafa does not name one person)."""
    return any(words for words, _ in names) and all(
        len(name_groups(words, arabic)) >= 2 and is_given_name(name_groups(words, arabic)[0])
        for words, arabic in names
        if words
    )


#: Endings of a nisba adjective (-i, fem. -iyya): Iranian, national, scholarly.
NISBA_ENDINGS_LATIN = ("i", "y", "iya", "iyya", "iyah", "iyyah")
#: As written (before the fold, which makes ى of الأقصى a ي): -ي, -ية, Persian -ی.
NISBA_ENDINGS_ARABIC = ("ي", "ية", "يه", "ی")


def is_nisba(group: tuple[str, ...], arabic: bool, written: str = "") -> bool:
    """Whether a name part is an adjective of relation with the article (al-Iraqi, الإيراني,
    العلمية): news adds one after a name (الحرس الثوري الإيراني for الحرس الثوري). An
    Arabic word is judged as ``written`` (its light form), since the fold merges ى and ي.

    >>> is_nisba(("الايراني",), True, "الإيراني"), is_nisba(("al", "tikriti"), False)
    (True, True)
    >>> is_nisba(("الاقصي",), True, "الأقصى"), is_nisba(("بدر",), True, "بدر")
    (False, False)
    """
    word = group[-1]
    if arabic:
        return word.startswith("ال") and len(word) >= 5 and written.endswith(NISBA_ENDINGS_ARABIC)
    return len(group) == 2 and group[0] in ARTICLES and word.endswith(NISBA_ENDINGS_LATIN)


def partial_names(
    words: tuple[str, ...], arabic: bool, *, given: bool = True
) -> list[tuple[str, ...]]:
    """The short forms news uses for a person's full name: the surname (with its article),
    the given name when ``given`` and it is rare (see :func:`is_given_name`), first + last name
    and the last two names when there are middle names, and the kunya (Abu X) when the name
    starts with one.

    >>> partial_names(("abu", "mahdi", "al", "muhandis"), False)
    [('al', 'muhandis'), ('abu', 'mahdi')]
    >>> partial_names(("mohammad", "baqir", "al", "sadr"), False, given=False)
    [('al', 'sadr'), ('mohammad', 'al', 'sadr'), ('baqir', 'al', 'sadr')]
    >>> partial_names(("muqtada", "al", "sadr"), False)
    [('al', 'sadr'), ('muqtada',)]
    """
    groups = name_groups(words, arabic)
    out: list[tuple[str, ...]] = []
    if len(groups) >= 2:
        out.append(groups[-1])
        if given and is_given_name(groups[0]):
            out.append(groups[0])
    if len(groups) >= 3:
        if groups[0][0] in ("abu", "ابو"):
            out.append(groups[0] + groups[1])
        else:
            out.append(groups[0] + groups[-1])
            out.append(groups[-2] + groups[-1])  # without the first name: Baqir al-Sadr
    return out
