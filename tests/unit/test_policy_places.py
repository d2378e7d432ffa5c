"""Every place, platform and facility that 国科发区〔2020〕336号 names is on the map.

The list below is our own reading of the document, measure by measure. Each entry is found by
a fragment of its name among the hubs (or links) that cite that measure. The few that no public
source lets us place are listed in KNOWN_GAPS and must be documented in docs/data.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs" / "data.md"

NAMED = {
    "二(一)": [
        "成渝地区具有全国影响力的科技创新中心",
        "超瞬态",
        "川藏铁路",
        "成都国家新一代人工智能创新发展试验区",
        "综合性科学中心",
        "西部(成都)科学城",
        "西部(重庆)科学城",
        "重庆科学城",
        "成都科学城",
        "绵阳",
        "重庆国家自主创新示范区",
        "成都国家自主创新示范区",
    ],
    "二(二)": ["西安", "阿秒", "稀有金属材料"],
    "二(三)": ["西宁", "南宁", "昆明", "贵阳", "银川", "呼和浩特", "拉萨", "克拉玛依", "德阳"],
    "三(四)": ["西安", "成都", "兰州"],
    "三(五)": ["百色", "延安", "遵义", "宜宾"],
    "三(六)": ["环大学创新生态圈", "环高校知识经济圈", "丝路起点文化创新圈"],
    "三(七)": ["国家技术转移西北中心", "国家技术转移西南中心", "成果转移转化示范区"],
    "四(八)": ["杨凌", "国家农业科技园区", "农业高新技术产业示范区"],
    "四(九)": ["敦煌"],
    "四(十)": ["可持续发展议程创新示范区"],
    "五(十二)": [
        "成渝共建“一带一路”科技创新合作区",
        "面向南亚东南亚科技创新中心",
        "中国—东盟",
        "中蒙技术转移中心",
        "丝绸之路经济带核心区文化科教中心",
        "西藏面向南亚陆路通道科技合作",
        "巴基斯坦",
        "阿拉伯",
        "匈牙利",
    ],
}
# measure (十一): east–west partnerships, as links whose programme names the western province.
EAST_WEST = {
    "甘肃与上海张江合作": ("620000", "310000"),
    "贵州与北京中关村合作": ("520000", "110000"),
    "科技支宁": ("640000", None),
    "科技入滇": ("530000", None),
    "科技兴蒙": ("150000", None),
    "科技援疆": ("650000", None),
    "科技援藏": ("540000", None),
    "科技援青": ("630000", None),
}
# Named, but no source publishes the site (or the parties): area records at the area the measure
# names, with the provinces it touches (docs/data.md, *Area records*).
AREA_RECORDS = {
    "二(一)": [("长江流域地表过程与生态环境模拟实验系统", {"500000", "510000"})],
    "五(十一)": [("新疆“四方”合作", {"650000"})],
}


def _named_by(atlas_data, ref):
    hubs = atlas_data.hubs
    return hubs[hubs["policy_refs"].map(lambda refs: ref in refs)]


@pytest.mark.parametrize(("ref", "fragment"), [(r, f) for r, fs in NAMED.items() for f in fs])
def test_named_place_is_on_the_map(atlas_data, ref, fragment):
    hubs = _named_by(atlas_data, ref)
    text = hubs["name_zh"] + " " + hubs["note"].fillna("")
    assert text.str.contains(fragment, regex=False).any(), f"{ref}: nothing on the map for {fragment}"


@pytest.mark.parametrize("programme", list(EAST_WEST))
def test_east_west_partnership_is_a_link(atlas_data, programme):
    west, east = EAST_WEST[programme]
    links = atlas_data.links
    found = links[links["programme"].str.contains(programme, regex=False)]
    assert len(found), programme
    assert (found["west_adcode"].str[:2] == west[:2]).all()
    if east:
        assert (found["east_adcode"].str[:2] == east[:2]).any()
    assert found["policy_refs"].map(lambda r: "五(十一)" in r).all()


@pytest.mark.parametrize(("ref", "name", "provinces"), [(r, n, p) for r, ns in AREA_RECORDS.items() for n, p in ns])
def test_a_place_whose_site_is_not_published_is_an_area_record(atlas_data, ref, name, provinces):
    areas = atlas_data.areas
    found = areas[areas["name_zh"] == name]
    assert len(found) == 1, f"{name} ({ref}) is not an area record"
    assert ref in found["policy_refs"].iloc[0]
    assert found["provinces"].iloc[0] == provinces
    assert name in DOCS.read_text(encoding="utf-8"), f"document {name} ({ref}) in docs/data.md"


def test_every_measure_naming_places_has_hubs(atlas_data):
    refs_with_hubs = {r for refs in atlas_data.hubs["policy_refs"] for r in refs}
    assert set(NAMED) <= refs_with_hubs
