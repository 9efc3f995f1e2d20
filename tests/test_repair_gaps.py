"""The extraction's spacing as evidence of a lost letter (indexer/repair_gaps.py and the body
font's lost first letter in indexer/repair_words.py), on text other than the seed."""
from __future__ import annotations

import doctest
import random
import re
from pathlib import Path

import pytest

from indexer import repair_damage as damage
from indexer import repair_gaps
from indexer.lexicon import lexicon, strip_marks
from indexer.repair import Repairer, glyph_context
from indexer.repair_gaps import ends_are_evidence, gapped_split_words, mark_gaps, usual_gap, wide_gaps
from indexer.repair_words import GlyphModel

FIX = Path(__file__).parent / "fixtures" / "repair"


def test_docstring_examples():
    assert doctest.testmod(repair_gaps).failed == 0


def test_usual_gap_is_the_median_gap():
    assert usual_gap("أكد الأمين العام  أن المنظمة") == 1
    assert usual_gap("أكد   الأمين   العام  أن   المنظمة") == 3


def test_only_gaps_wider_than_the_line_usual_are_evidence():
    assert wide_gaps("أكد الأمين  العام أن المنظمة")[("الأمين", "العام")] is True
    justified = wide_gaps("أكد   الأمين   العام   أن    المنظمة")
    assert not any(v for k, v in justified.items() if k != ("أن", "المنظمة"))
    assert justified[("أن", "المنظمة")] is True


def test_gaps_next_to_markers_and_between_digit_groups_are_no_evidence():
    gaps = wide_gaps("وقد أكد  -12 العام في 22  000 حالة")
    assert ("أكد", "-12") not in gaps and ("22", "000") not in gaps


def test_a_reordered_line_keeps_the_gap_between_words_that_stayed_side_by_side():
    raw = "التقرير السنوي.  وهو  شكل خطرا على"
    assert mark_gaps(raw, "وهو شكل خطرا على التقرير السنوي.") == "وهو  شكل خطرا على التقرير السنوي."
    # a reversed line: the pair is found the other way round
    assert mark_gaps("على خطرا شكل  وهو", "وهو شكل خطرا على") == "وهو  شكل خطرا على"
    # words brought together by the reordering had no gap between them
    assert "  " not in mark_gaps("ب  أ", "أ ب ج").strip()


def test_spaces_at_the_ends_of_lines_count_only_where_they_are_unusual():
    assert ends_are_evidence(["أكد الأمين", " العام أن", "المنظمة", "ملتزمة", "بتقديم", "المساعدة"])
    assert not ends_are_evidence([" أكد الأمين", " العام أن", "المنظمة "])
    assert mark_gaps(" شكل خطرا", " شكل خطرا", ends=True) == " شكل خطرا"
    assert mark_gaps(" شكل خطرا", " شكل خطرا", ends=False) == "شكل خطرا"


@pytest.fixture(scope="module")
def body():
    return GlyphModel.body(context=glyph_context("body"))


@pytest.mark.parametrize("spaced, single, right", [
    ("وهو  شكل خطرا على السلم", "وهو شكل خطرا على السلم", "وهو يشكل خطرا على السلم"),
    ("إن هذا  سهم في تعزيز التعاون", "إن هذا سهم في تعزيز التعاون", "إن هذا يسهم في تعزيز التعاون"),
    ("فإن المجلس  رحب بالتقرير", None, "فإن المجلس يرحب بالتقرير"),
])
def test_a_wide_gap_before_a_real_word_puts_its_lost_first_letter_back(body, spaced, single, right):
    assert " ".join(body.repair_line(spaced).split()) == right
    if single:  # one space is no evidence: the real word stays
        assert body.repair_line(single) == single


def test_a_gap_taken_by_the_word_before_is_not_used_twice(body):
    """``الأخر  من``: the gap is where ``الأخرى`` lost its last letter, not ``يمن``."""
    assert " ".join(body.repair_line("بقيت الأخر  من الوثائق").split()) == "بقيت الأخرى من الوثائق"


def test_a_wide_gap_after_a_word_is_where_its_last_letter_was(body):
    """``ودول أمر  في``: م is the font's خ and the gap the lost ى: ``أخرى``, though ``أمر`` is a
    common word; with one space the word stays."""
    assert " ".join(body.repair_line("ودول أمر  في المنطقة").split()) == "ودول أخرى في المنطقة"
    assert body.repair_line("وهذا أمر في غاية الأهمية") == "وهذا أمر في غاية الأهمية"


def test_the_lost_last_letter_is_chosen_by_the_neighbours(body):
    """``وتر  اللجنة``: ى or ك lost? ``وترى اللجنة`` is what UN prose says."""
    assert " ".join(body.repair_line("وتر  اللجنة الاستشارية أن المولدات").split()) == \
        "وترى اللجنة الاستشارية أن المولدات"
    assert body.repair_line("وحث الأطراف على بذل قصارى جهودها") == "وحث الأطراف على بذل قصارى جهودها"


def test_a_mark_left_by_the_lost_letter_is_dropped(body):
    assert " ".join(body.repair_line("التي  ُضطلع بها الأمانة").split()) == "التي يضطلع بها الأمانة"
    assert " ".join(body.repair_line("مشروع ُ نفذ في المنطقة").split()) == "مشروع ينفذ في المنطقة"


def test_the_damage_model_loses_a_first_yeh_as_a_space():
    rng = random.Random(1)
    out = [damage.body_font("قال إنه يسبب ضررا", rng) for _ in range(40)]
    lost = [o for o in out if "  سب" in o]
    assert 5 <= len(lost) <= 20  # a share rate / 2 = 0.25 of the 40
    assert all("يسب" in o for o in out if o not in lost)  # the letter is lost only as a space
    assert damage.lost_initial("يسبب") and not damage.lost_initial("سبب") and not damage.lost_initial("يد")


def test_lost_first_letters_come_back_in_damaged_held_out_documents():
    """Held-out UN sentences in the body font, which loses some first ي as a space: of the
    words that lost it and so became another real word (``يشكل`` -> ``شكل``), most come back:
    the spacing is the only evidence."""
    lines = (FIX / "un_testset_heldout_ar.txt").read_text(encoding="utf-8").splitlines()
    rng = random.Random(11)
    right = total = 0
    lex = lexicon()
    for k in range(0, 400, 25):
        doc = lines[k:k + 25]
        bad = damage.body_font("\n".join(doc), rng).split("\n")
        fixed = Repairer().repair("\n".join(bad)).text.split("\n")
        for clean, b, out in zip(doc, bad, fixed):
            b = b.replace(" " * 3, " " * 2)  # a word before it may have lost its last letter too
            got = {strip_marks(w) for w in out.split()}
            for w in clean.split():
                w = strip_marks(w).strip("،.:؛()\"")
                if damage.lost_initial(w) and w[1:] in lex and ("  " + w[1:] + " ") in " " + strip_marks(b) + " ":
                    total += 1
                    right += w in got
    assert total >= 20
    assert right / total >= 0.9  # 41 of 43 (37 without the spacing evidence)


def test_a_wide_gap_before_the_first_piece_of_a_split_word_follows_the_word():
    """The run-order pass joins ``قتــ``/``ــرح`` into ``قترح`` far from the gap the lost ي
    left before its first piece: the gap goes with the word."""
    raw = "ــرح حلولا للمشكلة. وهو  قتــ"
    assert gapped_split_words(raw) == ({"قت"}, {})
    assert mark_gaps(raw, "وهو قترح حلولا للمشكلة.") == "وهو  قترح حلولا للمشكلة."
    # the word first in the line: the gap is put before it
    assert mark_gaps("ــرح حلولا الآن  قتــ", "قترح حلولا الآن") == " قترح حلولا الآن"
    # a usual gap, or one after a number, is no evidence
    assert gapped_split_words("ــرح حلولا وهو قتــ") == (set(), {})
    assert gapped_split_words("ــرح حلولا 2024  قتــ") == (set(), {})
    # a word the line spells whole is not the split one
    assert mark_gaps("ــرح قترح  قتــ", "قترح قترح") == "قترح قترح"


def test_a_split_word_after_a_wide_gap_gets_its_first_letter_back(body):
    """``شكل`` is a word: only the gap before its first piece says that it lost its ي."""
    ordered = mark_gaps("ــل خطرا على السلم وهو  شكــ", "وهو شكل خطرا على السلم")
    assert " ".join(body.repair_line(ordered).split()) == "وهو يشكل خطرا على السلم"
    single = mark_gaps("ــل خطرا على السلم وهو شكــ", "وهو شكل خطرا على السلم")
    assert body.repair_line(single) == "وهو شكل خطرا على السلم"


def test_a_wide_gap_after_a_first_piece_goes_with_the_word_after_it():
    """``المنظــ  رص``: the piece's word goes on in another run, so the gap is the place of
    a letter lost before ``رص``, wherever the run-order pass puts it."""
    raw = "ــمة جديدة. وتتيح المنظــ  رص للتعاون"
    assert gapped_split_words(raw) == (set(), {"رص": "المنظ"})
    assert mark_gaps(raw, "رص للتعاون وتتيح المنظمة جديدة.") == " رص للتعاون وتتيح المنظمة جديدة."
    # a word stretched before its lost last letter is no piece: the gap may be its
    assert mark_gaps("جديدة. وتتيح المنظــ  رص للتعاون", "رص للتعاون وتتيح المنظ جديدة.") == \
        "رص للتعاون وتتيح المنظ جديدة."
    # a gap after a whole word is the pair rule's, not this one's
    assert gapped_split_words("ــمة جديدة وتتيح  رص") == (set(), {})
    # nor in a document whose runs are emitted with runs of spaces between them
    assert mark_gaps(raw, "رص للتعاون وتتيح المنظمة جديدة.", after_pieces=False) == \
        "رص للتعاون وتتيح المنظمة جديدة."


def test_gaps_after_pieces_count_only_where_they_are_unusual():
    """The split-word damage model emits runs with a run of spaces between words: there a
    gap after a piece is the runs' boundary, no lost letter."""
    sentences = (FIX / "un_testset_heldout_ar.txt").read_text(encoding="utf-8").splitlines()[:60]
    rng = random.Random(3)
    spaced = [damage.split_word_runs(s, rng) for s in sentences]
    assert not repair_gaps.piece_gaps_are_evidence(spaced)
    single = [re.sub(" {2,}", " ", l) for l in spaced]
    assert repair_gaps.piece_gaps_are_evidence(single)


@pytest.mark.parametrize("spaced, single, right", [
    ("وهذه  رص جديدة للتعاون", "وهذه رص جديدة للتعاون", "وهذه فرص جديدة للتعاون"),
    ("خلال  ترة قصيرة", "خلال ترة قصيرة", "خلال فترة قصيرة"),
])
def test_at_a_wide_gap_any_letter_the_font_shows_as_a_space_may_be_the_lost_first(body, spaced, single, right):
    """ف, whose glyph the font shows as a space inside words (``إضا ية``), lost at the start
    of a word: only where the gap is wide."""
    assert " ".join(body.repair_line(spaced).split()) == right
    assert body.repair_line(single) == single


def test_a_lost_feh_is_no_proclitic(body):
    """``ف`` put back must make a word in its own right, not ``ف`` + the word."""
    assert " ".join(body.repair_line("أكد أن  المنظمة ملتزمة").split()) == "أكد أن المنظمة ملتزمة"


@pytest.mark.parametrize("spaced, single, right", [
    ("وكما  ر  المجلس فإن الوضع خطير", "وكما ر المجلس فإن الوضع خطير", "وكما يرى المجلس فإن الوضع خطير"),
    ("وقد حصل  ل  موافقة الحكومة", "وقد حصل ل موافقة الحكومة", "وقد حصل على موافقة الحكومة"),
])
def test_a_lone_letter_between_wide_gaps_lost_its_first_and_last_letters(body, spaced, single, right):
    assert " ".join(body.repair_line(spaced).split()) == right
    assert " ".join(body.repair_line(single).split()) != right


def test_two_letters_put_back_make_a_common_word_only(body):
    """``و`` between wide gaps is not ``يوك`` (a rare web form)."""
    assert "يوك" not in body.repair_line("وقد ضرب  و  المدينة")
