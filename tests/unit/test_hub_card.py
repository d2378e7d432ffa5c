"""The hub card: sources without gaps and with links, indicators of the latest year with data,
measures in the page's language, and the data documentation served by the app itself.
"""

from __future__ import annotations

import re

import pytest
from dash import html

from components import views
from model.prepared import current
from model.regions import PROVINCES
from tests.tree import walk
from view.i18n import fmt_number, t
from view.state import ViewState


def texts(node) -> list[str]:
    return [n for n in walk(node) if isinstance(n, str)]


def indicator_rows(card) -> dict[str, str]:
    """Indicator name -> shown value, from the card's table."""
    table = next(n for n in walk(card) if isinstance(n, html.Table))
    return {tr.children[0].children: tr.children[1].children for tr in walk(table) if isinstance(tr, html.Tr)}


def latest_up_to(atlas_data, indicator: str, adcode: str, year: int):
    """The slow reference: (year, value) of the latest non-missing value up to ``year``, by pandas."""
    v = atlas_data.values
    rows = v[(v["indicator"] == indicator) & (v["adcode"] == adcode) & (v["year"] <= year) & v["value"].notna()]
    if rows.empty:
        return None
    last = rows.sort_values("year").iloc[-1]
    return int(last["year"]), float(last["value"])


# --- sources ---------------------------------------------------------------------------------------


def _hub_citing_an_undated_source(atlas_data):
    undated = {s for s, d in zip(atlas_data.sources.index, atlas_data.sources["date"]) if not isinstance(d, str)}
    return next(r.id for r in atlas_data.hubs.itertuples() if undated & set(r.source_id))


@pytest.mark.parametrize("lang", ["zh-Hans", "en", "zh-Hant"])
def test_card_sources_show_no_nan_for_a_missing_date(atlas_data, lang):
    card = views.hub_card(atlas_data, ViewState(hub=_hub_citing_an_undated_source(atlas_data), lang=lang))
    shown = " ".join(texts(card))
    assert not re.search(r"\b(nan|None)\b", shown), shown


def test_every_card_is_free_of_nan(atlas_data):
    for hub in atlas_data.hubs["id"]:
        shown = " ".join(texts(views.hub_card(atlas_data, ViewState(hub=hub))))
        assert not re.search(r"\b(nan|None)\b", shown), hub


def test_card_source_urls_are_links_to_a_new_tab(atlas_data):
    url = atlas_data.sources["url"]
    hub = next(r for r in atlas_data.hubs.itertuples() if isinstance(url[r.source_id[-1]], str))
    card = views.hub_card(atlas_data, ViewState(hub=hub.id))
    links = [n for n in walk(card) if isinstance(n, html.A)]
    urls = {url[s] for s in hub.source_id if isinstance(url[s], str)}
    assert urls and urls <= {a.href for a in links}
    for a in links:
        assert a.target == "_blank" and a.rel == "noopener noreferrer"
        assert a.href.startswith(("http://", "https://"))


def test_card_cites_publishers_in_english(atlas_data):
    card = views.hub_card(atlas_data, ViewState(hub="htz-xian", lang="en"))
    sources = [n for n in walk(card) if isinstance(n, html.P) and n.className == "sources"]
    words = " ".join(s for p in sources for s in texts(p))
    assert words.startswith("Source: ") or "Source: " in words
    assert "科学技术部" not in words and "Ministry of Science and Technology" in words


# --- indicators ------------------------------------------------------------------------------------


def test_card_shows_the_latest_earlier_year_labelled_when_the_chosen_year_has_none(atlas_data):
    # patents end earlier than GDP: in GDP's latest year the card shows the patents' latest year
    gdp_last = int(atlas_data.values.loc[atlas_data.values["indicator"] == "gdp", "year"].max())
    adcode = "610000"
    expected = latest_up_to(atlas_data, "patents_granted", adcode, gdp_last)
    assert expected is not None and expected[0] < gdp_last  # the case this test is about
    card = views.hub_card(atlas_data, ViewState(hub="htz-xian", indicator="gdp", year=gdp_last, lang="en"))
    rows = indicator_rows(card)
    name = atlas_data.indicators.at["patents_granted", "name_en"]
    assert rows[name] == f"{fmt_number(expected[1], 'en', digits(atlas_data, 'patents_granted'))} ({expected[0]})"
    # the chosen year's own value carries no year
    own = latest_up_to(atlas_data, "gdp", adcode, gdp_last)
    assert own[0] == gdp_last
    assert rows[atlas_data.indicators.at["gdp", "name_en"]] == fmt_number(own[1], "en", digits(atlas_data, "gdp"))


def test_card_says_no_data_only_when_no_earlier_year_has_a_value(atlas_data):
    v = atlas_data.values
    first = int(v.loc[v["indicator"] == "state_key_labs", "year"].min())
    name = atlas_data.indicators.at["state_key_labs", "name_en"]
    before = indicator_rows(views.hub_card(atlas_data, ViewState(hub="htz-xian", year=first - 1, lang="en")))
    assert latest_up_to(atlas_data, "state_key_labs", "610000", first - 1) is None
    assert before[name] == t("no_data", "en")
    after = indicator_rows(views.hub_card(atlas_data, ViewState(hub="htz-xian", year=first + 1, lang="en")))
    year, value = latest_up_to(atlas_data, "state_key_labs", "610000", first + 1)
    assert after[name] == f"{fmt_number(value, 'en', digits(atlas_data, 'state_key_labs'))} ({year})"


def test_card_indicators_agree_with_the_pandas_reference_everywhere(atlas_data):
    for adcode, hub in (("610000", "htz-xian"), ("540000", next(iter(_hubs_in(atlas_data, "540000"))))):
        for year in (2016, 2020, 2024):
            rows = indicator_rows(views.hub_card(atlas_data, ViewState(hub=hub, year=year, lang="en")))
            for key in atlas_data.indicators.index:
                found = latest_up_to(atlas_data, key, adcode, year)
                shown = rows[atlas_data.indicators.at[key, "name_en"]]
                if found is None:
                    assert shown == t("no_data", "en"), (adcode, year, key)
                else:
                    label = fmt_number(found[1], "en", digits(atlas_data, key))
                    label += "" if found[0] == year else f" ({found[0]})"
                    assert shown == label, (adcode, year, key)


def digits(atlas_data, key: str) -> int:
    return atlas_data.lookup.meta[key]["digits"]


@pytest.mark.parametrize("hub", ["agp-yinchuan", "htz-xian"])
def test_card_shows_each_indicator_with_the_decimals_it_is_published_with(atlas_data, hub):
    """'国家重点实验室数 0.00 (2019) 个', '252.00 家', '684.00 万人' beside '3,846 万人': counts and
    persons are whole numbers, shown so; GDP (亿元) carries one decimal, R&D intensity two, in
    every card and year alike."""
    for year in (2015, 2020, 2024):
        rows = indicator_rows(views.hub_card(atlas_data, ViewState(hub=hub, year=year, lang="en")))
        for key, places in (("population", 0), ("patents_granted", 0), ("state_key_labs", 0), ("hte_recognized", 0),
                            ("gdp", 1), ("rd_intensity", 2)):  # fmt: skip
            shown = rows[atlas_data.indicators.at[key, "name_en"]].split(" (")[0]
            if shown == t("no_data", "en"):
                continue
            decimals = len(shown.split(".")[1]) if "." in shown else 0
            assert decimals == places, (hub, year, key, shown)


def _hubs_in(atlas_data, adcode):
    return atlas_data.hubs.loc[atlas_data.hubs["province_adcode"] == adcode, "id"]


# --- measures --------------------------------------------------------------------------------------


def test_card_quotes_the_measure_in_english_as_an_unofficial_translation(atlas_data):
    hub = next(r for r in atlas_data.hubs.itertuples() if "二(一)" in r.policy_refs)
    card = views.hub_card(atlas_data, ViewState(hub=hub.id, lang="en"))
    shown = texts(card)
    assert f"{t('quote', 'en')} II(1)" in shown
    assert atlas_data.measures.at["二(一)", "text_en"] in shown
    assert t("unofficial_translation", "en") in shown
    assert atlas_data.measures.at["二(一)", "text_zh"] not in shown
    zh = texts(views.hub_card(atlas_data, ViewState(hub=hub.id)))
    assert atlas_data.measures.at["二(一)", "text_zh"] in zh and t("unofficial_translation", "en") not in zh


def test_policy_panel_quote_follows_the_language(atlas_data):
    en = texts(views.measure_quote(atlas_data, ViewState(measure="五(十二)", lang="en")))
    assert atlas_data.measures.at["五(十二)", "text_en"] in en and t("unofficial_translation", "en") in en
    assert any(s.startswith("Source: ") for s in en)
    zh = texts(views.measure_quote(atlas_data, ViewState(measure="五(十二)")))
    assert atlas_data.measures.at["五(十二)", "text_zh"] in zh


def test_every_measure_has_an_english_text_naming_its_provinces(atlas_data):
    for row in atlas_data.measures.itertuples():
        assert row.text_en.startswith(f"({row.number}) "), row.ref
        assert len(row.text_en) > len(row.text_zh), row.ref  # a rendering, not a summary
        for adcode in row.provinces_named:
            english = PROVINCES[adcode][1].split(" (")[0]  # "Xizang (Tibet)" -> "Xizang"
            assert english in row.text_en, (row.ref, english)


# --- the data documentation ---------------------------------------------------------------------


def test_footer_links_to_the_data_documentation():
    from components.footer import footer

    links = [n for n in walk(footer(current(), "en")) if isinstance(n, html.A)]
    assert len(links) == 1 and links[0].href == "docs/data" and links[0].rel == "noopener noreferrer"


def test_data_documentation_is_served_escaped_with_the_security_headers():
    import app

    res = app.server.test_client().get("/docs/data")
    assert res.status_code == 200 and res.mimetype == "text/html"
    body = res.data.decode()
    assert "`place_en`" in body and "Hub fields" in body
    assert "default-src 'self'" in res.headers["Content-Security-Policy"]
    assert res.headers["X-Content-Type-Options"] == "nosniff"


def test_data_documentation_escapes_markup(monkeypatch, tmp_path):
    from serving import docs

    page = tmp_path / "data.md"
    page.write_text("# x\n<script>alert(1)</script>\n", encoding="utf-8")
    monkeypatch.setattr(docs, "DATA_DOC", page)
    docs.data_doc_page.cache_clear()
    try:
        body = docs.data_doc_page().decode()
    finally:
        docs.data_doc_page.cache_clear()
    assert "<script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def _same_point_buttons(card) -> dict[str, str]:
    """{hub id: label} of the card's buttons that open another hub's card."""
    return {
        n.id["hub"]: n.children
        for n in walk(card)
        if isinstance(n, html.Button) and isinstance(n.id, dict) and n.id.get("type") == "card-goto"
    }


def test_the_card_lists_the_other_hubs_at_its_point_and_opens_them(atlas_data):
    """A city's representative point holds its zone, its park and the innovative city alike: their
    markers lie under one another and a click reaches only the top one (the tester's 包头 diamond
    opened 包头市's card). The card lists the others the view shows there, as buttons."""
    h, lk = atlas_data.hubs, atlas_data.lookup
    x, y = h.geometry.x.round(6), h.geometry.y.round(6)
    for i, r in h.iterrows():
        state = ViewState(hub=r["id"])
        here = set(h.loc[(x == x[i]) & (y == y[i]), "id"]) - {r["id"]}
        own_place = {h["id"].iloc[j] for j in lk.place_of.get(lk.hub_index[r["id"]], ())}
        assert set(_same_point_buttons(views.hub_card(atlas_data, state))) == here - own_place, r["id"]
    # the example, in English, with the layers' names; a filter that hides one leaves it out
    buttons = _same_point_buttons(views.hub_card(atlas_data, ViewState(hub="htz-karamay", lang="en")))
    assert set(buttons) == {"agp-kelamayi", "inc-karamay"}
    assert all("·" in label and not re.search(r"[\u4e00-\u9fff]", label) for label in buttons.values())
    only_zones = ViewState(hub="htz-karamay", layers=("hightech_zones",))
    assert _same_point_buttons(views.hub_card(atlas_data, only_zones)) == {}


@pytest.mark.parametrize(
    "lang, heading", [("zh-Hans", "资料注释(英文原文):"), ("zh-Hant", "資料註釋(英文原文):"), ("en", "Data note:")]
)
def test_the_cards_data_note_is_headed_as_the_english_note_it_is(atlas_data, lang, heading):
    """?h=sci-xbkxc-chengdu: a Chinese card showed the data's English research note ('Chengdu park
    of 西部科学城 …') bare, read as a half-translated sentence: it is headed as a note in English,
    and marked lang="en" for screen readers."""
    card = views.hub_card(atlas_data, ViewState(hub="sci-xbkxc-chengdu", lang=lang))
    notes = [n for n in walk(card) if getattr(n, "className", None) == "note"]
    assert len(notes) == 1
    strong, _, span = notes[0].children
    assert strong.children == heading and span.lang == "en" and span.children.startswith("Chengdu")
