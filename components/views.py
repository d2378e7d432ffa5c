"""Content that depends on the state: table rows, the hub card, the measure quote (pure functions)."""

from __future__ import annotations

import base64
import bisect
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
from dash import html

from components.ids import CARD_GOTO
from figures import history
from figures.map import areas as map_areas
from figures.map import place_label, point_groups, prefecture_names_en
from figures.sources import citations
from layers import REGISTRY
from model.prepared import Prepared
from model.regions import PROVINCES
from model.terms import ESTABLISHED_BASES, LEVELS, PRECISIONS, SECTORS, STATUSES, UNKNOWN
from view.i18n import LANGS, fmt_number, measure_ref, pick, t, term
from view.state import ViewState

# The hub table holds every hub once (names in all three languages, codes for the rest): the
# columns turn codes into labels in the page's language, and a state change sends only which rows
# pass the filters, as a bitset. Filtering, a language switch or a new year resend no rows.


def table_mask(data: Prepared, state: ViewState) -> np.ndarray:
    """The hubs the table shows, as a mask in data order: those passing the filters and the search,
    among the hubs chosen on the map if any (the one mask every count reads: Lookup.hub_mask).
    """
    return data.lookup.hub_mask(state)


def table_hubs(data: Prepared, state: ViewState) -> pd.DataFrame:
    """The hubs the table shows (:func:`table_mask`) as rows of the data."""
    return data.hubs[table_mask(data, state)]


def all_rows(data: Prepared) -> list[dict]:
    """Every hub as a table row, in data order (``i`` is its bit in :func:`row_bits`; once per data)."""
    return data.derived("table-rows", lambda: _all_rows(data))


def _all_rows(data: Prepared) -> list[dict]:
    rows = []
    for i, r in enumerate(data.hubs.itertuples()):
        row = {"i": i, "id": r.id, "layer": r.layer, "province": r.province_adcode}
        city = r.city_zh if isinstance(r.city_zh, str) else ""  # empty cells are read as NaN
        city_en = r.city_en if isinstance(r.city_en, str) else ""
        for slot, lang in enumerate(LANGS):
            row[f"name{slot}"] = pick(r.name_zh, r.name_en, lang)
            row[f"city{slot}"] = pick(city, city_en, lang) if city else ""
        row.update(
            level=r.level or "",
            status=r.status,
            established=None if pd.isna(r.established) else int(r.established),
            sectors=list(r.sectors),
            measures=list(r.policy_refs),
            precision=r.precision,
        )
        rows.append(row)
    return rows


def count_text(data: Prepared, keep: np.ndarray, lang: str) -> str:
    """'12 个', or where a place holds several of the rows '14 项认定,位于 12 处地点': rows
    count designations, places count once (model/history.py).
    """
    n, places = int(keep.sum()), data.lookup.places(keep)
    if places == n:
        return f"{n} {t('count_one' if n == 1 else 'count', lang)}"
    return t("count_one_place" if places == 1 else "count_places", lang).format(n=n, places=places)


def area_note(data: Prepared, state: ViewState) -> list:
    """The area records the state passes, beside the table (they are not rows: no site, no
    status): '另有文件点名、未公布选址或合作方者:name(area,选址未公布);…', [] when none.
    """
    shown = map_areas.shown_records(data, state)
    if not shown:
        return []
    lang = state.lang
    colon, sep = (": ", "; ") if lang == "en" else (":", ";")
    return [t("areas_note", lang) + colon, sep.join(map_areas.record_text(a, lang) for a in shown)]


def row_statuses(data: Prepared, state: ViewState) -> dict[str, str]:
    """``{row's i (text): status}`` for the hubs whose status at the end of the state's year is
    not today's (model/history.py); {} for today.
    """
    lk = data.lookup
    if state.year is None:
        return {}
    # UNKNOWN ('not recorded') where the status then is not known (a hub whose establishment year
    # no source gives, before any dated event): not today's status, guessed back
    rows = {i for i, _ in lk.changing} | set(np.flatnonzero(lk.no_year).tolist())
    return {str(i): s or UNKNOWN for i in sorted(rows) if (s := lk.status_of(i, state.year)) != lk.status_of(i, None)}


def status_groups(statuses: dict[str, str]) -> dict[str, list[int]]:
    """``{status: [row i, ...]}`` of :func:`row_statuses`, as the table is sent it: each row's
    number once, not a key and a status a row (a year's change sent 'unknown' 43 times).
    """
    out: dict[str, list[int]] = {}
    for i, status in statuses.items():
        out.setdefault(status, []).append(int(i))
    return out


def row_bits(keep: np.ndarray) -> str:
    """A mask over :func:`all_rows` (:func:`table_mask`) as a base64 bitset (bit i = row i)."""
    return base64.b64encode(np.packbits(keep, bitorder="little").tobytes()).decode("ascii")


def table_rows(data: Prepared, state: ViewState) -> list[dict]:
    """The rows the table shows (as the browser filters them), in data order."""
    keep = set(table_hubs(data, state)["id"])
    return [r for r in all_rows(data) if r["id"] in keep]


def measure_quote(data: Prepared, state: ViewState) -> list:
    """The words of the chosen measure (policy panel), with their source."""
    m = data.lookup.measure_rows.get(state.measure) if state.measure else None
    if m is None:
        return []
    return [*_measure_words(m, state.lang, html.P), html.Footer(_sources(data, [m["source_id"]], state.lang))]


def _measure_words(m: dict, lang: str, element) -> list:
    """A measure's text: as published in Chinese (繁體 character by character); in English the
    atlas's own rendering, labelled as an unofficial translation.
    """
    if lang == "en":
        return [element(m["text_en"], lang="en"), html.P(t("unofficial_translation", lang), className="unofficial")]
    return [element(pick(m["text_zh"], None, lang))]


def _sources(data: Prepared, source_ids, lang: str) -> list:
    """'Source: publisher, title (date) host; …' with each URL a link that opens a new tab."""
    items: list = [f"{t('source', lang)}: "]
    for i, c in enumerate(citations(data, source_ids, lang)):
        items.append(("; " if i else "") + c.text())
        if c.url:
            items += [" ", _link(c.url)]
    return items


def _link(url: str) -> html.A:
    return html.A(urlsplit(url).hostname or url, href=url, target="_blank", rel="noopener noreferrer", title=url)


def _indicator_cell(lk, key: str, adcode: str, year: int, lang: str) -> tuple[str, bool]:
    """The indicator's value in ``year``, or in the latest earlier year that has one, labelled
    with that year ('1,234 (2023)'); 'no data' only when no year up to ``year`` has a value.
    Returns (text, has a value).
    """
    years, values = lk.series.get(key, {}).get(adcode, ([], []))
    i = bisect.bisect_right(years, year)
    while i > 0:
        i -= 1
        if values[i] is not None:
            text = fmt_number(values[i], lang, lk.meta[key]["digits"])
            return (text if years[i] == year else f"{text} ({years[i]})"), True
    return t("no_data", lang), False


def hub_card(data: Prepared, state: ViewState) -> list:
    """The card of the selected hub, or a hint when none is selected."""
    lang = state.lang
    lk = data.lookup
    if not state.hub or state.hub not in lk.hub_index:
        return [html.H2(t("hub_card", lang)), html.P(t("choose_hub", lang), className="hint")]
    r = data.hubs.iloc[lk.hub_index[state.hub]]
    layer = REGISTRY[r["layer"]]
    year = state.resolved_year(data.vocab)
    facts = [
        (t("col_layer", lang), pick(layer.label_zh, layer.label_en, lang)),
        (t("col_level", lang), term(LEVELS, r["level"], lang) or t("no_data", lang)),
        (_status_heading(data, state, lang), _status_then(data, lk.hub_index[state.hub], state.year, lang)),
        (
            t("col_sectors", lang),
            ", ".join(term(SECTORS, s, lang) for s in r["sectors"]) or t("no_data", lang),
        ),
        (
            t("col_year", lang),
            f"{int(r['established'])} ({term(ESTABLISHED_BASES, r['established_basis'], lang)})"
            if not pd.isna(r["established"])
            else t("no_data", lang),
        ),
        (t("place", lang), f"{_place(data, r, lang)} · {term(PRECISIONS, r['precision'], lang)}"),
    ]
    if r["partners"]:
        facts.append((t("col_partners", lang), ", ".join(_partner_name(lk, p, lang) for p in r["partners"])))
    # how it got here, and what else the place is (one place, one record)
    if found := history.events(data, r["id"], lang, notes=True):
        facts.append((t("history", lang), html.Ul([html.Li(e) for e in found])))
    if others := history.other_designations(data, r["id"], lang, state.year):
        facts.append((t("same_place", lang), html.Ul([html.Li(o) for o in others])))
    if here := same_point(data, state):
        facts.append((t("same_point", lang), html.Ul([html.Li(_goto(data, j, lang)) for j in here])))
    children = [
        html.H2(pick(r["name_zh"], r["name_en"], lang)),
        html.Dl([item for k, v in facts for item in (html.Dt(k), html.Dd(v))]),
    ]
    # the province's indicators in the chosen year (or the latest earlier year with a value)
    rows = []
    for key in data.vocab.indicators:
        meta = lk.meta[key]
        shown, has_value = _indicator_cell(lk, key, r["province_adcode"], year, lang)
        unit = meta["unit_en"] if lang == "en" else pick(meta["unit_zh"], None, lang)
        rows.append(
            html.Tr(
                [
                    html.Td(pick(meta["name_zh"], meta["name_en"], lang)),
                    html.Td(shown),
                    html.Td(unit if has_value else ""),
                ]
            )
        )
    children += [
        html.H3(f"{t('province_indicators', lang)}: {pick(*PROVINCES[r['province_adcode']], lang)} · {year}"),
        html.Table(html.Tbody(rows), className="data-table compact"),
    ]
    for ref in r["policy_refs"]:
        m = lk.measure_rows.get(ref)
        if m is not None:
            children.append(html.H3(f"{t('quote', lang)} {measure_ref(ref, lang)}"))
            children += _measure_words(m, lang, html.Blockquote)
            children.append(html.P(_sources(data, [m["source_id"]], lang), className="sources"))
    if r["note"]:
        # the data's research note is written in English (quoting Chinese sources): headed so in
        # every language, where a Chinese card showed it as if it were a mixed translation
        note = pick(r["note"], r["note"], lang)  # 繁體: s2tw, as names
        children.append(html.P([html.Strong(t("data_note", lang)), " ", html.Span(note, lang="en")], className="note"))
    children.append(html.P(_sources(data, r["source_id"], lang), className="sources"))
    return children


def same_point(data: Prepared, state: ViewState) -> list[int]:
    """Rows of the other hubs the view shows at the selected hub's very point (figures.map
    point_groups), other designations of its own place left out (the card lists those): the map
    sets them out on a spiral far smaller than a marker, so a click reaches only the top one.
    Empty without a selected hub.
    """
    lk = data.lookup
    if state.hub not in lk.hub_index:
        return []
    i = lk.hub_index[state.hub]
    group = next((g for g in point_groups(data) if i in g), ())
    own = set(lk.place_of.get(i, (i,)))
    shown = lk.hub_mask(state, chosen=False)
    return sorted(j for j in group if j not in own and shown[j])


def _goto(data: Prepared, j: int, lang: str) -> html.Button:
    """A button that opens hub row ``j``'s card (callbacks/selection.py: ids.CARD_GOTO)."""
    r = data.hubs.iloc[j]
    layer = REGISTRY[r["layer"]]
    label = f"{pick(r['name_zh'], r['name_en'], lang)} · {pick(layer.label_zh, layer.label_en, lang)}"
    return html.Button(label, id={"type": CARD_GOTO, "hub": r["id"]}, className="link-button", n_clicks=0)


def _status_then(data: Prepared, i: int, year: int | None, lang: str) -> str:
    """Hub ``i``'s status at the end of ``year``: 'not yet designated (from 2022)' before it
    existed, 'not recorded (year of establishment not recorded)' where its status then is not
    known (never today's, guessed back).
    """
    lk = data.lookup
    if not lk.present(i, year):
        return t("not_yet", lang).format(year=int(lk.first_year[i]))
    return term(STATUSES, lk.status_of(i, year), lang) or t("status_not_recorded", lang)


def _status_heading(data: Prepared, state: ViewState, lang: str) -> str:
    """'状态' today; '状态(2015年底)' for a past year, whose status the card shows."""
    if state.year is None:
        return t("col_status", lang)
    return t("status_as_of", lang).format(year=state.year)


def _place(data: Prepared, r, lang: str) -> str:
    names = prefecture_names_en(data)
    return place_label(r["place_zh"], r["place_en"], r["place_adcode"], r["prefecture_adcode"], lang, names)


def _partner_name(lk, code: str, lang: str) -> str:
    if code in PROVINCES:
        return pick(*PROVINCES[code], lang)
    return pick(*lk.countries[code], lang) if code in lk.countries else code
