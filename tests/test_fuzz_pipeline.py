"""Fuzzing the whole pipeline with hypothesis: sources -> repair -> structure -> analysis ->
index -> search, on random Unicode weighted towards what UN documents hold (Arabic letters,
marks, tatweel, digits of both kinds, punctuation, newlines and ``N-`` / ``- N`` markers).

No stage may raise anything but its documented one-line error, and the structure keeps its
invariants: paragraph numbers strictly increase, every raw line is a line of the input in
input order, recommendation numbers are ints, and with the repair left out, the words of a
paragraph's text are words of its raw text and a numbered paragraph's first raw line holds its
number (documents without numbers are read as blocks numbered 1, 2, …). Example counts are modest so the file runs in
a few seconds; ``FAHRAS_FUZZ_SCALE=20`` multiplies them for a deeper run, and
``--hypothesis-seed`` reproduces a failure.
"""
from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from indexer.analysis import explain
from indexer.build import build_index
from indexer.records import Document
from indexer.sources import SourceError, decode_bytes
from indexer.structure import DIGITS, parse_text
from search.engine import Engine
from search.query import QueryError

ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x064B)]
ARABIC_MARKS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0640"]  # harakat, tatweel
DIGIT_CHARS = list("0123456789") + [chr(c) for c in range(0x0660, 0x066A)]
PUNCTUATION = list(" -.:()/،؛؟«»\"'*\u2013\u2022")

letters = st.sampled_from(ARABIC_LETTERS)
weighted_char = st.one_of(
    letters, letters, letters, letters,
    st.sampled_from(ARABIC_MARKS), st.sampled_from(DIGIT_CHARS), st.sampled_from(PUNCTUATION),
    st.sampled_from(PUNCTUATION), st.characters(blacklist_categories=("Cs",)),
)
word = st.text(letters, min_size=1, max_size=9)
number = st.integers(min_value=0, max_value=130).map(str)
free_line = st.text(weighted_char, max_size=80)
marker_line = st.builds(lambda n, dash_first, words: (f"-{n} " if dash_first else f"{n}- ") + " ".join(words),
                        number, st.booleans(), st.lists(word, max_size=8))
heading_line = st.builds(lambda o, theme, recs: f"{o}- {' '.join(theme)}: التوصيات {' و'.join(recs)}",
                         st.sampled_from(["أولاً", "ثانياً", "ثالثاً", "رابعاً", "خامساً"]),
                         st.lists(word, min_size=1, max_size=3), st.lists(number, min_size=1, max_size=4))
subheading_line = st.builds(lambda recs: "التوصية " + " و".join(recs), st.lists(number, min_size=1, max_size=2))
line = st.one_of(free_line, marker_line, marker_line, heading_line, subheading_line, st.just(""))
document_text = st.lists(line, min_size=1, max_size=25).map("\n".join)

#: Multiplies every example count (``FAHRAS_FUZZ_SCALE=20`` for a deeper run).
SCALE = max(1, int(os.environ.get("FAHRAS_FUZZ_SCALE", "1") or 1))
FUZZ = settings(deadline=None, max_examples=100 * SCALE, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def identity(lines: list[str]) -> list[str]:
    return list(lines)


def is_subsequence(part: list[str], whole: list[str]) -> bool:
    it = iter(whole)
    return all(any(item == candidate for candidate in it) for item in part)


def check_structure(document: Document, text: str, *, repaired: bool) -> None:
    lines = text.split("\n")
    numbers = [p.n for p in document.paragraphs]
    assert numbers == sorted(set(numbers)), numbers  # strictly increasing
    for p in document.paragraphs:
        assert isinstance(p.n, int) and p.n >= 1
        assert all(isinstance(r, int) for r in p.recs)
        assert p.section is None or isinstance(p.section, int)
        raw_lines = p.raw.split("\n")
        assert is_subsequence(raw_lines, lines), (p.raw, text)
        assert "\n" not in p.text
        if not repaired:
            assert not Counter(p.text.split()) - Counter(p.raw.split()), (p.text, p.raw)
            if document.metadata.get("paragraphing") != "blocks":  # blocks are numbered 1, 2, …
                assert re.search(rf"(?<!\d){p.n}(?!\d)", raw_lines[0].translate(DIGITS)), (p.n, raw_lines[0])


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1256"]


@FUZZ
@given(document_text, st.sampled_from(ENCODINGS), st.booleans())
def test_sources_decode_what_they_accept_exactly(text, encoding, crlf):
    raw = text.replace("\n", "\r\n") if crlf else text
    try:
        data = raw.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    try:
        decoded = decode_bytes(data, "fuzz.txt")
    except SourceError as err:
        assert "\n" not in str(err) and "fuzz.txt" in str(err)
        return
    assert decoded.text == raw.replace("\r\n", "\n").replace("\r", "\n")


@settings(FUZZ, max_examples=150 * SCALE)
@given(document_text)
def test_structure_invariants_without_repair(text):
    check_structure(parse_text(text, "fuzz", repair=identity), text, repaired=False)


@settings(FUZZ, max_examples=30 * SCALE)
@given(document_text)
def test_structure_invariants_with_repair(text):
    check_structure(parse_text(text, "fuzz"), text, repaired=True)


@settings(FUZZ, max_examples=150 * SCALE)
@given(st.text(weighted_char, max_size=200))
def test_analysis_offsets_point_into_the_text(text):
    for token in explain(text):
        assert 0 <= token.start < token.end <= len(text)
        assert text[token.start:token.end] == token.surface
        assert token.normalized


@settings(FUZZ, max_examples=20 * SCALE)
@given(document_text, st.booleans())
def test_index_and_search_what_was_parsed(text, repaired):
    document = parse_text(text, "fuzz") if repaired else parse_text(text, "fuzz", repair=identity)
    assume(document.paragraphs)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "fuzz.txt"
        source.write_text(text, encoding="utf-8")
        report = build_index(Path(tmp) / "ix", [source], load=lambda path: document)
        assert report.total_paragraphs == len(document.paragraphs) and not report.failed
        with Engine(Path(tmp) / "ix") as engine:
            stored = {h.n: h for h in engine.paragraphs()}
            assert sorted(stored) == [p.n for p in document.paragraphs]
            for p in document.paragraphs:
                assert stored[p.n].raw == p.raw and stored[p.n].text == p.text
                assert stored[p.n].recs == p.recs
                words = [t.surface for t in explain(p.text)
                         if t.stem and re.fullmatch(r"[\u0621-\u064a]{2,}", t.surface)]
                if words:
                    hits = engine.search(words[0], limit=None).hits
                    assert p.n in {h.n for h in hits}, (words[0], p.text)


QUERY_TOKENS = ["AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "و", "أو", "ليس", "(", ")", '"', "*", "?",
                "حقوق", "الطفل", "ال*", "theme:", "rec:5", "rec:", "section:1", "doc:upr", "~", "^2",
                "[", "]", "{", "}", "TO", "-", "+", ":", "\\", "/", "٨٧", "\u202e", "\x00", "\n"]


@settings(FUZZ, max_examples=120 * SCALE)
@given(st.lists(st.one_of(st.sampled_from(QUERY_TOKENS), st.text(weighted_char, max_size=6)), max_size=12),
       st.sampled_from(["", " "]))
def test_any_query_answers_or_refuses_in_one_line(query_engine, tokens, joiner):
    try:
        results = query_engine.search(joiner.join(tokens))
    except QueryError as err:
        assert "\n" not in str(err)
    else:
        assert results.total >= 0


@pytest.fixture(scope="module")
def query_engine(tmp_path_factory):
    from test_robust_support import FIXTURES, plain_loader

    index_dir = tmp_path_factory.mktemp("fuzzq") / "ix"
    build_index(index_dir, [FIXTURES / "upr_ranking.txt", FIXTURES / "upr_clean.txt"], load=plain_loader)
    with Engine(index_dir) as engine:
        yield engine


@settings(FUZZ, max_examples=100 * SCALE)
@given(st.sampled_from(["theme", "section", "rec", "doc"]),
       st.one_of(st.text(weighted_char, max_size=12), st.text(st.sampled_from(DIGIT_CHARS + ["¹", "①", "x"]),
                                                              max_size=12)))
def test_any_filter_value_answers_or_refuses_in_one_line(query_engine, name, value):
    try:
        results = query_engine.search("حقوق", **{name: value})
    except QueryError as err:
        assert "\n" not in str(err)
    else:
        assert results.total >= 0
