"""The score of one order of a line (:mod:`indexer.repair_order_score`): the traces that no
line in logical order shows cost, whatever the word pairs say.  Hand-made UN-style words."""
from __future__ import annotations

import pytest

from indexer.repair_order_score import (
    LEADING_PUNCT_COST,
    LOOSE_PIECE_COST,
    NUMBERS_SIDE_BY_SIDE_COST,
    ORPHAN_FOOTNOTE_COST,
    SENTENCE_INSIDE_COST,
    _lm_tokens,
    ends_sentence,
    join_pieces,
    lm_score,
    order_model,
    score_order,
)


@pytest.fixture(scope="module")
def lm():
    return order_model()


def test_split_words_are_joined_and_loose_pieces_counted():
    assert join_pieces(["كازاخســـ", "ــتان", "دولة"]) == (["كازاخستان", "دولة"], 0)
    assert join_pieces(["ــتان", "دولة", "كازاخســـ"]) == (["ــتان", "دولة", "كازاخســـ"], 2)


def test_a_sentence_ends_at_a_full_stop_and_its_break_costs_nothing(lm):
    assert ends_sentence("الرئيس.") and ends_sentence("( 5).") and not ends_sentence("الرئيس،")
    tokens = ["اعتمدت", "اللجنة", "التقرير.", "وقررت", "اللجنة"]
    pairs = _lm_tokens(tokens)
    assert pairs[3:5] == ["</s>", "<s>"]
    assert lm_score(lm, pairs) == pytest.approx(
        lm_score(lm, pairs[:4]) + lm_score(lm, pairs[4:]))
    # scored inside the line, that full stop costs its price
    inside = score_order(tokens, [], [], lm)
    assert inside == pytest.approx(lm_score(lm, pairs) - SENTENCE_INSIDE_COST)


def test_each_trace_of_a_wrong_order_has_its_price(lm):
    def cost(tokens):
        return lm_score(lm, _lm_tokens(join_pieces(tokens)[0])) - score_order(tokens, [], [], lm)

    assert cost(["تكفل", "الدولة", "الحماية"]) == pytest.approx(0.0)
    assert cost(["،", "تكفل", "الدولة"]) == pytest.approx(LEADING_PUNCT_COST)
    assert cost(["( 1)", "تكفل", "الدولة"]) == pytest.approx(ORPHAN_FOOTNOTE_COST)
    assert cost(["في", "30", "2022"]) == pytest.approx(NUMBERS_SIDE_BY_SIDE_COST)
    assert cost(["ــتان", "دولة"]) == pytest.approx(LOOSE_PIECE_COST)


def test_neighbouring_lines_words_are_scored_with_the_line(lm):
    tokens = ["الدولة", "الحماية"]
    assert score_order(tokens, ["<s>", "تكفل"], ["</s>"], lm) == pytest.approx(
        lm_score(lm, _lm_tokens(["تكفل", "الدولة", "الحماية", "</s>"])))
