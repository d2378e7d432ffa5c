"""The figure a page starts with: all geometry, the static hub data and the default state drawn."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go

from figures import classes
from figures.map.areas import traces as area_traces
from figures.map.layout import (
    COUNTRIES,
    DEFAULT_LAT,
    DEFAULT_LON,
    EMPTY_FC,
    HALO,
    HUB_TRACE,
    INSET,
    INSET_BOX,
    INSET_DOMAIN,
    INSET_LABEL_AT,
    LAND_GAPS,
    PREFECTURES,
    PROVINCES,
    _geo_layout,
)
from figures.map.static import (
    _fc,
    _lines,
    _names,
    clustered,
    hub_rows,
    inset_provinces,
    land_gaps_geojson,
    prefecture_geojson,
)
from figures.map.values import _set, map_values
from figures.palette import (
    BORDER,
    COUNTRY_BORDER,
    COUNTRY_FILL,
    INSET_FRAME,
    INSET_PAPER,
    MARITIME_LINE,
    NOTE_TEXT,
    PAPER,
    PARTNER_LABEL,
    RING,
    SELECTED_BORDER,
)
from layers import POINT_LAYERS, REGISTRY
from model.prepared import Prepared
from view.state import ViewState


def base_figure_json(data: Prepared) -> str:
    """The figure the page starts with, as JSON text: all geometry, the static hub data, and the
    default state (``ViewState()``) drawn. Built once per data version, shared read-only.
    """
    return data.derived("base-figure-json", lambda: _base_figure_json(data))


def _base_figure_json(data: Prepared) -> str:
    fig = json.loads(base_figure(data).to_json())
    # geometry goes in after Plotly's validation, which deep-copies it several times (~1 s)
    fig["data"][COUNTRIES]["geojson"] = _fc(data.countries, "iso3")
    fig["data"][PROVINCES]["geojson"] = _fc(data.provinces, "adcode")
    fig["data"][INSET]["geojson"] = _fc(inset_provinces(data), "adcode")
    gaps = land_gaps_geojson(data)
    fig["data"][LAND_GAPS].update(
        geojson=gaps, locations=[f["id"] for f in gaps["features"]], z=[0] * len(gaps["features"])
    )
    if not clustered(data):
        for key, rows in hub_rows(data).items():
            fig["data"][HUB_TRACE[key]]["customdata"] = rows
    for path, value in map_values(data, ViewState()).items():
        _set(fig, path, value)
    return json.dumps(fig, separators=(",", ":"))


def map_figure(data: Prepared, state: ViewState) -> dict:
    """The whole map figure of ``state`` as a new dict (the base figure with the state drawn and,
    in the prefecture view, the prefecture polygons): for exports, and for a page whose map shows
    something the server cannot diff from (another data version).
    """
    fig = json.loads(base_figure_json(data))
    for path, value in map_values(data, state).items():
        _set(fig, path, value)
    if state.view == "prefecture":
        fig["data"][PREFECTURES]["geojson"] = prefecture_geojson(data)
    return fig


def base_figure(data: Prepared) -> go.Figure:
    """Geometry and styles only (no state drawn)."""
    prov, pref, countries = data.provinces, data.prefectures, data.countries
    fig = go.Figure()
    fig.add_trace(
        go.Choropleth(
            geojson=EMPTY_FC,  # base_figure_json() adds the geometry
            locations=countries["iso3"],
            featureidkey="properties.iso3",
            z=np.zeros(len(countries)),
            colorscale=[[0, COUNTRY_FILL], [1, COUNTRY_FILL]],
            showscale=False,
            marker_line=dict(color=COUNTRY_BORDER, width=0.5),
            customdata=_names(countries, "iso3"),  # [iso3, name per language]
            name="countries",
            showlegend=False,
        )
    )
    n = len(prov)
    fig.add_trace(
        go.Choropleth(
            geojson=EMPTY_FC,
            locations=prov["adcode"],
            featureidkey="properties.adcode",
            z=np.zeros(n),
            zmin=-0.5,
            zmax=classes.N_CLASSES + 1.5,
            colorscale=classes.colorscale(classes.N_CLASSES),
            marker_line=dict(color=[BORDER] * n, width=[0.6] * n),
            hoverinfo="text",
            customdata=_names(prov, "adcode"),  # [adcode, name per language]
            name="provinces",
            showlegend=False,
            showscale=False,  # the legend is beside the map on the page (components/legend.py)
        )
    )
    fig.add_trace(
        go.Choropleth(
            geojson=EMPTY_FC,  # loaded on first use
            locations=pref["adcode"],
            featureidkey="properties.adcode",
            z=np.zeros(len(pref)),
            zmin=-0.5,
            zmax=classes.N_CLASSES + 1.5,
            colorscale=classes.colorscale(classes.N_CLASSES),
            showscale=False,
            marker_line=dict(color=BORDER, width=0.4),
            hoverinfo="text",
            customdata=pref["adcode"],
            name="prefectures",
            showlegend=False,
            visible=False,
        )
    )
    inset = inset_provinces(data)
    fig.add_trace(
        go.Choropleth(
            geojson=EMPTY_FC,
            locations=inset["adcode"],
            featureidkey="properties.adcode",
            z=np.zeros(len(inset)),
            zmin=-0.5,
            zmax=classes.N_CLASSES + 1.5,
            colorscale=classes.colorscale(classes.N_CLASSES),
            showscale=False,
            marker_line=dict(color=BORDER, width=0.5),
            hoverinfo="skip",
            geo="geo2",
            name="inset",
            showlegend=False,
        )
    )
    lons, lats = _lines(data.maritime.geometry.iloc[0])
    for geo in ("geo", "geo2"):
        fig.add_trace(
            go.Scattergeo(
                lon=lons,
                lat=lats,
                mode="lines",
                line=dict(color=MARITIME_LINE, width=1.2),
                hoverinfo="skip",
                geo=geo,
                showlegend=False,
                name="maritime",
            )
        )
    fig.add_trace(
        go.Scattergeo(
            lon=[],
            lat=[],
            mode="lines",
            line=dict(color=REGISTRY["belt_road"].style["color"], width=1.4),
            opacity=0.8,
            hoverinfo="skip",
            name="partner-lines",
        )
    )
    ew = REGISTRY["east_west"].style
    fig.add_trace(
        go.Scattergeo(
            lon=[],
            lat=[],
            mode="lines",
            line=dict(color=ew["color"], width=ew["line_width"], dash=ew["dash"]),
            hoverinfo="skip",
            name="east-west",
        )
    )
    casing, outline, area_labels = area_traces()
    fig.add_traces([casing, outline])
    for key in POINT_LAYERS:
        style = REGISTRY[key].style
        fig.add_trace(
            go.Scattergeo(
                lon=[],
                lat=[],
                mode="markers",
                name=key,
                legendgroup=key,
                marker=dict(
                    symbol=style["symbol"],
                    color=style["color"],
                    size=style["size"],
                    opacity=style["opacity"],
                    line=dict(color=style["line_color"], width=style["line_width"]),
                ),
                hoverinfo="text",
            )
        )
    fig.add_trace(area_labels)
    for name, size in (("partner-labels", 11), ("province-labels", 12), ("city-labels", 10)):
        fig.add_trace(
            go.Scattergeo(
                lon=[],
                lat=[],
                mode="text",
                text=[],
                textfont=dict(size=size, color=PARTNER_LABEL, shadow=HALO),
                hoverinfo="skip",
                showlegend=False,
                name=name,
            )
        )
    fig.add_trace(
        go.Scattergeo(
            lon=[],
            lat=[],
            mode="markers",
            marker=dict(symbol="circle-open", size=22, color=RING, line=dict(width=2.5)),
            hoverinfo="skip",
            showlegend=False,
            name="selected-hub",
        )
    )
    fig.add_trace(
        go.Scattergeo(
            lon=[],
            lat=[],
            mode="markers",
            marker=dict(symbol="circle-open", size=26, color=SELECTED_BORDER, line=dict(width=3)),
            hoverinfo="skip",
            showlegend=False,
            name="hover-hub",
        )
    )
    fig.add_trace(
        go.Scattergeo(
            lon=[],
            lat=[],
            mode="lines",
            line=dict(color=SELECTED_BORDER, width=3),
            hoverinfo="skip",
            showlegend=False,
            name="hover-outline",
        )
    )
    fig.add_trace(
        go.Scattergeo(
            lon=[INSET_LABEL_AT[0]],
            lat=[INSET_LABEL_AT[1]],
            mode="text",
            text=[""],  # in the view's language (figures/map/values.py)
            textposition="top left",  # right-aligned lines, up and left from the inset's corner
            textfont=dict(size=10, color=NOTE_TEXT, shadow=HALO),
            hoverinfo="skip",
            showlegend=False,
            geo="geo2",
            name="inset-label",
        )
    )
    fig.add_trace(
        go.Choropleth(
            geojson=EMPTY_FC,  # base_figure_json() adds the geometry and its locations
            locations=[],
            z=[],
            colorscale=[[0, COUNTRY_FILL], [1, COUNTRY_FILL]],
            showscale=False,
            marker_line=dict(color=COUNTRY_FILL, width=0),
            hoverinfo="skip",
            showlegend=False,
            name="land-gaps",
        )
    )
    fig.update_layout(
        geo=_geo_layout(
            lonaxis=dict(range=list(DEFAULT_LON)),
            lataxis=dict(range=list(DEFAULT_LAT)),
            domain=dict(x=[0, 1], y=[0, 1]),
        ),
        geo2=_geo_layout(
            lonaxis=dict(range=[INSET_BOX[0], INSET_BOX[2]]),
            lataxis=dict(range=[INSET_BOX[1], INSET_BOX[3]]),
            domain=INSET_DOMAIN,
            projection=dict(type="mercator"),
            showframe=True,
            framecolor=INSET_FRAME,
            bgcolor=PAPER,  # the inset hides the zoomed map beneath it
        ),
        margin=dict(l=0, r=0, t=0, b=0),
        # The page draws its legends beside the map (components/legend.py), never over the land;
        # exports put Plotly's own legend and colour bar in a margin (export/render.py).
        showlegend=False,
        legend=dict(
            orientation="v",
            x=1.0,
            xanchor="left",
            y=1.0,
            yanchor="top",
            bgcolor=INSET_PAPER,
            font=dict(size=11),
            itemsizing="constant",
        ),
        dragmode="pan",
        # "event" only: with "event+select" Plotly fades every shape and point it did not pick after
        # a click. Selections are drawn from the view state instead, and reset with it.
        clickmode="event",
        # A hub is picked only when the pointer is within a few pixels of it, so that the province
        # under a crowd of hubs can still be clicked (Plotly's default is 20 px).
        hoverdistance=6,
        uirevision="map",
        paper_bgcolor="white",
        font=dict(family="Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif"),
    )
    return fig
