"""The run-order search, the document's habit and the order helpers, on hand-made lines."""
from __future__ import annotations

import random

from indexer import repair_damage as damage
from indexer.repair_order import (
    Habit,
    Run,
    document_habit,
    hard_chunks,
    reorder_line,
    reverse_words,
    split_runs,
)
from indexer.repair_order_search import JUMP, search_orders, step_prior

#: Hand-made UN-style sentences (not from the seed).
SENTENCES = [
    "وتلاحظ اللجنة مع القلق أن التشريعات الوطنية لا تتضمن تعريفا شاملا للتمييز ضد المرأة",
    "وتوصي اللجنة الدولة الطرف بأن تكفل حصول جميع الأطفال على التعليم الابتدائي المجاني",
    "وأحاط المجلس علما بالتقرير الذي قدمه الأمين العام عن أنشطة المكتب خلال الفترة المشمولة",
    "وتشير الحكومة إلى أنها اعتمدت في عام 2019 خطة عمل وطنية لمكافحة الاتجار بالبشر",
    "ويساور اللجنة القلق إزاء عدم توافر بيانات إحصائية مصنفة حسب الجنس والعمر والإعاقة",
    "وترحب اللجنة بالتدابير التي اتخذتها الدولة الطرف لتحسين إمكانية اللجوء إلى القضاء",
]


def _pair(a: str, b: str) -> float:
    return 0.0


def test_step_prior_prefers_runs_emitted_left_to_right():
    hard = [True, True, False]
    assert step_prior(2, 1, hard) == 0.0          # the run found before: free
    assert step_prior(1, 2, hard) == 0.0          # on across a number's edge: free
    assert 0 < step_prior(0, 1, hard) < JUMP      # on across a run of spaces
    assert step_prior(0, 2, hard) == JUMP


def test_search_joins_pieces_of_words_split_by_tatweel_wherever_they_are():
    # "تحسين أحكام تشريع مكافحة" cut into three runs, found in the order 1, 2, 0
    runs = [Run(["ــين", "أحكام", "تشــ"]), Run(["ــريع", "مكافحة"]), Run(["تحســ"])]
    known = {"تحسين", "تشريع"}.__contains__
    best, _ = search_orders(runs, _pair, known=known)[0]
    assert best == [2, 0, 1]


def test_search_returns_at_most_keep_orders_best_first():
    runs = [Run([w]) for w in "د ج ب أ".split()]
    out = search_orders(runs, _pair, keep=3)
    assert len(out) == 3
    assert out[0] == ([3, 2, 1, 0], 0.0)
    assert all(p >= 0 for _, p in out)


def test_many_runs_emitted_right_to_left_are_put_back():
    """Lines cut into 5-7 runs (beyond exhaustive permutation) come back in order."""
    rng = random.Random(3)
    right = 0
    for s in SENTENCES:
        words = s.split()
        cuts = sorted(rng.sample(range(1, len(words)), 5))
        runs = [" ".join(words[a:b]) for a, b in zip([0] + cuts, cuts + [len(words)])]
        line = "  ".join(reversed(runs))
        new, why = reorder_line(line, ["<s>"], ["</s>"], habit=Habit(reverse=1.5))
        right += new == s
    assert right >= len(SENTENCES) - 1


def test_hard_chunks_keep_a_number_with_its_words():
    runs, _ = split_runs("آذار/مارس 2015،  الاثنين 16  المقرر")
    assert [[r.text for r in c] for c in hard_chunks(runs)] == [
        ["آذار/مارس", "2015،"], ["الاثنين", "16"], ["المقرر"]]


def test_numbers_stay_with_their_chunk_when_that_is_the_habit():
    line = "آذار/مارس 2015، الساعة 10:00  الاثنين 16  عقدها يوم  المقرر"
    new, _ = reorder_line(line, ["<s>"], ["</s>"], weak_cost=0.0, habit=Habit(1.5, "stay"))
    assert new == "المقرر عقدها يوم الاثنين 16 آذار/مارس 2015، الساعة 10:00"


def test_document_habit_is_learnt_from_the_document():
    rng = random.Random(5)
    scrambled = [damage.reversed_runs(s, rng) for s in SENTENCES * 2]
    assert document_habit(scrambled).reverse > 0
    assert document_habit(SENTENCES) == Habit()


def test_a_dash_inside_the_text_is_not_a_paragraph_marker():
    line = "تقرر أن تقسم بين الدول الأعضاء مبلغ - دولار للفترة"
    runs, markers = split_runs(line)
    assert markers == []
    assert reorder_line(line) == (line, "")
    assert split_runs("النص  - 27")[1] == ["-27"]


def test_a_bare_article_stays_with_its_word_when_words_are_reversed():
    assert reverse_words(["277", "ال", "وية", "الجنسانية:"]) == ["الجنسانية:", "ال", "وية", "277"]


def test_a_line_cut_only_at_its_numbers_is_not_reordered():
    line = "25، الجزء ألف، خدمات الإدارة والدعم، من الخطة البرنامجية لفترة السنتين 2016-2017."
    assert reorder_line(line, weak_cost=0.0, habit=Habit(1.5, "stay"))[0] == line


def test_a_word_cut_after_its_shadda_is_joined_again():
    # "وتُحدَّد" cut into "وتُحدَّ" (end of one run) and a lone "د" (start of another)
    line = "د الإجراءات في القواعد الموحدة   2024 . وتُحدَّ"
    runs, _ = split_runs(line)
    assert runs[0].head_piece and any(r.tail_piece for r in runs)
    new, why = reorder_line(line, ["<s>"], ["</s>"])
    assert why
    assert "وتُحدَّـ ـد" in new  # pieces side by side; the tatweel pass joins them


def test_a_semicolon_glued_between_two_words_cuts_runs():
    runs, _ = split_runs("الحدث؛الغرض من")
    assert [r.text for r in runs] == ["الحدث؛", "الغرض من"]


def test_a_line_laid_out_word_by_word_is_read_word_by_word():
    # held-out UN lines, reversed, most words standing alone: the one single space is chance,
    # not a run (read as a run, it kept `تطوير وتنفيذ` / `متكافئة والأمن` backwards)
    cases = {
        "المفهوم.  هذا  وتنفيذ تطوير  على  الوكالة  في": "في الوكالة على تطوير وتنفيذ هذا المفهوم.",
        "المرشحين؛  لجميع  والأمن متكافئة  فرص  بإتاحة  نفسها  الحكومة  وتلزم":
            "وتلزم الحكومة نفسها بإتاحة فرص متكافئة والأمن لجميع المرشحين؛",
    }
    for line, want in cases.items():
        assert reorder_line(line)[0] == want
        assert reorder_line(line, habit=Habit(1.5))[0] == want


def test_a_full_stop_ends_the_line_rather_than_a_one_word_sentence_inside_it():
    # two runs emitted right to left put the sentence's last word first: `الموضوع.` then the
    # rest; the sentence break inside the line is no longer free
    line = "الموضوع.  وخلال اجتماعات اللجنة الأولى التابعة للجمعية العامة بشأن هذا"
    assert reorder_line(line)[0] == "وخلال اجتماعات اللجنة الأولى التابعة للجمعية العامة بشأن هذا الموضوع."
    # clean lines with a sentence ending inside them stay as they are
    for clean in ("الإطار. وفي عام 2015 أنشئت اللجنة", "وقد وافقت اللجنة على ذلك. وفي عام 2015 أنشئت"):
        assert reorder_line(clean) == (clean, "")


def test_a_word_after_a_sentence_end_carried_to_the_other_end_of_the_line():
    # the paragraph's first line starts with the last word of its sentence, with a full stop
    line = "الإنسان. ويمتثل التشريع الوطني للمعايير الدولية لحقوق"
    assert reorder_line(line, ["<s>"], ["-42"])[0] == "ويمتثل التشريع الوطني للمعايير الدولية لحقوق الإنسان."
    # a clean line whose last word starts the next sentence stays
    clean = "واعتمدت الجمعية العامة القرار بتوافق الآراء. وفي"
    assert reorder_line(clean, ["<s>"], ["-68"]) == (clean, "")
