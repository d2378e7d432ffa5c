"""The lookup tables answer states as pandas queries over the data would (model/lookup.py)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from figures.charts import REGISTRY as CHART_KINDS
from layers import REGISTRY
from model import queries
from model.prepared import filter_links
from model.terms import LEVELS, SECTORS, STATUSES
from view.state import ViewState


def reference_hubs(data, state: ViewState) -> pd.DataFrame:
    """The filters written plainly in pandas, one per state field."""
    h = data.hubs
    keep = pd.Series(True, index=h.index)
    reg = queries.regions(data).get(state.region) or queries.regions(data)["west"]
    keep &= reg.contains(h)
    if state.provinces:
        keep &= h["province_adcode"].isin(state.provinces)
    if state.layers is not None:
        keep &= h["layer"].isin(state.layers)
    if state.sectors:
        keep &= h["sectors"].map(lambda s: bool(set(state.sectors) & set(s)))
    if state.levels:
        keep &= h["level"].isin(state.levels)
    if state.statuses:
        keep &= h["status"].isin(state.statuses)
    if state.measure:
        keep &= h["policy_refs"].map(lambda refs: state.measure in refs)
    return h[keep.to_numpy()]


def reference_links(data, state: ViewState) -> pd.DataFrame:
    links = data.links
    province = links["west_adcode"].str[:2] + "0000"
    keep = province.isin(queries.region_provinces(data, state.region))
    if state.layers is not None and "east_west" not in state.layers:
        keep &= False
    if state.provinces:
        keep &= province.isin(state.provinces)
    if state.measure:
        keep &= links["policy_refs"].map(lambda refs: state.measure in refs)
    # a link records no status, sector or level: a filter on one hides it unless it asks for "unknown"
    if state.statuses or any(chosen and "unknown" not in chosen for chosen in (state.sectors, state.levels)):
        keep &= False
    return links[keep.to_numpy()]


def states(data):
    vocab = queries.make_vocab(data)
    measures = sorted({r for refs in data.hubs["policy_refs"] for r in refs})
    some = lambda values: st.lists(st.sampled_from(sorted(values)), max_size=3, unique=True).map(tuple)  # noqa: E731
    return st.builds(
        ViewState,
        region=st.sampled_from(vocab.regions),
        provinces=some(vocab.provinces),
        layers=st.none() | some(REGISTRY),
        sectors=some([*SECTORS, "no-such-sector"]),
        levels=some(LEVELS),
        statuses=some(STATUSES),
        measure=st.sampled_from(["", *measures, "十七"]),
    )


def test_hub_masks_match_the_pandas_filters(atlas_data):
    @settings(max_examples=300, deadline=None)
    @given(states(atlas_data))
    def check(state):
        mask = atlas_data.lookup.hub_mask(state)
        assert list(atlas_data.hubs["id"][mask]) == list(reference_hubs(atlas_data, state)["id"])
        assert list(filter_links(atlas_data, state)["id"]) == list(reference_links(atlas_data, state)["id"])

    check()


def test_a_filter_on_values_no_hub_has_passes_none(atlas_data):
    lk = atlas_data.lookup
    assert not lk.hub_mask(ViewState(sectors=("no-such-sector",))).any()
    assert not lk.hub_mask(ViewState(measure="十七")).any()
    assert lk.hub_mask(ViewState()).sum() == len(reference_hubs(atlas_data, ViewState()))


def test_year_values_are_the_indicator_rows_of_that_year(atlas_data):
    lk = atlas_data.lookup
    vocab = queries.make_vocab(atlas_data)
    for key in vocab.indicators:
        for year in vocab.years[key]:
            frame = queries.indicator_values(atlas_data, key, year)
            yv = lk.year_values(key, year)
            assert list(yv.adcodes) == list(frame["adcode"])
            expected = [None if pd.isna(v) else float(v) for v in frame["value"]]
            assert list(yv.values) == expected
    assert lk.year_values("rd_intensity", 1900).adcodes == ()


def test_every_chart_of_every_indicator_and_year_is_strict_json(atlas_data):
    vocab = queries.make_vocab(atlas_data)
    for key in vocab.indicators:
        for year in vocab.years[key]:
            state = ViewState(indicator=key, year=year, x=key)
            for build in (spec.build for spec in CHART_KINDS.values()):
                figure = build(atlas_data, state)
                json.dumps(figure, allow_nan=False)  # NaN must have become null
                assert not any(isinstance(v, np.generic) for tr in figure["data"] for v in tr.get("x", []))
