"""Serving (floor 7 of docs/architecture.md): the cache and the callbacks' memo, security headers
and login, the callback guard, health, the export queue, the data documentation route. Imports
the floors below it; only ``callbacks``, ``atlas`` (the command line) and ``app.py`` sit above.
"""
