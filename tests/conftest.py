"""Shared fixtures: the bundled data loaded once, a writable copy for breaking it, and the small
fixture atlas (three western provinces, tests/data/make_fixture.py) for testing builders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from model.paths import DATA
from model.prepared import Prepared, current, load

OUTPUT = Path(__file__).resolve().parent.parent / "test-output"
FIXTURE = Path(__file__).parent / "data" / "fixture"


@pytest.fixture(scope="session")
def atlas_data() -> Prepared:
    """The bundled data, prepared: the object the app serves."""
    return current()


@pytest.fixture(scope="session")
def fixture_data() -> Prepared:
    """Sichuan, Chongqing and Gansu only: real data, a few dozen hubs (tests/data/make_fixture.py)."""
    return load(FIXTURE)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest, ignore=shutil.ignore_patterns(".*"))  # not a developer's .backup, .history
    return dest


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT
