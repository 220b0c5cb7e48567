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

__all__ = ["layout_positions", "pagerank"]


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
    dx, dy, d2, tmp = (np.empty((n, n if exact else npiv)) for _ in range(4))
    for _ in range(iterations):
        if exact:
            # dx * f and dy * f summed by row, f = k² / d², in four n x n arrays made once
            # (not seven new ones per iteration): the same arithmetic, so the same positions
            np.subtract(pos[:, 0, None], pos[None, :, 0], out=dx)
            np.subtract(pos[:, 1, None], pos[None, :, 1], out=dy)
            np.multiply(dx, dx, out=d2)
            d2 += np.multiply(dy, dy, out=tmp)
            np.maximum(d2, 1e-6, out=d2)
            np.divide(k * k, d2, out=d2)
            dx *= d2
            dy *= d2
            disp = np.column_stack([dx.sum(1), dy.sum(1)])
        else:
            piv = rng.choice(n, size=npiv, replace=False)
            np.subtract(pos[:, 0, None], pos[None, piv, 0], out=dx)  # as above, n x npiv
            np.subtract(pos[:, 1, None], pos[None, piv, 1], out=dy)
            np.multiply(dx, dx, out=d2)
            d2 += np.multiply(dy, dy, out=tmp)
            np.maximum(d2, 1e-4, out=d2)
            np.divide((k * k) * (n / npiv), d2, out=d2)
            dx *= d2
            dy *= d2
            disp = np.column_stack([dx.sum(1), dy.sum(1)])
            # near field: neighbours in a grid-cell sort order
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


def pagerank(n: int, edges: list[tuple[int, int]], alpha: float = 0.85, iters: int = 60):
    """PageRank by power iteration (numpy; networkx's needs scipy)."""
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
