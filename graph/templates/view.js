/* story-kg graph view. Every curated string reaches the DOM through textContent. */
(function () {
  "use strict";
  var T = { start: performance.now() };
  var D = JSON.parse(document.getElementById("kg-data").textContent);
  var info = D.info, einfo = D.einfo, EV = D.evidence, N = info.length;
  // the JSON leaves out empty values; put the defaults back
  info.forEach(function (x) {
    ["label_zh", "description", "date", "date_precision", "end_date", "date_inferred", "date_unknown", "outcome", "claim_text", "iri"]
      .forEach(function (k) { if (x[k] === undefined) x[k] = ""; });
    ["aliases", "amounts", "ev", "conflicts", "mentioned_in"].forEach(function (k) { if (x[k] === undefined) x[k] = []; });
    if (x.verdict === undefined) x.verdict = "";
    if (x.year === undefined) x.year = null;
    if (x.rank === undefined) x.rank = 0;
    x.secondary_only = !!x.secondary_only;
  });
  einfo.forEach(function (x) {
    if (x.ev === undefined) x.ev = [];
    if (x.derived_from === undefined) x.derived_from = -1;
    if (x.note === undefined) x.note = "";
    x.secondary_only = !!x.secondary_only;
    x.role = !!x.role;
  });
  var edgeList = D.edges;
  var FONT = "#222222", DIM = { background: "#eceff2", border: "#dde1e5" }, DIM_FONT = "rgba(0,0,0,0)";

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function norm(s) { return String(s).normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim(); }

  // ---- indexes --------------------------------------------------------
  var adj = new Array(N);
  for (var i = 0; i < N; i++) adj[i] = [];
  edgeList.forEach(function (e) {
    adj[e.from].push(e.id);
    if (e.to !== e.from) adj[e.to].push(e.id);
  });
  var names = info.map(function (x) {
    var all = [x.label];
    if (x.label_zh) all.push(x.label_zh);
    x.aliases.forEach(function (a) { all.push(a); });
    return all.map(function (s) { return [norm(s), s]; });
  });

  // vis nodes: larger labels for important nodes, so they stay readable when zoomed out
  var maxSize = 1;
  D.nodes.forEach(function (n) { if (n.size > maxSize) maxSize = n.size; });
  // (a big graph keeps one font size: switching canvas fonts per label is slow)
  D.nodes.forEach(function (n, i) {
    if (D.edge_labels) n.font = { size: Math.round(12 + 26 * Math.pow(Math.max(n.size - 8, 0) / Math.max(maxSize - 8, 1), 1.5)), color: FONT };
    n.title = info[i].label + " (" + info[i].type + ")";  // vis-network shows a string title as text
  });
  var origColor = D.nodes.map(function (n) { return n.color; });
  var origEdgeColor = D.edges.map(function (e) { return e.color || null; });

  T.parsed = performance.now();
  var nodes = new vis.DataSet(D.nodes);
  var edges = new vis.DataSet(D.edges);
  var network = new vis.Network($("network"), { nodes: nodes, edges: edges }, D.options);
  T.network = performance.now();
  var view = { timings: T, network: network, nodes: nodes, edges: edges, info: info, ready: false, search: search, focusNode: focusNode };
  window.kgView = view;
  network.once("afterDrawing", function () {
    view.ready = true;
    view.readyMs = T.drawn = performance.now();
    document.body.setAttribute("data-ready", "1");
  });

  // ---- search ---------------------------------------------------------
  function snippet(text, q) {
    var at = norm(text).indexOf(q), s = String(text);
    if (s.length <= 80 || at < 0) return s.length <= 80 ? s : s.slice(0, 77) + "…";
    var from = Math.max(0, at - 30);
    return (from > 0 ? "…" : "") + s.slice(from, from + 80) + (from + 80 < s.length ? "…" : "");
  }
  function search(q, limit) {
    q = norm(q);
    if (!q) return [];
    var hits = [];
    for (var i = 0; i < N; i++) {
      var best = 9, via = null, ns = names[i];
      for (var k = 0; k < ns.length; k++) {
        var n = ns[k][0], score = 9;
        if (n === q) score = 0;
        else if (n.indexOf(q) === 0) score = 1;
        else if (n.indexOf(" " + q) >= 0) score = 2;
        else if (n.indexOf(q) >= 0) score = 3;
        if (score < best) { best = score; via = ns[k][1]; }
      }
      if (best > 3) {  // full text: the node's quotes and the curator's translations of them
        var refs = info[i].ev;
        for (var r = 0; r < refs.length && best > 3; r++) {
          var ev = EV[refs[r]], texts = [ev[2], ev[4]];
          for (var t = 0; t < texts.length; t++) {
            if (texts[t] && norm(texts[t]).indexOf(q) >= 0) { best = 4; via = "“" + snippet(texts[t], q) + "”"; break; }
          }
        }
      }
      if (best < 9) hits.push([best, -info[i].rank, i, via]);
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    return hits.slice(0, limit || 12).map(function (h) { return { id: h[2], via: h[3] }; });
  }

  var results = $("results"), searchBox = $("search"), activeHit = 0, hits = [];
  function showResults() {
    hits = search(searchBox.value);
    results.textContent = "";
    activeHit = 0;
    if (!hits.length) {
      if (norm(searchBox.value)) results.appendChild(el("li", "none", "No match"));
      results.hidden = !norm(searchBox.value);
      return;
    }
    hits.forEach(function (h, k) {
      var x = info[h.id], li = el("li", k === 0 ? "active" : "");
      li.setAttribute("role", "option");
      li.appendChild(el("span", "name", x.label));
      li.appendChild(el("span", "type", x.type));
      if (h.via !== x.label) li.appendChild(el("span", "via", "matched: " + h.via));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(k); });
      results.appendChild(li);
    });
    results.hidden = false;
  }
  function pick(k) {
    if (!hits[k]) return;
    results.hidden = true;
    focusNode(hits[k].id);
  }
  searchBox.addEventListener("input", showResults);
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { if (!hits.length) showResults(); pick(activeHit); ev.preventDefault(); }
    else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!hits.length) return;
      activeHit = (activeHit + (ev.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
      Array.prototype.forEach.call(results.children, function (li, k) { li.className = k === activeHit ? "active" : ""; });
      ev.preventDefault();
    } else if (ev.key === "Escape") { results.hidden = true; }
  });
  searchBox.addEventListener("blur", function () { setTimeout(function () { results.hidden = true; }, 150); });

  // ---- selection, neighbours ---------------------------------------------
  // Neighbour highlighting: dim everything else. Only nodes and edges whose
  // state changes are updated, so moving between selections stays cheap.
  var nodeDim = new Array(N), edgeDim = new Array(edgeList.length), labelled = {};
  var dimmed = false;
  function edgeStyle(k, dim) {
    if (dim) return { id: k, color: { color: "#e3e6e9", inherit: false }, font: { color: "rgba(0,0,0,0)", strokeWidth: 0 } };
    return { id: k, color: origEdgeColor[k] || { color: "#8d99a6", inherit: false }, font: { color: "#555555", strokeWidth: 3 } };
  }
  function setDim(keep, keepEdges) {
    var upd = [], eupd = [];
    for (var j = 0; j < N; j++) {
      var d = keep !== null && !keep[j];
      if (!!nodeDim[j] !== d) {
        nodeDim[j] = d;
        upd.push(d ? { id: j, color: DIM, font: { color: DIM_FONT, strokeWidth: 0 } } : { id: j, color: origColor[j], font: { color: FONT, strokeWidth: 3 } });
      }
    }
    for (var k = 0; k < edgeList.length; k++) {
      var de = keepEdges !== null && !keepEdges[k];
      if (!!edgeDim[k] !== de) { edgeDim[k] = de; eupd.push(edgeStyle(k, de)); }
    }
    if (!D.edge_labels) {  // big graph: label only the selected node's edges
      Object.keys(labelled).forEach(function (k) {
        if (!keepEdges || !keepEdges[k]) { eupd.push({ id: +k, label: "" }); delete labelled[k]; }
      });
      if (keepEdges) Object.keys(keepEdges).forEach(function (k) {
        if (!labelled[k]) { eupd.push({ id: +k, label: einfo[k].label }); labelled[k] = true; }
      });
    }
    if (upd.length) nodes.update(upd);
    if (eupd.length) edges.update(eupd);
  }
  function highlight(i) {
    var keep = {}; keep[i] = true;
    var keepEdges = {};
    adj[i].forEach(function (eid) { var e = edgeList[eid]; keep[e.from] = true; keep[e.to] = true; keepEdges[eid] = true; });
    setDim(keep, keepEdges);
    dimmed = true;
  }
  function clearHighlight() {
    if (!dimmed) return;
    setDim(null, null);
    dimmed = false;
  }
  function focusNode(i) {
    if (hiddenNow[i]) { resetFilters(); }
    network.selectNodes([i]);
    var scale = Math.max(network.getScale(), 1.0);
    network.focus(i, { scale: scale, animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    highlight(i);
    showNode(i);
  }
  network.on("click", function (p) {
    if (p.nodes.length) { highlight(p.nodes[0]); showNode(p.nodes[0]); }
    else if (p.edges.length) { clearHighlight(); showEdge(p.edges[0]); }
    else { clearHighlight(); hidePanel(); }
  });

  // ---- side panel -----------------------------------------------------
  var panel = $("panel"), body = $("panel-body");
  $("panel-close").addEventListener("click", function () { hidePanel(); network.unselectAll(); clearHighlight(); });
  function hidePanel() { panel.hidden = true; }
  function linkTo(i) {
    var b = el("button", "link", info[i].label);
    b.type = "button";
    b.addEventListener("click", function () { focusNode(i); });
    return b;
  }
  function quotes(parent, refs) {
    refs.forEach(function (r) {
      var ev = EV[r]; // [source iri, source label, quote, secondary, curator's translation, doubt]
      var q = el("blockquote", ev[3] ? "secondary" : "", ev[2]);
      parent.appendChild(q);
      if (ev[4]) parent.appendChild(el("p", "translation", "Curator's translation: " + ev[4]));
      if (ev[5]) parent.appendChild(el("p", "doubt", "Doubt: " + ev[5]));
      var c = el("cite", "", "— " + (ev[1] || ev[0]) + (ev[3] ? " (secondary source)" : " (primary source)"));
      c.title = ev[0];
      parent.appendChild(c);
    });
  }
  function row(dl, key, value) {
    if (value === "" || value === null || value === undefined) return;
    dl.appendChild(el("dt", "", key));
    dl.appendChild(el("dd", "", value));
  }
  function factLine(eid) {
    var e = edgeList[eid], x = einfo[eid], line = el("span", "fact");
    line.appendChild(linkTo(e.from));
    line.appendChild(document.createTextNode(" " + x.label + " "));
    line.appendChild(linkTo(e.to));
    if (x.secondary_only) line.appendChild(el("span", "badge secondary", "secondary source only"));
    if (x.key === "kg:conflictsWith") line.appendChild(el("span", "badge conflict", "conflict"));
    return line;
  }
  function factBody(parent, eid) {
    var x = einfo[eid];
    if (x.note) parent.appendChild(el("p", "", x.note));
    if (x.derived_from >= 0) {
      var p = el("p", "", "Derived from the event ");
      p.appendChild(linkTo(x.derived_from));
      parent.appendChild(p);
    }
    quotes(parent, x.ev);
  }
  function showNode(i) {
    var x = info[i];
    body.textContent = "";
    body.appendChild(el("h2", "", x.label));
    if (x.label_zh) body.appendChild(el("div", "zh", x.label_zh));
    var badges = el("div");
    badges.appendChild(el("span", "badge", x.kind === x.type ? x.type : x.kind + " · " + x.type));
    if (x.secondary_only) badges.appendChild(el("span", "badge secondary", "only the secondary source states this"));
    if (x.conflicts.length) badges.appendChild(el("span", "badge conflict", "conflicting claims"));
    body.appendChild(badges);
    if (x.description) body.appendChild(el("p", "description", x.description));
    var dl = el("dl");
    if (x.aliases.length) row(dl, "Also called", x.aliases.join(" · "));
    if (x.date) row(dl, "Date", x.date + (x.end_date ? " – " + x.end_date : "") + (x.date_precision ? " (" + x.date_precision + ")" : ""));
    row(dl, "Date inferred", x.date_inferred);
    row(dl, "Date unknown", x.date_unknown);
    row(dl, "Outcome", x.outcome);
    if (x.amounts.length) row(dl, "Amounts", x.amounts.join("; "));
    row(dl, "Claim", x.claim_text);
    if (x.mentioned_in.length) row(dl, "Mentioned in", x.mentioned_in.join("; "));
    row(dl, "Verdict", x.verdict);
    row(dl, "IRI", x.iri);
    body.appendChild(dl);
    if (x.ev.length) {
      body.appendChild(el("h3", "", "Evidence"));
      quotes(body, x.ev);
    }
    if (x.conflicts.length) {
      body.appendChild(el("h3", "", "Conflicts"));
      x.conflicts.forEach(function (c) {
        var box = el("div", "conflict-box");
        box.appendChild(el("strong", "", "⚠ " + (c.label || "Conflict") + (c.kind ? " (" + c.kind + ")" : "")));
        if (c.note) box.appendChild(el("p", "", c.note));
        box.appendChild(el("div", "", "This claim says:"));
        quotes(box, x.ev);
        var other = el("div", "", "The other claim" + (c.other >= 0 ? " (" : ": " + c.other_iri));
        if (c.other >= 0) { other.appendChild(linkTo(c.other)); other.appendChild(document.createTextNode(") says:")); }
        box.appendChild(other);
        if (c.other >= 0) quotes(box, info[c.other].ev);
        body.appendChild(box);
      });
    }
    var facts = adj[i].slice().sort(function (a, b) {
      var ea = edgeList[a], eb = edgeList[b];
      return (ea.from === i ? 0 : 1) - (eb.from === i ? 0 : 1) || (einfo[a].label < einfo[b].label ? -1 : einfo[a].label > einfo[b].label ? 1 : a - b);
    });
    if (facts.length) {
      body.appendChild(el("h3", "", "Facts (" + facts.length + ")"));
      facts.forEach(function (eid) {
        var d = el("details");
        if (facts.length <= 8) d.open = true;
        var s = el("summary");
        s.appendChild(factLine(eid));
        d.appendChild(s);
        factBody(d, eid);
        body.appendChild(d);
      });
    }
    panel.hidden = false;
    panel.scrollTop = 0;
  }
  function showEdge(eid) {
    body.textContent = "";
    body.appendChild(el("h2", "", einfo[eid].label));
    var p = el("p");
    p.appendChild(factLine(eid));
    body.appendChild(p);
    factBody(body, eid);
    panel.hidden = false;
  }

  // ---- filters: type and years -------------------------------------------
  var typeOn = {}, hiddenNow = new Array(N);
  D.legend.forEach(function (l) { typeOn[l.type] = true; });
  var yFrom = $("year-from"), yTo = $("year-to");
  var yearsWrap = $("years");
  if (D.years) {
    [yFrom, yTo].forEach(function (inp) { inp.min = D.years[0]; inp.max = D.years[1]; });
    yFrom.value = D.years[0]; yTo.value = D.years[1];
  } else {
    yearsWrap.hidden = true;
  }
  function timeSet() {
    if (!D.years) return null;
    var a = parseInt(yFrom.value, 10), b = parseInt(yTo.value, 10);
    if (isNaN(a)) a = D.years[0];
    if (isNaN(b)) b = D.years[1];
    if (a <= D.years[0] && b >= D.years[1]) return null;
    var s = {};
    for (var i = 0; i < N; i++) {
      var y = info[i].year;
      if (info[i].kind === "Event" && y !== null && y >= a && y <= b) {
        s[i] = true;
        adj[i].forEach(function (eid) { s[edgeList[eid].from] = true; s[edgeList[eid].to] = true; });
      }
    }
    return s;
  }
  function applyFilters() {
    var ts = timeSet(), upd = [], shown = 0;
    for (var i = 0; i < N; i++) {
      var hide = !typeOn[info[i].type] || (ts !== null && !ts[i]);
      if (!hide) shown++;
      if (!!hiddenNow[i] !== hide) { upd.push({ id: i, hidden: hide }); hiddenNow[i] = hide; }
    }
    if (upd.length) nodes.update(upd);
    $("status").textContent = "Showing " + shown.toLocaleString("en") + " of " + N.toLocaleString("en") + " nodes" +
      (D.truncated ? " (the graph has " + D.total_nodes.toLocaleString("en") + ")" : "") + ".";
    view.shown = shown;
  }
  function resetFilters() {
    Object.keys(typeOn).forEach(function (t) { typeOn[t] = true; });
    Array.prototype.forEach.call(document.querySelectorAll("#legend-types input"), function (cb) { cb.checked = true; cb.parentNode.className = ""; });
    if (D.years) { yFrom.value = D.years[0]; yTo.value = D.years[1]; }
    applyFilters();
  }
  yFrom.addEventListener("change", applyFilters);
  yTo.addEventListener("change", applyFilters);
  $("year-reset").addEventListener("click", function () { if (D.years) { yFrom.value = D.years[0]; yTo.value = D.years[1]; } applyFilters(); });

  // legend = type filter, generated from the types present
  var SVGNS = "http://www.w3.org/2000/svg";
  function swatch(shape, color) {
    var svg = document.createElementNS(SVGNS, "svg");
    svg.setAttribute("width", "16"); svg.setAttribute("height", "16"); svg.setAttribute("aria-hidden", "true");
    var s;
    if (shape === "dot") { s = document.createElementNS(SVGNS, "circle"); s.setAttribute("cx", "8"); s.setAttribute("cy", "8"); s.setAttribute("r", "6"); }
    else if (shape === "square") { s = document.createElementNS(SVGNS, "rect"); s.setAttribute("x", "2"); s.setAttribute("y", "2"); s.setAttribute("width", "12"); s.setAttribute("height", "12"); }
    else {
      s = document.createElementNS(SVGNS, "polygon");
      var pts = { triangle: "8,1 15,14 1,14", triangleDown: "1,2 15,2 8,15", diamond: "8,1 15,8 8,15 1,8",
                  star: "8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6" }[shape] || "2,2 14,2 14,14 2,14";
      s.setAttribute("points", pts);
    }
    s.setAttribute("fill", color); s.setAttribute("stroke", "#555"); s.setAttribute("stroke-width", "0.6");
    svg.appendChild(s);
    return svg;
  }
  var legendBox = $("legend-types");
  D.legend.forEach(function (l) {
    var lab = el("label");
    var cb = el("input"); cb.type = "checkbox"; cb.checked = true; cb.setAttribute("data-type", l.type);
    cb.addEventListener("change", function () { typeOn[l.type] = cb.checked; lab.className = cb.checked ? "" : "off"; applyFilters(); });
    lab.appendChild(cb);
    lab.appendChild(swatch(l.shape, l.color));
    lab.appendChild(el("span", "name", l.type));
    lab.appendChild(el("span", "count", l.count.toLocaleString("en")));
    legendBox.appendChild(lab);
  });

  $("physics").addEventListener("change", function (ev) {
    network.setOptions({ physics: { enabled: ev.target.checked } });
  });
  $("fit").addEventListener("click", function () { network.fit({ animation: false }); });
  applyFilters();
})();
