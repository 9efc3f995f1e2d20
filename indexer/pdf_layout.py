"""From positioned glyphs to logical-order text: lines, reading order, page furniture, blocks.

This module knows nothing of PDF parsing (see :mod:`indexer.pdf_source`); it works on
:class:`Glyph` records, so it is tested with hand-made glyphs. The steps:

1. glyphs -> :class:`Line` s, by baseline; spaces come from gaps between glyphs;
2. each line's glyphs from visual (left-to-right) to logical order: a right-to-left line is read
   right to left, then runs of digits and Latin words are put back left to right. A glyph's own
   text (``"لم"`` for a lam-meem ligature) is never reversed, which is what breaks other tools
   (``"املادة"`` for ``"المادة"``);
3. page headers/footers (lines repeated on most pages, page numbers) are dropped;
4. footnotes (small type at the foot of a page, starting with their number) are set apart;
5. lines are joined into blocks (paragraphs, headings) using gaps, indentation, short last lines,
   font size and weight, across page breaks.

Steps 1 and 2 are :mod:`indexer.pdf_lines` and :mod:`indexer.visual_order`; this module
does 3 to 5 on :class:`Page` s of lines.

>>> text = layout_text([Page(1, 600, 800, group_lines([Glyph("م", 10, 16, 90, 102, 12),
...                                                     Glyph("لا", 16, 22, 90, 102, 12)]))])
>>> text.strip()
'لام'
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from indexer.pdf_lines import Glyph, Line, group_lines
from indexer.visual_order import logical_order

__all__ = ["Block", "Glyph", "Line", "Page", "group_lines", "layout_text", "logical_order"]

#: Header/footer zone: this fraction of the page height at the top and at the bottom.
FURNITURE_ZONE = 0.12
#: Footnote type is at most this fraction of the body size.
FOOTNOTE_SIZE_RATIO = 0.88
#: A line ending this many body-size ems before the far margin is a paragraph's last line.
SHORT_LINE_EMS = 2.5
#: A vertical gap this many times the usual line pitch separates blocks.
BLOCK_GAP_RATIO = 1.15

_PAGE_NUMBER = re.compile(r"^[\s\-–—.()|]*(?:page|صفحة|الصفحة)?\s*[\d٠-٩]{1,4}(?:\s*(?:/|of|من)\s*[\d٠-٩]{1,4})?[\s\-–—.()|]*$", re.I)
_MARKER_START = re.compile(r"^\s*(?:[\d٠-٩]{1,4}\s?[-.)]|-\s?[\d٠-٩]{1,4}\s|\(?[\d٠-٩]{1,3}\)\s|[•\u25aa\u25cf\u2013\u2014-]\s|[أ-ي][.)]\s|\([أ-ي]\)\s)")
_FOOTNOTE_START = re.compile(r"^\s*\(?([\d٠-٩]{1,3})\)?(?=\s|[^\d\s])")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


@dataclass
class Page:
    """A page's lines and its size."""

    number: int
    width: float
    height: float
    lines: list[Line]


def furniture_key(line: Line, page_number: int) -> str:
    """What a running header/footer has in common across pages: its text, page number aside."""
    text = re.sub(r"(?<![\d/.])" + str(page_number) + r"(?![\d/.])", "#", line.text.translate(_DIGITS))
    return " ".join(text.split())


def furniture_lines(pages: Sequence[Page]) -> list[str]:
    """The text of the running headers and footers :func:`drop_furniture` removes (once each)."""
    kept = {id(line) for page in drop_furniture(pages) for line in page.lines}
    found: list[str] = []
    for page in pages:
        for line in page.lines:
            if id(line) not in kept and line.text not in found and not _PAGE_NUMBER.match(line.text):
                found.append(line.text)
    return found


def drop_furniture(pages: Sequence[Page]) -> list[Page]:
    """Remove running headers and footers and page numbers from every page.

    A line in the top or bottom zone of a page is furniture when it is a page number, or when
    the same text (the page's own number aside) is in that zone on at least half the pages (two
    at least).
    """
    def zone(line: Line, page: Page) -> str | None:
        if line.bottom <= page.height * FURNITURE_ZONE:
            return "top"
        if line.top >= page.height * (1 - FURNITURE_ZONE):
            return "bottom"
        return None

    seen: Counter[tuple[str, str]] = Counter()
    for page in pages:
        keys = {(z, furniture_key(line, page.number)) for line in page.lines if (z := zone(line, page))}
        seen.update(keys)
    needed = max(2, (len(pages) + 1) // 2)
    result = []
    for page in pages:
        kept = []
        for line in page.lines:
            z = zone(line, page)
            if z and (_PAGE_NUMBER.match(line.text) or seen[(z, furniture_key(line, page.number))] >= needed):
                continue
            kept.append(line)
        result.append(Page(page.number, page.width, page.height, kept))
    return result


def body_size(pages: Sequence[Page]) -> float:
    """The most used font size, weighted by characters: the size of body text."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size)] += len(line.text)
    return float(sizes.most_common(1)[0][0]) if sizes else 0.0


def split_footnotes(page: Page, body: float) -> tuple[list[Line], list[Line]]:
    """Split a page's lines into body lines and footnote lines.

    Footnotes are the run of small-type lines at the foot of the page whose first line starts
    with a number.
    """
    lines = page.lines
    k = len(lines)
    while k > 0 and lines[k - 1].size <= FOOTNOTE_SIZE_RATIO * body:
        k -= 1
    notes = lines[k:]
    while notes and not _FOOTNOTE_START.match(notes[0].text):
        notes = notes[1:]
        k += 1
    if not notes or k == 0:
        return list(lines), []
    return list(lines[:k]), notes


def join_footnotes(lines: Sequence[Line]) -> list[str]:
    """Footnote lines -> one string per footnote, ``"N text"`` (brackets around N removed)."""
    notes: list[str] = []
    for line in lines:
        m = _FOOTNOTE_START.match(line.text)
        if m:
            notes.append(m.group(1).translate(_DIGITS) + " " + line.text[m.end():].strip())
        elif notes:
            notes[-1] = _join_text(notes[-1], line.text)
    return notes


def _join_text(left: str, right: str) -> str:
    """Join two lines of one paragraph; a Latin word hyphenated at the line end is re-joined."""
    if re.search(r"[A-Za-z]-$", left) and re.match(r"[a-z]", right):
        return left[:-1] + right
    return f"{left} {right}".strip()


@dataclass
class Block:
    """A paragraph or heading: its text and the style of its first line."""

    text: str
    size: float
    bold: bool
    page: int


def make_blocks(pages: Sequence[Page], body: float) -> tuple[list[Block], list[str]]:
    """Join body lines into blocks across pages; collect footnotes in page order."""
    blocks: list[Block] = []
    notes: list[str] = []
    left, right = _text_margins(pages, body)
    previous: Line | None = None
    pitch = _line_pitch(pages, body)
    for page in pages:
        lines, foot = split_footnotes(page, body)
        notes.extend(join_footnotes(foot))
        for line in lines:
            if previous is None or _starts_block(previous, line, left, right, body, pitch):
                blocks.append(Block(line.text, line.size, line.bold, page.number))
            else:
                blocks[-1].text = _join_text(blocks[-1].text, line.text)
            previous = line
    return blocks, notes


def _text_margins(pages: Sequence[Page], body: float) -> tuple[float, float]:
    """The left and right edges of body text (low/high percentiles over body lines)."""
    xs0 = sorted(line.x0 for page in pages for line in page.lines if abs(line.size - body) < 1)
    xs1 = sorted(line.x1 for page in pages for line in page.lines if abs(line.size - body) < 1)
    if not xs0:
        return 0.0, 0.0
    return xs0[len(xs0) // 10], xs1[len(xs1) * 9 // 10]


def _line_pitch(pages: Sequence[Page], body: float) -> float:
    """The distance between consecutive lines of one paragraph (body size, same page)."""
    gaps = []
    for page in pages:
        tops = [line.baseline for line in page.lines if abs(line.size - body) < 1]
        gaps += [b - a for a, b in zip(tops, tops[1:]) if 0 < b - a < 3 * body]
    # the low fifth: lines inside a paragraph, not the wider gaps between blocks
    return sorted(gaps)[len(gaps) // 5] if gaps else 1.3 * body


def _starts_block(prev: Line, line: Line, left: float, right: float, body: float,
                  pitch: float) -> bool:
    """Whether ``line`` begins a new block rather than continuing ``prev``'s."""
    same_page = prev.page == line.page
    if same_page and line.baseline - prev.baseline > BLOCK_GAP_RATIO * pitch:
        return True
    if prev.bold != line.bold or abs(prev.size - line.size) > 1:
        return True
    if _MARKER_START.match(line.text):
        return True
    em = body or line.size
    # the previous line stopped short of the far margin: it ended its paragraph
    if prev.rtl and prev.x0 - left > SHORT_LINE_EMS * em:
        return True
    if not prev.rtl and right - prev.x1 > SHORT_LINE_EMS * em:
        return True
    # this line is indented at its start (first line of a paragraph)
    if line.rtl and right - line.x1 > 1.5 * em and right - prev.x1 < 0.5 * em:
        return True
    if not line.rtl and line.x0 - left > 1.5 * em and prev.x0 - left < 0.5 * em:
        return True
    return False


def layout_text(pages: Sequence[Page], only: Iterable[int] | None = None) -> str:
    """Pages of lines -> document text: one block a line, blank lines between, footnotes last.

    ``only``: page numbers whose blocks to keep (all pages are still used for the layout
    statistics and the header/footer detection).
    """
    pages = drop_furniture(pages)
    body = body_size(pages)
    blocks, notes = make_blocks(pages, body)
    keep = None if only is None else set(only)
    parts = [b.text for b in blocks if b.text and (keep is None or b.page in keep)]
    text = "\n\n".join(parts)
    if notes:
        text += "\n\n" + "\n".join(notes)
    return text + "\n"
