"""The data model (floor 2 of docs/architecture.md): paths, table schemas, the loader and its checks,
the queries, the lookup tables and the prepared data version that every builder is given.

Imports only the standard library, the data libraries, ``layers`` and ``compat`` below it.
"""
