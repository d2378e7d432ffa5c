"""The data model (floor 1): paths, table schemas, the loader and its checks, the queries,
the lookup tables and the prepared data version that every builder is given.

Imports only the standard library, the data libraries and ``layers``.
"""
