"""The confusion tables are data: check their shape, not just that the repair runs."""
from __future__ import annotations

import random
import unicodedata

from indexer import repair_damage
from indexer.repair_tables import (
    BIDI_CONTROLS,
    BODY_FONT,
    BODY_GAP_LETTERS,
    BODY_LOST_FINALS,
    HEADING_FONT,
    LAM_ALEF_SWAP,
    Confusion,
)


def _arabic_or_mark(text: str) -> bool:
    return all(unicodedata.name(ch).startswith("ARABIC") or ch in "/:" for ch in text)


def test_entries_are_arabic_and_change_something():
    for table in (BODY_FONT, HEADING_FONT, LAM_ALEF_SWAP):
        for c in table:
            assert isinstance(c, Confusion)
            assert c.seen != c.true
            assert c.where in ("any", "initial", "final", "noninitial")
            assert _arabic_or_mark(c.seen) and _arabic_or_mark(c.true)
            assert c.cost >= 0


def test_body_font_table_knows_the_documented_confusions():
    pairs = {(c.seen, c.true) for c in BODY_FONT}
    assert ("\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}", "\N{ARABIC LETTER ZAH}") in pairs
    assert ("\N{ARABIC LETTER MEEM}", "\N{ARABIC LETTER THEH}") in pairs
    assert ("\N{ARABIC LETTER KHAH}", "\N{ARABIC LETTER WAW WITH HAMZA ABOVE}") in pairs
    assert ("\N{ARABIC LETTER FEH}", "\N{ARABIC SHADDA}", "noninitial") in {
        (c.seen, c.true, c.where) for c in BODY_FONT}  # معيفنة for معيّنة
    assert "\N{ARABIC LETTER YEH}" in BODY_GAP_LETTERS
    assert "\N{ARABIC LETTER ALEF MAKSURA}" in BODY_LOST_FINALS


def test_bidi_controls_are_format_characters():
    assert all(unicodedata.category(ch) == "Cf" for ch in BIDI_CONTROLS)


def test_lam_alef_damage_model_inverts_the_swap_table():
    clean = "الإلزامي المتحدة الاطلاع خلال"
    damaged = repair_damage.lam_alef(clean, random.Random(0))
    assert damaged == "اإللزامي املتحدة االطالع خالل"
    for c in LAM_ALEF_SWAP:
        assert c.seen[::-1] == c.true
