"""Sources checked (issue 14): every source's address is reputable or the publisher's own, or it is
listed in data/source_review.csv waiting for a primary source; the list can only shrink.
"""

from __future__ import annotations

import pandas as pd
import pytest

from model import source_check
from model.paths import DATA

REVIEW = pd.read_csv(DATA / "source_review.csv", dtype=str, keep_default_na=False)


def test_every_problem_source_is_known_and_every_known_one_is_still_a_problem(atlas_data):
    found = source_check.problems(atlas_data.sources)
    listed = dict(zip(REVIEW["source_id"], REVIEW["problem"]))
    new = [(s, p, h) for s, p, h in zip(found["source_id"], found["problem"], found["host"]) if listed.get(s) != p]
    assert new == [], "a new source breaks the source rule (docs/data.md, Sources): use a primary source"
    fixed = sorted(set(listed) - set(found["source_id"]))
    assert fixed == [], "these sources were fixed: remove them from data/source_review.csv"


def test_no_hub_rests_on_an_encyclopaedia_alone_unless_listed(atlas_data):
    found = source_check.problems(atlas_data.sources)
    encyclopaedic = set(found.loc[found["problem"] == "encyclopaedia", "source_id"])
    alone = sorted(h.id for h in atlas_data.hubs.itertuples() if h.source_id and set(h.source_id) <= encyclopaedic)
    assert alone == ["htz-changji", "htz-qinghai"]  # each waiting for its approving notice


@pytest.mark.parametrize(
    ("publisher", "url", "problem"),
    [
        ("科学技术部 (MOST)", "https://www.most.gov.cn/xxgk/x.html", None),
        ("科学技术部 (MOST)", "https://markspestcontrol.com/x", "publisher-mismatch"),
        ("国务院", "https://m.yestaryl.com/a.html", "publisher-mismatch"),
        ("四川在线", "https://bbs.mala.cn/thread-1.html", "forum"),
        ("维基百科", "https://zh.wikipedia.org/wiki/X", "encyclopaedia"),
        ("某某网", "https://ochochicas.com/p/1", "unknown-host"),
        ("新华社", "https://www.news.cn/politics/x.htm", None),
        ("四川日报", "https://epaper.scdaily.cn/x.html", None),
        ("中国航空报", "", "read-on-copy"),  # no address, note: read on a mirror copy
        ("国家统计局", "", None),  # a yearbook table has no address; its note names no copy
    ],
)
def test_the_check_names_what_breaks_the_rule(publisher, url, problem):
    note = "Read only on a mirror copy (x.com/1.html)" if publisher == "中国航空报" else "table 8-33"
    sources = pd.DataFrame([{"publisher": publisher, "publisher_en": "", "url": url, "note": note}], index=["s"])
    found = source_check.problems(sources)
    assert (found["problem"].tolist() or [None]) == [problem]


def test_domains_are_counted(atlas_data):
    counts = source_check.domains(atlas_data.sources)
    assert counts.sum() == len(atlas_data.sources) and counts.index[0]


def test_a_source_read_on_a_copy_says_so_wherever_it_is_cited(atlas_data):
    """A link to another site than the publisher named beside it ("China News Service
    (chinanews.com)" linking wap.glosyeuropyichin.com) says where it was read, in the card and in
    every download, in every language."""
    from export.downloads import download
    from figures.sources import citations
    from view.state import ViewState

    found = source_check.problems(atlas_data.sources)
    mismatched = found[found["problem"] == "publisher-mismatch"]
    assert {"pol-cns-cdkxc-gp", "pol-scol-2020-sc-kxc"} <= set(mismatched["source_id"])
    for sid, host in zip(mismatched["source_id"], mismatched["host"]):
        for lang in ("zh-Hans", "zh-Hant", "en"):
            (c,) = citations(atlas_data, [sid], lang)
            assert host in c.publisher and host in c.text(), (sid, lang, c)
    # a publisher's own address says nothing of the kind
    fine = next(s for s in atlas_data.sources.index if s not in set(found["source_id"]))
    assert not any(w in citations(atlas_data, [fine], "en")[0].publisher for w in ("copy", "转载"))
    _, content = download(atlas_data, ViewState(lang="en"), "hubs", "csv")
    assert "read on a copy at wap.glosyeuropyichin.com" in content.decode("utf-8-sig")
