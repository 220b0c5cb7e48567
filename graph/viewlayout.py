"""Where the HTML view draws each node: the first picture's force-directed positions
(labels given room, folded nodes on rings round their subject) and the story layout
(events on a time axis, the entities beside them), with the label and size formulas
the page uses too.

>>> label_px(0, 10), label_px(10, 10), node_radius(1, 4)
(11, 16, 15.0)
"""

from __future__ import annotations

import math

__all__ = ["positions", "story", "label_text", "label_px", "node_radius", "CANVAS", "NOT_TALK"]

# the first picture is laid out for a canvas of about this many units (1440 x 900 less the
# page's bars is about 1210 x 820 pixels), seen at about this scale
CANVAS = (1150.0, 760.0)
ASSUMED_SCALE = 0.95
LABEL_MAX = 24  # characters of a label drawn on the canvas (the panel shows it whole)

NOT_TALK = {"kg:checkedAgainst", "kg:conflictsWith"}  # links that are not the sources speaking of a node


def label_text(label: str) -> str:
    """The label as the canvas draws it: at most ``LABEL_MAX`` characters."""
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1].rstrip() + "…"


def label_px(talk: int, max_talk: int) -> int:
    """Font size in screen pixels of a node's label (the page uses the same formula)."""
    return 11 + round(5 * math.sqrt(talk / max_talk)) if max_talk > 0 else 11


def node_radius(value: float, max_value: float) -> float:
    """Radius of a node in canvas units for its size measure (the page uses the same formula)."""
    return round(4 + 22 * math.sqrt(value / max_value), 2) if max_value > 0 else 6.0


def _text_width(text: str, px: float) -> float:
    """A generous estimate of the drawn width of ``text`` (DejaVu Sans; CJK a full em)."""
    w = 0.0
    for ch in text:
        if ord(ch) >= 0x2E80:
            w += 1.0
        elif ch in "il.,:;'|!j ":
            w += 0.32
        elif ch.isupper() or ch in "mwMW@%":
            w += 0.72
        else:
            w += 0.6
    return w * px + 4


def positions(n, edges, drawn, fold, kinds, talk, max_talk, labels) -> dict:
    """Force-directed positions for the drawn nodes, spread so that the labels of people,
    organisations and the nodes the sources say most about have room at the first zoom;
    folded nodes on rings around their subject."""
    import numpy as np

    from .layout import layout_positions, pack

    ids = sorted(drawn)
    if not ids:
        return {}
    local = {g: k for k, g in enumerate(ids)}
    pairs = [(local[e["from"]], local[e["to"]]) for e in edges
             if e["from"] in local and e["to"] in local and e["key"] not in NOT_TALK]
    base = layout_positions(len(ids), pairs)
    shown = [g for g in ids if fold[g] < 0]
    if not shown:
        shown = ids
    pos = np.array([base[local[g]] for g in shown])
    w, h = CANVAS
    pos = _even_out(pos) * np.array([w / 2 * 0.95, h / 2 * 0.95])
    radius = np.array([node_radius(talk[g], max_talk) for g in shown])
    ranked = sorted(range(len(shown)), key=lambda k: (-talk[shown[k]], shown[k]))
    preferred = set(ranked[:15])
    rects, labelled = [], []
    for k, g in enumerate(shown):
        r = radius[k] + 1.0
        if kinds[g] in ("Person", "Organization") or k in preferred:
            px = label_px(talk[g], max_talk) / ASSUMED_SCALE
            tw = _text_width(label_text(labels[g]), px) / 2
            rects.append([-max(r, tw), -r, max(r, tw), r + 2 / ASSUMED_SCALE + px * 1.3])
            labelled.append(k)
        else:
            rects.append([-r, -r, r, r])
    if len(shown) <= 3000:
        # the labels of people, organisations and the most talked-about nodes first, then the rest
        place, chosen = {k: t for t, k in enumerate(ranked)}, set(labelled)
        rest = [k for k in ranked if k not in chosen]
        pos = pack(pos, np.array(rects), (w, h), sorted(labelled, key=place.get) + rest)
    out = {g: (round(float(pos[k, 0]), 1), round(float(pos[k, 1]), 1)) for k, g in enumerate(shown)}
    # folded nodes: rings around their subject, in a stable order
    children: dict[int, list[int]] = {}
    for g in ids:
        if fold[g] >= 0:
            children.setdefault(fold[g], []).append(g)
    for subj, kids in children.items():
        cx, cy = out.get(subj, (0.0, 0.0))
        r0 = node_radius(talk[subj], max_talk) + 26
        ring, placed = 0, 0
        while placed < len(kids):
            cap = max(6, int(2 * math.pi * (r0 + 22 * ring) / 20))
            batch = kids[placed:placed + cap]
            for t, g in enumerate(batch):
                ang = 2 * math.pi * t / len(batch) + ring * 0.35
                rr = r0 + 22 * ring
                out[g] = (round(cx + rr * math.cos(ang), 1), round(cy + rr * math.sin(ang), 1))
            placed += len(batch)
            ring += 1
    return out


def _even_out(pos):
    """Spread a force layout's dense core: keep each node's direction from the centre and its
    order of distance, but give every node the same share of the area (a node's new radius
    is the square root of its distance rank), in the unit disc."""
    import numpy as np

    n = len(pos)
    if n < 3:
        return pos
    c = pos - pos.mean(0)
    r = np.sqrt((c * c).sum(1))
    order = np.lexsort((np.arange(n), r))
    rank = np.empty(n)
    rank[order] = np.arange(n)
    new_r = np.sqrt((rank + 0.5) / n)
    scale = np.where(r > 1e-12, new_r / np.maximum(r, 1e-12), 0.0)
    return c * scale[:, None]


def story(n, edges, drawn, kinds, attrs, talk, max_talk, labels):
    """The story layout of the drawn events and the entities they involve."""
    from .layout import story_positions

    events = []
    parts: dict[int, set] = {}
    for e in edges:
        a, b = e["from"], e["to"]
        if e["role"] and e["key"] != "kg:about" and kinds[a] == "Event" and kinds[b] not in ("Event", "Claim"):
            parts.setdefault(a, set()).add(b)
    ents = {}
    for i in sorted(drawn):
        if kinds[i] != "Event":
            continue
        ps = sorted(p for p in parts.get(i, ()) if p in drawn)
        events.append({"id": i, "date": _str(attrs[i].get("date")),
                       "year": attrs[i].get("year") if isinstance(attrs[i].get("year"), int) else None, "parts": ps})
        for p in ps:
            if p not in ents:
                px = label_px(talk[p], max_talk)
                ents[p] = {"above": kinds[p] in ("Person", "Group", "Organization"),
                           "w": _text_width(label_text(labels[p]), px) / ASSUMED_SCALE}
    if not events:
        return {}, None
    pos, axis = story_positions(events, ents)
    return {i: (round(float(x), 1), round(float(y), 1)) for i, (x, y) in pos.items()}, axis


def _str(value) -> str:
    return "" if value is None else str(value)
