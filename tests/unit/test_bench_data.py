"""ATLAS_DATA_DIR points the app at another data directory; the scale benchmark's data loads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.scale import copy_id, write_scaled
from model.loader import load_atlas
from model.paths import DATA, ROOT

SHOW_PATHS = "from model import paths; print(paths.DATA); print(paths.GEO); print(paths.SOURCES)"


def _paths(env_value: str | None) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "ATLAS_DATA_DIR"}
    if env_value is not None:
        env["ATLAS_DATA_DIR"] = env_value
    out = subprocess.run([sys.executable, "-c", SHOW_PATHS], cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()


def test_data_dir_defaults_to_the_bundled_data():
    assert _paths(None) == [str(ROOT / "data"), str(ROOT / "data" / "geo"), str(ROOT / "data" / "sources.csv")]
    assert _paths("") == _paths(None)  # an empty variable is no override


def test_atlas_data_dir_overrides_every_path(tmp_path: Path):
    assert _paths(str(tmp_path)) == [str(tmp_path), str(tmp_path / "geo"), str(tmp_path / "sources.csv")]


def test_scaled_data_passes_the_loader(tmp_path: Path, atlas_data):
    data = load_atlas(write_scaled(10, tmp_path / "data"))
    real = atlas_data.hubs
    assert len(data.hubs) == 10 * len(real)
    assert data.hubs["id"].is_unique
    first = real.iloc[0]
    copy = data.hubs.set_index("id").loc[copy_id(first["id"], 9)]
    assert copy["province_adcode"] == first["province_adcode"] and copy["layer"] == first["layer"]
    assert len(data.provinces) == len(atlas_data.provinces) and len(data.values) == len(atlas_data.values)


def test_scale_never_writes_into_the_bundled_data():
    with pytest.raises(ValueError):
        write_scaled(2, DATA / "scaled")
