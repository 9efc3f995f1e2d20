"""The heading font's line context (indexer.repair_words.GlyphModel under a systematic map):
the next line's first word, a final ``:`` that may be the letter BEH, a list label in
brackets.  Each is checked on its own, with the pair model the repair uses for this font."""
from __future__ import annotations

import pytest

from indexer.repair import Repairer, glyph_context
from indexer.repair_words import GlyphModel


@pytest.fixture(scope="module")
def heading() -> GlyphModel:
    return GlyphModel.heading(context=glyph_context("heading"), by_class=True)


def test_the_next_line_decides_the_last_word(heading):
    """``مل`` is ``مع`` or ``كل`` (م for ك, ل for ع): the word that follows on the next line
    chooses (``كل من``)."""
    line = "ونرحب :الجهود التو تبذلها مل"
    assert heading.repair_line_edits(line, "<s>")[0].endswith(" مع")
    assert heading.repair_line_edits(line, "<s>", "من")[0].endswith(" كل")


def test_no_next_word_after_a_sentence_end(heading):
    # a line that ends a sentence is not continued by the next line's first word
    line = "ونرحب :الجهود التو تبذلها مل."
    assert heading.repair_line_edits(line, "<s>", "من")[0] == heading.repair_line_edits(line, "<s>")[0]


def test_a_final_colon_before_more_words_may_be_beh(heading):
    """The font shows BEH as ``:``: before more words of the line, the word pairs weigh the
    letter against a colon."""
    assert "نصب أعينها" in heading.repair_line_edits("دول المجلس نت: اعونها الالتزام", "<s>")[0]
    assert "النصب التذكاري" in heading.repair_line_edits("وضلت الزهور للى النت: التذماري", "<s>")[0]


def test_a_colon_that_ends_a_line_or_reads_as_no_word_stays(heading):
    assert heading.repair_line("التوتوا/:") == "التوصيات:"
    assert heading.repair_line("وذلك ما ولو: ان الدول").startswith("وذلك ما يلي:")


def test_a_list_label_in_brackets_is_its_letter(heading):
    assert heading.repair_line("البند 19 (:) من جدول الألمال") == "البند 19 (ب) من جدول الأعمال"
    # only a glyph with one reading as a lone letter: "/" is TEH at the end of a word only
    assert heading.repair_line("البند 19 (/) من جدول") == "البند 19 (/) من جدول"
    assert heading.repair_line("(-) و (.)") == "(-) و (.)"


def test_the_body_font_keeps_its_labels():
    # the label reading is for the systematic map only
    assert GlyphModel.body().repair_line("البند 19 (:) من جدول") == "البند 19 (:) من جدول"


def test_repairer_passes_the_next_heading_line():
    """In a document in the heading font, each line's last word is read with the next
    line's first word; a heading followed by body text is not."""
    lines = ["وقد تو الاتفاق للى ان تلتتم اللجنة :مرالاة اللمل مل", "من الدول الألضاء فو هذا الصدد.",
             "وقررت اللجنة ان تواتل نظرها فو التقرور الخاص :التنموة.", "ونرحب :الجهود التو تبذلها مل"]
    rep = Repairer()
    out = rep.repair_lines(lines)[0]
    assert rep._heading_document
    assert out[0].split()[-1] == "كل"            # followed by "من" on the next line
    assert out[3].split()[-1] == "مع"            # the last line: no next word
    assert rep._next_heading_word([(l, "") for l in lines], 0) == "من"  # as seen
    assert rep._next_heading_word([(l, "") for l in lines], 3) is None


def test_a_heading_token_with_letters_after_a_sign_is_read_whole_for_the_order():
    """The heading font shows ب as ':' and ت as '/': the order search must see ``العقوبات:``,
    not the first letters repaired and the rest left as signs."""
    import random

    from indexer.repair import Repairer
    from indexer.repair_damage import heading_font

    shown = heading_font("العقوبات:", random.Random(3))
    assert ":" in shown.rstrip(":")  # a letter of the word is shown as a sign
    assert Repairer()._clean_heading(shown) == "العقوبات:"
