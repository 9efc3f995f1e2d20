"""Result records returned by the search engine and shown by the CLI and the HTML pages."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Hit:
    """One matching paragraph.

    ``spans`` are ``(start, end)`` character offsets of the matched words in ``text``;
    ``highlight`` is an HTML fragment of ``text`` (escaped) with ``<mark>`` around them.
    """

    doc: str
    n: int
    section: int | None
    theme: str | None
    recs: tuple[int, ...]
    score: float
    text: str
    highlight: str
    spans: tuple[tuple[int, int], ...] = ()
    raw: str = ""
    footnotes: tuple[tuple[int, str], ...] = ()
    title: str | None = None

    def to_json(self) -> dict:
        """The hit object of ``fahras search --json`` (DESIGN.md field names)."""
        return {
            "doc": self.doc, "n": self.n, "section": self.section, "theme": self.theme,
            "recs": list(self.recs), "score": round(self.score, 4), "text": self.text,
            "highlight": self.highlight,
        }


@dataclass(frozen=True)
class SearchResults:
    """A query's answer: total matches, the ranked hits, theme facet counts, a suggestion."""

    query: str
    total: int
    hits: tuple[Hit, ...]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None
    filters: dict[str, object] = field(default_factory=dict)
    #: with no hit: the themes whose label holds every word of the query (a heading's words are
    #: not its paragraphs' words: ``التعذيب`` is the theme "مكافحة التعذيب", not in its text)
    themes: tuple["ThemeSummary", ...] = ()

    def to_json(self) -> dict:
        """The object printed by ``fahras search --json``."""
        return {
            "query": self.query, "total": self.total, "hits": [h.to_json() for h in self.hits],
            "facets": self.facets, "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class ThemeSummary:
    """A section across the index: its number, label, paragraph count and recommendations."""

    section: int
    theme: str
    paragraphs: int
    recs: tuple[int, ...]
    docs: tuple[str, ...] = ()

    def to_json(self) -> dict:
        data = asdict(self)
        data["recs"], data["docs"] = list(self.recs), list(self.docs)
        return data
