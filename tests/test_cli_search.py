"""The index/search/themes/rec/analyze commands through click's CliRunner."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from search.cli import main

HIT_FIELDS = {"doc", "n", "section", "theme", "recs", "score", "text", "highlight"}


@pytest.fixture
def runner():
    return CliRunner()


def invoke(runner, *args, env=None):
    return runner.invoke(main, list(args), env=env)


def test_first_search_builds_the_index_from_bundled_data(runner, tmp_path):
    env = {"FAHRAS_INDEX": str(tmp_path / "ix")}
    result = invoke(runner, "search", "الجنسية", "--json", env=env)
    assert result.exit_code == 0, result.output
    assert "building it from the bundled documents" in result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"query", "total", "hits", "facets", "suggestion"}
    assert data["total"] > 0 and HIT_FIELDS <= set(data["hits"][0])
    assert isinstance(data["facets"]["theme"], dict)
    again = invoke(runner, "search", "الجنسية", "--json", env=env)
    assert "building" not in again.stderr


def test_index_command_reports_and_skips_unchanged(runner, tmp_path, corpus_dir):
    target = tmp_path / "ix"
    first = invoke(runner, "index", str(corpus_dir), "--index", str(target))
    assert first.exit_code == 0, first.output
    assert "indexed 3 file(s), 94 paragraph(s)" in first.stdout
    second = invoke(runner, "index", str(corpus_dir), "--index", str(target))
    assert "3 unchanged" in second.stdout
    rebuilt = invoke(runner, "index", str(corpus_dir), "--index", str(target), "--rebuild")
    assert "indexed 3 file(s)" in rebuilt.stdout


def test_index_with_a_bad_file_exits_nonzero_but_indexes_the_rest(runner, tmp_path, fixtures_dir):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text((fixtures_dir / "upr_ranking.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"%PDF-1.4\n\x00garbage")
    result = invoke(runner, "index", str(folder), "--index", str(tmp_path / "ix"))
    assert result.exit_code == 2
    assert "bad.txt" in result.stderr and "Traceback" not in result.output
    assert "7 paragraphs in" in result.stdout


def test_index_missing_path_is_one_line_error(runner, tmp_path):
    result = invoke(runner, "index", str(tmp_path / "nope"), "--index", str(tmp_path / "ix"))
    assert result.exit_code == 1 and result.stderr.count("\n") == 1


def test_search_filters_and_json(runner, built_index):
    result = invoke(runner, "search", "السجن", "--rec", "9", "--doc", "ranking", "--json",
                    "--index", str(built_index))
    data = json.loads(result.stdout)
    assert data["total"] == 2 and all(h["recs"] == [9] for h in data["hits"])


def test_search_text_output_names_document_paragraph_and_recs(runner, built_index):
    result = invoke(runner, "search", "الصحفيين", "--doc", "ranking", "--index", str(built_index))
    assert result.exit_code == 0
    assert "ranking ¶3" in result.stdout and "«الصحفيين»" in result.stdout and "7، 8" in result.stdout


def test_search_bidi_option_reorders(runner, built_index):
    plain = invoke(runner, "search", "الصحفيين", "--doc", "ranking", "--index", str(built_index))
    visual = invoke(runner, "search", "الصحفيين", "--doc", "ranking", "--bidi", "--index", str(built_index))
    assert visual.exit_code == 0 and visual.stdout != plain.stdout


def test_no_results_prints_suggestion(runner, built_index):
    result = invoke(runner, "search", "الصحفيبن", "--doc", "ranking", "--index", str(built_index))
    assert "لا نتائج" in result.stdout and "هل تقصد" in result.stdout


@pytest.mark.parametrize("args, needle", [
    (["search", "حقوق", "--rec", "abc"], "must be a number"),
    (["search", "حقوق", "--rec", "99999"], "recommendations:"),
    (["search", "حقوق", "--theme", "الفضاء"], "themes:"),
    (["search", ""], "empty query"),
    (["rec", "99999"], "recommendations:"),
])
def test_errors_are_one_line_and_nonzero(runner, built_index, args, needle):
    result = invoke(runner, *args, "--index", str(built_index))
    assert result.exit_code == 1
    assert needle in result.stderr and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_themes_json(runner, built_index):
    data = json.loads(invoke(runner, "themes", "--json", "--index", str(built_index)).stdout)
    assert {"section", "theme", "paragraphs", "recs"} <= set(data[0])
    assert any(t["theme"] == "الاحتجاز" and t["recs"] == [9] and t["paragraphs"] == 3 for t in data)


def test_rec_command_lists_every_answering_paragraph(runner, built_index):
    data = json.loads(invoke(runner, "rec", "٨٧", "--json", "--index", str(built_index)).stdout)
    assert [h["n"] for h in data["hits"]] == list(range(30, 37))


def test_analyze_json_tokens(runner):
    result = invoke(runner, "analyze", "والصحفيين في المدرسة", "--json")
    tokens = json.loads(result.stdout)
    assert [set(t) for t in tokens][0] == {"surface", "normalized", "stem", "start", "end"}
    assert tokens[0]["surface"] == "والصحفيين" and tokens[0]["start"] == 0 and tokens[0]["end"] == 9


def test_arabic_count_phrases():
    from search.terminal import PARAGRAPH_FORMS, RESULT_FORMS, count_phrase

    assert count_phrase(1, RESULT_FORMS) == "نتيجة واحدة"
    assert count_phrase(2, PARAGRAPH_FORMS) == "فقرتان"
    assert count_phrase(7, PARAGRAPH_FORMS) == "7 فقرات"
    assert count_phrase(11, PARAGRAPH_FORMS) == "11 فقرة"
    assert count_phrase(103, PARAGRAPH_FORMS) == "103 فقرات"


def test_index_of_another_version_is_one_line_error(runner, tmp_path, fixtures_dir):
    import json as _json

    from indexer.build import META_FILE, build_index, current_generation

    index_dir = tmp_path / "ix"
    build_index(index_dir, [fixtures_dir / "upr_ranking.txt"])
    meta = current_generation(index_dir) / META_FILE
    data = _json.loads(meta.read_text())
    data["schema_version"] = 1
    meta.write_text(_json.dumps(data))
    result = invoke(runner, "search", "السجن", "--index", str(index_dir))
    assert result.exit_code == 1 and "--rebuild" in result.stderr and result.stderr.count("\n") == 1


def test_no_results_names_the_theme_whose_heading_has_the_words(runner, built_index):
    result = invoke(runner, "search", "التعبير", "--doc", "ranking", "--index", str(built_index))
    assert result.exit_code == 0
    assert "لا نتائج" in result.stdout and "حرية التعبير" in result.stdout
    assert "fahras search --section 1" in result.stdout
    data = json.loads(invoke(runner, "search", "التعبير", "--doc", "ranking", "--json",
                             "--index", str(built_index)).stdout)
    assert set(data) == {"query", "total", "hits", "facets", "suggestion"}  # the contract's fields
