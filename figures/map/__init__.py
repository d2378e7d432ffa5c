"""The atlas map: a Plotly geo (SVG) figure that needs no tile server and no external request.

``base_figure_json(data)`` holds all geometry and is built once per data version;
``map_patch(data, state)`` returns a ``dash.Patch`` that changes values, visibility, highlight and
labels, never geometry (except the one-time loading of the prefecture polygons when that view is
first opened). The modules, each importing only those before it:

- ``layout``: the traces in order (the indices Patches address), extents, zoom steps, the frame;
- ``extent``: the home view of a region, and its extent widened to fill a frame of any shape;
- ``static``: what one data version gives the map once (GeoJSON, name points, hub positions, hovers);
- ``values``: what a view state draws, as values at paths, and the Patch between two states;
- ``base``: the figure a page starts with;
- ``legend``: the legend's words, and the map for export with Plotly's own legends.
"""

from __future__ import annotations

from figures.map.base import base_figure, base_figure_json, map_figure
from figures.map.extent import frame_ranges
from figures.map.labels import clip_to_frame, place_edge_labels
from figures.map.layout import (
    ABOVE_NATIONAL,
    CITY_LABELS,
    CITY_NAMES_ZOOM,
    COUNTRIES,
    DEFAULT_LAT,
    DEFAULT_LON,
    EMPTY_FC,
    EW_LINES,
    FIRST_HUB,
    FRAME,
    HALO,
    HOVER_HUB,
    HOVER_OUTLINE,
    HUB_TRACE,
    INSET,
    INSET_BOX,
    LAND_GAPS,
    MARITIME,
    MARITIME_INSET,
    PARTNER_LABELS,
    PARTNER_LINES,
    PREFECTURES,
    PROVINCE_LABELS,
    PROVINCES,
    SELECTED_HUB,
    SMALL_NAMES_ZOOM,
    SMALL_PROVINCES,
    SPIRAL,
    TRACE_TYPES,
    marker_size,
    zoom_of,
)
from figures.map.legend import export_dict, legend_model
from figures.map.static import (
    LANG_SLOT,
    POINTS_MAX,
    clustered,
    display_positions,
    hub_rows,
    inset_provinces,
    label_points,
    place_label,
    point_groups,
    prefecture_geojson,
    prefecture_names_en,
)
from figures.map.values import (
    Path,
    choropleth_values,
    map_content,
    map_diff,
    map_patch,
    map_values,
    prefecture_counts,
    prepare_classes,
)

__all__ = [
    "ABOVE_NATIONAL",
    "CITY_LABELS",
    "CITY_NAMES_ZOOM",
    "COUNTRIES",
    "DEFAULT_LAT",
    "DEFAULT_LON",
    "EMPTY_FC",
    "EW_LINES",
    "FIRST_HUB",
    "FRAME",
    "HALO",
    "HOVER_HUB",
    "HOVER_OUTLINE",
    "HUB_TRACE",
    "INSET",
    "INSET_BOX",
    "LAND_GAPS",
    "LANG_SLOT",
    "MARITIME",
    "MARITIME_INSET",
    "PARTNER_LABELS",
    "PARTNER_LINES",
    "POINTS_MAX",
    "PREFECTURES",
    "PROVINCES",
    "PROVINCE_LABELS",
    "Path",
    "SELECTED_HUB",
    "SMALL_NAMES_ZOOM",
    "SMALL_PROVINCES",
    "SPIRAL",
    "TRACE_TYPES",
    "base_figure",
    "base_figure_json",
    "choropleth_values",
    "clip_to_frame",
    "clustered",
    "display_positions",
    "point_groups",
    "export_dict",
    "frame_ranges",
    "hub_rows",
    "inset_provinces",
    "label_points",
    "legend_model",
    "map_content",
    "map_diff",
    "map_figure",
    "map_patch",
    "map_values",
    "marker_size",
    "place_edge_labels",
    "place_label",
    "prefecture_counts",
    "prefecture_geojson",
    "prefecture_names_en",
    "prepare_classes",
    "zoom_of",
]
