"""``fahras render`` and ``fahras site`` over an index of a hostile document.

The document carries ``<script>``, quotes and RIGHT-TO-LEFT OVERRIDE in its text, raw text,
theme labels, footnotes, title and id; the query carries them too. Nothing may come out raw.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from search.cli import main

RLO = "\u202e"
HOSTILE_TEXT = f"""1- تلقت الدولة توصيات بشأن عديمي الجنسية <script>alert("doc")</script> و"اقتباس" و'مفرد' {RLO}مقلوب.

2- ويعرض هذا التقرير ردود الحكومة.

أولاً- حقوق "الطفل" <b>{RLO}: التوصيات 5 و6

3- اعتمدت الحكومة قانوناً لحماية عديمي الجنسية <img src=x onerror=alert(1)> (1).

ثانياً- ../../etc/passwd: التوصية 12

4- يكفل الدستور الجنسية لجميع المواطنين.
1 Footnote <script>alert('note')</script> {RLO} tail.
"""
HOSTILE_QUERY = f"""الجنسية <script>alert("q")</script> 'x' {RLO}ر"""


@pytest.fixture(scope="module")
def hostile_index(tmp_path_factory) -> Path:
    from indexer.build import build_index

    folder = tmp_path_factory.mktemp("hostile")
    (folder / "evil.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (folder / "evil.json").write_text(json.dumps({
        "doc": "../../evil <script>",
        "title_ar": f"وثيقة <script>alert('title')</script> \"{RLO}\"",
    }), encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("hostile-index") / "ix"
    build_index(index_dir, [folder])
    return index_dir


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, as the browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def assert_inert(html: str) -> None:
    """No markup from the data survived, no raw bidi control, no script at all."""
    parser = Tags()
    parser.feed(html)
    names = {tag for tag, _ in parser.tags}
    assert not names & {"script", "img", "b", "iframe", "object"}, names
    handlers = [name for _, attrs in parser.tags for name, _ in attrs if name.startswith("on")]
    assert not handlers, handlers
    assert RLO not in html


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_render_escapes_a_hostile_query_and_document(hostile_index, tmp_path):
    out = tmp_path / "out" / "results.html"
    run("render", HOSTILE_QUERY, "--index", str(hostile_index), "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert_inert(html)
    assert "&lt;script&gt;alert(&#34;q&#34;)&lt;/script&gt; &#39;x&#39;" in html
    # the query's words are marked inside the escaped markup of the document, never as markup
    assert ("&lt;<mark>script</mark>&gt;<mark>alert</mark>(&#34;doc&#34;)"
            "&lt;/<mark>script</mark>&gt;") in html
    assert "&lt;img src=<mark>x</mark> onerror=<mark>alert</mark>(1)&gt;" in html
    assert "Footnote &lt;script&gt;alert(&#39;note&#39;)&lt;/script&gt;" in html
    assert re.search(r"<mark>الجنسية</mark>", html)
    assert 'href="#f-1"' in html  # facet views of the standalone page


def test_render_writes_to_stdout_and_reports_bad_filters(hostile_index):
    html = run("render", "الجنسية", "--index", str(hostile_index), "--rec", "٥", "-o", "-")
    assert html.startswith("<!DOCTYPE html>") and "لحماية" in html
    result = CliRunner().invoke(main, ["render", "الجنسية", "--index", str(hostile_index),
                                       "--rec", "999", "-o", "-"])
    assert result.exit_code == 1
    assert "999" in result.output and "Traceback" not in result.output


def test_site_of_a_hostile_document_stays_inside_its_folder(hostile_index, tmp_path):
    outdir = tmp_path / "site"
    run("site", str(outdir), "--index", str(hostile_index))
    written = sorted(p.relative_to(outdir).as_posix() for p in outdir.rglob("*") if p.is_file())
    assert written == ["docs/evil-script.html", "index.html", "recs/12.html", "recs/5.html",
                       "recs/6.html", "themes/1.html", "themes/2.html"]
    assert not (tmp_path / "etc").exists()
    for page in outdir.rglob("*.html"):
        assert_inert(page.read_text(encoding="utf-8"))
    doc = (outdir / "docs" / "evil-script.html").read_text(encoding="utf-8")
    # the raw extraction keeps what was found, made visible: provenance, not a hazard
    assert "[U+202E]مقلوب" in doc
    assert "وثيقة &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &#34;[U+202E]&#34;" in doc
