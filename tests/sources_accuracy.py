"""Word accuracy of an extraction against a reference text (used by tests and benchmarks).

Accuracy = 1 - (substitutions + deletions + insertions) / reference words, from a
word-level edit distance: extra words (a page header left in) count against it as much as
lost ones.

>>> round(word_accuracy("نظام روما الأساسي", "نظام روما"), 3)
0.667
"""
from __future__ import annotations

import re

from indexer.unicode_forms import base_letters

#: Arabic harakat and tatweel: ignored by the search analyzer, so optionally by the measure.
HARAKAT = re.compile("[\u064b-\u0652\u0640]")


def words(text: str, ignore_harakat: bool = False) -> list[str]:
    """Whitespace words after removing direction controls and presentation forms."""
    text = base_letters(text)
    if ignore_harakat:
        text = HARAKAT.sub("", text)
    return text.split()


def edit_operations(reference: list[str], hypothesis: list[str]) -> int:
    """Word-level Levenshtein distance (substitutions + deletions + insertions)."""
    previous = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, start=1):
        current = [i] + [0] * len(hypothesis)
        for j, hyp in enumerate(hypothesis, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref != hyp))
        previous = current
    return previous[-1]


def word_accuracy(reference: str, hypothesis: str, ignore_harakat: bool = False) -> float:
    """1 - word error rate of ``hypothesis`` against ``reference`` (can be below 0)."""
    ref = words(reference, ignore_harakat)
    hyp = words(hypothesis, ignore_harakat)
    return 1 - edit_operations(ref, hyp) / max(1, len(ref))
