"""The default year: a year of early first releases (one province of twelve) is imported, with a
warning, and can be chosen; it does not become the year every view shows unasked (found by a fresh
tester: one 2025 row for Sichuan turned the default page into eleven grey provinces and one bar).

On a copy of the fixture atlas (three western provinces; tests/data/fixture): every year of
``rd_intensity`` has all three until 2024.
"""

from __future__ import annotations

import shutil

import pytest

from atlas.__main__ import main
from callbacks import play as play_cb
from components import controls, ids, options, views
from export import render
from figures.charts import REGISTRY as CHARTS
from model import coverage
from model.prepared import load
from tests.conftest import FIXTURE
from tests.unit.test_callbacks import triggered
from view.state import from_query, to_query

HEADER = "adcode,year,indicator,value,source_id"
EARLY = f"{HEADER}\n510000,2025,rd_intensity,2.5,nbs-rd-2024\n"  # Sichuan's first release, alone


def _import(data_dir, tmp_path, text: str, *flags: str) -> int:
    path = tmp_path / "update.csv"
    path.write_text(text, encoding="utf-8")
    return main(["data", "import", str(path), "--data-dir", str(data_dir), *flags])


@pytest.fixture(scope="module")
def sparse_data(tmp_path_factory):
    """The fixture atlas with Sichuan's 2025 R&D intensity imported (``--yes``), prepared."""
    tmp = tmp_path_factory.mktemp("early")
    shutil.copytree(FIXTURE, tmp / "data")
    assert _import(tmp / "data", tmp, EARLY, "--yes") == 0
    return load(tmp / "data")


def test_the_dry_run_and_the_import_warn_of_a_year_few_western_provinces_have(tmp_path, capsys):
    data_dir = tmp_path / "data"
    shutil.copytree(FIXTURE, data_dir)
    before = (data_dir / "indicators" / "values.csv").read_bytes()
    for flags in (("--dry-run",), ("--yes",)):
        assert _import(data_dir, tmp_path, EARLY, *flags) == 0  # imported: early releases are legitimate
        out = capsys.readouterr().out
        warning = next(line for line in out.splitlines() if line.startswith("warning:"))
        assert "rd_intensity 2025" in warning and "1 of the 12 western provinces" in warning and "四川" in warning
        assert "will not be the default year (that stays 2024)" in warning
    assert (data_dir / "indicators" / "values.csv").read_bytes() != before  # written with --yes
    history = (data_dir / ".history" / "log.jsonl").read_text(encoding="utf-8")
    assert "warning: rd_intensity 2025" in history  # the change log keeps it too


def test_a_sparse_year_is_not_the_default_but_can_be_chosen(sparse_data):
    vocab = sparse_data.vocab
    assert vocab.years_of("rd_intensity")[-2:] == (2024, 2025)
    shown = from_query("", vocab)
    assert shown.year is None and shown.resolved_year(vocab) == 2024  # the default page
    assert from_query("y=2024", vocab).year is None  # the default year has one URL, without y=
    chosen = from_query("y=2025", vocab)
    assert chosen.resolved_year(vocab) == 2025 and to_query(chosen) == "y=2025"
    # the year slider: at the default year, and reaching the sparse one
    values, _ = controls.controls_from_state(shown, vocab)
    assert values[ids.YEAR] == 2024
    assert options.year_ranges(vocab)["rd_intensity"]["max"] == 2025
    assert controls.state_from_controls({**values, ids.YEAR: 2025}, {}, vocab).year == 2025
    assert controls.state_from_controls({**values, ids.YEAR: 2024}, {}, vocab).year is None
    # another indicator is untouched
    assert from_query("ind=gdp", vocab).resolved_year(vocab) == 2024


def test_play_ends_at_the_default_year(sparse_data, monkeypatch):
    monkeypatch.setattr(play_cb, "current", lambda: sparse_data)
    with triggered("play-timer.n_intervals"):
        stop, _, year = play_cb.play(1, 1, False, 2023, "zh-Hans", "rd_intensity")
    assert (year, stop) == (2024, True)
    with triggered("play.n_clicks"):  # at the default year, or on the sparse one after it: from the start
        for at in (2024, 2025):
            stopped, _, start = play_cb.play(1, 0, True, at, "zh-Hans", "rd_intensity")
            assert stopped is False and start == sparse_data.vocab.years_of("rd_intensity")[0]


def test_the_card_the_ranking_and_exports_without_a_year_show_the_default_year(sparse_data):
    state = from_query("h=htz-chengdu", sparse_data.vocab)  # a Sichuan zone: its province has 2025
    heading = [c for c in views.hub_card(sparse_data, state) if type(c).__name__ == "H3"][0]
    assert heading.children.endswith("· 2024")
    assert "2024" in CHARTS["ranking"].build(sparse_data, state)["layout"]["title"]["text"]
    assert "_2024" in render.file_name(sparse_data, from_query("", sparse_data.vocab), "map", "png")
    assert "· 2024 ·" in render.title(sparse_data, from_query("", sparse_data.vocab))
    # chosen, the sparse year is what is exported
    assert "_2025" in render.file_name(sparse_data, from_query("y=2025", sparse_data.vocab), "map", "png")


def test_validate_prints_the_default_year_where_it_is_not_the_latest(sparse_data):
    table = coverage.latest_years(sparse_data)
    assert table.at["rd_intensity", "latest"] == 2025 and table.at["rd_intensity", "default"] == "2024"
    assert table.at["rd_intensity", "west"] == 1
    assert table.at["gdp", "default"] == ""  # the same year: not repeated


def test_a_year_the_west_has_becomes_the_default_without_a_warning(tmp_path, capsys):
    data_dir = tmp_path / "data"
    shutil.copytree(FIXTURE, data_dir)
    rows = "".join(f"{a},2025,rd_intensity,2.5,nbs-rd-2024\n" for a in ("500000", "510000", "620000"))
    assert _import(data_dir, tmp_path, f"{HEADER}\n{rows}", "--yes") == 0
    assert "warning:" not in capsys.readouterr().out
    vocab = load(data_dir).vocab
    assert from_query("", vocab).resolved_year(vocab) == 2025


def test_the_rule_counts_western_provinces_in_the_indicator_s_best_year():
    from model.vocab import default_year, needed

    west12 = frozenset(f"w{i}" for i in range(12))
    years = {2023: west12, 2024: west12 - {"w0", "w1", "w2"}, 2025: frozenset({"w0"})}
    assert needed(years) == 9 and default_year(years) == 2024  # 9 of 12 suffice, 1 does not
    assert default_year({**years, 2024: frozenset(list(west12)[:8])}) == 2023
    assert default_year({2019: frozenset({"w0"})}) == 2019  # nothing better: the one year there is
    assert default_year({2022: frozenset(), 2023: frozenset()}) == 2023  # China only: the latest
    with pytest.raises(ValueError):
        default_year({})


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant", "en"])
def test_a_chosen_sparse_year_says_why_the_map_is_grey(sparse_data, lang):
    from components.legend import map_legend
    from figures.map import export_dict

    chosen = from_query(f"y=2025&lang={lang}", sparse_data.vocab)
    said = {"zh-Hans": "1/12个西部省份", "zh-Hant": "1/12個西部省份", "en": "1ofthe12westernprovinces"}[lang]
    legend = str(map_legend(sparse_data, chosen)).replace(" ", "")
    assert said in legend and "legend-sparse" in legend and "2024" in legend
    assert said in _text(CHARTS["ranking"].build(sparse_data, chosen)["layout"]["title"]["text"])
    exported = [tr for tr in export_dict(sparse_data, chosen)["data"] if tr.get("showscale")]
    assert said in _text(exported[0]["colorbar"]["title"]["text"])
    # the default view and a full year say nothing of the kind
    for quiet in (from_query(f"lang={lang}", sparse_data.vocab), from_query(f"y=2023&lang={lang}", sparse_data.vocab)):
        assert "legend-sparse" not in str(map_legend(sparse_data, quiet)).replace(" ", "")
        assert said not in _text(CHARTS["ranking"].build(sparse_data, quiet)["layout"]["title"]["text"])


def _text(markup: str) -> str:
    """Plotly title text without its line breaks and spaces (wrapped at spaces or, in Chinese, anywhere)."""
    return render.text_of(markup).replace(" ", "")
