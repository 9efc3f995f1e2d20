"""Word accuracy of a repair against a hand-checked reading.

Words are compared without harakat (``كافياً`` = ``كافيا``), punctuation is ignored, and
paragraph markers are dropped; digits count as words.  A paragraph marker is a number with
its dash, written either way: ``-12`` / ``- 12`` (the repair's form), or ``12 -`` at the start
of a line (how UN reference texts print it); the same rule is applied to the reference and to
the repair.  Two measures:

- :func:`word_accuracy`: ``1 - edit distance / reference length`` over the word sequences,
  so a word in the wrong place counts as an error (order matters for phrase search);
- :func:`bag_accuracy`: the share of reference words present, order ignored.

>>> word_accuracy("نظام روما الأساسي", "نظام روما الأساسي")
1.0
>>> round(word_accuracy("نظام روما الأساسي", "نأام روما الأساسي"), 3)
0.667
>>> words("20 - يقرر أن") == words("-20 يقرر أن") == ["يقرر", "أن"]
True
>>> words("المادة 20 - ألف")
['المادة', '20', 'ألف']
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from indexer.distance import levenshtein
from indexer.lexicon import strip_marks

TOKEN = re.compile(r"[\u0621-\u064A\u064B-\u0652\u0640\u0670]+|[A-Za-z\u0400-\u04FF]+|\d+")
MARKER = re.compile(r"(?<!\S)-\s?\d+(?!\S)|^[ \t]*\d+ -(?=\s)", re.M)


def words(text: str) -> list[str]:
    """The compared words of ``text``: marks dropped, markers and punctuation ignored."""
    return [strip_marks(t) for t in TOKEN.findall(MARKER.sub(" ", text))]


def edit_distance(a: list[str], b: list[str]) -> int:
    """Levenshtein distance between two word sequences."""
    return levenshtein(a, b)


def word_accuracy(reference: str, hypothesis: str) -> float:
    """``1 - edit_distance / len(reference)`` on :func:`words`, floored at 0."""
    ref, hyp = words(reference), words(hypothesis)
    if not ref:
        return 1.0 if not hyp else 0.0
    return max(0.0, 1 - edit_distance(ref, hyp) / len(ref))


def bag_accuracy(reference: str, hypothesis: str) -> float:
    """Share of reference words found in the hypothesis (multiset, order ignored)."""
    ref, hyp = Counter(words(reference)), Counter(words(hypothesis))
    total = sum(ref.values())
    return sum((ref & hyp).values()) / total if total else 1.0


@dataclass(frozen=True)
class Checked:
    """A hand-checked span of a document: its 1-based line range and its correct text."""

    label: str
    first: int
    last: int
    text: str


def load_checked(path: Path) -> list[Checked]:
    """Read a fixture written as ``{"paragraphs": [...], "headings": [...]}``."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    out = []
    for kind in ("paragraphs", "headings"):
        for item in data.get(kind, []):
            out.append(Checked(f"{kind[0]}{item['id']}", item["lines"][0], item["lines"][1], item["text"]))
    return out


def score_checked(repaired_lines: list[str], checked: list[Checked]) -> dict[str, tuple[float, float, int]]:
    """``label -> (word accuracy, bag accuracy, reference words)`` for each checked span."""
    out = {}
    for c in checked:
        hyp = " ".join(repaired_lines[c.first - 1:c.last])
        out[c.label] = (word_accuracy(c.text, hyp), bag_accuracy(c.text, hyp), len(words(c.text)))
    return out


def pooled(scores: dict[str, tuple[float, float, int]], labels=None) -> tuple[float, float, int]:
    """Word-weighted accuracies over ``labels`` (all when ``None``)."""
    items = [v for k, v in scores.items() if labels is None or k in labels]
    n = sum(v[2] for v in items)
    if not n:
        return 1.0, 1.0, 0
    return (sum(v[0] * v[2] for v in items) / n, sum(v[1] * v[2] for v in items) / n, n)
