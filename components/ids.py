"""Component ids, in one place (callbacks and layout both import from here)."""

URL = "url"
STATE = "state"
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
EXPORT_DOWNLOAD = "export-download"
EXPORT_STATUS = "export-status"
EXPORT_JOB = "export-job"
EXPORT_WIDTH = "export-width"
EXPORT_HEIGHT = "export-height"
EXPORT_POLL = "export-poll"
DATA_DOWNLOAD = "data-download"
DATA_BUTTONS = (
    "download-hubs-csv",
    "download-hubs-xlsx",
    "download-hubs-geojson",
    "download-data-csv",
    "download-data-xlsx",
)
MAP_VIEW = "map-view"
SCATTER_X = "scatter-x"
SCATTER_Y = "scatter-y"
MAP = "map"
PREF_LOADED = "pref-loaded"
TABLE_SHOWN = "table-shown"  # {"rows": loaded?} of the page
LOCALE_TABLE = "locale-table"  # every label of the page in the three languages
MAP_RENDERED = "map-rendered"  # the state the map figure shows now: Patches carry only the difference
RANKING = "chart-ranking"
TIMELINE = "chart-timeline"
HUB_CHART = "chart-hubs"
SCATTER = "chart-scatter"
CHARTS = (RANKING, TIMELINE, HUB_CHART, SCATTER)


def shown(component: str) -> str:
    """The store holding the digest of what ``component`` shows now."""
    return f"{component}-shown"


TABLE = "hub-table"
TABLE_SEARCH = "hub-table-search"
TABLE_COUNT = "hub-table-count"
CARD = "hub-card"
MEASURE_TEXT = "measure-text"
CLEAR = "clear-selection"
TITLE = "page-title"
SUBTITLE = "page-subtitle"
FOOTER = "page-footer"


def label(component_id: str) -> str:
    """The id of the label element of a control."""
    return f"{component_id}-label"


# Controls whose value the URL carries, in the order the sync callback lists them.
CONTROLS = (
    LANG,
    REGION,
    PROVINCES,
    LAYERS,
    SECTORS,
    LEVELS,
    STATUSES,
    MEASURE,
    INDICATOR,
    YEAR,
    VIEW,
    SCATTER_X,
    SCATTER_Y,
)
STORES = (HUB, HUB_SELECTION, PICKED, MAP_VIEW)
