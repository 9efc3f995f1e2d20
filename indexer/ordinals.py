"""Arabic ordinal words that number the sections of UN documents, and a tolerant matcher.

Section headings read ``أولاً - الالتزامات الدولية: التوصيات 1 و2``. In damaged PDF text the
ordinal comes out as ``اولاا``, ``ثانواا`` or ``لاشراا``, so words are compared by edit distance
on a light normal form, and the expected next number breaks ties.

>>> match_ordinal(["-ثانواا"], expected=2)
(2, 1)
>>> match_ordinal(["-حادي", "لشر"], expected=11)
(11, 2)
"""
from __future__ import annotations

import re
from functools import lru_cache

import pyarabic.araby as araby

from indexer.distance import levenshtein

#: Ordinals 1-10 as written in headings (without tanween), in order.
SIMPLE_ORDINALS: tuple[str, ...] = (
    "اولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا", "تاسعا", "عاشرا",
)

#: First words of the compound ordinals 11-19 (``حادي عشر`` ... ``تاسع عشر``).
COMPOUND_UNITS: tuple[str, ...] = (
    "حادي", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع",
)
TEN_WORD = "عشر"

#: Decades used as ordinals (``عشرون`` 20 ... ``خمسون`` 50).
DECADES: dict[str, int] = {"عشرون": 20, "ثلاثون": 30, "اربعون": 40, "خمسون": 50}

_NON_LETTERS = re.compile(r"[^\u0621-\u064a]")


@lru_cache(maxsize=65536)
def light_form(word: str) -> str:
    """Letters only, diacritics and tatweel gone, hamza carriers and alef-maqsura unified.

    >>> light_form("-أولاً")
    'اولا'
    """
    word = araby.strip_tatweel(araby.strip_diacritics(word))
    word = araby.normalize_alef(word).replace("\N{ARABIC LETTER ALEF MAKSURA}", "\N{ARABIC LETTER YEH}")
    word = _NON_LETTERS.sub("", word)
    # Tanween fath after alef is often extracted as a second alef: اولاا -> اولا.
    while word.endswith("اا"):
        word = word[:-1]
    return word


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance of two short words, capped at ``limit + 1``."""
    return levenshtein(a, b, limit)


def _tolerance(word: str) -> int:
    return 1 if len(word) <= 4 else 2


def ordinal_candidates(tokens: list[str]) -> list[tuple[int, int, int]]:
    """All readings of ``tokens[0:2]`` as an ordinal: ``(value, tokens used, distance)``."""
    if not tokens:
        return []
    first = light_form(tokens[0])
    if len(first) < 3:
        return []
    found: list[tuple[int, int, int]] = []
    second = light_form(tokens[1]) if len(tokens) > 1 else ""
    if second and edit_distance(second, TEN_WORD) <= 1:
        for value, unit in enumerate(COMPOUND_UNITS, 11):
            d = edit_distance(first, unit)
            if d <= 1:
                found.append((value, 2, d))
    for value, word in enumerate(SIMPLE_ORDINALS, 1):
        d = edit_distance(first, word)
        if d <= _tolerance(word):
            found.append((value, 1, d))
    for word, value in DECADES.items():
        d = edit_distance(first, word)
        if d <= 1:
            found.append((value, 1, d))
    return found


def match_ordinal(tokens: list[str], expected: int | None = None) -> tuple[int, int] | None:
    """Best ordinal reading of the first token(s): ``(value, tokens used)`` or None.

    Closest spelling wins; among equally close readings the ``expected`` value (the section
    after the previous one) wins, then the smaller value.
    """
    candidates = ordinal_candidates(tokens)
    if not candidates:
        return None
    best = min(candidates, key=lambda c: (c[2], c[0] != expected, -c[1], c[0]))
    return best[0], best[1]
