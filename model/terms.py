"""Controlled vocabularies of the hub layers, with their labels (zh, en).

docs/data.md documents every key; a test fails when one is missing there.
"""

from __future__ import annotations

LEVELS: dict[str, tuple[str, str]] = {
    "national": ("国家级", "National"),
    "provincial": ("省级", "Provincial"),
    "international": ("国际合作", "International"),
}

STATUSES: dict[str, tuple[str, str]] = {
    "existing": ("已设立", "Existing"),
    "upgrading": ("以升促建", "Upgrading"),
    "planned": ("规划/在建", "Planned / under construction"),
    "proposed": ("提出/拟建", "Proposed"),
    # Not in the list: a park a MOST notice revoked stays on record, marked as such.
    "revoked": ("已撤销/不再保留", "Revoked"),
    # A designation replaced by a higher one at the same place (a park upgraded to a demonstration
    # zone): kept with its history, drawn as its successor, never counted as existing.
    "upgraded": ("已升级", "Upgraded"),
}

# What a hub's `established` year is the year of (docs/data.md, Years and history).
ESTABLISHED_BASES: dict[str, tuple[str, str]] = {
    "approval": ("批准文件年份", "Year of the approving document"),
    "launch": ("揭牌/启动年份", "Year of launch or inauguration"),
    "construction": ("开工年份", "Year construction began"),
    "reported": ("据后来报道", "Year as later reported"),
}

# The events of a hub's history (data/hubs/history.csv), each setting its status from that date.
EVENTS: dict[str, tuple[str, str]] = {
    "approved": ("批准设立", "Approved"),
    "named": ("文件点名", "Named in a document"),
    "launched": ("揭牌/启动", "Launched"),
    "evaluated": ("评估/验收", "Evaluated"),
    "upgraded": ("升级", "Upgraded"),
    "revoked": ("撤销", "Revoked"),
}

# How exactly a point locates its hub. Only `site` is a surveyed location; the others are a
# representative point of the administrative unit named in `place_adcode`.
PRECISIONS: dict[str, tuple[str, str]] = {
    "site": ("具体地点", "Site"),
    "district": ("市辖区", "Urban district"),
    "county": ("县级单位", "County-level unit"),
    "city": ("地级市/州/盟", "Prefecture-level unit"),
    # When the source names only the province (e.g. a centre run by a provincial department).
    "province": ("省级单位", "Province-level unit"),
}

SECTORS: dict[str, tuple[str, str]] = {
    "electronic_information": ("电子信息", "Electronic information"),
    "high_end_equipment": ("高端装备", "High-end equipment"),
    "aerospace": ("航空航天", "Aerospace"),
    "energy_chemicals": ("能源化工", "Energy & chemicals"),
    "advanced_materials": ("先进材料", "Advanced materials"),
    "biomedicine": ("生物医药", "Biomedicine"),
    "agriculture": ("农牧业", "Agriculture & animal husbandry"),
    "ecology_environment": ("生态环境", "Ecology & environment"),
    "ai_digital": ("人工智能与数字经济", "AI & digital economy"),
    "rail_transport": ("轨道交通", "Rail & transport"),
    "new_energy": ("新能源", "New energy"),
    "culture_heritage": ("文化与文物保护", "Culture & heritage"),
    "services_logistics": ("现代服务与物流", "Services & logistics"),
}

# A filter value for "no value recorded" (a hub with no sector, no level): hubs without a value are
# hidden by a filter unless it names this too, and the page says how many.
UNKNOWN = "unknown"

# The sixteen measures of 国科发区〔2020〕336号, as <section>(<measure>).
MEASURE_REFS: tuple[str, ...] = (
    "二(一)",
    "二(二)",
    "二(三)",
    "三(四)",
    "三(五)",
    "三(六)",
    "三(七)",
    "四(八)",
    "四(九)",
    "四(十)",
    "五(十一)",
    "五(十二)",
    "六(十三)",
    "六(十四)",
    "六(十五)",
    "六(十六)",
)


def unrecorded_passes(state) -> bool:
    """Whether a record with no status, sector or level (an area record; an east–west link, which
    has no recorded year either and shows in every year) passes the filters on them: none chosen,
    or the sector and level filters ask for "unknown". ``state``: anything with ``statuses``,
    ``sectors`` and ``levels`` (tuples of codes), as model.lookup.HubFilter.
    """
    return not state.statuses and all(not chosen or UNKNOWN in chosen for chosen in (state.sectors, state.levels))
