"""Hostile documents: markup, direction controls, NUL bytes, huge lines and words.

Each is indexed without error, its stored raw text comes back byte for byte, and what the
engine hands to HTML (``Hit.highlight``) is escaped. Files are read by the real pipeline
(sources -> repair -> structure). Paragraphs with NUL bytes (which make a text file
binary) and a half-megabyte paragraph go through ``build_index`` with a loader of our own,
as a PDF or DOCX reader would hand them over.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer.build import build_index
from indexer.records import Document, Paragraph
from indexer.sources import SourceError, read_source
from search.engine import Engine

SCRIPT = "<script>alert('x')</script>"
HOSTILE_LINES = {
    "html": [f"1- {SCRIPT} تحمي <b>القوانين</b> &amp; حقوق &lt;الطفل&gt; في السجن",
             "2- فقرة \"ثانية\" 'مع' <img src=x onerror=alert(1)> عن السجن"],
    "bidi": ["1- تحمي القوانين \u202eحقوق الإنسان\u202c و\u2066العزل\u2069 \u200fفي السجن\u200e",
             "2- \u202dفقرة\u202c ثانية عن السجن"],
    "long-line": ["1- " + "تحمي القوانين حقوق الطفل في السجن " * 1500, "2- فقرة ثانية عن السجن"],
    "long-word": ["1- " + "ح" * 20000 + " السجن", "2- فقرة ثانية عن السجن"],
}
#: An HTML tag other than the highlighter's own <mark>.
FOREIGN_TAG = re.compile(r"<(?!/?mark\b)[a-zA-Z/!]")


@pytest.fixture(scope="module")
def hostile_index(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, lines in HOSTILE_LINES.items():
        (folder / f"{name}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    index_dir = folder / "ix"
    report = build_index(index_dir, [folder])  # the real loader, repair included
    assert report.failed == [] and len(report.added) == len(HOSTILE_LINES)
    return index_dir


@pytest.mark.parametrize("name", HOSTILE_LINES)
def test_raw_text_comes_back_intact_and_html_is_escaped(hostile_index, name):
    with Engine(hostile_index) as engine:
        stored = {h.n: h for h in engine.paragraphs(doc=name)}
        assert sorted(stored) == [1, 2]
        for n, line in enumerate(HOSTILE_LINES[name], start=1):
            assert stored[n].raw == line
        results = engine.search("السجن", doc=name, limit=5)
    assert results.total == 2
    for hit in results.hits:
        assert "<mark" in hit.highlight
        assert not FOREIGN_TAG.search(hit.highlight), hit.highlight[:200]
        assert len(hit.highlight) < 20_000  # fragments, not the whole 50,000-letter line


def test_markup_is_text_not_html(hostile_index):
    with Engine(hostile_index) as engine:
        first = engine.paragraphs(doc="html")[0]
        assert SCRIPT in first.text  # stored as typed: escaping is the renderer's job …
        highlight = engine.search("القوانين", doc="html").hits[0].highlight
        assert "&lt;/script&gt;" in highlight and "<script" not in highlight  # … and done
        assert "&amp;amp;" in highlight  # an entity in the text is text too


def test_direction_controls_survive_in_raw_and_do_not_break_search(hostile_index):
    with Engine(hostile_index) as engine:
        assert "\u202e" in engine.paragraphs(doc="bidi")[0].raw
        assert engine.search("حقوق الإنسان", doc="bidi").total >= 1
        assert engine.search("\u202eالإنسان\u202c", doc="bidi").total >= 1


def test_nul_bytes_in_a_text_file_are_refused_in_one_line(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes("1- حقوق\x00 الإنسان\n".encode("utf-8"))
    with pytest.raises(SourceError) as err:
        read_source(path)
    assert "NUL" in str(err.value) and "\n" not in str(err.value) and "nul.txt" in str(err.value)


def test_paragraphs_with_nul_bytes_and_half_a_megabyte_of_text_are_stored_intact(tmp_path):
    texts = {
        1: "حقوق\x00الإنسان \x00 في السجن",
        2: "السجن " + "حقوق الطفل " * 50_000,  # half a megabyte (UTF-8)
        3: "\u202e<script>السجن</script>\u202c",
    }

    def load(path: Path) -> Document:
        return Document("odd", (), tuple(Paragraph("odd", n, None, None, (), t, t) for n, t in texts.items()))

    source = tmp_path / "odd.bin"
    source.write_bytes(b"placeholder")
    report = build_index(tmp_path / "ix", [source], load=load)
    assert report.total_paragraphs == 3
    with Engine(tmp_path / "ix") as engine:
        for hit in engine.paragraphs():
            assert hit.text == hit.raw == texts[hit.n]
        results = engine.search("السجن")
        assert results.total == 3
        for hit in results.hits:
            assert not FOREIGN_TAG.search(hit.highlight) and len(hit.highlight) < 20_000
