"""Coverage of the bundled data: what is there, and where the gaps are (pure functions)."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from model.loader import Tables
from model.queries import make_vocab
from model.regions import PROVINCES, STAT_UNITS, WEST
from model.vocab import Vocab


def hubs_by_layer_province(atlas: Tables) -> pd.DataFrame:
    """Hub counts: one row per layer, one column per western province (short names), plus others."""
    hubs = atlas.hubs
    prov = hubs["province_adcode"].where(hubs["province_adcode"].isin(WEST), "other")
    table = pd.crosstab(hubs["layer"], prov)
    order = [a for a in sorted(WEST) if a in table.columns] + (["other"] if "other" in table else [])
    table = table.reindex(columns=order, fill_value=0)
    table.columns = [PROVINCES[a][0] if a in PROVINCES else "其他" for a in table.columns]
    table["total"] = table.sum(axis=1)
    return table


def hubs_by_precision(atlas: Tables) -> pd.DataFrame:
    """Hub counts: one row per layer, one column per precision of placement found (site ... province)."""
    return pd.crosstab(atlas.hubs["layer"], atlas.hubs["precision"])


def missing_fields(atlas: Tables) -> pd.DataFrame:
    """Per layer: hubs without a year, without sectors, and placed at city level or coarser."""
    h = atlas.hubs
    return pd.DataFrame(
        {
            "hubs": h.groupby("layer").size(),
            "no_year": h["established"].isna().groupby(h["layer"]).sum(),
            "no_sectors": h["sectors"].map(len).eq(0).groupby(h["layer"]).sum(),
            "city_or_coarser": h["precision"].isin(["city", "province"]).groupby(h["layer"]).sum(),
        }
    ).astype(int)


def indicator_coverage(atlas: Tables) -> pd.DataFrame:
    """Number of statistical units (31 provinces + national) with a value, per indicator and year."""
    v = atlas.values
    return v.pivot_table(index="indicator", columns="year", values="value", aggfunc="count").fillna(0).astype(int)


def indicator_gaps(atlas: Tables) -> list[tuple[str, int, list[str]]]:
    """(indicator, year, missing adcodes) for every indicator-year that lacks any unit.

    Years are those between an indicator's first and last year with data; years outside that
    span are reported by indicator_coverage.
    """
    gaps = []
    for ind, grp in atlas.values.groupby("indicator"):
        for year in range(int(grp["year"].min()), int(grp["year"].max()) + 1):
            have = set(grp.loc[grp["year"] == year, "adcode"])
            missing = sorted(STAT_UNITS - have)
            if missing:
                gaps.append((str(ind), year, missing))
    return gaps


def unused_sources(atlas: Tables) -> list[str]:
    """The source ids of sources.csv that nothing cites (hubs, their history, links, values, measures,
    regions, official counts), sorted.
    """
    used = set(atlas.values["source_id"]) | set(atlas.measures["source_id"])
    lists = [atlas.hubs, atlas.links, atlas.regions, atlas.history, atlas.official_counts, atlas.areas]
    for ids in (ids for frame in lists for ids in frame["source_id"]):
        used |= set(ids or ())
    return sorted(set(atlas.sources.index) - used)


def official_counts(atlas: Tables) -> pd.DataFrame:
    """Each designation of data/official_counts.csv beside the atlas's rows of it.

    One row per designation: ``designation``, ``layer``, ``scope`` (``national``: the official
    count is the whole country's, the atlas's the west's; ``west``; ``document``: how many 336号
    names), ``official`` (the count, None where none is published), ``as_of``, ``atlas`` (rows
    whose status today is one of ``statuses``, default existing), ``atlas_all`` (every row,
    revoked and upgraded ones included), ``areas`` (area records of the layer the pattern selects:
    named, site not published, docs/data.md *Area records*), ``source`` ('publisher, date' of each
    source), ``note``.
    """
    hubs, src = atlas.hubs, atlas.sources
    rows = []
    for r in atlas.official_counts.itertuples(index=False):
        pattern = re.compile(r.select)
        mine = hubs[(hubs["layer"] == r.layer) & hubs["id"].map(lambda h, p=pattern: bool(p.search(h)))]
        areas = atlas.areas[
            (atlas.areas["layer"] == r.layer) & atlas.areas["id"].map(lambda h, p=pattern: bool(p.search(h)))
        ]
        statuses = set(r.statuses) or {"existing"}
        sources = "; ".join(
            f"{src.at[s, 'publisher_en']}, {src.at[s, 'date'] or 'undated'}" for s in (r.source_id or [])
        )
        rows.append(
            {
                "designation": r.designation,
                "layer": r.layer,
                "scope": r.scope,
                "official": None if pd.isna(r.count) else int(r.count),
                "as_of": r.as_of,
                "atlas": int(mine["status"].isin(statuses).sum()),
                "atlas_all": len(mine),
                "areas": len(areas),
                "source": sources,
                "note": r.note,
            }
        )
    return pd.DataFrame(rows)


def latest_years(atlas: Tables) -> pd.DataFrame:
    """Per indicator: the latest year with a value, how many of the 31 provinces and China have it
    (``units``) and how many of the 12 western provinces (``west``), and the default year
    (``default``, model.vocab.default_year) where it is another year, else empty.
    """
    vocab = make_vocab(atlas)
    v = atlas.values
    out = []
    for key, grp in v.groupby("indicator"):
        last = int(grp["year"].max())
        default = vocab.default_year(str(key))
        out.append(
            {
                "indicator": key,
                "latest": last,
                "units": int((grp["year"] == last).sum()),
                "west": len(vocab.west_in(str(key), last)),
                "default": "" if default == last else str(default),
            }
        )
    return pd.DataFrame(out).set_index("indicator")


def sparse_years(vocab: Vocab, touched: Iterable[tuple[str, int]]) -> list[str]:
    """A warning for each (indicator, year) of ``touched`` (what an import adds, changes or removes)
    that has values for too few western provinces to be the indicator's default year
    (model.vocab.default_year), in ``vocab`` (the data after the import): which year, how many of
    the 12 and which, and what the default year is instead. Such a year is imported (first releases
    come early) and can be chosen; it is just not shown unasked.
    """
    out = []
    for key, year in sorted(set(touched)):
        if not vocab.sparse(key, year):
            continue
        have = vocab.west_in(key, year)
        names = "、".join(PROVINCES[a][0] for a in sorted(have)) or "none"
        default = vocab.default_year(key)
        what = (
            f"it will not be the default year (that stays {default}) until at least {vocab.needed(key)} have one"
            if year > default
            else f"the default year is {default}"
        )
        out.append(
            f"{key} {year} has values for {len(have)} of the {len(WEST)} western provinces ({names}): {what}; "
            f"it can be chosen on the year slider or with y={year}, and shows the others as no data"
        )
    return out
