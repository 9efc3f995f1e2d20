"""Arabic stop words: Lucene's (Savoy's) list plus a few question words, normalized on load.

The list lives in ``indexer/tables/stopwords_ar.txt`` with its source. Entries are written as
people spell them (``إلى``, ``التى``); we normalize them with :func:`normalize_word` so that the
set can be applied AFTER normalization and catches every spelling variant::

    >>> "الي" in stop_words()      # إلى, إلي, الى, الي all normalize to this
    True
"""
from __future__ import annotations

import os
from functools import lru_cache

from indexer.normalize import normalize_word

_FILE = "stopwords_ar.txt"
_ADDITIONS_MARKER = "# --- fahras additions ---"


def _read_table() -> tuple[list[str], list[str]]:
    """(Lucene entries, fahras additions) as written in the table file."""
    # a plain path beside this module: importlib.resources would load zipfile & co. at every search
    with open(os.path.join(os.path.dirname(__file__), "tables", _FILE), encoding="utf-8") as table:
        text = table.read()
    lucene: list[str] = []
    additions: list[str] = []
    target = lucene
    for line in text.splitlines():
        line = line.strip()
        if line == _ADDITIONS_MARKER:
            target = additions
            continue
        if not line or line.startswith("#"):
            continue
        target.append(line)
    return lucene, additions


@lru_cache(maxsize=4)
def stop_words(*, additions: bool = True) -> frozenset[str]:
    """The normalized stop word set. ``additions=False`` gives Lucene's list alone."""
    lucene, extra = _read_table()
    words = lucene + (extra if additions else [])
    return frozenset(w for w in (normalize_word(w) for w in words) if w)


#: Proclitics (conjunctions and prepositions written joined to the next word) that turn a stop
#: word into another spelling of a stop word: وفي، فهو، بها، لذلك، وبعد، ولكن، فلما.
PROCLITICS: tuple[str, ...] = (
    "\N{ARABIC LETTER WAW}",
    "\N{ARABIC LETTER FEH}",
    "\N{ARABIC LETTER BEH}",
    "\N{ARABIC LETTER LAM}",
    "\N{ARABIC LETTER KAF}",
    "\N{ARABIC LETTER WAW}\N{ARABIC LETTER BEH}",
    "\N{ARABIC LETTER WAW}\N{ARABIC LETTER LAM}",
    "\N{ARABIC LETTER FEH}\N{ARABIC LETTER BEH}",
    "\N{ARABIC LETTER FEH}\N{ARABIC LETTER LAM}",
    "\N{ARABIC LETTER WAW}\N{ARABIC LETTER KAF}",
)


@lru_cache(maxsize=4)
def stop_words_with_proclitics(*, additions: bool = True) -> frozenset[str]:
    """The stop words plus each of them (of 2+ letters) behind a proclitic: ``"ولذلك"``,
    ``"فهي"``, ``"بها"``. Applied to normalized words; see docs/relevance.md for the effect.

    >>> {"وهذه", "لذلك", "فهذا"} <= stop_words_with_proclitics()
    True
    """
    base = stop_words(additions=additions)
    return base | frozenset(p + w for p in PROCLITICS for w in base if len(w) >= 2)


def lucene_stop_words() -> frozenset[str]:
    """Lucene's Arabic list alone, normalized (the baseline in the relevance benchmark)."""
    return stop_words(additions=False)
