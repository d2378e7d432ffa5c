"""Dates on exports come from one configured zone, not from the server's clock zone (model/clock.py)."""

from __future__ import annotations

import datetime as dt

from export import render
from model import clock
from model.prepared import current
from view.state import ViewState


def test_the_zone_is_asia_shanghai_unless_configured(monkeypatch):
    monkeypatch.delenv("ATLAS_TIMEZONE", raising=False)
    assert clock.zone().key == "Asia/Shanghai"
    monkeypatch.setenv("ATLAS_TIMEZONE", "Asia/Urumqi")
    assert clock.zone().key == "Asia/Urumqi"
    monkeypatch.setenv("ATLAS_TIMEZONE", "Mars/Olympus_Mons")
    assert clock.zone().key == "Asia/Shanghai"  # an unknown name falls back, with a warning


def test_a_slide_made_at_0030_in_beijing_is_dated_that_day_on_a_server_in_utc(monkeypatch):
    monkeypatch.delenv("ATLAS_TIMEZONE", raising=False)
    utc_evening = dt.datetime(2026, 11, 29, 16, 30, tzinfo=dt.UTC)  # 00:30 on the 30th in Beijing

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return utc_evening.astimezone(tz) if tz else utc_evening.replace(tzinfo=None)

    monkeypatch.setattr(clock.dt, "datetime", Frozen)
    assert clock.today() == dt.date(2026, 11, 30)
    fig = render.compose(current(), ViewState(lang="en"), "ranking")
    assert any("2026-11-30" in (a.text or "") for a in fig.layout.annotations)
