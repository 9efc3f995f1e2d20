"""End to end: ``fahras index`` a folder of downloads (text, PDF, DOCX, the UAE law PDF),
then ``fahras search`` finds a phrase from each file."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from search.cli import main

SOURCES = Path(__file__).parent / "fixtures" / "sources"


@pytest.fixture(scope="module")
def downloads_index(tmp_path_factory, seed_path) -> Path:
    folder = tmp_path_factory.mktemp("downloads")
    shutil.copy(seed_path, folder / seed_path.name)
    shutil.copy(seed_path.with_suffix(".json"), folder / seed_path.with_suffix(".json").name)
    shutil.copy(SOURCES / "upr_fictional_response.pdf", folder / "zm_response.pdf")
    shutil.copy(SOURCES / "upr_fictional_response.docx", folder / "zm_response_word.docx")
    shutil.copy(SOURCES / "upr_footnotes.pdf", folder / "zm_follow_up.pdf")
    shutil.copy(SOURCES / "uae_federal_decree_law_39_2022_compulsory_education.pdf", folder / "uae_law.pdf")
    index = tmp_path_factory.mktemp("ix") / "index"
    result = CliRunner().invoke(main, ["index", str(folder), "--index", str(index)])
    assert result.exit_code == 0, result.output
    return index


def search_docs(index: Path, query: str) -> set[str]:
    result = CliRunner(env={"FAHRAS_INDEX": str(index)}).invoke(
        main, ["search", query, "--json", "--limit", "20"])
    assert result.exit_code == 0, result.output
    return {hit["doc"] for hit in json.loads(result.output)["hits"]}


@pytest.mark.parametrize("phrase, doc", [
    ("عديمي الجنسية", "kazakhstan-upr-response-ar"),
    ("عقوبة السجن في قضايا التشهير", "zm_response"),
    ("عقوبة السجن في قضايا التشهير", "zm_response_word"),
    ("تقرير منتصف المدة", "zm_follow_up"),
    ("الوثائق الثبوتية سارية المفعول", "uae_law"),
])
def test_a_phrase_from_each_file_is_found(downloads_index, phrase, doc):
    assert doc in search_docs(downloads_index, phrase)
