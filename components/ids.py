"""Component ids, in one place (callbacks and layout both import from here)."""

from figures.charts import REGISTRY as CHART_KINDS

URL = "url"
STATE = "state"
CANONICAL = "canonical-search"  # the URL's query as the state writes it, when the URL read held another
LANG = "lang"
REGION = "region"
PROVINCES = "provinces"
LAYERS = "layers"
SECTORS = "sectors"
LEVELS = "levels"
STATUSES = "statuses"
MEASURE = "measure"
INDICATOR = "indicator"
YEAR = "year"
PLAY = "play"
PLAY_TIMER = "play-timer"
VIEW = "view"
HUB = "hub"
HUB_SELECTION = "hub-selection"
PICKED = "hub-picked"
EXPORT_WHAT = "export-what"
EXPORT_FORMAT = "export-format"
EXPORT_PRESET = "export-preset"
EXPORT_BUTTON = "export-button"
EXPORT_STATUS = "export-status"
EXPORT_LINK = "export-link"  # the figure's file URL, to copy
EXPORT_COPY = "export-copy"
EXPORT_WIDTH = "export-width"
EXPORT_HEIGHT = "export-height"
EXPORT_SIZE = "export-size"  # the custom width and height
DATA_DOWNLOAD = "data-download"
MAP_VIEW = "map-view"
SCATTER_X = "scatter-x"
SCATTER_Y = "scatter-y"
MAP = "map"
PREF_LOADED = "pref-loaded"
TABLE_SHOWN = "table-shown"  # {"rows": loaded?} of the page
LOCALE_TABLE = "locale-table"  # every label of the page in the three languages
# every dcc.Dropdown of the page (components/dropdown.py): their own words follow the language
DROPDOWNS = (REGION, PROVINCES, INDICATOR, SECTORS, LEVELS, STATUSES, SCATTER_X, SCATTER_Y, EXPORT_WHAT, EXPORT_PRESET)
CHARTS = tuple(spec.component_id for spec in CHART_KINDS.values())  # the charts' graphs, in the page's order


def chart(key: str) -> str:
    """The graph id of the chart kind ``key`` (figures/charts: "ranking" -> "chart-ranking")."""
    return CHART_KINDS[key].component_id


def shown(component: str) -> str:
    """The store beside a figure holding what it shows now (figures.patching.shown)."""
    return f"{component}-shown"


TABLE = "hub-table"
TABLE_SEARCH = "hub-table-search"
TABLE_COUNT = "hub-table-count"
TABLE_AREAS = "hub-table-areas"  # the area records the filters pass (a site not published)
CARD = "hub-card"
MEASURE_TEXT = "measure-text"
CLEAR = "clear-selection"
TITLE = "page-title"
SUBTITLE = "page-subtitle"
FOOTER = "page-footer"


# The map page (issue 11)
SIDEBAR = "sidebar"
PANEL_TOGGLE = "panel-toggle"
MAP_PANE = "map-pane"
MAP_LEGEND = "map-legend"
MAP_NOTE = "map-note"  # why a view shows nothing, or hides some hubs
MAP_NOTICE = "map-notice"  # what a click on the map could not do (e.g. a province outside the west)
MAP_CLICK = "map-click"  # a click on the map that was not the end of a drag (assets/atlas.js)
CHART_PICK = "chart-pick"  # a province chosen in a chart with the keyboard (assets/atlas.js)
BREAKS = "breaks"
LAYER_COUNTS = "layer-counts"  # hubs per layer that pass the filters, in the registry's order
YEAR_RANGES = "year-ranges"  # each indicator's years: the slider's min, max and marks
LAYERS_ALL = "layers-all"
LAYERS_NONE = "layers-none"
CARD_CLOSE = "hub-card-close"
CARD_GOTO = "card-goto"  # pattern-matching type of the card's buttons that open another hub's card
TABLE_PANEL = "hub-table-panel"
ZOOM = ("zoom-in", "zoom-out", "zoom-home")


def download(table: str, fmt: str) -> dict:
    """The link to a table's file (export.downloads.TABLES): ``{"type": "download", ...}``."""
    return {"type": "download", "table": table, "fmt": fmt}


def layer_row(kind: str, key: str) -> dict:
    """Pattern-matching id of one layer's row parts: kind is "toggle", "only" or "count"."""
    return {"type": f"layer-{kind}", "layer": key}


def label(component_id: str) -> str:
    """The id of the label element of a control."""
    return f"{component_id}-label"


# Controls whose value the URL carries, in the order the sync callback lists them.
CONTROLS = (
    LANG,
    REGION,
    PROVINCES,
    SECTORS,
    LEVELS,
    STATUSES,
    TABLE_SEARCH,
    MEASURE,
    INDICATOR,
    YEAR,
    VIEW,
    SCATTER_X,
    SCATTER_Y,
    BREAKS,
)
# Stores whose data the URL carries: the layers are a store that the layer panel's rows show
# (callbacks/layers.py), so that each row can have its own "only" button.
STORES = (HUB, HUB_SELECTION, PICKED, MAP_VIEW, LAYERS)
