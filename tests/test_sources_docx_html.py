"""DOCX and HTML reading: known text round-trips; footnotes, numbering, charsets, refusals."""
from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from indexer.pipeline import load_document
from indexer.sources import SourceError, read_bytes, read_source
from sources_accuracy import word_accuracy

SOURCES = Path(__file__).parent / "fixtures" / "sources"
KNOWN = (SOURCES / "upr_fictional_response.txt").read_text(encoding="utf-8")

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def make_docx(body: str, footnotes: str | None = None, numbering: str | None = None) -> bytes:
    """A minimal DOCX (only the parts read here) with the given body XML."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f"<w:document {W_NS}><w:body>{body}</w:body></w:document>")
        if footnotes is not None:
            z.writestr("word/footnotes.xml", f"<w:footnotes {W_NS}>{footnotes}</w:footnotes>")
        if numbering is not None:
            z.writestr("word/numbering.xml", f"<w:numbering {W_NS}>{numbering}</w:numbering>")
    return buffer.getvalue()


def para(text: str, extra: str = "", ppr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}<w:bidi/></w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>{extra}</w:p>"


def test_generated_docx_round_trips_exactly():
    source = read_source(SOURCES / "upr_fictional_response.docx")
    assert source.format == "docx"
    assert [b for b in source.text.split("\n") if b] == [b for b in KNOWN.split("\n") if b]
    assert word_accuracy(KNOWN, source.text) == 1.0
    assert source.properties["title"] == "زمردستان: الردود على توصيات الاستعراض الدوري الشامل"


def test_docx_parses_like_the_pdf_of_the_same_document():
    from_docx = load_document(SOURCES / "upr_fictional_response.docx")
    from_pdf = load_document(SOURCES / "upr_fictional_response.pdf")
    assert [(p.n, p.recs, p.text) for p in from_docx.paragraphs] == \
           [(p.n, p.recs, p.text) for p in from_pdf.paragraphs]
    assert from_docx.metadata["symbol"] == "A/HRC/99/17/Add.1"  # from the page header part


def test_docx_footnotes_become_calls_and_trailing_notes():
    body = para("1- صدقت الدولة على الاتفاقية",
                '<w:r><w:footnoteReference w:id="7"/></w:r>') + para("2- وتواصل الحكومة جهودها")
    notes = ('<w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r>'
             '<w:r><w:t xml:space="preserve"> CRC/C/ZMR/3.</w:t></w:r></w:p></w:footnote>')
    text = read_bytes(make_docx(body, notes), "r.docx").text
    assert text.split("\n\n") == ["1- صدقت الدولة على الاتفاقية (1)", "2- وتواصل الحكومة جهودها",
                                  "1 CRC/C/ZMR/3.\n"]
    document = load_document_from_bytes(make_docx(body, notes))
    assert [n.text for n in document.paragraphs[0].footnotes] == ["CRC/C/ZMR/3."]


def load_document_from_bytes(data: bytes, name: str = "doc.docx"):
    import tempfile

    folder = Path(tempfile.mkdtemp())
    (folder / name).write_bytes(data)
    return load_document(folder / name)


def test_docx_automatic_paragraph_numbers_are_printed():
    numbering = ('<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1-"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>')
    numbered = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr>'
    body = para("تلقت الدولة 20 توصية", ppr=numbered) + para("التوصية 5") + \
        para("وترى الحكومة ذلك", ppr=numbered)
    text = read_bytes(make_docx(body, numbering=numbering), "n.docx").text
    assert text.split("\n\n")[0] == "1- تلقت الدولة 20 توصية"
    assert text.split("\n\n")[2].strip() == "2- وترى الحكومة ذلك"


def test_docx_direction_marks_and_presentation_forms_are_removed():
    body = para("\u200fنظام \ufefbروما\u200e")
    assert read_bytes(make_docx(body), "d.docx").text.strip() == "نظام لاروما"


@pytest.mark.parametrize("data, reason", [
    ((SOURCES / "corrupt.docx").read_bytes(), "damaged ZIP"),
    (make_docx("").replace(b"word/document.xml", b"word/other000.xml"), "not a DOCX"),
    (make_docx("<w:p><w:r><w:t>broken"), "damaged DOCX"),
    (make_docx(""), "without text"),
])
def test_broken_docx_gets_one_line_errors(tmp_path, data, reason):
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    with pytest.raises(SourceError) as err:
        read_source(path)
    assert reason in str(err.value) and "\n" not in str(err.value)


def test_docx_is_sniffed_by_content(tmp_path):
    renamed = tmp_path / "download.bin"
    shutil.copy(SOURCES / "upr_fictional_response.docx", renamed)
    assert read_source(renamed).format == "docx"


def test_generated_html_round_trips_and_skips_scripts():
    source = read_source(SOURCES / "upr_fictional_response.html")
    assert source.format == "html"
    assert [b for b in source.text.split("\n") if b] == [b for b in KNOWN.split("\n") if b]
    assert "لا تفهرس" not in source.text
    assert source.properties == {"title": "A/HRC/99/17/Add.1"}


def test_html_charset_declared_in_meta_is_used(tmp_path):
    page = '<html><head><meta charset="windows-1256"></head><body><p>نظام روما</p></body></html>'
    path = tmp_path / "page"
    path.write_bytes(page.encode("cp1256"))
    source = read_source(path)
    assert (source.format, source.text, source.encoding) == ("html", "نظام روما\n", "cp1256")


def test_text_that_merely_mentions_tags_stays_text(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("استخدم الوسم <p> للفقرات\n", encoding="utf-8")
    assert read_source(path).format == "text"


def test_html_without_text_is_refused(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>x=1</script></body></html>", encoding="utf-8")
    with pytest.raises(SourceError, match="HTML page without text"):
        read_source(path)


def test_pdf_header_after_junk_is_a_pdf_only_if_the_file_ends_like_one(tmp_path):
    pdf = (SOURCES / "upr_footnotes.pdf").read_bytes()
    wrapped = tmp_path / "mail.eml"
    wrapped.write_bytes(b"Content-Type: application/pdf\r\n\r\n" + pdf)
    assert read_source(wrapped).format == "pdf"
    note = tmp_path / "note.txt"
    note.write_text("ملاحظة: الملف يبدأ بـ %PDF-1.7 عادة\n", encoding="utf-8")
    assert read_source(note).format == "text"


def test_old_or_password_protected_office_files_are_named(tmp_path):
    path = tmp_path / "response.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(SourceError, match="password-protected Office file"):
        read_source(path)
