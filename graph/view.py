"""The HTML graph view: one self-contained, offline, safe page.

``render_html`` turns an entity-level networkx ``MultiDiGraph`` (the
``graph.network.to_networkx`` contract) into a single HTML page that works from
``file://`` with no network request: vis-network's JavaScript and CSS (bundled
in the pyvis package, licence notice kept) are inlined, and so is the graph
data, as JSON escaped for a ``<script>`` element.  Every label, alias,
description and quote reaches the page through ``textContent`` (or the canvas),
never as HTML.

Positions are computed here (seeded, so the same graph gives the same bytes);
physics is off until the user switches it on.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("x:a", label="</script><b>", kind="Person", type="Person")
>>> g.add_node("x:b", label="B", kind="Organization", type="Organization")
>>> g.add_edge("x:a", "x:b", key="kg:worksFor", label="works for")
'kg:worksFor'
>>> page = render_html(g, title="Demo")
>>> "</script><b>" in page
False
>>> page == render_html(g, title="Demo")
True
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import click

from graph.cli import load_graph, store_option, triples_option
from graph.layout import layout_positions, pagerank

__all__ = ["DEFAULT_MAX_NODES", "render_html", "write_html", "view_command", "layout_positions"]

#: Above this many nodes the page shows only the most important ones (and says so).
DEFAULT_MAX_NODES = 5000

#: Above this many shown nodes, edge labels appear only for the selected node's edges.
EDGE_LABEL_LIMIT = 2000

_TEMPLATE_DIR = Path(__file__).with_name("templates")

# Shape per kind; colour per type (event types get their own colours).
KIND_ORDER = ["Person", "Group", "Organization", "Product", "CreativeWork", "Idea", "Place", "Event", "Claim"]
KIND_SHAPES = {
    "Person": "dot",
    "Group": "hexagon",
    "Organization": "square",
    "Product": "triangle",
    "CreativeWork": "box",
    "Idea": "ellipse",
    "Place": "triangleDown",
    "Event": "diamond",
    "Claim": "star",
}
KIND_COLORS = {
    "Person": "#4e79a7",
    "Group": "#7aa6d6",
    "Organization": "#f28e2b",
    "Product": "#59a14f",
    "CreativeWork": "#e15759",
    "Idea": "#ffbe7d",
    "Place": "#9c755f",
    "Event": "#b07aa1",
    "Claim": "#b3a9c9",
}
EVENT_COLORS = {
    "Founding": "#edc948",
    "Release": "#76b7b2",
    "Acquisition": "#ff9da7",
    "Sale": "#d37295",
    "Offer": "#bab0ac",
    "Funding": "#8cd17d",
    "IPO": "#499894",
    "Joining": "#86bcb6",
    "Leaving": "#f1ce63",
    "Resignation": "#e49444",
    "Return": "#a0cbe8",
    "Speech": "#d4a6c8",
    "Meeting": "#9d7660",
    "Bankruptcy": "#79706e",
    "Partnership": "#b6992d",
    "Rebranding": "#fabfd2",
    "Event": "#b07aa1",
}
_FALLBACK_COLORS = ["#a0a0a0", "#8f6aa8", "#6b9ac4", "#c49c6b", "#6bc4a4", "#c46b8f"]
CONFLICT_COLOR = "#d62728"


# ---------------------------------------------------------------------------
# data for the page
# ---------------------------------------------------------------------------


def _compact(d: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values (the page treats a missing key as empty, false or -1)."""
    def empty(v: Any) -> bool:
        return v is None or v is False or v == "" or v == [] or (type(v) is int and v == -1)

    return {k: v for k, v in d.items() if not empty(v) or k in ("label", "kind", "type")}


def _s(value: Any) -> str:
    return "" if value is None else str(value)


def _type_colors(types: list[tuple[str, str]]) -> dict[str, str]:
    colors: dict[str, str] = {}
    spare = 0
    for kind, typ in types:
        if kind == "Event":
            c = EVENT_COLORS.get(typ)
        elif typ == kind or typ not in KIND_COLORS:
            c = KIND_COLORS.get(kind)
        else:
            c = KIND_COLORS.get(typ)
        if c is None:
            c = _FALLBACK_COLORS[spare % len(_FALLBACK_COLORS)]
            spare += 1
        colors[typ] = c
    return colors


def _graph_data(nxg, max_nodes: int | None) -> dict[str, Any]:
    """Everything the page needs, as plain JSON-able structures in a stable order."""
    all_ids = sorted(nxg.nodes, key=str)
    index = {nid: i for i, nid in enumerate(all_ids)}
    all_edges = sorted(
        ((index[u], index[v], _s(k), d) for u, v, k, d in nxg.edges(keys=True, data=True)),
        key=lambda t: (t[0], t[1], t[2]),
    )
    pr = pagerank(len(all_ids), [(a, b) for a, b, _, _ in all_edges])
    total_nodes, total_edges = len(all_ids), len(all_edges)

    limit = DEFAULT_MAX_NODES if max_nodes is None else max_nodes
    truncated = bool(limit) and total_nodes > limit
    if truncated:
        keep = sorted(range(total_nodes), key=lambda i: (-pr[i], i))[:limit]
        keep_set = set(keep)
        kept = sorted(keep)
        remap = {old: new for new, old in enumerate(kept)}
        ids = [all_ids[i] for i in kept]
        pr = pr[kept]
        edges = [(remap[a], remap[b], k, d) for a, b, k, d in all_edges if a in keep_set and b in keep_set]
    else:
        ids = all_ids
        edges = all_edges
    n = len(ids)
    local = {nid: i for i, nid in enumerate(ids)}

    pos = layout_positions(n, [(a, b) for a, b, _, _ in edges])
    radius = 70.0 * math.sqrt(max(n, 1)) + 150.0
    prmax = float(pr.max()) if n else 1.0
    prmin = float(pr.min()) if n else 0.0

    evidence_table: list[list[Any]] = []
    evidence_index: dict[tuple, int] = {}

    def ev_refs(evs) -> list[int]:
        out = []
        for ev in evs or []:
            key = (_s(ev.get("source")), _s(ev.get("source_label")), _s(ev.get("quote")), bool(ev.get("secondary")),
                   _s(ev.get("translation")), _s(ev.get("doubt")))
            if key not in evidence_index:
                evidence_index[key] = len(evidence_table)
                evidence_table.append(list(key))
            out.append(evidence_index[key])
        return out

    types_present = sorted(
        {(_s(nxg.nodes[nid].get("kind")) or "Entity", _s(nxg.nodes[nid].get("type")) or _s(nxg.nodes[nid].get("kind")) or "Entity") for nid in ids},
        key=lambda kt: (KIND_ORDER.index(kt[0]) if kt[0] in KIND_ORDER else len(KIND_ORDER), kt[0], kt[1]),
    )
    colors = _type_colors(types_present)
    counts: dict[str, int] = {}

    vis_nodes, info = [], []
    for i, nid in enumerate(ids):
        a = nxg.nodes[nid]
        kind = _s(a.get("kind")) or "Entity"
        typ = _s(a.get("type")) or kind
        counts[typ] = counts.get(typ, 0) + 1
        label = _s(a.get("label")) or _s(nid)
        rel = (float(pr[i]) - prmin) / (prmax - prmin) if prmax > prmin else 0.5
        conflicts = [
            {
                "label": _s(c.get("label")),
                "note": _s(c.get("note")),
                "kind": _s(c.get("kind")),
                "other": local.get(_s(c.get("other")), -1),
                "other_iri": _s(c.get("other")),
            }
            for c in a.get("conflicts") or []
        ]
        node = {
            "id": i,
            "label": label,
            "x": round(float(pos[i, 0]) * radius, 1),
            "y": round(float(pos[i, 1]) * radius, 1),
            "size": round(8 + 30 * math.sqrt(rel), 1),
            "shape": KIND_SHAPES.get(kind, "dot"),
            "color": colors.get(typ, "#a0a0a0"),
        }
        if conflicts:
            node["borderWidth"] = 3
            node["color"] = {"background": colors.get(typ, "#a0a0a0"), "border": CONFLICT_COLOR}
        if a.get("secondary_only"):
            node["shapeProperties"] = {"borderDashes": [4, 3]}
            node["borderWidth"] = max(node.get("borderWidth", 1), 2)
        vis_nodes.append(node)
        info.append(
            _compact(
                {
                    "iri": _s(a.get("iri")) or _s(nid),
                    "label": label,
                    "label_zh": _s(a.get("label_zh")),
                    "kind": kind,
                    "type": typ,
                    "aliases": [_s(x) for x in a.get("aliases") or []],
                    "description": _s(a.get("description")),
                    "date": _s(a.get("date")),
                    "date_precision": _s(a.get("date_precision")),
                    "end_date": _s(a.get("end_date")),
                    "date_inferred": _s(a.get("date_inferred")),
                    "date_unknown": _s(a.get("date_unknown")),
                    "year": a.get("year") if isinstance(a.get("year"), int) else None,
                    "outcome": _s(a.get("outcome")),
                    "amounts": [_s(x) for x in a.get("amounts") or []],
                    "claim_text": _s(a.get("claim_text")),
                    "secondary_only": bool(a.get("secondary_only")),
                    "mentioned_in": [_s(nxg.nodes[m].get("label")) if m in nxg else _s(m) for m in a.get("mentioned_in") or []],
                    "verdict": _s(a.get("verdict")),
                    "ev": ev_refs(a.get("evidence")),
                    "conflicts": conflicts,
                    "rank": round(float(pr[i]), 6),
                }
            )
        )

    # Measuring thousands of edge labels dominates the first draw of a big
    # graph; there, an edge's label appears when one of its nodes is selected.
    edge_labels = n <= EDGE_LABEL_LIMIT
    vis_edges, einfo = [], []
    pair_count: dict[tuple[int, int], int] = {}
    for j, (a, b, key, d) in enumerate(edges):
        pair = (min(a, b), max(a, b))
        nth = pair_count.get(pair, 0)
        pair_count[pair] = nth + 1
        label = _s(d.get("label")) or key
        edge = {"id": j, "from": a, "to": b}
        if edge_labels:
            edge["label"] = label
        if d.get("secondary_only"):
            edge["dashes"] = True
        if key == "kg:conflictsWith":
            edge["color"] = {"color": CONFLICT_COLOR, "highlight": CONFLICT_COLOR}
            edge["dashes"] = [2, 4]
            edge["width"] = 2
        elif d.get("role"):
            edge["color"] = {"color": "#c7ccd1", "highlight": "#555"}
        if nth:
            edge["smooth"] = {"enabled": True, "type": "curvedCW" if nth % 2 else "curvedCCW", "roundness": 0.15 * ((nth + 1) // 2)}
        vis_edges.append(edge)
        einfo.append(
            _compact(
                {
                    "key": key,
                    "label": label,
                    "ev": ev_refs(d.get("evidence")),
                    "secondary_only": bool(d.get("secondary_only")),
                    "derived_from": local.get(_s(d.get("derived_from")), -1),
                    "role": bool(d.get("role")),
                    "note": _s(d.get("note")),
                }
            )
        )

    legend = [
        {"type": typ, "kind": kind, "shape": KIND_SHAPES.get(kind, "dot"), "color": colors[typ], "count": counts.get(typ, 0)}
        for kind, typ in types_present
    ]
    years = sorted({x["year"] for x in info if x.get("year") is not None and x["kind"] == "Event"})
    return {
        "nodes": vis_nodes,
        "edges": vis_edges,
        "info": info,
        "einfo": einfo,
        "evidence": evidence_table,
        "legend": legend,
        "years": [years[0], years[-1]] if years else None,
        "total_nodes": total_nodes,
        "total_edges": total_edges,
        "truncated": truncated,
        "shown_nodes": n,
        "shown_edges": len(edges),
        "edge_labels": edge_labels,
    }


def _vis_options(n: int) -> dict[str, Any]:
    big = n > 1500
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {
            "enabled": False,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90, "avoidOverlap": 0.2},
            "stabilization": {"enabled": False},
        },
        "interaction": {
            "hover": not big,
            "tooltipDelay": 250,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "multiselect": False,
            "keyboard": False,
        },
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 14, "color": "#222222", "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"label": {"enabled": False, "drawThreshold": 6}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "font": {"size": 10, "align": "middle", "color": "#555555", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "smooth": False,
            "color": {"color": "#8d99a6", "highlight": "#222222", "hover": "#222222", "inherit": False},
            "width": 1,
            "selectionWidth": 1.5,
            "scaling": {"label": {"enabled": False, "drawThreshold": 6}},
        },
    }


def _json_for_script(obj: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&``, U+2028 or U+2029 survive.

    >>> _json_for_script({"a": "</script>&\\u2028"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u0026\\\\u2028"}'
    """
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _vis_bundle() -> tuple[str, str]:
    """vis-network's JS and CSS as shipped inside pyvis (licence header kept in the JS)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    # a source-map comment would make developer tools look for a file next to the page
    js = "\n".join(line for line in js.split("\n") if not line.startswith("//# sourceMappingURL="))
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    for name, text, closing in (("js", js, "</script"), ("css", css, "</style")):
        if closing in text.lower():  # pragma: no cover - the bundled file does not
            raise RuntimeError(f"vis-network {name} contains {closing!r}; cannot inline it safely")
    return js, css


def render_html(nxg, *, title: str | None = None, max_nodes: int | None = None, coverage: dict | None = None) -> str:
    """Return the self-contained HTML page for an entity-level networkx graph.

    ``max_nodes``: show at most this many nodes, the most important by
    PageRank, and say so on the page (``None``: ``DEFAULT_MAX_NODES``; ``0``:
    no limit). ``coverage``: the figures of :func:`graph.coverage.summary`, shown in
    the footer (what share of each source's informative sentences the graph cites).
    """
    from .progress import stage

    with stage("HTML view"):
        return _render_html(nxg, title, max_nodes, coverage)


def _coverage_lines(coverage: dict | None) -> list[str]:
    return [f"{c['label']}: {c['cited']} of {c['informative']} informative sentences cited "
            f"({100 * c['cited_share']:.0f}%)" for _name, c in sorted((coverage or {}).items())]


def _render_html(nxg, title, max_nodes, coverage=None) -> str:
    import jinja2
    from pyvis.network import Network

    data = _graph_data(nxg, max_nodes)
    # pyvis holds the network; its node/edge lists are filled directly
    # (add_node/from_nx are quadratic) and its options are vis-network's.
    net = Network(directed=True, cdn_resources="in_line", heading=title or nxg.graph.get("title") or "")
    net.nodes = data.pop("nodes")
    net.edges = data.pop("edges")
    net.options = _vis_options(len(net.nodes))
    nodes, edges, heading, _height, _width, options_json = net.get_network_data()

    vis_js, vis_css = _vis_bundle()
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATE_DIR)),
        autoescape=True,
        keep_trailing_newline=True,
    )
    template = env.get_template("view.html")
    app_js = (_TEMPLATE_DIR / "view.js").read_text(encoding="utf-8")
    app_css = (_TEMPLATE_DIR / "view.css").read_text(encoding="utf-8")
    payload = dict(data, nodes=nodes, edges=edges, options=json.loads(options_json))
    page_title = title or nxg.graph.get("title") or "Knowledge graph"
    return template.render(
        title=page_title,
        heading=heading or page_title,
        data_json=_markup(_json_for_script(payload)),
        vis_js=_markup(vis_js),
        vis_css=_markup(vis_css),
        app_js=_markup(app_js),
        app_css=_markup(app_css),
        truncated=data["truncated"],
        total_nodes=data["total_nodes"],
        total_edges=data["total_edges"],
        shown_nodes=data["shown_nodes"],
        shown_edges=data["shown_edges"],
        coverage=_coverage_lines(coverage),
    )


def _markup(text: str):
    from markupsafe import Markup

    return Markup(text)


def write_html(g_or_nxg, path, *, title: str | None = None, max_nodes: int | None = None) -> Path:
    """Write the page for an rdflib ``Graph`` or a networkx graph to ``path`` atomically; return the path."""
    nxg = g_or_nxg
    if not hasattr(nxg, "nodes"):  # an rdflib Graph
        from graph.network import to_networkx

        nxg = to_networkx(g_or_nxg)
    page = render_html(nxg, title=title, max_nodes=max_nodes)
    from graph.export import write_atomic

    return write_atomic(Path(path), page.encode("utf-8"))


@click.command("view")
@triples_option
@store_option
@click.option("--output", "-o", default="exports/graph.html", show_default=True, type=click.Path(dir_okay=False), help="Where to write the page.")
@click.option("--no-open", is_flag=True, help="Write the page but do not open a browser.")
@click.option("--max-nodes", type=int, default=DEFAULT_MAX_NODES, show_default=True, help="Show at most this many nodes (the most important); 0 for all.")
def view_command(triples, store: str, output: str, no_open: bool, max_nodes: int) -> None:
    """Write the graph as one offline HTML page and open it in the browser.

    The page has search (any label or alias, English or Chinese), type and
    year filters, and a panel with every fact's evidence quote.

    Example:

        kg view --no-open --output exports/graph.html
    """
    import webbrowser

    path = write_html(load_graph(triples, store), output, max_nodes=max_nodes)
    click.echo(f"wrote {path}")
    if not no_open:
        webbrowser.open(path.resolve().as_uri())
