"""Callbacks, one module per feature; importing this package registers them with Dash.

The order is the order in which the page sends a state change's requests, so the order in which
their answers usually arrive and are drawn: the map first, the table, then the charts.
"""

from callbacks import map_view, table  # noqa: F401, I001  (first: see above)
from callbacks import charts, export, graph_locale, layers, legend, localize, play, selection, state  # noqa: F401
