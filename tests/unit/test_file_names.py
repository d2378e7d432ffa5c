"""Export and download file names name every filter of their view, short and safe, in its language."""

from __future__ import annotations

import re
from dataclasses import fields, replace

import pytest

from export.downloads import TABLES
from export.names import MAX_STEM, filter_values, safe_stem
from export.render import WHATS, file_name
from view.i18n import LANGS
from view.state import ViewState

# a state per filter the page offers (view.state.ViewState's hub filters), beside the plain state
FILTERS = {
    "layers": {"layers": ("hightech_zones",)},
    "many_layers": {"layers": ("hightech_zones", "agri_parks", "science_cities")},
    "no_layers": {"layers": ()},
    "sectors": {"sectors": ("biomedicine",)},
    "levels": {"levels": ("national",)},
    "statuses": {"statuses": ("planned",)},
    "measure": {"measure": "五(十二)"},
    "search": {"search": "杨凌"},
    "hubs": "first-hub",
}
NOT_FILTERS = {"lang", "indicator", "year", "region", "provinces", "view", "hub", "picked", "x", "y"}
NOT_FILTERS |= {"map_view", "breaks"}


def _state(atlas_data, key: str, lang: str) -> ViewState:
    change = FILTERS[key]
    if change == "first-hub":
        change = {"hubs": (sorted(atlas_data.vocab.hub_ids)[0],)}
    return replace(ViewState(lang=lang), **change)


def _names(atlas_data, state: ViewState) -> list[str]:
    """Every file of a view that its hub filters change: each figure, the hub table (the indicator
    table holds every province's values whatever the hubs: see the last test)."""
    figures = [file_name(atlas_data, state, what, "png") for what in WHATS]
    return figures + [f"{TABLES['hubs'].stem(atlas_data, state)}.csv"]


def test_every_hub_filter_of_the_state_is_in_the_list_of_filters():
    """A new field of the state is either a filter (FILTERS: named in file names) or not, here."""
    assert {f.name for f in fields(ViewState)} - NOT_FILTERS == {
        k for v in FILTERS.values() if isinstance(v, dict) for k in v
    } | {"hubs"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", list(FILTERS))
def test_every_file_name_names_every_filter(atlas_data, key, lang):
    """'?lang=zh-Hant&y=2018&s=biomedicine' gave '西部R&D經費投入強度_2018.png' with no sector, and
    '/download/hubs.csv?q=杨凌' '西部创新载体列表.csv' with no search."""
    state = _state(atlas_data, key, lang)
    filters = filter_values(atlas_data, state)
    assert filters, key
    words = [w for _, values in filters for w in values]
    for plain_name, name in zip(_names(atlas_data, ViewState(lang=lang)), _names(atlas_data, state), strict=True):
        assert name != plain_name, (key, name)
        if key not in ("many_layers", "hubs", "no_layers"):  # those by their count
            for word in words:
                assert safe_stem(word) in name, (word, name)


def test_a_file_name_is_safe_and_short_whatever_the_search(atlas_data):
    state = replace(ViewState(), search='a/b\\c:d*e?f"g<h>i|j ' + "很长" * 60, sectors=("biomedicine", "aerospace"))
    for name in _names(atlas_data, state):
        stem = name.rsplit(".", 1)[0]
        assert not re.search(r'[\\/:*?"<>|\s\x00-\x1f]', stem), name
        assert len(stem) <= MAX_STEM and len(name.encode()) < 255, name


def test_english_file_names_hold_no_chinese(atlas_data):
    state = replace(ViewState(lang="en"), sectors=("biomedicine",), measure="五(十二)", layers=("hightech_zones",))
    for name in _names(atlas_data, state):
        assert not re.search(r"[\u3400-\u9fff]", name), name


# what else a view may change, beside its hub filters
OTHER_CHANGES = {
    "year": {"year": 2018},
    "provinces": {"provinces": ("510000", "610000")},
    "region": {"region": "northwest"},
    "indicator": "another-indicator",
    "lang": {"lang": "en"},
}


@pytest.mark.parametrize("table", list(TABLES))
@pytest.mark.parametrize("key", [*FILTERS, *OTHER_CHANGES])
def test_a_downloads_name_changes_with_a_filter_exactly_when_its_rows_do(atlas_data, table, key):
    """'/download/indicators.csv?s=biomedicine' was named '…_生物医药' though a sector filter
    changes nothing in the indicator table (every province, every year of one indicator): the
    same file under two names, and a name that says it holds what it does not."""
    spec, plain_state = TABLES[table], ViewState()
    change = OTHER_CHANGES.get(key)
    if change == "another-indicator":
        state = replace(plain_state, indicator=atlas_data.vocab.indicators[1])
    else:
        state = replace(plain_state, **change) if change else _state(atlas_data, key, plain_state.lang)
    same_rows = spec.rows(atlas_data, plain_state).equals(spec.rows(atlas_data, state))
    same_name = spec.stem(atlas_data, plain_state) == spec.stem(atlas_data, state)
    assert same_name == same_rows, (key, spec.stem(atlas_data, plain_state), spec.stem(atlas_data, state))


def test_a_scatters_export_is_titled_and_named_after_its_two_axes(atlas_data):
    """/export/scatter.png?lang=en&ind=gdp was titled 'Gross regional product … · 2024' and named
    West_Gross_regional_product_2024_scatter.png over a chart of R&D intensity against R&D per
    capita: a scatter is headed and named by its axes, whatever the map's indicator."""
    from export.names import file_name
    from export.render import title

    state = ViewState(lang="en", indicator="gdp")
    heading, name = title(atlas_data, state, "scatter"), file_name(atlas_data, state, "scatter", "png")
    assert "Gross regional product" not in heading and "Gross" not in name
    assert "R&amp;D intensity" in heading and "per capita" in heading and " vs " in heading
    assert "R&D_intensity" in name and "per_capita" in name
    assert name != file_name(atlas_data, state, "map", "png")
