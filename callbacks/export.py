"""Figure export (a background job, polled) and data downloads (small: made in the request)."""

from __future__ import annotations

import datetime
import time
from dataclasses import asdict

from dash import Input, Output, State, callback, ctx, dcc, no_update

from callbacks.state import read_state
from components import ids
from export import downloads
from export.render import FORMATS, PRESETS, ExportError, custom_preset, export, preset_from_dict, whats
from model.prepared import current
from serving import jobs
from serving.cache import cache
from view.i18n import normalize_lang, t


def custom_size(width: object, height: object):
    """A custom preset from the two number inputs; anything unreadable becomes 1600 × 900."""
    try:
        return custom_preset(int(float(width)), int(float(height)))
    except (TypeError, ValueError, OverflowError):
        return custom_preset(1600, 900)


EXPORT_TTL = 3600  # seconds an exported file stays in the shared cache


def export_job(state: dict, what: str, fmt: str, preset: dict) -> tuple[str, bytes]:
    """The export from plain arguments, the same ones a Celery worker gets (serving/tasks.py).

    The same export asked again the same day (the date is printed on it) comes from the shared
    cache instead of a new render.
    """
    view = read_state(state)
    size = preset_from_dict(preset)
    key = [view.to_dict(), what, fmt, asdict(size), datetime.date.today().isoformat()]
    return cache.memo("export", key, lambda: export(current(), view, what, fmt, size), ttl=EXPORT_TTL)


@callback(
    Output(ids.EXPORT_JOB, "data"),
    Output(ids.EXPORT_POLL, "disabled"),
    Output(ids.EXPORT_STATUS, "children"),
    Input(ids.EXPORT_BUTTON, "n_clicks"),
    State(ids.STATE, "data"),
    State(ids.EXPORT_WHAT, "value"),
    State(ids.EXPORT_FORMAT, "value"),
    State(ids.EXPORT_PRESET, "value"),
    State(ids.EXPORT_WIDTH, "value"),
    State(ids.EXPORT_HEIGHT, "value"),
    prevent_initial_call=True,
)
def start_export(_n, state_data, what, fmt, preset, width=None, height=None):
    """Queue the export and return at once: the page polls for the file (no blocked request)."""
    state = read_state(state_data)
    what = what if isinstance(what, str) and what in whats() else "map"
    fmt = fmt if isinstance(fmt, str) and fmt in FORMATS else "png"
    preset = preset if isinstance(preset, str) else ""
    preset = custom_size(width, height) if preset == "custom" else PRESETS.get(preset, PRESETS["slide-16x9"])
    job = jobs.submit(export_job, state.to_dict(), what, fmt, asdict(preset), errors=(ExportError,), task=jobs.EXPORT)
    return job, False, t("exporting", state.lang)


@callback(
    Output(ids.EXPORT_DOWNLOAD, "data"),
    Output(ids.EXPORT_POLL, "disabled", allow_duplicate=True),
    Output(ids.EXPORT_STATUS, "children", allow_duplicate=True),
    Input(ids.EXPORT_POLL, "n_intervals"),
    State(ids.EXPORT_JOB, "data"),
    State(ids.LANG, "value"),
    prevent_initial_call=True,
)
def poll_export(_n, job, lang):
    lang = normalize_lang(lang)
    info = jobs.status(job)
    if info is None:
        return no_update, True, ""
    if info["status"] == "running":
        return no_update, False, f"{t('exporting', lang)} {time.time() - info['started']:.0f} s"
    if info["status"] == "failed":
        return no_update, True, f"{t('export_failed', lang)}: {info['error']}"
    done = jobs.result(job)
    if done is None:
        return no_update, True, ""
    name, content = done
    return dcc.send_bytes(content, name), True, f"{t('exported', lang)}: {name}"


@callback(
    Output(ids.DATA_DOWNLOAD, "data"),
    *[Input(b, "n_clicks") for b in ids.DATA_BUTTONS],
    State(ids.STATE, "data"),
    prevent_initial_call=True,
)
def download_data(*args):
    state = read_state(args[-1])
    if ctx.triggered_id not in ids.DATA_BUTTONS:
        return no_update
    _, kind, fmt = ctx.triggered_id.split("-")
    maker = downloads.hubs_download if kind == "hubs" else downloads.indicator_download
    name, content = maker(current(), state, fmt)
    return dcc.send_bytes(content, name)
