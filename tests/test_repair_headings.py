"""Layout traces for the order of a line's runs (indexer/repair_headings.py): a number glued
before a word (``145تشريع``) follows that word's run, it is not read on into the word."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from indexer import repair_order
from indexer.repair_damage import glued_number_runs
from indexer.repair_eval import word_accuracy
from indexer.repair_headings import GLUED_READ_ON, glued_numbers, glued_read_on
from indexer.repair_order import Run
from indexer.repair_order_search import FORWARD_HARD, JUMP, search_orders

HELDOUT = Path(__file__).parent / "fixtures" / "repair" / "un_testset_heldout_ar.txt"


def test_glued_numbers_are_number_then_word():
    assert glued_numbers("وتعديل   12حماية الطفل  من") == {("12", "حماية")}
    assert glued_numbers(".2027الورقة التوجيهية") == {("2027", "الورقة")}
    # a list item ("17و") and a word then a number ("المادة12") are no such trace
    assert glued_numbers(" 17و 15و") == frozenset()
    assert glued_numbers("المادة12 من") == frozenset()


def test_glued_read_on_counts_the_number_before_its_word():
    pairs = {("12", "حماية")}
    assert glued_read_on(["المادة", "12", "حماية"], pairs) == 1
    assert glued_read_on(["حماية", "الطفل", "المادة", "12"], pairs) == 0
    assert glued_read_on(["12", "حماية"], ()) == 0


def _three_runs() -> list[Run]:
    # found: "12" | "حماية الطفل": the number glued before the run on its right
    return [Run(["المادة"]), Run(["12"]), Run(["حماية", "الطفل"])]


def test_search_prices_reading_on_from_a_glued_number_as_a_jump():
    flat = lambda a, b: 0.0  # noqa: E731 - every pair alike: the priors decide
    plain = dict((tuple(p), prior) for p, prior in search_orders(_three_runs(), flat, keep=20))
    glued = dict((tuple(p), prior) for p, prior in
                 search_orders(_three_runs(), flat, keep=20, glued={("12", "حماية")}))
    # the order found (0, 1, 2) reads on from 12 into حماية: a step forward, now a jump
    assert glued[(0, 1, 2)] - plain[(0, 1, 2)] == pytest.approx(JUMP - FORWARD_HARD)
    assert glued[(2, 1, 0)] == plain[(2, 1, 0)]  # the runs reversed: no reading on


def _glued_lines(moved: int, n: int = 120) -> list[tuple[str, str]]:
    """Held-out UN lines (not the seed) with a number inside, laid out as the seed's headings."""
    lines = []
    for sentence in HELDOUT.read_text(encoding="utf-8").splitlines():
        words = sentence.split()
        lines += [" ".join(words[i:i + 14]) for i in range(0, len(words), 14)]
    lines = [l for l in lines if len(l.split()) >= 6 and re.search(r"[\u0621-\u064A] [0-9]+ ", l)][:n]
    rng = random.Random(7)
    return [(l, glued_number_runs(l, rng, moved)) for l in lines]


def test_the_damage_model_glues_a_number_before_the_run_it_follows():
    line = "وتعديل المادة 145 من قانون العقوبات"
    bad = glued_number_runs(line, random.Random(0), moved=0)
    ((number, word),) = glued_numbers(bad)
    assert number == "145" and word in ("المادة", "وتعديل")
    assert sorted(bad.replace(number + word, number + " " + word).split()) == sorted(line.split())


def test_glued_numbers_are_not_read_on_into_their_word(monkeypatch):
    """Lines whose runs come out reversed with two runs drawn elsewhere: with the trace, the
    orders read a number on into its glued word less often (never right: that word's run
    comes before the number), and the words are no less in order."""
    pairs = _glued_lines(moved=2)
    assert sum(1 for _, bad in pairs if glued_numbers(bad)) >= 100

    def measure() -> tuple[int, float]:
        read_on, acc, n = 0, 0.0, 0
        for clean, bad in pairs:
            out = repair_order.reorder_line(bad, ["<s>"], [])[0]
            read_on += glued_read_on(out.split(), glued_numbers(bad))
            k = len(clean.split())
            acc, n = acc + word_accuracy(clean, out) * k, n + k
        return read_on, acc / n

    with_trace = measure()
    monkeypatch.setattr(repair_order, "glued_numbers", lambda line: frozenset())
    without = measure()
    assert with_trace[0] < without[0]
    assert with_trace[1] >= without[1]


def test_reading_on_costs_as_much_as_a_jump():
    assert GLUED_READ_ON == JUMP


# -- heading words cut at their stretch ------------------------------------------------------

@pytest.fixture(scope="module")
def heading():
    from indexer.repair import glyph_context
    from indexer.repair_words import GlyphModel
    return GlyphModel.heading(context=glyph_context("heading"), by_class=True)


def test_a_word_cut_at_its_stretch_reads_as_one(heading):
    from indexer.repair_headings import stretch_join
    # الطاقة: الطا | قـة, the piece after the cut stretched (WAW run)
    assert stretch_join(heading, "الطا", "قوووة") == "الطاقة"
    # للوكالة shown with ك as م: للوما | لـة
    assert stretch_join(heading, "للوما", "لوووة") == "للوكالة"
    # a YEH hidden in the run after a letter that joins no further: الذرية as الذر | يـة
    assert stretch_join(heading, "الذر", "وووووة") == "الذرية"


def test_two_words_stay_two(heading):
    from indexer.repair_headings import stretch_join
    # the second word is stretched after its first letter, but they are two words
    assert stretch_join(heading, "في", "موووعاهدة") is None
    # no stretch at the start of the second token: no cut
    assert stretch_join(heading, "الطا", "قة") is None


def test_join_stretch_cuts_keeps_the_rest_of_the_line(heading):
    from indexer.repair_headings import join_stretch_cuts
    line, joins = join_stretch_cuts("النظووووووووام الأساسي للوما لوووة الدولوة", heading)
    assert line == "النظووووووووام الأساسي للوكالة الدولوة"
    assert joins == [("للوما لوووة", "للوكالة")]


def test_for_the_order_the_pieces_are_joined_as_shown_and_either_way_round(heading):
    """Before a line is put in order its cut words are joined as the font shows them uncut
    (the line's glyph repair reads them later), and pieces that an extraction reversing
    words put the other way round are joined too."""
    from indexer.repair_headings import join_stretch_cuts
    line, joins = join_stretch_cuts("الدولوة لوووة للوما الأساسي", heading, shown=True)
    assert line == "الدولوة للومالوووة الأساسي"
    assert joins == [("لوووة للوما", "للوكالة")]
    assert heading.best("للومالوووة").text == "للوكالة"
    # a run of WAW starting the piece is a stretched YEH: shown with it
    assert join_stretch_cuts("الذر وووووة", heading, shown=True)[0] == "الذريوووووة"
    # not reversed pieces when reading a line already in order
    assert join_stretch_cuts("لوووة للوما", heading)[1] == []


def test_the_stretch_damage_model_cuts_after_a_letter_that_joins_no_further():
    from indexer.repair_damage import heading_stretched
    rng = random.Random(5)
    shown = [heading_stretched("المدافعين عن حقوق الإنسان والصحفيين", rng, stretch=1.0, cut=1.0)
             for _ in range(20)]
    assert all(re.search("\u0648{3,}", s) for s in shown)
    # each cut: a piece ending in a letter that joins no further, then a stretched piece
    cuts = [m for s in shown for m in re.finditer(r"[اأإآدذرزوؤةءى] \S\u0648{2,}", s)]
    assert len(cuts) >= 10


def _heading_documents(mode: str, docs: int = 12) -> list[tuple[list[str], list[str], list[int]]]:
    """Documents of held-out UN body lines with a short heading after every two, the headings
    in the heading font with stretched and cut words (``mode``: as printed, or reversed word
    by word); returns (clean lines, damaged lines, heading line numbers)."""
    from indexer import repair_damage as damage
    sentences = HELDOUT.read_text(encoding="utf-8").splitlines()
    rng = random.Random(11)
    out = []
    for d in range(docs):
        body = [" ".join(s.split()[:14]) for s in sentences[d * 20:d * 20 + 12]]
        heads = [" ".join(s.split()[:rng.randint(5, 10)]).rstrip("،.") for s in sentences[d * 20 + 12:d * 20 + 18]]
        clean, bad, where = [], [], []
        for k, head in enumerate(heads):
            clean += body[2 * k:2 * k + 2]
            bad += body[2 * k:2 * k + 2]
            shown = damage.heading_stretched(head, rng, stretch=0.5, cut=0.4)
            if mode == "words":
                shown = damage.reversed_words(shown, rng)
            where.append(len(clean))
            clean.append(head)
            bad.append(shown)
        out.append((clean, bad, where))
    return out


def _heading_accuracy(documents) -> float:
    from indexer.repair import Repairer
    acc = n = 0.0
    for clean, bad, where in documents:
        out = Repairer().repair_lines(bad)[0]
        for i in where:
            k = len(clean[i].split())
            acc, n = acc + word_accuracy(clean[i], out[i]) * k, n + k
    return acc / n


@pytest.mark.parametrize("mode", ["printed", "words"])
def test_headings_with_words_cut_at_their_stretch_are_read(monkeypatch, mode):
    """Held-out text (not the seed) as headings in the heading font with stretched words, a
    share of them cut at the stretch: joining the cut words puts many more words right."""
    import indexer.repair as repair_module
    documents = _heading_documents(mode)
    joined = _heading_accuracy(documents)
    monkeypatch.setattr(repair_module, "join_stretch_cuts", lambda line, model, shown=False: (line, []))
    apart = _heading_accuracy(documents)
    assert joined >= apart + 0.05


def test_a_long_run_after_a_letter_that_joins_no_further_is_a_stretched_yeh(heading):
    # إيذاء: the YEH (shown as WAW) stretched after an alef, which joins no further
    assert heading.best("إووووووذاء").text == "إيذاء"
    # the run holds the YEH it stretches: read with it, never without
    assert heading.unstretch("إووووووذاء") == "إي\u0640ذاء"
    # three WAW there are letters (a WAW, a YEH shown as WAW ...), not stretching
    assert heading.unstretch("دووول") == "دووول"


def test_a_run_first_in_a_word_keeps_its_yeh(heading):
    """A stretch follows a letter that joins; first in a word only the YEH (shown as WAW)
    can be stretched, so the run is never read as nothing (``يعلق``, not ``علق``)."""
    assert heading.unstretch("ووووعلق") == "ي\u0640علق"
    assert heading.best("ووووعلق").text == "يعلق"
    assert heading.best("ووووووهدد").text == "يهدد"
    # after a letter that joins, a run may be nothing at all
    assert heading.unstretch("الموووادة") == "الم\u0640ادة"


def test_a_stretched_piece_that_reads_as_a_short_word_is_a_piece(heading):
    """Stretching is set in long words: a stretched piece read as a short word (عالم cut as
    عا | لـم, shown ``لا لوووو``: ``لا`` + ``لم``) joins its neighbour with no margin, while
    a stretched long word stays a word of its own."""
    from indexer.repair_headings import stretch_join
    assert stretch_join(heading, "لا", "لوووو") == "عالم"
    assert stretch_join(heading, "من", "قوووانون") is None
    assert stretch_join(heading, "في", "موووعاهدة") is None


def test_a_word_cut_at_its_stretch_keeps_its_signs(heading):
    from indexer.repair_headings import join_stretch_cuts, stretch_join
    # a comma, a stop, brackets around the pieces are no part of the word
    assert stretch_join(heading, "الطا", "قوووة،") == "الطاقة،"
    assert stretch_join(heading, "(الطا", "قوووة).") == "(الطاقة)."
    line, joins = join_stretch_cuts("في (اتفا قووووية). ثم", heading)
    assert line == "في (اتفاقية). ثم" and joins == [("(اتفا قووووية).", "(اتفاقية).")]
    # the font's BEH (``:``) and final TEH (``/``) are letters after a stretch, not signs
    assert heading.unstretch("جانووو:") == "جان\u0640:"
    assert stretch_join(heading, "جا", "نووو:") == "جانب"


def test_a_stretched_word_is_looked_up_by_its_class(heading):
    """A stretched word whose other glyphs the font changed too many times for the table's
    edits (لتعزيز: ع, ز, ي, ز) is found in the class index, unstretched."""
    from indexer.repair_headings import stretch_keys
    assert heading.best("لتلتوت").text == "لتعزيز"  # unstretched: found
    assert heading.best("لتووووووووولتوت").text == "لتعزيز"
    keys = dict(stretch_keys("تووووووسر", heading.unstretch("تووووووسر"), heading.table))
    # the stretch read as nothing, or as the letters it may hide, shown as WAW (تيسر)
    assert keys["تسر"] == 0.0 and keys["توسر"] > 0.0 and keys["تووووووسر"] == 0.0
    # a word with no stretch is looked up as seen
    assert stretch_keys("تيسر", "تيسر", heading.table) == [("تيسر", 0.0)]


def test_a_stretch_is_dropped_from_a_word_with_no_reading(heading):
    # no reading in the lexicon: the stretch is still none of the word's letters
    assert heading.best("المستكوووملة").text == "المستكملة"


def _stretched_documents(docs: int = 6, size: int = 20) -> list[tuple[list[str], list[str]]]:
    """Documents of held-out UN lines (not the seed) in the heading font, many words stretched
    and some of those cut at the stretch, as :func:`indexer.repair_damage.heading_stretched`
    does: (clean, damaged)."""
    from indexer.repair_damage import heading_stretched
    rng = random.Random(3)
    sentences = HELDOUT.read_text(encoding="utf-8").splitlines()[600:]
    out = []
    for d in range(docs):
        clean = [" ".join(s.split()[:14]) for s in sentences[d * size:(d + 1) * size]]
        out.append((clean, heading_stretched("\n".join(clean), rng, stretch=0.6, cut=0.4).split("\n")))
    return out


def test_stretched_words_are_read_better_looked_up_unstretched(monkeypatch):
    """Stretched held-out words in their lines: the class index looked up under each word
    unstretched (its stretch read as nothing or as the letters it hides) reads more of them
    right than under the word as seen alone, most of all the words cut at their stretch and
    joined (their other glyphs are often too many for the table's edits)."""
    import indexer.repair_words as repair_words
    from indexer.repair import Repairer
    documents = _stretched_documents()

    def accuracy() -> float:
        acc = n = 0.0
        for clean, bad in documents:
            for c, f in zip(clean, Repairer().repair_lines(bad)[0]):
                k = len(c.split())
                acc, n = acc + word_accuracy(c, f) * k, n + k
        return acc / n

    keyed = accuracy()
    monkeypatch.setattr(repair_words, "stretch_keys", lambda seen, plain, table: [(seen, 0.0)])
    seen_only = accuracy()
    assert keyed >= seen_only + 0.003, (keyed, seen_only)  # measured 96.1% against 95.6%


def test_a_proclitic_stretched_before_a_number_or_a_quote_is_the_proclitic(heading):
    """``الـ 25`` shows as ``الووو 25``: the glyphs of ``اليوم`` too (YEH and a final MEEM
    shown as WAW), but before a number or a quote it is the proclitic written with tatweel."""
    from indexer.repair_headings import join_stretch_cuts, stretched_proclitic
    assert stretched_proclitic("الووو", "25") == "الـ"
    assert stretched_proclitic(":ووو", "«الخطة") == "بـ"        # BEH shown as ':'
    assert stretched_proclitic("موووو", "3") == "كـ"          # KAF shown as MEEM
    assert stretched_proclitic("والووو", "١٢") == "والـ"
    # before a word it is read as any other word; a longer shown word is no proclitic
    assert stretched_proclitic("الووو", "الذي") is None
    assert stretched_proclitic("الموووو", "25") is None
    assert stretched_proclitic("الوو", "25") is None          # two WAW: letters, no stretch
    line, joins = join_stretch_cuts("التوتوا/ الووو 25 لوووو \"العمل", heading)
    assert line == "التوتوا/ الـ 25 لـ \"العمل"
    assert joins == [("الووو", "الـ"), ("لوووو", "لـ")]
    # for the order search the line stays as shown
    assert join_stretch_cuts("الووو 25", heading, shown=True)[0] == "الووو 25"
    # the line's glyph repair leaves the proclitic as it is
    assert heading.repair_line("نس:ة الـ 25 في").startswith("نسبة الـ 25 ")


def test_a_particle_and_a_word_run_together_stay_two_words(heading, monkeypatch):
    """``لا تزال`` / ``لا يزال`` stretched at its first letter (``لا ووووزال``) looks like a
    word cut at its stretch after ``لا``; the joined reading (``لايزال``, a spelling the
    lexicon holds) is only the two words run together, so they stay two.  A real word cut
    after such a head still joins (``ماليزيا``, ``إذاعة``)."""
    import indexer.repair_headings as rh
    from indexer.repair_headings import stretch_join
    assert stretch_join(heading, "لا", "ووووزال") is None
    assert stretch_join(heading, "لا", "وووووووزال") is None
    assert stretch_join(heading, "ما", "لووووزوا") == "ماليزيا"
    assert stretch_join(heading, "إذا", "لوووة") == "إذاعة"
    # the same pieces with the rule off: joined
    monkeypatch.setattr(rh, "PARTICLE", 0.0)
    assert stretch_join(heading, "لا", "ووووزال") == "لايزال"
    assert stretch_join(heading, "لا", "جووووئون") == "لاجئين"
