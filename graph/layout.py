"""Positions and importance for the HTML view, in numpy: seeded, so the same graph
gives the same page bytes.

>>> pos = layout_positions(4, [(0, 1), (1, 2), (2, 3)])
>>> pos.shape, bool((abs(pos) <= 1.0).all())
((4, 2), True)
>>> pr = pagerank(3, [(0, 1), (2, 1)])
>>> int(pr.argmax()), round(float(pr.sum()), 6)
(1, 1.0)
"""

from __future__ import annotations

import math

__all__ = ["layout_positions", "pagerank", "pack", "overlapping_pairs", "story_positions"]


def layout_positions(n: int, edges: list[tuple[int, int]], *, seed: int = 7, iterations: int | None = None):
    """Deterministic force-directed positions for ``n`` nodes, as an ``(n, 2)`` array in [-1, 1].

    Up to 1,200 nodes: exact Fruchterman-Reingold in numpy.  Above that, the
    repulsion is approximated (random pivots for the far field, neighbours in a
    spatial sort order for the near field), so 20,000 nodes take about a second.

    >>> pos = layout_positions(3, [(0, 1), (1, 2)])
    >>> pos.shape
    (3, 2)
    >>> bool((abs(pos) <= 1.0).all())
    True
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    if n == 0:
        return np.zeros((0, 2))
    if n == 1:
        return np.zeros((1, 2))
    e = np.array([(a, b) for a, b in edges if a != b], dtype=np.int64).reshape(-1, 2)
    # start on a disc, nodes in a stable order (highest degree first in the middle)
    deg = np.bincount(e.ravel(), minlength=n) if len(e) else np.zeros(n)
    order = np.lexsort((np.arange(n), -deg))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    golden = math.pi * (3 - math.sqrt(5))
    r = np.sqrt((rank + 0.5) / n)
    theta = rank * golden
    pos = np.column_stack([r * np.cos(theta), r * np.sin(theta)])
    pos += rng.normal(scale=0.01 / math.sqrt(n), size=pos.shape)

    k = 1.6 / math.sqrt(n)  # ideal edge length (the layout spans about [-1, 1])
    exact = n <= 1200
    if iterations is None:
        iterations = 150 if n <= 600 else (80 if exact else 60)
    temp = 0.1
    cool = temp / (iterations + 1)
    npiv = min(n, 160)
    window = 6
    bufs = tuple(np.empty((n, n if exact else npiv)) for _ in range(4))
    for _ in range(iterations):
        if exact:
            disp = _repulsion_exact(pos, k, bufs)
        else:
            disp = _repulsion_approx(pos, k, bufs, rng.choice(n, size=npiv, replace=False), window)
        if len(e):
            vx = pos[e[:, 0]] - pos[e[:, 1]]
            dist = np.sqrt((vx * vx).sum(1))[:, None]
            att = vx * dist / k
            for c in (0, 1):  # column by column: numpy's fast path for np.add.at (half the time)
                np.add.at(disp[:, c], e[:, 0], -att[:, c])
                np.add.at(disp[:, c], e[:, 1], att[:, c])
        # gentle gravity keeps components together
        disp -= pos * (0.02 * n * k)
        length = np.sqrt((disp * disp).sum(1))[:, None]
        length = np.maximum(length, 1e-9)
        pos += disp / length * np.minimum(length, temp)
        temp -= cool
    pos -= pos.mean(0)
    scale = np.abs(pos).max()
    if scale > 0:
        pos /= scale
    return pos



def _repulsion_exact(pos, k, bufs):
    """Every pair's repulsion: dx * f and dy * f summed by row, f = k² / d², in four n x n
    arrays made once (not seven new ones per iteration): the same arithmetic, so the same positions."""
    import numpy as np

    dx, dy, d2, tmp = bufs
    np.subtract(pos[:, 0, None], pos[None, :, 0], out=dx)
    np.subtract(pos[:, 1, None], pos[None, :, 1], out=dy)
    np.multiply(dx, dx, out=d2)
    d2 += np.multiply(dy, dy, out=tmp)
    np.maximum(d2, 1e-6, out=d2)
    np.divide(k * k, d2, out=d2)
    dx *= d2
    dy *= d2
    return np.column_stack([dx.sum(1), dy.sum(1)])


def _repulsion_approx(pos, k, bufs, piv, window):
    """The far field from the pivots ``piv`` (n x npiv, as above), the near field from the
    neighbours in a grid-cell sort order."""
    import numpy as np

    n, npiv = len(pos), len(piv)
    dx, dy, d2, tmp = bufs
    np.subtract(pos[:, 0, None], pos[None, piv, 0], out=dx)
    np.subtract(pos[:, 1, None], pos[None, piv, 1], out=dy)
    np.multiply(dx, dx, out=d2)
    d2 += np.multiply(dy, dy, out=tmp)
    np.maximum(d2, 1e-4, out=d2)
    np.divide((k * k) * (n / npiv), d2, out=d2)
    dx *= d2
    dy *= d2
    disp = np.column_stack([dx.sum(1), dy.sum(1)])
    cells = max(1, int(math.sqrt(n) / 2))
    cx = np.clip(((pos[:, 0] + 1.5) / 3 * cells).astype(np.int64), 0, cells - 1)
    cy = np.clip(((pos[:, 1] + 1.5) / 3 * cells).astype(np.int64), 0, cells - 1)
    srt = np.lexsort((pos[:, 0], cy * cells + cx))
    for w in range(1, window + 1):
        a, b = srt[:-w], srt[w:]
        ddx = pos[a, 0] - pos[b, 0]
        ddy = pos[a, 1] - pos[b, 1]
        dd2 = np.maximum(ddx * ddx + ddy * ddy, 1e-6)
        ff = (k * k) / dd2
        fx, fy = ddx * ff, ddy * ff
        # a and b are slices of a permutation: no index repeats within one, so plain
        # fancy-index updates add exactly what np.add.at would (a tenth of the time)
        disp[a, 0] += fx
        disp[a, 1] += fy
        disp[b, 0] -= fx
        disp[b, 1] -= fy
    return disp

def pagerank(n: int, edges: list[tuple[int, int]], alpha: float = 0.85, iters: int = 60):
    """PageRank by power iteration in numpy: the same values as ``networkx.pagerank``
    (an edge given twice weighs twice; ``tests/test_view.py`` compares them), kept because
    the view needs it on every build: at 91,625 nodes and 199,166 edges it takes 0.18 s,
    networkx 2.2 s (1.4 s to build the ``DiGraph``, 0.8 s to rank; measured 2026-12-06)."""
    import numpy as np

    if n == 0:
        return np.zeros(0)
    e = np.array(edges, dtype=np.int64).reshape(-1, 2)
    outdeg = np.bincount(e[:, 0], minlength=n).astype(float) if len(e) else np.zeros(n)
    pr = np.full(n, 1.0 / n)
    for _ in range(iters):
        nxt = np.zeros(n)
        if len(e):
            np.add.at(nxt, e[:, 1], pr[e[:, 0]] / outdeg[e[:, 0]])
        dangling = pr[outdeg == 0].sum()
        nxt = alpha * (nxt + dangling / n) + (1 - alpha) / n
        if np.abs(nxt - pr).sum() < 1e-10:
            pr = nxt
            break
        pr = nxt
    return pr


def pack(pos, rects, box: tuple[float, float], order, *, step: float = 4.0, reach: float = 700.0, margin: float = 1.5):
    """Place rectangles one by one, in ``order``, each at the free spot nearest its position.

    ``pos`` is an ``(n, 2)`` array of wanted centres; ``rects`` an ``(n, 4)`` array of each
    rectangle's extent around its centre (``left, top, right, bottom`` offsets: the
    rectangle of node ``i`` is ``x + left .. x + right`` by ``y + top .. y + bottom``);
    ``box`` the ``(width, height)`` of the area, centred on the origin. A rectangle goes
    where it overlaps none placed before it, inside the box, at the first free spot on rings
    around where it wants to be (``step`` apart near it, wider far off, up to ``reach``); if
    there is no such spot it stays where it is. The
    first in ``order`` are the surest to keep their place. Returns the new positions.

    >>> import numpy as np
    >>> pos = np.array([[0.0, 0.0], [1.0, 0.0], [50.0, 0.0]])
    >>> rects = np.array([[-10.0, -5.0, 10.0, 5.0]] * 3)
    >>> out = pack(pos, rects, (400, 200), [0, 1, 2])
    >>> out[0].tolist(), overlapping_pairs(out, rects)
    ([0.0, 0.0], 0)
    """
    import numpy as np

    pos = np.array(pos, dtype=float, copy=True)
    r = np.asarray(rects, dtype=float) + np.array([-margin, -margin, margin, margin]) / 2
    half = np.array(box, dtype=float) / 2
    # candidate offsets on rings, nearest first: ``step`` apart close by, farther apart far off
    # (a few thousand in all, so a rectangle with no room left costs little)
    rings, rr = [np.zeros((1, 2))], step
    while rr <= reach:
        count = max(8, int(2 * math.pi * rr / max(step, rr * 0.08)))
        ang = np.arange(count) * (2 * math.pi / count) + rr  # a different start on each ring
        rings.append(np.column_stack([rr * np.cos(ang), rr * np.sin(ang)]))
        rr += max(step, rr * 0.08)
    offs = np.vstack(rings)
    boxes = np.zeros((len(pos), 4))
    count = 0
    chunk = 256
    for i in order:
        placed = boxes[:count]
        want = pos[i]
        chosen = None
        for c in range(0, len(offs), chunk):
            cand = want + offs[c:c + chunk]
            x0, y0 = cand[:, 0] + r[i, 0], cand[:, 1] + r[i, 1]
            x1, y1 = cand[:, 0] + r[i, 2], cand[:, 1] + r[i, 3]
            ok = (x0 >= -half[0]) & (x1 <= half[0]) & (y0 >= -half[1]) & (y1 <= half[1])
            if not ok.any():
                continue
            if len(placed):
                near = placed[(placed[:, 2] > x0.min()) & (placed[:, 0] < x1.max())
                              & (placed[:, 3] > y0.min()) & (placed[:, 1] < y1.max())]
                if len(near):
                    ok &= ~((x0[:, None] < near[None, :, 2]) & (near[None, :, 0] < x1[:, None])
                            & (y0[:, None] < near[None, :, 3]) & (near[None, :, 1] < y1[:, None])).any(1)
            free = np.nonzero(ok)[0]
            if len(free):
                chosen = cand[free[0]]
                break
        if chosen is not None:
            pos[i] = chosen
        x, y = pos[i]
        boxes[count] = (x + r[i, 0], y + r[i, 1], x + r[i, 2], y + r[i, 3])
        count += 1
    return pos


def overlapping_pairs(pos, rects) -> int:
    """How many pairs of the rectangles (as in :func:`pack`) overlap.

    >>> import numpy as np
    >>> overlapping_pairs(np.array([[0.0, 0.0], [5.0, 0.0]]), np.array([[-4.0, -1, 4, 1]] * 2))
    1
    """
    import numpy as np

    pos = np.asarray(pos, dtype=float)
    r = np.asarray(rects, dtype=float)
    x0, x1 = pos[:, 0] + r[:, 0], pos[:, 0] + r[:, 2]
    y0, y1 = pos[:, 1] + r[:, 1], pos[:, 1] + r[:, 3]
    ox = np.minimum(x1[:, None], x1[None, :]) - np.maximum(x0[:, None], x0[None, :])
    oy = np.minimum(y1[:, None], y1[None, :]) - np.maximum(y0[:, None], y0[None, :])
    return int(np.triu((ox > 0) & (oy > 0), 1).sum())


def story_positions(events: list[dict], entities: dict, *, aspect: float = 1.6) -> tuple[dict, dict]:
    """Positions for the view's "story" layout: events on a horizontal time axis, the
    entities they involve beside them.

    ``events``: ``[{"id", "date" (ISO, "" when unknown), "year" (int or None), "parts":
    [entity ids]}]``; ``entities``: ``{id: {"above": bool, "w": label width}}`` (people
    and organisations go above the axis, the rest below). Dated events fill one column
    after another, year by year (a run of years without events is squeezed to a gap,
    marked in ``axis["breaks"]``); undated events go to a band of their own under
    everything, each near the entities it involves, none dropped. An entity sits at the
    median position of its events, in the first row above or below where its label fits.
    Returns ``({id: (x, y)}, axis)``, axis giving the year columns (``ticks``: ``[year,
    x_from, x_to]``), the breaks, and the bands' vertical extents.

    >>> evs = [{"id": 1, "date": "2004-08", "year": 2004, "parts": [9]},
    ...        {"id": 2, "date": "1992", "year": 1992, "parts": [9]},
    ...        {"id": 3, "date": "", "year": None, "parts": [9]}]
    >>> pos, axis = story_positions(evs, {9: {"above": True, "w": 40}})
    >>> pos[2][0] < pos[1][0], pos[3][1] > pos[1][1] > pos[9][1], axis["undated"][2]
    (True, True, 1)
    """
    pos, ticks, breaks, rows, right = _year_columns(events, aspect)
    band = [-_ROW_H / 2, (rows - 1) * _ROW_H + _ROW_H / 2]
    involved: dict = {}
    for e in events:
        for p in e.get("parts", ()):
            if p in entities:
                involved.setdefault(p, []).append(e["id"])
    ent_x = {p: _median([pos[i][0] for i in ids if i in pos], None) for p, ids in involved.items()}

    def width(p):
        return max(_COL_W, float(entities[p].get("w", 60)) + 12.0)

    known = {p: xx for p, xx in ent_x.items() if xx is not None}
    above = [(p, xx) for p, xx in known.items() if entities[p].get("above")]
    below = [(p, xx) for p, xx in known.items() if not entities[p].get("above")]
    placed_above, n_above = _pack(above, band[0] - 70.0, -34.0, width)
    placed_below, n_below = _pack(below, band[1] + 70.0, 34.0, width)
    pos.update(placed_above)
    pos.update(placed_below)
    lower = band[1] + 70.0 + 34.0 * max(n_below - 1, 0)
    und = _undated_band([e for e in events if e.get("year") is None], entities, pos, lower + 110.0, right)
    # entities only undated events involve: beside those
    rest = [(p, _median([pos[i][0] for i in ids if i in pos], 0.0)) for p, ids in involved.items() if p not in pos]
    extra, _n = _pack(rest, und[1] + 60.0, 34.0, width)
    pos.update(extra)
    axis = {"ticks": ticks, "breaks": breaks, "band": band, "undated": und,
            "above": band[0] - 70.0 - 34.0 * max(n_above - 1, 0), "below": lower}
    return pos, axis


_COL_W, _ROW_H, _YEAR_GAP, _BREAK_GAP = 28.0, 24.0, 22.0, 46.0  # the story layout's grid


def _year_columns(events, aspect):
    """Dated events in columns, year by year: ``(positions, ticks, breaks, rows, right edge)``;
    as many rows as make the picture about as wide as a screen is."""
    dated = sorted((e for e in events if e.get("year") is not None),
                   key=lambda e: (e["year"], e["date"].lstrip("-"), str(e["id"])))
    by_year: dict[int, list] = {}
    for e in dated:
        by_year.setdefault(e["year"], []).append(e)
    years = sorted(by_year)

    def columns(rows):
        return sum(-(-len(by_year[y]) // rows) for y in years)

    rows = 6
    for cand in range(6, 41):
        rows = cand
        width = columns(cand) * _COL_W + len(years) * _YEAR_GAP
        if width / (cand * _ROW_H + 420.0) <= aspect:
            break
    pos: dict = {}
    ticks, breaks = [], []
    x = 0.0
    prev = None
    for y in years:
        if prev is not None:
            x += _BREAK_GAP if y - prev > 1 else _YEAR_GAP
            if y - prev > 1:
                breaks.append(x - _BREAK_GAP / 2)
        start = x
        for k, e in enumerate(by_year[y]):
            pos[e["id"]] = (start + (k // rows) * _COL_W, (k % rows) * _ROW_H)
        x = start + (-(-len(by_year[y]) // rows) - 1) * _COL_W
        ticks.append([y, start - _COL_W / 2, x + _COL_W / 2])
        prev = y
    return pos, ticks, breaks, rows, x


def _median(values, default):
    values = sorted(values)
    if not values:
        return default
    m = len(values) // 2
    return values[m] if len(values) % 2 else (values[m - 1] + values[m]) / 2


def _pack(items, y0, step, width_of):
    """Rows of labels along x: each item in the first row where it fits, else the emptiest."""
    ends: list[float] = []
    placed = {}
    for key, want in sorted(items, key=lambda kv: (kv[1], str(kv[0]))):
        w = width_of(key)
        row = next((r for r, end in enumerate(ends) if end <= want - w / 2), None)
        if row is None:
            if len(ends) < 8:
                row = len(ends)
                ends.append(float("-inf"))
            else:
                row = min(range(len(ends)), key=lambda r: ends[r])
        xx = max(want, ends[row] + w / 2) if ends[row] != float("-inf") else want
        ends[row] = xx + w / 2
        placed[key] = (xx, y0 + step * row)
    return placed, len(ends)


def _undated_band(undated, entities, pos, top, right) -> list:
    """Undated events in a band of their own under everything, each under the entities it
    involves (added to ``pos``); returns the band's ``[top, bottom, how many]``."""
    wants = []
    for e in undated:
        xs = [pos[p][0] for p in e.get("parts", ()) if p in pos and p in entities]
        wants.append((e["id"], _median(xs, right + _COL_W)))
    rows: list[float] = []
    for key, want in sorted(wants, key=lambda kv: (kv[1], str(kv[0]))):
        row = next((r for r, end in enumerate(rows) if end <= want - _COL_W), None)
        if row is None:
            if len(rows) < 6:
                row = len(rows)
                rows.append(float("-inf"))
            else:
                row = min(range(len(rows)), key=lambda r: rows[r])
        xx = want if rows[row] == float("-inf") else max(want, rows[row] + _COL_W)
        rows[row] = xx
        pos[key] = (xx, top + row * _ROW_H)
    return [top - _ROW_H / 2, top + max(len(rows) - 1, 0) * _ROW_H + _ROW_H / 2, len(undated)]
