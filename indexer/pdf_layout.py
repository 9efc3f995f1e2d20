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

>>> line = Line.from_glyphs([Glyph("م", 10, 16, 0, 12, 12), Glyph("لا", 16, 22, 0, 12, 12)])
>>> line.text  # the rightmost glyph comes first
'لام'
"""
from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

#: A gap wider than this fraction of the font size between two glyphs is a word space.
SPACE_GAP = 0.16
#: Two glyphs are on one line when their baselines differ by less than this fraction of size.
BASELINE_TOLERANCE = 0.45
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


@dataclass(frozen=True)
class Glyph:
    """One drawn character (or ligature) with its box in page units, top-down y.

    ``text`` may hold several characters (a ligature) already in logical order.
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    baseline: float | None = None

    @property
    def base(self) -> float:
        return self.bottom if self.baseline is None else self.baseline


def bidi_class(ch: str) -> str:
    """``R`` (Arabic/Hebrew letters), ``L`` (Latin etc.), ``D`` (digits), ``M`` (mark), ``N``."""
    kind = unicodedata.bidirectional(ch)
    if kind in ("R", "AL"):
        return "R"
    if kind == "L":
        return "L"
    if kind in ("EN", "AN"):
        return "D"
    if kind == "NSM":
        return "M"
    return "N"


def glyph_class(text: str) -> str:
    """The bidi class of a glyph's text: its first strong or digit character decides."""
    classes = [bidi_class(ch) for ch in text]
    for wanted in ("R", "L", "D"):
        if wanted in classes:
            return wanted
    return "M" if classes and all(c == "M" for c in classes) else "N"


#: Characters that join digits into one number: 2022/11/30, 22.5, 1,000, 10:30, 50%.
NUMBER_JOINERS = frozenset("./,:-%٫٬")


def logical_order(atoms: Sequence[str], rtl: bool) -> list[str]:
    """Reorder a line's atoms (glyph texts and spaces, left to right) into reading order.

    A right-to-left line is reversed, then each run of Latin words and each number is turned
    back; a left-to-right line keeps its order and turns back its Arabic runs.

    >>> "".join(logical_order(["2", "0", "2", "2", " ", "ة", "ن", "س"], rtl=True))
    'سنة 2022'
    """
    classes = [glyph_class(a) for a in atoms]
    if not rtl:
        return _flip_runs(list(atoms), classes, lambda c: c == "R", joiners=("N", "D", "M"))
    seq = list(reversed(atoms))
    cls = list(reversed(classes))
    # Digits after Latin text (no Arabic between) belong to the Latin run (UAX #9, W7).
    strong = None
    for i, c in enumerate(cls):
        if c in ("R", "L"):
            strong = c
        elif c == "D" and strong == "L":
            cls[i] = "L"
    seq = _flip_runs(seq, cls, lambda c: c == "L", joiners=("N", "D", "M"))
    return _flip_numbers(seq, cls)


def _flip_runs(seq: list[str], cls: list[str], member, joiners: tuple[str, ...]) -> list[str]:
    """Reverse each maximal span that starts and ends with a ``member`` class."""
    out = list(seq)
    i = 0
    while i < len(seq):
        if not member(cls[i]):
            i += 1
            continue
        j = last = i
        while j < len(seq) and (member(cls[j]) or cls[j] in joiners):
            if member(cls[j]):
                last = j
            j += 1
        out[i:last + 1] = reversed(seq[i:last + 1])
        i = last + 1
    return out


def _flip_numbers(seq: list[str], cls: list[str]) -> list[str]:
    """Reverse each run of digits (with single joiners such as ``/`` or ``.`` inside)."""
    out = list(seq)
    i = 0
    while i < len(seq):
        if cls[i] != "D":
            i += 1
            continue
        j = i
        while j + 1 < len(seq) and (cls[j + 1] == "D" or (
                seq[j + 1] in NUMBER_JOINERS and j + 2 < len(seq) and cls[j + 2] == "D"
                and cls[j] == "D")):
            j += 1
        out[i:j + 1] = reversed(seq[i:j + 1])
        i = j + 1
    return out


@dataclass
class Line:
    """A line of text on a page: its logical-order text and where and how it is set."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    rtl: bool
    page: int = 0
    glyphs: list[Glyph] = field(default_factory=list, repr=False)
    baseline: float = 0.0

    @classmethod
    def from_glyphs(cls, glyphs: Sequence[Glyph], page: int = 0, superscripts: bool = True) -> "Line":
        """Build a line from its glyphs (any order): spaces from gaps, marks on their base."""
        fillers = [g for g in glyphs if g.text and _is_filler(g)]
        glyphs = [g for g in glyphs if g.text and not _is_filler(g)]
        body = [g for g in glyphs if not g.text.isspace()]
        if not body:
            return cls("", 0, 0, 0, 0, 0, False, True, page, [])
        size = _dominant_size(body)
        bases = sorted((g for g in body if glyph_class(g.text) != "M"), key=lambda g: (g.x0, g.x1))
        base_line = statistics.median(g.base for g in bases if g.size >= 0.8 * size) if bases else 0
        lost = [g for g in glyphs if _is_lost_tanween(g, bases, size, base_line)]
        spaces = [g for g in glyphs if g.text.isspace() and g.size >= 0.5 * size and g not in lost]
        bases = _with_spaces(bases, spaces)
        marks = [g for g in body if glyph_class(g.text) == "M"]
        marks += [Glyph(FATHATAN, g.x0, g.x1, g.top, g.bottom, g.size, g.bold, g.base) for g in lost]
        strong = Counter(c for g in bases for c in (glyph_class(g.text),) if c in ("R", "L"))
        rtl = strong["R"] >= strong["L"]
        atoms: list[str] = []
        atom_of: dict[int, int] = {}  # index in bases -> index in atoms
        previous: Glyph | None = None
        for k, g in enumerate(bases):
            if g.text.isspace():
                if atoms and atoms[-1] != " ":
                    atoms.append(" ")
                previous = g
                continue
            if previous is not None and _gap(previous, g, marks + fillers) > SPACE_GAP * min(
                    size, max(g.size, previous.size)):
                atoms.append(" ")
            text = g.text
            if superscripts and _is_superscript(g, size, base_line) and text.strip().isdigit():
                text = text.strip()
            atom_of[k] = len(atoms)
            atoms.append(text)
            previous = g
        atoms = _attach_marks(atoms, bases, atom_of, marks)
        order = logical_order(atoms, rtl)
        text = "".join(order)
        if superscripts:
            text = _bracket_superscripts(text, bases, size, base_line)
        text = _join_detached_ya(re.sub(r" {2,}", " ", text).strip())
        text = _FATHATAN_BEFORE_ALEF.sub(lambda m: m.group(1) + FATHATAN, text)
        bold = sum(len(g.text) for g in body if g.bold) > 0.6 * sum(len(g.text) for g in body)
        return cls(text, min(g.x0 for g in body), max(g.x1 for g in body), min(g.top for g in body),
                   max(g.bottom for g in body), size, bold, rtl, page, list(body), base_line)


FATHATAN = "\N{ARABIC FATHATAN}"
#: The text given to a glyph whose font has no Unicode entry for it.
UNMAPPED_GLYPH = "\N{REPLACEMENT CHARACTER}"
ALEFS = frozenset("\N{ARABIC LETTER ALEF}\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}"
                  "\N{ARABIC LETTER ALEF WITH HAMZA BELOW}\N{ARABIC LETTER ALEF WITH MADDA ABOVE}")


def _is_lost_tanween(g: Glyph, bases: Sequence[Glyph], size: float, base_line: float) -> bool:
    """A fathatan whose font maps it to a space: a zero-width "space" drawn above a final alef.

    Word's Arabic fonts draw ``اً`` as alef plus a raised, zero-advance glyph whose Unicode
    entry is a space; the position tells what it is.
    """
    if not g.text.isspace() or g.x1 - g.x0 > 0.05 * size or base_line - g.base < 0.3 * size:
        return False
    under = [b for b in bases if b.x0 - 0.5 <= g.x0 <= b.x1 + 0.5]
    return any(b.text == "\N{ARABIC LETTER ALEF}" for b in under)


def _is_filler(g: Glyph) -> bool:
    """A justification filler: an Arabic letter glyph drawn (almost) without width.

    Word stretches justified Arabic lines with hair-thin kashida glyphs whose Unicode entry
    is a letter (seen as ``ق``); a real letter is at least a tenth of an em wide. LibreOffice's
    kashida glyphs have no Unicode entry at all (:data:`UNMAPPED_GLYPH`). A zero-width alef is
    no filler: LibreOffice draws lam-alef as a lam glyph plus an empty alef.
    """
    if g.text == UNMAPPED_GLYPH:
        return True
    return g.x1 - g.x0 < 0.08 * g.size and glyph_class(g.text) == "R" and g.text not in ALEFS


def _with_spaces(bases: list[Glyph], spaces: list[Glyph]) -> list[Glyph]:
    """Insert the space glyphs that stand in a gap between two letters into the sequence.

    Word also draws spaces *over* letters (a space glyph overlapping ``و``); those are not
    word breaks and are dropped.
    """
    if not spaces:
        return bases
    out = list(bases)
    for s in spaces:
        width = max(s.x1 - s.x0, 1e-6)
        covered = sum(max(0.0, min(s.x1, b.x1) - max(s.x0, b.x0)) for b in bases)
        if covered > 0.5 * width:
            continue
        centre = (s.x0 + s.x1) / 2
        at = 0
        while at < len(out) and (out[at].x0 + out[at].x1) / 2 < centre:
            at += 1
        if 0 < at < len(out):
            out.insert(at, s)
    return out


def _gap(left: Glyph, right: Glyph, cover: Sequence[Glyph]) -> float:
    """The empty width between two neighbouring letters, less what marks or fillers cover."""
    a, b = left.x1, right.x0
    gap = b - a
    for c in cover:
        gap -= max(0.0, min(b, c.x1) - max(a, c.x0))
    return gap


#: Letters that do not join the next letter; a word ending in one of them is complete.
NON_JOINING = frozenset("اأإآدذرزوؤةءى")
_DETACHED_YA = re.compile(r"(?<=[\u0621-\u064a])([\u0621-\u064a]) ([يى])(?=[\s.,،؛:)\]]|$)")


#: Fathatan drawn over the lam of a lam-alef ligature comes out before the alef.
_FATHATAN_BEFORE_ALEF = re.compile("\N{ARABIC FATHATAN}([\N{ARABIC LETTER ALEF}\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}])")


def _join_detached_ya(text: str) -> str:
    """``المدرس ي`` -> ``المدرسي``: Word draws a space glyph before some final ya glyphs.

    A lone ya is no word; it is joined back when the letter before it joins to the left.
    """
    return _DETACHED_YA.sub(lambda m: m.group(1) + m.group(2) if m.group(1) not in NON_JOINING
                            else m.group(0), text)


def _dominant_size(glyphs: Iterable[Glyph]) -> float:
    sizes = Counter(round(g.size, 1) for g in glyphs for _ in g.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _is_superscript(g: Glyph, size: float, base_line: float) -> bool:
    return g.size <= 0.8 * size and base_line - g.base > 0.2 * size


def _attach_marks(atoms: list[str], bases: list[Glyph], atom_of: dict[int, int],
                  marks: list[Glyph]) -> list[str]:
    """Put each combining mark (haraka) right after the base glyph it is drawn over."""
    if not marks or not atom_of:
        return atoms
    extra: dict[int, str] = {}
    for m in marks:
        centre = (m.x0 + m.x1) / 2

        def distance(k: int) -> tuple[bool, float]:
            b = bases[k]
            far = 0.0 if b.x0 <= centre <= b.x1 else min(abs(b.x0 - centre), abs(b.x1 - centre))
            # a mark belongs on a letter: a letter within a fifth of an em beats a dash under it
            return (not (far <= 0.2 * m.size and glyph_class(b.text) == "R"), far)

        best = min(atom_of, key=distance)
        extra[atom_of[best]] = extra.get(atom_of[best], "") + m.text
    return [a + extra.get(i, "") for i, a in enumerate(atoms)]


def _bracket_superscripts(text: str, bases: list[Glyph], size: float, base_line: float) -> str:
    """Wrap runs of raised small digits in brackets (``نصاً1`` -> ``نصاً (1)``)."""
    raised = [g for g in bases if not g.text.isspace() and _is_superscript(g, size, base_line)
              and g.text.strip().isdigit()]
    if not raised:
        return text
    # Group raised digits that touch each other into numbers (visual left-to-right order).
    numbers: list[str] = []
    run: list[Glyph] = []
    for g in sorted(raised, key=lambda g: g.x0):
        if run and g.x0 - run[-1].x1 > 0.3 * size:
            numbers.append("".join(x.text for x in run))
            run = []
        run.append(g)
    if run:
        numbers.append("".join(x.text for x in run))
    for number in numbers:
        pattern = re.compile(r"(?<![\d(])" + re.escape(number) + r"(?![\d)])")
        text = pattern.sub(f" ({number}) ", text, count=1)
    return text


def group_lines(glyphs: Sequence[Glyph], page: int = 0) -> list[Line]:
    """Cluster a page's glyphs into lines by baseline, top to bottom.

    Letters and digits make the rows; combining marks (drawn above or below their letter, on
    a baseline of their own) then go to the row whose letters they overlap.
    """
    letters = [g for g in glyphs if g.text.strip() and glyph_class(g.text) != "M"]
    marks = [g for g in glyphs if g.text.strip() and glyph_class(g.text) == "M"]
    spaces = [g for g in glyphs if g.text and g.text.isspace()]
    rows: list[list[Glyph]] = []
    keys: list[tuple[float, float]] = []  # (baseline, size) of each row's main glyphs
    for g in sorted(letters, key=lambda g: (g.base, g.x0)):
        placed = False
        for k in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            base, size = keys[k]
            tolerance = BASELINE_TOLERANCE * max(size, g.size)
            small_raised = g.size < 0.8 * size and base - size <= g.base <= base + 0.1 * size
            if abs(g.base - base) <= tolerance or small_raised:
                rows[k].append(g)
                if g.size > size:
                    keys[k] = (g.base, g.size)
                placed = True
                break
        if not placed:
            rows.append([g])
            keys.append((g.base, g.size))
    for g in marks + spaces:
        k = _row_of(g, rows, keys)
        if k is not None:
            rows[k].append(g)
    lines = [Line.from_glyphs(row, page) for row in rows]
    return sorted((line for line in lines if line.text), key=lambda line: (line.top, -line.x1))


def _row_of(g: Glyph, rows: list[list[Glyph]], keys: list[tuple[float, float]]) -> int | None:
    """The row a mark or space belongs to: nearest baseline among rows it overlaps in x."""
    best, best_distance = None, None
    for k, row in enumerate(rows):
        base, size = keys[k]
        distance = abs(g.base - base)
        if distance > 0.8 * size:
            continue
        if not any(r.x0 - size <= g.x0 and g.x1 <= r.x1 + size for r in row):
            continue
        if best_distance is None or distance < best_distance:
            best, best_distance = k, distance
    return best


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
