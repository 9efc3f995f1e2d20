"""Read the text of an HTML page: block elements become lines, scripts and styles are skipped.

HTML stores text in logical order (``dir="rtl"`` only changes display), so the text needs no
reordering. Recognising HTML follows the WHATWG MIME Sniffing standard's list of tags that
may start an HTML document (after optional whitespace), e.g. ``<!DOCTYPE HTML``, ``<HTML``,
``<HEAD``, ``<BODY``, ``<P``, ``<DIV``, ``<TABLE``, ``<!--``.

>>> read_html("<html><body><p dir=rtl>نظام روما</p><p>الأساسي</p></body></html>").text
'نظام روما\\n\\nالأساسي\\n'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from indexer.unicode_forms import base_letters

#: Tags that may open an HTML document (WHATWG MIME Sniffing, "identifying a resource with an
#: unknown MIME type"); each must be followed by a space or ``>``.
HTML_OPENINGS: tuple[str, ...] = (
    "<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div", "<font",
    "<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p", "<!--",
)
#: Elements whose end starts a new line of text.
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul", "caption",
})
#: Elements whose content is not document text.
SKIPPED = frozenset({"script", "style", "template", "noscript", "svg", "math", "object"})
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts (after whitespace or a BOM) like an HTML document."""
    head = text.lstrip("\ufeff \t\r\n\f")[:64].lower()
    for opening in HTML_OPENINGS:
        if head.startswith(opening):
            rest = head[len(opening):len(opening) + 1]
            if opening == "<!--" or rest in (" ", ">", "\t", "\n", "\r", "/"):
                return True
    return False


def declared_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` declares in the first 1024 bytes, if any (e.g. ``windows-1256``)."""
    match = CHARSET.search(data[:1024])
    return match.group(1).decode("ascii").lower() if match else None


@dataclass
class HtmlText:
    """The text of a page and its ``<title>``."""

    text: str
    properties: dict[str, str] = field(default_factory=dict)


class _TextCollector(HTMLParser):
    """Collects text, one block element a line; remembers the title."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.in_title = False
        self.title: list[str] = []

    def _flush(self) -> None:
        line = " ".join("".join(self.current).split())
        if line:
            self.lines.append(line)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in SKIPPED:
            self.skip_depth += 1
        elif tag in BLOCKS:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in SKIPPED:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip_depth:
            self.current.append(data)


def read_html(markup: str) -> HtmlText:
    """The text of an HTML page: one block a line, blank lines between, title apart."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    collector._flush()
    lines = [base_letters(line).strip() for line in collector.lines]
    title = " ".join("".join(collector.title).split())
    properties = {"title": title} if title else {}
    return HtmlText("\n\n".join(line for line in lines if line) + "\n", properties)
