"""A footnote marker emitted at the far edge of its run (indexer/repair_footnote_edges.py),
on text other than the seed."""
from __future__ import annotations

import doctest

import pytest

from indexer import repair_footnote_edges
from indexer.repair import Repairer
from indexer.repair_footnote_edges import marker_to_run_start
from indexer.repair_order import reorder_line


def test_the_marker_goes_before_the_punctuation_the_run_opens_with():
    assert marker_to_run_start(["؛", "وتشمل", "هذه", "التدابير", "ما", "يلي:( 12)", "أولا"]) == [
        "( 12)؛", "وتشمل", "هذه", "التدابير", "ما", "يلي:", "أولا"]


@pytest.mark.parametrize("tokens", [
    ["وتشمل", "هذه", "التدابير", "ما", "يلي:( 12)"],          # the run opens with a word
    ["،", "وتشمل", "هذه", "التدابير", "ما", "يلي( 12):"],     # the marker before the punctuation: as printed
    ["،", "وتشمل", "هذه", "التدابير", "5(1)"],                # a number in brackets after a digit
    ["،", "وقد", "اعتمد", "القانون.", "وتشمل", "يلي:( 12)"],  # another sentence
    ["،", "يلي:( 12)"],                                       # too short to tell
])
def test_runs_without_both_traces_are_left_alone(tokens):
    assert marker_to_run_start(tokens) is None


def test_a_scrambled_line_puts_the_marker_after_the_word_it_annotates():
    # runs emitted left to right: the marker (after "المدني") came out at the end of its run,
    # after the colon; the run opens with the comma that follows the marker
    line = "وتتعاون الحكومة مع منظمات المجتمع المدني  -4  ، وتشمل مجالات التعاون ما يلي:( 3)"
    new, why = reorder_line(line)
    assert why == "runs of the line out of order"
    assert new == "-4 وتتعاون الحكومة مع منظمات المجتمع المدني ( 3)، وتشمل مجالات التعاون ما يلي:"


def test_a_clean_line_keeps_its_marker():
    lines = ["وتتعاون الحكومة مع منظمات المجتمع المدني ( 3)، وتشمل مجالات التعاون ما يلي:",
             "وقد اعتمد البرلمان القانون في عام 2020 ( 4)."]
    out, changes = Repairer().repair_lines(lines)
    assert out == lines and not changes


def test_docstring_examples():
    result = doctest.testmod(repair_footnote_edges)
    assert result.failed == 0 and result.attempted >= 2


def test_only_a_run_after_a_hard_boundary_counts():
    from indexer.repair_footnotes import _marker_to_run_start
    from indexer.repair_runs import Run
    soft = [Run(["في", "عام", "2020"]), Run(["،", "وتشمل", "يلي:( 3)"], hard=False)]
    assert _marker_to_run_start(soft) is soft  # a comma after a number's edge: the text's own
    hard = [Run(["في", "عام", "2020"]), Run(["،", "وتشمل", "يلي:( 3)"], hard=True)]
    assert [r.tokens for r in _marker_to_run_start(hard)] == [["في", "عام", "2020"], ["( 3)،", "وتشمل", "يلي:"]]
