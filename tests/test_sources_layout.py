"""The PDF layout rules on hand-made glyphs: reading order, marks, fillers, furniture, blocks."""
from __future__ import annotations

import pytest

from indexer.pdf_layout import Glyph, Line, Page, group_lines, layout_text, logical_order
from indexer.unicode_forms import base_letters

SIZE = 12.0


def glyphs_rtl(text: str, x_right: float = 500, top: float = 100, size: float = SIZE,
               bold: bool = False, width: float = 6) -> list[Glyph]:
    """Glyphs for a logical-order line as a right-to-left paragraph shows it (python-bidi's
    visual order; like Word, a bracket keeps its logical character), spaces as gaps."""
    from bidi import get_display

    import unicodedata

    visual = get_display(text, base_dir="R")
    x = x_right - width * sum(1 for ch in visual if not unicodedata.combining(ch))
    out = []
    for ch in visual:
        if unicodedata.combining(ch):  # a haraka: zero width, over the letter to its right
            out.append(Glyph(ch, x + 2, x + 2, top - 3, top + 3, size, bold, top + 2))
            continue
        if ch != " ":
            out.append(Glyph(ch, x, x + width, top, top + size, size, bold, top + size * 0.8))
        x += width
    return out


def line_text(text: str, **kw) -> str:
    return Line.from_glyphs(glyphs_rtl(text, **kw)).text


@pytest.mark.parametrize("text", [
    "أحاطت الدولة علماً بالتوصية 17",
    "رقم (39) لسنة 2022",
    "انظر الوثيقة A/HRC/52/7/Add.1 الفقرة 12",
    "1- تلقت الدولة 20 توصية",
    "في 30/11/2022 و22.5 في المائة",
])
def test_right_to_left_lines_come_back_in_logical_order(text):
    assert line_text(text) == text


def test_a_ligature_glyph_keeps_its_own_text_order():
    # one glyph for lam-meem ("لم"), as Word writes it: never reversed inside
    line = Line.from_glyphs([Glyph("ة", 0, 5, 0, 12, 12), Glyph("د", 5, 10, 0, 12, 12),
                             Glyph("ا", 10, 13, 0, 12, 12), Glyph("لم", 13, 20, 0, 12, 12),
                             Glyph("ا", 20, 23, 0, 12, 12)])
    assert line.text == "المادة"


def test_left_to_right_line_with_arabic_inside():
    atoms = list("See ") + list(reversed("نظام روما")) + list(" 1998")
    assert "".join(logical_order(atoms, rtl=False)) == "See نظام روما 1998"


def test_presentation_forms_and_direction_controls():
    assert base_letters("\N{ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW FINAL FORM}") == "لإ"
    assert base_letters("\N{ARABIC LETTER BEH INITIAL FORM}\N{ARABIC LETTER TEH MARBUTA FINAL FORM}") == "بة"
    assert base_letters("\u202bنص\u202c\u200f ٢٠٢٢") == "نص ٢٠٢٢"
    assert base_letters("١٢ abc") == "١٢ abc"  # digits and Latin untouched


def test_harakat_go_after_their_letter():
    glyphs = glyphs_rtl("علما")
    alef = glyphs[0]  # leftmost glyph is the last letter
    mark = Glyph("\N{ARABIC FATHATAN}", alef.x0 + 1, alef.x0 + 3, 95, 100, SIZE, baseline=97)
    assert Line.from_glyphs(glyphs + [mark]).text == "علماً"


def test_zero_width_filler_glyphs_do_not_split_words():
    glyphs = glyphs_rtl("القائم")
    # a justification gap with hair-thin kashida glyphs mapped to a letter, between ل and ق
    left = [g for g in glyphs if g.x0 < glyphs[3].x0]
    right = [g for g in glyphs if g.x0 >= glyphs[3].x0]
    shifted = [Glyph(g.text, g.x0 - 3, g.x1 - 3, g.top, g.bottom, g.size, g.bold, g.baseline) for g in left]
    fillers = [Glyph("ق", right[0].x0 - 3 + 0.6 * k, right[0].x0 - 3 + 0.6 * (k + 1), 100, 112, SIZE,
                     baseline=109.6) for k in range(5)]
    assert Line.from_glyphs(shifted + fillers + right).text == "القائم"


def test_superscript_digits_become_a_bracketed_call():
    glyphs = glyphs_rtl("الدولية")
    call = Glyph("3", glyphs[0].x0 - 4, glyphs[0].x0, 96, 103, 7, baseline=102)
    assert Line.from_glyphs(glyphs + [call]).text == "الدولية (3)"


def page(number: int, lines: list[tuple[str, float, dict]], height: float = 800) -> Page:
    glyphs = []
    for text, top, kw in lines:
        glyphs += glyphs_rtl(text, top=top, **kw)
    return Page(number, 600, height, group_lines(glyphs, number))


def test_running_headers_page_numbers_footnotes_and_blocks():
    long_line = "تعمل الوزارة على تنفيذ الخطة الوطنية لحقوق الإنسان في جميع المحافظات"
    pages = [
        page(1, [("A/HRC/1/2", 20, {}), ("أولاً- الإطار المؤسسي", 120, {"bold": True}),
                 ("1- " + long_line, 150, {}), (long_line, 165, {}),
                 ("1 انظر القانون رقم 5", 700, {"size": 8}), ("1", 770, {})]),
        page(2, [("A/HRC/1/2", 20, {}), (long_line, 120, {}), ("وتستمر الجهود", 135, {}),
                 ("2- وترى الحكومة ذلك", 165, {}), ("2", 770, {})]),
    ]
    text = layout_text(pages)
    blocks = [b for b in text.split("\n") if b]
    assert blocks[0] == "أولاً- الإطار المؤسسي"
    assert blocks[1] == f"1- {long_line} {long_line} {long_line} وتستمر الجهود"
    assert blocks[2] == "2- وترى الحكومة ذلك"
    assert blocks[-1] == "1 انظر القانون رقم 5"
    assert "A/HRC/1/2" not in text
