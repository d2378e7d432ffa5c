/* The map's extent widened to fill its frame, in the browser: the computation of
 * figures/map/extent.py (which says why), for the page's frame as it is, and is resized.
 *
 * window.atlasExtent.fill(parallels, lon, lat, rotation, width, height) gives the box, symmetric
 * about the projection's rotation, whose projection has the frame's shape at the scale the extent
 * lon × lat (degrees) itself fits the frame with; .ranges(fit, at) its lonaxis and lataxis ranges
 * with the projection turned to ``at``; .rangesFor(gd, lon) the relayout that fills the frame of
 * the drawn map gd with the home extent its figure names. tests/browser/test_map.py checks that the page's ranges are
 * the server's for the same frame, and that the map then covers its frame.
 */
(function () {
  "use strict";

  var CLIP_PAD = 0.001; // degrees: plotly.js's range box lies this far inside the ranges
  var ARC_STEPS = 24; // points along each great-circle arc of the range box's long sides
  var MAX_LAT = 89; // degrees: a widened latitude range stops short of the poles
  var RAD = Math.PI / 180;

  // d3's conic equal-area projection on the unit sphere (d3-geo conicEqualAreaRaw)
  function cone(parallels) {
    var s0 = Math.sin(parallels[0] * RAD), n = (s0 + Math.sin(parallels[1] * RAD)) / 2;
    var c = 1 + s0 * (2 * n - s0);
    return { n: n, c: c, r0: Math.sqrt(c) / n };
  }

  function rho(k, lat) { return Math.sqrt(k.c - 2 * k.n * Math.sin(lat * RAD)) / k.n; }

  function unit(lon, lat) {
    var a = lon * RAD, b = lat * RAD;
    return [Math.cos(b) * Math.cos(a), Math.cos(b) * Math.sin(a), Math.sin(b)];
  }

  // (west, south, east, north) of the projection of Plotly's range box (y to the north): its
  // east and west sides are meridians (straight: their ends bound them), its north and south
  // sides four great-circle arcs each, between points a quarter of the longitudes apart.
  function boxBounds(k, lon, lat, rotation) {
    var x0 = lon[0] + CLIP_PAD, x1 = lon[1] - CLIP_PAD, step = (x1 - x0) / 4;
    var b = [Infinity, Infinity, -Infinity, -Infinity];
    [lat[0] + CLIP_PAD, lat[1] - CLIP_PAD].forEach(function (y) {
      for (var i = 0; i < 4; i++) {
        var u = unit(x0 + i * step, y), v = unit(x0 + (i + 1) * step, y);
        var omega = Math.acos(Math.max(-1, Math.min(1, u[0] * v[0] + u[1] * v[1] + u[2] * v[2])));
        for (var s = 0; s <= ARC_STEPS; s++) {
          var t = s / ARC_STEPS, f = Math.sin((1 - t) * omega) / Math.sin(omega), g = Math.sin(t * omega) / Math.sin(omega);
          var p = [f * u[0] + g * v[0], f * u[1] + g * v[1], f * u[2] + g * v[2]];
          var plon = Math.atan2(p[1], p[0]) / RAD, plat = Math.asin(Math.max(-1, Math.min(1, p[2]))) / RAD;
          var lam = ((((plon - rotation + 180) % 360) + 360) % 360 - 180) * RAD, r = rho(k, plat); // as d3 turns it
          var x = r * Math.sin(k.n * lam), yy = k.r0 - r * Math.cos(k.n * lam);
          b = [Math.min(b[0], x), Math.min(b[1], yy), Math.max(b[2], x), Math.max(b[3], yy)];
        }
      }
    });
    return b;
  }

  function bisect(f, lo, hi, target) {
    if (f(lo) >= target) { return lo; }
    if (f(hi) <= target) { return hi; }
    for (var i = 0; i < 60; i++) {
      var mid = (lo + hi) / 2;
      if (f(mid) < target) { lo = mid; } else { hi = mid; }
    }
    return (lo + hi) / 2;
  }

  // A latitude range 2a wide about ``mid``, moved off a pole it would pass.
  function latSpan(mid, a) {
    var south = Math.max(-MAX_LAT, Math.min(MAX_LAT, mid + a) - 2 * a);
    return [south, Math.min(MAX_LAT, south + 2 * a)];
  }

  // {lon: [west, east] of the rotation, lat: [south, north]} (extent.fill)
  function fill(parallels, lon, lat, rotation, width, height) {
    var k = cone(parallels), b = boxBounds(k, lon, lat, rotation), bw = b[2] - b[0], bh = b[3] - b[1];
    var scale = Math.min(width / bw, height / bh); // the extent's own fit, kept
    var wantW = width / scale, wantH = height / scale, mid = (lat[0] + lat[1]) / 2;
    function halfLon(a) { // the southern corners are the box's widest points (its arcs bow to the pole)
      var r = rho(k, latSpan(mid, a)[0] + CLIP_PAD);
      return Math.asin(Math.min(1, wantW / (2 * r))) / RAD / k.n + CLIP_PAD;
    }
    function size(a) {
      var h = halfLon(a), bb = boxBounds(k, [-h, h], latSpan(mid, a), 0);
      return [bb[2] - bb[0], bb[3] - bb[1]];
    }
    var a = bisect(function (x) { return size(x)[1]; }, 0.01, MAX_LAT, wantH), got = size(a);
    if (got[0] > wantW * (1 + 1e-6) || got[1] > wantH * (1 + 1e-6)) { // it would make the map smaller
      return { lon: [lon[0] - rotation, lon[1] - rotation], lat: [lat[0], lat[1]] };
    }
    return { lon: [-halfLon(a), halfLon(a)], lat: latSpan(mid, a) };
  }

  function ranges(fit, at) {
    return { lon: [at + fit.lon[0], at + fit.lon[1]], lat: fit.lat.slice() };
  }

  // The home view a figure names (figures/map/extent.home): {lon, lat, center}, degrees.
  function homeOf(gd) {
    var meta = gd && gd.layout && gd.layout.meta;
    return meta && meta.home && Array.isArray(meta.home.center) ? meta.home : null;
  }

  // The drawn map's geo layout: gd.layout, which Plotly.react sets and every relayout (the page's
  // and the user's pans and zooms alike) updates, so no private _fullLayout is read. Null before
  // Plotly has drawn the map (it marks its div js-plotly-plot, as its own relayout checks).
  function geoOf(gd) {
    var plotted = gd && gd.classList && gd.classList.contains("js-plotly-plot");
    return plotted && gd.layout && gd.layout.geo ? gd.layout.geo : null;
  }

  // A drawn map's frame in px: its div (the figure is autosized to it: Plotly reads the same
  // computed style) less the figure's margins, times the geo subplot's domain.
  function frameOf(gd) {
    var style = window.getComputedStyle(gd), m = gd.layout.margin || {}, d = geoOf(gd).domain || {};
    var dx = d.x || [0, 1], dy = d.y || [0, 1];
    var w = parseFloat(style.width) - (m.l || 0) - (m.r || 0), h = parseFloat(style.height) - (m.t || 0) - (m.b || 0);
    return [w * (dx[1] - dx[0]), h * (dy[1] - dy[0])];
  }

  var fitted = null; // {key, fit}: the last home extent's fill of a frame
  // The relayout of the ranges that fill the frame of the map ``gd`` with its home extent, the
  // projection turned to ``lon`` ({} before the map is drawn, or without a home view).
  function rangesFor(gd, lon) {
    var home = homeOf(gd), geo = geoOf(gd);
    if (!home || !geo || !geo.projection || !geo.projection.parallels) { return {}; }
    var frame = frameOf(gd), parallels = geo.projection.parallels;
    if (!(frame[0] > 0 && frame[1] > 0)) { return {}; } // a hidden map (a closed tab) has no frame
    var key = JSON.stringify([home, frame, parallels]);
    if (!fitted || fitted.key !== key) {
      fitted = { key: key, fit: fill(parallels, home.lon, home.lat, home.center[0], frame[0], frame[1]) };
    }
    var r = ranges(fitted.fit, lon);
    return { "geo.lonaxis.range": r.lon, "geo.lataxis.range": r.lat };
  }

  window.atlasExtent = { fill: fill, ranges: ranges, homeOf: homeOf, geoOf: geoOf, frameOf: frameOf, rangesFor: rangesFor };
})();
