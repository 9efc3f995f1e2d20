"""The ``fahras`` command line: one click group, each command a thin layer over a library call.

Heavy modules (whoosh, the analyzer, the repair lexicon) are imported inside the commands that
need them, so ``fahras --help`` and simple commands start fast.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from indexer.sources import SourceError


def echo_json(data: object) -> None:
    """Print ``data`` as UTF-8 JSON (Arabic kept readable, not \\u-escaped)."""
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
def repair(file: Path) -> None:
    """Repaired text of FILE on stdout."""
    from indexer.repair import repair_text
    from indexer.sources import read_text

    try:
        text = read_text(file)
    except SourceError as err:
        fail(str(err))
    click.echo(repair_text(text), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
