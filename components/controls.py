"""Pure functions between the controls' values and the view state, and for map/chart clicks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from components import ids
from figures.map import HUB_TRACE, PREFECTURES, PROVINCES
from model.regions import WEST, province_of
from model.vocab import Vocab
from view.search import clean_search
from view.state import ViewState


def text(value: object) -> str | None:
    """A browser value that must be a string (anything else: None)."""
    return value if isinstance(value, str) else None


def texts(value: object) -> list[str]:
    """A browser value that must be a list of strings: the strings in it (anything else: [])."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list | tuple) else []


def state_from_controls(values: Mapping[str, object], stores: Mapping[str, object], vocab: Vocab) -> ViewState:
    """The state the controls show; anything invalid falls back (ViewState.from_dict)."""
    layers = stores.get(ids.LAYERS)
    layers = texts(layers) if isinstance(layers, list) else None
    if layers is not None and set(layers) >= set(vocab.layers):
        layers = None
    indicator = text(values.get(ids.INDICATOR))
    year = values.get(ids.YEAR)
    if indicator in vocab.years and year == vocab.default_year(indicator):
        year = None  # the default: follow the indicator's default year
    map_view = stores.get(ids.MAP_VIEW)
    raw = {
        "lang": values.get(ids.LANG),
        "indicator": indicator,
        "year": year,
        "region": values.get(ids.REGION),
        "provinces": values.get(ids.PROVINCES) or (),
        "layers": layers,
        "sectors": values.get(ids.SECTORS) or (),
        "levels": values.get(ids.LEVELS) or (),
        "statuses": values.get(ids.STATUSES) or (),
        "search": values.get(ids.TABLE_SEARCH) or "",
        "measure": values.get(ids.MEASURE) or None,
        "view": values.get(ids.VIEW),
        "hub": stores.get(ids.HUB),
        "hubs": stores.get(ids.HUB_SELECTION) or (),
        "picked": stores.get(ids.PICKED) or (),
        "x": values.get(ids.SCATTER_X),
        "y": values.get(ids.SCATTER_Y),
        "map_view": tuple(map_view) if isinstance(map_view, (list, tuple)) else None,
        "breaks": "year" if values.get(ids.BREAKS) == [] else "fixed",  # unticked: each year's own
    }
    return ViewState.from_dict(raw, vocab)


def controls_from_state(state: ViewState, vocab: Vocab) -> tuple[dict, dict]:
    """(control values, store values) that show a state."""
    values = {
        ids.LANG: state.lang,
        ids.REGION: state.region,
        ids.PROVINCES: list(state.provinces),
        ids.SECTORS: list(state.sectors),
        ids.LEVELS: list(state.levels),
        ids.STATUSES: list(state.statuses),
        ids.TABLE_SEARCH: state.search,
        ids.MEASURE: state.measure or "",
        ids.INDICATOR: state.indicator,
        ids.YEAR: state.resolved_year(vocab),
        ids.VIEW: state.view,
        ids.SCATTER_X: state.x,
        ids.SCATTER_Y: state.y,
        ids.BREAKS: ["fixed"] if state.breaks == "fixed" else [],
    }
    stores = {
        ids.HUB: state.hub,
        ids.HUB_SELECTION: list(state.hubs),
        ids.PICKED: list(state.picked),
        ids.MAP_VIEW: list(state.map_view) if state.map_view else None,
        ids.LAYERS: list(state.layers) if state.layers is not None else list(vocab.layers),
    }
    return values, stores


def differs(control: str, wanted: object, given: object) -> bool:
    """Whether ``control``, showing ``given``, must be set to show the state's ``wanted``: the search
    box keeps the text being typed where it reads as the state's (a space typed between two words
    is not taken back while the next word is typed).
    """
    if control == ids.TABLE_SEARCH:
        return clean_search(given) != wanted
    return wanted != given


def _toggle(items: Sequence[str], item: str) -> list[str]:
    items = texts(items)
    return [i for i in items if i != item] if item in items else [*items, item]


def has_points(click: object) -> bool:
    """Whether a click (Plotly's clickData, or the page's own) names at least one point."""
    points = click.get("points") if isinstance(click, dict) else None
    return isinstance(points, list) and bool(points) and isinstance(points[0], dict)


def click_target(point: Mapping) -> tuple[str, str] | None:
    """('province', adcode) or ('hub', id) for a clicked point of the map or a chart."""
    curve = point.get("curveNumber")
    if "location" in point and curve in (PROVINCES, PREFECTURES):
        loc = str(point["location"])
        return ("province", province_of(loc))
    if curve in HUB_TRACE.values():
        # a hub point's customdata is [id, hover texts...]; a cluster of hubs has no id
        key = point.get("customdata")
        key = key[0] if isinstance(key, list) and key else key
        if isinstance(key, str) and key:
            return ("hub", key)
    return None


def apply_map_click(
    click: object, provinces: Sequence[str], hub: str | None
) -> tuple[list[str], str | None, str | None]:
    """(provinces, hub, refused): a click on a western province toggles it in the selection, on a hub
    opens its card; a click on another province changes nothing and names it in ``refused``.
    """
    provinces = texts(provinces)
    hub = text(hub)
    points = click.get("points") if isinstance(click, dict) else None
    points = points if isinstance(points, list) else None
    if not points or not isinstance(points[0], dict):
        return provinces, hub, None
    target = click_target(points[0])
    if target is None:
        return provinces, hub, None
    kind, key = target
    if kind == "province":
        if key not in WEST:
            return provinces, hub, key
        return _toggle(provinces, key), hub, None
    return provinces, key, None


def apply_map_selection(selected: object) -> list[str] | None:
    """The ids of the hubs a lasso or box drawn on the map encloses ([] when it holds none), or None
    when the selection is empty or unreadable.

    Only hubs: a province is chosen by a click. Plotly also reports the provinces whose centre the
    lasso holds, and choosing those would filter out the hubs enclosed in a province only touched
    (a box over Chongqing dropped seven hubs of Sichuan inside it).
    """
    points = selected.get("points") if isinstance(selected, dict) else None
    if not isinstance(points, list) or not points:
        return None  # an empty selection (the page clears Plotly's own after each choice) is nothing
    hubs = []
    for point in points:
        target = click_target(point) if isinstance(point, dict) else None
        if target and target[0] == "hub" and target[1] not in hubs:
            hubs.append(target[1])
    return hubs


def apply_chart_click(click: object, provinces: Sequence[str], known: Sequence[str]) -> list[str]:
    """A click on a bar, line or dot whose customdata is a province toggles that province."""
    points = click.get("points") if isinstance(click, dict) else None
    points = points if isinstance(points, list) else None
    if not points or not isinstance(points[0], dict):
        return list(provinces or [])
    adcode = points[0].get("customdata")
    if isinstance(adcode, list):
        adcode = adcode[0] if adcode else None
    if not isinstance(adcode, str) or adcode not in known:
        return texts(provinces)
    return _toggle(texts(provinces), adcode)


def opened_row(activated: object, known) -> str | None:
    """The hub id of the row the user opened in the table (``{"id": ..., "n": ...}``); None when
    unreadable or not a known hub.
    """
    hub = text(activated.get("id")) if isinstance(activated, dict) else None
    return hub if hub is not None and hub in known else None


def ticked_rows(ticked: object, known) -> list[str] | None:
    """Hub ids ticked in the table, in ticking order (unknown ids dropped); None when unreadable."""
    if not isinstance(ticked, list):
        return None
    out = []
    for hub in map(text, ticked):
        if hub is not None and hub in known and hub not in out:
            out.append(hub)
    return out
