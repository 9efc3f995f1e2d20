"""The record types that flow between the indexer's stages.

Plain frozen dataclasses: easy to build in tests, to compare, and to turn into JSON.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Footnote:
    """A footnote printed at the end of a document, e.g. ``3 пункт 4 статьи 52.``"""

    n: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """One numbered paragraph of a document.

    >>> Paragraph(doc="kz", n=14, section=1, theme="الالتزامات الدولية", recs=(14, 15),
    ...           text="لا تزال هناك عقبات قانونية ...", raw="...")  # doctest: +ELLIPSIS
    Paragraph(doc='kz', n=14, ...)
    """

    doc: str
    n: int
    section: int | None
    theme: str | None
    recs: tuple[int, ...]
    text: str
    raw: str
    footnotes: tuple[Footnote, ...] = ()

    def to_json(self) -> dict:
        """The JSON object of ``fahras parse --json`` (DESIGN.md field names)."""
        data = asdict(self)
        data["recs"] = list(self.recs)
        data["footnotes"] = [asdict(f) for f in self.footnotes]
        return data


@dataclass(frozen=True)
class Section:
    """A themed section: ``أولاً - الالتزامات الدولية: التوصيات 1 و2 و3``."""

    number: int
    theme: str
    recs: tuple[int, ...]
    heading_raw: str = ""


@dataclass(frozen=True)
class Document:
    """A parsed document: its sections, paragraphs (in order) and footnotes."""

    doc: str
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]
    footnotes: tuple[Footnote, ...] = ()
    title: str | None = None
    metadata: dict = field(default_factory=dict, compare=False, hash=False)
