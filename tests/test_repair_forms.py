"""A final letter's isolated and joined glyphs, damaged apart (indexer/repair_forms.py), on
held-out UN sentences, not the seed."""
from __future__ import annotations

import doctest
import random
import re
from pathlib import Path

from indexer import repair_damage as damage
from indexer import repair_forms
from indexer.lexicon import lexicon
from indexer.repair import WORD
from indexer.repair_forms import form_at, split_forms, systematic_forms
from indexer.repair_tables import BODY_FONT, Confusion
from indexer.repair_words import GlyphModel

FIX = Path(__file__).parent / "fixtures" / "repair"
REH_TAH = next(c for c in BODY_FONT if (c.seen, c.true) == ("ر", "ط"))
QAF_BEH = next(c for c in BODY_FONT if (c.seen, c.true) == ("ق", "ب"))


def test_docstring_examples():
    assert doctest.testmod(repair_forms).failed == 0


def test_the_form_of_a_last_letter_is_set_by_the_letter_before():
    assert form_at("نشاط", 3) == "isolated"      # ا does not join forward
    assert form_at("ضغوط", 3) == "isolated"
    assert form_at("بسيط", 3) == "joined"
    assert form_at("ط", 0) == "isolated"


def _sentences(n: int = 100) -> str:
    return "\n".join((FIX / "un_testset_heldout_ar.txt").read_text(encoding="utf-8").splitlines()[:n])


def _isolated_shown_as(text: str, seen: str, true: str) -> str:
    """Every isolated final ``true`` of ``text`` shown as ``seen`` (a font whose map is off for
    that one glyph)."""
    def hurt(m: re.Match) -> str:
        w = m.group(0)
        return w[:-1] + seen if len(w) >= 2 and w.endswith(true) and form_at(w, len(w) - 1) == "isolated" else w
    return re.sub(r"[\u0621-\u064A]+", hurt, text)


def _counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for w in WORD.findall(text):
        counts[w] = counts.get(w, 0) + 1
    return counts


def test_a_form_the_document_never_shows_right_is_found():
    text = _isolated_shown_as(_isolated_shown_as(_sentences(), "ر", "ط"), "ق", "ب")
    found = systematic_forms(BODY_FONT, _counts(text), lexicon())
    assert {("ر", "ط", "isolated"), ("ق", "ب", "isolated")} <= found
    assert not {("ر", "ط", "joined"), ("ق", "ب", "joined")} & found


def test_clean_text_has_no_missing_form():
    assert systematic_forms(BODY_FONT, _counts(_sentences()), lexicon()) == set()


def test_a_missing_form_without_a_witness_is_no_evidence():
    """Words with an isolated final ط left out, none shown as anything else: a text that
    happens not to use them says nothing of the font."""
    text = " ".join(w for w in _sentences().split()
                    if not (len(w) >= 2 and w.endswith("ط") and form_at(w, len(w) - 1) == "isolated"))
    assert ("ر", "ط", "isolated") not in systematic_forms(BODY_FONT, _counts(text), lexicon())


def test_split_entries_apply_in_their_form_only():
    table = split_forms((REH_TAH,), {("ر", "ط", "isolated")}, {("ر", "ط"): 1.0})
    assert [(c.where, c.cost) for c in table] == [("isolated", 0.5), ("joined", 1.0)]
    model = GlyphModel.body(table=(Confusion("ر", "ط", "isolated"),))
    assert model.sites("أنمار") and not model.sites("تقرير")
    # an entry named for no form is kept whole
    assert split_forms((QAF_BEH,), {("ر", "ط", "isolated")}, {}) == (QAF_BEH,)


def test_a_real_word_the_damage_made_is_read_back_in_a_systematic_form():
    """``أنمار`` is a word; an entry with no evidence in the document (doubled cost) leaves
    it, the same entry in a form the document never shows right reads ``أنماط``."""
    doubled = tuple(Confusion(c.seen, c.true, c.where, 2.0) if c is REH_TAH else c for c in BODY_FONT)
    before = GlyphModel.body(table=doubled)
    assert before.repair_line("تغيير أنمار الاستهلاك") == "تغيير أنمار الاستهلاك"
    after = before.with_table(split_forms(doubled, {("ر", "ط", "isolated")},
                                          {(c.seen, c.true): c.cost for c in BODY_FONT}))
    assert after.repair_line("تغيير أنمار الاستهلاك") == "تغيير أنماط الاستهلاك"
    # a joined final ر is not re-read: that glyph is shown right
    assert after.best("الفقر").text == "الفقر"


def test_the_document_model_splits_the_entry():
    """A document in a body font (damaged by the model at a low rate) whose isolated final ط
    always shows as ر: its model reads that form at the cost of strong evidence."""
    from indexer.repair import Repairer
    text = damage.body_font(_isolated_shown_as(_sentences(), "ر", "ط"), random.Random(1), rate=0.3)
    lines = text.split("\n")
    repairer = Repairer()
    found = repairer.detect(lines)
    assert "body-font" in found
    body, _ = repairer._document_models(lines, found)
    costs = {c.where: c.cost for c in body.table if (c.seen, c.true) == ("ر", "ط")}
    assert set(costs) == {"isolated", "joined"} and costs["isolated"] == 0.5 * REH_TAH.cost
    clean = _sentences().split("\n")
    body, _ = repairer._document_models(clean, repairer.detect(clean))
    assert all(c.where not in ("isolated", "joined") for c in body.table)
