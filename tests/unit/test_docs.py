"""A key that the data uses but docs/data.md does not explain is a defect."""

from __future__ import annotations

from pathlib import Path

import pytest

from layers import REGISTRY
from model.terms import LEVELS, PRECISIONS, SECTORS, STATUSES

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")

KEYS = [
    *(("layer", k) for k in REGISTRY),
    *(("sector", k) for k in SECTORS),
    *(("level", k) for k in LEVELS),
    *(("status", k) for k in STATUSES),
    *(("precision", k) for k in PRECISIONS),
]


@pytest.mark.parametrize(("kind", "key"), KEYS, ids=[f"{k}:{v}" for k, v in KEYS])
def test_vocabulary_key_is_documented(kind, key):
    assert f"`{key}`" in DOC, f"{kind} {key!r} is not documented in docs/data.md"


def test_every_indicator_is_documented(atlas_data):
    for key in atlas_data.indicators.index:
        assert f"`{key}`" in DOC, key


def test_readme_gives_the_two_commands():
    assert "make run" in README and "make test" in README
    assert "http://127.0.0.1:8050" in README


def test_download_columns_are_documented(atlas_data):
    from export.downloads import TABLES
    from view.state import ViewState

    for spec in TABLES.values():
        for column in spec.rows(atlas_data, ViewState()).columns:
            assert f"`{column}`" in DOC, column
