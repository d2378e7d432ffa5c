"""The map as exported (figures/map/legend.export_dict): what its legend says about the symbols drawn."""

from __future__ import annotations

import pytest

from figures.map import HUB_TRACE, export_dict
from figures.text import plain
from layers import REGISTRY
from view.i18n import pick
from view.state import ViewState


def _legend_markers(fig: dict) -> list[dict]:
    """The legend's entries that show a marker, in the figure's order."""
    return [
        t
        for t in fig["data"]
        if t.get("showlegend") and t.get("type") == "scattergeo" and "markers" in t.get("mode", "markers")
    ]


def _hollow_drawn(fig: dict) -> int:
    """Hub markers drawn hollow (year not recorded) on the map."""
    n = 0
    for i in HUB_TRACE.values():
        trace = fig["data"][i]
        symbols = trace["marker"]["symbol"]
        if trace.get("visible", True) is True and isinstance(symbols, list):
            n += sum(1 for x, s in zip(trace["lon"], symbols) if x is not None and s.endswith("-open"))
    return n


@pytest.mark.parametrize("lang", ["zh-Hant", "zh-Hans", "en"])
def test_a_past_years_export_legend_shows_each_layers_own_symbol_and_explains_the_hollow_mark(atlas_data, lang):
    fig = export_dict(atlas_data, ViewState(year=2018, lang=lang))
    hollow = _hollow_drawn(fig)
    assert hollow > 0  # 2018: hubs whose year no source gives are drawn hollow
    entries = _legend_markers(fig)
    for key, i in HUB_TRACE.items():
        trace = fig["data"][i]
        if trace.get("visible", True) is not True or not any(x is not None for x in trace["lon"]):
            continue
        label = plain(pick(REGISTRY[key].label_zh, REGISTRY[key].label_en, lang))
        (entry,) = [e for e in entries if e["name"].startswith(label + " (")]
        style = REGISTRY[key].style
        # the layer's own symbol, filled, at one size: what most of its hubs look like on the map
        assert entry["marker"]["symbol"] == style["symbol"], (key, entry["marker"])
        assert entry["marker"]["color"] == style["color"]
        assert isinstance(entry["marker"].get("size", style["size"]), (int, float))
    explained = [e for e in entries if str(e["marker"]["symbol"]).endswith("-open")]
    assert len(explained) == 1, [e["name"] for e in explained]  # one entry explains the hollow mark
    assert f"{hollow}" in explained[0]["name"]  # and says how many, as the page's note does


def test_an_export_of_today_has_no_hollow_mark_to_explain(atlas_data):
    fig = export_dict(atlas_data, ViewState(lang="en"))
    assert _hollow_drawn(fig) == 0
    assert not [e for e in _legend_markers(fig) if str(e["marker"]["symbol"]).endswith("-open")]
