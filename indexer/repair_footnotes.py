"""Footnote markers in the order repair: a marker is a token of its own (``( 5)``, with the
punctuation that travels with it), transparent to the word-pair score, and follows the word
it annotates.

:func:`attach_footnotes` puts a run of markers after the words it annotates once the runs
are reversed; :func:`_marker_to_run_start` applies
:func:`indexer.repair_footnote_edges.marker_to_run_start` to each run of a line (a marker
emitted at the far edge of its run); :func:`_looking_through_glued_marks` scores a word with
a marker glued to it (``التالية:( 7)``) as the word alone.

>>> is_footnote("( 5)"), is_footnote(".( 5)"), is_footnote("( 7)،"), is_footnote("5(1)")
(True, True, True, False)
>>> [r.text for r in attach_footnotes([Run(["( 4)"]), Run(["والقضاة"])])]
['والقضاة ( 4)']
"""
from __future__ import annotations

import re
from functools import lru_cache

from indexer.repair_footnote_edges import marker_to_run_start
from indexer.repair_runs import TOKEN_MEMO, Run

#: A footnote marker alone, with the punctuation that travels with it: ``( 5)``, ``.( 5)``,
#: ``( 7)،``, and any number in brackets (the year of ``القرار 1373 (2001)``): it is
#: transparent to the word-pair score (the words around it are scored) and follows what it
#: annotates (as a year in brackets: 98.92% -> 99.01% on held-out runs out of order).
FOOTNOTE_TOKEN = re.compile(r"[.،,:؛]?\(\s?\d+\)[.،,:؛]?")


@lru_cache(maxsize=TOKEN_MEMO)
def is_footnote(token: str) -> bool:
    """``( 5)``, ``.( 5)``, ``( 7)،``: a footnote marker (with its punctuation)."""
    return bool(FOOTNOTE_TOKEN.fullmatch(token))


#: A footnote marker glued after a word's letters (``التالية:( 7)``; not ``5(1)``).
GLUED_MARK = re.compile(r"(?<=[^\s(\d])\(\s?\d+\)")


def _looking_through_glued_marks(clean, own: set[str]):
    """``clean`` for the scores of a line's orders, with a footnote marker glued to one of the
    line's own tokens (``own``) left out of it: ``التالية:( 7)`` is scored as ``التالية:``, not
    as an unknown token that makes every order around it look alike.  The marker stays
    glued to its word in the line put out."""
    def looked(t: str) -> str:
        c = t if clean is None else clean(t)
        return GLUED_MARK.sub("", c) if t in own else c
    return looked


def attach_footnotes(runs: list[Run]) -> list[Run]:
    """Runs for the orders that reverse a line: a run that is only footnote markers is put
    after the run found to its right, the words it annotates once the runs are reversed:
    ``[( 4)] [والقضاة]`` -> ``[والقضاة ( 4)]`` (a marker on the right end, or before a run
    ending in the head of a split word, stays a run)."""
    out: list[Run] = []
    pending: list[Run] = []
    for r in runs:
        if all(is_footnote(t) for t in r.tokens):
            pending.append(r)
            continue
        if pending and r.tail_piece:  # the head of a split word: its tail must follow it
            out += pending
            pending = []
        if pending:
            tokens = r.tokens + [t for p in reversed(pending) for t in p.tokens]
            out.append(Run(tokens, pending[0].hard))
            pending = []
        else:
            out.append(r)
    return out + pending


def _marker_to_run_start(runs: list[Run]) -> list[Run]:
    """:func:`indexer.repair_footnote_edges.marker_to_run_start` from each run that opens with
    a punctuation mark after a hard boundary, over the tokens after it (a lost glyph's spaces or a number's edge
    may cut the extraction's run further); the runs keep their boundaries."""
    tokens = [t for r in runs for t in r.tokens]
    starts, k = [], 0
    for r in runs:
        starts.append(k)
        k += len(r.tokens)
    changed = False
    for start, r in zip(starts, runs):
        moved = marker_to_run_start(tokens[start:]) if r.hard else None
        if moved is not None:
            tokens[start:] = moved
            changed = True
    if not changed:
        return runs
    return [Run(tokens[a:a + len(r.tokens)], r.hard) for a, r in zip(starts, runs)]
