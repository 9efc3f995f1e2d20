"""The ``fahras`` command line: one click group, each command a thin layer over a library call.

Every module a command needs beyond click (Whoosh, the analyzer, the repair lexicon, jinja2,
the source readers, even ``json``) is imported inside that command, so ``fahras --help`` loads
click alone and ``fahras search`` only the search path; ``tests/test_startup_imports.py`` checks
which modules each loads.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

INDEX_ENV = "FAHRAS_INDEX"


def resolve_index_dir(option: Path | None = None) -> Path:
    """``--index DIR``, else ``$FAHRAS_INDEX``, else a per-user data directory."""
    import os

    if option:
        return Path(option).expanduser()
    if os.environ.get(INDEX_ENV):
        return Path(os.environ[INDEX_ENV]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("fahras", appauthor=False)) / "index"


index_option = click.option("--index", "index_dir", type=click.Path(path_type=Path),
                            help=f"Index directory (default: ${INDEX_ENV}, else a per-user folder).")


def echo_json(data: object) -> None:
    """Print ``data`` as UTF-8 JSON (Arabic kept readable, not \\u-escaped)."""
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def fail(message: str, code: int = 1) -> None:
    """Exit with one line on stderr: no traceback for the user's mistakes."""
    click.echo(f"fahras: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fahras")
def main() -> None:
    """fahras (فهرس): search Arabic UN human-rights documents.

    \b
    Quick start:
      fahras search "عديمي الجنسية"     search the bundled documents
      fahras themes                    the sections and their recommendations
      fahras rec 87                    every paragraph answering recommendation 87
    """


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of paragraphs.")
def parse(file: Path, as_json: bool) -> None:
    """Repaired, structured paragraphs of FILE (no index needed)."""
    from indexer.pipeline import load_document
    from indexer.sources import SourceError

    try:
        document = load_document(file)
    except SourceError as err:
        fail(str(err))
    if as_json:
        echo_json([p.to_json() for p in document.paragraphs])
        return
    for p in document.paragraphs:
        recs = "، ".join(map(str, p.recs)) or "—"
        theme = f"{p.section}. {p.theme}" if p.section else "(قبل الأقسام)"
        click.echo(click.style(f"{p.doc} ¶{p.n} | {theme} | التوصيات: {recs}", bold=True))
        click.echo(p.text)
        for note in p.footnotes:
            click.echo(click.style(f"  [{note.n}] {note.text}", dim=True))
        click.echo()


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--explain", is_flag=True, help="List each change: line, before, after, why.")
def repair(file: Path, explain: bool) -> None:
    """Repaired text of FILE on stdout (--explain: the changes instead)."""
    from indexer.repair import repair as repair_document
    from indexer.sources import SourceError, read_text

    try:
        text = read_text(file)
    except SourceError as err:
        fail(str(err))
    result = repair_document(text)
    if not explain:
        click.echo(result.text, nl=False)
        return
    damage = ", ".join(f"{kind} ({count})" for kind, count in result.damage.items()) or "none"
    click.echo(f"# {file}: damage found: {damage}; {len(result.changes)} line(s) changed")
    for change in result.changes:
        click.echo(f"{change.line}\t{change.reason}")
        click.echo(f"  - {change.before}")
        click.echo(f"  + {change.after}")


def open_engine(index_dir: Path | None, *, build_if_missing: bool = True):
    """Open the index; a first search with no index builds one from the bundled data."""
    from indexer.build import IndexError_
    from search.engine import Engine, IndexMissing, ensure_index

    path = resolve_index_dir(index_dir)
    try:
        if build_if_missing:
            ensure_index(path, announce=lambda msg: click.echo(msg, err=True))
        return Engine(path)
    except IndexMissing:
        fail(f"no index at {path}; run 'fahras index' first")
    except (IndexError_, OSError) as err:
        fail(f"cannot open index at {path}: {err}")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@index_option
@click.option("--rebuild", is_flag=True, help="Start from an empty index.")
def index(paths: tuple[Path, ...], index_dir: Path | None, rebuild: bool) -> None:
    """Index files and folders (default: the bundled data/).

    Only files whose content changed are read again; files gone from disk are removed.
    """
    from indexer.build import IndexError_, build_index
    from indexer.pipeline import bundled_data_dir

    target = resolve_index_dir(index_dir)
    sources = list(paths) or [bundled_data_dir()]
    for path in sources:
        if not path.exists() and not path.is_symlink():
            fail(f"{path}: no such file or folder")

    def progress(files):
        files = list(files)
        if len(files) < 20 or not sys.stderr.isatty():
            yield from files
            return
        with click.progressbar(files, label="indexing", file=sys.stderr,
                               item_show_func=lambda p: p.name if p else "") as bar:
            yield from bar

    def on_wait() -> None:
        click.echo(f"fahras: another indexing run holds {target}; waiting for it to finish…", err=True)

    def on_error(path: str, message: str) -> None:
        click.echo(f"fahras: skipped {message}", err=True)

    try:
        report = build_index(target, sources, rebuild=rebuild, progress=progress, on_wait=on_wait,
                             on_error=on_error)
    except IndexError_ as err:
        fail(str(err))
    except KeyboardInterrupt:
        fail("interrupted; the previous index is unchanged", code=130)
    except OSError as err:  # the index folder cannot be created or written (permissions, disk full)
        where = f"{err.filename}: " if err.filename and str(err.filename) != str(target) else ""
        fail(f"cannot write the index at {target}: {where}{err.strerror or err}; "
             f"the previous index is unchanged")
    for path, wanted, given in report.renamed:
        click.echo(f"fahras: {path}: document id '{wanted}' belongs to another file; "
                   f"indexed as '{given}' (a sidecar .json with \"doc\" sets it)", err=True)
    click.echo(f"indexed {len(report.added)} file(s), {report.paragraphs} paragraph(s); "
               f"{len(report.unchanged)} unchanged, {len(report.removed)} removed, "
               f"{len(report.failed)} failed; {report.total_paragraphs} paragraphs in {target} "
               f"({report.seconds:.2f} s)")
    if report.failed:
        sys.exit(2)


def filter_options(func):
    """--theme/--section/--rec/--doc, shared by search and render."""
    for option in reversed([
        click.option("--theme", "theme", help="Theme label (any spelling) or section number."),
        click.option("--section", "section", help="Section number (1 for أولاً, …)."),
        click.option("--rec", "rec", help="Recommendation number (ASCII or ٨٧)."),
        click.option("--doc", "doc", help="Document id (or a unique part of it)."),
    ]):
        func = option(func)
    return func


@main.command()
@click.argument("query", required=False, default="")
@filter_options
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 10000),
              help="Most hits to show.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--bidi", is_flag=True, help="Reorder Arabic for terminals without bidi support.")
@index_option
def search(query: str, theme, section, rec, doc, limit: int, as_json: bool, bidi: bool,
           index_dir: Path | None) -> None:
    """Search for QUERY: words, "phrases", AND/OR/NOT (و/أو/ليس), theme:/rec:/doc: terms."""
    show_results(index_dir, lambda engine: engine.search(
        query, theme=theme, section=section, rec=rec, doc=doc, limit=limit), as_json, bidi)


def show_results(index_dir: Path | None, run, as_json: bool, bidi: bool) -> None:
    """Run ``run(engine)`` on the index and print its results (JSON or text)."""
    from search.query import QueryError

    engine = open_engine(index_dir)
    try:
        results = run(engine)
    except QueryError as err:
        fail(str(err))
    finally:
        engine.close()
    if as_json:
        echo_json(results.to_json())
        return
    from search.terminal import print_results

    print_results(results, bidi=bidi)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@index_option
def themes(as_json: bool, index_dir: Path | None) -> None:
    """Sections with paragraph counts and recommendation numbers."""
    with open_engine(index_dir) as engine:
        summaries = engine.themes()
    if as_json:
        echo_json([t.to_json() for t in summaries])
        return
    from search.terminal import PARAGRAPH_FORMS, count_phrase

    for t in summaries:
        recs = "، ".join(map(str, t.recs)) or "—"
        click.echo(f"{t.section:>3}. {t.theme}  ({count_phrase(t.paragraphs, PARAGRAPH_FORMS)}؛ التوصيات: {recs})")


@main.command()
@click.argument("number")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--bidi", is_flag=True, help="Reorder Arabic for terminals without bidi support.")
@index_option
def rec(number: str, as_json: bool, bidi: bool, index_dir: Path | None) -> None:
    """Every paragraph answering recommendation NUMBER (also ٨٧)."""
    show_results(index_dir, lambda engine: engine.recommendation(number), as_json, bidi)


@main.command()
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of tokens.")
def analyze(text: str, as_json: bool) -> None:
    """The analyzer's tokens for TEXT: surface, normalized form, stem, offsets."""
    from indexer.analysis import explain

    tokens = explain(text)
    if as_json:
        echo_json([t.to_json() for t in tokens])
        return
    for t in tokens:
        click.echo(f"{t.start:>4}-{t.end:<4} {t.surface}\t{t.normalized}\t{t.stem or '(stop word)'}")


from search.pages_cli import render, serve, site  # noqa: E402  (HTML pages: render, site, serve)

main.add_command(render)
main.add_command(site)
main.add_command(serve)

if __name__ == "__main__":  # pragma: no cover
    main()
