"""Callbacks, one module per feature; importing this package registers them with Dash."""

from callbacks import charts, export, localize, map, play, selection, state, table  # noqa: F401
