"""The parser: the seed's 80 paragraphs in their sections, and hand-made documents."""
from __future__ import annotations

import pytest

from indexer.structure import (is_recommendation_word, number_groups, paragraph_marker,
                               parse_heading, parse_subheading, parse_text, split_tokens)

# The seed as read by a person: paragraph ranges -> (section, recommendations answered).
SEED_LAYOUT: list[tuple[range, int | None, tuple[int, ...]]] = [
    (range(1, 4), None, ()),
    (range(4, 9), 1, (1, 2, 3, 4)),
    (range(9, 14), 1, (17,)),
    (range(14, 21), 1, (14, 15)),
    (range(21, 22), 2, (45,)),
    (range(22, 23), 3, (48,)),
    (range(23, 25), 4, (66,)),
    (range(25, 30), 5, (71,)),
    (range(30, 37), 6, (87,)),
    (range(37, 42), 6, (88,)),
    (range(42, 46), 6, (98,)),
    (range(46, 49), 6, (106,)),
    (range(49, 58), 7, (104, 105)),
    (range(58, 59), 8, (141,)),
    (range(59, 61), 9, (168, 169)),
    (range(61, 62), 10, (114,)),
    (range(62, 63), 10, (276,)),
    (range(63, 66), 11, (277,)),
    (range(66, 74), 11, (278, 279, 280, 281, 282, 283, 284, 285, 286, 287, 289)),
    (range(74, 81), 12, (294,)),
]
SEED_SECTION_RECS = {
    1: (1, 2, 3, 4, 14, 15, 17), 2: (45,), 3: (48,), 4: (66,), 5: (71,), 6: (87, 88, 98, 106),
    7: (104, 105), 8: (141,), 9: (168, 169), 10: (114, 276),
    11: (277, 278, 279, 280, 281, 282, 283, 284, 285, 286, 287, 289), 12: (294,),
}
SEED_FOOTNOTES = {17: (3, 4, 5), 19: (6,), 33: (7,), 49: (8,), 55: (9,), 76: (10,)}
EXPECTED = {n: (section, recs) for span, section, recs in SEED_LAYOUT for n in span}


def test_seed_has_80_paragraphs_in_order(seed_document):
    assert [p.n for p in seed_document.paragraphs] == list(range(1, 81))


@pytest.mark.parametrize("n", range(1, 81))
def test_seed_paragraph_section_and_recommendations(seed_document, n):
    paragraph = seed_document.paragraphs[n - 1]
    assert (paragraph.section, paragraph.recs) == EXPECTED[n]
    section = next((s for s in seed_document.sections if s.number == paragraph.section), None)
    assert paragraph.theme == (section.theme if section else None)


def test_seed_sections(seed_document):
    assert {s.number: s.recs for s in seed_document.sections} == SEED_SECTION_RECS
    assert all(s.theme for s in seed_document.sections)


def test_seed_footnotes_attached_and_not_paragraphs(seed_document):
    assert [f.n for f in seed_document.footnotes] == list(range(3, 11))
    cited = {p.n: tuple(f.n for f in p.footnotes) for p in seed_document.paragraphs if p.footnotes}
    assert cited == SEED_FOOTNOTES
    assert "статьи" not in seed_document.paragraphs[-1].text


def test_seed_paragraph_keeps_raw_and_drops_marker(seed_document):
    p = seed_document.paragraphs[13]
    assert "-14" in p.raw and "-14" not in p.text
    assert p.raw.count("\n") >= 1


def test_clean_document_with_missing_section(fixtures_dir):
    doc = parse_text((fixtures_dir / "upr_clean.txt").read_text(encoding="utf-8"), "clean")
    assert [(s.number, s.theme, s.recs) for s in doc.sections] == [
        (1, "حقوق الطفل", (5, 6, 9)),
        (3, "حرية الدين والمعتقد", (12,)),
        (4, "التعاون مع آليات الأمم المتحدة", (14, 15)),
    ]
    got = [(p.n, p.section, p.recs) for p in doc.paragraphs]
    assert got == [(1, None, ()), (2, None, ()), (3, 1, (5,)), (4, 1, (6, 9)), (5, 1, (6, 9)),
                   (6, 3, (12,)), (7, 4, (14, 15))]
    assert "تدريب المعلمين" in doc.paragraphs[3].text  # bullets join their paragraph
    assert [f.n for f in doc.paragraphs[3].footnotes] == [1]
    assert doc.paragraphs[6].footnotes[0].text == "See A/HRC/50/1."


def test_shuffled_document_like_pdf_extraction(fixtures_dir):
    doc = parse_text((fixtures_dir / "upr_shuffled.txt").read_text(encoding="utf-8"), "shuffled")
    assert [(s.number, s.recs) for s in doc.sections] == [(1, (20, 21, 22)), (2, (31,))]
    assert [(p.n, p.section, p.recs) for p in doc.paragraphs] == [
        (1, None, ()), (2, 1, (20, 21)), (3, 1, (20, 21)), (4, 1, (22,)), (5, 2, (31,))]
    assert doc.paragraphs[4].footnotes[0].text.startswith("Закон")


def test_numbers_in_text_are_not_paragraphs():
    text = "1- بلغ عدد السكان - 3 ملايين في عام 2020.\n\n2- وفي الفترة 2015 -2020 زاد العدد -7 مرات.\n"
    doc = parse_text(text, "t")
    assert [p.n for p in doc.paragraphs] == [1, 2]


def test_arabic_indic_paragraph_numbers():
    doc = parse_text("١- الفقرة الأولى.\n\n٢- الفقرة الثانية.\n", "t")
    assert [p.n for p in doc.paragraphs] == [1, 2]


def test_marker_found_inside_line():
    assert paragraph_marker("بعض النص -12 وبقية النص", 12) == (12, "بعض النص   وبقية النص")
    assert paragraph_marker("بعض النص - 27", 27)[0] == 27
    assert paragraph_marker("بعض النص -12", 30) is None


@pytest.mark.parametrize("word", ["التوصية", "التوصيتان", "التوصيات", "توصية", "التوتوة",
                                  "التوتيتان", "التوتوا/", "التوتووووا/"])
def test_recommendation_words(word):
    assert is_recommendation_word(word)


@pytest.mark.parametrize("word", ["التوفيق", "الدولية", "التعاون", "توصل", "الحكومة"])
def test_not_recommendation_words(word):
    assert not is_recommendation_word(word)


def test_number_groups_and_subheadings():
    assert [g[2:] for g in number_groups(split_tokens("17و 15و 14و 4و 3الالتزامات"))] == [[17, 15, 14, 4, 3]]
    assert parse_subheading(split_tokens("15و  14التوتيتان")) == (14, 15)
    assert parse_subheading(split_tokens("التوصية 17")) == (17,)
    assert parse_subheading(split_tokens("المادة 17")) is None


def test_heading_keeps_theme_numbers_out_of_recommendations():
    heading = parse_heading(split_tokens("ثالثاً - تعديل المادة 145 من قانون العقوبات: التوصية 48"), 3)
    assert heading.number == 3 and heading.recs == (48,)
    assert heading.theme == "تعديل المادة 145 من قانون العقوبات"


def test_document_without_paragraph_numbers_is_read_as_blocks():
    text = ("قانون التعليم الإلزامي\n\nالمادة (1)\nالتعليم إلزامي لجميع الأطفال.\n\n"
            "المادة (2)\n1. تلتزم الدولة بتوفير المدارس.\n2. ويكون التعليم مجانياً.\n\n"
            "المادة (3)\n1. يعاقب ولي الأمر الذي يمتنع عن تسجيل الطفل.\n2. وتضاعف العقوبة عند التكرار.\n")
    doc = parse_text(text, "law")
    assert doc.metadata.get("paragraphing") == "blocks"
    joined = " ".join(p.text for p in doc.paragraphs)
    for phrase in ("قانون التعليم الإلزامي", "لجميع الأطفال", "مجانياً", "يعاقب ولي الأمر"):
        assert phrase in joined
    assert [p.n for p in doc.paragraphs] == list(range(1, len(doc.paragraphs) + 1))


def test_numbered_document_is_not_read_as_blocks(seed_document):
    assert seed_document.metadata.get("paragraphing") != "blocks"
