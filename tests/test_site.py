"""``fahras site`` from the bundled data: every theme and recommendation has its page, and every
relative link (and #anchor) of every page points at something that exists."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from search.cli import main


class PageLinks(HTMLParser):
    """The ids, links and resource references of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[str] = []
        self.details: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("href", "src", "action"):
            if attrs.get(name) is not None:
                self.refs.append(attrs[name])
        if tag == "details":
            self.details.append(attrs)


def parse(page: Path) -> PageLinks:
    parser = PageLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory) -> Path:
    index_dir = tmp_path_factory.mktemp("bundled-index") / "ix"
    outdir = tmp_path_factory.mktemp("site") / "out"
    result = CliRunner().invoke(main, ["site", str(outdir), "--index", str(index_dir)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return outdir


def test_a_page_for_each_of_the_twelve_themes(site_dir, seed_document):
    pages = sorted(int(p.stem) for p in (site_dir / "themes").glob("*.html"))
    assert pages == list(range(1, 13))
    assert [s.number for s in seed_document.sections] == pages
    for section in seed_document.sections:
        html = (site_dir / "themes" / f"{section.number}.html").read_text(encoding="utf-8")
        theme_paragraphs = [p for p in seed_document.paragraphs if p.section == section.number]
        assert html.count('class="hit"') == len(theme_paragraphs)


def test_a_page_for_every_recommendation_number_in_the_seed(site_dir, seed_document):
    seed_recs = {n for p in seed_document.paragraphs for n in p.recs}
    seed_recs |= {n for s in seed_document.sections for n in s.recs}
    pages = {int(p.stem) for p in (site_dir / "recs").glob("*.html")}
    assert seed_recs and seed_recs <= pages
    page = (site_dir / "recs" / "294.html").read_text(encoding="utf-8")
    answering = [p for p in seed_document.paragraphs if 294 in p.recs]
    assert page.count('class="hit"') == len(answering) > 0


def test_document_page_has_every_paragraph_anchor_and_its_raw_text(site_dir, seed_document):
    pages = list((site_dir / "docs").glob("*.html"))
    assert len(pages) == 1
    links = parse(pages[0])
    assert {f"p-{p.n}" for p in seed_document.paragraphs} <= links.ids
    assert len(links.details) >= len(seed_document.paragraphs)
    assert all("open" not in d for d in links.details), "raw text must start collapsed"


def test_no_broken_relative_link_and_nothing_external(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) >= 1 + 12 + 35 + 1
    parsed = {page.resolve(): parse(page) for page in pages}
    checked = 0
    for page, links in parsed.items():
        for ref in links.refs:
            parts = urlsplit(ref)
            if ref.startswith("data:"):
                continue
            assert not parts.scheme and not parts.netloc, f"{page.name}: external {ref!r}"
            assert not ref.startswith("/"), f"{page.name}: absolute {ref!r} breaks from disk"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target in parsed, f"{page.relative_to(site_dir.resolve())}: broken {ref!r}"
            if parts.fragment:
                assert parts.fragment in parsed[target].ids, f"{page.name}: no #{parts.fragment}"
            checked += 1
    assert checked > 500


def test_home_lists_documents_themes_with_counts_and_recommendations(site_dir, seed_document):
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    links = parse(site_dir / "index.html")
    assert sum(r.startswith("themes/") for r in links.refs) == 12
    assert sum(r.startswith("docs/") for r in links.refs) == 1
    assert 'href="recs/87.html"' in html
    for section in seed_document.sections:
        count = sum(p.section == section.number for p in seed_document.paragraphs)
        row = html[html.index(f'href="themes/{section.number}.html"'):]
        assert row[:row.index("</tr>")].count(f'<span class="num">{count}</span>') == 1
