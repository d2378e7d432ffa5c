"""Content that depends on the state: table rows, the hub card, the measure quote (pure functions)."""

from __future__ import annotations

import pandas as pd
from dash import html

from atlas import model
from atlas.data import Atlas
from atlas.i18n import fmt_number, pick, t
from atlas.regions import PROVINCES
from atlas.state import ViewState
from atlas.vocab import LEVELS, PRECISIONS, SECTORS, STATUSES
from figures.map import place_label
from layers import REGISTRY


def _label(vocab: dict, key, lang: str) -> str:
    return pick(*vocab[key], lang) if key in vocab else ""


def table_rows(data: Atlas, state: ViewState) -> list[dict]:
    """The rows of the hub table: the filtered hubs, narrowed to the map selection if any."""
    lang = state.lang
    hubs = model.filter_hubs(data, state)
    if state.hubs:
        hubs = hubs[hubs["id"].isin(state.hubs)]
    rows = []
    for r in hubs.itertuples():
        rows.append(
            {
                "id": r.id,
                "name": pick(r.name_zh, r.name_en, lang),
                "layer": pick(REGISTRY[r.layer].label_zh, REGISTRY[r.layer].label_en, lang),
                "province": pick(*PROVINCES[r.province_adcode], lang),
                "city": pick(r.city_zh, None, lang) if lang != "en" else (r.city_zh or ""),
                "level": _label(LEVELS, r.level, lang),
                "status": _label(STATUSES, r.status, lang),
                "established": None if pd.isna(r.established) else int(r.established),
                "sectors": ", ".join(_label(SECTORS, s, lang) for s in r.sectors),
                "measures": " ".join(r.policy_refs),
                "precision": _label(PRECISIONS, r.precision, lang),
            }
        )
    return rows


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
    hubs = data.hubs
    if not state.hub or state.hub not in set(hubs["id"]):
        return [html.H2(t("hub_card", lang)), html.P(t("choose_hub", lang), className="hint")]
    r = hubs[hubs["id"] == state.hub].iloc[0]
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
        meta = model.indicator_meta(data, key)
        value = model.value_by_province(data, key, year).get(r["province_adcode"])
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
    return place_label(r["place_zh"], r["place_adcode"], r["prefecture_adcode"], lang)


def _partner_name(data: Atlas, code: str, lang: str) -> str:
    if code in PROVINCES:
        return pick(*PROVINCES[code], lang)
    c = data.countries[data.countries["iso3"] == code]
    return pick(c["name_zh"].iloc[0], c["name_en"].iloc[0], lang) if len(c) else code
