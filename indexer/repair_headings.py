"""Traces of layout that the order of a line's runs can read: glued numbers, stretched words.

**A number glued before a word** (``145تشريع``): the extraction emitted the number, laid out
left to right, and then the run to its right on the page; that run starts (in logical order)
with the glued word.  In logical order the number therefore follows the *end* of that run
(``تشريع مكافحة التمييز وتعديل المادة 145``), not its first word: reading on from the number
into the glued word is no step forward in the order found, and the order search prices it as
any other jump (:func:`glued_numbers`, used by :func:`indexer.repair_order_search.search_orders`).
In the seed every number glued before a word (``35أحاطت``, ``2022تشرين``, ``145وية``, the
twelve headings' ``45انشطة`` …) reads so.

>>> sorted(glued_numbers("الموووادة   145تشوووووووووريا مموووافتوووة  من"))
[('145', 'تشوووووووووريا')]

**A heading word cut at its stretch** (``وتعووود ووول`` for ``وتعديل``): the bold heading font
draws stretching as a run of WAW, and the extraction may cut a stretched word with one space
after a letter that joins no further; the piece after the cut starts with a stretched letter
(``ووول``: YEH shown as WAW, then the stretch).  Where the two pieces read as one word far
likelier than the two apart (:func:`stretch_join`), they are one word, read joined before
the line's glyph repair (:func:`join_stretch_cuts`).  (Keeping the two pieces together in
the orders of a line, as the body font's pieces are, gained nothing on headings reversed
word by word: such an extraction swaps the pieces too, and the join is made once the line
is in order.)
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Collection, Sequence

from indexer.repair_tables import TATWEEL, WAW, YEH
from indexer.repair_words import OOV_LOGP

if TYPE_CHECKING:
    from indexer.repair_words import GlyphModel

#: log10 prior of an order that reads on from a glued number into its word (a jump in the
#: order search, :data:`indexer.repair_order_search.JUMP`), for the orders of a line other
#: than the one found (which pays :data:`indexer.repair_order.GLUE_COST` already).
GLUED_READ_ON = 1.2
#: A number, then a letter with no space: the number printed left of the word glued to it.
GLUED_NUMBER = re.compile(r"([0-9\u0660-\u0669]+)([\u0621-\u064A][^\s0-9\u0660-\u0669]+)")


def glued_numbers(line: str) -> frozenset[tuple[str, str]]:
    """The ``(number, word)`` pairs of ``line`` printed glued (``145تشريع``), as the runs of
    :func:`indexer.repair_order.split_runs` show them (the number ends one run, the word
    starts the next); a list item ``17و`` is no glued word."""
    return frozenset((m.group(1), m.group(2)) for tok in line.split() for m in GLUED_NUMBER.finditer(tok))


def glued_read_on(tokens: Sequence[str], pairs: Collection[tuple[str, str]]) -> int:
    """How many numbers of ``pairs`` an order reads on into their glued word:
    ``["المادة", "145", "تشريع"]`` with ``("145", "تشريع")`` glued: 1."""
    return sum(1 for ab in zip(tokens, tokens[1:]) if ab in pairs) if pairs else 0


#: The piece after a cut in a stretched heading word: a letter (or none), then the stretch,
#: then more letters: ``ووول``, ``فوووحة``.
STRETCHED_TAIL = re.compile(r"^([\u0621-\u064A:]?)\u0648{3,}(?=[\u0621-\u064A/:])")
#: A word piece before a cut: letters only (a sign or a number ends a word, not a piece).
HEAD_PIECE = re.compile(r"^[\u0621-\u064A:]*[\u0621-\u064A]$")
#: log10 the joined word must be likelier by than the two pieces read as words.
CUT_JOIN_COST = 1.0


def stretch_join(model: "GlyphModel", a: str, b: str) -> str | None:
    """The word the heading-font tokens ``a b`` are when ``b`` is the stretched piece after a
    cut in one word (``وتعووود ووول`` -> ``وتعديل``), read by ``model`` (the heading font's
    glyph model); None where the two read better apart (``من قوووانون``: two words)."""
    hit = _stretch_join(model, a, b)
    return None if hit is None else hit[1]


def _stretch_join(model: "GlyphModel", a: str, b: str) -> tuple[str, str] | None:
    """``(shown, word)``: the pieces joined as the font would show the word uncut, and its
    reading (see :func:`stretch_join`)."""
    m = STRETCHED_TAIL.match(b)
    if not m or not HEAD_PIECE.match(a):
        return None
    # the stretched letter is shown (``فوووحة``); a WAW joins nothing, so a run of WAW that
    # starts the piece is the YEH the font shows as WAW, stretched (``وتعووود ووول``)
    shown = a + (YEH if m.group(1) in ("", WAW) else "") + b
    joined = model.best(shown)
    if joined.score <= OOV_LOGP or joined.score - CUT_JOIN_COST <= model.best(a).score + model.best(b).score:
        return None
    return shown, joined.text.replace(TATWEEL, "")


def join_stretch_cuts(line: str, model: "GlyphModel", shown: bool = False
                      ) -> tuple[str, list[tuple[str, str]]]:
    """``line`` with each word cut at its stretch joined and read (:func:`stretch_join`),
    and the joins made as ``(pieces, word)``; the rest of the line as it was.

    ``shown``: for the order of a line, before it is put in order: each word is joined as
    the font shows it uncut (``وتعوووديووول``), for the order search to read as one word, and
    two pieces found the other way round (``ووول وتعووود``: an extraction that reverses words
    reverses the pieces too) are joined too."""
    tokens = line.split(" ")
    out: list[str] = []
    joins: list[tuple[str, str]] = []
    i = 0
    while i < len(tokens):
        if i + 1 < len(tokens) and tokens[i] and tokens[i + 1]:
            a, b = tokens[i], tokens[i + 1]
            hit = _stretch_join(model, a, b) or (_stretch_join(model, b, a) if shown else None)
            if hit is not None:
                joins.append((a + " " + b, hit[1]))
                out.append(hit[0] if shown else hit[1])
                i += 2
                continue
        out.append(tokens[i])
        i += 1
    return " ".join(out), joins
