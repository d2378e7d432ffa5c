"""Make the fixture atlas: a three-province subset of the bundled data/ for unit tests.

What: tests/data/fixture/ has the layout of data/ (what ``atlas.data.load_atlas`` reads) and holds
only what concerns Sichuan (510000), Chongqing (500000) and Gansu (620000): their hubs, the
east-west links with a western end in them, their indicator values and the national ones, their
prefectures, the regions that reach into them, the area records inside them and the sources all
of that cites.

Why: builders (figures, components) can be tested on a few dozen hubs instead of the whole atlas.
Nothing is invented: every row, value, coordinate and source is copied from data/ unchanged, only
filtered. CSV records and hub and link features keep their exact bytes. Only boundary polygons
are simplified (see ``simple_geometry``), and the metadata of each GeoJSON file says how.

How: ``python -m tests.data.make_fixture [OUTPUT_DIR]`` (default tests/data/fixture/) rewrites the
fixture and then loads it with ``load_atlas``. The output is the same bytes on every run:
tests/unit/test_fixture_atlas.py rebuilds it into a temporary directory and fails when the
committed fixture no longer matches data/. Run this and commit the result after changing data/.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Callable, Iterable
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

from layers import REGISTRY
from model.loader import load_atlas
from model.paths import ROOT
from model.regions import NATIONAL, province_of

# The bundled data itself, even when ATLAS_DATA_DIR points the app elsewhere.
BUNDLED = ROOT / "data"
FIXTURE = Path(__file__).resolve().parent / "fixture"
KEPT = frozenset({"510000", "500000", "620000"})  # Sichuan, Chongqing, Gansu
STAT_KEPT = KEPT | {NATIONAL}  # indicator values: the national ones are the reference in charts

# Boundary polygons are simplified with the first tolerance (degrees) that still covers every kept
# hub and link end of the province (the loader checks that points lie inside their province), then
# snapped to a 0.001 degree grid: set_precision keeps the polygons valid, where plain rounding
# could make a ring cross itself (rocks smaller than the grid vanish). The last resort is the
# bundled geometry, unchanged.
TOLERANCES = (0.2, 0.1, 0.05, 0.02, 0.01)
GRID = 0.001
DIGITS = 3
# Islands (polygon parts) smaller than this (deg², about 100 km²) are dropped, the largest part always
# kept: the coastal provinces' islets would otherwise be most of the fixture. Not in Hainan and
# Taiwan: their outlying islands (the South China Sea islands, Diaoyu Dao) are tiny, and a map of
# China must show them, as the bundled data does.
MIN_ISLAND = 0.01
KEEP_ISLANDS = frozenset({"460000", "710000"})
# countries.geojson is simplified at 0.1 degrees: a country this close to a kept province borders it.
BORDER_DISTANCE = 0.1


def read_text(path: Path) -> str:
    # Decoded from bytes: read_text() would translate line endings, and copies must be exact.
    return path.read_bytes().decode("utf-8")


def read_json(path: Path) -> dict:
    return json.loads(read_text(path))


def dump_json(fc: dict) -> str:
    # As scripts/_common.write_geojson writes data/geo/: copied features keep their exact bytes.
    return json.dumps(fc, ensure_ascii=False, separators=(",", ":")) + "\n"


def csv_records(path: Path) -> tuple[str, list[tuple[dict[str, str], str]]]:
    """A CSV file's header line and its records, each as (parsed row, its exact text).

    The text of a record is the physical lines it was read from (a quoted cell may hold line
    breaks), so a filtered file is made of the bundled file's own bytes, never re-quoted.
    """
    lines = list(io.StringIO(read_text(path), newline=""))
    reader = csv.reader(lines)
    header = next(reader)
    start = end_of_header = reader.line_num
    records = []
    for cells in reader:
        records.append((dict(zip(header, cells)), "".join(lines[start : reader.line_num])))
        start = reader.line_num
    return "".join(lines[:end_of_header]), records


def filter_csv(path: Path, keep: Callable[[dict[str, str]], bool]) -> tuple[str, list[dict[str, str]]]:
    """The file's text with only the records ``keep`` accepts, and those records."""
    header, records = csv_records(path)
    kept = [(row, text) for row, text in records if keep(row)]
    return header + "".join(text for _, text in kept), [row for row, _ in kept]


def split(cell: str) -> list[str]:
    return cell.split(";") if cell else []


def _rounded(coords):
    if isinstance(coords, float):
        return round(coords, DIGITS) + 0.0  # the float nearest the grid point; + 0.0 turns -0.0 into 0.0
    return [_rounded(c) for c in coords]


def simple_geometry(geometry: dict, points: Iterable[shapely.Point] = (), keep_islands: bool = False) -> dict:
    """A polygon simplified strongly, as long as it still covers ``points``."""
    geom, points = shape(geometry), list(points)
    if not keep_islands:
        parts = sorted(shapely.get_parts(geom), key=lambda p: p.area, reverse=True)
        geom = shapely.union_all([parts[0], *(p for p in parts[1:] if p.area >= MIN_ISLAND)])
    for tolerance in TOLERANCES:
        simple = shapely.set_precision(shapely.simplify(geom, tolerance, preserve_topology=True), GRID)
        if simple.is_valid and not simple.is_empty and all(simple.covers(p) for p in points):
            g = mapping(simple)
            return {"type": g["type"], "coordinates": _rounded(g["coordinates"])}
    return geometry


def with_geometry(feature: dict, geometry: dict) -> dict:
    return {**feature, "geometry": geometry}


def collection(fc: dict, features: list[dict], note: str) -> dict:
    """``fc`` with only ``features``; its metadata, kept, says what the fixture did."""
    meta = {**fc.get("metadata", {}), "fixture": note}
    return {"type": "FeatureCollection", "metadata": meta, "features": features}


def make_fixture(out: Path = FIXTURE, data: Path = BUNDLED) -> dict[str, int]:
    """Write the fixture under ``out`` from ``data``; returns each file's size in bytes."""
    files: dict[str, str] = {}
    subset = "Sichuan 510000, Chongqing 500000 and Gansu 620000 only; made by tests/data/make_fixture.py"
    simplified = (
        f"islands under {MIN_ISLAND} deg² dropped (largest part kept; all kept in Hainan and Taiwan); "
        f"shapely.simplify tolerance {TOLERANCES[0]} deg (less where a kept hub or link end would fall "
        f"outside its province), grid {GRID} deg; for tests, not for display"
    )

    # Hubs and links first: the province polygons must keep covering them.
    points: dict[str, list[shapely.Point]] = {}
    cited: set[str] = set()
    kept_hubs: set[str] = set()
    partners: set[str] = set()  # provinces and countries that kept hubs name
    for spec in REGISTRY.values():
        fc = read_json(data / "geo" / spec.file)
        if spec.geometry == "point":
            features = [f for f in fc["features"] if f["properties"]["province_adcode"] in KEPT]
            for f in features:
                points.setdefault(f["properties"]["province_adcode"], []).append(shape(f["geometry"]))
                partners.update(f["properties"]["partners"])
                kept_hubs.add(f["properties"]["id"])
        else:
            # East-west partnerships: the western end is the one that can lie in a kept province.
            features = [f for f in fc["features"] if province_of(f["properties"]["west_adcode"]) in KEPT]
            for f in features:
                coords = f["geometry"]["coordinates"]
                for end, xy in (("west_adcode", coords[0]), ("east_adcode", coords[-1])):
                    points.setdefault(province_of(f["properties"][end]), []).append(shapely.Point(xy))
        cited.update(sid for f in features for sid in f["properties"]["source_id"])
        files[f"geo/{spec.file}"] = dump_json(collection(fc, features, subset))

    # The loader requires every province: all are kept, as outlines.
    fc = read_json(data / "geo" / "provinces.geojson")
    features = []
    for f in fc["features"]:
        adcode = f["properties"]["adcode"]
        geometry = simple_geometry(f["geometry"], points.get(adcode, ()), keep_islands=adcode in KEEP_ISLANDS)
        features.append(with_geometry(f, geometry))
    kept_shapes = [shape(f["geometry"]) for f in fc["features"] if f["properties"]["adcode"] in KEPT]
    files["geo/provinces.geojson"] = dump_json(collection(fc, features, f"all provinces; {simplified}"))

    fc = read_json(data / "geo" / "prefectures_west.geojson")
    features = [
        with_geometry(f, simple_geometry(f["geometry"]))
        for f in fc["features"]
        if f["properties"]["province_adcode"] in KEPT
    ]
    files["geo/prefectures_west.geojson"] = dump_json(collection(fc, features, f"{subset}; {simplified}"))

    # Countries: those bordering a kept province and those named as partners by a kept hub.
    fc = read_json(data / "geo" / "countries.geojson")
    features = [
        with_geometry(f, simple_geometry(f["geometry"]))
        for f in fc["features"]
        if f["properties"]["iso3"] in partners
        or any(shapely.dwithin(shape(f["geometry"]), p, BORDER_DISTANCE) for p in kept_shapes)
    ]
    note = f"only countries bordering Sichuan, Chongqing or Gansu or partners of their hubs; {simplified}"
    files["geo/countries.geojson"] = dump_json(collection(fc, features, note))

    # The maritime line is small: copied whole.
    files["geo/maritime.geojson"] = read_text(data / "geo" / "maritime.geojson")

    text, rows = filter_csv(data / "indicators" / "values.csv", lambda r: r["adcode"] in STAT_KEPT)
    files["indicators/values.csv"] = text
    cited.update(r["source_id"] for r in rows)

    text, rows = filter_csv(
        data / "regions.csv",
        lambda r: any(province_of(a) in KEPT for a in split(r["adcodes"]) + split(r["partial_adcodes"])),
    )
    files["regions.csv"] = text
    cited.update(sid for r in rows for sid in split(r["source_id"]))

    # Area records whose whole area is kept: a kept province, or a region kept above.
    kept_regions = {r["region"] for r in rows}
    text, rows = filter_csv(
        data / "hubs" / "area_records.csv", lambda r: all(a in KEPT or a in kept_regions for a in split(r["area"]))
    )
    files["hubs/area_records.csv"] = text
    cited.update(sid for r in rows for sid in split(r["source_id"]))

    text, rows = filter_csv(data / "hubs" / "history.csv", lambda r: r["hub_id"] in kept_hubs)
    files["hubs/history.csv"] = text
    cited.update(sid for r in rows for sid in split(r["source_id"]))

    files["official_counts.csv"], rows = filter_csv(data / "official_counts.csv", lambda r: True)
    cited.update(sid for r in rows for sid in split(r["source_id"]))

    # Indicator definitions and policy measures concern every province: kept whole.
    files["indicators/indicators.csv"] = read_text(data / "indicators" / "indicators.csv")
    files["policy/measures.csv"], rows = filter_csv(data / "policy" / "measures.csv", lambda r: True)
    cited.update(r["source_id"] for r in rows)

    files["sources.csv"], _ = filter_csv(data / "sources.csv", lambda r: r["source_id"] in cited)

    sizes = {}
    for name, text in sorted(files.items()):
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))  # bytes: no newline translation on any platform
        sizes[name] = len(text.encode("utf-8"))
    load_atlas(out)  # raises DataValidationError, naming file and row, if the loader rejects the subset
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=FIXTURE, help="output directory (default: %(default)s)")
    args = parser.parse_args()
    sizes = make_fixture(args.out)
    for name, size in sizes.items():
        print(f"{size:>8}  {name}")
    print(f"{sum(sizes.values()):>8}  total bytes in {args.out}")


if __name__ == "__main__":
    main()
