"""The timeline picture: events on a time axis, one lane per main entity.

``write_timeline(g, "exports/timeline.svg", "exports/timeline.png")`` draws every
event of ``g`` (an rdflib Graph, or a networkx graph in the ``to_networkx``
contract) in the lane of its main organization (the participant organization with
the most events: Kingsoft, Joyo.com, Xiaomi, ...): the dated ones on the time axis,
the undated ones in a "date unknown" column at its right end (none is left out, and
the title says how many there are). Labels are stacked so they never overlap. Hollow
markers: only the secondary source states the event; ``~``: the date is inferred.

The SVG is deterministic (fixed hash salt, no date), so ``kg build --check`` can
compare bytes. matplotlib is imported lazily; the figure is drawn without pyplot (Agg).
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

__all__ = ["write_timeline", "timeline_rows", "MAX_LANES"]

#: Lanes for the organizations with the most events; the rest share "Other".
MAX_LANES = 9
OTHER = "Other"


def _nx(g):
    if hasattr(g, "nodes"):
        return g
    from graph.network import to_networkx

    return to_networkx(g)


def _position(date: str, year: int) -> float:
    """Decimal year from an ISO date at any precision ("2004", "2004-08", "2004-08-19")."""
    parts = date.lstrip("-").split("-")
    month = int(parts[1]) if len(parts) > 1 and parts[1][:2].isdigit() else 0
    day = int(parts[2][:2]) if len(parts) > 2 and parts[2][:2].isdigit() else 0
    if not month:
        return year + 0.5
    return year + (month - 1) / 12 + (max(day, 1) - 1) / 365 + (0 if day else 1 / 24)


def timeline_rows(g) -> list[dict]:
    """Every event with its lane: ``[{label, x, year, date, lane, type, secondary_only, inferred,
    undated}]``; an undated event has ``x`` and ``year`` None.

    The lane is the event's participant organization with the most events
    overall (ties: alphabetical), one of the ``MAX_LANES`` busiest, else "Other".
    """
    from graph.timeline import events

    nxg = _nx(g)
    evs = events(None, nxg=nxg)
    kinds = {n: a.get("kind") for n, a in nxg.nodes(data=True)}
    labels = {n: a.get("label") for n, a in nxg.nodes(data=True)}

    def orgs(e):
        return sorted({iri for _role, _label, iri in e.participants if kinds.get(iri) == "Organization"})

    dated = [e for e in evs if e.year is not None]
    counts = Counter(iri for e in dated for iri in orgs(e))
    busiest = {iri for iri, _ in sorted(counts.items(), key=lambda kv: (-kv[1], labels.get(kv[0]) or kv[0]))[:MAX_LANES]}
    # events with no busy organization: the lane of their busiest participant of any kind (e.g. a person)
    rest = [e for e in dated if not busiest.intersection(orgs(e))]
    counts_any = Counter(iri for e in rest for _r, _l, iri in e.participants if kinds.get(iri) != "Event")
    spare = 3  # at most three such lanes (e.g. "Lei Jun")
    busiest_any = {iri for iri, n in sorted(counts_any.items(), key=lambda kv: (-kv[1], labels.get(kv[0]) or kv[0]))[:spare] if n >= 3}
    rows = []
    for e in evs:
        cands = [iri for iri in orgs(e) if iri in busiest]
        tally = counts
        if not cands:
            cands = sorted({iri for _r, _l, iri in e.participants if iri in busiest_any})
            tally = counts_any
        lane = min(cands, key=lambda iri: (-tally[iri], labels.get(iri) or iri)) if cands else None
        rows.append(
            {
                "label": e.label,
                "x": _position(e.date, e.year) if e.year is not None else None,
                "year": e.year,
                "date": e.date,
                "lane": (labels.get(lane) or OTHER) if lane else OTHER,
                "type": e.type,
                "secondary_only": bool(e.secondary_only),
                "inferred": bool(e.inferred),
                "undated": e.year is None,
            }
        )
    return rows


def _shorten(text: str, n: int = 46) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


# what write_timeline and timeline_rows import (and unpickling a projection): `kg build`'s
# timeline child imports these while the graph loads (0.5 s), before it is given the events
MODULES = ("networkx", "graph.network", "graph.timeline", "matplotlib.figure", "matplotlib.lines",
           "matplotlib.ticker", "matplotlib.backends.backend_agg", "matplotlib.backends.backend_svg")


_PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
            "#bab0ac", "#499894", "#86bcb6", "#d37295", "#fabfd2", "#b6992d", "#79706e", "#d4a6c8"]


def _lanes(rows) -> list[str]:
    """The lanes (main entities) in the order of their first event; the catch-all lane last."""
    lanes_first: dict[str, float] = {}
    for r in rows:
        lanes_first[r["lane"]] = min(lanes_first.get(r["lane"], r["x"]), r["x"])
    lanes = sorted((lane for lane in lanes_first if lane != OTHER), key=lambda lane: (lanes_first[lane], lane))
    if OTHER in lanes_first:
        lanes.append(OTHER)
    return lanes


def _stack_labels(rows, lanes, char_w) -> tuple[list, dict]:
    """Labels stacked in sub-rows per lane so none overlap: ``([(lane, level, row, text)], {lane: depth})``."""
    placed, lane_depth = [], {}
    for lane in lanes:
        ends: list[float] = []
        for r in sorted((r for r in rows if r["lane"] == lane), key=lambda r: (r["x"], r["undated"], r["label"])):
            text = ("~" if r["inferred"] else "") + _shorten(r["label"])
            start, end = r["x"], r["x"] + (len(text) + 2) * char_w
            level = next((k for k, e in enumerate(ends) if e < start), None)
            if level is None:
                level = len(ends)
                ends.append(end)
            else:
                ends[level] = end
            placed.append((lane, level, r, text))
        lane_depth[lane] = max(1, len(ends))
    return placed, lane_depth


def write_timeline(g, svg_path, png_path=None, *, title: str = "Timeline of events, by main entity") -> Path:
    """Draw the timeline of ``g`` to ``svg_path`` (and ``png_path`` if given); return the SVG path."""
    import matplotlib
    import matplotlib.ticker
    from matplotlib.figure import Figure  # not pyplot: 0.3 s less to import, no global figure registry
    from matplotlib.lines import Line2D

    rows = timeline_rows(g)
    svg_path = Path(svg_path)
    dated = [r for r in rows if not r["undated"]]
    undated = [r for r in rows if r["undated"]]
    xs = [r["x"] for r in dated] or [2000.0, 2001.0]
    # undated events: a column of their own after the last year
    x_unknown = max(xs) + 2.5
    for r in undated:
        r["x"] = x_unknown
    lanes = _lanes(rows)
    x0, x1 = min(xs) - 1.0, (x_unknown + 7.0) if undated else max(xs) + 3.0
    fig_w, fontsize = 18.0, 7.0
    ax_w_in = fig_w * 0.78
    char_w = fontsize * 0.56 / 72 * (x1 - x0) / ax_w_in  # data units per character
    placed, lane_depth = _stack_labels(rows, lanes, char_w)
    row_h = 0.22  # inches per label row
    base, y = {}, 0.0
    for lane in reversed(lanes):
        base[lane] = y
        y += lane_depth[lane] + 1.0
    total_rows = y
    fig_h = max(3.0, total_rows * row_h + 2.1)

    type_colors = {t: _PALETTE[i % len(_PALETTE)] for i, t in enumerate(sorted({r["type"] for r in rows}))}

    with matplotlib.rc_context({"svg.hashsalt": "story-kg-timeline", "svg.fonttype": "none", "font.size": fontsize,
                                 "font.family": "DejaVu Sans", "path.simplify": True}):
        fig = Figure(figsize=(fig_w, fig_h))
        ax = fig.subplots()
        fig.subplots_adjust(left=0.1, right=0.86, top=1 - 0.6 / fig_h, bottom=1.2 / fig_h)
        for lane in lanes:
            b = base[lane]
            ax.axhspan(b - 0.5, b + lane_depth[lane] - 0.3, color="#f3f5f7" if lanes.index(lane) % 2 == 0 else "#ffffff", zorder=0)
            ax.text(x0 - 0.2, b + (lane_depth[lane] - 1) / 2, lane, ha="right", va="center", fontsize=10, fontweight="bold")
        for lane, level, r, text in placed:
            yy = base[lane] + level
            c = type_colors[r["type"]]
            ax.plot([r["x"], r["x"]], [base[lane] - 0.35, yy], color="#c0c6cc", lw=0.5, zorder=1)
            ax.plot(r["x"], yy, marker="o", ms=5, mec=c, mfc="white" if r["secondary_only"] else c, mew=1.2, zorder=3)
            ax.text(r["x"] + char_w * 1.2, yy, text, va="center", ha="left", fontsize=fontsize, zorder=4)
        if undated:
            ax.axvline(x_unknown - 0.8, color="#b0b7be", lw=0.8, ls="--", zorder=1)
            ax.text(x_unknown - 0.6, max(total_rows - 0.9, 0.5), f"date unknown ({len(undated)})", fontsize=9,
                    fontweight="bold", color="#7a2222", va="bottom", ha="left")
        ax.set_xlim(x0, x1)
        ax.set_ylim(-0.8, max(total_rows - 0.8, 1))
        ax.set_yticks([])
        if undated:  # no year ticks over the undated column
            ax.set_xticks([t for t in range(int(math.ceil(x0 / 2) * 2), int(x_unknown - 0.8) + 1, 2)])
            ax.set_xticks([t for t in range(int(math.ceil(x0)), int(x_unknown - 0.8) + 1)], minor=True)
        else:
            ax.xaxis.set_major_locator(matplotlib.ticker.MultipleLocator(2))
            ax.xaxis.set_minor_locator(matplotlib.ticker.MultipleLocator(1))
        ax.grid(axis="x", which="major", color="#dde2e6", lw=0.6, zorder=0)
        for side in ("left", "right", "top"):
            ax.spines[side].set_visible(False)
        counted = f"{len(dated):,} dated events" + (f"; {len(undated):,} with no date, in the column at the right" if undated else "")
        ax.set_title(f"{title}: {counted}", fontsize=12, loc="left")
        handles = [Line2D([], [], ls="", marker="o", mfc=c, mec=c, label=t) for t, c in type_colors.items()]
        handles.append(Line2D([], [], ls="", marker="o", mfc="white", mec="#555", label="secondary source only"))
        handles.append(Line2D([], [], ls="", marker="$\\sim$", color="#555", label="date inferred"))
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.35 / fig_h * fig_h / max(fig_h - 1.6, 1)), ncol=10, fontsize=7, frameon=False)
        svg_path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(svg_path, format="svg", metadata={"Date": None})
        if png_path is not None:
            png_path = Path(png_path)
            png_path.parent.mkdir(parents=True, exist_ok=True)
            fig.savefig(png_path, format="png", dpi=110, metadata={"Software": None})
    return svg_path
