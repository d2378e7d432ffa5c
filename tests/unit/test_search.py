"""The table's search, on the server (view/search.py, model/search.py): it matches what the table
shows, in all three languages whatever the page's, word by word, as AG Grid's quick filter did in
the browser; and it is part of the state (the URL's ``q``).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from components import views
from model.search import TextIndex, normalize
from view.i18n import LANGS
from view.search import MAX_SEARCH, clean_search, coded_labels, search_terms
from view.state import ViewState, from_query, to_query

CODED = ("layer", "province", "level", "status", "precision", "sectors", "measures")


def shown_texts(data) -> list[list[str]]:
    """Every text the table shows of each row, in every language (the table's columns: names,
    city, year, and the labels of the coded columns, a list column's labels one by one).
    """
    labels = [coded_labels(lang) for lang in LANGS]
    out = []
    for row in views.all_rows(data):
        texts = [row[f"name{i}"] for i in range(len(LANGS))] + [row[f"city{i}"] for i in range(len(LANGS))]
        texts.append("" if row["established"] is None else str(row["established"]))
        for column in CODED:
            value = row[column]
            for code in value if isinstance(value, list) else [value]:
                texts += [lab[column].get(code, "") for lab in labels]
        out.append([normalize(t) for t in texts if t])
    return out


def reference(data, text: str) -> list[bool]:
    """The rows holding every word of ``text`` in some text the table shows them with, plainly."""
    words = normalize(text).split()
    return [all(any(w in t for t in texts) for w in words) for texts in shown_texts(data)]


def test_search_matches_what_the_table_shows_in_every_language(atlas_data):
    rows = shown_texts(atlas_data)

    @settings(max_examples=300, deadline=None)
    @given(st.data())
    def check(draw):
        words = []
        for _ in range(draw.draw(st.integers(1, 2))):
            row = draw.draw(st.sampled_from(rows))
            text = draw.draw(st.sampled_from(row))
            start = draw.draw(st.integers(0, max(len(text) - 1, 0)))
            word = text[start : start + draw.draw(st.integers(1, 6))].strip()
            if word and " " not in word:
                words.append(word.upper() if draw.draw(st.booleans()) else word)
        search = " ".join(words)
        mask = atlas_data.lookup.hub_mask(ViewState(search=search))
        assert mask.tolist() == reference(atlas_data, search), search

    check()


def test_a_search_in_any_language_or_width_finds_the_same_hubs(atlas_data):
    lk = atlas_data.lookup
    found = lk.hub_mask(ViewState(search="杨凌"))
    assert found.any()
    for text in ("楊凌", "YANGLING", "yangling", "ｙａｎｇｌｉｎｇ", "  杨凌  "):
        for lang in LANGS:
            assert (lk.hub_mask(ViewState(search=clean_search(text), lang=lang)) == found).all(), (text, lang)


def test_every_word_must_be_found_and_the_order_does_not_matter(atlas_data):
    lk = atlas_data.lookup
    both = lk.hub_mask(ViewState(search="四川 高新"))
    assert (both == (lk.hub_mask(ViewState(search="四川")) & lk.hub_mask(ViewState(search="高新")))).all()
    assert (both == lk.hub_mask(ViewState(search="高新 四川"))).all()
    assert not lk.hub_mask(ViewState(search="杨凌 新疆")).any()


def test_a_status_is_searched_as_the_table_shows_it_that_year(atlas_data):
    lk = atlas_data.lookup
    revoked = coded_labels("zh-Hans")["status"]["revoked"]  # 已撤销/不再保留
    i = lk.hub_index["agp-yinchuan"]  # revoked since; in 2015 it existed (data/hubs/history.csv)
    assert lk.hub_mask(ViewState(search=revoked))[i]
    assert not lk.hub_mask(ViewState(search=revoked, year=2015))[i]
    assert lk.hub_mask(ViewState(search=coded_labels("en")["status"]["existing"], year=2015))[i]


def test_the_search_is_in_the_url_and_round_trips(atlas_data):
    vocab = atlas_data.vocab
    state = ViewState(year=2015, search="杨凌 农业")
    query = to_query(state)
    assert "q=" in query and from_query(query, vocab) == state
    assert from_query("q=%20%20杨凌%09%0A农业%00", vocab).search == "杨凌 农业"  # spaces, tabs, controls
    assert from_query("q=" + "x" * (MAX_SEARCH + 1), vocab).search == ""  # oversized: none
    assert from_query("q=", vocab) == ViewState()
    assert ViewState.from_dict({"search": 7}, vocab).search == ""
    assert ViewState.from_dict({"search": "<b>x</b>"}, vocab).search == "<b>x</b>"  # text, escaped where shown


def test_search_terms_know_the_labels_of_the_coded_columns():
    (term,) = search_terms("高新技术产业开发区")
    assert term.codes["layer"] == {"hightech_zones"}
    high, _zone = search_terms("HIGH-TECH zone")
    assert "hightech_zones" in high.codes["layer"] and high.texts == ("high-tech",)
    assert search_terms("") == ()
    (term,) = search_terms("四川")
    assert term.codes["province"] == {"510000"}


def test_text_index_finds_each_row_once_and_never_across_fields_or_rows():
    index = TextIndex([["ab", "cd"], [None, "abab"], ["x"]])
    assert index.contains(["ab"]).tolist() == [True, True, False]
    assert index.contains(["bc"]).tolist() == [False, False, False]  # "ab"+"cd" are two fields
    assert index.contains(["dab"]).tolist() == [False, False, False]  # nor across rows
    assert index.contains(["x", "cd"]).tolist() == [True, False, True]
    assert index.contains([""]).tolist() == [False, False, False]
