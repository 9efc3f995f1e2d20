"""Brackets mirrored by the extraction: ``)على سبيل المثال(`` -> ``(على سبيل المثال)``.

A PDF draws a right-to-left line's brackets mirrored; an extraction that does not mirror them
back gives a closing bracket where the parenthesis opens and an opening one where it closes.
Which is which shows in how a bracket sits against the words: an opening bracket leans on
the word after it (`` (على``), a closing one on the word before it (``المقرر).``). So a ``)``
with a space before it and an Arabic letter right after it opens, and a ``(`` right after an
Arabic letter or a digit with a space or a sentence sign after it closes; each is turned
round (not at a line's edge, where clean text may wrap a footnote call: ``السلاح(`` / ``1)``). Brackets that sit the right way (``( 5)``,
``30(1)(11)``, ``(مفوضية شؤون اللاجئين)``) and Latin text are left alone. Deciding by each
bracket's own neighbours, not by pairing them, keeps one stray bracket from turning others
round, and works for a parenthesis that wraps onto the next line.

Why by hand: bidi libraries mirror brackets when they *display* a line (python-bidi's
``get_display``); here the text is already in logical order and the question is which
brackets came out mirrored.

>>> turn_mirrored_brackets("يهدد السلامة العامة )على سبيل المثال، قبل خمسة")
'يهدد السلامة العامة (على سبيل المثال، قبل خمسة'
>>> turn_mirrored_brackets("من التاريخ المقرر(. مسار الحدث )في حالة الموكب( إذا")
'من التاريخ المقرر). مسار الحدث (في حالة الموكب) إذا'
>>> turn_mirrored_brackets("حصانة الرئيس ( 2) والمادة 30(1)(11) (مفوضية شؤون اللاجئين)")
'حصانة الرئيس ( 2) والمادة 30(1)(11) (مفوضية شؤون اللاجئين)'
"""
from __future__ import annotations

import re

ARABIC_LETTER = "\u0621-\u064A"
#: ``)`` opening a parenthesis (a space before it, an Arabic letter after it), or ``(``
#: closing one (an Arabic letter or a digit before it; a space or a sentence sign after it).
#: Not at a line's edge: clean text wraps ``السلاح(`` / ``1)`` there.
MIRRORED = re.compile(f"(?<=\\s)\\)(?=[{ARABIC_LETTER}])"
                      f"|(?<=[{ARABIC_LETTER}\\u064B-\\u0652\\d])\\((?=[\\s.،,؛:])")
TURNED = {"(": ")", ")": "("}


def turn_mirrored_brackets(line: str) -> str:
    """``line`` with its mirrored brackets turned round (see the module docstring)."""
    if "(" not in line and ")" not in line:
        return line
    return MIRRORED.sub(lambda m: TURNED[m.group()], line)
