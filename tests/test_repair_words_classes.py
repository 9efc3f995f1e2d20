"""The heading font's letter-class reading (indexer.repair_words, by_class), its noisy
channel costs, and the speed short-cuts of detection: each checked on its own."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from indexer import repair_damage as damage
from indexer.lexicon import Lexicon, bigrams, lexicon
from indexer.repair import Repairer, strip_tatweel
from indexer.repair_eval import word_accuracy
from indexer.repair_tables import BODY_FONT
from indexer.repair_words import GlyphModel

FIX = Path(__file__).parent / "fixtures" / "repair"


@pytest.fixture(scope="module")
def heading() -> GlyphModel:
    return GlyphModel.heading(context=bigrams(), by_class=True)


def test_align_cost_is_a_channel_cost(heading):
    # a letter the font would have changed, seen unchanged, costs more than one it changed
    kept, _ = heading.align_cost("تصدي", "تصدي")
    changed, edits = heading.align_cost("تتدو", "تصدي")
    assert edits == 2 and changed < kept
    assert heading.align_cost("قلم", "نظم") is None  # ق for ن is no entry of the table


def test_heading_model_reads_heavily_damaged_words(heading):
    assert heading.best("تلتوت").text == "تعزيز"
    assert heading.best(":التقووم").text in {"بالتقييم", "بالتقويم"}
    assert heading.repair_line("الإحتاءا/).") == "الإحصاءات)."


def test_slash_between_words_is_a_slash(heading):
    assert heading.repair_line("24 نوسان/ابرول") == "24 نيسان/أبريل"


def test_unknown_word_gets_its_only_possible_letters(heading):
    # no reading is a word; ":" inside a word can only be BEH
    assert heading.best("مونوام:و").text.count(":") == 0


def test_body_font_shows_shadda_as_feh():
    model = GlyphModel.body()
    assert model.best("معيفنة").text == "معيّنة"
    assert model.best("الفريق").text == "الفريق"  # a word with ف stays


def test_heading_font_document_generalises():
    """Whole documents of held-out UN sentences in the heading font: most words come back."""
    lines = (FIX / "un_testset_heldout_ar.txt").read_text(encoding="utf-8").splitlines()[:50]
    rng = random.Random(11)
    bad = damage.heading_font("\n".join(lines), rng).split("\n")
    fixed = Repairer().repair_lines(bad)[0]
    before = sum(word_accuracy(c, b) for c, b in zip(lines, bad)) / len(lines)
    after = sum(word_accuracy(c, f) for c, f in zip(lines, fixed)) / len(lines)
    assert before < 0.5
    assert after >= 0.95


def test_damage_model_keeps_marks_inside_words():
    # a mark is no end of word: the final-TEH glyph "/" is not used before it
    out = damage.heading_font("واستُخدم", random.Random(0), rate=1.0)
    assert "/" not in out


# -- speed short-cuts must not change results -------------------------------------------
def test_clean_document_detection_finds_nothing_and_changes_nothing():
    lines = (FIX / "un_testset_heldout_ar.txt").read_text(encoding="utf-8").splitlines()[:25]
    rep = Repairer()
    assert rep.detect(lines).keys() <= {"tatweel"}
    assert rep.repair_lines(lines)[0] == [strip_tatweel(l) for l in lines]


def test_lexicon_remembers_affixed_lookups():
    lex = Lexicon({"الإخطار": 3.0})
    assert lex.zipf_affixed("والإخطار") == pytest.approx(2.0)
    assert lex._affixed == {"والإخطار": pytest.approx(2.0)}
    assert lex.zipf_affixed("والإخطار") == pytest.approx(2.0)
    assert lex.zipf_affixed("كلمة") is None and "كلمة" in lex._affixed


def test_shared_lexicon_is_loaded_once():
    assert lexicon() is lexicon()


def test_body_table_has_no_class_reading():
    # the class index is for systematic maps only: the body model keeps its guard
    assert not GlyphModel.body().by_class
    assert any(c.seen == "\N{ARABIC LETTER FEH}" for c in BODY_FONT)


def test_class_index_belongs_to_its_lexicon():
    small = GlyphModel.heading(lex=Lexicon({"تعزيز": 4.6}), by_class=True)
    other = GlyphModel.heading(lex=Lexicon({"تحرير": 4.0}), by_class=True)
    assert small.classes().lookup("تلتوت") == ["تعزيز"]
    assert other.classes().lookup("تلتوت") == []
    assert small.classes() is small.classes()  # built once per lexicon


def test_the_line_before_decides_the_first_word(heading):
    """The previous line's last word, or a sentence start, is the first word's left context."""
    line = "وتو الاتفاق للى ان تلتتم اللجنة"
    assert heading.repair_line_edits(line, "<s>")[0] == "وتم الاتفاق على أن تلتزم اللجنة"
    assert heading.repair_line_edits(line, "أن")[0] == "يتم الاتفاق على أن تلتزم اللجنة"


def test_a_line_that_ends_a_sentence_is_followed_by_a_sentence_start():
    from indexer.repair import line_end
    assert line_end("وتعمل المنظمات مع ممثلي الحكومة.") == "<s>"
    assert line_end("وتعمل المنظمات مع") == "مع"
    assert line_end("") is None


def test_a_lone_alef_is_the_list_label(heading):
    # the heading font drops hamza on an initial alef; a lone letter has no neighbour to join
    assert heading.repair_line("ا - تلتوت التلاون") == "أ - تعزيز التعاون"
    assert heading.repair_line("و :") == "و :"  # a lone WAW stays the conjunction


def test_a_relative_adjective_missing_from_the_lexicon_is_read_through_its_stem():
    lex = Lexicon({"البرنامج": 4.0, "الوطنية": 5.0})
    model = GlyphModel.heading(lex=lex, by_class=True)
    # البرنامجية is not in this lexicon: its stem is, and the ending -ية is a nisba
    assert model.repair_line("ال:رنامجوة") == "البرنامجية"
    assert model.repair_line("ال:رنامجو") == "البرنامجي"
    assert model.repair_line("تلت:ق") == "تلتبق"  # no stem: only the glyph that is no letter


def test_a_known_word_as_seen_stays_a_rival_of_its_readings(heading):
    # مما may be كما with its KAF shown as MEEM; the neighbours must still be able to keep مما
    choice = heading.best("مما")
    assert "مما" in {choice.text} | {t for t, _ in choice.rivals}
    assert "كما" in {choice.text} | {t for t, _ in choice.rivals}


def test_a_word_pair_seen_more_than_its_classes_expect_gains():
    lm, lex = bigrams(), lexicon()
    # both readings share a shape class: only the pair itself tells them apart
    assert lm.pair_gain("المسائل", "المتصلة", lex.zipf("المتصلة")) > 0.5
    assert lm.pair_gain("المسائل", "المحتلة", lex.zipf("المحتلة")) == 0.0
    assert lm.pair_gain("<s>", "وتم", lex.zipf("وتم")) > lm.pair_gain("<s>", "يتم", lex.zipf("يتم"))


def test_body_font_context_is_the_smoothed_pair_model():
    """The body font's readings are chosen among by the Kneser-Ney pair model, whose word
    pairs tell ``تسلل آلاف`` from ``تسلل آلان`` (lines of held-out UN sentences)."""
    from indexer.pair_model import PairModel, pair_model
    from indexer.repair import GLYPH_CONTEXT, glyph_context
    assert GLYPH_CONTEXT["body"] == "kn" and isinstance(glyph_context("body"), PairModel)
    assert isinstance(Repairer().body.context, PairModel)
    body = GlyphModel.body(context=pair_model())
    assert body.repair_line("انرهابية وتوج هها، أو سهّل تسلل نلان الإرهابيين، وبشكل يومي، عبر") == \
        "الإرهابية وتوجيهها، أو سهّل تسلل آلاف الإرهابيين، وبشكل يومي، عبر"
    assert body.repair_line("ولا تزال مماطر الانكماش ماملة، لا سيما في منطقة اليورو") == \
        "ولا تزال مخاطر الانكماش ماثلة، لا سيما في منطقة اليورو"


def test_heading_font_line_context_is_the_smoothed_pair_model():
    """The heading font's line pass scores word pairs with the Kneser-Ney model, no prior
    taken off (``ترتيبات عملها``, not ``ترتيبات لكلها``; held-out UN sentences)."""
    from indexer.pair_model import PairModel, pair_model
    from indexer.repair import GLYPH_CONTEXT
    assert GLYPH_CONTEXT["heading"] == "kn" and isinstance(Repairer().heading.context, PairModel)
    model = GlyphModel.heading(context=pair_model(), by_class=True)
    assert model.repair_line("وأقرت اللجنة، لند استلراض ترتو:ا/ لملها، :أن الزوادة") == \
        "وأقرت اللجنة، عند استعراض ترتيبات عملها، بأن الزيادة"
    assert model.repair_line("زيادة متناسبة ملها فو لدد التوتوات المتخذة.") == \
        "زيادة متناسبة معها في عدد التوصيات المتخذة."
