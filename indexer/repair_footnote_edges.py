"""A footnote marker emitted at the wrong edge of its run.

An extraction that emits a right-to-left line run by run may put a number at the run's edge
on the other edge (the repair already reads ``.190منظمة ... رقم`` as ``منظمة ... رقم 190.``).
A footnote marker that follows a word and comes before the punctuation after it
(``إلكتروني ( 7)، ويجب ...``: the marker annotates the word, the comma follows both) then
opens its run, and such a run comes out as ``، ويجب ... التالية:( 7)``: it starts with the
punctuation mark, which no run in logical order does, and ends with a marker after a
punctuation mark, where the text never puts one.  Both traces together say where the
marker belongs: at the run's start, before its punctuation (``( 7)، ويجب ... التالية:``);
the order repair then puts the run after the word the marker annotates.

>>> marker_to_run_start(["،", "ويجب", "أن", "يحتوي", "على", "المعلومات", "التالية:( 7)"])
['( 7)،', 'ويجب', 'أن', 'يحتوي', 'على', 'المعلومات', 'التالية:']
>>> marker_to_run_start(["ويجب", "أن", "يحتوي", "التالية:( 7)"]) is None
True
"""
from __future__ import annotations

import re

#: Punctuation that follows a word, never opens a run in logical order.
OPENING_PUNCT = ("،", "؛", ",", ";")
#: A marker glued after a punctuation mark at the end of a word: ``التالية:( 7)``.
AFTER_PUNCT = re.compile(r"^(.*\S[.،,:؛])(\(\s?\d+\))$")
SENTENCE_END = (".", "؟", "!")


def marker_to_run_start(tokens: list[str]) -> list[str] | None:
    """The tokens of a run (up to the next hard run boundary) with its footnote marker moved
    from after a punctuation mark to the run's start, before the punctuation mark the run
    opens with; ``None`` when the run does not show both traces.  The first marker glued
    after punctuation (``التالية:( 7)``) after the opening mark is taken, within the same
    sentence; the run keeps its number of tokens."""
    if len(tokens) < 3 or tokens[0] not in OPENING_PUNCT:
        return None
    for k in range(2, len(tokens)):
        glued = AFTER_PUNCT.match(tokens[k])
        if glued:
            return [glued.group(2) + tokens[0]] + tokens[1:k] + [glued.group(1)] + tokens[k + 1:]
        if tokens[k].endswith(SENTENCE_END):
            return None  # another sentence: not the run's own marker
    return None
