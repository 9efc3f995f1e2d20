"""The HTML commands of ``fahras``: ``render``, ``site`` and ``serve``.

Plain click commands, registered on the main group in :mod:`search.cli`. Each is a thin layer
over :mod:`search.render`, :mod:`search.site` and :mod:`search.web`.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

index_option = click.option(
    "--index", "index_dir", type=click.Path(path_type=Path),
    help="Index directory (default: $FAHRAS_INDEX, else a per-user folder).")


def fail(message: str, code: int = 1) -> None:
    """Exit with one line on stderr."""
    click.echo(f"fahras: {message}", err=True)
    sys.exit(code)


def open_engine(index_dir: Path | None):
    """The engine over ``--index``/``$FAHRAS_INDEX``/the per-user index, built if missing.

    Uses the main command line's opener (same messages, same index building on first use).
    """
    from search import cli

    if hasattr(cli, "open_engine"):
        return cli.open_engine(index_dir)
    from search.engine import Engine, IndexMissing  # pragma: no cover - older command line

    path = cli.resolve_index_dir(index_dir)
    try:
        return Engine(path)
    except IndexMissing as err:
        fail(f"{err}; build it with: fahras index --index {path}")


def render_query(engine, query: str, filters: dict, limit: int) -> str:
    """A standalone results page for ``query``, with one in-page view per theme facet."""
    from search.render import render_results

    results = engine.search(query, limit=limit, **filters)
    facet_results = {}
    for label in results.facets.get("theme", {}):
        facet_results[label] = engine.search(query, limit=limit, **{**filters, "theme": label})
    return render_results(results, facet_results=facet_results)


@click.command()
@click.argument("query")
@click.option("--theme", help="Only this theme (label, part of it, or section number).")
@click.option("--section", help="Only this section number.")
@click.option("--rec", help="Only paragraphs answering this recommendation number.")
@click.option("--doc", help="Only this document id.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True,
              help="Hits shown (per theme view too).")
@index_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The HTML file to write ('-' for stdout).")
def render(query: str, theme: str | None, section: str | None, rec: str | None,
           doc: str | None, limit: int, index_dir: Path | None, output: Path) -> None:
    """Write the results of QUERY as one HTML page (no network, works from disk)."""
    from search.query import QueryError

    engine = open_engine(index_dir)
    filters = {"theme": theme, "section": section, "rec": rec, "doc": doc}
    try:
        html = render_query(engine, query, filters, limit)
    except QueryError as err:
        fail(str(err))
    finally:
        engine.close()
    if str(output) == "-":
        click.echo(html, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(html, encoding="utf-8")
    click.echo(f"wrote {output}", err=True)


@click.command()
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@index_option
def site(outdir: Path, index_dir: Path | None) -> None:
    """Write a static site into OUTDIR: home, themes, recommendations, documents."""
    from search.site import build_site

    engine = open_engine(index_dir)
    try:
        report = build_site(engine, outdir)
    finally:
        engine.close()
    click.echo(f"wrote {len(report.pages)} pages to {outdir}: {report.themes} themes, "
               f"{report.recs} recommendations, {report.docs} documents; "
               f"open {outdir / 'index.html'}", err=True)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback: only this machine).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@index_option
def serve(host: str, port: int, index_dir: Path | None) -> None:
    """A live search page at http://HOST:PORT/ over the index (Ctrl-C stops it)."""
    from search.web import is_loopback, make_search_server

    engine = open_engine(index_dir)
    if not is_loopback(host):
        click.echo(f"fahras: warning: listening on {host}, reachable from other machines; "
                   "the server has no authentication", err=True)
    try:
        server = make_search_server(engine, host, port)
    except OSError as err:
        engine.close()
        fail(f"cannot listen on {host}:{port}: {err.strerror or err}")
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"fahras: serving on http://{shown}:{server.server_port}/ (Ctrl-C stops)",
               err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("fahras: stopped", err=True)
    finally:
        server.server_close()
        server.get_app().close()  # the engine served last (the app follows re-indexing)
