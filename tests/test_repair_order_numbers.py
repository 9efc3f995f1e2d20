"""Numbers inside a line's runs: a decimal point is no run boundary."""
from __future__ import annotations

from indexer.repair_order import reorder_line, split_runs


def test_a_decimal_number_is_one_token():
    runs, _ = split_runs("عانى ما يزيد على 12.8 مليون شخص")
    assert [t for r in runs for t in r.tokens] == ["عانى", "ما", "يزيد", "على", "12.8", "مليون", "شخص"]
    runs, _ = split_runs("(3.7 نقطة مئوية)، وهايتي (1.8 نقطة مئوية)")
    assert "(3.7" in runs[0].tokens and any("(1.8" in r.tokens for r in runs)


def test_a_full_stop_glued_to_the_next_runs_number_still_cuts():
    # ".190": a sentence's full stop, then a number that starts another run
    runs, _ = split_runs("اعتمدت اللجنة التقرير.190 توصية")
    assert [t for r in runs for t in r.tokens][:4] == ["اعتمدت", "اللجنة", "التقرير.", "190"]


def test_a_line_with_a_decimal_number_is_not_reordered_by_it():
    new, why = reorder_line("عانى ما يزيد على 12.8 مليون شخص في المنطقة", ["<s>"], [])
    assert "12.8 مليون" in new
