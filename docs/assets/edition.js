/* The edition's small script: citations, language switch in place, glossary filter, sortable tables.
   No dependencies; without it every page still reads, links and shows both languages. */
(function () {
  "use strict";
  var data = document.getElementById("__edition");
  var ed = data ? JSON.parse(data.textContent) : null;
  if (!ed) return;
  var s = ed.strings;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k] != null ? values[k] : ""; });
  }

  /* Paragraph citations: a button per report paragraph; clipboard when allowed, else select the text. */
  function citation(p) {
    var h1 = document.querySelector(".md-content h1");
    var part = h1 ? h1.textContent.replace(/¶\s*$/, "").trim() : document.title;
    var url = location.href.split("#")[0] + "#" + p.id;
    var number = /^p\d+$/.test(p.id) ? String(parseInt(p.id.slice(1), 10)) : p.id;
    return fill(s.citation, { author: s.author, report: ed.report, part: part, number: number, url: url });
  }
  /* The paragraph's own span of a class, made on first use. */
  function part(p, cls, attr, value) {
    var el = p.querySelector("." + cls);
    if (!el) {
      el = document.createElement("span");
      el.className = cls;
      el.setAttribute(attr, value);
      p.appendChild(el);
    }
    return el;
  }
  function selectText(p, text) {
    var box = part(p, "para-cite-text", "tabindex", "-1");
    box.textContent = text;
    box.focus();
    var range = document.createRange();
    range.selectNodeContents(box);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    status(p, s.select_hint);
  }
  function status(p, text) {
    part(p, "para-status", "role", "status").textContent = text;
  }
  document.querySelectorAll(".md-content p.para").forEach(function (p) {
    var link = p.querySelector(".para-link");
    if (!link) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "para-cite";
    button.textContent = s.copy_citation;
    button.setAttribute("aria-label", s.copy_citation + " " + p.id);
    button.addEventListener("click", function () {
      var text = citation(p);
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { status(p, s.copied); },
          function () { selectText(p, text); });
      } else {
        selectText(p, text);
      }
    });
    link.insertAdjacentElement("afterend", button);
  });

  /* Term tooltips: one shared element, shown on hover and focus, dismissed with Escape, and
     hoverable itself (WCAG 1.4.13). The definition stays in the link's title until first used, so
     it is there without script; once used it moves to the tooltip, so the browser shows one only. */
  var tip = null, tipFor = null;
  function showTip(a) {
    if (a.hasAttribute("title")) {
      a.setAttribute("data-tip", a.getAttribute("title"));
      a.removeAttribute("title");
    }
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "term-tip";
      tip.className = "term-tip";
      tip.setAttribute("role", "tooltip");
      tip.lang = document.documentElement.lang;
      tip.addEventListener("mouseleave", function (ev) { if (ev.relatedTarget !== tipFor) hideTip(); });
      document.body.appendChild(tip);
    }
    if (tipFor && tipFor !== a) tipFor.removeAttribute("aria-describedby");
    tipFor = a;
    tip.textContent = a.getAttribute("data-tip");
    a.setAttribute("aria-describedby", tip.id);
    tip.hidden = false;
    var r = a.getBoundingClientRect(), w = tip.offsetWidth, h = tip.offsetHeight;
    var left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - w - 8));
    var below = r.bottom + 6 + h < window.innerHeight || r.top < h + 6;
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = (below ? r.bottom + 6 : r.top - h - 6) + window.scrollY + "px";
  }
  function hideTip() {
    if (!tip || tip.hidden) return;
    tip.hidden = true;
    if (tipFor) tipFor.removeAttribute("aria-describedby");
    tipFor = null;
  }
  function termOf(ev) { return ev.target.closest ? ev.target.closest(".md-typeset a.term") : null; }
  document.addEventListener("mouseover", function (ev) { var a = termOf(ev); if (a) showTip(a); });
  document.addEventListener("focusin", function (ev) { var a = termOf(ev); if (a) showTip(a); else hideTip(); });
  document.addEventListener("mouseout", function (ev) {
    var a = termOf(ev);
    if (a && a === tipFor && ev.relatedTarget !== tip && document.activeElement !== a) hideTip();
  });
  document.addEventListener("focusout", function (ev) { if (termOf(ev) === tipFor && ev.relatedTarget !== tip) hideTip(); });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") hideTip(); });

  /* Switching language keeps the paragraph in view: the nearest id goes into the URL first. */
  function currentAnchor() {
    var marks = document.querySelectorAll(".md-content [id].para, .md-content h1[id], .md-content h2[id], .md-content h3[id], .md-content .pl-pair[id], .md-content .gl-entry[id]");
    var best = null;
    for (var i = 0; i < marks.length; i++) {
      var top = marks[i].getBoundingClientRect().top;
      if (top > 80) break;
      best = marks[i];
    }
    if (!best && marks.length && location.hash) return location.hash.slice(1);
    return best ? best.id : (location.hash ? location.hash.slice(1) : "");
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a[hreflang]");
    if (!a || !a.closest(".md-select")) return;
    var id = currentAnchor();
    if (!id) return;
    a.href = a.href.split("#")[0] + "#" + id;
    if (location.hash.slice(1) !== id) history.replaceState(history.state, "", "#" + id);
  }, true);

  /* Glossary filter: narrows the entries as the reader types (Chinese, pinyin with or without tones, English). */
  var tools = document.querySelector("[data-gl-tools]");
  if (tools) {
    var input = tools.querySelector("input");
    var count = tools.querySelector("[data-gl-count]");
    var none = document.querySelector("[data-gl-none]");
    var entries = Array.prototype.slice.call(document.querySelectorAll(".gl-entry"));
    var plain = function (t) { return t.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); };
    /* What an entry shows (term, pinyin, English) and its other forms, as written and without
       spaces; read on the first filtering. */
    var text = function (e) {
      if (e._text == null) {
        var dt = e.querySelector("dt");
        e._text = plain((dt ? dt.textContent : "") + " " + (e.getAttribute("data-gl-also") || ""));
        e._compact = e._text.replace(/\s+/g, "");
      }
      return e._text;
    };
    var update = function () {
      var q = plain(input.value.trim()), qc = q.replace(/\s+/g, "");
      var shown = 0;
      entries.forEach(function (e) {
        var hit = !q || text(e).indexOf(q) !== -1 || e._compact.indexOf(qc) !== -1;
        e.hidden = !hit;
        if (hit) shown++;
      });
      document.querySelectorAll(".gl-list").forEach(function (list) {
        var any = list.querySelector(".gl-entry:not([hidden])");
        list.hidden = !any;
        var h = list.previousElementSibling;
        if (h && /^H[23]$/.test(h.tagName)) h.hidden = !any;
      });
      var counted = shown + " / " + entries.length;  /* the page is built with the full count: no shift */
      if (count.textContent !== counted) count.textContent = counted;
      if (none) none.hidden = shown !== 0;
    };
    input.addEventListener("input", update);
    update();
    /* One list in pinyin (Chinese) or alphabetical (English) order, or the lists by category. */
    var all = document.querySelector("[data-gl-all]");
    var homes = entries.map(function (e) { return [e, e.parentNode, e.nextSibling]; });
    tools.querySelectorAll("input[name=gl-order]").forEach(function (radio) {
      radio.addEventListener("change", function () {
        var alpha = radio.value === "alpha" && radio.checked;
        if (alpha) {
          entries.slice().sort(function (a, b) {
            return a.getAttribute("data-gl-sort").localeCompare(b.getAttribute("data-gl-sort"));
          }).forEach(function (e) { all.appendChild(e); });
        } else {
          homes.slice().reverse().forEach(function (h) { h[1].insertBefore(h[0], h[2] && h[2].parentNode === h[1] ? h[2] : null); });
        }
        all.hidden = !alpha;
        document.querySelectorAll(".gl-list:not(.gl-all)").forEach(function (list) {
          list.hidden = alpha;
          var h = list.previousElementSibling;
          if (h && /^H[23]$/.test(h.tagName)) h.hidden = alpha;
        });
        if (!alpha) update();
      });
    });
  }

  /* Sortable tables: header buttons, numbers by their data-value. The buttons are added when the
     browser is idle after load, a few tables at a time: the targets page has 45 tables, and adding
     them all at once re-laid the page out while it was still starting. */
  function sortable(table) {
    table.querySelectorAll("thead th").forEach(function (th, col) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = th.textContent;
      b.title = s.sort_hint;
      th.textContent = "";
      th.appendChild(b);
      b.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach(function (o) { o.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (r) {
          var c = r.cells[col];
          var v = c.getAttribute("data-value");
          return v !== null ? parseFloat(v) : c.textContent.trim();
        };
        rows.sort(function (x, y) {
          var a = key(x), b2 = key(y);
          var r = typeof a === "number" ? a - b2 : String(a).localeCompare(String(b2), ed.lang);
          return asc ? r : -r;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }
  var tables = Array.prototype.slice.call(document.querySelectorAll("table.sortable"));
  var idle = window.requestIdleCallback || function (fn) { return setTimeout(fn, 1); };
  function step(deadline) {
    do sortable(tables.shift());
    while (tables.length && deadline && deadline.timeRemaining() > 4);
    if (tables.length) idle(step);
  }
  if (tables.length) window.addEventListener("load", function () { idle(step); });
})();
