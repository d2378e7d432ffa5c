/* The map page's behaviour in the browser alone (no server round trip):
 * - a press on the map that moves is a pan: its click is not a choice (window.atlasMap.dragged);
 * - a double click resets the view, and neither of its clicks is a choice (atlasMap.unlessDoubled);
 * - the page's zoom buttons, the keyboard on the map (arrows pan, + and - zoom, 0 resets) and a
 *   view from the URL (window.atlasMap.showView) all go through Plotly.relayout, so that every
 *   view, from any control, comes back as a relayout event and into the URL;
 * - the map fills its frame: after every draw, resize and pan its lon/lat ranges are those of the
 *   home extent (layout.meta.home, figures/map/extent.py) widened to the frame's shape, about the
 *   projection's rotation (assets/atlas-extent.js); the home view (the ⌂, the key 0, a double
 *   click) is that extent's;
 * - the panel button shows and hides the panel (a drawer on narrow screens);
 * - charts step through their provinces with the arrow keys, Enter picks one (ids.CHART_PICK);
 * - hovering a row of the hub table rings that hub on the map (trace "hover-hub"); hovering a
 *   bar, line or dot of a province in a chart outlines it on the map (trace "hover-outline").
 */
(function () {
  "use strict";

  var DRAG_PX = 5; // a press that moves further than this is a pan, not a click

  function mapDiv() {
    return document.querySelector("#map .js-plotly-plot");
  }

  // ---- clicks that are not drags -------------------------------------------------------------
  var press = null, moved = 0, lastTouch = 0;
  var presses = []; // when the last few presses on the map began (ms)
  document.addEventListener("pointerdown", function (ev) {
    if (!ev.target.closest || !ev.target.closest("#map")) { return; }
    press = [ev.clientX, ev.clientY];
    moved = 0;
    lastTouch = Date.now();
    presses = presses.slice(-3).concat([lastTouch]);
  }, true);

  // A double click resets the view (Plotly's geo does it, whatever the config says), and neither
  // of its clicks is a choice: a click is passed on only once the time for a second press has
  // gone by without one.
  var DOUBLE_MS = 300;
  function unlessDoubled(value, nothing) {
    var at = Date.now();
    return new Promise(function (resolve) {
      setTimeout(function () {
        // the click's own press is the last before it (the page may have answered late); another
        // press that close to it, before or since, makes it one of a double click
        var before = presses.filter(function (t) { return t <= at; });
        var own = before.length ? before[before.length - 1] : at;
        var near = presses.filter(function (t) { return t !== own && Math.abs(t - own) < DOUBLE_MS; });
        resolve(near.length ? nothing : value);
      }, DOUBLE_MS);
    });
  }
  document.addEventListener("pointermove", function (ev) {
    if (!press) { return; }
    moved = Math.max(moved, Math.hypot(ev.clientX - press[0], ev.clientY - press[1]));
  }, true);
  document.addEventListener("pointerup", function () { press = null; lastTouch = Date.now(); }, true);
  document.addEventListener("wheel", function (ev) {
    if (ev.target.closest && ev.target.closest("#map")) { lastTouch = Date.now(); }
  }, true);

  // ---- views ---------------------------------------------------------------------------------
  function relayout(update) {
    var gd = mapDiv();
    if (!window.Plotly || !geoOf(gd)) { return false; }
    window.Plotly.relayout(gd, update);
    return true;
  }

  function currentView() {
    var geo = geoOf(mapDiv());
    if (!geo || !geo.center) { return null; }
    // a layout without a scale has Plotly's default, 1
    return [geo.center.lon, geo.center.lat, (geo.projection && geo.projection.scale) || 1];
  }

  function homeOf(gd) { return window.atlasExtent ? window.atlasExtent.homeOf(gd) : null; }
  function geoOf(gd) { return window.atlasExtent ? window.atlasExtent.geoOf(gd) : null; }

  // The axes' ranges that fill the map's frame with the projection turned to ``lon``.
  function rangesAt(lon) { return window.atlasExtent ? window.atlasExtent.rangesFor(mapDiv(), lon) : {}; }

  function viewUpdate(view) {
    var home = homeOf(mapDiv());
    if (!view) {
      if (!home) { return { "geo.center.lon": null, "geo.center.lat": null, "geo.projection.scale": 1 }; }
      view = [home.center[0], home.center[1], 1];
    }
    return Object.assign({ "geo.center.lon": view[0], "geo.center.lat": view[1], "geo.projection.rotation.lon": view[0],
                           "geo.projection.scale": view[2] }, rangesAt(view[0]));
  }

  // After a draw, a resize or a pan (which turns the projection): the ranges that fill the frame
  // now, set when the map has others (a new region's extent, another frame, a turned projection).
  // A new figure (Plotly.react: Dash's Graph passes a new layout object each time) names the
  // ranges of its extent again, so the guard against asking twice is per layout object: keyed on
  // the ranges alone it refused the refit a later figure needed, and a map drawn while another
  // callback's figure was on its way kept its blank bands (a race seen only under load).
  var refitAsked = false, lastRefit = null; // {layout, key} of the last relayout asked
  function refit() {
    refitAsked = false;
    var gd = mapDiv(), geo = geoOf(gd);
    if (!geo || !geo.lonaxis || !geo.lataxis) { return; }
    var want = rangesAt(geo.projection.rotation.lon);
    if (!want["geo.lonaxis.range"]) { return; }
    var now = [geo.lonaxis.range, geo.lataxis.range], wanted = [want["geo.lonaxis.range"], want["geo.lataxis.range"]];
    var same = now.every(function (r, i) {
      return Math.abs(r[0] - wanted[i][0]) < 1e-6 && Math.abs(r[1] - wanted[i][1]) < 1e-6;
    });
    var key = JSON.stringify([now, wanted]);
    if (same || (lastRefit && lastRefit.layout === gd.layout && lastRefit.key === key)) {
      return; // (the same change asked twice of one layout did not take: no loop)
    }
    lastRefit = { layout: gd.layout, key: key };
    relayout(want);
  }
  function askRefit() {
    if (!refitAsked) { refitAsked = true; window.setTimeout(refit, 0); }
  }

  // A view the user asked for with the page's buttons or keys counts as touching the map: a state
  // still on its way from before must not move it back (see showView).
  function userRelayout(update) {
    lastTouch = Date.now();
    relayout(update);
  }

  function zoomBy(factor) {
    var v = currentView();
    if (v) { userRelayout(viewUpdate([v[0], v[1], Math.min(50, Math.max(0.5, v[2] * factor))])); }
  }

  function panBy(dx, dy) {
    var v = currentView();
    if (!v) { return; }
    var step = 6 / v[2]; // degrees: a sixth of the west at the whole extent
    userRelayout(viewUpdate([v[0] + dx * step, Math.max(-80, Math.min(80, v[1] + dy * step)), v[2]]));
  }

  function goHome() {
    userRelayout(viewUpdate(null)); // the home view's relayout event: the view goes out of the URL
  }

  var pendingView; // a view asked for before the map was drawn
  var knownView = null; // the view of the last state seen
  function showView(view) {
    var before = knownView;
    knownView = view;
    // never move a map the user is moving (a state may arrive just after a pan of theirs)
    if (Date.now() - lastTouch < 1200) { return; }
    var v = currentView();
    if (!v) { pendingView = view; return; }
    pendingView = undefined;
    if (!view) {
      if (before) { relayout(viewUpdate(null)); } // back to a link without a view of its own
      return;
    }
    var near = Math.abs(v[0] - view[0]) < 0.01 && Math.abs(v[1] - view[1]) < 0.01 && Math.abs(v[2] - view[2]) < 0.01;
    if (!near) { relayout(viewUpdate(view)); }
  }

  // The home view: scale 1, centred where the figure's home view is.
  function isHome(v) {
    var home = homeOf(mapDiv());
    if (!home) { return false; }
    return Math.abs(v[2] - 1) < 1e-3 && Math.abs(v[0] - home.center[0]) < 0.01 && Math.abs(v[1] - home.center[1]) < 0.01;
  }

  // The view a relayout event leaves the map in, for the URL: [lon, lat, scale] rounded as the URL
  // writes them, null for the home view, undefined when the event is not a change of view.
  function viewOf(relayout) {
    if (!relayout || typeof relayout !== "object") { return undefined; }
    var keys = Object.keys(relayout).filter(function (k) { return k.indexOf("geo.") === 0; });
    if (!keys.length) { return undefined; } // autosize, the inset (geo2) and other layout events
    if (relayout["geo.center.lon"] === null) { return null; } // back to the whole extent
    var v = currentView();
    if (!v || v.some(function (x) { return typeof x !== "number" || !isFinite(x); })) { return undefined; }
    if (isHome(v)) { return null; } // a double click's reset names the home view's centre
    return [Math.round(v[0] * 1000) / 1000, Math.round(v[1] * 1000) / 1000, Math.round(v[2] * 1000) / 1000];
  }

  window.atlasMap = {
    viewOf: viewOf,
    dragged: function () { return moved > DRAG_PX; },
    unlessDoubled: unlessDoubled,
    showView: showView,
    zoomBy: zoomBy,
    home: goHome,
  };

  document.addEventListener("click", function (ev) {
    var zoom = ev.target.closest && ev.target.closest("button.zoom");
    if (zoom) {
      if (zoom.id === "zoom-in") { zoomBy(1.5); }
      if (zoom.id === "zoom-out") { zoomBy(1 / 1.5); }
      if (zoom.id === "zoom-home") { goHome(); }
      return;
    }
    var toggle = ev.target.closest && ev.target.closest("#panel-toggle");
    if (toggle) { togglePanel(toggle); }
  });

  // ---- the panel -----------------------------------------------------------------------------
  function panelShown() {
    var side = document.getElementById("sidebar");
    return !!side && window.getComputedStyle(side).display !== "none";
  }

  function togglePanel(button) {
    var ws = document.getElementById("workspace");
    if (!ws) { return; }
    var show = !panelShown();
    ws.classList.toggle("panel-open", show);
    ws.classList.toggle("panel-closed", !show);
    button.setAttribute("aria-expanded", String(show));
    if (show) {
      var first = document.querySelector("#sidebar summary");
      if (first) { first.focus(); }
    }
    window.setTimeout(function () { window.dispatchEvent(new Event("resize")); }, 50); // the map refits
  }

  function syncToggle() {
    var button = document.getElementById("panel-toggle");
    if (button) { button.setAttribute("aria-expanded", String(panelShown())); }
  }
  window.addEventListener("resize", syncToggle);

  // ---- keyboard ------------------------------------------------------------------------------
  document.addEventListener("keydown", function (ev) {
    var frame = ev.target.closest && ev.target.closest("#map-frame");
    if (frame && ev.target === frame) {
      var keys = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
      if (keys[ev.key]) { panBy(keys[ev.key][0], keys[ev.key][1]); ev.preventDefault(); return; }
      if (ev.key === "+" || ev.key === "=") { zoomBy(1.5); ev.preventDefault(); return; }
      if (ev.key === "-" || ev.key === "_") { zoomBy(1 / 1.5); ev.preventDefault(); return; }
      if (ev.key === "0" || ev.key === "Home") { goHome(); ev.preventDefault(); return; }
    }
    var chart = ev.target.closest && ev.target.closest(".chart[role=figure]");
    if (chart && ev.target === chart) { chartKey(chart, ev); }
    if (ev.key === "Escape") {
      var ws = document.getElementById("workspace");
      if (ws && ws.classList.contains("panel-open") && window.matchMedia("(max-width: 1199px)").matches) {
        togglePanel(document.getElementById("panel-toggle"));
      }
    }
  });

  // Charts: the arrow keys step through the marks that name a province, Enter picks it.
  function provinceOf(point) {
    var c = point && point.customdata;
    if (Array.isArray(c)) { c = c[0]; }
    return typeof c === "string" && /^\d{2}0000$/.test(c) ? c : null;
  }

  function marks(gd) {
    var out = [];
    (gd.data || []).forEach(function (trace, curve) {
      if (trace.visible === false || trace.visible === "legendonly" || !Array.isArray(trace.customdata)) { return; }
      trace.customdata.forEach(function (c, i) {
        if (provinceOf({ customdata: c })) { out.push({ curveNumber: curve, pointNumber: i, adcode: provinceOf({ customdata: c }) }); }
      });
    });
    return out;
  }

  function chartKey(frame, ev) {
    var gd = frame.querySelector(".js-plotly-plot");
    if (!gd || !gd.data || !window.Plotly) { return; }
    var list = marks(gd);
    if (!list.length) { return; }
    var step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[ev.key];
    if (step) {
      var at = typeof frame.__atlasAt === "number" ? frame.__atlasAt + step : 0;
      frame.__atlasAt = (at + list.length) % list.length;
      var m = list[frame.__atlasAt];
      window.Plotly.Fx.hover(gd, [{ curveNumber: m.curveNumber, pointNumber: m.pointNumber }]);
      outlineProvince(m.adcode);
      ev.preventDefault();
    } else if (ev.key === "Enter" || ev.key === " ") {
      if (typeof frame.__atlasAt !== "number") { return; }
      var picked = list[frame.__atlasAt];
      window.dash_clientside.set_props("chart-pick", { data: { points: [{ customdata: picked.adcode }], t: Date.now() } });
      ev.preventDefault();
    }
  }

  document.addEventListener("focusout", function (ev) {
    var frame = ev.target.closest && ev.target.closest(".chart[role=figure]");
    if (frame && ev.target === frame) {
      var gd = frame.querySelector(".js-plotly-plot");
      if (gd && window.Plotly) { window.Plotly.Fx.unhover(gd); }
      outlineProvince(null);
    }
  });

  // ---- hover highlights ------------------------------------------------------------------------
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
    if (!gd || !gd.data) { return null; }
    var i = traceIndex(gd, "provinces");
    if (i < 0 || !gd.data[i].geojson) { return null; }
    var feats = gd.data[i].geojson.features || [];
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

  function outlineProvince(adcode) {
    var outline = adcode ? provinceOutline(adcode) : null;
    setTrace("hover-outline", outline ? outline[0] : [], outline ? outline[1] : []);
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

  var clearing = false, clearAfterPlot = false, selections = 0;
  // a point of a hub layer's trace (only those have a legendgroup) that names a hub (a cluster of
  // hubs names none): what a box or lasso chooses (components/controls.apply_map_selection)
  function isHubPoint(p) {
    return !!(p && p.data && p.data.legendgroup && Array.isArray(p.customdata) && p.customdata[0]);
  }
  function clearSelection(gd) {
    clearing = true;
    window.Plotly.update(gd, { selectedpoints: [null] }, { selections: [] }).then(
      function () { clearing = false; }, function () { clearing = false; });
  }

  function attach() {
    // the charts whose marks are provinces (figures/charts: province_marks)
    document.querySelectorAll(".chart[data-province-marks] .js-plotly-plot").forEach(function (gd) {
      if (gd.__atlasHover || !gd.on) { return; }
      gd.__atlasHover = true;
      gd.on("plotly_hover", function (ev) {
        outlineProvince(ev.points && ev.points.length ? provinceOf(ev.points[0]) : null);
      });
      gd.on("plotly_unhover", function () { outlineProvince(null); });
    });
    var map = mapDiv();
    if (map && !map.__atlasView && map.on) {
      map.__atlasView = true;
      map.on("plotly_afterplot", function () {
        if (pendingView !== undefined) { var view = pendingView; knownView = null; showView(view); }
        askRefit();
      });
      map.on("plotly_relayout", askRefit); // a drag turns the projection without drawing anew
      // The handlers are attached up to 0.8 s after the map appears: on a loaded machine its first
      // draws are over by then, and no later one may come to ask for the refit.
      askRefit();
      // Plotly's double click goes back to the view the map was first drawn with, which another
      // region has since replaced: the home view is the figure's.
      map.on("plotly_doubleclick", function () {
        var v = currentView();
        if (v && !isHome(v)) { goHome(); }
      });
      // A box or lasso leaves Plotly's own fading of what it did not pick, and its outline, on the
      // map across later Patches. Once the choice is in the state (its Patch has been drawn: the
      // state draws the chosen hubs and fades the others itself), both go. A choice the server
      // turns down changes no state (a box round no hub: it says so; the hubs it holds already;
      // too many for a link): they go once it has answered. Clearing emits an empty selection,
      // which the server ignores (components/controls.apply_map_selection); cleared sooner, the
      // request carrying the choice would be superseded and its answer dropped.
      map.on("plotly_selected", function (ev) {
        if (clearing) { return; }
        if (!ev || !ev.points || !ev.points.length) { clearSelection(map); return; }
        var hubs = ev.points.some(isHubPoint), seq = ++selections;
        clearAfterPlot = hubs;
        setTimeout(function () {
          if (seq === selections && (clearAfterPlot || !hubs)) { clearAfterPlot = false; clearSelection(map); }
        }, hubs ? 2000 : 600);
      });
      map.on("plotly_afterplot", function () {
        if (clearAfterPlot) { clearAfterPlot = false; clearSelection(map); }
      });
      map.on("plotly_afterplot", function () { declutter(map); });
      map.on("plotly_relayout", function () { requestAnimationFrame(function () { declutter(map); }); });
      declutter(map);
    }
    syncToggle();
    noteLeftOut(map);
  }
  // The partnership destinations' names are placed by the server at a laptop's scale
  // (figures/map/labels.py); on a smaller map (a phone's) they can meet. One that would cover a
  // name drawn before it (the provinces' and the area records' first) is hidden until the next
  // draw: no name is written over another at any size. Its line still leads there.
  var FIXED_NAMES = { "province-labels": true, "area-labels": true }, PARTNER_NAMES = "partner-labels";
  function declutter(gd) {
    var kept = [], partners = [];
    gd.querySelectorAll(".geo .trace.scattergeo").forEach(function (g) {
      var d = g.__data__, name = d && d[0] && d[0].trace && d[0].trace.name;
      if (!FIXED_NAMES[name] && name !== PARTNER_NAMES) { return; }
      g.querySelectorAll("text").forEach(function (t) {
        if (name === PARTNER_NAMES) { t.style.visibility = ""; partners.push(t); return; }
        var r = t.getBoundingClientRect();
        if (r.width && t.textContent) { kept.push(r); }
      });
    });
    partners.forEach(function (t) {
      var r = t.getBoundingClientRect();
      if (!r.width) { return; }
      var hit = kept.some(function (k) {
        return r.left < k.right - 1 && k.left < r.right - 1 && r.top < k.bottom - 1 && k.top < r.bottom - 1;
      });
      if (hit) { t.style.visibility = "hidden"; } else { kept.push(r); }
    });
    noteLeftOut(gd);
  }
  // The legend says so while a line's destination is unnamed (left out by the server, or hidden
  // here); also from attach(): a legend sent anew comes with its note hidden.
  function noteLeftOut(gd) {
    var note = document.querySelector(".map-legend .legend-partners");
    var trace = gd && (gd.data || []).find(function (d) { return d.name === PARTNER_NAMES; });
    if (!note || !trace) { return; }
    var shown = 0;
    gd.querySelectorAll(".geo .trace.scattergeo").forEach(function (g) {
      var d = g.__data__;
      if (!(d && d[0] && d[0].trace && d[0].trace.name === PARTNER_NAMES)) { return; }
      g.querySelectorAll("text").forEach(function (t) {
        if (t.textContent && t.style.visibility !== "hidden") { shown += 1; }
      });
    });
    note.hidden = !(trace.meta && trace.meta.length > shown);
  }
  setInterval(attach, 800);
})();
