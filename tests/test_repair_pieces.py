"""Pairing the pieces of split words before the run order is searched (hand-made UN-style
lines, not the seed's)."""
from __future__ import annotations

import doctest
import random

import pytest

from indexer import repair_pieces
from indexer.repair import Repairer, strip_tatweel
from indexer.repair_damage import split_word_runs
from indexer.repair_order import Run, join_split_words, reorder_line, split_runs
from indexer.repair_pieces import (
    MAX_CUTS,
    assign,
    breaks_cost,
    candidates,
    pair_pieces,
    ring_cuts,
)
from indexer.repair_tables import TATWEEL

#: Hand-made UN-style sentences (not from the seed).
SENTENCES = [
    "وتلاحظ اللجنة مع القلق أن التشريعات الوطنية لا تتضمن تعريفا شاملا للتمييز ضد المرأة",
    "وتوصي اللجنة الدولة الطرف بأن تكفل حصول جميع الأطفال على التعليم الابتدائي المجاني",
    "وأحاط المجلس علما بالتقرير الذي قدمه الأمين العام عن أنشطة المكتب خلال الفترة المشمولة",
    "ويساور اللجنة القلق إزاء عدم توافر بيانات إحصائية مصنفة حسب الجنس والعمر والإعاقة",
    "وترحب اللجنة بالتدابير التي اتخذتها الدولة الطرف لتحسين إمكانية اللجوء إلى القضاء",
    "وتعمل الحكومة بالتعاون مع المنظمات الدولية على تعزيز حقوق الإنسان وحمايتها",
]


@pytest.fixture(scope="module")
def repairer() -> Repairer:
    return Repairer()


def _reorder(repairer: Repairer, line: str) -> str:
    new, _ = reorder_line(line, clean=repairer._clean_token, known=repairer._known, weak_cost=0.0)
    return strip_tatweel(join_split_words(new))


def test_docstring_examples():
    assert doctest.testmod(repair_pieces).failed == 0


def test_assign_finds_the_best_total_where_taking_the_best_join_first_fails():
    # head 0 joins tail 0 best, but head 1 can only join tail 0: the best total pairs 0-1, 1-0
    values = [[9.0, 8.5], [8.0, None]]
    assert sorted(assign(values)) == [(0, 1), (1, 0)]


def test_assign_leaves_a_piece_unpaired_when_no_join_is_allowed():
    assert assign([[None, None], [None, 3.0]]) == [(1, 1)]
    assert assign([]) == []


def test_assign_beyond_the_exhaustive_limit_is_greedy_and_one_to_one():
    n = repair_pieces.EXHAUSTIVE + 2
    values = [[float((i * 7 + j * 3) % n) for j in range(n)] for i in range(n)]
    pairs = assign(values)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs}) == n


def test_pairing_makes_real_words_of_pieces_in_other_runs():
    # "بالتعاون" and "حقوق" cut by tatweel, the runs emitted right to left
    runs, _ = split_runs("ــوق الإنسان في البلد  ــاون مع الهيئات الدولية بالتعـــ تعزيز حقـــ")
    assert sorted(pair_pieces(runs).words) == ["بالتعاون", "حقوق"]


def test_pairing_prefers_a_known_word_to_a_tatweel_piece_that_lost_its_last_letter():
    # "ذلــ" lost its ك; the line ends with the article of "الحكومة", whose rest starts the line
    runs, _ = split_runs("ــحكومة أن تتخذ التدابير اللازمة  وعلاوة على ذلــ ، ترى اللجنة أن على ال")
    pairing = pair_pieces(runs)
    assert pairing.words == frozenset({"الحكومة"})
    # the last run joins the first: the line was read round from its middle
    assert any(prior == repair_pieces.WRAP_PRIOR for _, prior in pairing.extra)


def test_a_stretched_letter_before_a_number_is_no_piece():
    # a one-letter head joins only a tatweel tail into a known word ...
    runs, _ = split_runs("توصية قبلتها الحكومة  35 أحاطت اللجنة علماً بـ")
    assert not pair_pieces(runs).words
    # ... and a stretched letter before a number is a head only into a known word
    runs, _ = split_runs("ــة التي قبلتها الحكومة  أحاطت اللجنة علماً بـ 35 توصيـ")
    heads, _ = candidates(runs)
    assert [h.token for h in heads if h.marked and not h.proclitic] == ["توصيـ"]
    assert [h.token for h in heads if h.proclitic] == ["بـ"]
    assert pair_pieces(runs).words == frozenset({"توصية"})


def test_a_stretched_article_before_a_number_may_still_be_a_word_head():
    # "الـ" ends a run and a number starts the next one, but the tail "ــمائة" is elsewhere:
    # the article is the head of "المائة", not a proclitic printed before "2012"
    runs, _ = split_runs("ــــمائة من الأشخاص ولدى حوالي 20 في الــــ  2012 كان أقل من 1 في المائة،")
    heads, _ = candidates(runs)
    assert [h.token for h in heads if h.proclitic] == ["الــــ"]
    assert pair_pieces(runs).words == frozenset({"المائة"})
    # a plain proclitic before a number ("و 36") is no head: "ــدين" is the tail of "البنـ"
    runs, _ = split_runs("ـــدين 35 و 36 من جدول الأعمال، في إطار البنـــ  العامة،")
    assert pair_pieces(runs).words == frozenset({"البندين"})
    # it is worth little: another head takes the tail, and no plain join at the wrap is
    # made to use the head that is left ("الـ" + "تأجيل")
    runs, _ = split_runs("تأجيل الاستعدادات لاستعراضاتها،  ـــتها إلى ــدول الـ70 المزمع استعراضها "
                         "في السنة الرابعة عن حاجـــ من الــ")
    assert pair_pieces(runs).words == frozenset({"الدول", "حاجتها"})
    # with no tail to join, it stays a proclitic before its number
    runs, _ = split_runs("من الأشخاص ولدى حوالي 20 في الــــ 2012 كان أقل من 1 في المائة،")
    assert not pair_pieces(runs).words


def test_plain_pieces_join_only_into_a_common_word_at_the_wrap_of_a_line():
    # the line was emitted from the middle of "المنظمات" round to it
    runs, _ = split_runs("ظمات الدولية على تعزيز حقوق الإنسان  وتعمل الحكومة مع المن")
    assert pair_pieces(runs).words == frozenset({"المنظمات"})
    # two whole words at a line's edges stay apart ("في" + "القضاء" is no word cut in two)
    runs, _ = split_runs("القضاء بصورة فعالة  وتكفل الدولة حق اللجوء إلى المحاكم في")
    assert not pair_pieces(runs).words


def test_reorder_reads_a_wrapped_line_round_to_its_start(repairer):
    line = "ظمات الدولية على تعزيز حقوق الإنسان  وتعمل الحكومة مع المن"
    assert _reorder(repairer, line) == SENTENCES[5].replace("بالتعاون مع ", "مع ").replace(" وحمايتها", "")


def test_reorder_joins_only_the_paired_words(repairer):
    line = "ــحكومة أن تتخذ التدابير اللازمة  وعلاوة على ذلــ ، ترى اللجنة أن على ال"
    out = _reorder(repairer, line).split()
    assert "الحكومة" in out and "ذلحكومة" not in out


def test_ring_cuts_cut_a_self_joined_stretch_before_each_word():
    runs = [Run(["أ"]), Run(["ــب", "ج", "د"]), Run(["5"], hard=False), Run(["هـ"], hard=False)]
    cuts = ring_cuts(runs, 1, 3)
    assert len(cuts) == 4 <= MAX_CUTS  # before ج, before د, before 5, before هـ
    assert [[r.text for r in v] for v in cuts][0] == ["أ", "ــب", "ج د", "5", "هـ"]
    assert all(v[k].hard for v in cuts for k in range(len(v)) if k and v[k].text.startswith(("ج", "د")))


def test_a_run_whose_last_word_joins_its_first_is_cut_where_the_line_began():
    # "... إدراج الهوية" read round: the run starts with the rest of the line's last word
    runs, _ = split_runs("من قانون العمل    2019وية الوطنية في المادة الأولى. ويتطلب تعزيز اله")
    pairing = pair_pieces(runs)
    assert pairing.words == frozenset({"الهوية"})
    assert len(pairing.variants) > 1


def test_breaks_cost_is_free_for_one_moved_block_and_grows_with_jumps():
    units = ["D", "C", "B", "A"]
    assert breaks_cost(["C", "B", "A", "D"], units) == 0.0   # D moved to the end
    assert breaks_cost(["B", "D", "A", "C"], units) > breaks_cost(["A", "D", "C", "B"], units)


def test_damage_model_puts_the_pieces_of_split_words_in_different_runs():
    rng = random.Random(5)
    cut = 0
    for _ in range(4):
        for s in SENTENCES:
            bad = split_word_runs(s, rng)
            # nothing is lost: the pieces joined give the sentence's letters back
            assert sorted(bad.replace(TATWEEL, "").replace(" ", "")) == sorted(s.replace(" ", ""))
            runs, _ = split_runs(bad)
            heads = [i for i, r in enumerate(runs) if r.tokens[-1].endswith(TATWEEL)]
            cut += len(heads)
            # a word head is never followed by its own tail: the runs are reversed
            for i in heads:
                assert i + 1 == len(runs) or not runs[i + 1].tokens[0].startswith(TATWEEL) or \
                    strip_tatweel(runs[i].tokens[-1] + runs[i + 1].tokens[0]) not in s.split()
    assert cut >= 10


def test_split_words_across_reversed_runs_are_mostly_put_back(repairer):
    rng = random.Random(11)
    right = total = 0
    for _ in range(3):
        for s in SENTENCES:
            bad = split_word_runs(s, rng)
            if bad == s:
                continue
            total += 1
            out = _reorder(repairer, bad)
            right += out.split() == s.split()
            # whatever the order, every word is a word of the sentence: no wrong joins
            assert set(out.split()) <= set(s.split()) | {"-"}
    assert total >= 10 and right >= 0.7 * total


def test_a_line_chained_into_one_is_also_read_round_from_each_word(repairer):
    # runs found: the line's end ("ــصة بالهجرة") and start ("الأساســ") share a run
    line = "ــية للعمال المهاجرين في الأمم  ــصة بالهجرة الأساســ  المتحدة والوكالات المتخصــ"
    pairing = pair_pieces(split_runs(line)[0])
    readings = {strip_tatweel(join_split_words(" ".join(t))) for t, _ in pairing.extra}
    assert ("الأساسية للعمال المهاجرين في الأمم المتحدة والوكالات المتخصصة بالهجرة"
            in readings)
    assert all(p == repair_pieces.CHAIN_ROTATED for _, p in pairing.extra)
    # whichever reading wins, both words are joined
    out = _reorder(repairer, line).split()
    assert "الأساسية" in out and "المتخصصة" in out


def test_close_pairings_are_laid_out_too_with_the_value_they_lose_as_prior():
    from indexer.repair_pieces import SWAP_MARGIN, SWAP_PRIOR, _swaps
    nxt = {0: 1, 2: 3}
    close = {(0, 1): 5.0, (2, 3): 5.0, (0, 3): 4.5, (2, 1): 4.8}
    [(alt, prior)] = _swaps(nxt, close)
    assert alt == {0: 3, 2: 1} and prior == pytest.approx(SWAP_PRIOR + 0.7)
    far = {**close, (0, 3): 5.0 - SWAP_MARGIN - 1.0}
    assert _swaps(nxt, far) == []
    assert _swaps(nxt, {(0, 1): 5.0, (2, 3): 5.0}) == []  # a swap needs both joins allowed


def test_the_order_search_may_make_the_joins_of_a_close_pairing():
    # "للمـ" + "ـراقبين" / "المـ" + "ـؤرخ", or the other way round: both are words
    runs, _ = split_runs("ــؤرخ 2012 المــ  ــراقبين العسكريين، وقرار مجلس الأمن بقيادة رئيس للمــ")
    words = pair_pieces(runs).words
    assert {"للمراقبين", "المؤرخ"} <= words


def test_a_marked_piece_pairs_with_a_plain_one_only_at_the_line_edge():
    """A kashida cut marks both pieces; only the line's edge may have lost the stretch."""
    from indexer.repair_pieces import Piece, default_score, join_value

    tail = Piece(0, "ــك", True)   # starts the line
    inside = Piece(2, "وكذل", False)  # a word inside the line that lost its last letter
    assert join_value(inside, tail, default_score, line_end=False, line_start=True) is None
    article = Piece(3, "ال", False)  # ends the line: its stretch trimmed
    assert join_value(article, Piece(1, "ــدولة", True), default_score,
                      line_end=True, line_start=False) is not None
    assert join_value(Piece(1, "والترشـ", True), tail, default_score,
                      line_end=False, line_start=True) is not None


def test_a_few_lines_with_split_words_apart_call_for_run_order():
    # a word tail after a whole word is a trace clean text never shows: three such lines
    # switch run order on, however many clean lines the document has
    from pathlib import Path
    fix = Path(__file__).parent / "fixtures" / "repair" / "un_testset_heldout_ar.txt"
    doc = [" ".join(l.split()[:14]) for l in fix.read_text(encoding="utf-8").splitlines()[300:360]
           if len(l.split()) >= 10][:40]
    assert "run-order" not in Repairer().detect(doc)
    # words stretched and cut with both pieces side by side (``كازاخســـ ــتان``) are no trace
    from indexer.repair_damage import tatweel
    stretched = tatweel("\n".join(doc), random.Random(3), rate=0.6)
    assert "ــ ــ" in stretched and "run-order" not in Repairer().detect(stretched.split("\n"))
    rng = random.Random(5)
    bad, damaged = list(doc), 0
    for i, line in enumerate(doc):
        cut = split_word_runs(line, rng, rate=0.5)
        if cut != line and not cut.startswith(TATWEEL) and damaged < 3:
            bad[i], damaged = cut, damaged + 1
    assert damaged == 3
    assert "run-order" in Repairer().detect(bad)


def test_a_one_cut_ring_leaves_the_budget_to_a_long_ring():
    # "دعـ ... ـامة" is a ring of one cut; the long ring's true cut is near its end (before
    # "الدول"), past what an even share of the variants would lay out
    line = ("ــامة دعــ  ــدخل في الشؤون الداخلية للدول وهي مبادئ يكرسها ميثاق الأمم المتحدة "
            "وتشكل الدول وعدم التــ")
    runs, _ = split_runs(line)
    starts = {r.tokens[0] for v, _ in pair_pieces(runs).variants for r in v if r.hard}
    assert "الدول" in starts
    assert repair_pieces.ring_quota([1, 13]) == [1, 13]
    assert repair_pieces.ring_quota([20, 20, 20]) == [4, 4, 4]


def test_a_word_cut_at_the_wrap_joins_through_the_glyph_map():
    """The line's last word and its first word: a known word read through the body font's map
    is enough (a shadda shown as ف), where elsewhere a plain join must be common as it stands."""
    from indexer.repair_pieces import Piece, default_score, join_value

    head, tail = Piece(1, "بُسف", False), Piece(0, "طت", False)
    assert join_value(head, tail, default_score, line_end=True, line_start=True) is not None
    assert join_value(head, tail, default_score, line_end=True, line_start=False) is None
