"""The layer registry: one spec per module, each with its data file and a style of its own."""

from __future__ import annotations

import pytest

import layers
from layers import REGISTRY
from layers.base import DEFAULT_STYLE
from model.paths import GEO, HUBS


def test_registry_keys_match_spec_keys():
    assert all(key == spec.key for key, spec in REGISTRY.items())


@pytest.mark.parametrize("key", list(REGISTRY))
def test_layer_has_its_files(key):
    spec = REGISTRY[key]
    assert (GEO / spec.file).exists()
    assert (HUBS / spec.source_table).exists()


def test_every_hub_table_belongs_to_a_layer():
    # besides the layers' tables: the hubs' history (model/history.py) and the area records (places
    # named whose site is not published, drawn as outlines: figures/map/areas.py)
    tables = {p.name for p in HUBS.glob("*.csv")} - {"history.csv", "area_records.csv"}
    assert tables == {spec.source_table for spec in REGISTRY.values()}


def test_layers_are_distinguishable_without_colour():
    symbols = [s.style["symbol"] for s in REGISTRY.values() if s.geometry == "point"]
    assert len(symbols) == len(set(symbols))


def test_layers_have_distinct_colours():
    colours = [s.style["color"].lower() for s in REGISTRY.values()]
    assert len(colours) == len(set(colours))


def test_style_states_only_changes():
    for spec in REGISTRY.values():
        assert set(spec.style_overrides) <= set(DEFAULT_STYLE), spec.key
        assert all(DEFAULT_STYLE[k] != v for k, v in spec.style_overrides.items()), spec.key


def test_every_layer_has_features(atlas_data):
    counts = atlas_data.hubs.groupby("layer").size()
    for key in layers.POINT_LAYERS:
        assert counts.get(key, 0) > 0, key
    assert len(atlas_data.links) > 0


@pytest.mark.parametrize("lang", ["zh-Hans", "en", "zh-Hant"])
def test_each_layer_name_in_the_panel_says_what_the_layer_holds(lang):
    from components.layer_panel import row_options
    from view.i18n import pick

    for key, spec in REGISTRY.items():
        name = row_options(key, lang)[0]["label"].children[1]
        assert name.title == pick(spec.description_zh, spec.description_en, lang) and name.title
