"""Exports (floor 5 of docs/architecture.md): figures composed for slides and reports, rendered by
Kaleido; downloads of exactly the rows a view shows. Imports the floors below it (figures, view,
model, layers).
"""
