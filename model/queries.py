"""Queries over the loaded data for a view state: filtered hubs, indicator values, regions.

Pure functions of (Atlas, ViewState): no I/O, no module state changed, safe for many users.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import shapely

from layers import REGISTRY
from model.loader import Tables
from model.regions import NATIONAL, PROVINCES, WEST, prefecture_of, province_of
from model.vocab import Vocab

# Derived indicators: key -> (numerator, denominator, factor, unit zh, unit en, name zh, name en)
DERIVED = {
    "rd_per_capita": (
        "rd_expenditure",
        "population",
        1e4,  # 亿元 / 万人 = 1e8 / 1e4 元 per person
        "元/人",
        "yuan per person",
        "人均R&D经费",
        "R&D expenditure per capita",
    ),
}


@dataclass(frozen=True)
class Region:
    """A named region: units wholly inside (provinces, prefectures or counties) and units partly inside.

    A hub belongs to it when its province, prefecture or place is wholly inside, or when it is
    placed at the level of a prefecture that is partly inside (the source cannot say more).
    """

    key: str
    name_zh: str
    name_en: str
    units: frozenset[str]
    partial: frozenset[str]
    source_id: tuple[str, ...] = ()

    @property
    def provinces(self) -> frozenset[str]:
        """Province-level units the region touches."""
        return frozenset(province_of(a) for a in self.units | self.partial) & frozenset(PROVINCES)

    def contains(self, hubs: pd.DataFrame) -> pd.Series:
        """Boolean Series on ``hubs``' index: True for the hubs in the region (the rule is the class's)."""
        whole = (
            hubs["province_adcode"].isin(self.units)
            | hubs["prefecture_adcode"].isin(self.units)
            | hubs["place_adcode"].isin(self.units)
        )
        at_partial = hubs["place_adcode"].isin(self.partial) | (
            hubs["prefecture_adcode"].isin(self.partial) & hubs["precision"].eq("city")
        )
        return whole | at_partial


def regions(data: Tables) -> dict[str, Region]:
    """The named regions; `west` (the twelve provinces) always exists and comes first."""
    out = {"west": Region("west", "西部十二省(区、市)", "All twelve western provinces", WEST, frozenset())}
    for row in data.regions.itertuples():
        out[row.region] = Region(
            row.region,
            row.name_zh,
            row.name_en,
            frozenset(row.adcodes),
            frozenset(row.partial_adcodes),
            tuple(row.source_id),
        )
    return out


def make_vocab(data: Tables) -> Vocab:
    """What a URL may name in ``data``: indicators (the derived ones last) and their years with data
    (a derived one: the years both its inputs have), the layers, the 31 provinces of the mainland
    (not Taiwan, Hong Kong or Macao), the regions and the hub ids; and, for the default year, the
    western provinces with a value of each indicator in each of its years (a derived one: both inputs).
    """
    v = data.values
    years = {k: tuple(sorted(g["year"].unique().tolist())) for k, g in v.groupby("indicator")}
    found = v[v["adcode"].isin(WEST)].groupby(["indicator", "year"])["adcode"].agg(frozenset).to_dict()
    west = {k: {y: found.get((k, y), frozenset()) for y in ys} for k, ys in years.items()}
    for key, (num, den, *_rest) in DERIVED.items():
        years[key] = tuple(sorted(set(years.get(num, ())) & set(years.get(den, ()))))
        west[key] = {y: west[num][y] & west[den][y] for y in years[key]}  # both inputs needed
    return Vocab(
        indicators=tuple(data.indicators.index) + tuple(DERIVED),
        years=years,
        layers=tuple(REGISTRY),
        provinces=tuple(a for a in PROVINCES if a not in {"710000", "810000", "820000"}),
        regions=tuple(regions(data)),
        hub_ids=frozenset(data.hubs["id"]),
        west=west,
    )


def indicator_meta(data: Tables, key: str) -> dict:
    """Names, unit, definition and sources of an indicator (derived ones say so)."""
    if key in DERIVED:
        num, den, _f, unit_zh, unit_en, name_zh, name_en = DERIVED[key]
        return {
            "indicator": key,
            "name_zh": name_zh,
            "name_en": name_en,
            "unit_zh": unit_zh,
            "unit_en": unit_en,
            "derived": True,
            "definition_zh": f"派生指标:{data.indicators.at[num, 'name_zh']} ÷ {data.indicators.at[den, 'name_zh']}",
            "definition_en": f"Derived: {data.indicators.at[num, 'name_en']} ÷ {data.indicators.at[den, 'name_en']}",
            "higher_is_better": True,
        }
    row = data.indicators.loc[key]
    unit = str(row["unit"])
    unit_zh, _, unit_en = unit.partition(" (")
    return {
        "indicator": key,
        "name_zh": row["name_zh"],
        "name_en": row["name_en"],
        "unit_zh": unit_zh.strip(),
        "unit_en": unit_en.rstrip(")").strip() or unit_zh.strip(),
        "derived": False,
        "definition_zh": row["definition_zh"],
        "definition_en": row["definition_en"],
        "higher_is_better": row["higher_is_better"],
    }


def indicator_values(data: Tables, key: str, year: int | None = None) -> pd.DataFrame:
    """Long table adcode, year, value, source_id for one indicator (all years, or one)."""
    v = data.values
    if key in DERIVED:
        num, den, factor, *_ = DERIVED[key]
        a = v[v["indicator"] == num].set_index(["adcode", "year"])
        b = v[v["indicator"] == den].set_index(["adcode", "year"])
        joined = a[["value", "source_id"]].join(b[["value", "source_id"]].add_suffix("_den"), how="inner")
        out = pd.DataFrame(
            {
                "value": (joined["value"] / joined["value_den"] * factor).round(1),
                "source_id": joined["source_id"] + ";" + joined["source_id_den"],
            }
        ).reset_index()
    else:
        out = v.loc[v["indicator"] == key, ["adcode", "year", "value", "source_id"]].copy()
    if year is not None:
        out = out[out["year"] == year]
    return out.reset_index(drop=True)


def value_by_province(data: Tables, key: str, year: int) -> pd.Series:
    """Values of one indicator-year by adcode (national under 100000); missing adcodes absent."""
    frame = indicator_values(data, key, year)
    return frame.set_index("adcode")["value"]


def region_bounds(data: Tables, region: str) -> tuple[float, float, float, float] | None:
    """(min lon, min lat, max lon, max lat) of a sub-region's units; None for the whole west."""
    if region == "west" or region not in regions(data):
        return None
    shape = area_shape(data, [region])
    return None if shape is None else tuple(round(v, 3) for v in shape.bounds)


def area_shape(data: Tables, area) -> shapely.Geometry | None:
    """The union of an area's units (``area``: region keys of regions.csv and adcodes), None when
    the runtime data holds none of them. Counties are represented by their prefecture (the runtime
    data has no county polygons).
    """
    known = regions(data)
    codes: set[str] = set()
    for key in area:
        codes |= (known[key].units | known[key].partial) if key in known else {key}
    prov = data.provinces.set_index("adcode").geometry
    pref = data.prefectures.set_index("adcode").geometry
    shapes = []
    for code in sorted(codes):
        if code in pref.index:
            shapes.append(pref[code])
        elif code in prov.index:
            shapes.append(prov[code])
        elif (p := prefecture_of(code)) in pref.index:
            shapes.append(pref[p])
    return shapely.union_all(shapes) if shapes else None


def region_provinces(data: Tables, region: str) -> frozenset[str]:
    """The province adcodes a region touches; an unknown region is the west."""
    return (regions(data).get(region) or regions(data)["west"]).provinces


def national_value(data: Tables, key: str, year: int) -> float | None:
    """The national value (adcode 100000) of an indicator in a year, in its unit (e.g. % of GDP);
    None when absent.
    """
    values = value_by_province(data, key, year)
    return float(values[NATIONAL]) if NATIONAL in values.index else None


def published_decimals(values, most: int = 2) -> int:
    """How many decimals an indicator's values are shown with: as many as its published values
    carry (counts and 万人 none, GDP's 亿元 one, R&D intensity two), at most ``most`` (derived
    values, computed, carry many). One number for every value of the indicator, so that a card
    reads '684 万人' beside '3,846 万人', never '684.00'. ``values``: floats, None where missing.
    """
    digits = 0
    for v in values:
        while v is not None and digits < most and abs(round(v, digits) - v) > 1e-9 * max(1.0, abs(v)):
            digits += 1
    return digits
