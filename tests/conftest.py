"""Shared fixtures: the bundled data loaded once, and a writable copy for breaking it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from atlas.data import Atlas, load_atlas
from atlas.paths import DATA

OUTPUT = Path(__file__).resolve().parent.parent / "test-output"


@pytest.fixture(scope="session")
def atlas_data() -> Atlas:
    return load_atlas(DATA)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT
