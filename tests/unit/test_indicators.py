"""Indicator tables: the values hold together the way the publishers' tables do."""

from __future__ import annotations

import pytest

from model.regions import NATIONAL, STAT_UNITS, WEST


def _series(atlas_data, indicator):
    v = atlas_data.values
    return v[v["indicator"] == indicator]


def test_rd_covers_every_unit_2015_to_2023(atlas_data):
    for ind in ("rd_expenditure", "rd_intensity"):
        v = _series(atlas_data, ind)
        for year in range(2015, 2024):
            assert set(v.loc[v["year"] == year, "adcode"]) == set(STAT_UNITS), (ind, year)


def test_provincial_rd_adds_up_to_the_national_total(atlas_data):
    v = _series(atlas_data, "rd_expenditure")
    for year, grp in v.groupby("year"):
        national = grp.loc[grp["adcode"] == NATIONAL, "value"].item()
        provinces = grp.loc[grp["adcode"] != NATIONAL, "value"].sum()
        assert provinces == pytest.approx(national, abs=1.0), year  # published to 0.1 亿元


def test_rd_intensity_is_a_plausible_percentage(atlas_data):
    v = _series(atlas_data, "rd_intensity")
    assert v["value"].between(0, 10).all()


def test_national_rd_intensity_as_published(atlas_data):
    v = _series(atlas_data, "rd_intensity").set_index(["adcode", "year"])["value"]
    # headline figures of the 2015, 2022 and 2023 bulletins
    assert v[(NATIONAL, 2015)] == 2.07
    assert v[(NATIONAL, 2022)] == 2.54
    assert v[(NATIONAL, 2023)] == 2.65


def test_every_value_cites_an_indicator_source(atlas_data):
    assert atlas_data.values["source_id"].isin(atlas_data.sources.index).all()


def test_population_exceeds_provinces_sum_only_by_the_military(atlas_data):
    v = _series(atlas_data, "population")
    for year, grp in v.groupby("year"):
        national = grp.loc[grp["adcode"] == NATIONAL, "value"].item()
        provinces = grp.loc[grp["adcode"] != NATIONAL, "value"].sum()
        assert 0 < national - provinces < 400, year  # 万人: active military, counted nationally only


def test_west_has_data_for_each_core_indicator(atlas_data):
    v = atlas_data.values
    for ind in ("rd_expenditure", "rd_intensity", "gdp", "population", "patents_granted"):
        have = set(v.loc[(v["indicator"] == ind) & (v["year"] == 2022), "adcode"])
        assert WEST <= have, ind
