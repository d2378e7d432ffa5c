/* Exports from the page through the atlas's file URLs (serving/files.py), in the browser alone:
 * - window.atlasExport.url(search, what, fmt, preset, width, height): the address of a figure's
 *   file for the page's view (``search``, the page's own query, plus preset= or size=);
 * - window.atlasExport.fetch(url, status): gets the file and saves it under the name the server
 *   gives (Content-Disposition); while the server answers 429 it says "busy, retrying" and tries
 *   again after Retry-After, at most MAX_TRIES times; a failure is said in the status line;
 * - window.atlasExport.copy(text, status): copies a link (the Clipboard API where the page is a
 *   secure context, else the old selection command, which works on an intranet's plain http).
 * Every request goes to this page's own host: nothing is sent anywhere else.
 */
(function () {
  "use strict";

  var MAX_TRIES = 6;

  function say(status, key, extra) {
    if (!status) { return; }
    var text = status.getAttribute("data-" + key) || key;
    status.textContent = extra ? text + ": " + extra : text;
  }

  function fileName(response, url) {
    var header = response.headers.get("Content-Disposition") || "";
    var star = /filename\*=UTF-8''([^;]+)/i.exec(header);
    if (star) {
      try { return decodeURIComponent(star[1]); } catch (e) { /* fall through */ }
    }
    var plain = /filename="([^"]+)"/i.exec(header);
    return plain ? plain[1] : url.split("?")[0].split("/").pop();
  }

  function save(blob, name) {
    var href = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = href;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(href); }, 10000);
  }

  function get(url, status, tries) {
    say(status, tries ? "busy" : "exporting");
    return window.fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (response.status === 429 && tries + 1 < MAX_TRIES) {
        var wait = parseInt(response.headers.get("Retry-After") || "5", 10);
        say(status, "busy", wait + " s");
        return new Promise(function (resolve) {
          setTimeout(function () { resolve(get(url, status, tries + 1)); }, Math.max(1, wait) * 1000);
        });
      }
      if (!response.ok) {
        return response.text().then(function (text) { say(status, "failed", text.trim()); return false; });
      }
      return response.blob().then(function (blob) {
        var name = fileName(response, url);
        save(blob, name);
        say(status, "done", name);
        return name;
      });
    }, function (error) {
      say(status, "failed", String(error && error.message || error));
      return false;
    });
  }

  function url(search, what, fmt, preset, width, height) {
    var params = new URLSearchParams(search || "");
    params.delete("preset");
    params.delete("size");
    if (preset === "custom") {
      params.set("size", (parseInt(width, 10) || 1600) + "x" + (parseInt(height, 10) || 900));
    } else if (preset) {
      params.set("preset", preset);
    }
    var query = params.toString();
    return "export/" + encodeURIComponent(what) + "." + encodeURIComponent(fmt) + (query ? "?" + query : "");
  }

  function absolute(relative) {
    return new URL(relative, window.location.href).href;
  }

  function copy(text, status) {
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      say(status, ok ? "copied" : "copy-failed");
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { say(status, "copied"); }, fallback);
    } else {
      fallback();
    }
  }

  window.atlasExport = { url: url, absolute: absolute, fetch: get, copy: copy };
})();
