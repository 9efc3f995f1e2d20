"""Search results as text for a terminal: logical order, colored marks when on a terminal.

Terminals with bidi support (most GNOME/KDE/macOS ones) show logical-order Arabic correctly;
``--bidi`` reorders each line visually (python-bidi) for those without.
"""
from __future__ import annotations

import sys

import click

from search.results import Hit, SearchResults

MAX_TEXT_CHARS = 700
RESULT_FORMS = ("نتيجة واحدة", "نتيجتان", "نتائج", "نتيجة")
PARAGRAPH_FORMS = ("فقرة واحدة", "فقرتان", "فقرات", "فقرة")


def count_phrase(n: int, forms: tuple[str, str, str, str]) -> str:
    """A number with its noun in the form Arabic grammar wants.

    ``forms`` = (one, two, three-to-ten plural, eleven-and-more singular).

    >>> count_phrase(2, PARAGRAPH_FORMS), count_phrase(7, PARAGRAPH_FORMS), count_phrase(15, PARAGRAPH_FORMS)
    ('فقرتان', '7 فقرات', '15 فقرة')
    """
    if n == 1:
        return forms[0]
    if n == 2:
        return forms[1]
    if 3 <= n % 100 <= 10:
        return f"{n} {forms[2]}"
    return f"{n} {forms[3]}"


def marked_text(hit: Hit, color: bool) -> str:
    """The hit's text with matched words in bold yellow (or «» without color)."""
    text, out, last = hit.text, [], 0
    for start, end in hit.spans:
        out.append(text[last:start])
        word = text[start:end]
        out.append(click.style(word, fg="yellow", bold=True) if color else f"«{word}»")
        last = end
    out.append(text[last:])
    joined = "".join(out)
    return joined if len(text) <= MAX_TEXT_CHARS else joined[: MAX_TEXT_CHARS + 40 * len(hit.spans)] + " …"


def visual(line: str) -> str:
    """A line reordered for display on a terminal without bidi support."""
    from bidi import get_display

    return get_display(line)


def print_results(results: SearchResults, *, bidi: bool = False, file=None) -> None:
    """Print a header, then each hit: document, paragraph, theme, recommendations, text."""
    out = file or sys.stdout
    color = out.isatty() and not bidi
    show = visual if bidi else (lambda s: s)
    if results.total == 0:
        message = "لا نتائج"
        if results.suggestion:
            message += f" — هل تقصد: {results.suggestion}"
        click.echo(show(message), file=out)
        for theme in results.themes:
            # the words name a theme: say where its paragraphs are, and how to list them
            count = count_phrase(theme.paragraphs, PARAGRAPH_FORMS)
            click.echo(show(f"كلمات البحث في عنوان الموضوع {theme.section}. {theme.theme} ({count})"
                            f" — لعرض فقراته: fahras search --section {theme.section}"), file=out)
        return
    header = count_phrase(results.total, RESULT_FORMS)
    if len(results.hits) < results.total:
        header += f" (تُعرض أول {len(results.hits)})"
    click.echo(show(header), file=out)
    for hit in results.hits:
        theme = f"{hit.section}. {hit.theme}" if hit.section else "بلا قسم"
        recs = "، ".join(map(str, hit.recs)) or "—"
        title = f"{hit.doc} ¶{hit.n} | {theme} | التوصيات: {recs}"
        click.echo("", file=out)
        click.echo(click.style(show(title), bold=True) if color else show(title), file=out)
        click.echo(show(marked_text(hit, color)), file=out)
    if results.facets.get("theme") and len(results.facets["theme"]) > 1:
        facets = "؛ ".join(f"{label}: {count}" for label, count in results.facets["theme"].items())
        click.echo("", file=out)
        click.echo(show(f"حسب الموضوع: {facets}"), file=out)
