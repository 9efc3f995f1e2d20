"""Tidying a line's text around the order repair: what the extraction's layout did to
punctuation, lists and numbers, put back once the runs are in order.

Before the runs are cut, a recommendation list laid out left to right is put back in order
(:func:`fix_reversed_lists`); after a move, punctuation that travelled with a moved run
returns to its word and mirrored brackets turn round (:func:`_tidy_moved`); digit groups
split by spaces get one space (:func:`join_digit_groups`), and the pieces of a word split by
tatweel are joined (:func:`join_split_words`).

>>> join_digit_groups("بلغ عددهم 22  000 شخص")
'بلغ عددهم 22 000 شخص'
>>> _tidy_moved(["منظمة", "العمل", "الدولية", "رقم", ".190"])
['منظمة', 'العمل', 'الدولية', 'رقم', '190.']
>>> _tidy_moved([")المادة", "6", "("])
['(المادة', '6)']
>>> _ordinal_first("-اولاا")
'اولاا -'
"""
from __future__ import annotations

import re

from indexer.repair_citations import LOGICAL as LOGICAL_CITATION, fix_reversed_citations
from indexer.repair_tables import TATWEEL

#: ``( 3)``: a footnote marker, kept as one token.
FOOTNOTE = re.compile(r"\(\s?\d+\)")
#: Digit groups split by spaces: ``22  000``, ``7  397``.
DIGIT_GROUPS = re.compile(r"(?<![\d.,/])(\d{1,3})(?:\s{1,3}(\d{3}))+(?![\d.,/])")
LEADING_STOP = re.compile(r"^\.(?=\S)")
#: A reversed recommendation list: ``17و 15و 4و 1`` (each ``وN`` shows as ``Nو``).
REVERSED_LIST_ITEM = re.compile(r"^\d+و$")
REVERSED_LIST = re.compile(r"(?<![\w\u0621-\u064A])(?:\d+و\s+)+(?:\d+(?![\d\s]*و)|\d+و(?=\s*$))")


def join_digit_groups(line: str) -> str:
    """``"22  000"`` -> ``"22 000"`` (one space, as UN documents print thousands)."""
    return DIGIT_GROUPS.sub(lambda m: re.sub(r"\s+", " ", m.group(0)), line)


def fix_reversed_lists(line: str) -> str:
    """``"17و 15و 4و 1التوصيات"`` -> ``"1 و4 و15 و17 التوصيات"``: a recommendation list that
    the extraction laid out left to right (each ``وN`` shows as ``Nو``) put back in order."""
    def fix(m: re.Match) -> str:
        items = re.findall(r"\d+و?", m.group(0))
        # a list glued to the next word ("114التعاون") stays cut there: two spaces, a hard boundary
        return "\x01".join("و" + t[:-1] if t.endswith("و") else t for t in reversed(items)) + \
            ("  " if m.group(0)[-1].isdigit() else "")
    return REVERSED_LIST.sub(fix, line)


def _plain(tokens: list[str]) -> str:
    """Tokens as they will print: split words joined, tatweel gone."""
    return join_split_words(" ".join(tokens)).replace(TATWEEL, "")


def _tidy_moved(tokens: list[str]) -> list[str]:
    """Punctuation that travelled with a moved run: ``".190"`` / ``".( 1)"`` at the line's
    end become ``"190."`` / ``"( 1)."``, a lone ``.`` joins the word before it, mirrored
    brackets turn round (``)المادة 6 (`` -> ``(المادة 6)``), ``(1)27`` -> ``27(1)``."""
    out: list[str] = []
    for t in fix_reversed_citations(tokens):
        if t in (".", "،", ",") and out:
            out[-1] += t
        else:
            out.append(re.sub(r"^\((\d+)\)(\d+)$", r"\2(\1)", t))
    if out and LEADING_STOP.match(out[-1]):
        out[-1] = out[-1][1:] + "."
    depth = 0
    fixed: list[str] = []
    for t in out:
        if FOOTNOTE.fullmatch(t.rstrip(".،")) or LOGICAL_CITATION.fullmatch(t.rstrip(".،")):
            fixed.append(t)
            continue
        chars = []
        for ch in t:
            if ch == ")" and depth == 0:
                ch = "("
            elif ch == "(" and depth > 0:
                ch = ")"
            depth += 1 if ch == "(" else -1 if ch == ")" else 0
            chars.append(ch)
        fixed.append("".join(chars))
    text = " ".join(fixed)
    text = re.sub(r"\((?!\s?\d+\))\s+", "(", text)
    text = re.sub(r"(?<!\(\s\d)(?<!\(\s\d\d)\s+\)", ")", text)
    return text.split(" ")


def _ordinal_first(marker: str) -> str:
    """``-اولاا`` -> ``اولاا -`` (the ordinal before its dash, as printed)."""
    return marker[1:] + " -"


def join_split_words(line: str) -> str:
    """The two pieces of a word split by tatweel and a space, joined (tatweel removed later).

    >>> join_split_words("كازاخســــ ــتان") == "كازاخ" + "س" + "ـ" * 5 + "تان"
    True
    """
    return re.sub(f"{TATWEEL}\\s+{TATWEEL}", TATWEEL, line)
