"""Filters, regions and indicator queries (pure functions of data and state)."""

from __future__ import annotations

import pytest

from model import queries
from model.prepared import current, filter_hubs
from model.regions import NATIONAL, WEST, prefecture_of
from view.state import ViewState


def test_default_filter_is_every_hub(atlas_data):
    assert len(filter_hubs(atlas_data, ViewState())) == len(atlas_data.hubs)


@pytest.mark.parametrize(
    ("state", "check"),
    [
        (ViewState(provinces=("510000",)), lambda h: (h["province_adcode"] == "510000").all()),
        (ViewState(layers=("agri_parks",)), lambda h: (h["layer"] == "agri_parks").all()),
        (ViewState(sectors=("biomedicine",)), lambda h: h["sectors"].map(lambda s: "biomedicine" in s).all()),
        (ViewState(levels=("international",)), lambda h: (h["level"] == "international").all()),
        (ViewState(statuses=("revoked",)), lambda h: (h["status"] == "revoked").all()),
        (ViewState(measure="三(五)"), lambda h: h["policy_refs"].map(lambda r: "三(五)" in r).all()),
    ],
)
def test_each_filter_keeps_only_matching_hubs(atlas_data, state, check):
    hubs = filter_hubs(atlas_data, state)
    assert len(hubs) > 0 and check(hubs)


def test_filters_combine(atlas_data):
    a = set(filter_hubs(atlas_data, ViewState(provinces=("610000",)))["id"])
    b = set(filter_hubs(atlas_data, ViewState(layers=("hightech_zones",)))["id"])
    both = set(filter_hubs(atlas_data, ViewState(provinces=("610000",), layers=("hightech_zones",)))["id"])
    assert both == a & b and both


def test_no_layers_means_no_hubs(atlas_data):
    assert filter_hubs(atlas_data, ViewState(layers=())).empty


def test_sub_region_keeps_hubs_inside_it(atlas_data):
    cy = filter_hubs(atlas_data, ViewState(region="chengyu"))
    assert set(cy["province_adcode"]) <= {"500000", "510000"}
    assert "htz-chengdu" in set(cy["id"]) and "htz-panzhihua" not in set(cy["id"])  # 攀枝花 is outside


def test_regions_are_the_documented_ones(atlas_data):
    regions = queries.regions(atlas_data)
    assert regions["west"].provinces == WEST
    assert regions["southwest"].provinces == {"500000", "510000", "520000", "530000", "540000"}


def test_derived_per_capita_is_expenditure_over_population(atlas_data):
    per_capita = queries.value_by_province(atlas_data, "rd_per_capita", 2022)
    rd = queries.value_by_province(atlas_data, "rd_expenditure", 2022)
    pop = queries.value_by_province(atlas_data, "population", 2022)
    assert per_capita["610000"] == pytest.approx(rd["610000"] / pop["610000"] * 1e4, abs=0.1)
    assert queries.indicator_meta(atlas_data, "rd_per_capita")["derived"]


def test_national_value_is_the_national_row(atlas_data):
    assert queries.national_value(atlas_data, "rd_intensity", 2015) == 2.07
    assert NATIONAL not in current().vocab.provinces


@pytest.mark.parametrize(
    ("place", "prefecture"),
    [("610403", "610400"), ("610100", "610100"), ("500153", "500000"), ("659001", "659001"), ("540000", None)],
)
def test_prefecture_of(place, prefecture):
    assert prefecture_of(place) == prefecture
