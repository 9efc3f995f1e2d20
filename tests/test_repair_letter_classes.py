"""The lexicon indexed by letter classes (:mod:`indexer.repair_letter_classes`), on the heading
font's table: hand-made lexicons, each lookup checked on its own."""
from __future__ import annotations

from indexer.lexicon import Lexicon
from indexer.repair_letter_classes import LetterClasses
from indexer.repair_tables import BODY_FONT, HEADING_FONT


def test_class_index_finds_words_with_every_letter_wrong():
    lex = Lexicon({"تعزيز": 4.6, "تحرير": 4.0, "جميع": 5.9})
    classes = LetterClasses.build(HEADING_FONT, lex.zipfs)
    # ع shows as ل, ز as ت, ي as و: four of five letters wrong
    assert "تعزيز" in classes.lookup("تلتوت")
    assert classes.lookup("جمول") == ["جميع"]
    assert classes.lookup("قلم") == []


def test_class_index_keeps_end_of_word_glyphs_at_the_end():
    lex = Lexicon({"الإحصاءات": 3.5, "بيت": 4.0})
    classes = LetterClasses.build(HEADING_FONT, lex.zipfs)
    assert classes.lookup("الإحتاءا/") == ["الإحصاءات"]  # final TEH shows as /
    assert classes.lookup("/وب") == []                     # ... only at the end


def test_words_the_code_page_cannot_write_have_no_class_reading():
    classes = LetterClasses.build(HEADING_FONT, ["جميع"])
    assert classes.lookup("ڤيديو") == []  # a letter outside the single-byte Arabic code page


def test_only_one_for_one_entries_make_classes():
    classes = LetterClasses.build(BODY_FONT, ["نظام"])
    assert classes.lookup("نأام") == ["نظام"]  # the body font shows ظ as أ
    assert LetterClasses.build((), ["نظام"]).lookup("نأام") == []
