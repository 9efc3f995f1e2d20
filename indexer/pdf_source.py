"""Read a PDF's text layer with pdfminer.six and lay it out in logical order.

pdfminer.six gives every drawn glyph with its font name, size, box and the Unicode text of its
ToUnicode entry; a ligature glyph keeps its text in logical order (``"لم"``), so ordering glyphs
by position never scrambles it. The layout work is in :mod:`indexer.pdf_layout`.

>>> # read_pdf(Path("A_HRC_52_7_Add.1.pdf")).text.splitlines()[0]  # e.g. 'أولاً- ...'
"""
from __future__ import annotations

import io
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from indexer.pdf_layout import Glyph, Page, furniture_lines, group_lines, layout_text
from indexer.unicode_forms import base_letters

#: Font-name words that mean a bold face ("NotoNaskhArabic-Bold", "SakkalMajalla-Bold").
BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.I)
#: pdfminer's text for a glyph without a Unicode mapping.
UNMAPPED = re.compile(r"^\(cid:\d+\)$")
#: More than this share of unmapped glyphs: the text layer is unusable.
MAX_UNMAPPED = 0.2
#: Seconds a PDF may take to read (checked after each page): a pathological file stops with a
#: one-line error instead of holding an indexing run. pdfminer reads ~2-20 pages/s here.
PDF_SECONDS = 300.0


@dataclass(frozen=True)
class PdfText:
    """A PDF's logical-order text, its page count and its document-info fields.

    ``info`` also holds ``running_header``: the running headers/footers removed from the text
    (a UN document prints its symbol there).
    """

    text: str
    pages: int
    info: dict[str, str]


class PdfError(Exception):
    """A PDF that cannot be read; the message is the reason, in one line."""


def _page_glyphs(layout, height: float) -> list[Glyph]:
    """Every upright glyph of a pdfminer page layout, as :class:`Glyph`, top-down y."""
    from pdfminer.layout import LTChar, LTContainer

    glyphs: list[Glyph] = []
    stack = [layout]
    while stack:
        item = stack.pop()
        if isinstance(item, LTChar):
            text = item.get_text()
            if UNMAPPED.match(text):
                glyphs.append(Glyph("\ufffd", item.x0, item.x1, height - item.y1, height - item.y0, item.size))
                continue
            if not item.upright:
                continue
            text = base_letters(text)
            if not text:
                continue
            baseline = height - item.matrix[5]
            glyphs.append(Glyph(text, item.x0, item.x1, height - item.y1, height - item.y0,
                                round(item.size, 2), bool(BOLD_FONT.search(item.fontname or "")),
                                baseline))
        elif isinstance(item, LTContainer):
            stack.extend(item)
    return glyphs


def _decode_info(value: object) -> str:
    if isinstance(value, bytes):
        from pdfminer.utils import decode_text

        return decode_text(value)
    return str(value) if isinstance(value, (str, int, float)) else ""


def read_pdf(data: bytes, only_pages: Iterable[int] | None = None,
             time_limit: float | None = None) -> PdfText:
    """Extract the logical-order text of a PDF given as bytes; raises :class:`PdfError`.

    ``only_pages`` (1-based) limits the text to those pages' blocks (for benchmarks). Reading
    stops with an error once ``time_limit`` seconds (default :data:`PDF_SECONDS`) have passed,
    checked after each page.
    """
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        parser = PDFParser(io.BytesIO(data))
        document = PDFDocument(parser)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise PdfError("encrypted PDF (a password is needed to open it)") from None
    except Exception as err:  # pdfminer raises many kinds for damaged files
        raise PdfError(f"damaged PDF ({_short(err)})") from None
    info: dict[str, str] = {}
    for entry in document.info[:1]:
        for key, value in entry.items():
            if hasattr(value, "resolve"):
                value = value.resolve()
            text = _decode_info(value).strip()
            if text:
                info[str(key)] = text
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    read: list[tuple[float, float, list[Glyph]]] = []
    if time_limit is None:
        time_limit = PDF_SECONDS
    deadline = time.monotonic() + time_limit
    try:
        for pdf_page in PDFPage.create_pages(document):
            interpreter.process_page(pdf_page)
            layout = device.get_result()
            read.append((layout.width, layout.height, _page_glyphs(layout, layout.height)))
            if time.monotonic() > deadline:
                raise PdfError(f"PDF too slow to read: stopped after {len(read)} pages and "
                               f"{time_limit:g} s (split the file)")
    except PdfError:
        raise
    except Exception as err:  # damage part-way: keep the pages read before it, if any
        if not read:
            raise PdfError(f"damaged PDF ({_short(err)})") from None
    unmapped = sum(1 for _, _, glyphs in read for g in glyphs if g.text == "\ufffd")
    total = sum(len(glyphs) for _, _, glyphs in read)
    pages = [Page(number, width, height, group_lines(glyphs, number))
             for number, (width, height, glyphs) in enumerate(read, start=1)]
    if not pages:
        raise PdfError("PDF without pages")
    if total == 0:
        raise PdfError("no text layer (scanned or image-only PDF; run OCR first)")
    if unmapped > MAX_UNMAPPED * total:
        raise PdfError("text layer without Unicode mapping (fonts have no ToUnicode table)")
    running = furniture_lines(pages)
    if running:
        info["running_header"] = " | ".join(running)
    return PdfText(layout_text(pages, only_pages), len(pages), info)


def _short(err: BaseException) -> str:
    """A one-line, short description of an exception."""
    message = " ".join(str(err).split())[:80]
    return f"{type(err).__name__}: {message}" if message else type(err).__name__


def read_pdf_file(path: Path | str, only_pages: Iterable[int] | None = None) -> PdfText:
    """:func:`read_pdf` on a file."""
    return read_pdf(Path(path).read_bytes(), only_pages)
