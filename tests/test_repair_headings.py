"""Layout traces for the order of a line's runs (indexer/repair_headings.py): a number glued
before a word (``145تشريع``) follows that word's run, it is not read on into the word."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from indexer import repair_order
from indexer.repair_damage import glued_number_runs
from indexer.repair_eval import word_accuracy
from indexer.repair_headings import GLUED_READ_ON, glued_numbers, glued_read_on
from indexer.repair_order import Run
from indexer.repair_order_search import FORWARD_HARD, JUMP, search_orders

HELDOUT = Path(__file__).parent / "fixtures" / "repair" / "un_testset_heldout_ar.txt"


def test_glued_numbers_are_number_then_word():
    assert glued_numbers("وتعديل   12حماية الطفل  من") == {("12", "حماية")}
    assert glued_numbers(".2027الورقة التوجيهية") == {("2027", "الورقة")}
    # a list item ("17و") and a word then a number ("المادة12") are no such trace
    assert glued_numbers(" 17و 15و") == frozenset()
    assert glued_numbers("المادة12 من") == frozenset()


def test_glued_read_on_counts_the_number_before_its_word():
    pairs = {("12", "حماية")}
    assert glued_read_on(["المادة", "12", "حماية"], pairs) == 1
    assert glued_read_on(["حماية", "الطفل", "المادة", "12"], pairs) == 0
    assert glued_read_on(["12", "حماية"], ()) == 0


def _three_runs() -> list[Run]:
    # found: "12" | "حماية الطفل": the number glued before the run on its right
    return [Run(["المادة"]), Run(["12"]), Run(["حماية", "الطفل"])]


def test_search_prices_reading_on_from_a_glued_number_as_a_jump():
    flat = lambda a, b: 0.0  # noqa: E731 - every pair alike: the priors decide
    plain = dict((tuple(p), prior) for p, prior in search_orders(_three_runs(), flat, keep=20))
    glued = dict((tuple(p), prior) for p, prior in
                 search_orders(_three_runs(), flat, keep=20, glued={("12", "حماية")}))
    # the order found (0, 1, 2) reads on from 12 into حماية: a step forward, now a jump
    assert glued[(0, 1, 2)] - plain[(0, 1, 2)] == pytest.approx(JUMP - FORWARD_HARD)
    assert glued[(2, 1, 0)] == plain[(2, 1, 0)]  # the runs reversed: no reading on


def _glued_lines(moved: int, n: int = 120) -> list[tuple[str, str]]:
    """Held-out UN lines (not the seed) with a number inside, laid out as the seed's headings."""
    lines = []
    for sentence in HELDOUT.read_text(encoding="utf-8").splitlines():
        words = sentence.split()
        lines += [" ".join(words[i:i + 14]) for i in range(0, len(words), 14)]
    lines = [l for l in lines if len(l.split()) >= 6 and re.search(r"[\u0621-\u064A] [0-9]+ ", l)][:n]
    rng = random.Random(7)
    return [(l, glued_number_runs(l, rng, moved)) for l in lines]


def test_the_damage_model_glues_a_number_before_the_run_it_follows():
    line = "وتعديل المادة 145 من قانون العقوبات"
    bad = glued_number_runs(line, random.Random(0), moved=0)
    ((number, word),) = glued_numbers(bad)
    assert number == "145" and word in ("المادة", "وتعديل")
    assert sorted(bad.replace(number + word, number + " " + word).split()) == sorted(line.split())


def test_glued_numbers_are_not_read_on_into_their_word(monkeypatch):
    """Lines whose runs come out reversed with two runs drawn elsewhere: with the trace, the
    orders read a number on into its glued word less often (never right: that word's run
    comes before the number), and the words are no less in order."""
    pairs = _glued_lines(moved=2)
    assert sum(1 for _, bad in pairs if glued_numbers(bad)) >= 100

    def measure() -> tuple[int, float]:
        read_on, acc, n = 0, 0.0, 0
        for clean, bad in pairs:
            out = repair_order.reorder_line(bad, ["<s>"], [])[0]
            read_on += glued_read_on(out.split(), glued_numbers(bad))
            k = len(clean.split())
            acc, n = acc + word_accuracy(clean, out) * k, n + k
        return read_on, acc / n

    with_trace = measure()
    monkeypatch.setattr(repair_order, "glued_numbers", lambda line: frozenset())
    without = measure()
    assert with_trace[0] < without[0]
    assert with_trace[1] >= without[1]


def test_reading_on_costs_as_much_as_a_jump():
    assert GLUED_READ_ON == JUMP
