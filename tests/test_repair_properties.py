"""Properties of the repair that hold for any input."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.repair import repair, repair_lines, strip_tatweel

SEED = Path(__file__).resolve().parent.parent / "data" / "kazakhstan_upr_response_ar.txt"

FIX = Path(__file__).resolve().parent / "fixtures" / "repair"
#: Clean UN sentences cut into printed lines: any document made of them has nothing to repair.
CLEAN_LINES = [
    " ".join(words[i:i + 12])
    for line in (FIX / "un_testset_heldout_ar.txt").read_text(encoding="utf-8").splitlines()[:200]
    for words in [line.split()]
    for i in range(0, len(words), 12)
]
CLEAN = ["في", "من", "على", "أن", "التي", "الدول", "الأمم", "المتحدة", "حقوق", "الإنسان"]
NOISY = CLEAN + ["نأام", "الأإماص", "ممملي", "ــتان", "كازاخســـ", "35أحاطت", "-12", "( 3)",
                 "22  000", ".2015", "\u202b", "\u202c", "املتحدة", "Hello", "статьи", "", "  "]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(NOISY), max_size=14).map(" ".join), max_size=12))
def test_one_line_out_per_line_in(lines):
    out = repair_lines(lines)
    assert len(out) == len(lines)
    assert all("\n" not in line for line in out)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(CLEAN_LINES), min_size=1, max_size=30))
def test_clean_text_is_left_alone(lines):
    assert repair_lines(lines) == [strip_tatweel(line) for line in lines]


def test_repairing_twice_changes_nothing_more():
    once = repair(SEED.read_text(encoding="utf-8"))
    twice = repair(once.text)
    assert twice.text == once.text
    assert twice.damage == {}
