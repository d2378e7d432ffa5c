"""Callbacks, one module per feature; importing this package registers them (none yet)."""
