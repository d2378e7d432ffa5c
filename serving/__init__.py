"""Serving (floor 6): the cache and its one memo, security headers and login, the callback guard,
health, the export queue, the data documentation route. Imports the floors below it; only
``callbacks`` and ``app.py`` sit above.
"""
