"""HTML rendering: escaping, bidi controls, <mark> from spans, facets, safe page names.

These tests use small hand-made SearchResults; tests/test_render_cli.py goes through the index.
"""
from __future__ import annotations

import re

import pytest
from markupsafe import Markup

from search.render import (PageNames, environment, highlight, live_links, render_document,
                           render_home, render_recommendation, render_results, render_theme,
                           safe_text, site_links, slugify, whole_word_spans)
from search.results import Hit, SearchResults, ThemeSummary

RLO = "\u202e"
EVIL = f"<script>alert(\"x\")</script> 'quoted' {RLO}reversed"


def make_hit(**fields) -> Hit:
    values = dict(doc="kz", n=4, section=1, theme="الالتزامات الدولية", recs=(1, 2), score=1.0,
                  text="حقوق عديمي الجنسية مكفولة", highlight="", spans=((11, 18),),
                  footnotes=((3, "пункт 4 статьи 52."),), title="كازاخستان")
    values.update(fields)
    return Hit(**values)


def make_results(hits=None, **fields) -> SearchResults:
    hits = tuple(hits if hits is not None else [make_hit()])
    values = dict(query="الجنسية", total=len(hits), hits=hits,
                  facets={"theme": {"الالتزامات الدولية": len(hits)}})
    values.update(fields)
    return SearchResults(**values)


# -- highlight -----------------------------------------------------------------------------------

def test_highlight_marks_whole_words_and_keeps_diacritics():
    text = "حقوقُ عديمي الجِنسيَّة"
    start = text.index("جِ")  # a span inside the word, as a stem match might give
    html = highlight(text, [(start, start + 3)])
    assert html == "حقوقُ عديمي <mark>الجِنسيَّة</mark>"


def test_highlight_escapes_every_piece():
    text = "<b>x</b> الجنسية & \"y\""
    start = text.index("الجنسية")
    html = highlight(text, [(start, start + len("الجنسية"))])
    assert isinstance(html, Markup)
    assert html == "&lt;b&gt;x&lt;/b&gt; <mark>الجنسية</mark> &amp; &#34;y&#34;"


def test_highlight_merges_overlaps_and_ignores_bad_spans():
    text = "عديمي الجنسية"
    assert whole_word_spans(text, [(7, 9), (8, 12), (50, 60), (5, 5), (-3, 2)]) == \
        [(0, 5), (6, 13)]
    assert highlight(text, []) == text


def test_bidi_controls_are_shown_not_passed_on():
    html = safe_text(f"a{RLO}b\u2066c\u2069")
    assert RLO not in html and "\u2066" not in html
    assert html == "a[U+202E]b[U+2066]c[U+2069]"
    # harmless marks and joiners stay: they are part of correct Arabic and mixed text
    assert safe_text("\u200f\u200c") == "\u200f\u200c"


# -- pages ---------------------------------------------------------------------------------------

def page_checks(html: str) -> None:
    """What every page must be: Arabic RTL, UTF-8, no script, no request leaving the page."""
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="ar" dir="rtl">' in html
    assert '<meta charset="utf-8">' in html
    assert "Content-Security-Policy" in html
    assert "<script" not in html.lower()
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?(?:https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    assert RLO not in html


def test_results_page_escapes_query_text_labels_and_footnotes():
    hit = make_hit(text=f"عديمي الجنسية {EVIL}", spans=((6, 13),), theme=f"موضوع {EVIL}",
                   footnotes=((1, f"note {EVIL}"),), title=f"وثيقة {EVIL}", doc=f"d{EVIL}")
    results = make_results([hit], query=f"الجنسية {EVIL}",
                           facets={"theme": {f"موضوع {EVIL}": 1}})
    html = render_results(results, facet_results={f"موضوع {EVIL}": results})
    page_checks(html)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&#39;quoted&#39;" in html
    assert "[U+202E]reversed" in html
    assert "<mark>الجنسية</mark>" in html


def test_live_page_form_value_cannot_break_out_of_its_attribute():
    from search.render import SearchForm

    query = f"\"><script>alert(1)</script>{RLO}"
    results = make_results(query=query)
    form = SearchForm(action="/search", query=query, themes=(f"t\"{RLO}<x>",))
    html = render_results(results, links=live_links(PageNames()), form=form,
                          request={"q": query})
    page_checks(html)
    assert 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert 'value="t&#34;&lt;x&gt;"' in html


def test_results_page_shows_count_chips_theme_and_footnotes():
    html = render_results(make_results())
    assert 'class="num total">1<' in html
    assert html.count('class="chip"') == 2
    assert "الالتزامات الدولية" in html
    assert '<span dir="auto">пункт 4 статьи 52.</span>' in html


def test_no_results_page_offers_the_suggestion():
    results = make_results([], total=0, facets={"theme": {}}, suggestion="الجنسية",
                           query="الجنسيت")
    html = render_results(results)
    assert "لا توجد نتائج" in html and "هل تقصد" in html and "الجنسية" in html
    live = render_results(results, links=live_links(PageNames()), request={"q": "الجنسيت"})
    assert 'href="/search?q=%D8%A7%D9%84%D8%AC%D9%86%D8%B3%D9%8A%D8%A9"' in live


def test_no_results_page_names_the_theme_whose_heading_has_the_words():
    torture = ThemeSummary(4, "مكافحة التعذيب", 2, (66,))
    results = make_results([], total=0, facets={"theme": {}}, query="التعذيب", themes=(torture,))
    html = render_results(results)
    assert "لا توجد نتائج" in html and "مكافحة التعذيب" in html and "فقرتان" in html
    live = render_results(results, links=live_links(PageNames.build([torture], ["kz"])),
                          request={"q": "التعذيب"})
    assert re.search(r'<a href="[^"]*themes/[^"]+">4\. <bdi>مكافحة التعذيب</bdi></a>', live)


def test_standalone_facets_link_to_in_page_views_of_their_own_hits():
    other = make_hit(n=9, section=2, theme="التعليم", text="التعليم والجنسية", spans=())
    results = make_results([make_hit(), other],
                           facets={"theme": {"الالتزامات الدولية": 1, "التعليم": 1}})
    only_other = make_results([other], facets={"theme": {"التعليم": 1}})
    html = render_results(results, facet_results={"الالتزامات الدولية": make_results(),
                                                  "التعليم": only_other})
    assert 'href="#f-1"' in html and 'href="#f-2"' in html and 'href="#all"' in html
    view = html[html.index('id="f-2"'):]
    assert "التعليم والجنسية" in view and "حقوق عديمي" not in view


def test_live_facets_filter_and_keep_the_other_filters():
    results = make_results(facets={"theme": {"الالتزامات الدولية": 1, "أ&ب": 2}})
    html = render_results(results, links=live_links(PageNames()),
                          request={"q": "الجنسية", "rec": "17"})
    hrefs = re.findall(r'class="facet[^"]*" href="([^"]+)"', html)
    from urllib.parse import quote
    q = quote("الجنسية")
    assert hrefs == [f"/search?q={q}&amp;rec=17&amp;theme={quote('أ&ب')}",
                     f"/search?q={q}&amp;rec=17&amp;theme={quote('الالتزامات الدولية')}"]


def test_theme_recommendation_document_and_home_pages():
    names = PageNames.build([ThemeSummary(1, "الالتزامات الدولية", 1, (1, 2))], ["kz"])
    links = site_links(names, 1)
    summary = ThemeSummary(1, "الالتزامات الدولية", 1, (1, 2), ("kz",))
    theme = render_theme(summary, [make_hit()], links=links)
    page_checks(theme)
    assert 'href="../recs/1.html"' in theme and 'href="../docs/kz.html#p-4"' in theme
    rec = render_recommendation(2, make_results(), links=links)
    page_checks(rec)
    assert 'href="../themes/1.html"' in rec
    assert '<a class="chip current" href="../recs/2.html"' in rec
    assert 'class="chip" href="../recs/1.html"' in rec
    assert "رد الدولة على التوصية: فقرة واحدة." in rec

    class Doc:
        doc, title, paragraphs, metadata = "kz", f"كازاخستان {EVIL}", 1, {"state": EVIL}

    doc = render_document(Doc, [make_hit(raw=f"raw {EVIL}")], links=links)
    page_checks(doc)
    assert 'id="p-4"' in doc and '<details class="raw">' in doc
    assert "raw &lt;script&gt;" in doc
    home = render_home([Doc], [summary], [1, 2], links=site_links(names, 0))
    page_checks(home)
    assert 'href="themes/1.html"' in home and 'href="docs/kz.html"' in home
    assert 'href="recs/2.html"' in home


# -- names and templates -------------------------------------------------------------------------

@pytest.mark.parametrize("doc", ["../../etc/passwd", "/abs", "وثيقة", "a b\\c", "..", "CON"])
def test_document_page_names_are_plain_slugs(doc):
    names = PageNames.build([], [doc, doc + "x"])
    for slug in names.docs.values():
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug), slug
    assert len(set(names.docs.values())) == 2


def test_theme_page_names_are_numbers_even_for_hostile_labels():
    themes = [ThemeSummary(1, "../../x", 1, ()), ThemeSummary(1, "/etc", 1, ()),
              ThemeSummary(2, EVIL, 1, ())]
    names = PageNames.build(themes, [])
    assert sorted(names.themes.values()) == ["1-1", "1-2", "2"]
    assert names.theme_key(2, None) == "2" and names.theme_key(1, None) is None
    assert slugify("Kazakhstan UPR (2024)") == "kazakhstan-upr-2024"


def test_environment_autoescapes_and_refuses_odd_template_names():
    from jinja2 import TemplateNotFound

    env = environment()
    assert env.autoescape is True
    assert env.from_string("{{ x }}").render(x="<i>") == "&lt;i&gt;"
    for name in ("../setup.cfg", "/etc/passwd", "base.txt"):
        with pytest.raises(TemplateNotFound):
            env.get_template(name)
