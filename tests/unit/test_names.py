"""One English spelling per place (issue 14): a hub's English name spells its province, city and
place as the gazetteer does (Karamay, not Kelamayi; Hinggan League, not Xinganmeng; Xizang, not
Tibet), so that a search, a sort or a join finds every hub of a place.
"""

from __future__ import annotations

import re

import pandas as pd

from model.regions import PROVINCES

SUFFIX_ZH = re.compile(r"(?:藏族自治州|回族自治州|蒙古族藏族自治州|自治州|地区|市|盟|区|县|州)$")
SUFFIX_EN = re.compile(r" (?:Autonomous Prefecture|City|Prefecture|League|District|County)$")


def _misspelt(hubs) -> list[tuple[str, str, str]]:
    """(hub id, the gazetteer's English, the hub's English name) where the Chinese name names a
    place whose English spelling the English name lacks.
    """
    out = []
    for row in hubs.itertuples():
        pairs = [
            (row.city_zh, row.city_en),
            (row.place_zh, row.place_en),
            PROVINCES.get(row.province_adcode, (None, None)),
        ]
        for zh, en in pairs:
            if not isinstance(zh, str) or not isinstance(en, str):
                continue
            short = SUFFIX_ZH.sub("", zh)
            spelling = SUFFIX_EN.sub("", en).split(" (")[0]
            if len(short) >= 2 and short in row.name_zh and spelling not in row.name_en:
                out.append((row.id, spelling, row.name_en))
    return sorted(set(out))


def test_every_hub_spells_its_places_as_the_gazetteer_does(atlas_data):
    assert _misspelt(atlas_data.hubs) == []


def test_the_check_catches_the_spellings_that_were_found():
    hubs = pd.DataFrame(
        [
            ("agp-kelamayi", "新疆克拉玛依国家农业科技园区", "Xinjiang Kelamayi National Agricultural S&T Park",
             "克拉玛依市", "Karamay", "克拉玛依市", "Karamay", "650000"),
            ("agp-lasa", "西藏拉萨国家农业科技园区", "Tibet Lhasa National Agricultural S&T Park",
             "拉萨市", "Lhasa", "拉萨市", "Lhasa", "540000"),
        ],
        columns=["id", "name_zh", "name_en", "city_zh", "city_en", "place_zh", "place_en", "province_adcode"],
    )  # fmt: skip
    assert [hub for hub, _, _ in _misspelt(hubs)] == ["agp-kelamayi", "agp-lasa"]


FIELD_LEFT_EMPTY = re.compile(r"\b(status|place_adcode|established|partners|sectors|level)(?: cell)? left empty", re.I)


def test_no_note_says_a_field_is_empty_when_it_is_not(atlas_data):
    """Revoked parks said 'status left empty' long after they were marked revoked (issue 14)."""
    stale = []
    for row in atlas_data.hubs.itertuples():
        for field in FIELD_LEFT_EMPTY.findall(row.note or ""):
            value = getattr(row, field.lower())
            empty = value is None or value is pd.NA or (isinstance(value, float) and value != value)
            if not empty and not (isinstance(value, (str, list, tuple)) and len(value) == 0):
                stale.append((row.id, field))
    assert stale == []
