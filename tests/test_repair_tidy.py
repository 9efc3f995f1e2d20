"""Tidying a line around the order repair (:mod:`indexer.repair_tidy`)."""
from __future__ import annotations

from indexer.repair_tidy import (_ordinal_first, _plain, _tidy_moved, fix_reversed_lists, join_digit_groups,
                                 join_split_words)


def test_split_digit_groups_are_joined_without_changing_values():
    assert join_digit_groups("يتجاوز مجموعها 22  000 جمعية") == "يتجاوز مجموعها 22 000 جمعية"
    assert join_digit_groups("في عام 2024  و 2025") == "في عام 2024  و 2025"


def test_a_reversed_recommendation_list_is_put_back_in_order():
    # the items are joined by \x01 (one token each for the run cutter); a list glued to the
    # next word stays cut there (a hard boundary: two spaces)
    fixed = fix_reversed_lists("17و 15و 4و 1التوصيات").replace("\x01", " ")
    assert fixed == "1 و4 و15 و17  التوصيات"
    assert fix_reversed_lists("4و 114التعاون").replace("\x01", " ") == "114 و4  التعاون"
    assert fix_reversed_lists("التوصيات 1 و4 و15") == "التوصيات 1 و4 و15"  # already in order


def test_punctuation_that_travelled_with_a_moved_run_returns_to_its_word():
    assert _tidy_moved(["منظمة", "العمل", "رقم", ".190"]) == ["منظمة", "العمل", "رقم", "190."]
    assert " ".join(_tidy_moved(["المادة", ".( 1)"])) == "المادة ( 1)."  # the line as printed
    assert _tidy_moved(["الرئيس", ".", "وقال"]) == ["الرئيس.", "وقال"]
    assert _tidy_moved([")المادة", "6", "("]) == ["(المادة", "6)"]
    assert _tidy_moved(["(1)27"]) == ["27(1)"]
    clean = ["أحاطت", "جمهورية", "كازاخستان", "علماً", "(المادة", "6)."]
    assert _tidy_moved(clean) == clean


def test_split_words_are_joined_and_markers_keep_their_dash():
    joined = join_split_words("كازاخســــ ــتان في")
    assert joined.split()[1:] == ["في"] and joined.split()[0].replace("\N{ARABIC TATWEEL}", "") == "كازاخستان"
    assert _plain(["كازاخســــ", "ــتان", "بلد"]) == "كازاخستان بلد"
    assert _ordinal_first("-اولاا") == "اولاا -"
