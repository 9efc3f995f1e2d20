"""The pages in a real browser: Debian's headless Chromium driven by Playwright for Python.

Checks what a reader would notice: the page loads with no console error and no request leaving
it, reads right to left, the matched words are visibly marked, facet links filter. A screenshot of
each page goes to tests/artifacts/ (git-ignored) for a person to look at.

Skipped only when no Chromium is installed (``.ci/run`` installs Debian's ``chromium``).
Playwright drives the system browser (``executable_path``); it never downloads one.
"""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = os.environ.get("FAHRAS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
QUERY = "عديمي الجنسية"
MARK_BACKGROUND = "rgb(255, 226, 122)"  # --mark in templates/style.css

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).is_file(),
    reason=f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install chromium)")


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # a declared test dependency: missing means a broken install
        pytest.fail("playwright is not installed: pip install -e '.[test]'")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watch:
    """Console errors, uncaught page errors and requests that leave the page's own origin."""

    def __init__(self, page, allowed_prefixes: tuple[str, ...]) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: r.url.startswith(allowed_prefixes)
                or self.outside.append(r.url))

    def assert_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.outside == [], self.outside


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 900}, locale="ar")
    page = context.new_page()
    yield page
    context.close()


def assert_rtl(page) -> None:
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    text = page.locator(".hit .text, .paragraph .text").first
    assert text.evaluate("e => getComputedStyle(e).direction") == "rtl"


def assert_marks_visible(page) -> list[str]:
    """Every visible <mark> has a box, the highlight colour and a whole word; returns the words."""
    marks = page.locator("mark:visible")
    assert marks.count() > 0
    words = []
    for i in range(marks.count()):
        mark = marks.nth(i)
        box = mark.bounding_box()
        assert box and box["width"] > 2 and box["height"] > 5, box
        assert mark.evaluate("e => getComputedStyle(e).backgroundColor") == MARK_BACKGROUND
        words.append(mark.inner_text())
    assert all(" " not in w and w for w in words), words
    assert any("الجنسي" in w for w in words), words
    return words


def visible_hit_themes(page) -> set[str]:
    return set(page.eval_on_selector_all(
        ".hit", "hs => hs.filter(h => h.offsetParent !== null).map(h => h.dataset.theme)"))


def shot(page, name: str, full_page: bool = True) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


# -- the rendered results file ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def rendered_file(tmp_path_factory, built_index) -> Path:
    from search.cli import main

    out = tmp_path_factory.mktemp("rendered") / "results.html"
    result = CliRunner().invoke(main, ["render", QUERY, "--index", str(built_index),
                                       "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def test_rendered_results_page(page, rendered_file):
    watch = Watch(page, ("file://", "data:"))
    page.goto(rendered_file.as_uri())
    assert_rtl(page)
    assert_marks_visible(page)
    assert page.locator(".view.facet:visible").count() == 0
    shot(page, "render-results")
    watch.assert_clean()


def test_rendered_facet_links_filter(page, rendered_file):
    watch = Watch(page, ("file://", "data:"))
    page.goto(rendered_file.as_uri())
    facets = page.locator("a.facet:not(.clear)")
    assert facets.count() >= 2
    for i in range(facets.count()):
        facet = facets.nth(i)
        label = facet.locator("bdi").inner_text()
        count = int(facet.locator(".count").inner_text().strip("()"))
        facet.click()
        assert page.locator(".view.all").is_hidden()
        assert visible_hit_themes(page) == {label}
        assert page.locator(".hit:visible").count() == min(count, 10)
        if i == 0:
            shot(page, "render-facet")
    page.locator("a.facet.clear").click()
    assert page.locator(".view.all").is_visible()
    watch.assert_clean()


# -- the live server -------------------------------------------------------------------------------

@pytest.fixture
def server_url(engine):
    from search.web import make_search_server

    server = make_search_server(engine, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_served_search_page(page, server_url):
    watch = Watch(page, (server_url, "data:"))
    page.goto(server_url + "/")
    shot(page, "serve-home")
    page.fill("input[name=q]", QUERY)
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?**")
    assert_rtl(page)
    assert_marks_visible(page)
    assert page.input_value("input[name=q]") == QUERY
    shot(page, "serve-results")
    watch.assert_clean()


def test_served_facet_links_filter(page, server_url):
    watch = Watch(page, (server_url, "data:"))
    page.goto(f"{server_url}/search?q={quote(QUERY)}")
    facet = page.locator("a.facet:not(.clear)").nth(1)
    label = facet.locator("bdi").inner_text()
    count = facet.locator(".count").inner_text().strip("()")
    facet.click()
    page.wait_for_url("**theme=**")
    assert visible_hit_themes(page) == {label}
    assert page.locator(".total").inner_text() == count
    assert page.locator("a.facet.active bdi").inner_text() == label
    assert page.locator("select[name=theme]").input_value() == label
    assert_marks_visible(page)
    shot(page, "serve-facet")
    page.locator("a.facet.clear").click()
    page.wait_for_load_state()
    assert "theme=" not in page.url
    watch.assert_clean()


def test_served_page_runs_no_injected_markup(page, server_url):
    watch = Watch(page, (server_url, "data:"))
    hostile = "<img src=x onerror=\"document.title='pwned'\"> \u202eالجنسية"
    page.goto(f"{server_url}/search?q={quote(hostile)}")
    assert page.title() != "pwned"
    assert page.locator("main img").count() == 0
    assert "<img src=x" in page.locator("h1 .query").inner_text()
    watch.assert_clean()


# -- the static site --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site_dir(tmp_path_factory, built_index) -> Path:
    from search.cli import main

    out = tmp_path_factory.mktemp("browser-site") / "site"
    result = CliRunner().invoke(main, ["site", str(out), "--index", str(built_index)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def test_static_site_pages_from_disk(page, site_dir):
    watch = Watch(page, ("file://", "data:"))
    page.goto((site_dir / "index.html").as_uri())
    shot(page, "site-home")
    page.locator("table.themes a").first.click()
    assert "/themes/" in page.url
    assert_rtl(page)
    shot(page, "site-theme")
    page.locator(".hit a.chip").first.click()
    assert "/recs/" in page.url
    shot(page, "site-recommendation")
    page.locator(".hit a.para").first.click()
    assert "/docs/" in page.url and "#p-" in page.url
    target = page.url.split("#")[1]
    assert page.locator(f"[id='{target}']").evaluate(
        "e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"  # :target highlight
    raw = page.locator(f"[id='{target}'] details.raw")
    assert raw.locator("pre").is_hidden()
    raw.locator("summary").click()
    assert raw.locator("pre").is_visible()
    shot(page, "site-document", full_page=False)
    watch.assert_clean()


def test_narrow_screen_and_print(browser, site_dir, rendered_file):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="ar")
    page = context.new_page()
    watch = Watch(page, ("file://", "data:"))
    page.goto(rendered_file.as_uri())
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"horizontal scroll on a phone: {width}px"
    shot(page, "render-results-narrow")
    page.emulate_media(media="print")
    assert page.locator(".facet-box").is_hidden() and page.locator("form").count() == 0
    assert page.locator("mark").first.evaluate("e => getComputedStyle(e).fontWeight") == "700"
    shot(page, "render-results-print")
    watch.assert_clean()
    context.close()


def test_rendered_no_results_page_shows_the_suggestion(page, built_index, tmp_path):
    from search.cli import main

    out = tmp_path / "none.html"
    result = CliRunner().invoke(main, ["render", "الجنسيت", "--index", str(built_index),
                                       "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    watch = Watch(page, ("file://", "data:"))
    page.goto(out.as_uri())
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.locator(".total").inner_text() == "0"
    assert page.locator(".suggestion bdi").inner_text() == "الجنسية"
    assert page.locator(".suggestion").is_visible()
    shot(page, "render-no-results")
    watch.assert_clean()
