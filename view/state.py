"""The view state, and its round trip through the URL query string.

Two pure functions: ``to_query(state)`` and ``from_query(query, vocab)``. Defaults are left out of
the query; every parameter is checked on the way in, and a malformed, unknown or oversized value
falls back to its default without affecting the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from urllib.parse import parse_qs, urlencode

from model.terms import LEVELS, MEASURE_REFS, SECTORS, STATUSES, UNKNOWN
from model.vocab import Vocab, default_year
from view.i18n import DEFAULT_LANG, lang_from_tag
from view.search import Term, clean_search, search_terms

# Characters. A longer query string is ignored whole; a longer value falls back to its default.
# A list of hub ids (a lasso's, the table's ticks) may be longer than other values: every hub of
# the bundled data is 3,400 characters. The query stays within nginx's default 8 KB request line.
MAX_QUERY = 7000
MAX_VALUE = 1500
MAX_IDS = 6000
VIEWS = ("province", "prefecture")
BREAKS = ("fixed", "year")  # choropleth classes: one set across all years (default), or each year's own
DEFAULT_INDICATOR = "rd_intensity"
DEFAULT_X = "rd_per_capita"


@dataclass(frozen=True)
class ViewState:
    """What a view shows, all of it in the URL: language, indicator and year, region, filters (the
    table's search among them), the open and the selected hubs, the scatter's axes, the map's
    position and the choropleth breaks.

    Adcodes and hub ids are strings. An empty tuple is no choice (no filter, no selection); ``layers``
    is None for all layers and () for none.
    """

    lang: str = DEFAULT_LANG
    indicator: str = DEFAULT_INDICATOR
    year: int | None = None  # None: the indicator's default year (Vocab.default_year), and today's hubs
    region: str = "west"
    provinces: tuple[str, ...] = ()  # selected provinces (filter charts and table)
    layers: tuple[str, ...] | None = None  # visible layers; None: all
    sectors: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    search: str = ""  # the table's search box: hubs holding every word (view/search.py)
    measure: str | None = None  # e.g. "五(十二)"
    view: str = "province"
    hub: str | None = None  # the hub whose card is open
    hubs: tuple[str, ...] = ()  # hubs chosen on the map (lasso, box): every count, table and download
    picked: tuple[str, ...] = ()  # hubs ticked in the table: ringed on the map
    x: str = DEFAULT_X
    y: str = DEFAULT_INDICATOR
    map_view: tuple[float, float, float] | None = field(default=None)  # lon, lat, scale
    breaks: str = "fixed"  # see BREAKS

    # The rules of a valid state's years live here, and only here: a year belongs to the indicator
    # (from_query drops a year the indicator lacks), the map, the ranking and the card show
    # resolved_year, and the scatter, which needs both of its indicators, shows scatter_year. Which
    # year is shown when none is chosen is the data model's rule (model.vocab.default_year).

    def resolved_year(self, vocab: Vocab) -> int:
        """The year shown: the chosen one, else the indicator's default year (the latest with values
        for enough of the west: model.vocab.default_year).
        """
        years = vocab.years_of(self.indicator)
        return self.year if self.year in years else vocab.default_year(self.indicator)

    def scatter_year(self, vocab: Vocab) -> int | None:
        """The scatter's year: the shown year when both axes have data for it, else the default year
        of the years both have, counting the western provinces with both values (the chart says
        so); None when they share no year.
        """
        common = set(vocab.years_of(self.x)) & set(vocab.years_of(self.y))
        if not common:
            return None
        year = self.resolved_year(vocab)
        both = {y: vocab.west_in(self.x, y) & vocab.west_in(self.y, y) for y in common}
        return year if year in common else default_year(both)

    @property
    def search_terms(self) -> tuple[Term, ...]:
        """The search's words as the data model matches them (model.lookup.Lookup.search_mask)."""
        return search_terms(self.search)

    def to_dict(self) -> dict:
        """The fields as a dict {field name: value} (what the state store holds)."""
        return {name: getattr(self, name) for name in _FIELDS}  # as asdict(): the fields are immutable

    @classmethod
    def from_dict(cls, data: object, vocab: Vocab) -> ViewState:
        """A state from a dict (e.g. a dcc.Store); anything invalid falls back, field by field.

        Pure and checked every time; the callbacks memoise it (callbacks/state.read_state).
        """
        if not isinstance(data, dict):
            return cls()
        return _from_dict(cls, data, vocab)


_FIELDS = tuple(f.name for f in fields(ViewState))


def _from_dict(cls, data: dict, vocab: Vocab) -> ViewState:
    try:
        return from_query(to_query(_loose(cls, data)), vocab)
    except (TypeError, ValueError, AttributeError):
        return cls()


def _loose(cls, data: dict) -> ViewState:
    """Build a state without validation; to_query/from_query then clean it."""
    known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
    try:
        return replace(cls(), **known)
    except TypeError:
        return cls()


# URL parameter names: short, stable.
KEYS = {
    "lang": "lang",
    "indicator": "ind",
    "year": "y",
    "region": "r",
    "provinces": "p",
    "layers": "l",
    "sectors": "s",
    "levels": "lv",
    "statuses": "st",
    "search": "q",
    "measure": "m",
    "view": "v",
    "hub": "h",
    "hubs": "hs",
    "picked": "k",
    "x": "sx",
    "y": "sy",
    "map_view": "mv",
    "breaks": "cb",
}


def _join(values) -> str:
    return ",".join(str(v) for v in values)


def _encode(name: str, value, default) -> str | None:
    if value == default:
        return None
    if name == "measure":
        return str(MEASURE_REFS.index(value) + 1) if value in MEASURE_REFS else None
    if name == "map_view":
        return None if value is None else _join(f"{float(v):.3f}".rstrip("0").rstrip(".") for v in value)
    if name == "layers":
        return None if value is None else (_join(value) if value else "none")
    if name == "search":
        return value if isinstance(value, str) else None  # text only (a number is not a search)
    if isinstance(value, (tuple, list)):
        return _join(value)
    if value is None or not isinstance(value, (str, int)) or isinstance(value, bool):
        return None
    return str(value)


def to_query(state: ViewState) -> str:
    """The query string (without '?') for a state; default values are left out."""
    default = ViewState()
    out: list[tuple[str, str]] = []
    for name, key in KEYS.items():
        try:
            text = _encode(name, getattr(state, name), getattr(default, name))
        except (TypeError, ValueError):
            continue  # a value of the wrong type (e.g. from a tampered store) is left out
        if text is not None:
            out.append((key, text))
    return urlencode(out, safe=",")


def _first(params: dict[str, list[str]], key: str, limit: int = MAX_VALUE) -> str | None:
    values = params.get(key)
    if not values:
        return None
    value = values[-1]  # a repeated key: the last one wins, as in most web frameworks
    return value if len(value) <= limit else None


def _members(raw: str | None, allowed) -> tuple[str, ...]:
    if not raw:
        return ()
    seen: list[str] = []
    for item in raw.split(","):
        item = item.strip()
        if item in allowed and item not in seen:
            seen.append(item)
    return tuple(seen)


def _int(raw: str | None) -> int | None:
    """A small non-negative integer written in ASCII digits; anything else (including digits that
    ``int()`` reads but a URL should not carry, such as '²' or '５') is None.
    """
    raw = raw.strip() if raw is not None else ""
    if not (raw.isascii() and raw.isdecimal()) or len(raw) > 6:
        return None
    return int(raw)


def from_query(query: object, vocab: Vocab) -> ViewState:
    """The state a query string describes; every bad piece falls back to its default."""
    if not isinstance(query, str) or len(query) > MAX_QUERY:
        return ViewState()
    try:
        params = parse_qs(query.lstrip("?"), keep_blank_values=False, max_num_fields=64)
    except ValueError:
        return ViewState()
    get = lambda name: _first(params, KEYS[name])  # noqa: E731
    d = ViewState()
    lang = lang_from_tag(get("lang")) or d.lang  # ?lang=zh-hant, zh-TW, en-US: the tag, however written
    indicator = get("indicator") if get("indicator") in vocab.indicators else d.indicator
    if indicator not in vocab.indicators:
        indicator = vocab.indicators[0]
    year = _int(get("year"))
    year = year if year in vocab.years_of(indicator) else None  # another indicator's year: its default
    if year is not None and year == vocab.default_year(indicator):
        year = None  # the default year (as the slider sets it): one state, one URL
    region = get("region") if get("region") in vocab.regions else d.region
    layers_raw = get("layers")
    layers: tuple[str, ...] | None
    if layers_raw == "none":
        layers = ()
    else:
        layers = _members(layers_raw, vocab.layers) or None
        if layers is not None and set(layers) == set(vocab.layers):
            layers = None
    measure_n = _int(get("measure"))
    measure = MEASURE_REFS[measure_n - 1] if measure_n and 1 <= measure_n <= 16 else None
    hub = get("hub") if get("hub") in vocab.hub_ids else None
    scatter_axes = vocab.indicators + ("rd_per_capita",)
    x = get("x") if get("x") in scatter_axes else d.x
    y = get("y") if get("y") in scatter_axes else d.y
    return ViewState(
        lang=lang,
        indicator=indicator,
        year=year,
        region=region,
        provinces=_members(get("provinces"), vocab.provinces),
        layers=layers,
        sectors=_members(get("sectors"), (*SECTORS, UNKNOWN)),
        levels=_members(get("levels"), (*LEVELS, UNKNOWN)),
        statuses=_members(get("statuses"), (*STATUSES, UNKNOWN)),
        search=clean_search(get("search")),
        measure=measure,
        view=get("view") if get("view") in VIEWS else d.view,
        hub=hub,
        hubs=_members(_first(params, KEYS["hubs"], MAX_IDS), vocab.hub_ids),
        picked=_members(_first(params, KEYS["picked"], MAX_IDS), vocab.hub_ids),
        x=x,
        y=y,
        map_view=_map_view(get("map_view")),
        breaks=get("breaks") if get("breaks") in BREAKS else d.breaks,
    )


def _map_view(raw: str | None) -> tuple[float, float, float] | None:
    if not raw:
        return None
    parts = raw.split(",")
    if len(parts) != 3:
        return None
    try:
        lon, lat, scale = (float(p) for p in parts)
    except ValueError:
        return None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90 and 0.1 <= scale <= 50):
        return None
    return (lon, lat, scale)
