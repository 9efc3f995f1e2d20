"""Glyphs on a page -> lines of logical-order text (:class:`Line`), by baseline.

Spaces come from space glyphs standing in gaps, or from gaps; harakat join the letter they are
drawn over; kashida fillers and unmapped glyphs are dropped; a raised small number becomes a
footnote call ``(N)``. The reading order of a line is :mod:`indexer.visual_order`'s.

>>> line = Line.from_glyphs([Glyph("م", 10, 16, 0, 12, 12), Glyph("لا", 16, 22, 0, 12, 12)])
>>> line.text  # the rightmost glyph comes first
'لام'
"""
from __future__ import annotations

import re
import statistics
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from indexer.visual_order import glyph_class, logical_order

#: A gap wider than this fraction of the font size between two glyphs is a word space.
SPACE_GAP = 0.16
#: Two glyphs are on one line when their baselines differ by less than this fraction of size.
BASELINE_TOLERANCE = 0.45


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
    def from_glyphs(cls, glyphs: Sequence[Glyph], page: int = 0, superscripts: bool = True,
                    rtl: bool | None = None) -> "Line":
        """Build a line from its glyphs (any order): spaces from gaps, marks on their base.

        ``rtl``: the line's direction when the caller knows it; else the majority of its
        strong characters decides.
        """
        glyphs = [g for g in glyphs if g.text]
        drawn_over = _drawn_over(glyphs)
        fillers = [g for g in glyphs if _is_filler(g) or id(g) in drawn_over]
        glyphs = [g for g in glyphs if not (_is_filler(g) or id(g) in drawn_over)]
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
        if rtl is None:
            strong = line_strength(bases)
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
                text = SUPER_OPEN + text.strip() + SUPER_CLOSE
            atom_of[k] = len(atoms)
            atoms.append(text)
            previous = g
        atoms = _attach_marks(atoms, bases, atom_of, marks)
        order = logical_order(atoms, rtl)
        text = "".join(order)
        text = _SUPERSCRIPT_RUN.sub(_bracket, text)
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


#: Letters a word-final fathatan sits on: alef (كتاباً), hamza (بناءً), teh marbuta, alef maqsura.
TANWEEN_BEARERS = frozenset("\N{ARABIC LETTER ALEF}\N{ARABIC LETTER HAMZA}"
                            "\N{ARABIC LETTER TEH MARBUTA}\N{ARABIC LETTER ALEF MAKSURA}")


def _is_lost_tanween(g: Glyph, bases: Sequence[Glyph], size: float, base_line: float) -> bool:
    """A fathatan whose font maps it to a space: a zero-width "space" drawn above a final alef.

    Word's Arabic fonts draw ``اً`` as alef plus a raised, zero-advance glyph whose Unicode
    entry is a space; the position (over a letter that takes a final fathatan) tells what
    it is.
    """
    if not g.text.isspace() or g.x1 - g.x0 > 0.05 * size or base_line - g.base < 0.3 * size:
        return False
    under = [b for b in bases if b.x0 - 0.5 <= g.x0 <= b.x1 + 0.5]
    return any(b.text in TANWEEN_BEARERS for b in under)


def line_strength(glyphs: Iterable[Glyph]) -> Counter[str]:
    """How many right-to-left (``R``) and left-to-right (``L``) glyphs a line has."""
    return Counter(c for g in glyphs for c in (glyph_class(g.text),) if c in ("R", "L"))


def _drawn_over(glyphs: Sequence[Glyph]) -> set[int]:
    """Punctuation-like glyphs drawn over another glyph (LibreOffice's kashida come out as a
    pair of overlapping ``*``): ids of those covered more than half by a neighbour."""
    ordered = sorted((g for g in glyphs if not g.text.isspace()), key=lambda g: g.x0)
    found: set[int] = set()
    for k, g in enumerate(ordered):
        if glyph_class(g.text) != "N":
            continue
        width = max(g.x1 - g.x0, 1e-6)
        for other in ordered[max(0, k - 1):k] + ordered[k + 1:k + 2]:
            if min(g.x1, other.x1) - max(g.x0, other.x0) > 0.5 * width:
                found.add(id(g))
    return found


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
    starts = [b.x0 for b in bases]  # bases are sorted by x0
    widest = max((b.x1 - b.x0 for b in bases), default=0.0)
    accepted: list[Glyph] = []
    for s in spaces:
        width = max(s.x1 - s.x0, 1e-6)
        lo = bisect_left(starts, s.x0 - widest)
        hi = bisect_right(starts, s.x1)
        covered = sum(max(0.0, min(s.x1, b.x1) - max(s.x0, b.x0)) for b in bases[lo:hi])
        if covered <= 0.5 * width:
            accepted.append(s)
    if not accepted:
        return bases
    merged: list[Glyph] = []
    pending = sorted(accepted, key=lambda g: (g.x0 + g.x1) / 2)
    k = 0
    for b in bases:  # a space goes before the first letter whose centre is right of its own
        while k < len(pending) and (pending[k].x0 + pending[k].x1) / 2 < (b.x0 + b.x1) / 2:
            if merged:  # a space before the first letter is no gap
                merged.append(pending[k])
            k += 1
        merged.append(b)
    return merged


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


#: Sentinels around the digits of a raised footnote call while a line is ordered.
SUPER_OPEN, SUPER_CLOSE = "\x02", "\x03"
_SUPERSCRIPT_RUN = re.compile(f"\\(?\\s*((?:{SUPER_OPEN}\\d+{SUPER_CLOSE})+)\\s*\\)?")


def _bracket(match: re.Match[str]) -> str:
    """A raised footnote call as the body text writes it: ``نصاً1`` -> ``نصاً (1)``."""
    digits = re.sub("[" + SUPER_OPEN + SUPER_CLOSE + "]", "", match.group(1))
    return f" ({digits}) "


def group_lines(glyphs: Sequence[Glyph], page: int = 0, rtl_document: bool | None = None) -> list[Line]:
    """Cluster a page's glyphs into lines by baseline, top to bottom.

    Glyphs of the page's main sizes make the rows; small raised glyphs (footnote calls) join
    the row they are raised above; combining marks (drawn above or below their letter, on a
    baseline of their own) and spaces then go to the row whose letters they overlap.

    ``rtl_document``: the direction of the document (default: the page's majority). A line is
    read left to right only when it is mostly Latin and set flush left; lines of Latin text
    in a right-to-left document (a footnote citing ``A/HRC/52/7``) keep the document's direction.
    """
    letters = [g for g in glyphs if g.text.strip() and glyph_class(g.text) != "M"]
    marks = [g for g in glyphs if g.text.strip() and glyph_class(g.text) == "M"]
    spaces = [g for g in glyphs if g.text and g.text.isspace()]
    main_size = _dominant_size(letters) if letters else 0.0
    small = [g for g in letters if g.size < 0.7 * main_size]
    rows: list[list[Glyph]] = []
    keys: list[tuple[float, float]] = []  # (baseline, size) of each row's main glyphs
    for g in sorted((g for g in letters if g.size >= 0.7 * main_size), key=lambda g: (g.base, g.x0)):
        _place(g, rows, keys)
    for g in sorted(small, key=lambda g: (g.base, g.x0)):
        k = _raised_row(g, rows, keys)
        if k is None:
            _place(g, rows, keys)
        else:
            rows[k].append(g)
    for g in marks + spaces:
        k = _row_of(g, rows, keys)
        if k is not None:
            rows[k].append(g)
    if rtl_document is None:
        strength = line_strength(letters)
        rtl_document = strength["R"] >= strength["L"]
    left = min((g.x0 for g in letters), default=0.0)
    right = max((g.x1 for g in letters), default=0.0)
    lines = [Line.from_glyphs(row, page, rtl=_row_direction(row, rtl_document, left, right, main_size))
             for row in rows]
    return sorted((line for line in lines if line.text), key=lambda line: (line.top, -line.x1))


def _place(g: Glyph, rows: list[list[Glyph]], keys: list[tuple[float, float]]) -> None:
    """Add ``g`` to a recent row with the same baseline, or start a row."""
    for k in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
        base, size = keys[k]
        if abs(g.base - base) <= BASELINE_TOLERANCE * max(size, g.size):
            rows[k].append(g)
            if g.size > size:
                keys[k] = (g.base, g.size)
            return
    rows.append([g])
    keys.append((g.base, g.size))


def _raised_row(g: Glyph, rows: list[list[Glyph]], keys: list[tuple[float, float]]) -> int | None:
    """The row a small glyph is a superscript or subscript of (same x range, near baseline)."""
    for k, (base, size) in enumerate(keys):
        if g.size < 0.8 * size and base - size <= g.base <= base + 0.25 * size:
            xs0 = min(r.x0 for r in rows[k])
            xs1 = max(r.x1 for r in rows[k])
            if xs0 - 2 * size <= g.x0 <= xs1 + 2 * size:
                return k
    return None


def _row_direction(row: Sequence[Glyph], rtl_document: bool, left: float, right: float,
                   size: float) -> bool | None:
    """A row's reading direction: the document's, unless its script and layout disagree.

    In a right-to-left document a mostly-Latin line is read left to right only when a number
    opens it on the left (``1 Law No. 12 ...``, a footnote set left to right); otherwise it is
    Latin text inside right-to-left paragraphs (``1 CRC/C/ZMR/3`` with the 1 on the right).
    In a left-to-right document the mirror rule applies, with flush-right alignment.
    """
    strength = line_strength(row)
    visible = sorted((g for g in row if g.text.strip()), key=lambda g: g.x0)
    if not visible:
        return rtl_document
    if rtl_document:
        numbered_left = glyph_class(visible[0].text) == "D" and glyph_class(visible[-1].text) != "D"
        return not (strength["L"] > strength["R"] and numbered_left)
    flush_right = max(g.x1 for g in row) >= right - size and min(g.x0 for g in row) > left + 2 * size
    return strength["R"] > strength["L"] and flush_right


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
