"""Every graph's config: nothing sent anywhere, plotly.js's words in the page's language."""

from __future__ import annotations

import pytest

from components import bundles, ids
from components.graph_config import GRAPHS, PLOTLY_LOCALES, configs_by_lang, graph_config
from view.i18n import LANGS


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["map", "chart"])
def test_no_graph_offers_to_send_its_data_in_any_language(kind, lang):
    config = graph_config(kind, lang)
    assert config["showSendToCloud"] is False and config["showEditInChartStudio"] is False
    assert config["showLink"] is False and config["displaylogo"] is False
    assert "toImage" in config["modeBarButtonsToRemove"]  # figures are exported on the server


def test_plotlys_words_follow_the_page_language():
    assert [graph_config("chart", lang)["locale"] for lang in ("zh-Hans", "zh-Hant", "en")] == ["zh-CN", "zh-TW", "en"]
    assert graph_config("map", "klingon")["locale"] == "zh-CN"  # unknown: the default language


def test_the_map_reads_its_basemap_from_the_page_and_zooms_with_the_wheel():
    config = graph_config("map", "en")
    assert config["topojsonURL"] == "/assets/topojson/" and config["scrollZoom"] is True
    assert "topojsonURL" not in graph_config("chart", "en")


def test_every_chinese_locale_named_is_in_the_pages_plotly_bundle():
    parts = bundles.banner(bundles.PLOTLY)[1]
    for locale in set(PLOTLY_LOCALES.values()) - {"en"}:  # English is plotly.js's own
        assert f"locale {locale.lower()}" in parts


def test_the_language_switch_has_a_config_for_every_graph_of_the_page():
    assert set(GRAPHS) == {ids.MAP, *ids.CHARTS}
    assert {gid: c["locale"] for gid, c in configs_by_lang()["zh-Hant"].items()} == dict.fromkeys(GRAPHS, "zh-TW")
