/* The search index on demand. Material's bundle requests search/search_index.json (about 60 KiB
   gzipped) on every page load; most readers never search. This holds that one request back until
   the reader first turns to search (focus, tap or keyboard shortcut on the search box), or at once
   when the URL asks for search highlighting (?h=). Loaded before the bundle; without it, or under
   file:// (where the offline edition reads search_index.js instead), Material behaves as stock. */
(function () {
  "use strict";
  var INDEX = /(^|\/)search\/search_index\.json(\?|#|$)/;
  var proto = XMLHttpRequest.prototype;
  var open = proto.open, send = proto.send;
  var wanted = /[?&]h=/.test(location.search);
  var held = [];

  proto.open = function (method, url) {
    this.__onDemand = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (this.__onDemand && !wanted) {
      held.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function release() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (h) { send.apply(h[0], h[1]); });
  }
  function inSearch(target) {
    return target && target.closest && target.closest(".md-search, label[for='__search']");
  }
  /* Pointer over or down on the box or its header button, or focus in it (keyboard shortcuts focus it). */
  ["focusin", "pointerdown", "mouseover"].forEach(function (type) {
    document.addEventListener(type, function (ev) { if (inSearch(ev.target)) release(); }, true);
  });
})();
