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
"""
from __future__ import annotations

import re
from typing import Collection, Sequence

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
