"""Document fields stated in the text (symbol, State, session, date) and how they merge."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from indexer.metadata import document_fields, find_date, find_session, find_state, find_symbol
from indexer.pipeline import iter_source_files, load_document

SOURCES = Path(__file__).parent / "fixtures" / "sources"


@pytest.mark.parametrize("text, symbol", [
    ("الأمم المتحدة A/HRC/52/7/Add.1 الجمعية العامة", "A/HRC/52/7/Add.1"),
    ("Distr.: General CRC/C/KAZ/CO/5-6.", "CRC/C/KAZ/CO/5-6"),
    ("A/HRC/WG.6/41/KAZ/1", "A/HRC/WG.6/41/KAZ/1"),
    ("انظر الفقرة 3/2 من القرار", None),
    ("AB/CD/12", None),
])
def test_un_symbols(text, symbol):
    assert find_symbol(text) == symbol


@pytest.mark.parametrize("text, date", [
    ("جنيف، 30 تشرين الثاني/نوفمبر 2022", "2022-11-30"),
    ("٢ شباط/فبراير ٢٠٢٣", "2023-02-02"),
    ("Distributed 12 January 2023", "2023-01-12"),
    ("في عام 2022", None),
    ("45 يناير 2023", None),
])
def test_dates(text, date):
    assert find_date(text) == date


def test_session_and_state():
    assert find_session("مجلس حقوق الإنسان\nالدورة الثانية والخمسون\n27 شباط/فبراير") == "الدورة الثانية والخمسون"
    assert find_session("Human Rights Council Fifty-second session") == "Fifty-second session"
    assert find_state("أحاطت جمهورية كازاخستان علماً بالتوصيات") == "كازاخستان"
    assert find_state("رئيس دولة الإمارات العربية المتحدة، بعد") == "الإمارات العربية المتحدة"
    assert find_state("نص بلا دولة") is None


def test_file_name_is_the_fallback_title():
    fields = document_fields("نص بلا بيانات", {}, Path("downloads/report_2023.pdf"))
    assert fields == {"title": "report_2023"}


def test_sidecar_wins_over_what_the_document_states(tmp_path):
    pdf = tmp_path / "response.pdf"
    shutil.copy(SOURCES / "upr_fictional_response.pdf", pdf)
    (tmp_path / "response.json").write_text(json.dumps({"doc": "zm-2031", "symbol": "A/HRC/99/17/Add.9"}),
                                            encoding="utf-8")
    document = load_document(pdf)
    assert document.doc == "zm-2031"
    assert document.metadata["symbol"] == "A/HRC/99/17/Add.9"
    assert document.metadata["session"] == "الدورة التاسعة والتسعون"
    assert document.metadata["format"] == "pdf" and document.metadata["pages"] == 3


def test_folder_walk_yields_documents_of_every_format_and_skips_sidecars_and_images(tmp_path):
    for name in ("a.pdf", "b.docx", "c.html", "d.txt", "d.json", "scan.png", ".hidden.pdf"):
        (tmp_path / name).write_bytes(b"x")
    names = [p.name for p in iter_source_files([tmp_path])]
    assert names == ["a.pdf", "b.docx", "c.html", "d.txt"]
