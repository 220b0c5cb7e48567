/* story-kg graph view. Every curated string reaches the DOM through textContent (or the canvas). */
(function () {
  "use strict";
  var T = { start: performance.now() };
  var D = JSON.parse(document.getElementById("kg-data").textContent);
  var K = kgModel(D);
  var info = K.info, einfo = K.einfo, EV = K.EV, N = K.N, M = K.M, adj = K.adj, CF = K.CF;
  var KGR = "https://w3id.org/story-kg/id/";
  var CONFLICT = "#d62728", DIM_FILL = "#eceff2", DIM_BORDER = "#dde1e5";
  var LEG = {};
  D.legend.forEach(function (l) { LEG[l.key] = l; });
  function legendKey(i) { return info[i].kind === "Event" ? (info[i].fam || "other") : info[i].kind; }
  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function norm(s) { return String(s).normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim(); }
  function fmt(n) { return n.toLocaleString("en"); }
  var byIri = {};
  info.forEach(function (x, i) { byIri[x.iri] = i; });
  var children = {};
  info.forEach(function (x, i) { if (x.fold >= 0) (children[x.fold] = children[x.fold] || []).push(i); });

  // ---- shapes: one table of outlines for the canvas and the legend's swatches ----------
  function poly(n, r0, rot) {
    var p = [];
    for (var t = 0; t < n; t++) { var a = rot + 2 * Math.PI * t / n; p.push([r0 * Math.cos(a), r0 * Math.sin(a)]); }
    return p;
  }
  function starPts(n, outer, inner) {
    var p = [];
    for (var t = 0; t < 2 * n; t++) { var a = -Math.PI / 2 + Math.PI * t / n, r = t % 2 ? inner : outer; p.push([r * Math.cos(a), r * Math.sin(a)]); }
    return p;
  }
  var SHAPES = {
    square: [[-0.86, -0.86], [0.86, -0.86], [0.86, 0.86], [-0.86, 0.86]],
    triangle: [[0, -1.1], [1, 0.75], [-1, 0.75]],
    triangleDown: [[-1, -0.75], [1, -0.75], [0, 1.1]],
    hexagon: poly(6, 1, 0),
    octagon: poly(8, 1, Math.PI / 8),
    star: starPts(5, 1.15, 0.5),
    page: [[-0.72, -1], [0.36, -1], [0.72, -0.64], [0.72, 1], [-0.72, 1]],
    diamond: [[0, -1.15], [1.15, 0], [0, 1.15], [-1.15, 0]],
    pentagon: poly(5, 1.05, -Math.PI / 2),
    chevron: [[0, -1.15], [1.05, 0.05], [0.45, 0.05], [0.45, 1], [-0.45, 1], [-0.45, 0.05], [-1.05, 0.05]],
    arrow: [[-1, -0.45], [0.1, -0.45], [0.1, -1], [1.15, 0], [0.1, 1], [0.1, 0.45], [-1, 0.45]],
    bubble: [[-1, -0.8], [1, -0.8], [1, 0.5], [-0.15, 0.5], [-0.65, 1.05], [-0.55, 0.5], [-1, 0.5]],
    burst: starPts(8, 1.15, 0.6),
    smallDiamond: [[0, -0.85], [0.85, 0], [0, 0.85], [-0.85, 0]]
  };
  function tracePath(ctx, shape, x, y, r) {
    if (shape === "dot" || !SHAPES[shape]) { ctx.arc(x, y, r, 0, 2 * Math.PI); return; }
    var p = SHAPES[shape];
    ctx.moveTo(x + p[0][0] * r, y + p[0][1] * r);
    for (var t = 1; t < p.length; t++) ctx.lineTo(x + p[t][0] * r, y + p[t][1] * r);
    ctx.closePath();
  }
  var SVGNS = "http://www.w3.org/2000/svg";
  function swatch(shape, color) {
    var svg = document.createElementNS(SVGNS, "svg");
    svg.setAttribute("width", "18"); svg.setAttribute("height", "18"); svg.setAttribute("aria-hidden", "true");
    var s;
    if (shape === "dot" || !SHAPES[shape]) {
      s = document.createElementNS(SVGNS, "circle"); s.setAttribute("cx", "9"); s.setAttribute("cy", "9"); s.setAttribute("r", "6.5");
    } else {
      s = document.createElementNS(SVGNS, "polygon");
      s.setAttribute("points", SHAPES[shape].map(function (p) { return (9 + p[0] * 6.8).toFixed(2) + "," + (9 + p[1] * 6.8).toFixed(2); }).join(" "));
    }
    s.setAttribute("fill", color); s.setAttribute("stroke", "#444"); s.setAttribute("stroke-width", "0.7");
    svg.appendChild(s);
    return svg;
  }
  function shapeOf(i) { var l = LEG[legendKey(i)]; return l ? l.shape : "dot"; }
  function colorOf(i) { var l = LEG[legendKey(i)]; return l ? l.color : "#a0a0a0"; }

  // ---- state ------------------------------------------------------------------------
  var S = { layout: "force", size: "talk", hide: {}, fold: true, only: null, expanded: {}, years: null, sel: -1 };
  var present = new Uint8Array(N), shown = new Uint8Array(N), dim = new Uint8Array(N);
  var fx = new Float64Array(N), fy = new Float64Array(N);
  info.forEach(function (x, i) { fx[i] = x.x || 0; fy[i] = x.y || 0; });
  var maxRank = 0;
  info.forEach(function (x) { if (x.rank > maxRank) maxRank = x.rank; });
  function importance(i) { return S.size === "rank" ? info[i].rank : info[i].talk; }
  function maxImportance() { return S.size === "rank" ? maxRank : D.max_talk; }
  function radius(i) {
    var m = maxImportance();
    return m > 0 ? Math.round((4 + 22 * Math.sqrt(importance(i) / m)) * 100) / 100 : 6;
  }
  function labelPx(i) { var m = maxImportance(); return m > 0 ? 11 + Math.round(5 * Math.sqrt(importance(i) / m)) : 11; }
  function labelText(i) {
    var s = info[i].label;
    if (s.length > 24) s = s.slice(0, 23).replace(/\s+$/, "") + "…";
    if (S.layout === "story" && info[i].kind === "Event" && info[i].date_inferred) s = "~" + s;
    return s;
  }

  // ---- the network --------------------------------------------------------------------
  function renderer(o) {
    var ctx = o.ctx, st = o.style, r = st.size, i = o.id;
    return {
      drawNode: function () {
        ctx.beginPath();
        tracePath(ctx, shapeOf(i), o.x, o.y, r);
        var hollow = S.layout === "story" && info[i].kind === "Event" && info[i].date_inferred;
        ctx.fillStyle = dim[i] ? DIM_FILL : hollow ? "#ffffff" : colorOf(i);
        ctx.fill();
        if (info[i].secondary_only) ctx.setLineDash([4, 3]);
        ctx.lineWidth = (o.state.selected ? 3 : o.state.hover ? 2 : info[i].cf.length ? 2.5 : hollow ? 2 : 1) ;
        ctx.strokeStyle = dim[i] ? DIM_BORDER : info[i].cf.length ? CONFLICT : o.state.selected ? "#111" : hollow ? colorOf(i) : "#3b4650";
        ctx.stroke();
        ctx.setLineDash([]);
      },
      nodeDimensions: { width: 2 * r, height: 2 * r }
    };
  }
  function visNode(i) {
    return { id: i, x: S.layout === "story" && info[i].sx !== undefined ? info[i].sx : fx[i],
             y: S.layout === "story" && info[i].sy !== undefined ? info[i].sy : fy[i],
             size: radius(i), shape: "custom", ctxRenderer: renderer, hidden: true,
             title: info[i].label + " (" + info[i].type + ")" };
  }
  var pairSeen = {};
  function visEdge(k) {
    var e = einfo[k], pair = Math.min(e.from, e.to) + "," + Math.max(e.from, e.to);
    var nth = pairSeen[pair] || 0;
    pairSeen[pair] = nth + 1;
    var out = { id: k, from: e.from, to: e.to };
    if (e.secondary_only) out.dashes = true;
    if (e.key === "kg:conflictsWith") { out.color = { color: CONFLICT, highlight: CONFLICT }; out.dashes = [2, 4]; out.width = 2; }
    else if (e.role) out.color = { color: "#c7ccd1", highlight: "#555" };
    if (nth) out.smooth = { enabled: true, type: nth % 2 ? "curvedCW" : "curvedCCW", roundness: 0.15 * ((nth + 1) >> 1) };
    out.hidden = edgeHiddenByLayout(k);
    return out;
  }
  function edgeHiddenByLayout(k) { return S.layout === "story" && !einfo[k].role; }
  var edgeIn = new Uint8Array(M);
  var initialNodes = [], initialEdges = [];
  // the state the URL asks for, before the first draw: the nodes start shown or hidden as it says
  var st0 = readHash(location.hash);
  S.layout = st0.layout; S.size = st0.size; S.hide = st0.hide; S.fold = st0.fold; S.only = st0.only;
  S.expanded = st0.expanded; S.years = st0.years;
  for (var i0 = 0; i0 < N; i0++) if (info[i0].drawn) present[i0] = 1;
  computeYearSet();
  for (var i1 = 0; i1 < N; i1++) {
    if (!present[i1]) continue;
    var vn = visNode(i1);
    shown[i1] = visible(i1) ? 1 : 0;
    vn.hidden = !shown[i1];
    initialNodes.push(vn);
  }
  for (var k0 = 0; k0 < M; k0++) if (present[einfo[k0].from] && present[einfo[k0].to]) { edgeIn[k0] = 1; initialEdges.push(visEdge(k0)); }
  var origEdgeColor = {};
  initialEdges.forEach(function (e) { origEdgeColor[e.id] = e.color || null; });

  var options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    physics: { enabled: false, solver: "forceAtlas2Based",
               forceAtlas2Based: { gravitationalConstant: -60, springLength: 90, avoidOverlap: 0.2 }, stabilization: { enabled: false } },
    interaction: { hover: N <= 3000, tooltipDelay: 300, hideEdgesOnDrag: initialNodes.length > 1500,
                   hideEdgesOnZoom: initialNodes.length > 1500, multiselect: false, keyboard: false },
    nodes: { borderWidth: 1 },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.4 } }, smooth: false,
             color: { color: "#c3cad1", highlight: "#222222", hover: "#222222", inherit: false }, width: 0.8, selectionWidth: 1.5 }
  };
  T.parsed = performance.now();
  var nodes = new vis.DataSet(initialNodes);
  var edges = new vis.DataSet(initialEdges);
  var network = new vis.Network($("network"), { nodes: nodes, edges: edges }, options);
  T.network = performance.now();
  var view = { timings: T, network: network, nodes: nodes, edges: edges, info: info, einfo: einfo, model: K, ready: false,
               state: S, present: present, shown: shown };
  window.kgView = view;

  // ---- labels, badges and the time axis, drawn over the network ------------------------
  var measureCtx = document.createElement("canvas").getContext("2d");
  var widths = {};
  function font(px, bold) { return (bold ? "600 " : "") + px + "px system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans CJK SC', sans-serif"; }
  function textWidth(text, px, bold) {
    var key = px + (bold ? "b" : "") + "|" + text, w = widths[key];
    if (w === undefined) { measureCtx.font = font(px, bold); w = widths[key] = measureCtx.measureText(text).width; }
    return w;
  }
  var placedLabels = [], placedBadges = [], lastKey = "", labelVersion = 0;
  function invalidateLabels() { labelVersion++; }
  function canvasSize() { var c = $("network").getBoundingClientRect(); return [c.width, c.height]; }
  function placeLabels() {
    var sc = network.getScale(), o = network.canvasToDOM({ x: 0, y: 0 }), wh = canvasSize(), W = wh[0], H = wh[1];
    var ids = [];
    for (var i = 0; i < N; i++) if (shown[i]) ids.push(i);
    var pos = network.getPositions(ids);
    function dom(i) { var p = pos[i]; return [o.x + p.x * sc, o.y + p.y * sc]; }
    var disks = [], items = [], badges = [];
    var sel = S.sel >= 0 && shown[S.sel] ? S.sel : -1, near = {};
    if (sel >= 0) adj[sel].forEach(function (k) { near[einfo[k].from] = true; near[einfo[k].to] = true; });
    ids.forEach(function (i) {
      var d = dom(i), r = radius(i) * sc;
      if (d[0] + r < -60 || d[0] - r > W + 60 || d[1] + r < -60 || d[1] - r > H + 60) return;
      disks.push({ id: i, x: d[0], y: d[1], r: Math.max(r, 2) });
      var kids = children[i], folded = 0;
      if (kids && !dim[i] && S.fold && !S.only && S.layout === "force" && !S.expanded[i]) kids.forEach(function (c) { if (present[c] && !S.hide[legendKey(c)]) folded++; });
      if (folded) {
        var txt = "+" + folded, bw = textWidth(txt, 10, true) + 8, bx = d[0] + r * 0.55, by = d[1] - r * 0.55 - 13;
        var badge = { id: i, x: bx, y: by, w: bw, h: 13, text: txt, at: true, badge: true };
        badges.push(badge);
      }
    });
    var cand = ids.filter(function (i) { return !dim[i]; });
    function rankOf(i) {
      if (i === sel) return 0;
      if (sel >= 0 && near[i]) return 1;
      if (info[i].kind === "Person" || info[i].kind === "Organization") return 3;
      return 4;
    }
    cand.sort(function (a, b) { return rankOf(a) - rankOf(b) || importance(b) - importance(a) || a - b; });
    var edgeItems = [];
    if (S.layout === "story" && D.story_axis) {  // the years of the time axis, first: nothing covers them
      var lastRight = -1e9, yTop = o.y + D.story_axis.band[0] * sc - 20;
      D.story_axis.ticks.forEach(function (t) {
        var txt = String(t[0]), w = textWidth(txt, 12, true) + 4, x = o.x + (t[1] + t[2]) / 2 * sc - w / 2;
        if (x > lastRight + 4 && x > 0 && x + w < W && yTop > 0 && yTop < H) {
          items.push({ id: "y" + t[0], x: x, y: yTop, w: w, h: 16, text: txt, px: 12, bold: true, at: true, color: "#3b4650", axis: true });
          lastRight = x + w;
        }
      });
    }
    if (sel >= 0) adj[sel].forEach(function (k) {
      var e = einfo[k];
      if (!edgeIn[k] || !shown[e.from] || !shown[e.to] || edgeHiddenByLayout(k) || !pos[e.from] || !pos[e.to]) return;
      var a = dom(e.from), b = dom(e.to), txt = e.label, w = textWidth(txt, 11, false) + 4;
      edgeItems.push({ id: "e" + k, x: (a[0] + b[0]) / 2, y: (a[1] + b[1]) / 2, r: 0, w: w, h: 14, text: txt, px: 11, edge: true });
    });
    var badgesDone = false;
    cand.forEach(function (i) {
      if (rankOf(i) > 1 && edgeItems.length) { edgeItems.forEach(function (x) { items.push(x); }); edgeItems = []; }
      if (rankOf(i) > 3 && !badgesDone) { badges.forEach(function (b) { items.push(b); }); badgesDone = true; }
      if (!pos[i]) return;
      var d = dom(i), r = radius(i) * sc;
      if (d[0] + r < -60 || d[0] - r > W + 60 || d[1] + r < -60 || d[1] - r > H + 60) return;
      var bold = i === sel, px = Math.max(labelPx(i), bold ? 14 : 0), txt = labelText(i);
      items.push({ id: i, x: d[0], y: d[1], r: r, w: textWidth(txt, px, bold) + 4, h: Math.round(px * 1.3), text: txt, px: px,
                   bold: bold, must: rankOf(i) <= 3, color: info[i].kind === "Event" ? "#2d3a46" : "#1d232a" });
    });
    edgeItems.forEach(function (x) { items.push(x); });
    if (!badgesDone) badges.forEach(function (b) { items.push(b); });
    var placed = kgPlaceLabels(items, disks, W, H);
    placedBadges = placed.filter(function (b) { return b.badge; });
    placedLabels = placed.filter(function (b) { return !b.badge; });
  }
  network.on("afterDrawing", function (ctx) {
    var sc = network.getScale(), vp = network.getViewPosition(), wh = canvasSize();
    var key = sc.toFixed(5) + "|" + vp.x.toFixed(2) + "|" + vp.y.toFixed(2) + "|" + wh.join("x") + "|" + labelVersion;
    if (key !== lastKey || S.physics) { placeLabels(); lastKey = key; }
    var pr = ctx.canvas.width / Math.max(ctx.canvas.clientWidth, 1);
    ctx.save();
    ctx.setTransform(pr, 0, 0, pr, 0, 0);
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    placedLabels.forEach(function (b) {
      ctx.font = font(b.px, b.bold);
      if (b.edge) {
        ctx.fillStyle = "rgba(255,255,255,0.85)";
        ctx.fillRect(b.x, b.y, b.w, b.h);
        ctx.fillStyle = "#555";
        ctx.fillText(b.text, b.x + 2, b.y + 1);
        return;
      }
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(255,255,255,0.92)";
      ctx.strokeText(b.text, b.x + 2, b.y + (b.h - b.px) / 2);
      ctx.fillStyle = b.color || "#1d232a";
      ctx.fillText(b.text, b.x + 2, b.y + (b.h - b.px) / 2);
    });
    placedBadges.forEach(function (b) {
      ctx.fillStyle = "#2b3440";
      ctx.beginPath();
      if (ctx.roundRect) ctx.roundRect(b.x, b.y, b.w, b.h, 6); else ctx.rect(b.x, b.y, b.w, b.h);
      ctx.fill();
      ctx.fillStyle = "#ffffff";
      ctx.font = font(10, true);
      ctx.fillText(b.text, b.x + 4, b.y + 1.5);
    });
    ctx.restore();
    if (!view.ready) {
      view.ready = true;
      view.readyMs = T.drawn = performance.now();
      document.body.setAttribute("data-ready", "1");
    }
  });
  network.on("beforeDrawing", function (ctx) {
    if (S.layout !== "story" || !D.story_axis) return;
    var A = D.story_axis, sc = network.getScale(), o = network.canvasToDOM({ x: 0, y: 0 });
    var pr = ctx.canvas.width / Math.max(ctx.canvas.clientWidth, 1);
    function X(x) { return o.x + x * sc; }
    function Y(y) { return o.y + y * sc; }
    ctx.save();
    ctx.setTransform(pr, 0, 0, pr, 0, 0);
    var top = Y(A.above - 40), bottom = Y(A.below + 40);
    A.ticks.forEach(function (t, n) {
      ctx.fillStyle = n % 2 ? "rgba(43,52,64,0.035)" : "rgba(43,52,64,0.075)";
      ctx.fillRect(X(t[1]), top, Math.max(X(t[2]) - X(t[1]), 1), bottom - top);
    });
    ctx.textBaseline = "bottom";
    ctx.strokeStyle = "#8d99a6";
    A.breaks.forEach(function (x) {
      ctx.beginPath(); ctx.moveTo(X(x) - 4, Y(A.band[0]) - 2); ctx.lineTo(X(x) + 4, Y(A.band[0]) + 6);
      ctx.moveTo(X(x) - 4, Y(A.band[0]) + 6); ctx.lineTo(X(x) + 4, Y(A.band[0]) + 14); ctx.stroke();
    });
    if (A.undated[2]) {
      ctx.fillStyle = "rgba(214,39,40,0.05)";
      var left = X(A.ticks.length ? A.ticks[0][1] : 0) - 20, right = Math.max(X(A.ticks.length ? A.ticks[A.ticks.length - 1][2] : 0), X(0)) + 400 * sc;
      ctx.fillRect(left, Y(A.undated[0]) - 8, right - left, Y(A.undated[1]) - Y(A.undated[0]) + 16);
      ctx.fillStyle = "#7a2222";
      ctx.font = font(12, true);
      ctx.fillText("Date unknown: " + fmt(A.undated[2]) + " events", left + 4, Y(A.undated[0]) - 10);
    }
    ctx.restore();
  });

  // ---- visibility: filters, presets, folding --------------------------------------------
  var onlySets;  // (no initialiser: the first draw uses these before this line runs)
  function onlySet(name) {
    onlySets = onlySets || {};
    if (onlySets[name]) return onlySets[name];
    var s = new Uint8Array(N);
    function withSubjects(i) {
      s[i] = 1;
      adj[i].forEach(function (k) { var e = einfo[k]; if (e.from === i && e.role && info[e.to].kind !== "Claim") s[e.to] = 1; });
    }
    if (name === "conflicts") CF.forEach(function (c) { c.A.concat(c.B).forEach(withSubjects); });
    if (name === "article") for (var i = 0; i < N; i++) if (info[i].secondary_only) withSubjects(i);
    return (onlySets[name] = s);
  }
  var yearSet;
  function computeYearSet() {
    yearSet = null;
    if (!S.years || !D.years) return;
    var a = S.years[0], b = S.years[1];
    if (a <= D.years[0] && b >= D.years[1]) return;
    yearSet = new Uint8Array(N);
    for (var i = 0; i < N; i++) {
      var y = info[i].year;
      if (info[i].kind === "Event" && y !== null && y >= a && y <= b) {
        yearSet[i] = 1;
        adj[i].forEach(function (k) { yearSet[einfo[k].from] = 1; yearSet[einfo[k].to] = 1; });
      }
    }
  }
  function visible(i) {
    if (!present[i]) return false;
    if (S.hide[legendKey(i)]) return false;
    if (S.layout === "story" && info[i].sx === undefined) return false;
    if (S.only && !onlySet(S.only)[i]) return false;
    if (yearSet && !yearSet[i]) return false;
    if (S.fold && !S.only && S.layout === "force" && info[i].fold >= 0 && !S.expanded[info[i].fold]) return false;
    return true;
  }
  var edgeHidden = new Uint8Array(M), lastLayout = S.layout;
  for (var k1 = 0; k1 < M; k1++) if (edgeIn[k1] && edgeHiddenByLayout(k1)) edgeHidden[k1] = 1;
  function apply(opts) {
    computeYearSet();
    var upd = [], count = 0;
    var relayout = lastLayout !== S.layout;
    for (var i = 0; i < N; i++) {
      var v = visible(i);
      if (v) count++;
      if (!present[i]) continue;
      var u = null;
      if (!!shown[i] !== v) { u = { id: i, hidden: !v }; shown[i] = v ? 1 : 0; }
      if (relayout) {
        u = u || { id: i };
        var story = S.layout === "story" && info[i].sx !== undefined;
        u.x = story ? info[i].sx : fx[i];
        u.y = story ? info[i].sy : fy[i];
      }
      if (opts && opts.resize) { u = u || { id: i }; u.size = radius(i); }
      if (u) upd.push(u);
    }
    if (upd.length) nodes.update(upd);
    if (relayout) {
      var eu = [];
      for (var k = 0; k < M; k++) {
        if (!edgeIn[k]) continue;
        var h = edgeHiddenByLayout(k);
        if (!!edgeHidden[k] !== h) { edgeHidden[k] = h ? 1 : 0; eu.push({ id: k, hidden: h }); }
      }
      if (eu.length) edges.update(eu);
      lastLayout = S.layout;
    }
    view.shownCount = count;
    if (S.sel >= 0 && !shown[S.sel]) { S.sel = -1; clearHighlight(); }
    refreshLegend();
    refreshStatus();
    refreshPresetButtons();
    invalidateLabels();
    network.redraw();
    saveState();
  }
  function shownIds() { var out = []; for (var i = 0; i < N; i++) if (shown[i]) out.push(i); return out; }
  /* frame what is shown, labels included: vis-network's fit sees only the nodes, so the
     labels of nodes at the edge would fall outside the canvas */
  function fit() {
    var ids = shownIds(), wh = canvasSize();
    if (!ids.length || !wh[0] || !wh[1]) { network.fit({ animation: false }); invalidateLabels(); return; }
    var pos = network.getPositions(ids), s = network.getScale() || 1, box = null;
    var ranked = ids.slice().sort(function (a, b) { return importance(b) - importance(a) || a - b; }), top = {};
    ranked.slice(0, 20).forEach(function (i) { top[i] = true; });
    for (var round = 0; round < 4; round++) {
      var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      ids.forEach(function (i) {
        var p = pos[i], r = radius(i), lw = 0, lh = 0;
        if (top[i] || info[i].kind === "Person" || info[i].kind === "Organization") {
          lw = (textWidth(labelText(i), labelPx(i), false) / 2 + 4) / s;
          lh = (labelPx(i) * 1.3 + 4) / s;
        }
        x0 = Math.min(x0, p.x - Math.max(r, lw)); x1 = Math.max(x1, p.x + Math.max(r, lw));
        y0 = Math.min(y0, p.y - r - 2 / s); y1 = Math.max(y1, p.y + r + lh);
      });
      box = [x0, y0, x1, y1];
      s = Math.min(wh[0] / Math.max(x1 - x0, 1), wh[1] / Math.max(y1 - y0, 1)) * 0.97;
      s = Math.max(0.02, Math.min(s, 2.5));
    }
    network.moveTo({ position: { x: (box[0] + box[2]) / 2, y: (box[1] + box[3]) / 2 }, scale: s, animation: false });
    invalidateLabels();
  }
  view.fit = fit;
  view.shownIds = shownIds;

  function preset(name) {
    var all = {
    overview: function () { return { layout: "force", hide: {}, fold: true, only: null }; },
    people: function () {
      var hide = {};
      D.legend.forEach(function (l) { if (l.key !== "Person" && l.key !== "Organization") hide[l.key] = true; });
      return { layout: "force", hide: hide, fold: true, only: null };
    },
    events: function () {
      var hide = {};
      D.legend.forEach(function (l) { if (l.key === "Claim") hide[l.key] = true; });
      return { layout: "story", hide: hide, fold: true, only: null };
    },
    conflicts: function () { return { layout: "force", hide: {}, fold: true, only: "conflicts" }; },
    article: function () { return { layout: "force", hide: {}, fold: true, only: "article" }; }
  };
    return Object.prototype.hasOwnProperty.call(all, name) ? all[name]() : null;
  }
  var PRESET_NAMES = ["overview", "people", "events", "conflicts", "article"];

  function sameHide(a, b) {
    var ka = Object.keys(a).filter(function (k) { return a[k]; }).sort(), kb = Object.keys(b).filter(function (k) { return b[k]; }).sort();
    return ka.join(",") === kb.join(",");
  }
  function currentPreset() {
    for (var t = 0; t < PRESET_NAMES.length; t++) {
      var name = PRESET_NAMES[t], p = preset(name);
      if (p.layout === S.layout && p.fold === S.fold && p.only === S.only && sameHide(p.hide, S.hide) && !yearSet) return name;
    }
    return "";
  }
  function usePreset(name) {
    var p = preset(name);
    S.layout = p.layout; S.hide = p.hide; S.fold = p.fold; S.only = p.only; S.expanded = {};
    S.years = null;
    if (D.years) { yFrom.value = D.years[0]; yTo.value = D.years[1]; }
    syncControls();
    apply();
    fit();
  }
  view.usePreset = usePreset;
  function refreshPresetButtons() {
    var cur = currentPreset();
    Array.prototype.forEach.call(document.querySelectorAll("#presets button"), function (b) {
      b.className = b.getAttribute("data-preset") === cur ? "on" : "";
    });
    view.preset = cur;
  }
  Array.prototype.forEach.call(document.querySelectorAll("#presets button"), function (b) {
    b.addEventListener("click", function () { usePreset(b.getAttribute("data-preset")); });
  });

  // legend: families first, then kinds; each a filter with shown / total counts
  var legendBox = $("legend-types"), legendRows = {};
  var lastGroup = "";
  D.legend.forEach(function (l) {
    if (l.group !== lastGroup) { legendBox.appendChild(el("div", "legend-group", l.group)); lastGroup = l.group; }
    var lab = el("label");
    lab.title = l.types.join(", ");
    var cb = el("input"); cb.type = "checkbox"; cb.checked = true; cb.setAttribute("data-key", l.key);
    cb.addEventListener("change", function () { S.hide[l.key] = !cb.checked; if (!S.hide[l.key]) delete S.hide[l.key]; apply(); });
    lab.appendChild(cb);
    lab.appendChild(swatch(l.shape, l.color));
    lab.appendChild(el("span", "name", l.label));
    var cnt = el("span", "count", fmt(l.count));
    lab.appendChild(cnt);
    legendBox.appendChild(lab);
    legendRows[l.key] = { label: lab, box: cb, count: cnt, total: l.count };
  });
  function refreshLegend() {
    var per = {};
    for (var i = 0; i < N; i++) if (shown[i]) { var key = legendKey(i); per[key] = (per[key] || 0) + 1; }
    Object.keys(legendRows).forEach(function (key) {
      var r = legendRows[key];
      r.box.checked = !S.hide[key];
      r.label.className = S.hide[key] ? "off" : "";
      r.count.textContent = fmt(per[key] || 0) + " / " + fmt(r.total);
    });
    var folded = 0;
    for (var j = 0; j < N; j++) if (present[j] && info[j].fold >= 0 && !shown[j] && S.fold && !S.expanded[info[j].fold]) folded++;
    $("fold-count").textContent = S.fold ? "(" + fmt(folded) + " folded)" : "";
    $("fold").checked = S.fold;
  }
  $("fold").addEventListener("change", function (ev) { S.fold = ev.target.checked; S.expanded = {}; apply(); });
  function refreshStatus() {
    var drawnNow = 0;
    for (var i = 0; i < N; i++) if (present[i]) drawnNow++;
    var text = "Showing " + fmt(view.shownCount) + " of the " + fmt(N) + " nodes this page holds";
    if (drawnNow < N) text += " (" + fmt(drawnNow) + " drawn so far; search finds the rest)";
    text += ".";
    if (S.only === "conflicts") text += " Only the claims of the " + fmt(CF.length) + " conflicts and what they are about.";
    if (S.only === "article") text += " Only what the article alone states, and what it is about.";
    if (S.layout === "story") text += " Story: events by date, undated ones in their own band; the entities they involve beside them.";
    $("status").textContent = text;
  }

  // years
  var yFrom = $("year-from"), yTo = $("year-to");
  if (D.years) {
    [yFrom, yTo].forEach(function (inp) { inp.min = D.years[0]; inp.max = D.years[1]; });
    yFrom.value = D.years[0]; yTo.value = D.years[1];
  } else {
    $("years").hidden = true;
  }
  function readYears() {
    if (!D.years) return;
    var a = parseInt(yFrom.value, 10), b = parseInt(yTo.value, 10);
    if (isNaN(a)) a = D.years[0];
    if (isNaN(b)) b = D.years[1];
    S.years = a <= D.years[0] && b >= D.years[1] ? null : [a, b];
    apply();
  }
  yFrom.addEventListener("change", readYears);
  yTo.addEventListener("change", readYears);
  $("year-reset").addEventListener("click", function () { if (D.years) { yFrom.value = D.years[0]; yTo.value = D.years[1]; } readYears(); });

  // layout, size, physics, fit
  function syncControls() {
    $("layout-force").className = S.layout === "force" ? "on" : "";
    $("layout-story").className = S.layout === "story" ? "on" : "";
    $("size").value = S.size;
    $("help-size").textContent = S.size === "rank" ? "Size: importance in the network (PageRank)." : "Size: how much the sources say (distinct cited sentences).";
    if (D.years) {
      yFrom.value = S.years ? S.years[0] : D.years[0];
      yTo.value = S.years ? S.years[1] : D.years[1];
    }
  }
  function setLayout(name) { if (S.layout === name) return; S.layout = name; syncControls(); apply(); fit(); }
  view.setLayout = setLayout;
  $("layout-force").addEventListener("click", function () { setLayout("force"); });
  $("layout-story").addEventListener("click", function () { setLayout("story"); });
  $("size").addEventListener("change", function (ev) { S.size = ev.target.value; syncControls(); apply({ resize: true }); });
  $("physics").addEventListener("change", function (ev) {
    S.physics = ev.target.checked;
    network.setOptions({ physics: { enabled: ev.target.checked } });
  });
  network.on("dragging", invalidateLabels);
  network.on("dragEnd", function (p) {
    if (S.layout === "force" && p.nodes.length) {
      var pos = network.getPositions(p.nodes);
      p.nodes.forEach(function (i) { fx[i] = pos[i].x; fy[i] = pos[i].y; });
    }
    invalidateLabels();
  });
  $("fit").addEventListener("click", fit);

  // ---- drawing nodes the page holds but did not draw ------------------------------------
  function ensurePresent(i) {
    if (present[i]) return;
    var around = [];
    adj[i].forEach(function (k) { var e = einfo[k], o = e.from === i ? e.to : e.from; if (present[o]) around.push(o); });
    var cx = 0, cy = 0;
    if (around.length) {
      around.forEach(function (o) { cx += fx[o]; cy += fy[o]; });
      cx /= around.length; cy /= around.length;
      cx += 30; cy += 30;
    } else {
      var c = network.getViewPosition(); cx = c.x; cy = c.y;
    }
    var add = [i], seen = {};
    seen[i] = true;
    var others = [];
    adj[i].forEach(function (k) { var e = einfo[k], o = e.from === i ? e.to : e.from; if (!present[o] && !seen[o]) { seen[o] = true; others.push(o); } });
    others.sort(function (a, b) { return importance(b) - importance(a) || a - b; });
    others = others.slice(0, 40);
    fx[i] = cx; fy[i] = cy;
    others.forEach(function (o, t) {
      var ang = 2 * Math.PI * t / Math.max(others.length, 1);
      fx[o] = cx + 70 * Math.cos(ang); fy[o] = cy + 70 * Math.sin(ang);
      add.push(o);
    });
    var newNodes = add.map(function (n) { present[n] = 1; return visNode(n); });
    nodes.add(newNodes);
    var newEdges = [];
    add.forEach(function (n) {
      adj[n].forEach(function (k) {
        var e = einfo[k];
        if (!edgeIn[k] && present[e.from] && present[e.to]) { edgeIn[k] = 1; var ve = visEdge(k); origEdgeColor[k] = ve.color || null; newEdges.push(ve); }
      });
    });
    if (newEdges.length) edges.add(newEdges);
  }
  view.ensurePresent = ensurePresent;

  // ---- search: every node the page holds -------------------------------------------------
  var names = info.map(function (x) {
    var all = [x.label];
    if (x.label_zh) all.push(x.label_zh);
    x.aliases.forEach(function (a) { all.push(a); });
    return all.map(function (s) { return [norm(s), s]; });
  });
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
      if (best < 9) hits.push([best, -info[i].talk, -info[i].rank, i, via]);
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]; });
    return hits.slice(0, limit || 12).map(function (h) { return { id: h[3], via: h[4] }; });
  }
  view.search = search;
  var results = $("results"), searchBox = $("search"), activeHit = 0, hits = [];
  function showResults() {
    hits = search(searchBox.value);
    results.textContent = "";
    activeHit = 0;
    if (!hits.length) {
      if (norm(searchBox.value)) results.appendChild(el("li", "none", "No match among the " + fmt(N) + " nodes"));
      results.hidden = !norm(searchBox.value);
      return;
    }
    hits.forEach(function (h, k) {
      var x = info[h.id], li = el("li", k === 0 ? "active" : "");
      li.setAttribute("role", "option");
      li.appendChild(el("span", "name", x.label));
      li.appendChild(el("span", "type", x.type));
      if (!present[h.id]) li.appendChild(el("span", "undrawn", "not drawn yet"));
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

  // ---- selection and neighbours ----------------------------------------------------------
  var edgeDim = new Uint8Array(M), dimmed = false;
  function edgeStyle(k, d) {
    if (d) return { id: k, color: { color: "#e6e9ec", inherit: false } };
    return { id: k, color: origEdgeColor[k] || { color: "#c3cad1", inherit: false } };
  }
  function setDim(keep, keepEdges) {
    var eupd = [];
    for (var j = 0; j < N; j++) dim[j] = keep !== null && !keep[j] ? 1 : 0;
    for (var k = 0; k < M; k++) {
      if (!edgeIn[k]) continue;
      var de = keepEdges !== null && !keepEdges[k];
      if (!!edgeDim[k] !== de) { edgeDim[k] = de ? 1 : 0; eupd.push(edgeStyle(k, de)); }
    }
    if (eupd.length) edges.update(eupd);
    invalidateLabels();
    network.redraw();
  }
  function highlight(i) {
    var keep = {}, keepEdges = {};
    keep[i] = true;
    adj[i].forEach(function (k) { var e = einfo[k]; keep[e.from] = true; keep[e.to] = true; keepEdges[k] = true; });
    setDim(keep, keepEdges);
    dimmed = true;
  }
  function clearHighlight() { if (!dimmed) return; setDim(null, null); dimmed = false; }
  view.isDimmed = function (i) { return !!dim[i]; };
  function reveal(i) {
    // whatever hides the node gives way: not drawn, folded, filtered, not in the story
    ensurePresent(i);
    var changed = false;
    if (S.hide[legendKey(i)]) { delete S.hide[legendKey(i)]; changed = true; }
    if (S.only && !onlySet(S.only)[i]) { S.only = null; changed = true; }
    if (yearSet && !yearSet[i]) { S.years = null; changed = true; }
    if (S.layout === "story" && info[i].sx === undefined) { S.layout = "force"; changed = true; }
    if (S.fold && !S.only && S.layout === "force" && info[i].fold >= 0 && !S.expanded[info[i].fold]) { S.expanded[info[i].fold] = true; changed = true; }
    if (changed) syncControls();
    apply();
  }
  function select(i) {
    S.sel = i;
    network.selectNodes([i]);
    highlight(i);
    showNode(i);
    saveState();
  }
  function focusNode(i, opts) {
    reveal(i);
    select(i);
    if (!opts || opts.move !== false) {
      var scale = Math.max(network.getScale(), 1.0);
      network.focus(i, { scale: scale, animation: opts && opts.animate === false ? false : { duration: 300, easingFunction: "easeInOutQuad" } });
    }
  }
  view.focusNode = focusNode;
  function toggleFold(i) {
    if (S.expanded[i]) delete S.expanded[i]; else S.expanded[i] = true;
    apply();
    if (S.sel === i) showNode(i);
  }
  view.toggleFold = toggleFold;
  function hitBox(list, p) {
    for (var t = list.length - 1; t >= 0; t--) {
      var b = list[t];
      if (p.x >= b.x && p.x <= b.x + b.w && p.y >= b.y && p.y <= b.y + b.h) return b;
    }
    return null;
  }
  network.on("click", function (p) {
    var badge = hitBox(placedBadges, p.pointer.DOM);
    if (badge) { toggleFold(badge.id); select(badge.id); return; }
    if (p.nodes.length) { select(p.nodes[0]); return; }
    var lab = hitBox(placedLabels, p.pointer.DOM);
    if (lab && !lab.edge) { select(lab.id); return; }
    if (p.edges.length) { S.sel = -1; clearHighlight(); showEdge(p.edges[0]); saveState(); return; }
    S.sel = -1; clearHighlight(); hidePanel(); saveState();
  });
  view.labelBoxes = function () {
    return placedLabels.map(function (b) { return { id: b.id, text: b.text, x: b.x, y: b.y, w: b.w, h: b.h, edge: !!b.edge }; });
  };
  view.badgeBoxes = function () { return placedBadges.map(function (b) { return { id: b.id, text: b.text, x: b.x, y: b.y, w: b.w, h: b.h }; }); };

  // ---- side panel: details ----------------------------------------------------------------
  var panel = $("panel"), body = $("panel-body"), reader = $("reader");
  function showTab(name) {
    panel.hidden = false;
    body.hidden = name !== "details";
    reader.hidden = name !== "reader";
    $("tab-details").className = name === "details" ? "on" : "";
    $("tab-reader").className = name === "reader" ? "on" : "";
    if (name === "reader") RD.choices();
  }
  $("tab-details").addEventListener("click", function () { showTab("details"); });
  $("tab-reader").addEventListener("click", function () { showTab("reader"); RD.showFirst(); });
  $("reader-open").addEventListener("click", function () { showTab("reader"); RD.showFirst(); });
  $("panel-close").addEventListener("click", function () { hidePanel(); network.unselectAll(); S.sel = -1; clearHighlight(); saveState(); });
  function hidePanel() { panel.hidden = true; }
  function linkTo(i) {
    var b = el("button", "link", info[i].label);
    b.type = "button";
    b.addEventListener("click", function () { focusNode(i); });
    return b;
  }
  function quotes(parent, refs) {
    refs.forEach(function (r) {
      var ev = EV[r]; // [source iri, source label, quote, secondary, translation, doubt, source index, [start, end], [sentences]]
      var q = el("blockquote", ev[3] ? "secondary" : "", ev[2]);
      q.setAttribute("data-ev", r);
      parent.appendChild(q);
      if (ev[4]) parent.appendChild(el("p", "translation", "Curator's translation: " + ev[4]));
      if (ev[5]) parent.appendChild(el("p", "doubt", "Doubt: " + ev[5]));
      var c = el("cite", "", "— " + (ev[1] || ev[0]) + (ev[3] ? " (secondary source)" : " (primary source)"));
      c.title = ev[0];
      if (ev[6] >= 0 && ev[8] && ev[8].length) {
        var go = el("button", "link in-source", "in the source ↗");
        go.type = "button";
        go.setAttribute("data-ev", r);
        go.addEventListener("click", function () { openInReader(r); });
        c.appendChild(document.createTextNode(" "));
        c.appendChild(go);
      }
      parent.appendChild(c);
    });
  }
  function row(dl, key, value) {
    if (value === "" || value === null || value === undefined) return;
    dl.appendChild(el("dt", "", key));
    dl.appendChild(el("dd", "", value));
  }
  function factLine(k, within) {
    var e = einfo[k], line = el("span", "fact");
    if (e.role && within !== undefined) {
      line.appendChild(document.createTextNode(e.label + ": "));
      line.appendChild(linkTo(e.to));
    } else {
      line.appendChild(linkTo(e.from));
      line.appendChild(document.createTextNode(" " + e.label + " "));
      line.appendChild(linkTo(e.to));
    }
    if (e.secondary_only) line.appendChild(el("span", "badge secondary", "only the article"));
    if (e.key === "kg:conflictsWith") line.appendChild(el("span", "badge conflict", "conflict"));
    return line;
  }
  function download(name, mime, text) {
    var a = el("a");
    a.href = URL.createObjectURL(new Blob([text], { type: mime }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }
  var pageTitle = document.title;
  view.dossier = function (i, format) { return format === "html" ? K.dossierHTML(i, pageTitle) : K.dossierMarkdown(i, pageTitle); };
  function conflictBox(parent, c, i) {
    var C = CF[c], box = el("div", "conflict-box");
    box.appendChild(el("strong", "", "⚠ " + (C.label || "Conflict") + (C.kind ? " (" + C.kind + ")" : "")));
    if (C.note) box.appendChild(el("p", "", C.note));
    [["A", "Side A: the primary source, or the original"], ["B", "Side B: the other reading"]].forEach(function (s) {
      var side = el("div", "side side-" + s[0]);
      side.appendChild(el("div", "side-title", s[1]));
      C[s[0]].forEach(function (n) {
        var who = el("div", "side-claim");
        who.appendChild(linkTo(n));
        if (n === i) who.appendChild(el("span", "badge", "this"));
        side.appendChild(who);
        quotes(side, info[n].ev);
      });
      box.appendChild(side);
    });
    parent.appendChild(box);
  }
  function showNode(i) {
    var x = info[i];
    body.textContent = "";
    body.appendChild(el("h2", "", x.label));
    if (x.label_zh) body.appendChild(el("div", "zh", x.label_zh));
    var badges = el("div");
    badges.appendChild(el("span", "badge", (x.kind === x.type ? x.type : x.kind + " · " + x.type) +
                          (x.kind === "Event" && LEG[x.fam] ? " · " + LEG[x.fam].label : "")));
    if (x.secondary_only) badges.appendChild(el("span", "badge secondary", x.kind === "Event" || x.kind === "Claim" ? "only the article states this" : "only the article mentions this"));
    if (x.cf.length) badges.appendChild(el("span", "badge conflict", "conflicting claims"));
    body.appendChild(badges);
    var tools = el("div", "tools");
    [["md", "Dossier (Markdown)", "text/markdown"], ["html", "Dossier (HTML)", "text/html"]].forEach(function (f) {
      var b = el("button", "tool dossier-" + f[0], f[1]);
      b.type = "button";
      b.addEventListener("click", function () { download("report-" + K.slug(i) + "." + f[0], f[2] + ";charset=utf-8", view.dossier(i, f[0])); });
      tools.appendChild(b);
    });
    if (children[i]) {
      var n = children[i].length, fb = el("button", "tool fold-" + (S.expanded[i] ? "close" : "open"),
        (S.expanded[i] ? "Fold the " : "Unfold the ") + n + " claims and minor events");
      fb.type = "button";
      fb.addEventListener("click", function () { toggleFold(i); });
      if (S.fold && S.layout === "force" && !S.only) tools.appendChild(fb);
    }
    body.appendChild(tools);
    if (x.lite) body.appendChild(el("p", "note", "This page carries the names and links of this node, not its description or quotes (the graph is large); `kg show` or `kg report` prints them."));
    if (x.description) body.appendChild(el("p", "description", x.description));
    var dl = el("dl");
    K.facts(i).forEach(function (r) { row(dl, r[0], r[1]); });
    row(dl, "IRI", x.iri);
    body.appendChild(dl);
    if (x.ev.length) { body.appendChild(el("h3", "", "Evidence")); quotes(body, x.ev); }
    var grouped = K.groupsOf(i), cfs = K.conflictsOf(i, grouped);
    if (cfs.length) {
      body.appendChild(el("h3", "", "Conflicts (" + cfs.length + ")"));
      cfs.forEach(function (c) { conflictBox(body, c, i); });
    }
    var nFacts = grouped.other.length;
    grouped.groups.forEach(function (g) { nFacts += g.facts.length; });
    if (nFacts) {
      var h = el("h3", "", "Facts (" + nFacts + ") by event, in date order ");
      var all = el("button", "link", "collapse all");
      all.type = "button";
      all.addEventListener("click", function () {
        var open = all.textContent === "expand all";
        Array.prototype.forEach.call(body.querySelectorAll("details.group"), function (d) { d.open = open; });
        all.textContent = open ? "collapse all" : "expand all";
      });
      h.appendChild(all);
      body.appendChild(h);
      grouped.groups.forEach(function (g) {
        var y = info[g.node], d = el("details", "group");
        d.open = true;
        var s = el("summary");
        s.appendChild(el("span", "when", K.when(y)));
        s.appendChild(document.createTextNode(" "));
        if (g.node === i) s.appendChild(el("strong", "", y.label)); else s.appendChild(linkTo(g.node));
        s.appendChild(el("span", "type", y.type));
        if (y.secondary_only) s.appendChild(el("span", "badge secondary", "only the article"));
        if (y.cf.length) s.appendChild(el("span", "badge conflict", "conflict"));
        d.appendChild(s);
        if (g.node !== i) quotes(d, y.ev);
        var ul = el("ul", "facts");
        g.facts.forEach(function (f) {
          var li = el("li");
          li.appendChild(factLine(f[0], g.node));
          quotes(li, f[1]);
          ul.appendChild(li);
        });
        d.appendChild(ul);
        body.appendChild(d);
      });
      if (grouped.other.length) {
        var d2 = el("details", "group");
        d2.open = true;
        d2.appendChild(el("summary", "", "Other facts (" + grouped.other.length + ")"));
        var ul2 = el("ul", "facts");
        grouped.other.forEach(function (f) {
          var li = el("li");
          li.appendChild(factLine(f[0]));
          if (einfo[f[0]].note) li.appendChild(el("p", "", einfo[f[0]].note));
          quotes(li, f[1]);
          ul2.appendChild(li);
        });
        d2.appendChild(ul2);
        body.appendChild(d2);
      }
    }
    showTab("details");
    body.scrollTop = 0;
  }
  function showEdge(k) {
    var e = einfo[k];
    body.textContent = "";
    body.appendChild(el("h2", "", e.label));
    var p = el("p");
    p.appendChild(factLine(k));
    body.appendChild(p);
    if (e.note) body.appendChild(el("p", "", e.note));
    if (e.outcome) body.appendChild(el("p", "", "Outcome: " + e.outcome));
    var events = e.dv.length ? e.dv : e.derived_from >= 0 ? [[e.derived_from, e.ev]] : [];
    events.forEach(function (d) {
      var q = el("p", "", "Derived from the event ");
      q.appendChild(linkTo(d[0]));
      q.appendChild(document.createTextNode(" (" + K.when(info[d[0]]) + ")"));
      body.appendChild(q);
      quotes(body, d[1]);
    });
    if (!events.length) quotes(body, e.ev);
    showTab("details");
  }
  view.showEdge = showEdge;

  // ---- the reader (view-reader.js) ------------------------------------------------------------
  var RD = kgReader(D, K, { el: el, fmt: fmt, $: $, showTab: showTab, linkTo: linkTo, reveal: reveal, showEdge: showEdge });
  function openInReader(r) { RD.openInReader(r); view.readerCurrent = r; }
  view.openInReader = openInReader;
  view.showCiting = RD.showCitingAt;

  // ---- the URL fragment keeps the state -----------------------------------------------------
  function localName(iri) { return iri.indexOf(KGR) === 0 ? iri.slice(KGR.length) : iri; }
  function fromLocal(name) { var i = byIri[KGR + name]; if (i === undefined) i = byIri[name]; return i === undefined ? -1 : i; }
  var restoring = false;
  function stateHash() {
    var p = [];
    var preset = currentPreset();
    if (preset && preset !== "overview") p.push("view=" + preset);
    else if (!preset) {
      if (S.layout !== "force") p.push("layout=" + S.layout);
      var hid = Object.keys(S.hide).filter(function (k) { return S.hide[k]; }).sort();
      if (hid.length) p.push("hide=" + hid.map(encodeURIComponent).join(","));
      if (!S.fold) p.push("fold=0");
      if (S.only) p.push("only=" + S.only);
    }
    if (S.years) p.push("years=" + S.years[0] + "-" + S.years[1]);
    var open = Object.keys(S.expanded).map(Number).sort(function (a, b) { return a - b; }).map(function (i) { return encodeURIComponent(localName(info[i].iri)); });
    if (open.length) p.push("open=" + open.join(","));
    if (S.size !== "talk") p.push("size=" + S.size);
    if (S.sel >= 0) p.push("sel=" + encodeURIComponent(localName(info[S.sel].iri)));
    return p.join("&");
  }
  function saveState() {
    if (restoring) return;
    var h = stateHash();
    view.hash = h;
    if (location.hash.replace(/^#/, "") !== h) {
      try { history.replaceState(null, "", h ? "#" + h : location.pathname + location.search); } catch (e) { /* a sandboxed page */ }
    }
  }
  function readHash(hash) {
    var st = { layout: "force", size: "talk", hide: {}, fold: true, only: null, expanded: {}, years: null, sel: -1 };
    var params = {};
    hash.replace(/^#/, "").split("&").forEach(function (kv) {
      if (!kv) return;
      var at = kv.indexOf("=");
      params[at < 0 ? kv : kv.slice(0, at)] = at < 0 ? "" : kv.slice(at + 1);
    });
    var p = params.view ? preset(params.view) : null;
    if (p) {
      st.layout = p.layout; st.hide = p.hide; st.fold = p.fold; st.only = p.only;
    }
    if (params.layout === "story" || params.layout === "force") st.layout = params.layout;
    if (params.hide) params.hide.split(",").forEach(function (k) { k = decodeURIComponent(k); if (LEG[k]) st.hide[k] = true; });
    if (params.fold === "0") st.fold = false;
    if (params.only === "conflicts" || params.only === "article") st.only = params.only;
    if (params.years) {
      var m = /^(-?\d+)-(-?\d+)$/.exec(params.years);
      if (m) st.years = [parseInt(m[1], 10), parseInt(m[2], 10)];
    }
    if (params.open) params.open.split(",").forEach(function (n) { var i = fromLocal(decodeURIComponent(n)); if (i >= 0) st.expanded[i] = true; });
    if (params.size === "rank") st.size = "rank";
    if (params.sel) st.sel = fromLocal(decodeURIComponent(params.sel));
    return st;
  }
  function restore(hash, first) {
    var st = readHash(hash);
    restoring = true;
    S.layout = st.layout; S.size = st.size; S.hide = st.hide; S.fold = st.fold; S.only = st.only; S.expanded = st.expanded; S.years = st.years;
    syncControls();
    apply({ resize: !first });
    if (st.sel >= 0) { reveal(st.sel); S.sel = st.sel; network.selectNodes([st.sel]); highlight(st.sel); showNode(st.sel); }
    else { S.sel = -1; network.unselectAll(); clearHighlight(); if (!first) hidePanel(); }
    fit();
    restoring = false;
    saveState();
  }
  window.addEventListener("hashchange", function () { if (location.hash.replace(/^#/, "") !== view.hash) restore(location.hash, false); });
  view.restore = restore;

  restore(location.hash, true);
})();
