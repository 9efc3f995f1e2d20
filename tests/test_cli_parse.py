"""``fahras parse`` and ``fahras repair`` through click's CliRunner."""
from __future__ import annotations

import json
import re

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


def test_repair_prints_text_without_stretching_tatweel(seed_path):
    result = CliRunner().invoke(main, ["repair", str(seed_path)])
    assert result.exit_code == 0
    # the one tatweel left is a proclitic's before a number: "علماً بـ 35 توصية"
    assert re.findall(r"\S*\N{ARABIC TATWEEL}\S*", result.output) == ["بـ"]
    assert "-80" in result.output


def test_repair_explain_lists_changes_with_line_numbers(seed_path):
    result = CliRunner().invoke(main, ["repair", str(seed_path), "--explain"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("#") and "damage found" in lines[0]
    changed = [line for line in lines[1:] if line and line[0].isdigit()]
    assert len(changed) > 50
    assert any(line.startswith("  + ") and "نظام" in line for line in lines)


def test_repair_explain_on_clean_text_changes_nothing(fixtures_dir):
    result = CliRunner().invoke(main, ["repair", str(fixtures_dir / "upr_ranking.txt"), "--explain"])
    assert result.exit_code == 0
    assert "0 line(s) changed" in result.output.splitlines()[0]


def test_parse_marks_block_paragraphing_in_metadata(tmp_path):
    from indexer.pipeline import load_document

    law = tmp_path / "law.txt"
    law.write_text("المادة (1)\n1. التعليم إلزامي.\n2. وهو مجاني.\n\nالمادة (2)\n1. يعاقب المخالف.\n"
                   "2. وتضاعف العقوبة.\n", encoding="utf-8")
    assert load_document(law).metadata.get("paragraphing") == "blocks"
