"""Every setting the serving code reads is explained in docs/deploy.md; the doc keeps its sections."""

from __future__ import annotations

import re

import pytest

from tests.serving.conftest import ROOT

DOC = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
FILES = ["gunicorn.conf.py", "serving/cache.py", "serving/flight.py", "serving/health.py"]
FILES += ["export/service.py", "model/clock.py", "model/live.py", "model/changelog.py", "serving/data.py"]
READ = re.compile(r"""(?:environ\.get\(|environ\[|_env_number\(|number\()\s*["']([A-Z_]+)["']""")
VARIABLES = sorted({name for f in FILES for name in READ.findall((ROOT / f).read_text(encoding="utf-8"))})


def test_the_serving_code_reads_settings():
    assert {"REDIS_URL", "WORKERS", "ATLAS_CACHE_TTL", "ATLAS_REDIS_RETRY"} <= set(VARIABLES)


@pytest.mark.parametrize("name", VARIABLES)
def test_setting_is_documented(name):
    assert f"`{name}`" in DOC, f"{name} is read by the serving code but not explained in docs/deploy.md"


def test_deploy_doc_has_its_sections():
    for heading in ("## Reverse proxy (nginx)", "## Environment", "## What grows with users", "## Load test"):
        assert heading in DOC
    assert "## Benchmarks" in DOC and "make loadtest" in DOC
