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
