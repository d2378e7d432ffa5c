"""The atlas's clock: dates printed on exports come from one configured time zone.

A server left in UTC would stamp yesterday's date on a slide made in Beijing between 00:00 and
08:00; every machine of a deployment reads the same setting instead: ``ATLAS_TIMEZONE`` (an IANA
zone name, default Asia/Shanghai). An unknown zone name falls back to the default, with a warning.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Shanghai"
log = logging.getLogger(__name__)


def zone() -> ZoneInfo:
    """The configured zone (``ATLAS_TIMEZONE``), else Asia/Shanghai."""
    name = os.environ.get("ATLAS_TIMEZONE") or DEFAULT_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("ATLAS_TIMEZONE=%r is not a time zone; using %s", name, DEFAULT_ZONE)
        return ZoneInfo(DEFAULT_ZONE)


def now() -> dt.datetime:
    """The current time in the configured zone (timezone-aware)."""
    return dt.datetime.now(zone())


def today() -> dt.date:
    """Today's date in the configured zone."""
    return now().date()
