"""The words of the page's third-party widgets in the page's language: AG Grid's (the hub table)
and dcc.Dropdown's. Each takes a dict of its own keys; Traditional comes from the Simplified text
(view/hant.py), English is the widget's own or STRINGS'.
"""

from __future__ import annotations

from view.hant import ui_hant
from view.i18n import normalize_lang, t

# AG Grid's own words (menus, filters, empty table) in Simplified Chinese; English is its default.
GRID_LOCALE_ZH: dict[str, str] = {
    "noRowsToShow": "没有符合条件的载体",
    "noMatchingRows": "没有符合条件的载体",
    "loadingOoo": "加载中…",
    "filterOoo": "筛选…",
    "searchOoo": "搜索…",
    "selectAll": "全选",
    "blanks": "空白",
    "equals": "等于",
    "notEqual": "不等于",
    "contains": "包含",
    "notContains": "不包含",
    "startsWith": "开头是",
    "endsWith": "结尾是",
    "blank": "为空",
    "notBlank": "不为空",
    "lessThan": "小于",
    "greaterThan": "大于",
    "lessThanOrEqual": "小于等于",
    "greaterThanOrEqual": "大于等于",
    "inRange": "介于",
    "inRangeStart": "从",
    "inRangeEnd": "到",
    "andCondition": "且",
    "orCondition": "或",
    "applyFilter": "应用",
    "resetFilter": "重置",
    "clearFilter": "清除",
    "cancelFilter": "取消",
    "columns": "列",
    "filters": "筛选",
    "pinColumn": "固定列",
    "autosizeThiscolumn": "自动调整此列宽度",
    "autosizeAllColumns": "自动调整所有列宽度",
    "resetColumns": "重置列",
    "sortAscending": "升序",
    "sortDescending": "降序",
    "sortUnSort": "取消排序",
    "ariaChecked": "已选",
    "ariaUnchecked": "未选",
    "ariaRowSelect": "按空格键选择此行",
    "ariaRowDeselect": "按空格键取消选择此行",
    "ariaRowToggleSelection": "按空格键切换行选择",
}


def grid_locale(lang: str) -> dict[str, str]:
    """AG Grid localeText for a language ({} keeps AG Grid's English)."""
    lang = normalize_lang(lang)
    if lang == "en":
        return {}
    return {k: ui_hant(v) if lang == "zh-Hant" else v for k, v in GRID_LOCALE_ZH.items()}


# dcc.Dropdown's labels (dash/dcc/Dropdown.py, Labels); a test checks them against the installed Dash
DROPDOWN_KEYS = (
    "select_all",
    "deselect_all",
    "selected_count",
    "search",
    "clear_search",
    "clear_selection",
    "no_options_found",
)


def dropdown_labels(lang: str) -> dict[str, str]:
    """dcc.Dropdown's ``labels`` in ``lang``: every key Dash 4 reads (select_all, deselect_all,
    selected_count with its ``{num_selected}``, search, clear_search, clear_selection,
    no_options_found). Dash takes the dict whole, not merged with its English defaults: a key left
    out shows nothing.
    """
    return {k: t(f"dropdown_{k}", lang) for k in DROPDOWN_KEYS}
