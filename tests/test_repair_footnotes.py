"""Footnote markers in the order repair (:mod:`indexer.repair_footnotes`).

A footnote marker glued to its word (``التالية:( 7)``, as the seed's line 145 prints it), in
a line with other traces of scrambled runs: looked through by the pair score like a marker
standing alone, so that it does not hide its word from the model; it stays glued to its word.
Clean lines never change.  Sentences written for these tests."""
from __future__ import annotations

import re

import pytest

from indexer.repair_footnotes import _looking_through_glued_marks, attach_footnotes, is_footnote
from indexer.repair_order import reorder_line
from indexer.repair_runs import Run

#: Lines whose runs came out reversed, a word cut after its shadda (its head printed last).
# the marker glued after the colon was emitted at the far edge of the run that opens with the
# comma (indexer/repair_footnote_edges.py): it goes back before the comma
SCRAMBLED = {
    "م الشكوى إلى المحكمة المختصة  ، ويجب أن  تشمل الشكوى العناصر التالية:( 12) وتُقدَّ":
        "وتُقدَّم الشكوى إلى المحكمة المختصة ( 12)، ويجب أن تشمل الشكوى العناصر التالية:",
    "م الطلبات خطيا أو إلكترونيا  ، ويجب أن  تتضمن البيانات التالية:( 4) وتُقدَّ":
        "وتُقدَّم الطلبات خطيا أو إلكترونيا ( 4)، ويجب أن تتضمن البيانات التالية:",
}


def _printed(tokens: str) -> str:
    return re.sub("\u0640\\s*\u0640", "", tokens)


def test_a_glued_marker_is_left_out_of_the_lines_own_words_for_the_pair_score():
    looked = _looking_through_glued_marks(None, {"التالية:( 7)", "للمادة", "5(1)"})
    assert looked("التالية:( 7)") == "التالية:"
    # a number in brackets after a digit is the text's own (``5(1)``: article 5, paragraph 1)
    assert looked("5(1)") == "5(1)"
    # a neighbouring line's token is scored as it is
    assert looked("السلاح(1)") == "السلاح(1)"
    # the line's own clean (its glyph repair) still applies
    fixed = _looking_through_glued_marks(lambda t: t.replace("إكل", "شكل"), {"إكل( 3)"})
    assert fixed("إكل( 3)") == "شكل"


@pytest.mark.parametrize("line", list(SCRAMBLED))
def test_a_scrambled_line_with_a_glued_marker_is_put_back(line):
    new, why = reorder_line(line)
    assert _printed(new) == SCRAMBLED[line]
    assert why == "runs of the line out of order"


@pytest.mark.parametrize("line", [
    "ب على الدولة أن  تحمي حقوق العمال المهاجرين( 6) ويتوجَّ",
    "الدولة حماية الأطفال  والنساء والمسنين( 2) تكفل",
])
def test_a_glued_marker_does_not_change_the_order_chosen(line):
    # the marker moves with its word: the words come out in the order chosen without it
    # (where its word ends a run either way; in SCRAMBLED the marker's digits also cut the
    # word off its run, which is why those lines read right with the marker and not without)
    bare = re.sub(r"\(\s?\d+\)", "", line)
    assert re.sub(r"\(\s?\d+\)", "", reorder_line(line)[0]) == reorder_line(bare)[0]


def test_clean_lines_with_glued_markers_are_left_as_they_are():
    for line in ("في جدول أعمال هيئة نزع السلاح(1)؛", "تقرير اللجنة الاستشارية(14) وتسلم بالمخاطر",
                 "وأشار التقرير إلى أن نزع السلاح(1) كان ضروريا", "ودعت اللجنة الدولة الطرف(3) إلى تعديل قانونها"):
        assert reorder_line(line) == (line, "")
    # a line in order with traces (a number glued to a word, a run of spaces): the number is
    # cut off, the words and the marker stay where they are
    new, _ = reorder_line("وأشار تقرير عام2020 إلى أن نزع  السلاح(1) كان ضروريا")
    assert new == "وأشار تقرير عام 2020 إلى أن نزع السلاح(1) كان ضروريا"


def test_a_marker_is_a_token_with_the_punctuation_that_travels_with_it():
    assert all(is_footnote(t) for t in ("( 5)", "(5)", ".( 5)", "( 7)،", "(2001)"))
    assert not any(is_footnote(t) for t in ("5(1)", "التالية:( 7)", "(أ)", "( 5) و"))


def test_a_run_of_markers_stays_a_run_before_the_head_of_a_split_word():
    runs = [Run(["( 8)"]), Run(["الضـ"]), Run(["ــرائب"])]
    assert [r.tokens for r in attach_footnotes(runs)] == [["( 8)"], ["الضـ"], ["ــرائب"]]
    assert [r.tokens for r in attach_footnotes([Run(["( 4)"]), Run(["والقضاة"])])] == [["والقضاة", "( 4)"]]
