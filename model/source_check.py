"""Where the data's facts come from: source domains with counts, publishers their address does
not match, and addresses that are content farms, forums, mirrors or encyclopaedias.

The atlas's rule (docs/data.md, *Sources*): a fact rests on a primary source (the approving
notice, the ministry's or the provincial government's site) or on reputable news; Wikipedia and
Baidu Baike only beside a primary. :func:`problems` finds what breaks the rule;
``data/source_review.csv`` lists the sources already known to break it, each waiting for a
primary source (tests/unit/test_sources.py fails on any other, so the list can only shrink).
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlparse

import pandas as pd

# Hosts whose pages are primary or reputable: government sites, state and provincial media,
# academies and universities (matched as the host or a subdomain of it).
REPUTABLE = (
    "gov.cn", "people.com.cn", "news.cn", "xinhuanet.com", "chinadaily.com.cn", "chinanews.com",
    "chinanews.com.cn", "cctv.com", "cctv.cn", "cri.cn", "gmw.cn", "stdaily.com", "sciencenet.cn",
    "cas.cn", "ac.cn", "edu.cn", "china.com.cn", "jjckb.cn", "thepaper.cn", "scdaily.cn",
    "sxdaily.com.cn", "yndaily.com", "cqcb.com", "northnews.cn", "chinahightech.com", "snkjb.com",
    "hkcd.com", "wenweipo.com", "ce.cn", "cnr.cn", "cqnews.net", "gxnews.com.cn", "gscn.com.cn",
    "montsame.mn", "jst.go.jp", "wikisource.org", "cnwest.com", "cqrb.cn", "lzbs.com.cn", "ecologica.cn",
    "rednet.cn", "nkb.com.cn",
    # provincial party dailies' and broadcasters' own sites: 每日甘肃网 (Gansu Daily), 天眼新闻
    # (Guizhou Daily), 四川在线 (Sichuan Daily), 河北新闻网 (Hebei Daily), 广西广播电视台,
    "gansudaily.com.cn", "eyesnews.cn", "scol.com.cn", "hebnews.cn", "bbrtv.com",
    # 宁夏新闻网 (Ningxia Daily), 青海新闻网 (Qinghai Daily), 天山网 (Xinjiang Daily), 贵州日报;
    "nxnews.net", "qhnews.com", "ts.cn", "gzrbs.com.cn",
    # 北疆新闻 (Inner Mongolia Daily), 云南网 (Yunnan Daily), 中国西藏网 (China Tibetology Research Centre)
    "imline.cn", "yunnan.cn", "tibet.cn",
)  # fmt: skip
# Encyclopaedias: acceptable beside a primary source only.
ENCYCLOPAEDIA = ("wikipedia.org", "baike.baidu.com", "baike.baidu.hk", "baike.so.com", "renwuwiki.com")
# Forums and question sites: never a source.
FORUM = re.compile(r"(^|\.)(bbs|tieba|zhidao|wenda)\.|wendadaohang|zhihu\.com", re.I)
# A publisher that names one of these bodies must be read on its own site.
PUBLISHERS: tuple[tuple[re.Pattern, tuple[str, ...]], ...] = (
    (re.compile(r"国务院|State Council"), ("gov.cn",)),
    (re.compile(r"科学技术部|科技部|\bMOST\b"), ("most.gov.cn", "gov.cn")),
    (re.compile(r"国家统计局|\bNBS\b"), ("stats.gov.cn", "gov.cn")),
    (re.compile(r"人民日报|人民网|People's Daily"), ("people.com.cn",)),
    # 新华丝路 (imsilkroad.com) is Xinhua's Belt-and-Road information service
    (re.compile(r"新华社|新华网|Xinhua"), ("news.cn", "xinhuanet.com", "imsilkroad.com")),
    (re.compile(r"中国日报|China Daily"), ("chinadaily.com.cn",)),
    (re.compile(r"中国新闻网|中新网"), ("chinanews.com", "chinanews.com.cn")),
    (re.compile(r"科技日报|Science and Technology Daily"), ("stdaily.com",)),
    (re.compile(r"人民政府|科学技术厅|科技厅|科技局"), ("gov.cn",)),
)


# A source with no address whose note says it was read on a copy (a mirror, a repost, a search
# excerpt) or not read at all: the address, had it one, could not be checked, so it is a problem
# of its own kind rather than a pass.
COPY = re.compile(r"mirror|repost|reprint|excerpt|转载|not read directly|without (?:a page )?(?:address|URL)", re.I)


# A site the publisher's name gives itself, as in "Sichuan Online (scol.com.cn)": the address is
# to be on it, as for a publisher PUBLISHERS knows.
NAMED_SITE = re.compile(r"\(((?:[a-z0-9-]+\.)+(?:cn|com|net|org))\)", re.I)


def host(url: object) -> str:
    """The lower-case host of a URL ('' when there is none)."""
    if not isinstance(url, str) or not url.strip():
        return ""
    return (urlparse(url.strip()).hostname or "").lower()


def _under(h: str, domains: tuple[str, ...]) -> bool:
    return any(h == d or h.endswith("." + d) for d in domains)


def domains(sources: pd.DataFrame) -> pd.Series:
    """Sources per host, most used first (the ``url`` column of sources.csv)."""
    counts = Counter(host(u) or "(no address)" for u in sources["url"])
    return pd.Series(counts, name="sources").sort_values(ascending=False, kind="stable")


def problems(sources: pd.DataFrame) -> pd.DataFrame:
    """One row per problem: ``source_id``, ``host``, ``problem`` (``forum``, ``encyclopaedia``,
    ``publisher-mismatch``: the publisher names a body whose site the address is not, on a host
    that is not reputable either, ``unknown-host``: neither a reputable host nor the
    publisher's own, or ``read-on-copy``: no address, and its note says it was read on a mirror,
    a repost or in a search excerpt), ``detail``. A page on a government site or reputable news is never a
    problem, whatever it names as its own source (a MOST notice republished by Xinhua).
    ``sources`` is sources.csv indexed by source_id.
    """
    rows = []
    for sid, rec in sources.iterrows():
        h = host(rec.get("url"))
        publisher = f"{rec.get('publisher') or ''} {rec.get('publisher_en') or ''}"
        if not h:
            if COPY.search(f"{rec.get('note') or ''} {publisher}"):
                rows.append((sid, "(no address)", "read-on-copy", publisher.strip()))
            continue
        if FORUM.search(h):
            rows.append((sid, h, "forum", publisher.strip()))
            continue
        if _under(h, ENCYCLOPAEDIA):
            rows.append((sid, h, "encyclopaedia", publisher.strip()))
            continue
        claimed = [d for pattern, d in PUBLISHERS if pattern.search(publisher)]
        # a site the name gives itself only shows a copy, never vouches for a host ("news repost (m.86079.cn)")
        named = [d.lower() for d in NAMED_SITE.findall(publisher)]
        if _under(h, REPUTABLE):
            continue  # a government site or reputable news, whoever it names as its own source
        if (claimed and not any(_under(h, d) for d in claimed)) or (named and not _under(h, tuple(named))):
            rows.append((sid, h, "publisher-mismatch", publisher.strip()))
        elif not claimed:
            rows.append((sid, h, "unknown-host", publisher.strip()))
    return pd.DataFrame(rows, columns=["source_id", "host", "problem", "detail"])
