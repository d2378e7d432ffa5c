"""Content that depends on the state: table rows, the hub card, the measure quote (pure functions)."""

from __future__ import annotations

import base64
from functools import cache

import numpy as np
import pandas as pd
from dash import html

from atlas import model
from atlas.data import Atlas, atlas
from atlas.i18n import LANGS, fmt_number, label, pick, t
from atlas.lookup import lookup
from atlas.regions import PROVINCES
from atlas.state import ViewState
from atlas.vocab import LEVELS, PRECISIONS, SECTORS, STATUSES
from figures.map import place_label
from layers import REGISTRY


def _label(vocab: dict, key, lang: str) -> str:
    return label(*vocab[key], lang) if key in vocab else ""


# The hub table holds every hub once (names in all three languages, codes for the rest): the
# columns turn codes into labels in the page's language, and a state change sends only which rows
# pass the filters, as a bitset. Filtering, a language switch or a new year resend no rows.


def table_mask(data: Atlas, state: ViewState) -> np.ndarray:
    """The hubs the table shows, as a mask in data order: those passing the filters, narrowed to
    the map selection if any.
    """
    lk = lookup(data)
    keep = lk.hub_mask(state)
    if state.hubs:
        chosen = np.zeros(lk.n_hubs, dtype=bool)
        chosen[[lk.hub_index[h] for h in state.hubs if h in lk.hub_index]] = True
        keep &= chosen
    return keep


def table_hubs(data: Atlas, state: ViewState) -> pd.DataFrame:
    """The hubs the table shows (:func:`table_mask`) as rows of the data."""
    return data.hubs[table_mask(data, state)]


@cache
def all_rows() -> list[dict]:
    """Every hub as a table row, in data order (``i`` is its bit in :func:`row_bits`)."""
    rows = []
    for i, r in enumerate(atlas().hubs.itertuples()):
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


def row_bits(keep: np.ndarray) -> str:
    """A mask over :func:`all_rows` (:func:`table_mask`) as a base64 bitset (bit i = row i)."""
    return base64.b64encode(np.packbits(keep, bitorder="little").tobytes()).decode("ascii")


def table_rows(data: Atlas, state: ViewState) -> list[dict]:
    """The rows the table shows (as the browser filters them), in data order."""
    keep = set(table_hubs(data, state)["id"])
    return [r for r in all_rows() if r["id"] in keep]


def measure_quote(data: Atlas, state: ViewState) -> list:
    if not state.measure or state.measure not in data.measures.index:
        return []
    row = data.measures.loc[state.measure]
    text = row["text_zh"] if state.lang != "zh-Hant" else pick(row["text_zh"], None, state.lang)
    return [html.P(text), html.Footer(_source_text(data, [row["source_id"]], state.lang))]


def _source_text(data: Atlas, source_ids, lang: str) -> str:
    parts = []
    for sid in source_ids:
        if sid in data.sources.index:
            s = data.sources.loc[sid]
            parts.append(f"{s['publisher']}, {s['title']} ({s['date']})")
    return f"{t('source', lang)}: " + "; ".join(parts)


def hub_card(data: Atlas, state: ViewState) -> list:
    """The card of the selected hub, or a hint when none is selected."""
    lang = state.lang
    lk = lookup(data)
    if not state.hub or state.hub not in lk.hub_index:
        return [html.H2(t("hub_card", lang)), html.P(t("choose_hub", lang), className="hint")]
    r = data.hubs.iloc[lk.hub_index[state.hub]]
    layer = REGISTRY[r["layer"]]
    year = state.resolved_year(model.vocab())
    facts = [
        (t("col_layer", lang), pick(layer.label_zh, layer.label_en, lang)),
        (t("col_level", lang), _label(LEVELS, r["level"], lang) or t("no_data", lang)),
        (t("col_status", lang), _label(STATUSES, r["status"], lang)),
        (
            t("col_sectors", lang),
            ", ".join(_label(SECTORS, s, lang) for s in r["sectors"]) or t("no_data", lang),
        ),
        (
            t("col_year", lang),
            str(int(r["established"])) if not pd.isna(r["established"]) else t("no_data", lang),
        ),
        (t("place", lang), f"{_place(r, lang)} · {_label(PRECISIONS, r['precision'], lang)}"),
    ]
    if r["partners"]:
        facts.append((t("col_partners", lang), ", ".join(_partner_name(data, p, lang) for p in r["partners"])))
    children = [
        html.H2(pick(r["name_zh"], r["name_en"], lang)),
        html.Dl([item for k, v in facts for item in (html.Dt(k), html.Dd(v))]),
    ]
    # the province's indicators for the chosen year
    rows = []
    for key in model.vocab().indicators:
        meta = lk.meta[key]
        value = lk.year_values(key, year).by_adcode.get(r["province_adcode"])
        unit = meta["unit_en"] if lang == "en" else pick(meta["unit_zh"], None, lang)
        rows.append(
            html.Tr(
                [
                    html.Td(pick(meta["name_zh"], meta["name_en"], lang)),
                    html.Td(fmt_number(value, lang)),
                    html.Td(unit if value is not None else ""),
                ]
            )
        )
    children += [
        html.H3(f"{t('province_indicators', lang)}: {pick(*PROVINCES[r['province_adcode']], lang)} · {year}"),
        html.Table(html.Tbody(rows), className="data-table compact"),
    ]
    for ref in r["policy_refs"]:
        if ref in data.measures.index:
            m = data.measures.loc[ref]
            children.append(html.H3(f"{t('quote', lang)} {ref}"))
            children.append(html.Blockquote(pick(m["text_zh"], None, lang) if lang != "en" else m["text_zh"]))
            children.append(html.P(_source_text(data, [m["source_id"]], lang), className="sources"))
    if r["note"]:
        children.append(html.P(r["note"], className="note"))
    children.append(html.P(_source_text(data, r["source_id"], lang), className="sources"))
    return children


def _place(r, lang: str) -> str:
    return place_label(r["place_zh"], r["place_en"], r["place_adcode"], r["prefecture_adcode"], lang)


def _partner_name(data: Atlas, code: str, lang: str) -> str:
    if code in PROVINCES:
        return pick(*PROVINCES[code], lang)
    c = data.countries[data.countries["iso3"] == code]
    return pick(c["name_zh"].iloc[0], c["name_en"].iloc[0], lang) if len(c) else code
