"""Languages: English codes and fonts, Traditional Chinese wording, names quoted as written."""

from __future__ import annotations

import re

import opencc
import pytest

from model.terms import LEVELS, MEASURE_REFS, PRECISIONS, SECTORS, STATUSES
from view.i18n import DEFAULT_LANG, LANGS, STRINGS, font_family, label, measure_ref, pick, t
from view.state import ViewState
from view.widgets import DROPDOWN_KEYS, GRID_LOCALE_ZH, dropdown_labels, grid_locale

S2TW = opencc.OpenCC("s2tw")


def simplified_characters(text: str) -> set[str]:
    """Characters of ``text`` that have a different Traditional form (so are Simplified)."""
    return {c for c in text if S2TW.convert(c) != c}


def test_simplified_characters_finds_mainland_forms():
    assert simplified_characters("数据导出幻灯片") == set("数据导灯")
    assert simplified_characters("資料匯出投影片") == set()


# --- measure codes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "english"), [("二(一)", "II(1)"), ("三(四)", "III(4)"), ("五(十二)", "V(12)"), ("六(十六)", "VI(16)")]
)
def test_measure_code_in_english_has_roman_section_and_arabic_number(ref, english):
    assert measure_ref(ref, "en") == english


def test_every_measure_code_in_english_carries_its_number(atlas_data):
    for row in atlas_data.measures.itertuples():
        shown = measure_ref(row.ref, "en")
        assert shown.endswith(f"({row.number})"), (row.ref, shown)
        assert shown.isascii()
    assert len({measure_ref(r, "en") for r in MEASURE_REFS}) == len(MEASURE_REFS)


def test_measure_code_stays_chinese_in_chinese_and_garbage_passes_through():
    assert measure_ref("五(十二)", "zh-Hans") == "五(十二)"
    assert measure_ref("五(十二)", "zh-Hant") == "五(十二)"
    assert measure_ref("<b>", "en") == "<b>"
    assert measure_ref("", "en") == ""


def test_english_shows_measure_codes_as_roman_numerals_in_options_table_and_filters(atlas_data):
    from components import options
    from export.render import filters_line

    labels = [o["label"] for o in options.measures(atlas_data, "en")[1:]]
    assert labels[11].startswith("V(12) ") and not any("(十" in x or "二(" in x for x in labels)
    column = next(c for c in options.table_columns("en") if c["colId"] == "measures")
    assert column["labels"]["五(十二)"] == "V(12)"
    assert next(c for c in options.table_columns("zh-Hans") if c["colId"] == "measures")["labels"]["五(十二)"] == (
        "五(十二)"
    )
    line = filters_line(atlas_data, ViewState(measure="五(十二)", lang="en"))
    assert "V(12)" in line and "五" not in line


# --- Dash's own words ----------------------------------------------------------------------------


def test_dropdown_labels_name_every_text_the_installed_dash_dropdown_writes():
    from dash import dcc

    assert set(DROPDOWN_KEYS) == set(dcc.Dropdown.Labels.__annotations__)
    for lang in LANGS:
        # Dash puts the number where {num_selected} stands; it takes the dict whole (no English fallback)
        assert "{num_selected}" in dropdown_labels(lang)["selected_count"]
        assert all(dropdown_labels(lang).values())


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant"])
def test_dropdown_words_in_chinese_have_no_latin_letter(lang):
    words = [v.replace("{num_selected}", "") for v in dropdown_labels(lang).values()]
    assert not any(re.search("[A-Za-z]", w) for w in words), words


def test_every_dropdown_of_the_page_speaks_the_page_language(atlas_data):
    from dash import dcc

    from components import dashboard, ids, text_catalogue
    from tests.tree import walk

    page = dashboard.layout(atlas_data)
    dropdowns = [n for n in walk(page) if isinstance(n, dcc.Dropdown)]
    assert {d.id for d in dropdowns} == set(ids.DROPDOWNS)
    assert all(d.labels == dropdown_labels(DEFAULT_LANG) for d in dropdowns)
    for lang in LANGS:  # and the language switch relabels every one of them
        relabelled = {c: v for c, p, v in text_catalogue.catalogue(atlas_data, lang) if p == "labels"}
        assert relabelled == dict.fromkeys(ids.DROPDOWNS, dropdown_labels(lang))


# --- Traditional Chinese --------------------------------------------------------------------------


@pytest.mark.parametrize("key", list(STRINGS))
def test_traditional_interface_string_has_no_simplified_character(key):
    assert simplified_characters(t(key, "zh-Hant")) == set(), t(key, "zh-Hant")


def test_traditional_grid_words_and_labels_have_no_simplified_character():
    assert all(simplified_characters(v) == set() for v in grid_locale("zh-Hant").values())
    for vocab in (LEVELS, STATUSES, PRECISIONS, SECTORS):
        for zh, en in vocab.values():
            assert simplified_characters(label(zh, en, "zh-Hant")) == set(), zh


def test_mainland_words_get_taiwan_wording():
    assert t("export", "zh-Hant") == "匯出"  # not 導出
    assert t("downloads", "zh-Hant") == "下載資料"  # not 下載數據
    assert t("no_data", "zh-Hant") == "無資料"
    assert t("search", "zh-Hant") == "搜尋…"  # not 搜索
    assert t("what_slide", "zh-Hant").startswith("投影片")  # not 幻燈片
    assert t("custom_size", "zh-Hant").startswith("自訂")  # not 自定義
    assert t("col_partners", "zh-Hant") == "合作夥伴"
    assert label(*SECTORS["electronic_information"], "zh-Hant") == "電子資訊"
    assert label(*SECTORS["ai_digital"], "zh-Hant") == "人工智慧與數位經濟"
    # in Taiwan 列 is a row and 欄 a column
    hant = grid_locale("zh-Hant")
    assert hant["columns"] == "欄" and "此列" in hant["ariaRowSelect"] and hant["applyFilter"] == "套用"
    assert set(hant) == set(GRID_LOCALE_ZH)


def test_document_stays_a_document_in_traditional():
    assert t("quote", "zh-Hant") == "文件原文"  # s2twp alone makes it 檔案 (a computer file)


def test_published_keeps_the_taiwan_standard_form():
    # s2twp writes 公佈; Taiwan's own standard (and its laws) write 公布
    assert "公布" in t("areas_legend", "zh-Hant") and "公佈" not in t("areas_legend", "zh-Hant")
    assert pick("未公布选址", None, "zh-Hant") == "未公布選址"  # names and quotes too


def test_names_and_quotes_are_converted_character_by_character():
    name = "成都国家新一代人工智能创新发展试验区"
    assert pick(name, None, "zh-Hant") == "成都國家新一代人工智能創新發展試驗區"  # not 人工智慧
    assert pick("先进阿秒激光设施", None, "zh-Hant") == "先進阿秒激光設施"  # not 雷射
    assert pick("支持西部优质企业", None, "zh-Hant").startswith("支持")  # the policy's word, not 支援
    # a document's title quoted inside an interface string is not rewritten either
    assert "《關於加強科技創新促進新時代西部大開發形成新格局的實施意見》" in t("subtitle", "zh-Hant")


def test_measure_quote_in_traditional_keeps_the_documents_words(atlas_data):
    from components import views

    quote = views.measure_quote(atlas_data, ViewState(measure="二(一)", lang="zh-Hant"))
    text = quote[0].children
    assert "支持成渝科技創新中心建設" in str(text) and "支援" not in str(text)


# --- fonts ----------------------------------------------------------------------------------------


def test_font_names_the_script_of_the_language_first():
    assert font_family("zh-Hant").startswith("Noto Sans CJK TC")
    assert font_family("zh-Hans").startswith("Noto Sans CJK SC")
    first_en = font_family("en").split(",")[0]
    assert "CJK" not in first_en and "SC" not in first_en
    assert font_family("xx") == font_family("zh-Hans")


@pytest.mark.parametrize("lang", ["zh-Hans", "en", "zh-Hant"])
def test_charts_use_the_font_of_the_language(atlas_data, lang):
    from figures.charts import REGISTRY as CHART_KINDS

    state = ViewState(lang=lang)
    for spec in CHART_KINDS.values():
        assert spec.build(atlas_data, state)["layout"]["font"]["family"] == font_family(lang), spec.key


@pytest.mark.parametrize("what", ["map", "ranking"])
def test_exported_figure_in_traditional_names_a_tc_font(atlas_data, what):
    from export.render import compose

    fig = compose(atlas_data, ViewState(lang="zh-Hant"), what)
    assert fig.layout.font.family.startswith("Noto Sans CJK TC")


# --- units ----------------------------------------------------------------------------------------


def test_money_units_read_yuan_in_english(atlas_data):

    meta = atlas_data.lookup.meta
    assert all("CNY" not in m["unit_en"] for m in meta.values())
    assert meta["gdp"]["unit_en"].startswith("100 million yuan")
    assert meta["tech_contract_outflow"]["unit_en"] == "10,000 yuan"
    assert meta["rd_per_capita"]["unit_en"] == "yuan per person"
    # the Chinese unit is unchanged
    assert meta["gdp"]["unit_zh"] == "亿元"


# --- place names ----------------------------------------------------------------------------------


def _has_han(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def _hovers(data) -> dict[str, list[str]]:
    """Hub id -> its hover texts [zh-Hans, en, zh-Hant], as the map's points carry them."""
    from figures.map import hub_rows

    return {row[0]: row[1:] for rows in hub_rows(data).values() for row in rows}


def test_hover_in_english_names_a_county_level_place_in_english(atlas_data):
    zh, en, hant = _hovers(atlas_data)["agp-yangling"]
    assert "Location: Yangling District, Xianyang" in en and "杨陵" not in en
    assert "杨陵区" in zh and "楊陵區" in hant


def test_every_hover_and_table_city_in_english_is_english(atlas_data):
    from components.views import all_rows

    hovers = _hovers(atlas_data)
    assert len(hovers) == len(atlas_data.hubs)
    for _zh, en, _hant in hovers.values():
        location = en.split("<br>")[2]
        assert not _has_han(location), location
    rows = all_rows(atlas_data)
    assert all(not _has_han(r["city1"]) for r in rows)
    assert sum(bool(r["city1"]) for r in rows) > 200
    assert next(r for r in rows if r["id"] == "agp-yangling")["city1"] == "Xianyang"


# --- sources --------------------------------------------------------------------------------------


def test_every_source_has_an_english_publisher(atlas_data):
    from figures.sources import source_line

    for sid, publisher_en in zip(atlas_data.sources.index, atlas_data.sources["publisher_en"]):
        assert isinstance(publisher_en, str) and publisher_en.strip(), sid
        line = source_line(atlas_data, [sid], "en")
        assert line.startswith("Source: ") and not _has_han(line), line


def test_source_lines_follow_the_language(atlas_data):
    from figures.sources import source_line

    ids = ["most-2020-336", *atlas_data.values["source_id"].unique()[:5]]
    assert "Ministry of Science and Technology" in source_line(atlas_data, ids, "en")
    hant = source_line(atlas_data, ids, "zh-Hant")
    assert hant.startswith("來源") and "科學技術部" in hant and simplified_characters(hant) == set()
    assert "科学技术部" in source_line(atlas_data, ids, "zh-Hans")


def test_citation_leaves_out_a_missing_date_and_marks_chinese_titles(atlas_data):
    from figures.sources import citations, title_in

    undated = next(s for s, d in zip(atlas_data.sources.index, atlas_data.sources["date"]) if not isinstance(d, str))
    text = citations(atlas_data, [undated], "zh-Hans")[0].text()
    assert "nan" not in text and "None" not in text and not text.endswith("()")
    assert title_in("关于印发某某方案的通知", "en") == "关于印发某某方案的通知 (in Chinese)"
    bilingual = "国家数据·年度数据:国内生产总值(亿元) 2015-2024 / NBS database, Annual data: Gross Domestic Product"
    assert title_in(bilingual, "en") == bilingual
    assert title_in("关于印发", "zh-Hant") == "關於印發"


def test_downloads_cite_sources_in_the_language_without_missing_fields(atlas_data):
    from export.downloads import hub_table

    en = hub_table(atlas_data, ViewState(lang="en"))
    assert not any(_has_han(s.split(":")[0]) for cell in en["sources"] for s in cell.split(" | "))
    assert not en["sources"].str.contains(r"\((?:nan|None)\)").any()
