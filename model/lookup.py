"""Lookup tables built once per loaded atlas, so that a state never seen before is answered with
dict lookups and numpy masks instead of pandas queries.

A pandas query costs about 0.1 ms and a state change made dozens of them: the first request for a
state took 20-45 ms per chart (``make bench``, "cold"). Everything here is derived from the
validated data at load time and read-only afterwards (safe across threads and forked workers).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from model import history, queries, search
from model.loader import Tables
from model.regions import province_of
from model.search import SearchTerm
from model.terms import UNKNOWN, unrecorded_passes
from model.vocab import Vocab


class HubFilter(Protocol):
    """What the lookup tables filter hubs and links by: a view.state.ViewState (a frozen dataclass;
    declared here so that the data model does not depend on the view state above it).
    """

    region: str
    provinces: tuple[str, ...]
    layers: tuple[str, ...] | None
    sectors: tuple[str, ...]
    levels: tuple[str, ...]
    statuses: tuple[str, ...]
    measure: str | None
    year: int | None  # hubs as of the end of that year; None: today
    hubs: tuple[str, ...]  # hubs chosen on the map (a lasso or a box); (): no such choice
    search_terms: tuple[SearchTerm, ...]  # the table's search, word by word (view/search.py)


@dataclass(frozen=True)
class YearValues:
    """One indicator in one year, rows in the data's order (national row included)."""

    adcodes: tuple[str, ...]
    values: tuple[float | None, ...]  # None: missing
    sources: tuple[str, ...]
    by_adcode: dict[str, float | None]


class Codes:
    """A column as integer codes, for masks by membership: ``codes.isin(values)``."""

    def __init__(self, column) -> None:
        keys: dict = {}
        self.codes = np.fromiter((keys.setdefault(_key(v), len(keys)) for v in column), dtype=np.int32)
        self.keys = keys
        self.values = list(keys)  # code -> value

    def isin(self, values) -> np.ndarray:
        """Boolean mask over the column's rows: True where the value is one of ``values`` (an empty cell
        matches none).
        """
        table = np.zeros(len(self.keys) + 1, dtype=bool)
        for v in values:
            k = self.keys.get(v)
            if k is not None:
                table[k] = True
        return table[self.codes]


def _text(value) -> str | None:
    """A cell as text, None when empty (empty cells are read as None or NaN)."""
    return value if isinstance(value, str) and value else None


def _key(value):
    """Missing cells (None, NaN) become one key that no filter value equals."""
    return value if isinstance(value, str) else None


class Members:
    """A list column (sectors, policy refs) as a boolean matrix: ``any_of(values)`` per row."""

    def __init__(self, column) -> None:
        lists = [tuple(v) for v in column]
        self.keys = {k: i for i, k in enumerate(dict.fromkeys(k for v in lists for k in v))}
        self.matrix = np.zeros((len(lists), max(len(self.keys), 1)), dtype=bool)
        for row, v in enumerate(lists):
            for k in v:
                self.matrix[row, self.keys[k]] = True

    def any_of(self, values) -> np.ndarray:
        """Boolean mask over the rows: True where the row's list holds at least one of ``values``."""
        cols = [self.keys[v] for v in values if v in self.keys]
        if not cols:
            return np.zeros(len(self.matrix), dtype=bool)
        return self.matrix[:, cols].any(axis=1)


class Lookup:
    """What the callbacks ask of one loaded :class:`Tables`, precomputed."""

    def __init__(self, data: Tables, vocab: Vocab) -> None:
        src = data.sources
        # source id -> (publisher, publisher in English, title, date, url); missing cells are None
        self.sources: dict[str, tuple[str | None, ...]] = {
            sid: tuple(_text(v) for v in row)
            for sid, *row in zip(
                src.index, src["publisher"], src["publisher_en"], src["title"], src["date"], src["url"]
            )
        }
        self.meta = {key: queries.indicator_meta(data, key) for key in vocab.indicators}
        self.years: dict[tuple[str, int], YearValues] = {}
        self.series: dict[str, dict[str, tuple[list[int], list[float | None]]]] = {}
        self.all_sources: dict[str, tuple[str, ...]] = {}
        for key in vocab.indicators:
            frame = queries.indicator_values(data, key)
            adcodes = frame["adcode"].tolist()
            years = frame["year"].astype(int).tolist()
            values = [None if v != v else float(v) for v in frame["value"].tolist()]  # NaN != NaN
            sources = [str(s) for s in frame["source_id"].tolist()]
            self.all_sources[key] = tuple(dict.fromkeys(sources))
            self.meta[key]["digits"] = queries.published_decimals(values)
            rows: dict[int, list[int]] = {}
            for i, y in enumerate(years):
                rows.setdefault(y, []).append(i)
            for y, idx in rows.items():
                a = tuple(adcodes[i] for i in idx)
                v = tuple(values[i] for i in idx)
                self.years[(key, y)] = YearValues(a, v, tuple(sources[i] for i in idx), dict(zip(a, v)))
            per: dict[str, list[tuple[int, float | None]]] = {}
            for a, y, v in zip(adcodes, years, values):
                per.setdefault(a, []).append((y, v))
            for p in per.values():
                p.sort(key=lambda r: r[0])
            self.series[key] = {a: ([y for y, _ in p], [v for _, v in p]) for a, p in per.items()}

        h = data.hubs
        self.n_hubs = len(h)
        self.hub_ids = h["id"].tolist()
        self.hub_index = {hid: i for i, hid in enumerate(self.hub_ids)}
        self.layer = Codes(h["layer"])
        self.province = Codes(h["province_adcode"])
        self.level = Codes(h["level"])
        self.status = Codes(h["status"])
        self.precision = Codes(h["precision"])
        # the year each hub was established (approved), NaN where no source gives it
        self.established = h["established"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        # what the table's search reads in each hub's own text: its names and its city in Chinese and
        # English (繁體 is searched as Simplified: view/search.py) and its year (the table's columns)
        years = [None if y != y else str(int(y)) for y in self.established]  # NaN != NaN
        self.text = search.TextIndex(zip(h["name_zh"], h["name_en"], h["city_zh"], h["city_en"], years))
        # each hub's status changes (model/history.py), and the year of its first recorded event
        self.timelines = history.timelines(data.history)
        self.changing = [(self.hub_index[hid], tl) for hid, tl in self.timelines.items()]
        first_event = np.full(self.n_hubs, np.nan)
        for i, tl in self.changing:
            first_event[i] = tl[0][0]
        self.first_event = first_event
        # the first year a hub is known to exist: its establishment, or an earlier recorded event
        self.first_year = np.fmin(self.established, first_event)
        self.no_year = np.isnan(self.established)
        self._statuses: dict[int, Codes] = {}
        # one place, one record (model/history.py): the rows of each place with several
        # designations, ranked (the record first, then the others in data order), and per row
        by_place: dict[str, list[int]] = {}
        for i, (hid, target) in enumerate(zip(self.hub_ids, h["same_place_as"])):
            key = target if isinstance(target, str) and target else hid
            by_place.setdefault(key, []).append(i)
        self.shared_places: list[tuple[int, ...]] = [
            tuple(sorted(rows, key=lambda i, key=key: (self.hub_ids[i] != key, i)))
            for key, rows in by_place.items()
            if len(rows) > 1
        ]
        self.place_of: dict[int, tuple[int, ...]] = {i: ranked for ranked in self.shared_places for i in ranked}
        self.sectors = Members(h["sectors"])
        self.no_sector = ~self.sectors.matrix.any(axis=1)  # hubs with no recorded sector
        self.no_level = np.array([not isinstance(v, str) or not v for v in h["level"]], dtype=bool)
        self.measures = Members(h["policy_refs"])
        self._hub_sources = [tuple(s) for s in h["source_id"]]
        self.regions = queries.regions(data)
        self.region_mask = {key: reg.contains(h).to_numpy() for key, reg in self.regions.items()}
        self.region_bounds = {key: queries.region_bounds(data, key) for key in self.regions}
        self.region_provinces = {key: reg.provinces for key, reg in self.regions.items()}

        areas = data.areas  # designations named at an area, their site not published
        self.area_ids = areas["id"].tolist()
        self.area_layer = areas["layer"].tolist()
        self.area_keys = [frozenset(a) for a in areas["area"]]
        self.area_provinces = list(areas["provinces"])
        self.area_refs = [tuple(r) for r in areas["policy_refs"]]
        self.area_named = [int(y) for y in areas["named"]]
        self.area_text = search.TextIndex(zip(areas["name_zh"], areas["name_en"]))
        self.area_columns = {
            "layer": Codes(areas["layer"]).isin,
            "province": Members(areas["provinces"]).any_of,
            "measures": Members(areas["policy_refs"]).any_of,
        }

        links = data.links
        self.link_province = [province_of(str(a)) for a in links["west_adcode"]]
        self.link_refs = [tuple(r) for r in links["policy_refs"]]
        self.link_east = [province_of(str(a)) for a in links["east_adcode"]]
        self.link_text = search.TextIndex(zip(links["name_zh"], links["name_en"], links["programme"]))
        self.link_columns = {
            "layer": Codes(links["layer"]).isin,
            "province": Codes(self.link_province).isin,
            "measures": Members(links["policy_refs"]).any_of,
        }
        self.link_ends = [
            (round(g.coords[0][0], 4), round(g.coords[-1][0], 4), round(g.coords[0][1], 4), round(g.coords[-1][1], 4))
            for g in links.geometry
        ]
        self.measure_rows = dict(zip(data.measures.index, data.measures.to_dict("records")))
        self.countries = {
            iso: (zh, en)
            for iso, zh, en in zip(data.countries["iso3"], data.countries["name_zh"], data.countries["name_en"])
        }
        self.measure_provinces = {
            ref: frozenset(p) for ref, p in zip(data.measures.index, data.measures["provinces_named"])
        }

    # --- indicators ------------------------------------------------------------------------------

    def year_values(self, key: str, year: int) -> YearValues:
        """Indicator ``key`` in ``year``; an empty YearValues when it has no data that year."""
        return self.years.get((key, year)) or YearValues((), (), (), {})

    # --- hubs ------------------------------------------------------------------------------------

    def hub_mask(self, state: HubFilter, layers: bool = True, chosen: bool = True) -> np.ndarray:
        """The hubs a view shows and counts, as a mask in data order: those passing every filter of
        the state (queries.filter_hubs; the table's search is one) and, when hubs are chosen on the
        map, among them. Every count, chart, table and download of a state reads this one mask.

        ``layers=False``: whatever the visible layers (the layer panel counts every layer);
        ``chosen=False``: whatever the map's lasso or box chose (the map draws the others faded).
        """
        keep = self.region_mask.get(state.region, self.region_mask["west"]).copy()
        if state.provinces:
            keep &= self.province.isin(state.provinces)
        if layers and state.layers is not None:
            keep &= self.layer.isin(state.layers)
        if state.sectors:
            keep &= self.sectors.any_of(state.sectors) | (self.no_sector if UNKNOWN in state.sectors else False)
        if state.levels:
            keep &= self.level.isin(state.levels) | (self.no_level if UNKNOWN in state.levels else False)
        if state.statuses:
            then = self.statuses_in(state.year)
            keep &= then.isin(state.statuses) | (then.isin([None]) if UNKNOWN in state.statuses else False)
        if state.measure:
            keep &= self.measures.any_of([state.measure])
        if state.year is not None:
            # not yet established nor named; a hub whose year no source gives stays (NaN), marked
            keep &= ~(self.first_year > state.year) | self.no_year
        if state.search_terms:
            keep &= self.search_mask(state.search_terms, state.year)
        if chosen and state.hubs:
            keep &= self.chosen(state.hubs)
        return keep

    def search_mask(self, terms: tuple[SearchTerm, ...], year: int | None) -> np.ndarray:
        """The hubs holding every searched word (model/search.py) in a column the table shows: their
        names, city or year, or the label of their layer, province, level, status at the end of
        ``year`` (None: today), sectors, measures or location precision.
        """
        columns = {
            "layer": self.layer.isin,
            "province": self.province.isin,
            "level": self.level.isin,
            "status": self.statuses_in(year).isin,
            "precision": self.precision.isin,
            "sectors": self.sectors.any_of,
            "measures": self.measures.any_of,
        }
        return search.matches(terms, self.text, columns)

    def statuses_in(self, year: int | None) -> Codes:
        """Each hub's status at the end of ``year`` (None: today) from its history (model/history.py):
        that of its last event up to then, ``existing`` before its first.
        """
        if year is None:
            return self.status
        found = self._statuses.get(year)
        if found is None:
            column = [self.status.values[c] for c in self.status.codes]
            for i, timeline in self.changing:
                # before its first event: existing since its establishment
                column[i] = history.status_in(timeline, year) or "existing"
            # a hub whose establishment year no source gives, with no dated event by then: its
            # status then is not known (None, which only the filter 'not recorded' matches),
            # never today's status guessed back (it was 'existing' in any year asked)
            for i in np.flatnonzero(self.no_year & ~(self.first_event <= year)):
                column[i] = None
            found = self._statuses[year] = Codes(column)
        return found

    def present(self, i: int, year: int | None) -> bool:
        """Whether hub ``i`` is known to exist by the end of ``year`` (None: today); a hub whose year
        no source gives counts as present (it is drawn hollow).
        """
        return year is None or self.no_year[i] or not self.first_year[i] > year

    def status_of(self, i: int, year: int | None) -> str | None:
        """Hub ``i``'s status at the end of ``year`` (None: today); None where it is not known."""
        codes = self.statuses_in(year)
        return codes.values[codes.codes[i]]

    def year_unknown(self, state: HubFilter, mask: np.ndarray | None = None) -> np.ndarray:
        """The hubs the mask keeps only because their year is not recorded (a past year chosen):
        shown, and marked as such, never hidden or guessed. A hub whose establishment year is
        unknown but which a dated event shows to exist by then is not among them. ``mask``: the
        state's :meth:`hub_mask`, when the caller has it already.
        """
        if state.year is None:
            return np.zeros(self.n_hubs, dtype=bool)
        mask = self.hub_mask(state) if mask is None else mask
        return mask & self.no_year & ~(self.first_event <= state.year)

    def chosen(self, ids) -> np.ndarray:
        """The hubs chosen on the map (a lasso, a box, ticks: ``ids``) as a mask, widened to the
        places they stand at (:meth:`with_places`); unknown ids are left out.
        """
        mask = np.zeros(self.n_hubs, dtype=bool)
        mask[[self.hub_index[h] for h in ids if h in self.hub_index]] = True
        return self.with_places(mask)

    def with_places(self, mask: np.ndarray) -> np.ndarray:
        """``mask`` widened to every designation of each place it holds a row of (a lasso or a
        tick on a place's one point chooses the place).
        """
        out = mask.copy()
        for ranked in self.shared_places:
            if mask[list(ranked)].any():
                out[list(ranked)] = True
        return out

    def places(self, mask: np.ndarray) -> int:
        """How many places the designations in ``mask`` stand at (each place once)."""
        return int(mask.sum() - self.repeated_places(mask).sum())

    def repeated_places(self, mask: np.ndarray) -> np.ndarray:
        """The rows of ``mask`` that are another designation of a place one of whose designations
        ranked before it is also in ``mask`` (drawn there: one place, one point).
        """
        out = np.zeros(self.n_hubs, dtype=bool)
        for ranked in self.shared_places:
            out[[i for i in ranked if mask[i]][1:]] = True  # all but the first one in the mask
        return out

    def hidden_unknown(self, state: HubFilter) -> dict[str, int]:
        """How many hubs that pass every other filter a sector or level filter hides only because
        they have no recorded value there: {"sector": n, "level": n}, zero entries left out.
        """
        out = {}
        for key, chosen, missing in (("sector", state.sectors, self.no_sector), ("level", state.levels, self.no_level)):
            if chosen and UNKNOWN not in chosen:
                field = "sectors" if key == "sector" else "levels"
                others = self.hub_mask(replace(state, **{field: ()}))
                n = int((others & missing).sum())
                if n:
                    out[key] = n
        return out

    def sources_of_hubs(self, mask: np.ndarray, limit: int) -> list[str]:
        """The source ids of the hubs in ``mask``, in data order, the first ``limit`` of them."""
        out: list[str] = []
        for i in np.flatnonzero(mask):
            out += self._hub_sources[i]
            if len(out) >= limit:
                break
        return out[:limit]

    def provinces_of(self, region: str) -> frozenset[str]:
        """The provinces a region touches (queries.region_provinces); an unknown region is the west."""
        return self.region_provinces.get(region, self.region_provinces["west"])

    # --- area records ----------------------------------------------------------------------------

    def area_mask(self, state: HubFilter) -> list[bool]:
        """The area records the state shows, in data order: the layer on, the area inside the region
        (or the region itself), touching a chosen province, naming the measure, named by the year,
        holding every searched word (as a hub does: :meth:`search_mask`). They have no status,
        sector or level: a filter on one hides them, unless it asks for "unknown".
        """
        region = self.provinces_of(state.region)
        wanted = set(state.provinces)
        searched = search.matches(state.search_terms, self.area_text, self.area_columns)
        unrecorded = unrecorded_passes(state)
        return [
            unrecorded
            and (state.layers is None or layer in state.layers)
            and (provinces <= region or state.region in keys)
            and (not wanted or bool(provinces & wanted))
            and (not state.measure or state.measure in refs)
            and (state.year is None or named <= state.year)
            and bool(found)
            for layer, keys, provinces, refs, named, found in zip(
                self.area_layer, self.area_keys, self.area_provinces, self.area_refs, self.area_named, searched
            )
        ]

    # --- lines -----------------------------------------------------------------------------------

    def link_mask(self, state: HubFilter) -> list[bool]:
        """The east–west links the state shows (queries.filter_links), the search's words in their
        names or labels as in :meth:`area_mask`; none while hubs are chosen on the map (a lasso
        chooses hubs, and the view then counts those only).
        """
        if state.hubs or not unrecorded_passes(state) or (state.layers is not None and "east_west" not in state.layers):
            return [False] * len(self.link_province)
        region = self.provinces_of(state.region)
        wanted = set(state.provinces)
        searched = search.matches(state.search_terms, self.link_text, self.link_columns)
        return [
            p in region and (not wanted or p in wanted) and (not state.measure or state.measure in refs) and bool(found)
            for p, refs, found in zip(self.link_province, self.link_refs, searched)
        ]
