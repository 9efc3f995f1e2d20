"""``fahras parse`` and ``fahras repair`` through click's CliRunner."""
from __future__ import annotations

import json

from click.testing import CliRunner

from search.cli import main

PARAGRAPH_FIELDS = {"doc", "n", "section", "theme", "recs", "text", "raw"}


def test_parse_json_gives_80_paragraphs(seed_path):
    result = CliRunner().invoke(main, ["parse", str(seed_path), "--json"])
    assert result.exit_code == 0, result.output
    paragraphs = json.loads(result.output)
    assert [p["n"] for p in paragraphs] == list(range(1, 81))
    assert PARAGRAPH_FIELDS <= set(paragraphs[0])
    assert paragraphs[0]["doc"] == "kazakhstan-upr-response-ar"
    assert paragraphs[20]["section"] == 2 and paragraphs[20]["recs"] == [45]


def test_parse_text_output_names_paragraphs(seed_path):
    result = CliRunner().invoke(main, ["parse", str(seed_path)])
    assert result.exit_code == 0
    assert "¶80" in result.output


def test_parse_bad_file_is_one_line_error(tmp_path):
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"%PDF-1.4\n\x00\x01")
    result = CliRunner().invoke(main, ["parse", str(bad)])
    assert result.exit_code != 0
    assert result.output.strip().count("\n") == 0 and str(bad) in result.output
    assert "Traceback" not in result.output


def test_repair_prints_text_without_tatweel(seed_path):
    result = CliRunner().invoke(main, ["repair", str(seed_path)])
    assert result.exit_code == 0
    assert "\N{ARABIC TATWEEL}" not in result.output
    assert "-80" in result.output
