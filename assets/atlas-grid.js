/* The hub table: AG Grid (assets/ag-grid-atlas.min.js, scripts/build_aggrid.py) as a Dash component
 * (components/grid.py describes its props). No JSX: plain React.createElement on Dash's React.
 *
 * The server sends the rows once per page; afterwards only which rows pass the atlas's filters (a
 * bitset, applied as AG Grid's external filter), so a filter change never resends rows. The
 * columns and AG Grid's own words follow the language switch in the browser: a change of either
 * rebuilds the grid from its saved state (sort, ticks, column order, scroll, and the widths the user
 * set by hand), since AG Grid builds its menus once, in the language of the moment.
 *
 * Keyboard: the grid is one stop in the page's Tab order: Tab lands on its header (or, coming back
 * with Shift+Tab, on a row) and the next Tab leaves it; arrow keys move between the header and the
 * rows, Space ticks a row, Enter opens its hub card. Text sorts as the page's language does
 * (Intl.Collator: pinyin for Simplified Chinese, strokes for Traditional), coded columns by label.
 *
 * Widths: no column is narrower than its header (wrapped between words, never inside one, with room
 * for the filter button and the sort arrow), nor, for a column that asks (fitLabels: a short
 * vocabulary such as the provinces), than its longest label; both measured in the font the grid
 * shows them in, at each build (a language change measures the new words). The columns then share
 * the table's width (fitGridWidth) in proportion to their least width times their "flex" weight.
 * (AG Grid's own flex columns are not used: where the table started below the fold of a short
 * window, e.g. 683x384, AG Grid kept their headers hidden, waiting for a width.) A cell or header
 * whose text is still cut shows it whole on hover.
 */
(function () {
  "use strict";

  var apis = {}; // component id -> AG Grid api, for the page's scripts and the browser tests
  var theme = null;
  // what the user did, reported to the server; the ticks the server sets come back as "api"
  var USER_SOURCES = {
    checkboxSelected: true, rowClicked: true, spaceKey: true, keyboardSelectAll: true,
    uiSelectAll: true, uiSelectAllFiltered: true, uiSelectAllCurrentPage: true,
  };

  // The page's language -> the collation its readers expect (Chinese: pinyin or strokes, not code points).
  var COLLATIONS = { "zh-Hans": "zh-Hans-CN-u-co-pinyin", "zh-Hant": "zh-Hant-TW-u-co-stroke", en: "en" };
  var collators = {};

  function collator(lang) {
    var locale = COLLATIONS[lang] || COLLATIONS["zh-Hans"];
    if (!collators[locale]) { collators[locale] = new Intl.Collator(locale, { numeric: true }); }
    return collators[locale];
  }

  // The theme's metrics (AG Grid Quartz with THEME_PARAMS): 12 px padding either side of a cell or
  // header, 16 px icons; the sort arrow has 8 px before it. Fonts: Quartz's header is 500 14 px.
  var THEME_PARAMS = { fontFamily: "inherit", cellHorizontalPaddingScale: 0.75 };
  var PAD = 12, ICON = 16, SORT = ICON + 8, HEADER_FONT = "500 14px ", CELL_FONT = "14px ";
  var ruler = null;

  function textWidth(text, font) {
    ruler = ruler || document.createElement("canvas").getContext("2d");
    ruler.font = font;
    return Math.ceil(ruler.measureText(text).width);
  }

  // The least width (px) of a column ``def`` in the font ``family``.
  function minWidth(def, family) {
    var words = String(def.headerName || "").split(/\s+/), need = 0;
    words.forEach(function (w) { need = Math.max(need, textWidth(w, HEADER_FONT + family)); });
    need += 2 * PAD + ICON + SORT;
    if (def.fitLabels && def.labels) {
      Object.keys(def.labels).forEach(function (code) {
        need = Math.max(need, textWidth(def.labels[code], CELL_FONT + family) + 2 * PAD);
      });
    }
    return Math.max(def.minWidth || 0, need + 2); // + 2: the cell's border and subpixel text
  }

  function isEmpty(value) { return value === null || value === undefined || value === ""; }

  // Numbers as numbers, everything else as text of the page's language; empty cells last either way.
  function comparator(st) {
    return function (a, b, nodeA, nodeB, descending) {
      if (isEmpty(a) || isEmpty(b)) {
        return isEmpty(a) === isEmpty(b) ? 0 : (isEmpty(a) !== !!descending ? 1 : -1);
      }
      if (typeof a === "number" && typeof b === "number") { return a - b; }
      return st.collator.compare(String(a), String(b));
    };
  }

  function decodeMask(b64) {
    if (typeof b64 !== "string") { return null; }
    var bin = atob(b64), bits = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bits[i] = bin.charCodeAt(i); }
    return bits;
  }

  function label(labels, code) {
    if (code === null || code === undefined || code === "") { return ""; }
    return Object.prototype.hasOwnProperty.call(labels, code) ? labels[code] : String(code);
  }

  // A column with "labels" shows and sorts the labels of the codes in its field (the server
  // searches them). ``family``: the grid's font family, for the columns' widths.
  function columns(defs, family) {
    return (defs || []).map(function (def) {
      var least = minWidth(def, family);
      var col = Object.assign({}, def, { minWidth: least, width: Math.round(least * (def.flex || 1)) });
      delete col.fitLabels;
      delete col.flex;
      if (!def.labels) { return col; }
      var labels = def.labels, field = def.field;
      delete col.labels;
      delete col.field;
      col.valueGetter = function (params) {
        var value = params.data ? params.data[field] : null;
        return Array.isArray(value)
          ? value.map(function (code) { return label(labels, code); }).join(", ")
          : label(labels, value);
      };
      return col;
    });
  }

  function sameIds(a, b) {
    if (!a || !b || a.length !== b.length) { return false; }
    for (var i = 0; i < a.length; i++) { if (a[i] !== b[i]) { return false; } }
    return true;
  }

  function applySelection(api, wanted) {
    var want = new Set(wanted || []), on = [], off = [];
    api.forEachNode(function (node) {
      var should = want.has(node.id);
      if (should !== !!node.isSelected()) { (should ? on : off).push(node); }
    });
    if (off.length) { api.setNodesSelected({ nodes: off, newValue: false }); }
    if (on.length) { api.setNodesSelected({ nodes: on, newValue: true }); }
  }

  function build(el, st, props, state) {
    var agGrid = window.agGrid;
    theme = theme || agGrid.themeQuartz.withParams(THEME_PARAMS); // the page's fonts, nothing fetched
    var defs = columns(props.columnDefs, window.getComputedStyle(el).fontFamily);
    // A width the user set by hand (st.hand) holds, widened if the new words need more; the other
    // columns' widths give way to the new words' and share the rest of the table's width (AG Grid
    // takes a state's sizes over the columns', and a state's column order with no sizes keeps the
    // widths it had). The hand widths are pinned in the fit, which would otherwise rescale them.
    var pinned = [];
    defs.forEach(function (d) {
      if (st.hand[d.colId]) {
        d.width = Math.max(st.hand[d.colId], d.minWidth);
        pinned.push({ colId: d.colId, minWidth: d.width, maxWidth: d.width });
      }
    });
    if (state) {
      state.columnSizing = { columnSizingModel: defs.map(function (d) { return { colId: d.colId, width: d.width }; }) };
    }
    st.api = agGrid.createGrid(el, {
      theme: theme,
      columnDefs: defs,
      rowData: st.shownRows || st.rowData || [],
      getRowId: function (params) { return String(params.data.id); },
      // no filter menus: the rows are the view's (its filters and search are in the URL), so that
      // the count, the downloads and a shared link hold what the table shows
      defaultColDef: {
        sortable: true, filter: false, resizable: true, comparator: comparator(st),
        wrapHeaderText: true, autoHeaderHeight: true, // "Location precision" on two lines, not cut
      },
      rowSelection: { mode: "multiRow", checkboxes: true, headerCheckbox: false, enableClickSelection: true },
      selectionColumnDef: { width: 2 * PAD + ICON, minWidth: 2 * PAD + ICON, maxWidth: 2 * PAD + ICON }, // a tick box
      animateRows: false,
      localeText: props.localeText || {},
      isExternalFilterPresent: function () { return st.mask !== null; },
      doesExternalFilterPass: function (node) {
        var i = node.data ? node.data.i : -1;
        return i >= 0 && ((st.mask[i >> 3] >> (i & 7)) & 1) === 1;
      },
      ensureDomOrder: true,
      initialState: state || undefined,
      autoSizeStrategy: { type: "fitGridWidth", columnLimits: pinned },
      // Tab and Shift+Tab leave the grid from wherever the focus is in it (AG Grid's default stops
      // at every header and every cell: about 2,700 Tabs to get past the table)
      tabToNextHeader: function () { return false; },
      tabToNextCell: function () { return false; },
      onCellKeyDown: function (ev) {
        var key = ev.event && ev.event.key;
        if (key === "Enter" && !ev.event.repeat && !ev.event.defaultPrevented) { activate(st, ev.node); }
      },
      // the widths the user drags are the user's: kept through every rebuild of this table
      // (language changes) by the grid's own API, since the grid is rebuilt from its definitions
      onColumnResized: function (ev) {
        if (ev.source !== "uiColumnResized" || !ev.finished) { return; }
        (ev.columns || []).forEach(function (col) { st.hand[col.getColId()] = col.getActualWidth(); });
      },
      onSelectionChanged: function (ev) {
        if (USER_SOURCES[ev.source] && st.setProps) {
          st.setProps({ ticked: ev.api.getSelectedRows().map(function (row) { return row.id; }) });
        }
      },
    });
    apis[props.id] = st.api;
  }

  // A row opened by the user (Enter): the server opens its card. The counter makes the same row
  // opened twice two events.
  function activate(st, node) {
    if (!node || !node.data || !st.setProps) { return; }
    st.activations = (st.activations || 0) + 1;
    st.setProps({ activated: { id: node.id, n: st.activations } });
  }

  // A new mask is applied after the next frame: the map, redrawn by the same state change, comes
  // first (filtering 24,400 rows took 20-30 ms that the map's redraw otherwise waited for).
  function refilterSoon(st) {
    if (st.refilter) { return; }
    st.refilter = true;
    window.requestAnimationFrame(function () {
      setTimeout(function () {
        st.refilter = false;
        if (st.api) { st.api.onFilterChanged(); }
      }, 0);
    });
  }

  // The rows with a chosen year's statuses: rows are sent once with today's; a hub whose status
  // was another in that year (a park revoked since) gets a copy with that year's.
  function withStatus(rows, groups) {
    if (!rows || !groups) { return rows; }
    var over = {}; // row's i -> its status that year (sent as {status: [i, ...]})
    Object.keys(groups).forEach(function (status) {
      (groups[status] || []).forEach(function (i) { over[i] = status; });
    });
    return rows.map(function (r) {
      var s = over[r.i];
      return typeof s === "string" && s !== r.status ? Object.assign({}, r, { status: s }) : r;
    });
  }

  // Bring the grid in line with the props; each piece is applied only when it changed.
  function sync(el, st, props) {
    st.setProps = props.setProps;
    var lang = props.lang || "zh-Hans";
    if (lang !== st.lang) {
      st.lang = lang;
      st.collator = collator(lang);
      if (st.api && !st.api.isDestroyed()) { st.api.onSortChanged(); } // the same sort, in the new order
    }
    if (!window.agGrid) { return; }
    var rows = props.rowData !== st.rowData && Array.isArray(props.rowData);
    if (rows) { st.rowData = props.rowData; }
    // a past year's statuses (rowStatus: {status: [row, ...]} where it differs from today's)
    var statusKey = JSON.stringify(props.rowStatus || null), restatus = false;
    if (rows || statusKey !== st.statusKey) {
      restatus = statusKey !== st.statusKey;
      st.statusKey = statusKey;
      st.shownRows = withStatus(st.rowData, props.rowStatus);
    }
    if (props.rowMask !== st.rowMask) {
      st.rowMask = props.rowMask;
      st.mask = decodeMask(props.rowMask);
      refilterSoon(st);
    }
    var ticks = !sameIds(props.selectedIds, st.selectedIds) && Array.isArray(props.selectedIds);
    if (ticks) { st.selectedIds = props.selectedIds; }
    var fresh = !st.api, words = JSON.stringify([props.columnDefs, props.localeText]);
    if (fresh || words !== st.words) {
      var state = fresh ? null : st.api.getState(); // its ticks are the user's latest: keep them
      if (!fresh) { st.api.destroy(); }
      st.words = words;
      build(el, st, props, state);
    } else if (rows || restatus) {
      st.api.setGridOption("rowData", st.shownRows);
    }
    if (fresh || rows || ticks) { applySelection(st.api, st.selectedIds); }
  }

  // A name cut by its column (an ellipsis) is shown whole on hover, as its cell's or header's title.
  function titleIfCut(ev) {
    var box = ev.target.closest ? ev.target.closest(".ag-cell, .ag-header-cell") : null;
    if (!box) { return; }
    var text = box.querySelector(".ag-header-cell-text") || box;
    if (text.scrollWidth > text.clientWidth + 1 || text.scrollHeight > text.clientHeight + 1) {
      box.setAttribute("title", text.textContent);
    } else if (box.hasAttribute("title")) {
      box.removeAttribute("title");
    }
  }

  function AtlasGrid(props) {
    var React = window.React;
    var box = React.useRef(null);
    var st = React.useRef({ mask: null, rowMask: null, selectedIds: [], hand: {} }).current;
    React.useEffect(function () { sync(box.current, st, props); });
    React.useEffect(function () {
      var el = box.current;
      el.addEventListener("mouseover", titleIfCut);
      return function () {
        el.removeEventListener("mouseover", titleIfCut);
        if (st.api) { st.api.destroy(); }
        if (apis[props.id] === st.api) { delete apis[props.id]; }
        st.api = null;
      };
    }, []);
    // lang: the grid's font follows its language (assets/lang.css) before the page's <html lang>
    // changes, so that its columns are measured in the font they will be shown in
    return React.createElement("div", { id: props.id, ref: box, style: props.style, lang: props.lang || "zh-Hans" });
  }

  window.atlas_components = { AtlasGrid: AtlasGrid };
  window.atlasGrid = { api: function (id) { return apis[id] || null; } };
})();
