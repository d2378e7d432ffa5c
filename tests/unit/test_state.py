"""URL state: round trip, defaults left out, and garbage that falls back field by field."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.prepared import current
from view.state import MAX_QUERY, ViewState, from_query, to_query


@pytest.fixture(scope="module")
def vocab():
    return current().vocab


def test_default_state_is_an_empty_query():
    assert to_query(ViewState()) == ""


def test_full_state_round_trips(vocab):
    state = ViewState(
        lang="en",
        indicator="gdp",
        year=2020,
        region="chengyu",
        provinces=("510000", "500000"),
        layers=("hightech_zones", "agri_parks"),
        sectors=("biomedicine",),
        levels=("national",),
        statuses=("existing", "planned"),
        measure="五(十二)",
        view="prefecture",
        hub="htz-xian",
        hubs=("htz-xian", "htz-chengdu"),
        picked=("agz-yangling",),
        x="gdp",
        y="rd_expenditure",
        map_view=(104.5, 31.25, 2.5),
    )
    assert from_query(to_query(state), vocab) == state


def test_measure_is_written_as_its_number():
    assert to_query(ViewState(measure="五(十二)")) == "m=12"


def test_no_layers_round_trips_as_none(vocab):
    state = ViewState(layers=())
    assert to_query(state) == "l=none"
    assert from_query("l=none", vocab).layers == ()


@pytest.mark.parametrize(
    ("query", "field", "default"),
    [
        ("p=999999", "provinces", ()),
        ("p=<script>alert(1)</script>", "provinces", ()),
        ("ind=drop table values", "indicator", "rd_intensity"),
        ("y=20x2", "year", None),
        ("y=1850", "year", None),
        ("y=99999999999999999999", "year", None),
        ("lang=fr", "lang", "zh-Hans"),
        ("m=17", "measure", None),
        ("m=-1", "measure", None),
        ("m=十二", "measure", None),
        ("v=3d", "view", "province"),
        ("h=nonexistent", "hub", None),
        ("mv=104,30", "map_view", None),
        ("mv=nan,nan,nan", "map_view", None),
        ("mv=1e999,30,2", "map_view", None),
        ("r=atlantis", "region", "west"),
        ("l=bogus", "layers", None),
        ("s=quantum", "sectors", ()),
    ],
)
def test_bad_value_falls_back_to_default(vocab, query, field, default):
    state = from_query(query, vocab)
    assert getattr(state, field) == default


def test_one_bad_value_leaves_the_others(vocab):
    state = from_query("lang=en&p=510000,bogus&y=oops&ind=gdp", vocab)
    assert (state.lang, state.provinces, state.year, state.indicator) == ("en", ("510000",), None, "gdp")


def test_repeated_key_takes_the_last(vocab):
    assert from_query("lang=en&lang=zh-Hant", vocab).lang == "zh-Hant"


@pytest.mark.parametrize(
    "query",
    [
        "x" * (MAX_QUERY + 1),
        "p=" + ",".join(["510000"] * 5000),
        "%%%%",
        "&&&=&=",
        "lang=%E0%A4%A",
        "\x00\x01",
        "p=５１００００",  # full-width digits
        "lang=zh\u200b-Hans",  # zero-width space
        None,
        12,
        "?",
    ],
)
def test_garbage_gives_a_valid_state(vocab, query):
    state = from_query(query, vocab)
    assert isinstance(state, ViewState)
    assert from_query(to_query(state), vocab) == state


def test_oversized_query_is_ignored_whole(vocab):
    assert from_query("lang=en&" + "a" * 100_000, vocab) == ViewState()


def test_from_dict_cleans_a_tampered_store(vocab):
    state = ViewState.from_dict({"lang": "en", "provinces": ["510000", "<img>"], "year": "x", "layers": 5}, vocab)
    assert state.lang == "en" and state.provinces == ("510000",) and state.year is None
    assert ViewState.from_dict("not a dict", vocab) == ViewState()


_KEYS = ["lang", "ind", "y", "r", "p", "l", "s", "lv", "st", "q", "m", "v", "h", "hs", "k", "sx", "sy", "mv", "zz"]
_PIECES = ["en", "zh-Hant", "610000", "2019", "rd_intensity", "<script>", "' OR 1=1 --", "%00", "%E2%80%AE", ",", "-1"]


@settings(max_examples=500, deadline=None)
@given(
    query=st.text(max_size=300)
    | st.lists(
        st.tuples(st.sampled_from(_KEYS), st.lists(st.sampled_from(_PIECES) | st.text(max_size=8), max_size=4)),
        max_size=12,
    ).map(lambda kvs: "&".join(f"{k}={','.join(v)}" for k, v in kvs))
)
def test_any_query_gives_a_valid_state_that_round_trips(query):
    vocab = current().vocab
    state = from_query(query, vocab)
    assert state == ViewState.from_dict(state.to_dict(), vocab)  # every field within its vocabulary
    # what callbacks/state.store relies on: the store's JSON, read back, is the same state
    assert state == ViewState.from_dict(json.loads(json.dumps(state.to_dict())), vocab)
    assert from_query(to_query(state), vocab) == state
    assert len(to_query(state)) <= MAX_QUERY


def test_a_lasso_round_every_hub_is_kept_in_the_link(vocab):
    # a box over some 110 hubs or more made a value over 1,500 characters, which fell back to no
    # choice: the page then showed and counted every hub
    every = tuple(sorted(vocab.hub_ids))
    state = ViewState(hubs=every, picked=every[:150])
    assert from_query(to_query(state), vocab) == state
    assert ViewState.from_dict(state.to_dict(), vocab) == state


@pytest.mark.parametrize("year", ["²", "abc", "２０２０", "2020²", "-1"])
def test_a_year_that_is_not_ascii_digits_falls_back_and_keeps_the_rest_of_the_view(vocab, year):
    """'²'.isdigit() is True in Python: the URL's numbers take ASCII digits only (issue 15)."""
    state = from_query(f"y={year}&p=510000&lang=en", vocab)
    assert state.year is None and state.provinces == ("510000",) and state.lang == "en"


@pytest.mark.parametrize(
    "tag, lang",
    [("zh-hant", "zh-Hant"), ("ZH-TW", "zh-Hant"), ("zh_HK", "zh-Hant"), ("zh-CN", "zh-Hans"), ("EN", "en"),
     ("en-US", "en"), ("fr", "zh-Hans"), ("zh-Hant-x", "zh-Hans")],
)  # fmt: skip
def test_a_language_tag_is_read_however_it_is_written(vocab, tag, lang):
    """?lang=zh-hant fell back to 简体: only the exact 'zh-Hant' worked. Language tags are
    case-insensitive (BCP 47), and zh-TW/zh-HK/zh-CN name the scripts people mean; another
    language still falls back, and the URL is then written with the canonical tag."""
    state = from_query(f"?lang={tag}", vocab)
    assert state.lang == lang
    assert to_query(state) == ("" if lang == "zh-Hans" else f"lang={lang}")
