/* story-kg view: label placement. Given the labels to draw in order of importance (screen
   positions of their nodes, the measured size of their text), place each at the first of a
   few positions around its node (a label that must be drawn: also a second and third ring
   further out) where it overlaps no label already placed (and, if it can,
   no other node), inside the canvas; a label with no free position is left out, to come back
   when the reader zooms in. */
function kgPlaceLabels(items, disks, W, H) {
  "use strict";
  var CELL = 48, grid = {}, diskGrid = {}, placed = [];
  function cells(x0, y0, x1, y1, f) {
    var a = Math.floor(x0 / CELL), b = Math.floor(x1 / CELL), c = Math.floor(y0 / CELL), d = Math.floor(y1 / CELL);
    for (var gx = a; gx <= b; gx++) for (var gy = c; gy <= d; gy++) if (f(gx + "," + gy) === false) return false;
    return true;
  }
  function free(g, x, y, w, h, skip) {
    return cells(x, y, x + w, y + h, function (key) {
      var list = g[key];
      if (!list) return true;
      for (var t = 0; t < list.length; t++) {
        var o = list[t];
        if (o.id === skip) continue;
        if (x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h) return false;
      }
      return true;
    });
  }
  function put(g, box) { cells(box.x, box.y, box.x + box.w, box.y + box.h, function (key) { (g[key] = g[key] || []).push(box); }); }
  disks.forEach(function (d) { put(diskGrid, { id: d.id, x: d.x - d.r, y: d.y - d.r, w: 2 * d.r, h: 2 * d.r }); });
  items.forEach(function (it) {
    if (it.fixed) { put(grid, it); placed.push(it); return; }
    var r = it.r, gap = 2, w = it.w, h = it.h;
    var cands = it.at ? [[it.x, it.y]] : it.edge ? [[it.x - w / 2, it.y - h / 2], [it.x - w / 2, it.y - h * 1.6], [it.x - w / 2, it.y + h * 0.6],
                                                     [it.x + 4, it.y - h / 2], [it.x - w - 4, it.y - h / 2]] : [
      [it.x - w / 2, it.y + r + gap],            // below
      [it.x - w / 2, it.y - r - gap - h],        // above
      [it.x + r + gap + 1, it.y - h / 2],        // right
      [it.x - r - gap - 1 - w, it.y - h / 2],    // left
      [it.x + r * 0.7, it.y + r * 0.7],          // below right
      [it.x - r * 0.7 - w, it.y + r * 0.7],      // below left
      [it.x + r * 0.7, it.y - r * 0.7 - h],      // above right
      [it.x - r * 0.7 - w, it.y - r * 0.7 - h]   // above left
    ];
    if (it.must && !it.at && !it.edge) {  // a label that must be drawn may also sit a little further out
      [h + 2, 2 * h + 4].forEach(function (far) {
        cands.push([it.x - w / 2, it.y + r + gap + far], [it.x - w / 2, it.y - r - gap - h - far],
                   [it.x + r + gap + 1 + far, it.y - h / 2], [it.x - r - gap - 1 - w - far, it.y - h / 2]);
      });
    }
    var pick = null, fallback = null;
    for (var c = 0; c < cands.length; c++) {
      var x = cands[c][0], y = cands[c][1];
      if (x < 1 || y < 1 || x + w > W - 1 || y + h > H - 1) continue;
      if (!free(grid, x, y, w, h, null)) continue;
      if (free(diskGrid, x, y, w, h, it.id)) { pick = [x, y]; break; }
      if (!fallback) fallback = [x, y];
    }
    if (!pick && it.must) pick = fallback;
    if (!pick) return;
    var box = { id: it.id, x: pick[0], y: pick[1], w: w, h: h, text: it.text, px: it.px, bold: it.bold, edge: it.edge, color: it.color, badge: it.badge, axis: it.axis };
    put(grid, box);
    placed.push(box);
  });
  return placed;
}
