"""Every matching threshold, in one place, with what it is for.

Scores run from 0 to 1: 1.0 only for an exact or alias match (after folding); phonetic
matches score below PHONETIC_BASE + PHONETIC_SPAN; fuzzy ones below FUZZY_WEIGHT.
"""

from __future__ import annotations

#: Score of a match on a canonical name or a curated alias (after folding).
EXACT_SCORE = 1.0

# --- transliteration matching (see normalizer/candidates.py) -----------------------------
#: Vowel-slot agreement a phonetic match needs, by skeleton length (consonant classes):
#: short skeletons (Ali, Omar, Kut) collide easily, so they must agree completely but for one
#: e written for another short vowel (Omer / Omar, Yusuf / Youssef: 0.75 in one of 3 slots).
PHONETIC_MIN_AGREEMENT = {1: 1.0, 2: 0.9, 3: 0.85}
PHONETIC_MIN_AGREEMENT_LONG = 0.75
#: Phonetic score = PHONETIC_BASE + PHONETIC_SPAN * agreement (never reaches an exact 1.0).
PHONETIC_BASE = 0.6
PHONETIC_SPAN = 0.35
#: Fuzzy tier: skeletons one edit apart, at least this long, and spelled forms this similar
#: (rapidfuzz Indel ratio, processor=None); score = FUZZY_WEIGHT * ratio.
FUZZY_MIN_SKELETON = 4
FUZZY_MIN_RATIO = 0.9
FUZZY_WEIGHT = 0.9
#: A term needs this many letters (an Arabic article aside) to be matched phonetically or
#: fuzzily: four in Latin (Jul, Mon, Tue are not names; al-Kut counts its article), three in
#: Arabic, which writes no short vowels (حسن, عمر, نجف).
MIN_PHONETIC_LETTERS = 4
MIN_PHONETIC_LETTERS_ARABIC = 3
#: A surname or other part derived from a person's full name scores this much of a full name.
PARTIAL_FACTOR = 0.9
#: A name part (surname, given name, kunya) that more than this many persons of the lexicon
#: share names none of them on its own: it resolves only to such a person named in full
#: earlier in the document (an antecedent). Real name lists share their common parts widely
#: (at 100,000 entries a common surname belongs to thousands); listing or scoring them all
#: would tell an analyst nothing and cost time in proportion to the lexicon.
SHARED_PART_MAX = 10
#: A given name stands for a person alone only with this many consonant classes (Muqtada,
#: Saddam; not Hadi or Najah, which are short and shared by many).
GIVEN_NAME_MIN_SKELETON = 3
#: Longest run of words tried as one transliterated name in running text.
MAX_TRANSLIT_WORDS = 4
#: When the two best entries score within this margin, the result is ambiguous.
AMBIGUITY_MARGIN = 0.05


def phonetic_min_agreement(skeleton_length: int) -> float:
    """The agreement threshold for a skeleton of this many consonant classes."""
    return PHONETIC_MIN_AGREEMENT.get(skeleton_length, PHONETIC_MIN_AGREEMENT_LONG)
