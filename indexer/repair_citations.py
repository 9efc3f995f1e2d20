"""Legal citations (``30(1)(11)``: article 30, paragraph 1, subparagraph 11) put back in a
line whose runs came out of order.

In a right-to-left line a citation is drawn as numbers and brackets in groups; an extraction
that emits the line's runs left to right gives its groups backwards, the article number last
and the brackets between the numbers turned round, and may leave the opening bracket next to
the article number in the next run: ``11()1)30`` + ``(`` for ``30(1)(11)``, ``(2)5`` for
``5(2)``.  Only the lines the order repair moved are given here (a citation in clean text is
never looked at), and a token is rewritten only when it is no citation in logical order but
its numbers read backwards, with the brackets it has (or one lone bracket beside it), make
exactly one: the article number bare, each further number in its own brackets.

>>> fix_reversed_citations(["للمادة", "11()1)30", "(", "من"])
['للمادة', '30(1)(11)', 'من']
>>> fix_reversed_citations(["المادة", "12(3)(4)", "من"])
['المادة', '12(3)(4)', 'من']
"""
from __future__ import annotations

import re

#: A citation in logical order: ``5(2)``, ``30(1)(11)``.
LOGICAL = re.compile(r"\d+(?:\(\d+\))+")
#: Only digits and brackets, ending with the article number (drawn last when reversed).
REVERSED = re.compile(r"[()\d]*\d")
NUMBER = re.compile(r"\d+")
#: Punctuation that may stick to the token's end and stays where it is.
TRAILING = "،,.؛:"
LONE_BRACKETS = ("(", ")")


def rebuilt(numbers: list[str]) -> str:
    """The citation whose groups were read backwards: ``["11", "1", "30"]`` -> ``30(1)(11)``."""
    first, *rest = reversed(numbers)
    return first + "".join(f"({n})" for n in rest)


def _reversed_parts(token: str) -> tuple[list[str], int] | None:
    """``(numbers, brackets)`` of a token that may be a citation read backwards, else None."""
    core = token.rstrip(TRAILING)
    if "(" not in core and ")" not in core:
        return None
    if not REVERSED.fullmatch(core) or LOGICAL.fullmatch(core):
        return None
    numbers = NUMBER.findall(core)
    if len(numbers) < 2:
        return None
    return numbers, sum(core.count(b) for b in LONE_BRACKETS)


def fix_reversed_citations(tokens: list[str]) -> list[str]:
    """``tokens`` (a line the order repair moved) with each citation read backwards put back;
    a lone bracket beside it that completes its brackets is taken into it."""
    out: list[str] = []
    skip = False
    for k, t in enumerate(tokens):
        if skip:
            skip = False
            continue
        parts = _reversed_parts(t)
        if parts is None:
            out.append(t)
            continue
        numbers, brackets = parts
        need = 2 * (len(numbers) - 1)
        tail = t[len(t.rstrip(TRAILING)):]
        if brackets == need:
            out.append(rebuilt(numbers) + tail)
        elif brackets == need - 1 and not tail and k + 1 < len(tokens) and tokens[k + 1] in LONE_BRACKETS:
            out.append(rebuilt(numbers))
            skip = True
        elif brackets == need - 1 and out and out[-1] in LONE_BRACKETS:
            out[-1] = rebuilt(numbers) + tail
        else:
            out.append(t)
    return out
