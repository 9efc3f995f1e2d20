"""Properties of the repair that hold for any input."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.repair import repair, repair_lines

SEED = Path(__file__).resolve().parent.parent / "data" / "kazakhstan_upr_response_ar.txt"

#: Clean, common words; a document made of them has no damage to find.
CLEAN = ["في", "من", "على", "أن", "التي", "الدول", "الأمم", "المتحدة", "حقوق", "الإنسان",
         "اللجنة", "الحكومة", "التقرير", "الدولية", "وقد", "عام", "بشأن", "مجلس", "الأمن"]
NOISY = CLEAN + ["نأام", "الأإماص", "ممملي", "ــتان", "كازاخســـ", "35أحاطت", "-12", "( 3)",
                 "22  000", ".2015", "\u202b", "\u202c", "املتحدة", "Hello", "статьи", "", "  "]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(NOISY), max_size=14).map(" ".join), max_size=12))
def test_one_line_out_per_line_in(lines):
    out = repair_lines(lines)
    assert len(out) == len(lines)
    assert all("\n" not in line for line in out)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(CLEAN), min_size=1, max_size=14).map(" ".join),
                min_size=1, max_size=12))
def test_clean_text_is_left_alone(lines):
    assert repair_lines(lines) == lines


def test_repairing_twice_changes_nothing_more():
    once = repair(SEED.read_text(encoding="utf-8"))
    twice = repair(once.text)
    assert twice.text == once.text
    assert twice.damage == {}
