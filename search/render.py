"""Search results and index pages as HTML, through jinja2 and the templates of ``templates/``.

Every page goes through one jinja2 environment with autoescaping on for every template. Two more
safeguards sit on top of escaping:

* bidirectional formatting controls (U+202A–U+202E, U+2066–U+2069) in any text — a query, a
  paragraph, a theme label — are shown as a visible ``[U+202E]`` instead of being passed on, so
  that a stray RIGHT-TO-LEFT OVERRIDE cannot reorder the page around it;
* ``<mark>`` is built here from a hit's ``spans`` (each piece escaped on its own), never by
  trusting an HTML string.

Links between pages come from a :class:`Links` object, so the same templates serve a standalone
results file (:func:`standalone_links`), the static site (:func:`site_links`) and the live
server (:func:`live_links`).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from urllib.parse import quote, urlencode

from jinja2 import Environment, FunctionLoader, StrictUndefined, TemplateNotFound
from markupsafe import Markup, escape

from search.results import Hit, SearchResults, ThemeSummary

#: Explicit bidi embeddings, overrides and isolates, by code point. Marks (LRM, RLM, ALM) and
#: joiners (ZWJ, ZWNJ) are harmless and stay as they are.
BIDI_CONTROLS: dict[str, str] = {
    "\N{LEFT-TO-RIGHT EMBEDDING}": "U+202A",
    "\N{RIGHT-TO-LEFT EMBEDDING}": "U+202B",
    "\N{POP DIRECTIONAL FORMATTING}": "U+202C",
    "\N{LEFT-TO-RIGHT OVERRIDE}": "U+202D",
    "\N{RIGHT-TO-LEFT OVERRIDE}": "U+202E",
    "\N{LEFT-TO-RIGHT ISOLATE}": "U+2066",
    "\N{RIGHT-TO-LEFT ISOLATE}": "U+2067",
    "\N{FIRST STRONG ISOLATE}": "U+2068",
    "\N{POP DIRECTIONAL ISOLATE}": "U+2069",
}
_BIDI_RE = re.compile("[" + "".join(BIDI_CONTROLS) + "]")
_TEMPLATE_NAME = re.compile(r"^[a-z_]+\.(?:html|css)$")


def show_controls(text: str) -> str:
    """``text`` with each bidi control replaced by a visible ``[U+202E]``-style marker."""
    return _BIDI_RE.sub(lambda m: f"[{BIDI_CONTROLS[m.group()]}]", text)


def strip_controls(text: str) -> str:
    """``text`` without bidi controls (for form values, where a marker would change the query)."""
    return _BIDI_RE.sub("", text)


def safe_text(text: str) -> Markup:
    """Escaped HTML for ``text`` with bidi controls made visible."""
    return escape(show_controls(text))


def _finalize(value: object) -> object:
    """Applied by jinja2 to every ``{{ ... }}``: plain strings lose their bidi controls.

    Markup (already built by this module) passes through; autoescaping then escapes the rest.
    """
    if isinstance(value, str) and not isinstance(value, Markup):
        return show_controls(value)
    return value


def is_word_char(ch: str) -> bool:
    """Letters, digits, combining marks (harakat) and tatweel belong to a word."""
    return ch.isalnum() or unicodedata.category(ch).startswith("M") or ch == "\N{ARABIC TATWEEL}"


def whole_word_spans(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Clamp, widen to whole words (diacritics included), sort and merge ``spans``."""
    widened: list[tuple[int, int]] = []
    for start, end in spans:
        start, end = max(0, int(start)), min(len(text), int(end))
        if start >= end:
            continue
        while start > 0 and is_word_char(text[start - 1]) and is_word_char(text[start]):
            start -= 1
        while end < len(text) and is_word_char(text[end]) and is_word_char(text[end - 1]):
            end += 1
        widened.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(widened):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, spans: Iterable[tuple[int, int]] = ()) -> Markup:
    """``text`` as escaped HTML with ``<mark>`` around each matched whole word."""
    pieces: list[Markup] = []
    position = 0
    for start, end in whole_word_spans(text, spans):
        pieces.append(safe_text(text[position:start]))
        pieces.append(Markup("<mark>") + safe_text(text[start:end]) + Markup("</mark>"))
        position = end
    pieces.append(safe_text(text[position:]))
    return Markup("").join(pieces)


def counted(n: int, noun: str) -> str:
    """``n`` with ``noun`` ("paragraphs" or "results") in the form Arabic grammar wants."""
    from search.terminal import PARAGRAPH_FORMS, RESULT_FORMS, count_phrase

    forms = {"paragraphs": PARAGRAPH_FORMS, "results": RESULT_FORMS}[noun]
    return count_phrase(int(n), forms)


def _load_template(name: str) -> str:
    """A template's source from the installed ``fahras_templates`` package."""
    if not _TEMPLATE_NAME.match(name):
        raise TemplateNotFound(name)
    resource = files("fahras_templates").joinpath(name)
    if not resource.is_file():
        raise TemplateNotFound(name)
    return resource.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The jinja2 environment of all pages: autoescaping on everywhere, strict undefined."""
    env = Environment(
        loader=FunctionLoader(_load_template), autoescape=True, undefined=StrictUndefined,
        finalize=_finalize, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["plain"] = strip_controls
    env.filters["counted"] = counted
    env.globals["highlight"] = highlight
    return env


# --------------------------------------------------------------------------- page names, links

def slugify(value: str) -> str:
    """A lower-case ASCII slug of ``value`` (letters, digits, dashes); may be empty."""
    ascii_only = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")[:60].strip("-")


@dataclass
class PageNames:
    """Safe page names for themes, documents and recommendations — never raw labels.

    A theme is named by its section number (``themes/3``), or ``3-2`` when two documents share a
    section number with different labels; a document by an ASCII slug of its id, made unique;
    a recommendation by its number.
    """

    themes: dict[tuple[int, str], str] = field(default_factory=dict)
    docs: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, themes: Sequence[ThemeSummary], docs: Sequence[str]) -> PageNames:
        names = cls()
        sections = [t.section for t in themes]
        seen: dict[int, int] = {}
        for summary in themes:
            if sections.count(summary.section) == 1:
                key = str(summary.section)
            else:
                seen[summary.section] = seen.get(summary.section, 0) + 1
                key = f"{summary.section}-{seen[summary.section]}"
            names.themes[(summary.section, summary.theme)] = key
        used: set[str] = set()
        for i, doc in enumerate(docs, 1):
            slug = slugify(doc) or f"doc-{i}"
            base, k = slug, 1
            while slug in used:
                k += 1
                slug = f"{base}-{k}"
            used.add(slug)
            names.docs[doc] = slug
        return names

    def theme_key(self, section: int | None, theme: str | None) -> str | None:
        """The key of a theme by section and label, else by section alone if unambiguous."""
        if section is None:
            return None
        if theme is not None and (section, theme) in self.themes:
            return self.themes[(section, theme)]
        keys = [k for (s, _), k in self.themes.items() if s == section]
        return keys[0] if len(keys) == 1 else None

    def theme_for_key(self, key: str) -> tuple[int, str] | None:
        """The (section, label) of a theme key, or None."""
        for pair, k in self.themes.items():
            if k == key:
                return pair
        return None

    def doc_for_slug(self, slug: str) -> str | None:
        """The document id of a slug, or None."""
        for doc, s in self.docs.items():
            if s == slug:
                return doc
        return None


@dataclass
class Links:
    """Where a page links to. ``None`` from a method means: show the text, not a link.

    ``root`` is the path from the current page to the site root (``""``, ``"../"`` or ``"/"``);
    ``ext`` is ``".html"`` for files and ``""`` for the live server.
    """

    names: PageNames | None = None
    root: str = ""
    ext: str = ".html"
    has_home: bool = False
    search_path: str | None = None

    def home(self) -> str | None:
        if not self.has_home:
            return None
        return self.root + "index.html" if self.ext else self.root

    def search_page(self) -> str | None:
        return self.search_path

    def theme(self, section: int | None, theme: str | None) -> str | None:
        key = self.names.theme_key(section, theme) if self.names else None
        return f"{self.root}themes/{key}{self.ext}" if key else None

    def rec(self, n: int) -> str | None:
        return f"{self.root}recs/{int(n)}{self.ext}" if self.names else None

    def doc(self, doc: str, n: int | None = None) -> str | None:
        slug = self.names.docs.get(doc) if self.names else None
        if not slug:
            return None
        return f"{self.root}docs/{slug}{self.ext}" + (f"#p-{int(n)}" if n is not None else "")

    def search(self, query: str, **filters: object) -> str | None:
        """A live search URL (None outside the server)."""
        if self.search_path is None:
            return None
        params = {"q": query, **{k: v for k, v in filters.items() if v not in (None, "")}}
        return self.search_path + "?" + urlencode(params, quote_via=quote)


def standalone_links() -> Links:
    """Links of a single results file: no other pages to point to."""
    return Links()


def site_links(names: PageNames, depth: int) -> Links:
    """Relative links of a static site page ``depth`` folders below the site root."""
    return Links(names=names, root="../" * depth, ext=".html", has_home=True)


def live_links(names: PageNames) -> Links:
    """Absolute links of the live server."""
    return Links(names=names, root="/", ext="", has_home=True, search_path="/search")


# --------------------------------------------------------------------------- pages

@dataclass(frozen=True)
class Facet:
    """One theme facet: label, count, where its link goes, whether it is the current filter."""

    label: str
    count: int
    href: str | None
    active: bool = False


@dataclass(frozen=True)
class View:
    """A block of hits on a results page: ``all`` the results, or one ``facet``'s."""

    id: str
    kind: str
    label: str
    results: SearchResults


@dataclass(frozen=True)
class SearchForm:
    """The search box and filters of the live pages."""

    action: str
    query: str = ""
    theme: str | None = None
    rec: str | None = None
    doc: str | None = None
    themes: tuple[str, ...] = ()
    docs: tuple[tuple[str, str], ...] = ()


FILTER_LABELS = {"theme": "الموضوع", "section": "القسم", "rec": "التوصية", "doc": "الوثيقة",
                 "limit": "الحد"}


def filter_value(value: object) -> str:
    """One filter's value as text: lists (the engine keeps every value given) joined by commas."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return "، ".join(str(v) for v in value)
    return "" if value is None else str(value)


def describe_filters(filters: Mapping[str, object]) -> list[tuple[str, str]]:
    """The active filters as (Arabic name, value) pairs, in a stable order."""
    return [(FILTER_LABELS[k], filter_value(filters[k])) for k in FILTER_LABELS
            if k != "limit" and filter_value(filters.get(k))]


def theme_facets(results: SearchResults) -> list[tuple[str, int]]:
    """The theme facet counts, largest first, then by label."""
    counts = results.facets.get("theme", {}) if results.facets else {}
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def render_results(results: SearchResults, *, links: Links | None = None,
                   facet_results: Mapping[str, SearchResults] | None = None,
                   form: SearchForm | None = None,
                   request: Mapping[str, str] | None = None) -> str:
    """A results page.

    Standalone (``facet_results`` given, no search URL): each facet links to an in-page view
    ``#f-N`` holding that facet's own results, shown by CSS ``:target`` — no script, works from
    disk. Live (``links.search_path`` set): each facet links to the search filtered by it,
    keeping the other parameters of ``request`` (the query string's filters).
    """
    links = links or standalone_links()
    params = {k: filter_value(v) for k, v in (request or results.filters or {}).items()}
    query = params.pop("q", None) or results.query
    filters = params
    views = [View("all", "all", "", results)]
    facets: list[Facet] = []
    clear_href = None
    for i, (label, count) in enumerate(theme_facets(results), 1):
        if links.search_path is not None:
            active = filters.get("theme") == label
            href = links.search(query, **{**filters, "theme": label})
        elif facet_results is not None and label in facet_results:
            active, href = False, f"#f-{i}"
            views.append(View(f"f-{i}", "facet", label, facet_results[label]))
        else:
            active, href = False, None
        facets.append(Facet(label, count, href, active))
    if links.search_path is not None and filters.get("theme"):
        clear_href = links.search(query, **{**filters, "theme": None})
    elif len(views) > 1:
        clear_href = "#all"
    suggestion_href = (links.search(results.suggestion, **filters) if results.suggestion
                       else None)
    more_href = None
    if links.search_path is not None and results.total > len(results.hits):
        more_href = links.search(query, **{**filters, "limit": str(len(results.hits) * 2)})
    return environment().get_template("results.html").render(
        results=results, views=views, facets=facets, clear_href=clear_href,
        filters=describe_filters(filters), suggestion_href=suggestion_href, links=links,
        form=form, more_href=more_href)


def render_theme(summary: ThemeSummary, paragraphs: Sequence[Hit], *, links: Links,
                 show_doc: bool = True) -> str:
    """The page of one theme: every paragraph of its section, in document order."""
    return environment().get_template("theme.html").render(
        summary=summary, paragraphs=paragraphs, links=links, show_doc=show_doc, form=None)


def render_recommendation(n: int, results: SearchResults, *, links: Links) -> str:
    """The page of one recommendation number: the State's paragraphs answering it."""
    return environment().get_template("recommendation.html").render(
        n=n, results=results, links=links, form=None)


def render_document(document: object, paragraphs: Sequence[Hit], *, links: Links) -> str:
    """The page of one document: repaired text with paragraph anchors, raw text collapsed.

    ``document`` is the engine's ``DocumentSummary`` (``doc``, ``title``, ``paragraphs``,
    ``metadata``).
    """
    metadata = getattr(document, "metadata", None) or {}
    shown = [(str(k), str(v)) for k, v in metadata.items() if not isinstance(v, (dict, list))]
    return environment().get_template("document.html").render(
        document=document, paragraphs=paragraphs, metadata=shown, links=links, form=None)


@dataclass(frozen=True)
class Entry:
    """A row of the home page: a record and the link to its page."""

    href: str | None
    summary: object = None
    document: object = None


def render_home(documents: Sequence[object], themes: Sequence[ThemeSummary],
                recs: Sequence[int], *, links: Links, form: SearchForm | None = None) -> str:
    """The home page: documents, themes with counts, recommendation numbers."""
    return environment().get_template("home.html").render(
        documents=[Entry(links.doc(d.doc), document=d) for d in documents],
        themes=[Entry(links.theme(t.section, t.theme), summary=t) for t in themes],
        recs=list(recs), links=links, form=form)
