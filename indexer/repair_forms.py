r"""A final letter's two glyphs: a font whose text map is off is off glyph by glyph.

A PDF font maps *glyphs* to text, and Arabic prints a word's last letter with one of two
glyphs: its isolated form after a letter that does not join forward (``الشرط``: ر then an
isolated ط) and its final form after one that does (``فقط``).  A broken map may turn one
glyph and leave the other right: in the seed the body font shows an isolated ط as ر, an
isolated ب as ق, an isolated ف as ن, an isolated ك as و, a final ح as ك; each of them keeps
its other form (``فقط``, ``بسيط``, ``وروابط`` are spelt right).

So the document itself says which form of a final letter its font damages: a letter that the
lexicon expects several times in one form and the document never shows in that form is shown
as something else, every time.  :func:`systematic_forms` finds those (entry, form) pairs;
:func:`split_forms` gives the entry, in that form, the cost of an entry with strong evidence:
a real word the damage made (``الشرور`` for ``الشروط``, which the document then never spells)
is read back where the lexicon makes the other reading likelier.  The entry's evidence of
unknown words turned into words is not needed (such a font turns ``الشروط`` into another
real word, as often as not).

>>> form_at("الشرط", 4), form_at("فقط", 2)
('isolated', 'joined')
"""
from __future__ import annotations

from dataclasses import replace

from indexer.lexicon import Lexicon
from indexer.repair_tables import Confusion

#: Letters that join the next letter: a final letter after one of them is printed in its
#: final (joined) form, after any other in its isolated form.
JOINS_FORWARD = frozenset("بتثجحخسشصضطظعغفقكلمنهيئ\u0640")
FORMS = ("isolated", "joined")
#: A form is missing when the lexicon expects it at least this many times in the document...
MIN_EXPECTED = 3.0
#: ... and the document shows it at most this share of the expected times (in the seed: an
#: isolated ط expected 3.6 times, seen 0; an isolated ك expected 14.4, seen 0; a final ب
#: expected 38.3, seen 39).
MAX_SEEN_SHARE = 0.1
#: The cost of an entry in a form that the document never shows right: that of an entry
#: with strong evidence (:data:`indexer.repair.STRONG_EVIDENCE`), half its table cost.
SYSTEMATIC_SHARE = 0.5


def form_at(word: str, start: int) -> str:
    """The glyph form of the letter at ``start``, the last of ``word``."""
    return "joined" if start > 0 and word[start - 1] in JOINS_FORWARD else "isolated"


def final_shares(lex: Lexicon) -> dict[tuple[str, str], float]:
    """Share of running text (by the lexicon's frequencies) made of words ending in each
    (letter, form); computed once per lexicon."""
    key = ("final-form-shares",)
    hit = lex.derived.get(key)
    if hit is None:
        mass: dict[tuple[str, str], float] = {}
        total = 0.0
        for w, z in lex.zipfs.items():
            p = 10 ** (z - 9)
            total += p
            if len(w) >= 2:
                k = (w[-1], form_at(w, len(w) - 1))
                mass[k] = mass.get(k, 0.0) + p
        hit = lex.derived[key] = {k: v / total for k, v in mass.items()} if total else {}
    return hit


def systematic_forms(table: tuple[Confusion, ...], counts: dict[str, int],
                     lex: Lexicon) -> set[tuple[str, str, str]]:
    """``(seen, true, form)`` of each final entry whose true letter the document
    (``counts``: its words, tatweel and marks gone, with their counts) never shows in that
    form though the lexicon expects it there at least :data:`MIN_EXPECTED` times, and which
    has a witness: a word of the document ending in the seen letter in that form that the
    entry reads as a likelier word (``والشرور`` -> ``والشروط``, ``أنمار`` -> ``أنماط``)."""
    total = sum(counts.values())
    shares = final_shares(lex)
    seen: dict[tuple[str, str], int] = {}
    for w, n in counts.items():
        if len(w) >= 2:
            k = (w[-1], form_at(w, len(w) - 1))
            seen[k] = seen.get(k, 0) + n
    out = set()
    for c in table:
        if c.where != "final" or len(c.true) != 1 or len(c.seen) != 1:
            continue
        for form in FORMS:
            expected = total * shares.get((c.true, form), 0.0)
            if (expected >= MIN_EXPECTED and seen.get((c.true, form), 0) <= MAX_SEEN_SHARE * expected
                    and _witnessed(c, form, counts, lex)):
                out.add((c.seen, c.true, form))
    return out


def _witnessed(c: Confusion, form: str, counts: dict[str, int], lex: Lexicon) -> bool:
    """Does some word of the document end in ``c.seen`` in ``form`` and read, through ``c``,
    as a word likelier than it (any word, if it is none)?"""
    for w in counts:
        if len(w) >= 2 and w.endswith(c.seen) and form_at(w, len(w) - 1) == form:
            reading = lex.zipf_affixed(w[:-1] + c.true)
            if reading is not None and reading > (lex.zipf_affixed(w) or 0.0):
                return True
    return False


def split_forms(table: tuple[Confusion, ...], systematic: set[tuple[str, str, str]],
                base: dict[tuple[str, str], float]) -> tuple[Confusion, ...]:
    """``table`` (costs tuned to a document) with each final entry named in ``systematic``
    cut in two, one per form: the form the document never shows right costs
    :data:`SYSTEMATIC_SHARE` of the entry's ``base`` cost (or its tuned one, if lower), the
    other form keeps the tuned cost."""
    out = []
    for c in table:
        forms = [f for f in FORMS if c.where == "final" and (c.seen, c.true, f) in systematic]
        if not forms:
            out.append(c)
            continue
        low = min(c.cost, SYSTEMATIC_SHARE * base.get((c.seen, c.true), c.cost))
        out.extend(replace(c, where=f, cost=low if f in forms else c.cost) for f in FORMS)
    return tuple(out)
