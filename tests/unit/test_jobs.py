"""Background jobs: status and result are files, so any worker can answer; failures are messages."""

from __future__ import annotations

import time

import pytest

from serving import jobs


@pytest.fixture(autouse=True)
def job_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_JOB_DIR", str(tmp_path))
    return tmp_path


def _wait(job, timeout=10):
    end = time.time() + timeout
    while time.time() < end:
        info = jobs.status(job)
        if info and info["status"] != "running":
            return info
        time.sleep(0.02)
    raise AssertionError("job did not finish")


def test_a_job_runs_in_the_background_and_its_result_is_read_once():
    job = jobs.submit(lambda: (time.sleep(0.2), ("a.png", b"data"))[1])
    assert jobs.status(job)["status"] == "running"
    assert _wait(job)["status"] == "done"
    assert jobs.result(job) == ("a.png", b"data")
    assert jobs.result(job) is None and jobs.status(job) is None


class Boom(RuntimeError):
    pass


def test_an_expected_failure_is_reported_with_its_message():
    def fail():
        raise Boom("no Chromium found for export")

    info = _wait(jobs.submit(fail, errors=(Boom,)))
    assert info == {"status": "failed", "error": "no Chromium found for export", "started": info["started"]}


def test_an_unexpected_failure_reports_no_internals():
    def fail():
        raise KeyError("secret internals")

    info = _wait(jobs.submit(fail))
    assert info["status"] == "failed" and "secret" not in info["error"]


@pytest.mark.parametrize("bad", [None, "", "../../etc/passwd", "a" * 32, "0" * 31, 42, ["x"]])
def test_malformed_or_unknown_ids_are_unknown(bad):
    assert jobs.status(bad) is None


def test_old_files_are_cleaned(job_folder):
    stale = job_folder / ("0" * 32 + ".bin")
    stale.write_bytes(b"x")
    jobs.cleanup(max_age=-1)
    assert not stale.exists()
