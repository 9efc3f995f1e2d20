"""Cues at a paragraph's edges for the run-order repair, learnt from the document itself.

**A paragraph's last line ends with a stop.**  In body text the line before a new paragraph
(or a heading) ends a sentence: ``... ودستور كازاخستان.``.  A last line that ends on a bare
word where another order of its runs would end it on its stop (``كازاخستان. ودستور``) is
evidence that a run moved.  How strong that evidence is depends on the document (lists and
headings end without a stop): it is measured on the document's own paragraph-final lines
that the order repair left as they were, as the log-odds of ending with a stop, add-one
smoothed (:func:`final_stops`), and charged to every candidate order of a paragraph's
last line that does not end with a stop (:func:`ends_with_stop`).

>>> ends_with_stop(["ودستور", "كازاخستان."]), ends_with_stop(["كازاخستان.", "ودستور"])
(True, False)
>>> ends_with_stop(["مصادر", "أجنبية", "( 9)."]), ends_with_stop(["المقرر)."])
(True, True)
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

#: What ends a paragraph's last line (the damage models' sentence ends too).
PARAGRAPH_STOPS = (".", "؟", "!", ":", "؛")
#: Tokens after the stop that do not count: a paragraph marker, a bullet.
_IGNORED = re.compile(r"^(?:-\s?\d+|-|•)$")
_FOOTNOTE = re.compile(r"\(\s?\d+\)")
_CLOSERS = ")]»\"'"
#: Fewer paragraph-final lines than this say nothing of the document's habit.
FINAL_MIN_LINES = 5
#: The most the cue may cost (log10), however regular the document.
FINAL_MAX_COST = 2.0


def ends_with_stop(tokens: list[str]) -> bool:
    """Do ``tokens`` (a line, in a candidate order) end with a sentence stop?  A paragraph
    marker or bullet after it, a footnote marker or closing bracket around it, and a stop
    that travelled to the front of the last run (``.190``, put back as ``190.``) count."""
    for t in reversed(tokens):
        if _IGNORED.match(t):
            continue
        if t.startswith(".") and len(t) > 1:
            return True
        core = _FOOTNOTE.sub("", t).rstrip(_CLOSERS)
        if not core:
            continue  # a footnote marker alone: look at the word before it
        return core.endswith(PARAGRAPH_STOPS)
    return False


@dataclass(frozen=True)
class FinalStops:
    """Paragraph-final lines the order repair left as found, and how many end with a stop."""

    lines: int = 0
    stops: int = 0

    @property
    def cost(self) -> float:
        """log10 odds that such a line ends with a stop (0 when too few lines, or no habit)."""
        if self.lines < FINAL_MIN_LINES:
            return 0.0
        p = (self.stops + 1) / (self.lines + 2)
        return min(FINAL_MAX_COST, max(0.0, math.log10(p / (1 - p))))


def final_stops(lines: list[str], kept: list[bool], final: list[bool]) -> FinalStops:
    """Count the paragraph-final lines (``final``) that were left in the order found
    (``kept``): how many end with a stop.  ``lines`` are the lines as the repair ordered them
    (paragraph markers may still stand last)."""
    n = stops = 0
    for line, k, f in zip(lines, kept, final):
        tokens = line.split()
        if not (k and f) or not any(not _IGNORED.match(t) for t in tokens):
            continue
        n += 1
        stops += ends_with_stop(tokens)
    return FinalStops(n, stops)


def _words(line: str) -> list[str]:
    """A line's words without its paragraph marker (``-12`` or ``- 12``), wherever it stands."""
    return [t for t in re.sub(r"(?<!\S)-\s(\d+)(?!\S)", r"-\1", line).split() if not _IGNORED.match(t)]


def learn_final_stops(raw: list[str], ordered: list[tuple[str, str]], firsts: list[list[str]],
                      heading=None) -> FinalStops:
    """:func:`final_stops` over a first pass of the order repair: ``raw`` lines, ``ordered``
    ``(line, why)`` as that pass left them, ``firsts`` each line's first word for the order
    model (``["</s>"]`` where a paragraph or heading starts).  A line is paragraph-final when
    the next non-empty line (of the next two, as the order repair looks) starts a paragraph;
    headings (``heading(line)``) are not counted."""
    final = []
    for i, line in enumerate(raw):
        j = next((j for j in range(i + 1, min(i + 3, len(raw))) if raw[j].strip()), None)
        final.append(j is not None and firsts[j][:1] == ["</s>"]
                     and not (heading is not None and heading(line)))
    kept = [_words(new) == _words(line) for line, (new, _) in zip(raw, ordered)]
    return final_stops([new for new, _ in ordered], kept, final)
