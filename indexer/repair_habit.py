"""What a document's extraction does to runs, learnt from the document itself (:class:`Habit`).

One extraction emits the runs of every line left to right, another keeps numbers beside
their words, another moves a paragraph's first or last words to the other end of a line
whose marker is printed last (``... بالتعاون مع   -12``).  :func:`document_habit` lets the
document's own lines vote, each by how much better its runs read one way than the other
(:func:`indexer.repair_order_score.score_order`); the order repair
(:func:`indexer.repair_order.reorder_line`) then adjusts its priors by the habit learnt.

>>> Habit()
Habit(reverse=0.0, numbers='', edge_cut=2.5, final_stop=0.0)
>>> bool(MARKER_APART.search("تقدم الدعم بالتعاون مع   -12")), bool(MARKER_APART.search("الجدول 29 زاي -17"))
(True, False)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.lexicon import Bigrams
from indexer.pair_model import PairModel
from indexer.repair_footnotes import attach_footnotes
from indexer.repair_order_score import order_model, score_order
from indexer.repair_runs import hard_chunks, is_head_piece, is_tail_piece, split_runs

#: A paragraph marker printed last, after a run of spaces: ``... بالتعاون مع   -12``.
MARKER_APART = re.compile(r"\S\s{2,}-\s?[0-9]+\s*$")
CUT_COST = 2.5         # log10: a run boundary with no trace (one space) in reversed runs
#: ... in a line whose paragraph marker is printed last, set apart: a cut that leaves a short
#: run (at most this many words) at either end of the line, the paragraph's first or last
#: words emitted on their own, costs less where the document's habit is to move such runs
#: (:attr:`Habit.edge_cut`): about log10 of the 6 places such a cut can be (1-3 words at
#: either end) when a moved run is as likely as none; the held-out row is flat from 0.5 to
#: 1.0 (480-496 words lost, 470 at 0.75), worse at 0.25 (504) and 1.5 (548)
EDGE_RUN_WORDS = 3
EDGE_CUT_COST = 0.75
#: share of a document's marker-last lines of one run that must clearly show a moved run
EDGE_MOVED_SHARE = 0.15
HABIT_MARGIN = 1.0     # log10: a line votes for the reversed or the found order by this much
HABIT_RATIO = 2.0      # reversing votes needed per found vote to call reversing the habit
HABIT_MIN_VOTES = 3
HABIT_BONUS = 1.5      # log10 taken off the reversed order's prior in such a document
HABIT_MAX_WORDS = 40


@dataclass(frozen=True)
class Habit:
    """What a document's extraction does to runs, learnt from the document itself.

    ``reverse``: log10 taken off the prior of reversed runs (the extraction emits runs left to
    right); ``edge_cut``: the price of a cut with no trace that leaves a short run at either
    end of a line whose marker is printed last (:data:`EDGE_CUT_COST` where such lines of this
    document clearly show a run moved, else :data:`CUT_COST`); ``numbers``: ``"move"`` when a number beside a word (one space) is a run of its own
    that is reversed with the rest, ``"stay"`` when it stays in place, ``""`` when unknown;
    ``final_stop``: log10 charged to an order of a paragraph's last line (the next line
    starts a paragraph: ``after == ["</s>"]``) that does not end with a stop
    (:mod:`indexer.repair_paragraph_edges`, learnt from the lines a first pass left as found).
    """

    reverse: float = 0.0
    numbers: str = ""
    edge_cut: float = CUT_COST
    final_stop: float = 0.0


def document_habit(lines: list[str], lm: Bigrams | PairModel | None = None, clean=None, known=None) -> Habit:
    """Learn the :class:`Habit` of a document's extraction from its lines.

    Each line with a hard run boundary votes: its runs reversed (numbers moving with them or
    staying beside their words, whichever reads better) score clearly better
    (:data:`HABIT_MARGIN`) or clearly worse than as found.  When the reversing votes win by
    :data:`HABIT_RATIO` (and there are :data:`HABIT_MIN_VOTES`), reversing is the habit of
    this extraction.  Lines that also have numbers beside words vote the same way on whether
    those numbers move with the reversed runs or stay in place.
    """
    lm = lm or order_model()
    rev = found = move = stay = 0
    for line in lines:
        if not line.strip() or len(line.split()) > HABIT_MAX_WORDS:
            continue
        runs, _ = split_runs(line)
        if len(runs) < 2 or not any(r.hard for r in runs[1:]):
            continue
        as_found = [t for r in runs for t in r.tokens]
        backwards = [t for r in reversed(runs) for t in r.tokens]
        s_back = s_reversed = score_order(backwards, [], [], lm, clean, known)
        chunks = hard_chunks(runs)
        if 1 < len(chunks) < len(runs):
            chunked = [t for c in reversed(chunks) for r in c for t in r.tokens]
            s_chunked = score_order(chunked, [], [], lm, clean, known)
            m = s_back - s_chunked
            move += m > HABIT_MARGIN
            stay += m < -HABIT_MARGIN
            # reversing is the habit whether or not numbers move with their runs: a date
            # reversed with the runs (``2015 نيسان/أبريل 16``) is no vote against reversing
            s_reversed = max(s_back, s_chunked)
        m = s_reversed - score_order(as_found, [], [], lm, clean, known)
        rev += m > HABIT_MARGIN
        found += m < -HABIT_MARGIN
    reverse = HABIT_BONUS if rev >= HABIT_MIN_VOTES and rev >= HABIT_RATIO * found else 0.0
    numbers = ("move" if move >= HABIT_MIN_VOTES and move >= HABIT_RATIO * stay else
               "stay" if stay >= HABIT_MIN_VOTES and stay >= HABIT_RATIO * move else "")
    edge_cut = EDGE_CUT_COST if _edge_runs_moved(lines, lm, clean, known) else CUT_COST
    return Habit(reverse, numbers, edge_cut)


def _edge_runs_moved(lines: list[str], lm, clean=None, known=None) -> bool:
    """Do this document's lines whose paragraph marker is printed last, set apart
    (``... مع   -12``), show a short run moved to the other end with no trace?  A line of one
    run votes for it when its best cut leaving a short run (at most :data:`EDGE_RUN_WORDS`
    words) at an end, reversed, reads better than as found by more than a full cut's price
    (:data:`CUT_COST`): clear evidence.  Moved runs are the habit when at least
    :data:`HABIT_MIN_VOTES` lines and :data:`EDGE_MOVED_SHARE` of such lines vote so."""
    marked = votes = 0
    for line in lines:
        if not MARKER_APART.search(line) or len(line.split()) > HABIT_MAX_WORDS:
            continue
        runs, _ = split_runs(line)
        runs = attach_footnotes(runs)
        if not runs or any(r.hard for r in runs[1:]):
            continue
        words = [t for r in runs for t in r.tokens]
        n = len(words)
        if n < 2 * EDGE_RUN_WORDS - 1 or any(is_tail_piece(w) or is_head_piece(w) for w in words):
            continue
        marked += 1
        base = score_order(words, ["<s>"], [], lm, clean, known)
        best = max(score_order(words[k:] + words[:k], ["<s>"], [], lm, clean, known)
                   for k in list(range(1, EDGE_RUN_WORDS + 1)) + list(range(n - EDGE_RUN_WORDS, n)))
        votes += best - base > CUT_COST
    return votes >= HABIT_MIN_VOTES and votes >= EDGE_MOVED_SHARE * marked
