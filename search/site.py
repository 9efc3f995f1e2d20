"""A static site of an index: home, one page per theme, per recommendation, per document.

Pages link to each other by relative paths, so the folder works opened from disk or served by
any web server. File names come from numbers and ASCII slugs (:class:`search.render.PageNames`),
never from labels, so no theme label or document id can name a path outside the folder.

Layout::

    index.html
    themes/<section>.html
    recs/<number>.html
    docs/<slug>.html
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from search.render import (PageNames, render_document, render_home, render_recommendation,
                           render_theme, site_links)


@dataclass
class SiteReport:
    """What :func:`build_site` wrote, relative to the site folder."""

    root: Path
    pages: list[str] = field(default_factory=list)
    themes: int = 0
    recs: int = 0
    docs: int = 0


def _write(root: Path, relative: str, html: str, report: SiteReport) -> None:
    """Write one page under ``root``; refuses any path that would leave it."""
    target = (root / relative).resolve()
    if root.resolve() not in target.parents:
        raise ValueError(f"page name {relative!r} leaves the site folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(target)
    report.pages.append(relative)


def site_names(engine) -> PageNames:
    """The page names of an engine's themes and documents."""
    return PageNames.build(engine.themes(), [d.doc for d in engine.documents()])


def build_site(engine, outdir: Path | str) -> SiteReport:
    """Write the static site of ``engine``'s index into ``outdir`` (created if missing)."""
    root = Path(outdir)
    root.mkdir(parents=True, exist_ok=True)
    report = SiteReport(root)
    themes = engine.themes()
    documents = engine.documents()
    recs = engine.recommendations()
    names = PageNames.build(themes, [d.doc for d in documents])
    by_theme: dict[tuple, list] = defaultdict(list)
    for p in engine.paragraphs():
        by_theme[(p.section, p.theme)].append(p)
    several_docs = len(documents) > 1

    _write(root, "index.html", render_home(documents, themes, recs, links=site_links(names, 0)),
           report)
    for summary in themes:
        key = names.theme_key(summary.section, summary.theme)
        html = render_theme(summary, by_theme[(summary.section, summary.theme)], links=site_links(names, 1), show_doc=several_docs)
        _write(root, f"themes/{key}.html", html, report)
        report.themes += 1
    for n in recs:
        html = render_recommendation(n, engine.recommendation(n), links=site_links(names, 1))
        _write(root, f"recs/{int(n)}.html", html, report)
        report.recs += 1
    for document in documents:
        html = render_document(document, engine.paragraphs(document.doc),
                               links=site_links(names, 1))
        _write(root, f"docs/{names.docs[document.doc]}.html", html, report)
        report.docs += 1
    return report
