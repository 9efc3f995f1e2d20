"""``fahras serve``: a live search page over the same templates as the static pages.

A small WSGI application (:class:`SearchApp`) served by the standard library's
:mod:`wsgiref`. Why no framework: the server answers a handful of GET routes for one person on
their own machine (bound to 127.0.0.1 by default); the standard library does that without a new
dependency to install, pin and keep patched, and a WSGI callable can be tested without a socket
and mounted under any WSGI server if the need ever grows.

Routes (all GET/HEAD)::

    /                       home: search box, documents, themes, recommendations
    /search?q=&theme=&section=&rec=&doc=&limit=
    /themes/<key>  /recs/<n>  /docs/<slug>
"""
from __future__ import annotations

import re
import socket
import threading
from collections.abc import Callable, Iterable
from functools import partial
from http import HTTPStatus
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from search.render import (PageNames, SearchForm, environment, live_links, render_document,
                           render_home, render_recommendation, render_results, render_theme)

#: Same policy as the pages' <meta>: no script, no request leaves for another origin.
SECURITY_HEADERS = [
    ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                                "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-store"),
]
SEARCH_PARAMS = ("q", "theme", "section", "rec", "doc", "limit")
MAX_LIMIT = 200
LOOPBACK = {"127.0.0.1", "::1", "localhost"}

StartResponse = Callable[[str, list[tuple[str, str]]], object]


class HttpError(Exception):
    """An answer other than 200: its status and a one-line message shown on the page."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class SearchApp:
    """The WSGI application of ``fahras serve`` over an open :class:`search.engine.Engine`.

    With ``reopen`` (a function opening the index again), each request first checks which
    generation the index directory points at: after a ``fahras index`` the next page shows the
    new index, without restarting the server. If the new one cannot be opened, the open one is
    served on."""

    def __init__(self, engine, reopen: Callable[[], object] | None = None) -> None:
        self.lock = threading.Lock()  # one Whoosh searcher, one request at a time
        self._reopen = reopen
        self._use(engine)

    def _use(self, engine) -> None:
        self.engine = engine
        self.names = PageNames.build(engine.themes(), [d.doc for d in engine.documents()])
        self.links = live_links(self.names)

    def refresh(self) -> bool:
        """Switch to the index's current generation if it changed; True when it did."""
        if self._reopen is None:
            return False
        from indexer.build import current_generation

        current = current_generation(self.engine.index_dir)
        if current is None or current == self.engine.generation:
            return False
        try:
            fresh = self._reopen()
        except Exception:  # noqa: BLE001 - a broken or half-written index: keep serving the open one
            return False
        old = self.engine
        self._use(fresh)
        old.close()
        return True

    def close(self) -> None:
        """Close the engine being served."""
        self.engine.close()

    # -- WSGI --------------------------------------------------------------------------------

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        try:
            if method not in ("GET", "HEAD"):
                raise HttpError(HTTPStatus.METHOD_NOT_ALLOWED, "only GET is served here")
            params = {k: v[-1] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
            with self.lock:
                self.refresh()
                html = self.route(environ.get("PATH_INFO", "/") or "/", params)
            status = HTTPStatus.OK
        except HttpError as err:
            status, html = err.status, self.message_page(err.status, err.message)
        body = html.encode("utf-8")
        headers = [("Content-Type", "text/html; charset=utf-8"),
                   ("Content-Length", str(len(body))), *SECURITY_HEADERS]
        if status == HTTPStatus.METHOD_NOT_ALLOWED:
            headers.append(("Allow", "GET, HEAD"))
        start_response(f"{status.value} {status.phrase}", headers)
        return [b""] if method == "HEAD" else [body]

    def route(self, path: str, params: dict[str, str]) -> str:
        """The HTML of ``path``; raises :class:`HttpError` for anything not found."""
        if path == "/":
            return render_home(self.engine.documents(), self.engine.themes(),
                               self.engine.recommendations(), links=self.links,
                               form=self.form(params))
        if path == "/search":
            return self.search_page(params)
        match = re.fullmatch(r"/(themes|recs|docs)/([A-Za-z0-9-]{1,80})", path)
        if match:
            kind, key = match.groups()
            return {"themes": self.theme_page, "recs": self.rec_page,
                    "docs": self.doc_page}[kind](key)
        raise HttpError(HTTPStatus.NOT_FOUND, "لا توجد صفحة بهذا العنوان.")

    # -- pages -------------------------------------------------------------------------------

    def form(self, params: dict[str, str]) -> SearchForm:
        """The search form, filled with the request's values."""
        rec = params.get("rec") or None
        return SearchForm(
            action="/search", query=params.get("q", ""), theme=params.get("theme") or None,
            rec=rec, doc=params.get("doc") or None,
            themes=tuple(dict.fromkeys(t.theme for t in self.engine.themes())),
            docs=tuple((d.doc, d.title or d.doc) for d in self.engine.documents()))

    def search_page(self, params: dict[str, str]) -> str:
        """Results of the query string's search, or the form again with the error."""
        from search.query import QueryError

        request = {k: params[k] for k in SEARCH_PARAMS if params.get(k, "").strip()}
        query = request.get("q", "")
        filters = {k: request.get(k) for k in ("theme", "section", "rec", "doc")}
        if not query and not any(filters.values()):
            return render_home(self.engine.documents(), self.engine.themes(),
                               self.engine.recommendations(), links=self.links,
                               form=self.form(params))
        try:
            limit = min(int(request.get("limit", 20)), MAX_LIMIT)
        except ValueError:
            raise HttpError(HTTPStatus.BAD_REQUEST, "الحد يجب أن يكون عدداً.") from None
        try:
            results = self.engine.search(query, limit=max(limit, 1), **filters)
        except QueryError as err:
            raise HttpError(HTTPStatus.BAD_REQUEST, str(err)) from None
        return render_results(results, links=self.links, form=self.form(params), request=request)

    def theme_page(self, key: str) -> str:
        pair = self.names.theme_for_key(key)
        summary = next((t for t in self.engine.themes() if (t.section, t.theme) == pair), None)
        if summary is None:
            raise HttpError(HTTPStatus.NOT_FOUND, "لا يوجد موضوع بهذا الرقم.")
        members = self.engine.theme_paragraphs(summary)
        return render_theme(summary, members, links=self.links,
                            show_doc=len(self.names.docs) > 1)

    def rec_page(self, key: str) -> str:
        if not key.isdigit() or int(key) not in self.engine.recommendations():
            raise HttpError(HTTPStatus.NOT_FOUND, "لا توجد فقرات تجيب عن هذه التوصية.")
        n = int(key)
        return render_recommendation(n, self.engine.recommendation(n), links=self.links)

    def doc_page(self, slug: str) -> str:
        doc = self.names.doc_for_slug(slug)
        document = next((d for d in self.engine.documents() if d.doc == doc), None)
        if document is None:
            raise HttpError(HTTPStatus.NOT_FOUND, "لا توجد وثيقة بهذا المعرّف.")
        return render_document(document, self.engine.paragraphs(doc), links=self.links)

    def message_page(self, status: HTTPStatus, message: str) -> str:
        """A page with one message (errors), the search form under it."""
        return environment().get_template("message.html").render(
            status=status.value, message=message, links=self.links, form=self.form({}))


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    """wsgiref's server, one thread per connection (a browser opens several at once)."""

    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    """Logs one line per request on stderr, without wsgiref's reverse DNS lookups."""

    def address_string(self) -> str:  # pragma: no cover - logging detail
        return self.client_address[0]


class ThreadingWSGIServer6(ThreadingWSGIServer):
    """The same, on an IPv6 address (``--host ::1``)."""

    address_family = socket.AF_INET6


def make_search_server(engine, host: str = "127.0.0.1", port: int = 8000) -> WSGIServer:
    """A server bound to ``host:port`` (port 0: any free port) answering with :class:`SearchApp`,
    which follows the index to its newest generation (the server's ``application.close()``
    closes the engine it serves last)."""
    server_class = ThreadingWSGIServer6 if ":" in host else ThreadingWSGIServer
    reopen = partial(type(engine), engine.index_dir)
    return make_server(host, port, SearchApp(engine, reopen), server_class=server_class,
                       handler_class=QuietHandler)


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach."""
    return host in LOOPBACK or host.startswith("127.")
