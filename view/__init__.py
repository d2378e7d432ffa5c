"""The view state and its languages (floor 2): the URL state as two pure functions, and every
text of the page in zh-Hans, en and zh-Hant. Imports ``model`` below it.
"""
