"""A document's habit learnt from its own lines (:mod:`indexer.repair_habit`).

Hand-made UN-style lines (not the seed's), damaged by :func:`indexer.repair_damage.reversed_runs`."""
from __future__ import annotations

import random

import pytest

from indexer import repair_damage as damage
from indexer.repair_habit import (
    CUT_COST,
    EDGE_CUT_COST,
    HABIT_BONUS,
    HABIT_MAX_WORDS,
    HABIT_MIN_VOTES,
    Habit,
    _edge_runs_moved,
    document_habit,
)
from indexer.repair_order_score import order_model

LINES = [
    "وتلاحظ اللجنة مع القلق أن التشريعات الوطنية لا تتضمن تعريفا شاملا للتمييز",
    "وتوصي اللجنة الدولة الطرف بأن تكفل حصول جميع الأطفال على التعليم الابتدائي",
    "وأحاط المجلس علما بالتقرير الذي قدمه الأمين العام عن أنشطة المكتب",
    "ويساور اللجنة القلق إزاء عدم توافر بيانات إحصائية مصنفة حسب الجنس",
    "وترحب اللجنة بالتدابير التي اتخذتها الدولة الطرف لتحسين إمكانية اللجوء إلى القضاء",
    "وتعمل الحكومة بالتعاون مع منظمات المجتمع المدني على تعزيز حقوق الإنسان",
]


def _reversed(lines: list[str], seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    return [damage.reversed_runs(s, rng) for s in lines]


def test_a_clean_document_has_no_habit():
    assert document_habit(LINES) == Habit()
    assert Habit().edge_cut == CUT_COST


def test_runs_emitted_left_to_right_are_learnt_as_the_habit():
    scrambled = _reversed(LINES * 2)
    assert any(s != t for s, t in zip(scrambled, LINES * 2))
    assert document_habit(scrambled).reverse == HABIT_BONUS


def test_too_few_votes_or_overlong_lines_make_no_habit():
    few = _reversed(LINES[:HABIT_MIN_VOTES - 1])
    assert document_habit(few).reverse == 0.0
    # a line longer than any PDF line is a paragraph from another source: it does not vote
    long = ["  ".join([s] * 4) for s in _reversed(LINES * 2)]
    assert all(len(s.split()) > HABIT_MAX_WORDS for s in long)
    assert document_habit(long) == Habit()


@pytest.mark.parametrize("carried", [1, 2])
def test_short_runs_moved_to_the_other_end_are_learnt_from_marker_last_lines(carried):
    def page(moved: bool, gap: str = "  ") -> list[str]:
        """Each line with its marker printed last; ``moved``: ``carried`` words taken to the
        other end (the first words last on odd lines, the last word first on even ones)."""
        out = []
        for i, line in enumerate(LINES, 1):
            w = line.split()
            if moved:
                w = w[carried:] + w[:carried] if i % 2 else w[-1:] + w[:-1]
            out.append(" ".join(w) + f"{gap}-{i}")
        return out

    lm = order_model()
    assert _edge_runs_moved(page(True), lm)
    assert document_habit(page(True)).edge_cut == EDGE_CUT_COST
    # nothing moved: a cut with no trace keeps its full price
    assert not _edge_runs_moved(page(False), lm)
    assert document_habit(page(False)).edge_cut == CUT_COST
    # a marker after one space is no trace of visual order: no vote
    assert not _edge_runs_moved(page(True, gap=" "), lm)
    assert document_habit(page(True, gap=" ")).edge_cut == CUT_COST