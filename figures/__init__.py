"""Figure builders: pure functions of (data, state) returning Plotly figures or Patches."""
