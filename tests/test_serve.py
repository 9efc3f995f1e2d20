"""``fahras serve``: the WSGI application called directly, a real server on a loopback port,
and the command itself in a subprocess."""
from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from html import unescape
from urllib.parse import quote, urlencode
from wsgiref.util import setup_testing_defaults

import pytest

from search.web import SearchApp, is_loopback, make_search_server

RLO = "\u202e"


def call(app, path: str, query: dict | str = "", method: str = "GET"):
    """(status, headers, body) of one request to a WSGI app."""
    environ: dict = {}
    setup_testing_defaults(environ)
    qs = query if isinstance(query, str) else urlencode(query, quote_via=quote)
    environ.update(PATH_INFO=path, QUERY_STRING=qs, REQUEST_METHOD=method)
    seen: dict = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(app(environ, start_response)).decode("utf-8")
    return int(seen["status"].split()[0]), seen["headers"], body


def hrefs(body: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"]*)"', body)]


@pytest.fixture
def app(engine):
    return SearchApp(engine)


def test_home_has_the_search_form_and_security_headers(app):
    status, headers, body = call(app, "/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert '<form class="search" method="get" action="/search"' in body
    assert '<html lang="ar" dir="rtl">' in body


def test_search_shows_marked_hits_and_facets_that_filter(app):
    status, _, body = call(app, "/search", {"q": "الجنسية"})
    assert status == 200
    assert body.count('class="hit"') >= 2 and "<mark>" in body
    facets = [h for h in hrefs(body) if h.startswith("/search?") and "theme=" in h]
    assert len(facets) >= 2
    total = int(re.search(r'class="num total">(\d+)<', body).group(1))
    counts = []
    for href in facets:
        label = re.search(r'<a class="facet[^"]*" href="' + re.escape(href.replace("&", "&amp;"))
                          + r'"><bdi>([^<]+)</bdi> <span class="count">\((\d+)\)', body)
        path, _, qs = href.partition("?")
        status, _, filtered = call(app, path, qs)
        assert status == 200
        themes = set(re.findall(r'class="hit" id="[^"]+" data-theme="([^"]*)"', filtered))
        assert themes == {unescape(label.group(1))}
        assert f'class="num total">{label.group(2)}<' in filtered
        assert 'class="facet active"' in filtered
        counts.append(int(label.group(2)))
    assert sum(counts) <= total  # paragraphs before the first heading have no theme


def test_every_page_linked_from_home_is_served(app):
    _, _, body = call(app, "/")
    links = {h.split("#")[0] for h in hrefs(body) if h.startswith("/") and h != "/"}
    assert any(h.startswith("/themes/") for h in links) and any(h.startswith("/docs/") for h in links)
    for href in sorted(links):
        status, _, page = call(app, href)
        assert status == 200, href
        assert "<main>" in page


def test_hostile_query_is_escaped_in_the_page_and_the_form(app):
    query = f"\"><script>alert(1)</script> '{RLO}الجنسية"
    status, _, body = call(app, "/search", {"q": query})
    assert status == 200
    assert "<script" not in body and RLO not in body
    assert 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &#39;الجنسية"' in body


@pytest.mark.parametrize("path, query, status", [
    ("/search", {"q": "الجنسية", "rec": "abc"}, 400),
    ("/search", {"q": "الجنسية", "limit": "many"}, 400),
    ("/nope", "", 404),
    ("/docs/..%2F..%2Fetc", "", 404),
    ("/themes/99", "", 404),
    ("/recs/99999", "", 404),
])
def test_errors_are_pages_with_a_status(app, path, query, status):
    got, headers, body = call(app, path, query)
    assert got == status
    assert '<h1 class="message"' in body and "Content-Security-Policy" in headers


def test_only_get_and_head(app):
    status, headers, _ = call(app, "/", method="POST")
    assert status == 405 and headers["Allow"] == "GET, HEAD"
    status, headers, body = call(app, "/", method="HEAD")
    assert status == 200 and body == "" and int(headers["Content-Length"]) > 0


def test_empty_search_shows_the_form_again(app):
    status, _, body = call(app, "/search", {"q": "  "})
    assert status == 200 and 'action="/search"' in body


def test_real_server_on_a_loopback_port(engine):
    server = make_search_server(engine, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1" and is_loopback(host)
        url = f"http://127.0.0.1:{port}/search?" + urlencode({"q": "الجنسية"})
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200
            assert "<mark>" in response.read().decode("utf-8")
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/missing", timeout=10)
        assert err.value.code == 404
    finally:
        server.shutdown()
        server.server_close()


def test_serve_command_binds_to_loopback_by_default(built_index):
    proc = subprocess.Popen(
        [sys.executable, "-m", "search.cli", "serve", "--port", "0", "--index", str(built_index)],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        deadline = time.monotonic() + 30
        line = ""
        while time.monotonic() < deadline and "serving on" not in line:
            line = proc.stderr.readline()
            assert line or proc.poll() is None, "server exited early"
        match = re.search(r"serving on http://127\.0\.0\.1:(\d+)/", line)
        assert match, line
        with urllib.request.urlopen(f"http://127.0.0.1:{match.group(1)}/", timeout=10) as r:
            assert r.status == 200
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0
    assert "stopped" in proc.stderr.read()


def test_more_link_doubles_the_limit(app):
    _, _, body = call(app, "/search", {"q": "الجنسية", "limit": "2"})
    assert body.count('class="hit"') == 2
    more = re.search(r'class="more-link" href="([^"]+)"', body)
    assert more and "limit=4" in unescape(more.group(1))
    path, _, qs = unescape(more.group(1)).partition("?")
    _, _, body = call(app, path, qs)
    assert body.count('class="hit"') == 4


def test_no_results_page_links_to_the_suggestion(app):
    status, _, body = call(app, "/search", {"q": "الجنسيت"})
    assert status == 200 and "لا توجد نتائج" in body
    link = re.search(r'هل تقصد:\s*<a href="([^"]+)"><bdi>([^<]+)</bdi>', body)
    assert link and link.group(2) == "الجنسية"
    path, _, qs = unescape(link.group(1)).partition("?")
    _, _, suggested = call(app, path, qs)
    assert "<mark>" in suggested


def test_serve_warns_when_listening_beyond_loopback(built_index, monkeypatch):
    from click.testing import CliRunner

    import search.web
    from search.cli import main

    bound = {}

    class FakeServer:
        server_port = 8000

        def serve_forever(self):
            raise KeyboardInterrupt

        def server_close(self):
            bound["closed"] = True

        def get_app(self):
            return SearchApp(bound["engine"])

    def fake_make(engine, host, port):
        bound["host"], bound["port"], bound["engine"] = host, port, engine
        return FakeServer()

    monkeypatch.setattr(search.web, "make_search_server", fake_make)
    runner = CliRunner()
    result = runner.invoke(main, ["serve", "--index", str(built_index)])
    assert result.exit_code == 0 and bound["host"] == "127.0.0.1" and bound["closed"]
    assert "warning" not in result.output
    result = runner.invoke(main, ["serve", "--host", "0.0.0.0", "--index", str(built_index)])
    assert result.exit_code == 0 and bound["host"] == "0.0.0.0"
    assert "warning: listening on 0.0.0.0" in result.output


def test_app_follows_the_index_to_its_new_generation(edited_corpus_index):
    """A re-index while serving shows up on the next page, without restarting the server."""
    from functools import partial

    from search.engine import Engine

    _, index_dir, edit = edited_corpus_index
    served = SearchApp(Engine(index_dir), partial(Engine, index_dir))
    try:
        first = served.engine

        def total() -> int:
            status, _, body = call(served, "/search", {"q": "تعديل"})
            assert status == 200
            return int(re.search(r'class="num total">(\d+)<', body).group(1))

        before = total()
        edit("clean.txt")  # appends the word to the file's first paragraph and re-indexes
        assert total() == before + 1 and served.engine is not first
        assert served.refresh() is False  # nothing new: the open engine stays
    finally:
        served.close()


def test_app_keeps_serving_when_the_new_generation_cannot_be_opened(engine):
    def broken():
        raise OSError("half-written index")

    served = SearchApp(engine, broken)
    served.engine.generation = served.engine.generation.with_name("gone")  # as if re-indexed
    assert served.refresh() is False and served.engine is engine
    assert call(served, "/search", {"q": "الجنسية"})[0] == 200
