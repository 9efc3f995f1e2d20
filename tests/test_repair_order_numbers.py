"""Numbers inside a line's runs: a decimal point is no run boundary; a number set apart keeps
a neighbour on each side (hand-made UN-style lines, not the seed's)."""
from __future__ import annotations

from indexer.repair import Repairer, strip_tatweel
from indexer.repair_order import (
    HABIT_BONUS,
    Habit,
    NumberSides,
    join_split_words,
    number_sides,
    reorder_line,
    sides_broken,
    split_runs,
)


def test_a_decimal_number_is_one_token():
    runs, _ = split_runs("عانى ما يزيد على 12.8 مليون شخص")
    assert [t for r in runs for t in r.tokens] == ["عانى", "ما", "يزيد", "على", "12.8", "مليون", "شخص"]
    runs, _ = split_runs("(3.7 نقطة مئوية)، وهايتي (1.8 نقطة مئوية)")
    assert "(3.7" in runs[0].tokens and any("(1.8" in r.tokens for r in runs)


def test_a_full_stop_glued_to_the_next_runs_number_still_cuts():
    # ".190": a sentence's full stop, then a number that starts another run
    runs, _ = split_runs("اعتمدت اللجنة التقرير.190 توصية")
    assert [t for r in runs for t in r.tokens][:4] == ["اعتمدت", "اللجنة", "التقرير.", "190"]


def test_a_line_with_a_decimal_number_is_not_reordered_by_it():
    new, why = reorder_line("عانى ما يزيد على 12.8 مليون شخص في المنطقة", ["<s>"], [])
    assert "12.8 مليون" in new


# -- a number set apart on both sides keeps a neighbour on each side ----------------------

T = "ـــــ"
#: Lines laid out as the seed's line 355 (other words): split words chain the runs into two
#: blocks, the count set apart between them; found, each block's pieces lie on both sides
#: of the number, and the number's own words are the block found to its right (before it)
#: and the block found to its left (after it).
SET_APART = [
    (f"{T}ت طلبات اللجوء وقبلت {T}ية وسجل{T} {T}لة  1 250  السلطات المحل{T} {T}راءات المعج{T} منها بموجب الإج{T}",
     "السلطات المحلية وسجلت طلبات اللجوء وقبلت 1 250 منها بموجب الإجراءات المعجلة"),
    (f"{T}ت برامج التدريب المهني وأتم {T}ية ونظم{T} {T}لة  2 480  الحكومة الاتحاد{T} {T}رامج المتكام{T} منهم هذه الب{T}",
     "الحكومة الاتحادية ونظمت برامج التدريب المهني وأتم 2 480 منهم هذه البرامج المتكاملة"),
    (f"{T}وا على المساعدة القانونية واستفاد {T}ية وحصل{T} {T}ية  1 320  المنظمات الدول{T} {T}دمات الاجتماع{T} منهم من الخ{T}",
     "المنظمات الدولية وحصلوا على المساعدة القانونية واستفاد 1 320 منهم من الخدمات الاجتماعية"),
]


def test_number_sides_are_the_numbers_set_apart_on_both_sides():
    runs, _ = split_runs("قررت اللجنة  25  دولة طرفا")
    assert number_sides(runs) == [NumberSides("25", "اللجنة", "دولة")]
    # one space on a side: a number beside its word, no run of its own
    assert number_sides(split_runs("قررت اللجنة 25  دولة طرفا")[0]) == []
    # a neighbour that occurs twice can not be told apart in an order's tokens
    assert number_sides(split_runs("منهم  28  منهم وحظي")[0]) == []


def test_an_order_that_puts_both_neighbours_on_one_side_breaks_a_side():
    side = [NumberSides("25", "اللجنة", "دولة")]
    assert sides_broken(["قررت", "اللجنة", "25", "دولة", "طرفا"], side) == 0   # as found
    assert sides_broken(["دولة", "طرفا", "25", "قررت", "اللجنة"], side) == 0   # runs reversed
    assert sides_broken(["25", "دولة", "طرفا", "قررت", "اللجنة"], side) == 1
    assert sides_broken(["قررت", "طرفا", "دولة", "اللجنة", "25"], side) == 1


def test_a_count_set_apart_stays_between_its_own_words():
    repairer = Repairer()
    for line, truth in SET_APART:
        new, _ = reorder_line(line, [], [], clean=repairer._clean_token, known=repairer._known,
                              weak_cost=0.0, habit=Habit(reverse=HABIT_BONUS))
        assert strip_tatweel(join_split_words(new)) == truth
