"""What the atlas needs from its libraries beyond their public API, in one place (floor 0).

Each use is wrapped here with a comment on why the public API does not do; tests/unit/test_compat.py
checks every one against the installed version, so an upgrade that changes one fails there, loudly,
and not in a user's browser.
"""
