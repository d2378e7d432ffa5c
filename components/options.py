"""Option lists and table columns, in the chosen language (pure functions)."""

from __future__ import annotations

from model import queries
from model.prepared import Prepared
from model.regions import PROVINCES, WEST
from model.terms import LEVELS, SECTORS, STATUSES, UNKNOWN
from view.i18n import LANGS, label, measure_ref, normalize_lang, pick, t
from view.search import coded_labels


def regions(data: Prepared, lang: str) -> list[dict]:
    return [{"label": pick(r.name_zh, r.name_en, lang), "value": k} for k, r in queries.regions(data).items()]


def provinces(data: Prepared, lang: str) -> list[dict]:
    """Western provinces first, then the others (all can be compared in the charts)."""
    order = sorted(data.vocab.provinces, key=lambda a: (a not in WEST, a))
    return [{"label": pick(PROVINCES[a][0], PROVINCES[a][1], lang), "value": a} for a in order]


def indicators(data: Prepared, lang: str) -> list[dict]:
    out = []
    for key in data.vocab.indicators:
        meta = queries.indicator_meta(data, key)
        label = pick(meta["name_zh"], meta["name_en"], lang)
        if meta["derived"]:
            label += f" ({t('derived', lang)})"
        out.append({"label": label, "value": key})
    return out


def _vocab(vocab: dict[str, tuple[str, str]], lang: str) -> list[dict]:
    return [{"label": label(zh, en, lang), "value": k} for k, (zh, en) in vocab.items()]


def sectors(lang: str) -> list[dict]:
    """The sectors, then "not recorded" (hubs with no sector are hidden by a sector filter unless
    it is chosen too).
    """
    return [*_vocab(SECTORS, lang), {"label": t("unknown", lang), "value": UNKNOWN}]


def levels(lang: str) -> list[dict]:
    return [*_vocab(LEVELS, lang), {"label": t("unknown", lang), "value": UNKNOWN}]


def year_marks(years) -> dict[int, str]:
    """Slider marks that never overlap: the last year and every third year back, and the first
    unless it would crowd its neighbour ('2022024' was two marks a year apart).
    """
    if not years:
        return {}
    marks = list(range(years[-1], years[0] - 1, -3))
    if years[0] not in marks and marks[-1] - years[0] >= 2:
        marks.append(years[0])
    return {y: str(y) for y in sorted(marks) if y in years}


def statuses(lang: str) -> list[dict]:
    """The statuses, then "not recorded": a hub's status in a past year where no source gives the
    year it was established (model/lookup.statuses_in).
    """
    return [*_vocab(STATUSES, lang), {"label": t("unknown", lang), "value": UNKNOWN}]


def views(lang: str) -> list[dict]:
    return [
        {"label": t("map_province", lang), "value": "province"},
        {"label": t("map_prefecture", lang), "value": "prefecture"},
    ]


def measures(data: Prepared, lang: str) -> list[dict]:
    out = [{"label": t("no_measure", lang), "value": ""}]
    for row in data.measures.itertuples():
        if lang == "en":
            out.append({"label": f"{measure_ref(row.ref, lang)} {row.title_en}", "value": row.ref})
            continue
        number = row.text_zh[: row.text_zh.index(")") + 1]
        out.append({"label": f"{number} {pick(row.title_zh, None, lang)}", "value": row.ref})
    return out


def _coded(field: str, labels: dict[str, dict[str, str]], fit: bool = False) -> dict:
    """A column of codes shown (and sorted) as their labels: the grid looks them up
    (assets/atlas-grid.js), so the columns are data and no code is compiled in the browser.
    ``fit``: the column is never narrower than its longest label (a few short labels).
    """
    return {"colId": field, "field": field, "labels": labels[field]} | ({"fitLabels": True} if fit else {})


def table_columns(lang: str) -> list[dict]:
    """Columns of the hub table in ``lang``; the rows (components.views.all_rows) hold codes.

    ``minWidth`` (px) is the least a column's values need to be told apart; the grid widens a column
    to its header and, with ``fitLabels``, to its longest label (assets/atlas-grid.js). The columns
    share the table's width in proportion to their least width times ``flex`` (the long names get
    the most). At 1366 px they fit the table's 1,270 px in every language with no horizontal
    scrolling; longer names and lists (hubs, layers, cities, sectors) are cut and shown whole on
    hover.
    """
    slot = LANGS.index(normalize_lang(lang))
    labels = coded_labels(lang)  # what the search matches too (view/search.py)
    cols = [
        ({"colId": "name", "field": f"name{slot}"}, "col_name", 200, 2),
        (_coded("layer", labels), "col_layer", 140, 2),
        (_coded("province", labels, fit=True), "col_province", 60, 1),
        ({"colId": "city", "field": f"city{slot}"}, "col_city", 100, 1.5),
        (_coded("level", labels, fit=True), "col_level", 60, 1),
        (_coded("status", labels), "col_status", 100, 1),
        ({"colId": "established", "field": "established"}, "col_year", 70, 1),
        (_coded("sectors", labels), "col_sectors", 120, 1.5),
        (_coded("measures", labels, fit=True), "col_measures", 60, 1),
        (_coded("precision", labels), "col_precision", 100, 1),
    ]
    return [{**col, "headerName": t(k, lang), "minWidth": w, "flex": f} for col, k, w, f in cols]


VERSION_KEY = "@version"  # beside the indicators' keys: the data version the years are of


def year_ranges(vocab, version: str | None = None) -> dict[str, dict]:
    """{indicator: {"min", "max", "marks"}}: the year slider for each indicator (the page holds it),
    and under VERSION_KEY the data ``version`` they are of.
    """
    out: dict = {
        key: {"min": years[0], "max": years[-1], "marks": year_marks(years)}
        for key, years in vocab.years.items()
        if years
    }
    return {**out, VERSION_KEY: version}
