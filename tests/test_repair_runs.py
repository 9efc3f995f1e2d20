"""Cutting a line into runs (:mod:`indexer.repair_runs`): hand-made UN-style lines."""
from __future__ import annotations

from indexer.repair_runs import Run, hard_chunks, is_head_piece, is_tail_piece, split_runs


def _runs(line: str) -> list[tuple[str, bool]]:
    return [(r.text, r.hard) for r in split_runs(line)[0]]


def test_runs_are_cut_at_the_extractions_traces_and_markers_taken_out():
    runs, markers = split_runs("توصية لم تتمكن   35أحاطت جمهورية  -1")
    assert [r.text for r in runs] == ["توصية لم تتمكن", "35", "أحاطت جمهورية"]
    assert markers == ["-1"]
    assert split_runs("-اولاا لمقدمة  النص") == ([Run(["النص"])], ["-اولاا لمقدمة"])


def test_a_clean_line_is_one_run_with_soft_cuts_at_its_numbers_only():
    assert _runs("أحاطت جمهورية كازاخستان علماً بالتوصيات") == [("أحاطت جمهورية كازاخستان علماً بالتوصيات", True)]
    # a footnote marker and a number with its digit groups are tokens; their edges are soft cuts
    runs = split_runs("أحاطت ( 3) علماً 22  000 شخص")[0]
    assert [t for r in runs for t in r.tokens] == ["أحاطت", "( 3)", "علماً", "22 000", "شخص"]
    assert [r.hard for r in runs[1:]] == [False] * (len(runs) - 1)
    assert len(hard_chunks(runs)) == 1


def test_words_split_by_tatweel_end_and_start_runs():
    runs = split_runs("ــوق الإنسان في البلد  ــاون مع بالتعـــ تعزيز حقـــ")[0]
    assert [(r.head_piece, r.tail_piece) for r in runs] == [(True, False), (True, True), (False, True)]
    assert is_tail_piece("كازاخســـ") and is_head_piece("ــتان")
    assert not is_tail_piece("ــ")  # a lone tatweel is a word's tail, no head
    # a stretched letter that joins no further, then a lost glyph's space: one word, one run
    assert _runs("والرعــا ــة الصحية") == [("والرعــا ــة الصحية", True)]


def test_a_reversed_list_is_put_in_order_before_the_cut():
    assert [r.text for r in split_runs("17و 15و 4و 1التوصيات")[0]] == ["1 و4 و15 و17", "التوصيات"]
