"""Cues at a paragraph's edges (indexer/repair_paragraph_edges.py), on text other than the seed."""
from __future__ import annotations

import doctest
import math

import pytest

from indexer import repair_paragraph_edges
from indexer.repair import Repairer
from indexer.repair_order import Habit, reorder_line
from indexer.repair_paragraph_edges import (
    FINAL_MIN_LINES, FinalStops, ends_with_stop, final_stops, learn_final_stops,
)


@pytest.mark.parametrize("tokens,ends", [
    (["وقانون", "العقوبات."], True),
    (["العقوبات.", "وقانون"], False),
    (["تنفيذ", "التوصيات:"], True),
    (["الحكومية؛", "•"], True),             # a bullet after the stop
    (["بالاستلام.", "-39"], True),          # a paragraph marker printed last
    (["الدولية", "( 4)."], True),           # a stop after a footnote marker
    (["المقرر)."], True),
    (["منظمة", "العمل", ".190"], True),      # a stop that travelled to the front of its run
    (["الدولية", "( 4)"], False),
    (["أجنبية،"], False),
    ([], False),
])
def test_ends_with_stop(tokens, ends):
    assert ends_with_stop(tokens) is ends


def test_the_cost_is_the_documents_log_odds():
    assert FinalStops(30, 30).cost > FinalStops(30, 27).cost > FinalStops(30, 20).cost > 0
    assert FinalStops(30, 15).cost == 0.0      # lists and headings: no habit
    assert FinalStops(FINAL_MIN_LINES - 1, FINAL_MIN_LINES - 1).cost == 0.0  # too few lines
    assert FinalStops(1000, 1000).cost <= repair_paragraph_edges.FINAL_MAX_COST


def test_only_final_lines_left_as_found_are_counted():
    lines = ["ويكفل القانون المساواة.", "بين الرجل والمرأة", "وقانون العقوبات", "تنفيذ التوصيات:"]
    counted = final_stops(lines, kept=[True, True, False, True], final=[True, False, True, True])
    assert counted == FinalStops(2, 2)


def test_learnt_from_a_first_pass():
    raw = ["ويكفل القانون المساواة بين الرجل والمرأة  -1",
           "-2 وتعمل الحكومة مع المنظمات غير الحكومية.",
           "",
           "أحكام عامة",
           "-3 وقد اعتمد البرلمان قانون الأسرة",
           "العقوبات. وقانون",
           "-4 ويكفل القانون المساواة."]
    ordered = [("-1 والمرأة ويكفل القانون المساواة بين الرجل", "runs of the line out of order")] + [
        (line, "") for line in raw[1:]]
    firsts = [["</s>"], ["</s>"], [], ["</s>"], ["</s>"], ["العقوبات."], ["</s>"]]
    # paragraph-final: lines 1 (reordered: not counted), 2 (over the empty line), 4, 6
    assert learn_final_stops(raw, ordered, firsts) == FinalStops(3, 1)
    # a heading is not counted
    assert learn_final_stops(raw, ordered, firsts, heading=lambda l: l == "أحكام عامة") == FinalStops(2, 1)


def test_a_paragraphs_last_line_ends_on_its_stop_where_that_is_the_habit():
    line, before = "العقوبات. وقانون", "وقد اعتمد البرلمان قانون الأسرة".split()
    assert reorder_line(line, before, ["</s>"], habit=Habit())[0] == line
    assert reorder_line(line, before, ["</s>"], habit=Habit(final_stop=1.5))[0] == "وقانون العقوبات."
    # not the paragraph's last line: the cue does not apply
    assert reorder_line(line, before, ["وفي"], habit=Habit(final_stop=1.5))[0] == line


def test_clean_text_is_untouched():
    lines = ["-1 ويكفل القانون المساواة بين الرجل والمرأة في جميع المجالات.",
             "-2 وتعمل الحكومة مع المنظمات غير الحكومية على تنفيذ التوصيات التالية:",
             "• تعديل قانون العقوبات؛", "• تعديل قانون الأسرة"]
    out, changes = Repairer().repair_lines(lines)
    assert out == lines and not changes


def test_docstring_examples():
    result = doctest.testmod(repair_paragraph_edges)
    assert result.failed == 0 and result.attempted >= 2


PARAGRAPHS = [
    ("وتعمل الحكومة بالتعاون مع منظمات المجتمع المدني على", "تعزيز حقوق الإنسان في جميع مناطق البلد."),
    ("وقد اعتمد البرلمان في عام 2021 قانونا جديدا بشأن", "حماية الأطفال من العنف وسوء المعاملة."),
    ("ويكفل الدستور المساواة بين جميع المواطنين أمام", "القانون دون أي تمييز."),
    ("وتنظر الوزارة حاليا في مشروع قانون يتعلق", "بتنظيم عمل وسائل الإعلام."),
    ("وفي ضوء ما تقدم، لا ترى الحكومة ضرورة", "لتعديل التشريعات القائمة."),
    ("ومن الجدير بالذكر أن اللجنة الوطنية قد نظرت في", "هذه التوصيات في اجتماعها الأخير."),
    ("وتشمل هذه الأحكام تعديل قانون الأسرة", "العقوبات. وقانون"),
    ("وتواصل الدولة جهودها الرامية إلى تحسين", "ظروف العمل في السجون."),
]


def _learnt(monkeypatch, lines: list[str]) -> tuple[list[str], list[FinalStops]]:
    import indexer.repair as repair_module
    seen: list[FinalStops] = []

    def spy(*args, **kwargs):
        seen.append(learn_final_stops(*args, **kwargs))
        return seen[-1]
    monkeypatch.setattr(repair_module, "learn_final_stops", spy)
    return Repairer().repair_lines(lines)[0], seen


def test_a_document_of_numbered_paragraphs_learns_the_habit(monkeypatch):
    lines = [l for n, (first, last) in enumerate(PARAGRAPHS, 1) for l in (f"{first}  -{n}", last)]
    out, seen = _learnt(monkeypatch, lines)
    # every paragraph's last line but the document's last (no next line) and the one the first
    # pass already reordered (a line in reversed word order, here) counts: all end with a stop
    assert seen and seen[0] == FinalStops(len(PARAGRAPHS) - 2, len(PARAGRAPHS) - 2)
    assert seen[0].cost == pytest.approx(math.log10(7))  # add-one: 7 to 1
    assert out[13] == "وقانون العقوبات."


def test_a_document_whose_paragraphs_end_without_stops_learns_nothing(monkeypatch):
    lines = [l for n, (first, last) in enumerate(PARAGRAPHS, 1)
             for l in (f"{first}  -{n}", last.rstrip("."))]
    _, seen = _learnt(monkeypatch, lines)
    assert seen and seen[0].cost == 0.0
