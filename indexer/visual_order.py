"""Visual to logical order for one line of glyph texts (right-to-left or left-to-right).

A PDF gives glyphs where they are drawn, left to right; a reader needs them in reading order.
Latin runs and numbers inside Arabic lines are drawn left to right, so a line is cut into
units (a Latin run, a number, one glyph) and the units are read from the right. A glyph's own
text (``"لم"`` for a ligature) is one atom and never reversed.

>>> "".join(logical_order(["2", "0", "2", "2", " ", "ة", "ن", "س"], rtl=True))
'سنة 2022'
"""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

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


@lru_cache(maxsize=4096)
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

    The line is cut into units read left to right on the page: a run of Latin text (with the
    digits and punctuation inside or right after it, UAX #9 rule W7), a number (digits with
    single joiners such as ``/`` or ``.``), or one other atom. A right-to-left line reads its
    units from the right; a left-to-right line reads them from the left but reverses each run
    of Arabic (keeping its numbers' digits in order).

    >>> "".join(logical_order(["2", "0", "2", "2", " ", "ة", "ن", "س"], rtl=True))
    'سنة 2022'
    >>> "".join(logical_order(list("3/RMZ/C/CRC"[::-1]) + [" ", "ى", "ل", "إ"], rtl=True))
    'إلى CRC/C/ZMR/3'
    """
    classes = [glyph_class(a) for a in atoms]
    if rtl:
        units = _units(atoms, classes, lambda c: c == "L", lambda c: c == "R")
        return [a for unit in reversed(units) for a in unit]
    units = _units(atoms, classes, lambda c: c == "R", lambda c: c == "L", keep_numbers=True)
    out: list[str] = []
    for unit in units:
        out.extend(unit)
    return out


def _units(atoms: Sequence[str], classes: Sequence[str], member, stop, keep_numbers: bool = False
           ) -> list[list[str]]:
    """Cut visual atoms into units: runs of ``member`` direction, numbers, single atoms.

    A run starts at a ``member`` atom and goes on over digits, marks and neutrals until an
    atom of the ``stop`` direction; it ends at its last member atom, or at a digit glued to
    it (``A/HRC/52/7``). A number after a space is left out: by position alone ``1 CRC`` (a
    footnote number) and ``CRC 1`` cannot be told apart, and the first is the common case. In a
    left-to-right line the Arabic runs are returned reversed (their numbers kept in order).
    """
    units: list[list[str]] = []
    i, n = 0, len(atoms)
    while i < n:
        if member(classes[i]):
            j = last = i
            attached = True  # no space since the run's last letter or digit
            while j < n and not stop(classes[j]):
                if member(classes[j]) or (classes[j] == "D" and attached):
                    last, attached = j, True
                elif atoms[j].isspace():
                    attached = False
                j += 1
            run = list(atoms[i:last + 1])
            if keep_numbers:  # an Arabic run inside a left-to-right line
                inner = _units(run, classes[i:last + 1], lambda c: False, lambda c: False)
                run = [a for unit in reversed(inner) for a in unit]
            units.append(run)
            i = last + 1
        elif classes[i] == "D":
            j = i
            while j + 1 < n and (classes[j + 1] == "D" or (
                    atoms[j + 1] in NUMBER_JOINERS and j + 2 < n and classes[j + 2] == "D")):
                j += 1
            units.append(list(atoms[i:j + 1]))
            i = j + 1
        else:
            units.append([atoms[i]])
            i += 1
    return units
