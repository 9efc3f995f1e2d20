"""Shared fixtures: the bundled seed document and small hand-made documents."""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.pipeline import bundled_data_dir

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return bundled_data_dir() / "kazakhstan_upr_response_ar.txt"


@pytest.fixture(scope="session")
def seed_document(seed_path):
    from indexer.pipeline import load_document

    return load_document(seed_path)


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory, seed_path) -> Path:
    """A folder with the seed and two small hand-made documents."""
    import shutil

    folder = tmp_path_factory.mktemp("corpus")
    shutil.copy(seed_path, folder / seed_path.name)
    shutil.copy(seed_path.with_suffix(".json"), folder / seed_path.with_suffix(".json").name)
    shutil.copy(FIXTURES / "upr_ranking.txt", folder / "ranking.txt")
    shutil.copy(FIXTURES / "upr_clean.txt", folder / "clean.txt")
    return folder


@pytest.fixture(scope="session")
def built_index(tmp_path_factory, corpus_dir) -> Path:
    from indexer.build import build_index

    index_dir = tmp_path_factory.mktemp("index") / "ix"
    build_index(index_dir, [corpus_dir])
    return index_dir


@pytest.fixture
def engine(built_index):
    from search.engine import Engine

    with Engine(built_index) as e:
        yield e


@pytest.fixture
def edited_corpus_index(tmp_path, corpus_dir):
    """A copy of the corpus indexed, then ``edit(name)`` appends a word to the first line of
    that file and indexes again (an incremental run: a second segment, deleted paragraphs).
    Returns ``(folder, index_dir, edit)``."""
    import shutil

    from indexer.build import build_index

    folder = tmp_path / "docs"
    shutil.copytree(corpus_dir, folder)
    index_dir = tmp_path / "ix"
    build_index(index_dir, [folder])

    def edit(name: str) -> None:
        target = folder / name
        target.write_text(target.read_text(encoding="utf-8").replace("\n", " تعديل\n", 1), encoding="utf-8")
        build_index(index_dir, [folder])

    return folder, index_dir, edit
