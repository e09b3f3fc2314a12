(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var map = document.getElementById("map");
  var panel = document.getElementById("panel");
  var slider = document.getElementById("date");
  var dateLabel = document.getElementById("date-label");
  var status = document.getElementById("search-status");
  var snap = null, svg = null, view = null, full = null, selected = null;
  // A scenario's page holds the map before and after the moves; "after" first.
  var scenario = data.scenario || null;
  var side = scenario ? "after" : "before";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  (function () {
    var list = document.getElementById("names");
    data.search.forEach(function (s) {
      s.names.forEach(function (n) { var o = document.createElement("option"); o.value = n; list.appendChild(o); });
    });
  })();

  function setView(v) {
    view = v;
    svg.setAttribute("viewBox", [v.x, v.y, v.w, v.h].join(" "));
  }
  function zoom(factor, cx, cy) {
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    var w = view.w * factor, h = view.h * factor;
    setView({ x: cx - (cx - view.x) * factor, y: cy - (cy - view.y) * factor, w: w, h: h });
  }
  function toSvg(clientX, clientY) {
    var r = svg.getBoundingClientRect();
    var s = Math.max(view.w / r.width, view.h / r.height);
    var ox = (r.width * s - view.w) / 2, oy = (r.height * s - view.h) / 2;
    return { x: view.x - ox + (clientX - r.left) * s, y: view.y - oy + (clientY - r.top) * s };
  }
  function centreOn(g) {
    var b = g.getBBox();
    var m = svg.getScreenCTM().inverse().multiply(g.getScreenCTM());
    var p = svg.createSVGPoint();
    p.x = b.x + b.width / 2; p.y = b.y + b.height / 2;
    p = p.matrixTransform(m);
    var w = Math.min(full.w, Math.max(400, full.w / 2.5)), h = w * full.h / full.w;
    setView({ x: p.x - w / 2, y: p.y - h / 2, w: w, h: h });
  }

  function showClaims(entry) {
    panel.replaceChildren();
    panel.appendChild(el("h2", null, entry.title));
    var when = " · as of " + snap.date;
    if (scenario) when += side === "after" ? " · after the moves" : " · before the moves";
    panel.appendChild(el("div", "kind", entry.kind + when));
    if (entry.claims.length === 0) panel.appendChild(el("p", "meta", "No claims behind this as of that date."));
    entry.claims.forEach(function (i) {
      var c = data.claims[i];
      var div = el("div", "claim " + c.what + (c.scenario ? " scenario" : ""));
      div.appendChild(el("div", null, c.text));
      if (c.scenario) div.appendChild(el("div", "scenario-note", c.scenario.said));
      div.appendChild(el("div", "meta", [c.what, c.date, c.detail].filter(Boolean).join(" · ")));
      quotes(div, c.sources);
      if (c.sources.length === 0) div.appendChild(el("div", "meta", "no source"));
      if (c.scenario && c.scenario.note) div.appendChild(el("div", "meta", "Scenario note: " + c.scenario.note));
      if (c.scenario) quotes(div, c.scenario.sources);
      panel.appendChild(div);
    });
  }
  function quotes(div, sources) {
    sources.forEach(function (s) {
      var q = el("blockquote", null, "\u201c" + s.quote + "\u201d ");
      q.appendChild(el("span", "doc", "\u2014 " + s.doc + " (" + s.confidence + " confidence)"));
      div.appendChild(q);
    });
  }
  function showChanges() {
    panel.replaceChildren();
    panel.appendChild(el("h2", null, "Scenario " + scenario.name));
    if (scenario.title) panel.appendChild(el("div", null, scenario.title));
    panel.appendChild(el("div", "kind", "moves played on " + scenario.date +
      " · dashed grey: conflicts resolved · bold: new after the moves"));
    if (scenario.changes.length === 0) panel.appendChild(el("p", "meta", "The moves change no conflict, camp, answer, red line or coalition."));
    var list = el("ul", "changes");
    scenario.changes.forEach(function (c) { list.appendChild(el("li", "change " + c.kind, c.text)); });
    panel.appendChild(list);
  }
  function select(g, entry) {
    if (selected) selected.classList.remove("selected");
    selected = g;
    g.classList.add("selected");
    showClaims(entry);
  }
  function neighbours(id) {
    var set = {}; set[id] = true;
    var edges = [];
    Object.keys(snap.edges).forEach(function (eid) {
      var e = snap.edges[eid];
      if (e.from === id || e.to === id) { set[e.from] = true; set[e.to] = true; edges.push(eid); }
    });
    return { nodes: set, edges: edges };
  }
  function hover(id, on) {
    svg.classList.toggle("hovering", on);
    svg.querySelectorAll(".hl").forEach(function (g) { g.classList.remove("hl"); });
    if (!on) return;
    var n = neighbours(id);
    Object.keys(n.nodes).forEach(function (k) { var g = document.getElementById(k); if (g) g.classList.add("hl"); });
    n.edges.forEach(function (k) { var g = document.getElementById(k); if (g) g.classList.add("hl"); });
  }

  function load(i) {
    var keep = view && full ? { view: view, full: full } : null;
    var selectedId = selected ? selected.id : null;
    snap = (side === "after" ? scenario.after : data.snapshots)[i];
    dateLabel.textContent = snap.date;
    var tpl = document.getElementById((side === "after" ? "after-" : "snap-") + i);
    map.replaceChildren(document.importNode(tpl.content, true));
    svg = map.querySelector("svg");
    svg.removeAttribute("width"); svg.removeAttribute("height");
    svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
    var vb = svg.viewBox.baseVal;
    full = { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
    setView(keep && keep.full.w === full.w && keep.full.h === full.h ? keep.view : full);
    selected = null;
    svg.querySelectorAll("g.node").forEach(function (g) {
      var entry = snap.nodes[g.id];
      if (!entry) return;
      g.addEventListener("click", function (ev) { ev.stopPropagation(); select(g, entry); });
      g.addEventListener("mouseenter", function () { hover(g.id, true); });
      g.addEventListener("mouseleave", function () { hover(g.id, false); });
    });
    svg.querySelectorAll("g.edge").forEach(function (g) {
      var entry = snap.edges[g.id];
      if (!entry) return;
      g.querySelectorAll("path").forEach(function (p) {
        var hit = p.cloneNode(false); hit.setAttribute("class", "hit"); p.parentNode.insertBefore(hit, p);
      });
      g.addEventListener("click", function (ev) { ev.stopPropagation(); select(g, entry); });
      g.addEventListener("mouseenter", function () { svg.classList.add("hovering"); g.classList.add("hl");
        [entry.from, entry.to].forEach(function (k) { var n = document.getElementById(k); if (n) n.classList.add("hl"); }); });
      g.addEventListener("mouseleave", function () { hover(null, false); });
    });
    if (selectedId) {
      var again = document.getElementById(selectedId);
      var entry = again && (snap.nodes[selectedId] || snap.edges[selectedId]);
      if (entry) select(again, entry);
      else { panel.replaceChildren(el("p", "meta", "Not on the map as of " + snap.date +
        (scenario ? (side === "after" ? " after the moves." : " before the moves.") : "."))); }
    }
  }

  map.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var p = toSvg(ev.clientX, ev.clientY);
    zoom(ev.deltaY < 0 ? 1 / 1.2 : 1.2, p.x, p.y);
  }, { passive: false });
  var drag = null;
  map.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0) return;
    drag = { x: ev.clientX, y: ev.clientY, view: view, moved: false };
  });
  window.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    drag.moved = true; map.classList.add("dragging");
    var r = svg.getBoundingClientRect();
    var s = Math.max(drag.view.w / r.width, drag.view.h / r.height);
    setView({ x: drag.view.x - dx * s, y: drag.view.y - dy * s, w: drag.view.w, h: drag.view.h });
  });
  window.addEventListener("pointerup", function () { drag = null; map.classList.remove("dragging"); });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(1 / 1.4); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1.4); });
  document.getElementById("zoom-fit").addEventListener("click", function () { setView(full); });
  map.addEventListener("keydown", function (ev) {
    var step = view.w / 10;
    var moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[ev.key]) { ev.preventDefault(); setView({ x: view.x + moves[ev.key][0], y: view.y + moves[ev.key][1], w: view.w, h: view.h }); }
    else if (ev.key === "+" || ev.key === "=") zoom(1 / 1.4);
    else if (ev.key === "-") zoom(1.4);
  });

  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = document.getElementById("search").value.trim().toLowerCase();
    if (!q) return;
    function score(s) {
      var best = 0;
      s.names.forEach(function (n) {
        n = n.toLowerCase();
        if (n === q) best = Math.max(best, 3);
        else if (n.indexOf(q) === 0) best = Math.max(best, 2);
        else if (n.indexOf(q) >= 0) best = Math.max(best, 1);
      });
      return best;
    }
    var hits = data.search.map(function (s) { return { s: s, score: score(s) }; })
      .filter(function (h) { return h.score > 0; })
      .sort(function (a, b) { return b.score - a.score; });
    for (var i = 0; i < hits.length; i++) {
      var g = document.getElementById(hits[i].s.node) ||
        svg.querySelector("g.node[id^='" + hits[i].s.node + "__']");
      if (g) {
        centreOn(g);
        var entry = snap.nodes[g.id];
        if (entry) select(g, entry);
        status.textContent = "Found: " + hits[i].s.label;
        return;
      }
    }
    status.textContent = hits.length ? hits[0].s.label + " is not on this map as of " + snap.date : "No party or issue matches \u201c" + q + "\u201d";
  });
  slider.addEventListener("input", function () { load(Number(slider.value)); });
  if (scenario) {
    var before = document.getElementById("show-before"), after = document.getElementById("show-after");
    var show = function (which) {
      side = which;
      before.setAttribute("aria-pressed", String(which === "before"));
      after.setAttribute("aria-pressed", String(which === "after"));
      load(Number(slider.value));
    };
    before.addEventListener("click", function () { show("before"); });
    after.addEventListener("click", function () { show("after"); });
    document.getElementById("show-changes").addEventListener("click", function () {
      if (selected) selected.classList.remove("selected");
      selected = null;
      showChanges();
    });
    showChanges();
  }
  load(Number(slider.value));
})();
