"""The body font's choice between two real words by their neighbours (indexer/repair_words.py):
a known word kept as seen keeps the table's close readings as rivals, on text other than the
seed."""
from __future__ import annotations

import pytest

from indexer.repair import glyph_context
from indexer.repair_words import GlyphModel


@pytest.fixture(scope="module")
def body():
    return GlyphModel.body(context=glyph_context("body"))


@pytest.mark.parametrize("seen, right", [
    ("وقد تحسنت الحالة في تلو الفترة", "وقد تحسنت الحالة في تلك الفترة"),       # final ك shown as و
    ("ولا ينطبق هذا الشرر على الموظفين", "ولا ينطبق هذا الشرط على الموظفين"),   # final ط shown as ر
    ("وقدم طلق الحصول على الجنسية", "وقدم طلب الحصول على الجنسية"),            # final ب shown as ق
    ("طفل البال، من العمر 12 عاما", "طفل البالغ من العمر 12 عاما"),            # final غ shown as ،
    ("ليس فقر في المدن بل في الريف", "ليس فقط في المدن بل في الريف"),
    # the seen word is much the commoner: only its neighbours can tell (KEPT_WINDOW)
    ("وقررت الحكومة منك الجنسية للأطفال", "وقررت الحكومة منح الجنسية للأطفال"),   # final ح as ك
    ("ويجري ذلك عبر وسائر الإعلام", "ويجري ذلك عبر وسائط الإعلام"),
])
def test_a_damaged_word_that_is_another_real_word_is_read_by_its_neighbours(body, seen, right):
    assert body.repair_line(seen) == right


@pytest.mark.parametrize("line", [
    "أكد الأمين العام أن المنظمة ملتزمة بتقديم المساعدة",
    "وعقدت الجلسة ففي ذلك اليوم أقر المجلس جدول أعماله",   # not فّي: a real ف, not a shadda
    "ويشكل الفقر تحديا كبيرا في الريف",
    "ويقدم ملف الطلب إلى الوزارة المختصة",   # not عملّ: a lost ع and a shadda shown as ف
])
def test_real_words_in_their_own_context_stay(body, line):
    assert body.repair_line(line) == line


def test_a_kept_word_carries_its_close_readings():
    assert "تلك" in dict(GlyphModel.body().best("تلو").rivals)
    assert not GlyphModel.body().best("ففي").rivals or all(
        "\N{ARABIC SHADDA}" not in t for t, _ in GlyphModel.body().best("ففي").rivals)


@pytest.mark.parametrize("seen, right", [
    ("في 20 نق/أغسطس 2024.", "في 20 آب/أغسطس 2024."),   # آ shown as ن, final ب as ق; نق is a word
    ("في 14 نيسان/أبريل 2019", "في 14 نيسان/أبريل 2019"),
])
def test_the_words_either_side_of_a_slash_are_read_together(body, seen, right):
    assert body.repair_line(seen) == right


@pytest.mark.parametrize("seen, right", [
    ("إلى أ ار/مايو 2022، نظمت", "إلى أيار/مايو 2022، نظمت"),
    ("إلى كانون الأول/د سمبر). وأسفرت", "إلى كانون الأول/ديسمبر). وأسفرت"),
    ("في 3 حز ران/يونيه 2020", "في 3 حزيران/يونيه 2020"),
    ("في 8 شباط/فبرا ر 2021", "في 8 شباط/فبراير 2021"),
])
def test_a_letter_lost_as_a_space_next_to_a_slash_is_put_back(body, seen, right):
    assert body.repair_line(seen) == right


def test_a_neighbour_cut_by_a_lost_letter_is_judged_joined(body):
    """The word after is judged as the word it joins into (``عد مي`` -> ``عديمي``), not as its
    first piece ``عد``; two common words are never joined."""
    assert body._joined("وتحمي القوانين الأطفال عد مي الجنسية".split(" "), 3) == "عديمي"
    assert body._joined("أكد الأمين العام أن المنظمة".split(" "), 1) is None


def test_a_known_word_has_no_rival_that_only_reads_a_feh_as_shadda(body):
    """With the shadda entry at the cost a document without evidence for it gives (double),
    ``وكفالة`` is kept and ``وكّالة`` is no rival its neighbours could pick."""
    tuned = body.with_costs({c: 2 * c.cost for c in body.table}, {})
    choice = tuned.best("وكفالة")
    assert choice.text == "وكفالة"
    assert all("\N{ARABIC SHADDA}" not in t for t, _ in choice.rivals)
