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

from indexer.repair_tables import HEADING_STRETCH, TATWEEL, WAW, YEH, Confusion

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
#: Signs around a word cut at its stretch: before its first piece, after its second (``:``
#: and ``/`` are the font's BEH and final TEH, letters of the piece).
LEAD_SIGNS = re.compile(r"^[(\[«\"'“]+")
TRAIL_SIGNS = re.compile(r"[.,،؛;!?؟)\]»\"'”]+$")
#: log10 the joined word must be likelier by than the two pieces read as words.
CUT_JOIN_COST = 1.0
#: log10 above which a head piece is a particle (``لا``, ``ما``: -2.1) and the piece after
#: it a common word (``يزال``: -3.9): where the joined reading is only the two run together
#: (``لايزال``), they stay two words.
PARTICLE = -3.0
COMMON_WORD = -5.0
#: Stretching is set in words of at least this many letters: a stretched piece that reads as
#: a shorter word (``لوووو`` as ``لم``) joins its neighbour without :data:`CUT_JOIN_COST`.
LONG_WORD = 4


def stretch_join(model: "GlyphModel", a: str, b: str) -> str | None:
    """The word the heading-font tokens ``a b`` are when ``b`` is the stretched piece after a
    cut in one word (``وتعووود ووول`` -> ``وتعديل``), read by ``model`` (the heading font's
    glyph model); None where the two read better apart (``من قوووانون``: two words)."""
    hit = _stretch_join(model, a, b)
    return None if hit is None else hit[1]


def _stretch_join(model: "GlyphModel", a: str, b: str) -> tuple[str, str] | None:
    """``(shown, word)``: the pieces joined as the font would show the word uncut, and its
    reading (see :func:`stretch_join`)."""
    from indexer.repair_words import OOV_LOGP  # not at import: repair_words imports this module
    # a sign before the word or after it (``(اتفا قووووية،``) is no part of the pieces
    lead, a = _split(LEAD_SIGNS.match(a), a)
    b, trail = _split(TRAIL_SIGNS.search(b), b, tail=True)
    m = STRETCHED_TAIL.match(b)
    if not m or not HEAD_PIECE.match(a):
        return None
    # the stretched letter is shown (``فوووحة``); a WAW joins nothing, so a run of WAW that
    # starts the piece is the YEH the font shows as WAW, stretched (``وتعووود ووول``)
    shown = a + (YEH if m.group(1) in ("", WAW) else "") + b
    joined, apart, head = model.best(shown), model.best(b), model.best(a)
    # a short word is seldom stretched: a stretched piece that reads as one is likelier a piece
    margin = CUT_JOIN_COST if len(apart.text) >= LONG_WORD else 0.0
    if joined.score <= OOV_LOGP or joined.score - margin <= head.score + apart.score:
        return None
    if (head.score > PARTICLE and apart.score > COMMON_WORD
            and joined.text.replace(TATWEEL, "") == (head.text + apart.text).replace(TATWEEL, "")):
        return None  # a particle and a word, spelt run together (``لا يزال``, not ``لايزال``)
    return lead + shown + trail, lead + joined.text.replace(TATWEEL, "") + trail


def _split(m: "re.Match[str] | None", token: str, tail: bool = False) -> tuple[str, str]:
    """``token`` cut at the signs ``m`` found at its start (or, with ``tail``, its end)."""
    if m is None:
        return ("", token) if not tail else (token, "")
    return (token[:m.end()], token[m.end():]) if not tail else (token[:m.start()], token[m.start():])


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
            lone = None if shown else stretched_proclitic(a, b)
            if lone is not None:
                joins.append((a, lone))
                out.append(lone)
                i += 1
                continue
            hit = _stretch_join(model, a, b) or (_stretch_join(model, b, a) if shown else None)
            if hit is not None:
                joins.append((a + " " + b, hit[1]))
                out.append(hit[0] if shown else hit[1])
                i += 2
                continue
        out.append(tokens[i])
        i += 1
    return " ".join(out), joins


#: A proclitic written with tatweel (``الـ``, ``بـ``, ``لـ``, ``كـ``, with ``و``/``ف`` before),
#: as the heading font shows it: its letters (BEH as ``:``, KAF as ``م``), then the stretch.
PROCLITIC_STRETCH = re.compile(r"^([وف]?(?:ال|لل|:ال|مال|:|ل|م))\u0648{3,}$")
#: What may follow such a proclitic: a number or an opening quote (``الـ 17``, ``بـ "لواء``).
AFTER_PROCLITIC = re.compile(r"^[0-9\u0660-\u0669\"«“]")
#: The font's glyphs of a proclitic, read (:data:`repair_tables.HEADING_FONT`).
PROCLITIC_GLYPHS = str.maketrans({":": "\u0628", "\u0645": "\u0643"})


def stretched_proclitic(a: str, b: str) -> str | None:
    """``a`` read as a proclitic written with tatweel where the heading-font token ``a`` is
    a proclitic and a stretch, and ``b`` starts with a number or a quote: ``الووو 17`` ->
    ``الـ`` (``نسبة الـ 17``), ``:ووو "لواء`` -> ``بـ``.  The same glyphs read ``اليوم`` /
    ``بيوم`` (the font shows YEH and a final MEEM as WAW), but before a number or a quote UN
    text writes the proclitic far more often: 69 to 3 (``اليوم``/``بيوم`` before a number or a
    quote) in the test sets of the UN Parallel Corpus v1.0 and this repository's UN fixtures."""
    m = PROCLITIC_STRETCH.match(a)
    if m is None or not AFTER_PROCLITIC.match(b):
        return None
    return m.group(1).translate(PROCLITIC_GLYPHS) + TATWEEL


#: At most this many stretches of one word are read both ways (empty, or hiding letters).
MAX_STRETCHES = 2
#: The share of a stretch entry's cost a class lookup charges for the letters it supposes
#: hidden: the entry prices a letter under the stretch *and* its showing as WAW, and the
#: class alignment prices that showing again (YEH as WAW: 0.125).  Measured on the first 20
#: documents of the stretched bench row: 1.0: 97.350%, 0.5: 97.406%, 0.0: 97.398%.
HIDDEN_SHARE = 0.5
#: The fewest WAW the heading font shows a stretch as (:data:`repair_tables.HEADING_STRETCH`).
STRETCH_MIN = HEADING_STRETCH
#: The runs of WAW of a word that :meth:`GlyphModel.unstretch` may read as stretches.
STRETCH_WAWS = re.compile(f"{WAW}{{{HEADING_STRETCH},}}")


def stretch_keys(seen: str, plain: str, table: Sequence[Confusion]) -> list[tuple[str, float]]:
    """The forms of a heading-font word under which the font's class index looks its readings
    up, each with the cost of the letters it supposes hidden in a stretch: the word as seen,
    and where ``plain`` (the word unstretched by :meth:`GlyphModel.unstretch`) has stretches,
    each stretch read as nothing or as the letters ``table``'s stretch entries say it may hide,
    shown as the font shows them (WAW): ``تووووووسر`` -> ``تسر`` (0), ``توسر`` (``تيسر``: 0.5).
    The stretch itself shows as :data:`STRETCH_MIN` WAW at least, so a run hides at most as
    many letters as it is longer (``نوووا``: ``نـا`` or the letters as seen, ``نوويا``).

    A run of WAW is read by the table alone otherwise, and a word with three or more other
    glyphs changed (``لتووووولتوت`` for ``لتعزيز``) is out of the table's reach."""
    runs = [len(r) for r in STRETCH_WAWS.findall(seen)]
    parts = plain.split(TATWEEL)
    if TATWEEL not in plain or len(parts) - 1 > MAX_STRETCHES or len(runs) != len(parts) - 1:
        return [(seen, 0.0)]
    hidden: dict[int, float] = {0: 0.0}
    for c in table:
        if c.seen == TATWEEL and c.true:
            hidden[len(c.true)] = min(hidden.get(len(c.true), c.cost), c.cost * HIDDEN_SHARE)
    keys: list[tuple[str, float]] = [("", 0.0)]
    for k, part in enumerate(parts):
        keys = [(key + part, cost) for key, cost in keys]
        if k < len(parts) - 1:
            # a run first in the word holds the stretched YEH too (``ووووعلق``: ``يـعلق``)
            room = runs[k] - STRETCH_MIN - (k == 0 and part == YEH)
            keys = [(key + WAW * n, cost + extra) for key, cost in keys
                    for n, extra in sorted(hidden.items()) if n <= room]
    if plain.startswith(YEH + TATWEEL) and 1 in hidden and runs[0] - STRETCH_MIN - 1 >= 1:
        # ... and may hold a WAW before that YEH (``وووووتمثل``: ``ويتمثل``)
        keys += [(WAW + key, cost + hidden[1]) for key, cost in keys]
    return [(seen, 0.0)] + keys
