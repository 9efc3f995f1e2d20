"""Each live paragraph's document, section, theme and recommendations, read from the postings.

The theme list, the recommendation list and the document list used to be computed from every
stored paragraph (its text, raw text and footnotes unpickled too): seconds at 20,000 paragraphs.
The same four values are indexed (``doc``, ``theme`` as ID terms, ``section`` as a number,
``rec`` as keywords), so they are read here from the posting lists of their terms -- a few
thousand short lists -- and give the same answers (tested against the stored fields).

>>> catalog = PostingCatalog(searcher, QueryCounter(searcher).theme_table)  # doctest: +SKIP
>>> catalog.rows()[0]                               # doctest: +SKIP
CatalogRow(docnum=0, doc='kazakhstan-upr-response-ar', section=1, theme='…', recs=(87,))
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from search.counting import live_ids


@dataclass(frozen=True)
class CatalogRow:
    """One live paragraph: its global document number and its indexed filter values."""

    docnum: int
    doc: str
    section: int | None
    theme: str | None
    recs: tuple[int, ...]


def _term_docs(reader, fieldname: str, btext: bytes) -> set[int]:
    """Segment-local numbers of the live paragraphs holding a term (deleted ones left out),
    read a posting block at a time (search/counting.py)."""
    return live_ids(reader, fieldname, btext)


class PostingCatalog:
    """The rows of one open searcher, built once (a generation never changes).

    ``theme_table()`` gives, per segment, its reader, docnum offset and the theme of each
    segment-local paragraph (:meth:`search.counting.QueryCounter.theme_table`): the theme
    postings are read once per open index for the catalog, the counts and the scorer."""

    def __init__(self, searcher, theme_table: Callable[[], list[tuple[object, int, list[str | None]]]]) -> None:
        self.searcher = searcher
        self._theme_table = theme_table
        self._rows: list[CatalogRow] | None = None

    def rows(self) -> list[CatalogRow]:
        """Every live paragraph, in document-number order."""
        if self._rows is None:
            rows: list[CatalogRow] = []
            for reader, offset, themes in self._theme_table():
                rows.extend(self._segment_rows(reader, offset, themes))
            self._rows = rows
        return self._rows

    def _segment_rows(self, reader, offset: int, themes: list[str | None]) -> list[CatalogRow]:
        size = reader.doc_count_all()
        docs: list[str | None] = [None] * size
        sections: list[int | None] = [None] * size
        recs: list[list[int]] = [[] for _ in range(size)]
        schema = reader.schema
        if "doc" in schema:
            field = schema["doc"]
            for btext in list(reader.lexicon("doc")):
                value = field.from_bytes(btext)
                for d in _term_docs(reader, "doc", btext):
                    docs[d] = value
        if "section" in schema:
            field = schema["section"]
            # a number is indexed at several precisions: its full-precision term is the value
            for btext in list(field.sortable_terms(reader, "section")):
                value = field.from_bytes(btext)
                for d in _term_docs(reader, "section", btext):
                    sections[d] = value
        if "rec" in schema:
            field = schema["rec"]
            for btext in list(reader.lexicon("rec")):
                value = int(field.from_bytes(btext))
                for d in _term_docs(reader, "rec", btext):
                    recs[d].append(value)
        deleted = reader.deleted_docs_set if reader.has_deletions() else ()
        return [CatalogRow(offset + d, docs[d], sections[d], themes[d] or None, tuple(sorted(recs[d])))
                for d in range(size) if d not in deleted and docs[d] is not None]
