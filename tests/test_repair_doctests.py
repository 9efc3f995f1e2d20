"""The Arabic examples in the repair modules' docstrings are run, so they stay true."""
from __future__ import annotations

import doctest

import pytest

from indexer import (lexicon, repair, repair_damage, repair_eval, repair_footnotes, repair_habit, repair_headings,
                     repair_letter_classes, repair_order, repair_order_score, repair_runs, repair_tables,
                     repair_tidy, repair_words)


@pytest.mark.parametrize("module", [repair, repair_words, repair_order, repair_tables, repair_eval,
                                    repair_damage, repair_headings, repair_tidy, repair_runs, repair_footnotes,
                                    repair_order_score, repair_habit, repair_letter_classes, lexicon])
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
