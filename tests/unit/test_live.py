"""The data a process serves follows its data directory (model/live.py): a new valid version is
served, an invalid one is not (the last valid one is, with the error kept), a request keeps the
version it began with."""

from __future__ import annotations

import pytest

from model import paths, prepared
from model.live import Live, stamp
from model.prepared import prepare

VALUES = "indicators/values.csv"


@pytest.fixture
def data_dir(data_copy):
    return data_copy  # tests/conftest.py: a private copy of data/, hidden folders left out


def _edit(data_dir, old: str, new: str) -> None:
    path = data_dir / VALUES
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _value(data, adcode: str, year: int, indicator: str) -> float:
    return data.lookup.year_values(indicator, year).by_adcode[adcode]


def test_a_new_valid_version_is_served_and_an_invalid_one_is_not(data_dir):
    live = Live(data_dir, prepare, poll=0)
    first = live.get()
    assert live.get() is first  # nothing changed: the same object, nothing reloaded
    _edit(data_dir, "610000,2023,rd_intensity,2.50,", "610000,2023,rd_intensity,2.55,")
    second = live.get()
    assert second is not first and second.version != first.version
    assert _value(second, "610000", 2023, "rd_intensity") == 2.55 and live.error is None
    _edit(data_dir, "610000,2023,rd_intensity,2.55,", "610000,2023,rd_intensity,lots,")
    assert live.get() is second  # invalid: the last valid version goes on being served
    assert "values.csv" in live.error and "row" in live.error and "'value'" in live.error
    _edit(data_dir, "610000,2023,rd_intensity,lots,", "610000,2023,rd_intensity,2.56,")
    assert _value(live.get(), "610000", 2023, "rd_intensity") == 2.56 and live.error is None


def test_going_back_to_the_served_version_clears_the_error(data_dir):
    live = Live(data_dir, prepare, poll=0)
    served = live.get()
    _edit(data_dir, "610000,2023,rd_intensity,2.50,", "610000,2023,rd_intensity,lots,")
    assert live.get() is served and live.error
    _edit(data_dir, "610000,2023,rd_intensity,lots,", "610000,2023,rd_intensity,2.50,")  # a rollback
    assert live.get() is served and live.error is None


def test_hidden_files_are_not_data(data_dir):
    before = stamp(data_dir)
    (data_dir / ".backup").mkdir()
    (data_dir / ".backup" / "values.csv.1").write_text("x", encoding="utf-8")
    (data_dir / "indicators" / ".values.csv.123.tmp").write_text("half a file", encoding="utf-8")
    assert stamp(data_dir) == before


def test_a_request_keeps_the_version_it_began_with(data_dir, monkeypatch):
    monkeypatch.setattr(paths, "DATA", data_dir)
    monkeypatch.setenv("ATLAS_DATA_POLL", "0")
    try:
        token = prepared.pin()
        began = prepared.current()
        _edit(data_dir, "610000,2023,rd_intensity,2.50,", "610000,2023,rd_intensity,2.55,")
        assert prepared.current() is began  # the same request: the same version
        prepared.unpin(token)
        assert prepared.current().version != began.version  # the next one: the new version
    finally:
        prepared._lives.pop(data_dir, None)


def test_an_unexpected_failure_while_loading_keeps_the_last_version(data_dir):
    calls = []

    def prepare_or_fail(tables, version):
        calls.append(version)
        if len(calls) > 1:
            raise OSError("a file vanished while it was read")
        return prepare(tables, version)

    live = Live(data_dir, prepare_or_fail, poll=0)
    first = live.get()
    _edit(data_dir, "610000,2023,rd_intensity,2.50,", "610000,2023,rd_intensity,2.55,")
    assert live.get() is first and "vanished" in live.error


def test_a_watched_directory_loads_a_new_version_beside_the_requests(data_dir):
    """A serving process's watcher loads a new version in its own thread: a request meanwhile is
    answered at once with the version served (before, the request that noticed the import waited
    for the load, and the page's control ran seconds ahead of its view)."""
    import threading
    import time

    release, loading = threading.Event(), threading.Event()

    calls = []

    def slow_prepare(tables, version):
        calls.append(version)
        if len(calls) > 1:  # every load after the first waits for the test
            loading.set()
            assert release.wait(10)
        return prepare(tables, version)

    live = Live(data_dir, slow_prepare, poll=0.05)
    first = live.get()
    live.watch()
    _edit(data_dir, "610000,2023,rd_intensity,2.50,", "610000,2023,rd_intensity,2.55,")
    assert loading.wait(10)  # the watcher is loading the new version
    began = time.monotonic()
    assert live.get() is first  # answered with the version served...
    assert time.monotonic() - began < 0.5  # ...at once, not after the load
    release.set()
    deadline = time.monotonic() + 10
    while live.get() is first and time.monotonic() < deadline:
        time.sleep(0.02)
    assert _value(live.get(), "610000", 2023, "rd_intensity") == 2.55 and live.error is None
