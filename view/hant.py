"""Traditional Chinese, generated from the Simplified text with OpenCC (docs/data.md, Languages).

Interface words (``ui_hant``) with ``s2twp``, Taiwan characters and wording, and
``HANT_OVERRIDES`` where it misses or rewrites a word; names and quoted text (``to_hant``) with
``s2tw``, character by character, so that proper names and the policy's words are never rewritten.
"""

from __future__ import annotations

import re
from functools import cache

import opencc

# Interface strings (by their Simplified text) whose s2twp conversion keeps a mainland word or
# rewrites a word wrongly: the Traditional wording used instead (read and chosen one by one).
HANT_OVERRIDES: dict[str, str] = {
    "幻灯片(地图+排名)": "投影片(地圖+排名)",
    "16:9 幻灯片 (1920×1080)": "16:9 投影片 (1920×1080)",
    "4:3 幻灯片 (1600×1200)": "4:3 投影片 (1600×1200)",
    "自定义尺寸(下方宽×高)": "自訂尺寸(下方寬×高)",
    "自定义": "自訂",
    "合作伙伴": "合作夥伴",
    "人工智能与数字经济": "人工智慧與數位經濟",
    "在地图或列表中选择一个载体查看详情。": "在地圖或清單中選擇一個載體以檢視詳情。",
    "创新载体列表": "創新載體清單",
    # AG Grid's words: in Taiwan 列 is a row and 欄 a column (the reverse of mainland usage)
    "列": "欄",
    "固定列": "固定欄",
    "自动调整此列宽度": "自動調整此欄寬度",
    "自动调整所有列宽度": "自動調整所有欄寬度",
    "重置列": "重設欄位",
    "应用": "套用",
    "重置": "重設",
    "升序": "遞增排序",
    "降序": "遞減排序",
    "按空格键选择此行": "按空白鍵選擇此列",
    "按空格键取消选择此行": "按空白鍵取消選擇此列",
    "按空格键切换行选择": "按空白鍵切換此列的選擇",
}


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


@cache
def to_hant(text: str) -> str:
    """Names and quoted text in Traditional characters, character by character (s2tw)."""
    return _taiwan_forms(_converter("s2tw").convert(text))


def to_hans(text: str) -> str:
    """Traditional characters in ``text`` as Simplified (OpenCC ``t2s``); Simplified and other
    text unchanged. The inverse of :func:`to_hant` for the data's names (the search reads them so).
    """
    return _converter("t2s").convert(text)


# OpenCC writes the Hong Kong form 公佈 for 公布 (to publish) even in s2tw; Taiwan's standard
# (its ministry of education's dictionary, and its laws) writes 公布.
TAIWAN_FORMS = {"公佈": "公布"}


def _taiwan_forms(text: str) -> str:
    for other, standard in TAIWAN_FORMS.items():
        text = text.replace(other, standard)
    return text


# Words s2twp rewrites wrongly here: 文件 (the policy document, not 檔案 a computer file), 发布
# (to publish, not 釋出), 项目 (an item, not 專案 a project): converted character by character.
KEEP_WORDS = re.compile(r"(《[^》]*》|文件|发布|项目)")


@cache
def ui_hant(text: str) -> str:
    """An interface string in Traditional Chinese with Taiwan wording (s2twp, then
    ``HANT_OVERRIDES``); titles in 《》 and KEEP_WORDS stay character-converted.
    """
    if text in HANT_OVERRIDES:
        return HANT_OVERRIDES[text]
    parts = KEEP_WORDS.split(text)
    return "".join(
        to_hant(p) if KEEP_WORDS.fullmatch(p) else _taiwan_forms(_converter("s2twp").convert(p)) for p in parts
    )
