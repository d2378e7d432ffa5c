"""English names of administrative units, derived at build time (development only: pypinyin).

Names follow the conventions of Hanyu Pinyin for place names: syllables written together without
tones, the first capitalised, an apostrophe before a syllable that starts with a, o or e (Xi'an,
Yan'an, Pu'er), ü kept. The generic part is translated: 区 District, 县 County, 市 City (a
county-level city; prefecture-level cities are named without it, as is usual), 旗 Banner,
自治县 Autonomous County, 自治州 Autonomous Prefecture, 地区 Prefecture, 盟 League. As the
prefecture names already did, an autonomous unit's ethnic designations are left out of its English
name (石林彝族自治县 -> Shilin Autonomous County). Where the usual English name is not the pinyin of
the characters (Mongolian, Tibetan and Uyghur names: Hohhot, Xigaze, Urumqi, Karamay, Horinger) or
where pypinyin reads a character wrongly (丰都 is Fengdu, not Fengdou), an override gives it. A
banner (旗) has a Mongolian name, so it must have one: the build stops otherwise.
"""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

# Conventional English names of prefecture-level units where they differ from plain pinyin.
PREFECTURE_OVERRIDES = {
    "150100": "Hohhot", "150600": "Ordos", "150700": "Hulunbuir", "150800": "Bayannur", "150900": "Ulanqab",
    "152200": "Hinggan League", "152500": "Xilingol League", "152900": "Alxa League",
    "500000": "Chongqing", "610100": "Xi'an", "511600": "Guang'an", "511800": "Ya'an",
    "540100": "Lhasa", "540200": "Xigaze", "540300": "Qamdo", "540400": "Nyingchi", "540500": "Shannan",
    "540600": "Nagqu", "542500": "Ngari Prefecture",
    "632600": "Golog Autonomous Prefecture", "632700": "Yushu Autonomous Prefecture",
    "650100": "Urumqi", "650200": "Karamay", "650400": "Turpan",
    "652700": "Bortala Autonomous Prefecture", "652800": "Bayingolin Autonomous Prefecture",
    "652900": "Aksu Prefecture", "653000": "Kizilsu Autonomous Prefecture", "653100": "Kashgar Prefecture",
    "653200": "Hotan Prefecture",
    "654000": "Ili Autonomous Prefecture", "654300": "Altay Prefecture", "659002": "Aral", "659003": "Tumxuk",
    "659008": "Kokdala", "429021": "Shennongjia Forestry District",
}  # fmt: skip

# Conventional English names (or corrected readings) of county-level units.
COUNTY_OVERRIDES = {
    "150123": "Horinger County",  # 和林格尔县, Mongolian name
    "500230": "Fengdu County",  # 丰都县: 都 read du (pypinyin: dou)
    "150206": "Bayan Obo Mining District",  # 白云鄂博矿区, Mongolian name; a 矿区 (mining district)
}

PREFECTURE_SUFFIXES = (
    ("自治州", " Autonomous Prefecture"),
    ("地区", " Prefecture"),
    ("盟", " League"),
    ("市", ""),
)
COUNTY_SUFFIXES = (  # longest first
    ("自治县", " Autonomous County"),
    ("自治旗", " Autonomous Banner"),
    ("特区", " Special District"),
    ("区", " District"),
    ("县", " County"),
    ("市", " City"),
    ("旗", " Banner"),
)
ETHNIC = re.compile(
    r"(藏族|羌族|彝族|苗族|侗族|布依族|哈尼族|壮族|傣族|白族|景颇族|傈僳族|回族|蒙古族|蒙古|柯尔克孜|哈萨克"
    r"|土家族|仡佬族|水族|瑶族|纳西族|拉祜族|佤族|独龙族|怒族|普米族|傈僳|撒拉族|土族|东乡族|保安族|裕固族"
    r"|达斡尔族|鄂温克族|鄂伦春族|塔吉克|锡伯|毛南族|仫佬族|各族)$"
)


def romanise(stem: str) -> str:
    """Pinyin of a name without tones, syllables joined, apostrophes where needed: 延安 -> Yan'an."""
    syllables = lazy_pinyin(stem, style=Style.NORMAL, v_to_u=True, errors="ignore")
    out = ""
    for i, s in enumerate(syllables):
        out += ("'" if i and s[:1] in "aoe" else "") + s
    return out[:1].upper() + out[1:]


def _drop_ethnic(stem: str) -> str:
    while (shorter := ETHNIC.sub("", stem)) != stem:
        stem = shorter
    return stem


def _split(name_zh: str, suffixes) -> tuple[str, str]:
    for zh, en in suffixes:
        if name_zh.endswith(zh) and len(name_zh) > len(zh):
            stem = name_zh[: -len(zh)]
            if zh.startswith("自治"):
                # a unit named after its people keeps the name (东乡族自治县: Dongxiang Autonomous County)
                stem = _drop_ethnic(stem) or stem.removesuffix("族")
            return stem, en
    return name_zh, ""


def prefecture_name_en(adcode: str, name_zh: str) -> str:
    """English name of a prefecture-level unit: 'Hanzhong', 'Chuxiong Autonomous Prefecture'."""
    if adcode in PREFECTURE_OVERRIDES:
        return PREFECTURE_OVERRIDES[adcode]
    stem, suffix = _split(name_zh, PREFECTURE_SUFFIXES)
    return romanise(stem) + suffix


def county_name_en(adcode: str, name_zh: str) -> str:
    """English name of a county-level unit: 'Yangling District', 'Zhong County', 'Mile City'."""
    if adcode in COUNTY_OVERRIDES:
        return COUNTY_OVERRIDES[adcode]
    if name_zh.endswith("旗"):
        # a banner's name is Mongolian (土默特右旗: Tumed Right Banner), which pinyin gets wrong
        raise ValueError(f"{adcode} {name_zh}: a banner needs its English name in COUNTY_OVERRIDES")
    stem, suffix = _split(name_zh, COUNTY_SUFFIXES)
    return romanise(stem) + suffix
