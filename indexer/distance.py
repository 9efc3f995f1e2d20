"""Levenshtein distance, for letters of a word or words of a text.

>>> levenshtein("ثانواا", "ثانيا")
2
>>> levenshtein("نظام روما".split(), "روما نظام".split())
2
"""
from __future__ import annotations

from collections.abc import Sequence


def levenshtein(a: Sequence, b: Sequence, limit: int | None = None) -> int:
    """Edits (insert, delete, substitute) turning ``a`` into ``b``; at most ``limit + 1``."""
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1] if limit is None else min(previous[-1], limit + 1)
