/* Hover highlights drawn in the browser alone (no server round trip):
 * - hovering a row of the hub table rings that hub on the map (trace "hover-hub");
 * - hovering a bar, line or dot of a province in a chart outlines it on the map (trace
 *   "hover-outline"), using the province geometry already in the map figure.
 */
(function () {
  "use strict";

  function mapDiv() {
    return document.querySelector("#map .js-plotly-plot");
  }

  function traceIndex(gd, name) {
    return gd.data.findIndex(function (t) { return t.name === name; });
  }

  function setTrace(name, lon, lat) {
    var gd = mapDiv();
    if (!gd || !gd.data || !window.Plotly) { return; }
    var i = traceIndex(gd, name);
    if (i < 0) { return; }
    window.Plotly.restyle(gd, { lon: [lon], lat: [lat] }, [i]);
  }

  function hubPosition(id) {
    var gd = mapDiv();
    if (!gd || !gd.data) { return null; }
    for (var t = 0; t < gd.data.length; t++) {
      var tr = gd.data[t];
      if (tr.type !== "scattergeo" || !Array.isArray(tr.customdata)) { continue; }
      // customdata is [id, hover texts...] per point; a null position is a hub filtered out
      for (var k = 0; k < tr.customdata.length; k++) {
        var c = tr.customdata[k];
        if ((Array.isArray(c) ? c[0] : c) === id && tr.lon[k] != null) { return [tr.lon[k], tr.lat[k]]; }
      }
    }
    return null;
  }

  function provinceOutline(adcode) {
    var gd = mapDiv();
    if (!gd || !gd.data || !gd.data[1] || !gd.data[1].geojson) { return null; }
    var feats = gd.data[1].geojson.features || [];
    var f = feats.find(function (x) { return x.properties && x.properties.adcode === adcode; });
    if (!f) { return null; }
    var lon = [], lat = [];
    var polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    // the five longest outer rings: the outline is a hint, islets add nothing to it
    var rings = polys.map(function (p) { return p[0]; }).sort(function (a, b) { return b.length - a.length; }).slice(0, 5);
    rings.forEach(function (ring) {
      ring.forEach(function (c) { lon.push(c[0]); lat.push(c[1]); });
      lon.push(null); lat.push(null);
    });
    return [lon, lat];
  }

  var lastRow = null;
  document.addEventListener("mouseover", function (ev) {
    var row = ev.target.closest && ev.target.closest("#hub-table .ag-row[row-id]");
    if (!row) { return; }
    var id = row.getAttribute("row-id");
    if (id === lastRow) { return; }
    lastRow = id;
    var pos = hubPosition(id);
    if (pos) { setTrace("hover-hub", [pos[0]], [pos[1]]); }
  });
  document.addEventListener("mouseout", function (ev) {
    var grid = document.getElementById("hub-table");
    if (grid && lastRow && !grid.contains(ev.relatedTarget)) {
      lastRow = null;
      setTrace("hover-hub", [], []);
    }
  });

  function provinceOf(point) {
    var c = point.customdata;
    if (Array.isArray(c)) { c = c[0]; }
    return typeof c === "string" && /^\d{2}0000$/.test(c) ? c : null;
  }

  function attachChartHover() {
    ["chart-ranking", "chart-timeline", "chart-hubs", "chart-scatter"].forEach(function (id) {
      var gd = document.querySelector("#" + id + " .js-plotly-plot");
      if (!gd || gd.__atlasHover || !gd.on) { return; }
      gd.__atlasHover = true;
      gd.on("plotly_hover", function (ev) {
        var adcode = ev.points && ev.points.length ? provinceOf(ev.points[0]) : null;
        var outline = adcode ? provinceOutline(adcode) : null;
        if (outline) { setTrace("hover-outline", outline[0], outline[1]); }
      });
      gd.on("plotly_unhover", function () { setTrace("hover-outline", [], []); });
    });
  }
  setInterval(attachChartHover, 800);
})();
