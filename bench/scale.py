"""A copy of the data directory with every hub layer multiplied, for the scale benchmark only.

    python -m bench.scale 100 [--out DIR] [--seed 0]

Each generated hub is a copy of a real hub with a new unique id (``<id>-x0042``) and its point
jittered inside the same province and, where the hub has one, the same prefecture-level unit, so
that the copy passes the normal loader (``model.loader.load_atlas``) unchanged. Everything else is
copied as it is. The output goes to a new temporary directory (or ``--out``), never into the
repository's ``data/``; point the app at it with ``ATLAS_DATA_DIR`` (model/paths.py).
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import tempfile
from pathlib import Path

import numpy as np
import shapely

from model.paths import DATA, ROOT
from model.regions import prefecture_of

RADIUS = 0.35  # degrees: how far a generated point may move from the real hub it copies
ATTEMPTS = 12


def copy_id(hub_id: str, k: int) -> str:
    return f"{hub_id}-x{k:04d}"


def _shapes(data_dir: Path, name: str) -> dict[str, shapely.Geometry]:
    fc = json.loads((data_dir / "geo" / name).read_text(encoding="utf-8"))
    return {f["properties"]["adcode"]: shapely.geometry.shape(f["geometry"]) for f in fc["features"]}


def _area(props: dict, provinces: dict, prefectures: dict) -> shapely.Geometry:
    """Where copies of a hub may lie: its province, cut to its prefecture-level unit if it has one."""
    province = provinces[props["province_adcode"]]
    pref = prefectures.get(prefecture_of(props["place_adcode"]) or "")
    if pref is not None:
        both = province.intersection(pref)
        if not both.is_empty and both.area > 0:
            return both
    return province


def jitter(point: tuple[float, float], area: shapely.Geometry, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` points (lon, lat, 4 decimals) near ``point`` and inside ``area`` (fallback: the point)."""
    shapely.prepare(area)
    out = np.empty((0, 2))
    radius = RADIUS
    for _ in range(ATTEMPTS):
        need = n - len(out)
        if need <= 0:
            break
        r = radius * np.sqrt(rng.random(need * 3))
        a = 2 * np.pi * rng.random(need * 3)
        xy = np.round(np.column_stack([point[0] + r * np.cos(a), point[1] + r * np.sin(a)]), 4)
        out = np.vstack([out, xy[shapely.contains_xy(area, xy[:, 0], xy[:, 1])][:need]])
        radius /= 2
    if len(out) < n:  # a sliver of a unit: keep the real point (it already passes the loader)
        out = np.vstack([out, np.tile(point, (n - len(out), 1))])
    return out


def _scale_layer(path: Path, factor: int, provinces: dict, prefectures: dict, rng: np.random.Generator) -> int:
    fc = json.loads(path.read_text(encoding="utf-8"))
    features = []
    for feat in fc["features"]:
        features.append(feat)
        props = feat["properties"]
        lon, lat = feat["geometry"]["coordinates"]
        points = jitter((lon, lat), _area(props, provinces, prefectures), factor - 1, rng)
        for k, (x, y) in enumerate(points, start=1):
            copy = {**props, "id": copy_id(props["id"], k)}
            if props.get("same_place_as"):  # the copy is another designation of its place's copy
                copy["same_place_as"] = copy_id(props["same_place_as"], k)
            features.append(
                {"type": "Feature", "properties": copy, "geometry": {"type": "Point", "coordinates": [x, y]}}
            )
    fc["features"] = features
    fc.setdefault("metadata", {})["generated"] = f"bench.scale ×{factor} (benchmark only, not product data)"
    path.write_text(json.dumps(fc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(features)


def _read(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def _scale_table(path: Path, factor: int) -> None:
    """The curated CSV gets the same copies (no coordinates there), so the copy stays consistent;
    a copy of another designation of a place names the copy of the place's record.
    """
    header, rows = _read(path)

    def copies(row: dict):
        yield row
        for k in range(1, factor):
            same = row.get("same_place_as")
            yield {**row, "id": copy_id(row["id"], k)} | ({"same_place_as": copy_id(same, k)} if same else {})

    _write(path, header, (c for row in rows for c in copies(row)))


def _scale_history(path: Path, factor: int) -> None:
    """Each copy of a hub gets its history (an upgrade leads to the copy of its successor)."""
    header, rows = _read(path)
    copies = [
        row
        if k == 0
        else {
            **row,
            "hub_id": copy_id(row["hub_id"], k),
            "successor": row["successor"] and copy_id(row["successor"], k),
        }
        for k in range(factor)
        for row in rows
    ]
    _write(path, header, copies)


def write_scaled(factor: int, dest: Path | None = None, source: Path = DATA, seed: int = 0) -> Path:
    """Write ``source`` with every hub layer ×``factor`` to ``dest`` (a new temp dir by default)."""
    from layers import REGISTRY

    if factor < 1:
        raise ValueError("factor must be at least 1")
    dest = Path(tempfile.mkdtemp(prefix=f"atlas-x{factor}-")) / "data" if dest is None else Path(dest)
    dest = dest.resolve()
    for guarded in (DATA.resolve(), (ROOT / "data").resolve()):
        if dest == guarded or guarded in dest.parents:
            raise ValueError(f"refusing to write generated data into {guarded}")
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source, dest)
    provinces = _shapes(dest, "provinces.geojson")
    prefectures = _shapes(dest, "prefectures_west.geojson")
    rng = np.random.default_rng(seed)
    for spec in REGISTRY.values():
        if spec.geometry != "point":
            continue
        _scale_layer(dest / "geo" / spec.file, factor, provinces, prefectures, rng)
        table = dest / "hubs" / spec.source_table
        if table.exists():
            _scale_table(table, factor)
    _scale_history(dest / "hubs" / "history.csv", factor)
    return dest


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("factor", type=int)
    ap.add_argument("--out", type=Path, default=None, help="data directory to write (default: a new temp dir)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    print(write_scaled(args.factor, args.out, seed=args.seed))


if __name__ == "__main__":
    main()
