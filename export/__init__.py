"""Exports (floor 4): figures composed for slides and reports, rendered by Kaleido; downloads of
exactly the rows a view shows. Imports ``figures``, ``view`` and ``model`` below it.
"""
