"""How many paragraphs a query matches, and how many per theme, without scoring them.

Whoosh's ``groupedby="theme"`` gives the facet counts, but only by scoring every matching
paragraph and by reading the theme column again for each search: at 10k paragraphs that is
most of the time of a query. For the queries most users type -- words, combined with OR, which
Whoosh parses into an ``Or`` of ``Term`` leaves -- the matching paragraphs are simply the union
of the terms' postings, so they are counted here from the posting blocks as Python sets, and the
theme of each paragraph comes from a per-segment table built once per open index. Ranking is
left to Whoosh (top-k only, which lets it skip blocks). Any other query (phrases, AND, NOT)
returns None and the caller falls back to Whoosh's own grouping.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from whoosh import query as wq

THEME_FIELD = "theme"


def or_terms(q: wq.Query) -> list[wq.Term] | None:
    """The ``Term`` leaves of a query made only of ``Or`` nodes and terms, else None."""
    if isinstance(q, wq.Term):
        return [q]
    if type(q) is wq.Or:
        leaves: list[wq.Term] = []
        for child in q.subqueries:
            sub = or_terms(child)
            if sub is None:
                return None
            leaves.extend(sub)
        return leaves
    return None


def _leaf_block_ids(matcher) -> Iterable[int]:
    """All ids of a fresh posting matcher, a block at a time when the codec allows it."""
    if not all(hasattr(matcher, name) for name in ("_read_ids", "_next_block", "_ids", "_i")):
        yield from matcher.all_ids()  # another codec: one id at a time
        return
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        yield from matcher._ids[matcher._i:]
        matcher._next_block()


def live_ids(reader, fieldname: str, text: str) -> set[int]:
    """Segment-local numbers of the live documents holding a term (a segment reader)."""
    if (fieldname, text) not in reader:
        return set()
    matcher = reader.postings(fieldname, text)
    matcher = getattr(matcher, "child", matcher)  # deletions are taken off below, as a set
    ids = set(_leaf_block_ids(matcher))
    deleted = reader.deleted_docs_set if reader.has_deletions() else ()
    if deleted:
        ids.difference_update(deleted)
    return ids


class QueryCounter:
    """Counts and theme facets of or-of-terms queries on one open searcher."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        self._leaves: list[tuple[object, int, list[str | None]]] | None = None

    def theme_table(self) -> list[tuple[object, int, list[str | None]]]:
        """(segment reader, docnum offset, theme of each segment-local docnum), built once;
        shared with the catalog (search/catalog.py) and the scorer (search/scoring.py)."""
        if self._leaves is None:
            leaves = []
            pairs = self.searcher.subsearchers or [(self.searcher, 0)]
            for sub, offset in pairs:
                reader = sub.reader()
                themes: list[str | None] = [None] * reader.doc_count_all()
                if THEME_FIELD in reader.schema:
                    for label in list(reader.field_terms(THEME_FIELD)):
                        for docnum in live_ids(reader, THEME_FIELD, label):
                            themes[docnum] = label
                leaves.append((reader, offset, themes))
            self._leaves = leaves
        return self._leaves

    def count(self, q: wq.Query, filter_q: wq.Query | None) -> tuple[int, dict[str, int]] | None:
        """``(total, {theme: count})`` of the paragraphs ``q`` matches within ``filter_q``.

        None when ``q`` is not an or-of-terms query (the caller asks Whoosh instead).
        Facets are sorted by count, then label, and leave out paragraphs without a theme.
        """
        terms = or_terms(q)
        if terms is None:
            return None
        allowed = None if filter_q is None else set(self.searcher.docs_for_query(filter_q))
        total = 0
        facets: Counter[str] = Counter()
        for reader, offset, themes in self.theme_table():
            ids: set[int] = set()
            for term in terms:
                text = term.text.decode("utf-8") if isinstance(term.text, bytes) else str(term.text)
                ids |= live_ids(reader, term.fieldname, text)
            if allowed is not None:
                ids = {d for d in ids if d + offset in allowed}
            total += len(ids)
            facets.update(map(themes.__getitem__, ids))
        ordered = sorted(((label, n) for label, n in facets.items() if label), key=lambda kv: (-kv[1], kv[0]))
        return total, dict(ordered)
