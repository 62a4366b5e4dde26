"""Look up a whole term: curated names first (exact, alias, acronym), then transliteration
(phonetic, then fuzzy), then first + last name; each step says why it decided."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from normalizer.candidates import (
    NOT_GIVEN_NAMES,
    Scored,
    is_nisba,
    name_groups,
    name_script,
    score_span,
    too_short,
)
from normalizer.lexicon.compile import CompiledLexicon
from normalizer.model import Match
from normalizer.resolve import scored_match, to_match
from normalizer.scan import Scanner, proclitic_readings, stop_words
from normalizer.text.fold import Token, light_form, tokenize
from normalizer.thresholds import (
    AMBIGUITY_MARGIN,
    MIN_PHONETIC_LETTERS,
    MIN_PHONETIC_LETTERS_ARABIC,
)

#: Which entry types a shortened term may name (see :func:`lookup_term`).
ANY: Callable[[str], bool] = lambda entry_type: True  # noqa: E731
PERSONS: Callable[[str], bool] = lambda entry_type: entry_type == "person"  # noqa: E731
NOT_PLACES: Callable[[str], bool] = lambda entry_type: entry_type != "place"  # noqa: E731
INSTITUTIONS: Callable[[str], bool] = lambda t: t not in ("place", "person")  # noqa: E731


@dataclass(frozen=True, slots=True)
class LookupTrace:
    """A lookup's result, the reason for it, and the transliteration candidates it weighed
    (with the words they were scored on)."""

    match: Match | None
    reason: str
    scored: tuple[Scored, ...] = ()
    words: tuple[str, ...] = ()


def lookup_term(
    lex: CompiledLexicon, scanner: Scanner, term: str, *, fuzzy: bool = True
) -> LookupTrace:
    """The entry a whole term names, and why (see :class:`LookupTrace`)."""
    tokens = tokenize(term)
    if not tokens:
        return LookupTrace(None, "no match: the term has no letters or digits")
    if len(tokens) == 1:
        owners = scanner.acronym(term, tokens[0])
        if owners:
            return LookupTrace(to_match(lex, term, owners), "acronym: the same capitals")
    found = scanner.owners_of(term, tokens, 0, len(tokens), scanner.document_cues(tokens))
    if found is not None:
        match = to_match(lex, term, found[0])
        how = "a canonical name" if match.method == "exact" else "a curated alias"
        return LookupTrace(match, _decided(match, f"the folded form is {how}"))
    if not fuzzy:
        return LookupTrace(None, "no match: not a curated name (transliteration is off)")
    script = name_script(tokens)
    if script is None:
        return LookupTrace(None, "no match: mixed scripts are matched only as curated names")
    if len(tokens) == 1 and scanner.is_acronym_like(term, tokens[0]):
        return LookupTrace(None, "no match: all-caps words (acronyms) are never matched fuzzily")
    arabic = script
    rest = tuple(t.key for t in tokens[1:])
    for first, skip in proclitic_readings(tokens[0]):
        if len(tokens) == 1 and _stop_word(lex, term, tokens[0], skip):
            continue  # على is "on", not علي; وعلى is و + على
        words = (first, *rest)
        scored = score_span(lex.phonetic, words, arabic)
        if scored:
            return _scored(lex, term, scored, words, "")
    groups = name_groups(tuple(t.key for t in tokens), arabic)
    last = light_form(term[tokens[-1].start : tokens[-1].end])
    for words, which, types in shorter_forms(groups, arabic, last):
        scored = [
            s
            for s in score_span(lex.phonetic, words, arabic, fuzzy=False)
            if not s.partial and types(lex.entries[s.entry_id].type)
        ]
        if scored:
            return _scored(lex, term, scored, words, f" ({which})")
    words = tuple(t.key for t in tokens)
    if too_short(words, arabic):
        least = MIN_PHONETIC_LETTERS_ARABIC if arabic else MIN_PHONETIC_LETTERS
        return LookupTrace(None, f"no match: fewer than {least} letters")
    return LookupTrace(None, "no match: no name shares a phonetic key or is one edit away")


def shorter_forms(
    groups: list[tuple[str, ...]], arabic: bool, last: str = ""
) -> list[tuple[tuple[str, ...], str, Callable[[str], bool]]]:
    """Shorter forms of a term with parts the lexicon may not list, tried in order against
    full names only: (words, why, which entry types they may name); ``last`` is the last
    word as written (light form).

    - middle names: first + last name;
    - a nisba after ism + nasab (Saddam Hussein al-Tikriti): the first two names, persons
      only, never after a kunya (Abu Bakr al-Baghdadi is not Abu Bakr);
    - an adjective after an institution (الحرس الثوري الإيراني, al-Hawza al-Ilmiyya), never
      naming a place (صلاح الدين الأيوبي is Saladin, not the province) nor, after one
      given name, a person (Ali al-Sistani is not Ali).
    """
    out: list[tuple[tuple[str, ...], str, Callable[[str], bool]]] = []
    particle = groups[0][0] in NOT_GIVEN_NAMES
    if len(groups) >= 3:
        out.append((groups[0] + groups[-1], "first + last name", ANY))
        if len(groups[0]) == 1 and not particle:
            out.append((groups[0] + groups[1], "first two names", PERSONS))
    if len(groups) >= 2 and not particle and is_nisba(groups[-1], arabic, last):
        rest = tuple(w for g in groups[:-1] for w in g)
        types = NOT_PLACES if len(groups) >= 3 else INSTITUTIONS
        out.append((rest, "without the trailing adjective", types))
    return out


def _stop_word(lex: CompiledLexicon, term: str, token: Token, skip: int) -> bool:
    """Whether a word (after ``skip`` proclitic letters) is on the stop list and no name
    spells it (the scanner's rule, see :mod:`normalizer.scan`)."""
    start = token.offset(skip) if skip else token.start
    light = light_form(term[start : token.end])
    return light in stop_words() and light not in lex.name_light_forms


def _scored(
    lex: CompiledLexicon, term: str, scored: list[Scored], words: tuple[str, ...], note: str
) -> LookupTrace:
    match = scored_match(lex, term, scored)
    best = scored[0]
    why = f"{best.method} match on {best.name!r}{note}"
    if best.partial:
        why += ", a part of the full name"
    return LookupTrace(match, _decided(match, why), tuple(scored), words)


def _decided(match: Match | None, why: str) -> str:
    if match is not None and match.id is None:
        return f"ambiguous: {why}; the best candidates are within {AMBIGUITY_MARGIN}"
    return why
