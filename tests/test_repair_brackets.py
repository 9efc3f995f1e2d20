"""Brackets the extraction left mirrored (indexer/repair_brackets.py), on text other than the seed."""
from __future__ import annotations

import pytest

from indexer.repair import Repairer
from indexer.repair_brackets import turn_mirrored_brackets


@pytest.mark.parametrize("shown,meant", [
    ("اعتمدت الجمعية العامة القرار )المرفق الأول( بالإجماع", "اعتمدت الجمعية العامة القرار (المرفق الأول) بالإجماع"),
    ("على النحو المبين في التقرير )انظر الفقرة 12(.", "على النحو المبين في التقرير (انظر الفقرة 12)."),
    ("وتشمل الفئات الضعيفة )مثل الأطفال،", "وتشمل الفئات الضعيفة (مثل الأطفال،"),  # wraps to the next line
    ("والنساء وكبار السن(، وفقاً للقانون", "والنساء وكبار السن)، وفقاً للقانون"),
    ("انظر )المادة 5( من العهد", "انظر (المادة 5) من العهد"),
])
def test_mirrored_brackets_are_turned_round(shown, meant):
    assert turn_mirrored_brackets(shown) == meant


@pytest.mark.parametrize("line", [
    "وفقاً للمادة 30(1)(11) من قانون الضرائب",
    "حصانة الرئيس ( 2) وأعضاء البرلمان ( 3).",
    "مفوضية الأمم المتحدة لشؤون اللاجئين (مفوضية شؤون اللاجئين) والممارسة الدولية",
    "the Committee (CEDAW) noted (a) and (b)",
    "الفقرة 3 (أ) و(ب) من المادة 2",
    "وقد نظرت في تقرير هيئة نزع السلاح(",  # a footnote call wrapped at the line's end
    ")1 المرجع نفسه",
])
def test_brackets_that_sit_right_are_left_alone(line):
    assert turn_mirrored_brackets(line) == line


def test_the_repair_turns_them_in_a_damaged_document_only():
    clean = ["اعتمدت الجمعية العامة القرار (المرفق الأول) بالإجماع.", "وأكدت اللجنة أهمية حماية الأطفال."]
    assert Repairer().repair_lines(clean)[0] == clean
    # the same sentences with the body font's glyph damage and brackets drawn mirrored
    damaged = ["اعتمدت الجمعية العامة القرار )المرفق الأول( بالإجماع. وأكدت اللجنة أهمية حمايـة الأإماص",
               "عدثمي الجنسية ومكافحة انرهاق وت،يير الممارسات في ضوي المعايير الدولية."]
    out, changes = Repairer().repair_lines(damaged)
    assert "(المرفق الأول)" in out[0]
    assert any("mirrored brackets turned round" in c.reason for c in changes if c.line == 1)
