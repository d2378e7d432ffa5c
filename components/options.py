"""Option lists and table columns, in the chosen language (pure functions)."""

from __future__ import annotations

from atlas import model
from atlas.data import Atlas
from atlas.i18n import pick, t
from atlas.regions import PROVINCES, WEST
from atlas.vocab import LEVELS, SECTORS, STATUSES
from layers import REGISTRY


def regions(data: Atlas, lang: str) -> list[dict]:
    return [{"label": pick(r.name_zh, r.name_en, lang), "value": k} for k, r in model.regions(data).items()]


def provinces(lang: str) -> list[dict]:
    """Western provinces first, then the others (all can be compared in the charts)."""
    order = sorted(model.vocab().provinces, key=lambda a: (a not in WEST, a))
    return [{"label": pick(PROVINCES[a][0], PROVINCES[a][1], lang), "value": a} for a in order]


def indicators(data: Atlas, lang: str) -> list[dict]:
    out = []
    for key in model.vocab().indicators:
        meta = model.indicator_meta(data, key)
        label = pick(meta["name_zh"], meta["name_en"], lang)
        if meta["derived"]:
            label += f" ({t('derived', lang)})"
        out.append({"label": label, "value": key})
    return out


def layers(lang: str) -> list[dict]:
    return [{"label": pick(s.label_zh, s.label_en, lang), "value": k} for k, s in REGISTRY.items()]


def _vocab(vocab: dict[str, tuple[str, str]], lang: str) -> list[dict]:
    return [{"label": pick(zh, en, lang), "value": k} for k, (zh, en) in vocab.items()]


def sectors(lang: str) -> list[dict]:
    return _vocab(SECTORS, lang)


def levels(lang: str) -> list[dict]:
    return _vocab(LEVELS, lang)


def statuses(lang: str) -> list[dict]:
    return _vocab(STATUSES, lang)


def views(lang: str) -> list[dict]:
    return [
        {"label": t("map_province", lang), "value": "province"},
        {"label": t("map_prefecture", lang), "value": "prefecture"},
    ]


def measures(data: Atlas, lang: str) -> list[dict]:
    out = [{"label": t("no_measure", lang), "value": ""}]
    for row in data.measures.itertuples():
        number = row.text_zh[: row.text_zh.index(")") + 1]
        title = row.title_en if lang == "en" else pick(row.title_zh, None, lang)
        out.append({"label": f"{number} {title}", "value": row.ref})
    return out


def table_columns(lang: str) -> list[dict]:
    cols = [
        ("name", "col_name", 260),
        ("layer", "col_layer", 160),
        ("province", "col_province", 90),
        ("city", "col_city", 110),
        ("level", "col_level", 90),
        ("status", "col_status", 100),
        ("established", "col_year", 90),
        ("sectors", "col_sectors", 160),
        ("measures", "col_measures", 110),
        ("precision", "col_precision", 110),
    ]
    return [{"field": f, "headerName": t(k, lang), "minWidth": w} for f, k, w in cols]
