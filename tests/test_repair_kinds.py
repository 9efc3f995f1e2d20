"""Each kind of damage on its own, on text other than the seed.

The text is held-out UN sentences (tests/fixtures/repair/un_testset_heldout_ar.txt) and
hand-made sentences; the damage comes from :mod:`indexer.repair_damage`.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from indexer import repair_damage as damage
from indexer.repair import Repairer, repair, repair_lines, repair_text, strip_bidi, strip_tatweel
from indexer.repair_eval import word_accuracy
from indexer.repair_order import reorder_line, reverse_visual
from indexer.repair_words import GlyphModel

FIX = Path(__file__).parent / "fixtures" / "repair"


@pytest.fixture(scope="module")
def un_docs() -> list[list[str]]:
    lines = (FIX / "un_testset_heldout_ar.txt").read_text(encoding="utf-8").splitlines()
    return [lines[i:i + 25] for i in range(0, 200, 25)]


def _accuracy(clean: list[str], fixed: list[str]) -> float:
    return sum(word_accuracy(c, f) for c, f in zip(clean, fixed)) / len(clean)


# -- glyph maps -----------------------------------------------------------------------
def test_body_font_model_reads_words_back():
    model = GlyphModel.body()
    assert model.repair_line("ومن إأن هذا النأام حما ة الأإماص") == "ومن شأن هذا النظام حماية الأشخاص"
    assert model.repair_line("ممملي المدمات ننذاك") == "ممثلي الخدمات آنذاك"


def test_body_font_model_leaves_common_words_alone():
    model = GlyphModel.body()
    line = "أكد الأمين العام أن المنظمة ملتزمة بتقديم المساعدة"
    assert model.repair_line(line) == line


def test_body_font_damage_is_repaired_in_a_document(un_docs):
    rng = random.Random(7)
    for doc in un_docs[:3]:
        bad = damage.body_font("\n".join(doc), rng).split("\n")
        result = Repairer().repair("\n".join(bad))
        assert "body-font" in result.damage
        fixed = result.text.split("\n")
        assert len(fixed) == len(doc)
        before, after = _accuracy(doc, bad), _accuracy(doc, fixed)
        assert after > before + 0.1
        assert after >= 0.93


def test_heading_font_lines_come_out_readable():
    text = "\n".join([
        "ممافتة التعذ ب: التوتوة 66",
        "ممافتة انعداو الجنسوة: التوتوة 294",
        "وتعمل الحكومة على تحسين التشريعات الوطنية.",
    ])
    result = repair(text)
    assert "heading-font" in result.damage
    lines = result.text.split("\n")
    assert lines[0] == "مكافحة التعذيب: التوصية 66"
    assert lines[1] == "مكافحة انعدام الجنسية: التوصية 294"
    assert lines[2] == "وتعمل الحكومة على تحسين التشريعات الوطنية."


# -- tatweel and digits ---------------------------------------------------------------
def test_tatweel_is_removed_and_split_words_joined():
    assert strip_tatweel("كازاخســــتان") == "كازاخستان"
    assert repair_text("تعمل كازاخســـ ــتان على") == "تعمل كازاخستان على"
    assert strip_tatweel("علماً بـــ 35") == "علماً بـ 35"  # a proclitic before a number keeps one
    assert strip_tatweel("وبـCOVID-19 ولـ ٣") == "وبـCOVID-19 ولـ ٣"
    assert strip_tatweel("كتـــاب 35 بـــيت") == "كتاب 35 بيت"


def test_tatweel_damage_only(un_docs):
    rng = random.Random(3)
    doc = un_docs[1]
    bad = damage.tatweel("\n".join(doc), rng)
    assert "\N{ARABIC TATWEEL}" in bad
    fixed = repair_text(bad).split("\n")
    assert _accuracy(doc, fixed) == 1.0


# -- order ----------------------------------------------------------------------------
def test_runs_out_of_order_with_a_number_glued_to_a_word():
    line = "مليون دولار لدعم البرامج الإنمائية   120خصصت الحكومة مبلغ  -3"
    new, why = reorder_line(line, ["<s>"], ["</s>"])
    assert why
    assert new.split()[0] == "-3"
    assert " ".join(new.split()[1:]) == "خصصت الحكومة مبلغ 120 مليون دولار لدعم البرامج الإنمائية"


def test_line_start_full_stop_goes_back_to_the_end():
    new, _ = reorder_line(".2015بدأ تنفيذ البرنامج في عام", ["<s>"], ["</s>"])
    assert new == "بدأ تنفيذ البرنامج في عام 2015."


def test_reversed_lines_are_read_forward(un_docs):
    rng = random.Random(11)
    doc = [" ".join(l.split()[:14]) for l in un_docs[2] if len(l.split()) >= 8][:12]
    bad = [damage.reversed_words(l, rng) for l in doc]
    result = Repairer().repair("\n".join(bad))
    assert "run-order" in result.damage
    assert _accuracy(doc, result.text.split("\n")) >= 0.95


def test_a_clean_line_is_never_reordered(un_docs):
    lines = un_docs[3]
    for i, line in enumerate(lines):
        new, why = reorder_line(line, lines[i - 1].split() if i else [], [])
        assert (new, why) == (line, "")


# -- pdftotext and visual order ---------------------------------------------------------
def test_bidi_controls_put_back_what_they_carry():
    lre, pdf, rle = "\u202a", "\u202c", "\u202b"
    raw = f"{rle}وعلى القانون الاتحادي رقم ({lre} )1{pdf}لسنة {lre} 1972{pdf}بشأن الوزراء{lre} ،{pdf}وتعديلاته{pdf}"
    assert strip_bidi(raw) == "وعلى القانون الاتحادي رقم (1) لسنة 1972 بشأن الوزراء، وتعديلاته"


def test_uae_pdftotext_output_is_readable():
    raw = (FIX / "uae" / "uae_law_39_2022.pdftotext-raw.txt").read_text(encoding="utf-8")
    result = repair(raw)
    assert {"bidi-controls", "lam-alef"} <= result.damage.keys()
    assert "run-order" not in result.damage
    text = result.text
    assert len(text.split("\n")) == len(raw.split("\n"))
    assert not any(ch in text for ch in "\u202a\u202b\u202c\u200e\u200f")
    assert "مرسوم بقانون اتحادي رقم (39) لسنة 2022" in text
    assert "في شأن التعليم الإلزامي" in text
    assert "الإمارات العربية المتحدة" in text
    for damaged in ("اإللزامي", "املتحدة", "املادة", "االطالع"):
        assert damaged not in text


def test_visual_order_extraction_is_reversed():
    row = json.loads((FIX / "uae" / "uae_law_39_2022_pdf_extract_reversed.jsonl").read_text(encoding="utf-8").splitlines()[0])
    result = repair(row["text"])
    assert "visual-order" in result.damage
    assert "مرسوم بقانون اتحادي رقم (39) لسنة 2022" in result.text
    assert "التعليم الإلزامي" in result.text
    assert "يمازللإا" not in result.text


def test_reverse_visual_keeps_numbers_and_mirrors_brackets():
    assert reverse_visual("2022 ةنسل )39( مقر") == "رقم (39) لسنة 2022"
    assert reverse_visual(reverse_visual("في عام 2024 (انظر NK-367)")) == "في عام 2024 (انظر NK-367)"


# -- clean text and contract -------------------------------------------------------------
def test_clean_documents_pass_through(un_docs):
    for doc in un_docs:
        result = Repairer().repair("\n".join(doc))
        assert result.damage.keys() <= {"tatweel"}
        assert result.text.split("\n") == [strip_tatweel(l) for l in doc]


def test_clean_wikipedia_prose_passes_through():
    passages = (FIX / "tydiqa_ar_passages.txt").read_text(encoding="utf-8").splitlines()
    for i in range(0, len(passages), 10):
        doc = passages[i:i + 10]
        result = Repairer().repair("\n".join(doc))
        assert result.damage.keys() <= {"tatweel", "bidi-controls"}, result.damage
        for before, after in zip(doc, result.text.split("\n")):
            assert after.split() == strip_bidi(strip_tatweel(before)).split()


def test_latin_cyrillic_and_numbers_are_not_touched():
    lines = [" 3 пункт 4 статьи 52. ", " 9 Приказ от 20.02.2018г. №240. ", "see NK-367 and eOtinish",
             "в 2021г.  1 807  чел"]
    assert repair_lines(lines) == lines
    # even in a document whose Arabic lines are damaged
    damaged = ["ومن إأن هذا النأام حما ة الأإماص", "وتعمل المنأمات مع ممملي الحكومة", "يتجاوز 22  000 جمعية"]
    out = repair_lines(damaged + lines)
    assert out[3:] == lines
    assert "22 000" in out[2] and "النظام" in out[0]


def test_one_output_line_per_input_line_and_markers_survive():
    text = "\n".join([
        "ومن إأن التصديق على الاتفاقية أن  -6",
        "",
        " عرض البلد لمماطر مالية. -7",
        "حصانة الرئيس ( 2) وأعضاي البرلمان ( 3)",
        " 17و 15و 4و 1الالتتاما/ الدولوة: التوتوا/  -اولاا  ",
        "وتعمل الحكومة على تنأيم المدمات. - 27",
        " .190منأمة العمل الدولية رقم ",
        " 4و 3و  2و 1التوتوا/    ",
    ])
    out = repair_lines(text.split("\n"))
    assert len(out) == 8
    assert "-6" in out[0].split() and "-7" in out[2].split() and "-27" in out[5].split()
    assert "( 2)" in out[3] and "( 3)" in out[3]
    assert out[4].startswith(("أولاً -", "اولاً -"))
    assert "1 و4 و15 و17" in out[4]
    assert out[6] == "منظمة العمل الدولية رقم 190."
    assert out[7] == "التوصيات 1 و2 و3 و4"


def test_repair_explains_its_changes_and_is_deterministic():
    text = "\n".join([
        "ومن إأن التصديق على الاتفاقية الدولية لحما ة حقوق جميع العمال المهاجرين",
        "سطر سليم تماما",
        "وتعمل المنأمات مع ممملي الحكومة على نأام جديد للمدمات",
    ])
    first, second = repair(text), repair(text)
    assert first == second
    assert "body-font" in first.damage
    assert [c.line for c in first.changes] == [1, 3]
    change = first.changes[0]
    assert change.before.startswith("ومن إأن") and change.after.startswith("ومن شأن")
    assert "body-font" in change.reason and "إأن→شأن" in change.reason


def test_a_letter_lost_as_a_space_is_not_read_as_a_mark():
    """A gap is a lost letter: with the shadda entry made cheap by a document's evidence, the
    join ``عد م`` must still read ``عديم`` (a letter), not ``عدّم`` (the common ``عدم`` + shadda)."""
    from indexer.repair_tables import SHADDA

    model = GlyphModel.body()
    tuned = model.with_costs({c: 0.5 for c in model.table if c.true == SHADDA}, {})
    assert tuned.repair_line("منح الجنسية لأي إمص عد م الجنسية") == "منح الجنسية لأي شخص عديم الجنسية"


def test_a_space_after_a_mark_joins_the_word_without_a_letter():
    """``ووفقً ا`` (the extraction cut the word after its tanween): one word, nothing lost."""
    model = GlyphModel.body()
    assert model.repair_line("ووفقً ا للقانون الجديد") == "ووفقا للقانون الجديد"
