"""The view state and its languages (floor 3 of docs/architecture.md): the URL state as two pure
functions, and every text of the page in zh-Hans, en and zh-Hant. Imports the floors below it.
"""
