"""Legal citations read backwards in lines whose runs moved (indexer/repair_citations.py),
on text other than the seed."""
from __future__ import annotations

import pytest

from indexer.repair import Repairer
from indexer.repair_citations import fix_reversed_citations, rebuilt
from indexer.repair_order import reorder_line


@pytest.mark.parametrize("shown,meant", [
    (["بموجب", "المادة", "(2)5", "من"], ["بموجب", "المادة", "5(2)", "من"]),
    (["المادة", "(4)(3)12", "من"], ["المادة", "12(3)(4)", "من"]),
    (["المادة", "4()3)12", "(", "من"], ["المادة", "12(3)(4)", "من"]),   # opening bracket left in the next run
    (["المادة", "(", "4()3)12", "من"], ["المادة", "12(3)(4)", "من"]),   # ... or in the run before
    (["المادة", "2)7", "(", "من"], ["المادة", "7(2)", "من"]),
    (["الفقرة", "(2)5،", "و"], ["الفقرة", "5(2)،", "و"]),                # punctuation stays at the end
])
def test_reversed_citations_are_put_back(shown, meant):
    assert fix_reversed_citations(shown) == meant


@pytest.mark.parametrize("tokens", [
    ["المادة", "5(2)", "من"],                 # already in logical order
    ["المادة", "12(3)(4)", "من"],
    ["المادة", "4()3)12", "من"],              # a bracket missing and none beside it: unsure
    ["حصانة", "الرئيس", "( 2)"],              # a footnote marker
    ["عام", "2022", "(", "انظر"],             # one number
    ["المادة", "(أ)5", "من"],                 # letters: not a citation of numbers
    ["الفقرة", "3)2(1", "من"],                # too few brackets, none beside it
])
def test_other_tokens_are_left_alone(tokens):
    assert fix_reversed_citations(tokens) == tokens


def test_rebuilt_reads_the_groups_backwards():
    assert rebuilt(["11", "1", "30"]) == "30(1)(11)"
    assert rebuilt(["2", "5"]) == "5(2)"


def test_a_moved_line_gets_its_citation_back():
    # the seed's shape (a paragraph marker and an opening bracket between the runs, the
    # citation glued to the paragraph's first word), with other words and another citation
    line = " ا للمادة   -7 ( من قانون العمل، يحق للعامل أن يطلب إجازة سنوية  4()3)12ووفقـً"
    new, why = reorder_line(line)
    assert why
    assert "12(3)(4) من قانون العمل" in new
    assert new.startswith("-7 ")


def test_a_clean_citation_is_never_touched():
    lines = ["وتنص المادة 12(3)(4) من قانون العمل على حق العامل في إجازة سنوية مدفوعة الأجر.",
             "ووفقاً للمادة 5(2) من القانون، تقدم الدولة إعانة شهرية للأسر المحتاجة."]
    out, changes = Repairer().repair_lines(lines)
    assert out == lines and not changes
    assert reorder_line(lines[0]) == (lines[0], "")


def test_docstring_examples():
    import doctest

    from indexer import repair_citations
    result = doctest.testmod(repair_citations)
    assert result.failed == 0 and result.attempted >= 2
