"""The smoothed word-pair model (indexer/pair_model.py) and its table builder."""
from __future__ import annotations

import json
import math
import sys
import time
from pathlib import Path

import pytest

from indexer import repair_order, repair_order_score
from indexer.lexicon import lm_key
from indexer.pair_model import PairModel, number_key, pair_key, pair_model

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "indexer" / "tables"))
import build_tables  # noqa: E402


@pytest.fixture(scope="module")
def model() -> PairModel:
    return pair_model()


def test_seen_pairs_beat_their_reversal(model):
    assert model.logp("حقوق", "الإنسان") > model.logp("الإنسان", "حقوق") + 2
    assert model.logp("نظام", "روما") > model.logp("روما", "نظام")


def test_a_distribution_over_the_next_word(model):
    # P(. | a) over every word of the table, and over the classes' unseen words, sums to 1
    for a in ("في", "حقوق", "كلمةلاتوجد"):
        ka = lm_key(a)
        seen = sum(model.prob(ka, w) for w in model.cont)
        assert 0.8 < seen <= 1.0 + 1e-6


def test_an_unseen_word_scores_through_its_class(model):
    # neither pair was seen: "غير" + an adjective in -ة is likelier than + a verb form
    assert model.pair_count("غير", "عنيفة") == 0 and model.pair_count("غير", "وترد") == 0
    assert model.logp("غير", "عنيفة") > model.logp("غير", "وترد") + 1
    # an unknown first word still gives a finite, context-free score
    assert math.isfinite(model.logp("زززز", "الإنسان"))
    assert model.logp("زززز", "الإنسان") == pytest.approx(
        math.log10(model.p_cls("زززز", model.cls("الإنسان")) * model.member("الإنسان", "الإنسان")))


def test_prior_is_the_context_free_score(model):
    assert model.prior("الإنسان") > model.prior("مدانون")
    assert model.score(["حقوق", "الإنسان", "في"]) == pytest.approx(
        model.logp("حقوق", "الإنسان") + model.logp("الإنسان", "في"))


def test_loaded_once_and_quickly():
    t0 = time.process_time()
    PairModel.load()
    assert time.process_time() - t0 < 2.0  # measured about 0.2 s
    assert pair_model() is pair_model()


def test_the_order_search_scores_with_it():
    assert repair_order_score.ORDER_MODEL == "kn"
    assert repair_order.order_model is repair_order_score.order_model
    assert repair_order.order_model() is pair_model()


def test_build_and_load_round_trip(tmp_path):
    lines = ["حقوق الإنسان في العالم.", "حقوق الإنسان والتنمية.", "في العالم حقوق الطفل."]
    out = tmp_path / "pairs.tsv.gz"
    stats = build_tables.build_pair_model(lines, out, min_pair=2, top_n=2, min_cls=1)
    assert stats["tokens"] == 14  # 11 words + 3 sentence starts
    assert stats["kept"] == 3  # pairs seen twice: <s> حقوق, حقوق الإنسان, في العالم
    m = PairModel.load(out)
    assert m.pair_count("حقوق", "الإنسان") == 2 and m.pair_count("<s>", "حقوق") == 2
    assert m.pair_count("حقوق", "الطفل") == 0  # seen once: pruned, its mass in the backoff
    assert m.class_count("حقوق", "ال|") == 3
    # حقوق: 3 times a first word, 2 distinct next words, both of one shape class (ال|)
    assert m.ctx["حقوق"] == (3, 2, 1)
    assert m.cont["الإنسان"] == 1 and m.cont["حقوق"] == 2
    assert m.logp("حقوق", "الإنسان") > m.logp("الإنسان", "حقوق")


def test_training_lines_leave_out_the_held_out_sentences(tmp_path):
    dev = tmp_path / "dev.ar"
    dev.write_text("جملة أولى\nجملة محجوزة\n", encoding="utf-8")
    held = tmp_path / "held.txt"
    held.write_text("جملة محجوزة\n", encoding="utf-8")
    passages = tmp_path / "corpus.jsonl"
    row = json.dumps({"text": "فقرة أولى. فقرة ثانية."}, ensure_ascii=False)
    passages.write_text(row + "\n" + row + "\n", encoding="utf-8")
    lines = build_tables.pair_lines(dev, None, held, [passages])
    assert lines == ["جملة أولى", "فقرة أولى.", "فقرة ثانية."]


def test_numbers_are_keyed_by_their_shape():
    assert number_key("2024") == number_key("١٩٤٨") == "<year>"
    assert number_key("5") == number_key("30") == number_key("٣٠") == "<num2>"
    assert number_key("204") == "<num3>"
    # a decimal, a fraction, a long count, a four-digit number that is no year
    assert {number_key(t) for t in ("12.5", "2/3", "10000", "3000")} == {"<num>"}
    assert pair_key("عام") == "عام" and pair_key("<s>") == "<s>" and pair_key("2022") == "<year>"
    # a token that starts with a number (a paragraph marker, a range) is keyed by that number,
    # as the table's sentences are cut into tokens
    assert number_key("1-") == number_key("7-3") == "<num2>" and number_key("2012-2013") == "<year>"


def test_a_number_scores_by_its_shape(model):
    # a year after "عام" and after a month, a small number after "المادة" and before a month
    assert model.logp("عام", "2024") > model.logp("عام", "5") + 1
    assert model.logp("المادة", "5") > model.logp("المادة", "2024") + 1
    assert model.logp("نوفمبر", "2022") > model.logp("نوفمبر", "30") + 1
    assert model.logp("30", "تشرين") > model.logp("2022", "تشرين") + 1
    # every shape has its own row in the table
    assert {"<year>", "<num2>", "<num3>"} <= set(model.ctx)


def test_the_table_keys_numbers_by_shape(tmp_path):
    lines = ["في عام 2020 وعام 2021.", "المادة 5 من العهد.", "المادة 12 من العهد."]
    out = tmp_path / "pairs.tsv.gz"
    build_tables.build_pair_model(lines, out, min_pair=1, top_n=2, min_cls=1)
    m = PairModel.load(out)
    assert m.pair_count("عام", "<year>") == 1 and m.pair_count("المادة", "<num2>") == 2
    assert m.pair_count("المادة", "<num>") == 0
    assert m.logp("المادة", "7") > m.logp("المادة", "2020")


def test_numbers_take_one_place_among_the_frequent_words(tmp_path):
    # four numbers of four shapes, each seen once, count as one "<num>" (4) when the frequent
    # words are ranked, ahead of <s>, في and عام (3 each)
    lines = ["في عام 5 204 2020 12.5", "في عام", "في عام"]
    out = tmp_path / "pairs.tsv.gz"
    build_tables.build_pair_model(lines, out, min_pair=1, top_n=4, min_cls=1)
    m = PairModel.load(out)
    assert m.top == {"<num>", "<s>", "في", "عام"}
    assert m.cls("<year>") == "<year>" and m.cls("<num2>") == "<num2>"
