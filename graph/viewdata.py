"""What the HTML view and the dossier know: every node and edge of the projection, the
evidence table, the source texts and which of their sentences each quote cites, the
conflicts with their two sides, the event families, the first picture's fold and
positions, and the story layout.

``page_data(nxg)`` returns plain JSON-able structures in a stable order (the same graph
gives the same page bytes). Nodes and edges are numbered once, over the whole graph:
the page holds them all (its search finds every entity) and draws the most important
``max_nodes`` first.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("x:lei", label="Lei Jun", kind="Person", type="Person")
>>> g.add_node("x:f", label="Xiaomi founded", kind="Event", type="Founding", date="2010", year=2010,
...            evidence=[{"source": "x:s", "source_label": "S", "quote": "In 2010 I founded Xiaomi", "secondary": False}])
>>> g.add_edge("x:f", "x:lei", key="kg:founder", label="founder", role=True,
...            evidence=g.nodes["x:f"]["evidence"])
'kg:founder'
>>> d = page_data(g)
>>> [x["label"] for x in d["info"]], d["info"][0]["fam"], d["info"][1]["talk"]
(['Xiaomi founded', 'Lei Jun'], 'founding', 1)
>>> event_family("Sale"), event_family("Event")
('deal', 'other')
"""

from __future__ import annotations

from typing import Any

from .viewlayout import NOT_TALK as _NOT_TALK
from .viewlayout import positions as _positions
from .viewlayout import story as _story

__all__ = ["page_data", "event_family", "FAMILIES", "KIND_ORDER", "DEFAULT_MAX_NODES", "FULL_INFO_LIMIT"]

#: Above this many nodes the page draws only the most important ones first (and says so).
DEFAULT_MAX_NODES = 5000

#: Above this many nodes in all, the nodes the page does not draw first carry only their
#: names, type and links (no descriptions or quotes), so a huge graph's page stays small.
FULL_INFO_LIMIT = 20000

#: The event families of the legend: key, label, event types, shape, colour.
FAMILIES = [
    ("founding", "Founding and funding", ("Founding", "Funding", "IPO", "Donation"), "diamond", "#d4a000"),
    ("deal", "Deals", ("Sale", "Acquisition", "Offer", "Partnership"), "pentagon", "#d6336c"),
    ("launch", "Launches and tests", ("Release", "Rebranding", "PressConference", "Test"), "chevron", "#2f9e44"),
    ("career", "Career moves and studies", ("Joining", "Leaving", "Resignation", "Return", "Study", "Exam"),
     "arrow", "#1971c2"),
    ("talk", "Speeches, meetings and requests", ("Speech", "Meeting", "Request"), "bubble", "#7048e8"),
    ("crisis", "Crises", ("Crisis", "Bankruptcy"), "burst", "#e8590c"),
    ("other", "Other events and periods", (), "smallDiamond", "#9aa3ab"),
]
_FAMILY_OF = {t: key for key, _label, types, _shape, _color in FAMILIES for t in types}

KIND_ORDER = ["Person", "Group", "Organization", "Product", "CreativeWork", "Idea", "Place", "Event", "Claim"]
KIND_LABELS = {"Person": "People", "Group": "Groups", "Organization": "Organisations", "Product": "Products",
               "CreativeWork": "Works and sources", "Idea": "Ideas", "Place": "Places", "Claim": "Claims"}
KIND_SHAPES = {"Person": "dot", "Group": "hexagon", "Organization": "square", "Product": "triangle",
               "CreativeWork": "page", "Idea": "octagon", "Place": "triangleDown", "Claim": "star"}
KIND_COLORS = {"Person": "#4e79a7", "Group": "#86a9d1", "Organization": "#f28e2b", "Product": "#59a14f",
               "CreativeWork": "#b07aa1", "Idea": "#e6b84f", "Place": "#9c755f", "Claim": "#b3a9c9"}
CONFLICT_COLOR = "#d62728"

_KGR = "https://w3id.org/story-kg/id/"  # provenance, not a source speaking of the node


def event_family(type_: str) -> str:
    """The legend family of an event type (``"other"`` for plain events and periods)."""
    return _FAMILY_OF.get(type_, "other")


def _s(value: Any) -> str:
    return "" if value is None else str(value)


def _compact(d: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values (the page and the dossier treat a missing key as empty, false or -1)."""
    def empty(v: Any) -> bool:
        return v is None or v is False or v == "" or v == [] or (type(v) is int and v == -1)

    return {k: v for k, v in d.items() if not empty(v) or k in ("label", "kind", "type")}


class _EvidenceTable:
    """The page's table of quotes: one row per distinct quote, with where it is in its
    source text and which sentences it cites (``refs`` gives a list of rows' ids)."""

    def __init__(self, texts):
        self.texts = texts
        self.src_index = {s.iri: i for i, s in enumerate(texts)}
        self.rows: list[list[Any]] = []
        self.sentences: list[list[int]] = []  # row -> global sentence ids it cites
        self.cited_by: dict[int, list[int]] = {}  # global sentence id -> rows
        self.sentence_base, base = [], 0
        for t in texts:
            self.sentence_base.append(base)
            base += len(t.sentence_spans())
        self._index: dict[tuple, int] = {}

    def refs(self, evs) -> list[int]:
        out = []
        for ev in evs or []:
            key = (_s(ev.get("source")), _s(ev.get("source_label")), _s(ev.get("quote")), bool(ev.get("secondary")),
                   _s(ev.get("translation")), _s(ev.get("doubt")))
            k = self._index.get(key)
            if k is None:
                k = self._index[key] = len(self.rows)
                si = self.src_index.get(key[0], -1)
                at, sent = (self.texts[si].locate(key[2]) if si >= 0 else (None, []))
                gids = [self.sentence_base[si] + j for j in sent] if si >= 0 else []
                for gid in gids:
                    self.cited_by.setdefault(gid, []).append(k)
                self.rows.append(list(key) + [si, list(at) if at else None])
                self.sentences.append(gids)
            if k not in out:  # the same quote twice (two evidence nodes alike) is shown once
                out.append(k)
        return out

    def keep_only(self, used: list[int]) -> dict:
        """Keep the rows ``used`` (sorted ids); returns ``{old id: new id}``."""
        renum = {old: new for new, old in enumerate(used)}
        self.rows = [self.rows[r] for r in used]
        self.sentences = [self.sentences[r] for r in used]
        cited_by = {gid: sorted(renum[r] for r in refs if r in renum) for gid, refs in self.cited_by.items()}
        self.cited_by = {gid: refs for gid, refs in cited_by.items() if refs}
        return renum


def page_data(nxg, *, max_nodes: int | None = None, sources=(), source_note: str = "", layout: bool = True) -> dict:
    """Everything the page (and ``kg report``) needs, as plain JSON-able structures.

    ``max_nodes``: draw at most this many nodes first, those the sources say most about
    (``None``: :data:`DEFAULT_MAX_NODES`; ``0``: all). ``sources``: the
    :class:`graph.reader.SourceText` of each source, for the reader and the sizes (without
    them a node's size counts its distinct quotes). ``layout=False`` skips the positions.
    """
    from .layout import pagerank

    all_ids = sorted(nxg.nodes, key=str)
    index = {nid: i for i, nid in enumerate(all_ids)}
    n = len(all_ids)
    raw_edges = sorted(((index[u], index[v], _s(k), d) for u, v, k, d in nxg.edges(keys=True, data=True)),
                       key=lambda t: (t[0], t[1], t[2]))
    pr = pagerank(n, [(a, b) for a, b, _k, _d in raw_edges])
    attrs = [nxg.nodes[nid] for nid in all_ids]
    kinds = [_s(a.get("kind")) or "Entity" for a in attrs]
    types = [_s(a.get("type")) or kinds[i] for i, a in enumerate(attrs)]
    texts = list(sources or ())
    ev = _EvidenceTable(texts)
    node_ev = [ev.refs(a.get("evidence")) for a in attrs]
    edges = _edge_records(raw_edges, index, ev)
    adj: list[list[int]] = [[] for _ in range(n)]
    for j, e in enumerate(edges):
        adj[e["from"]].append(j)
        if e["to"] != e["from"]:
            adj[e["to"]].append(j)
    talk = _talk(n, node_ev, adj, edges, ev.sentences)

    limit = DEFAULT_MAX_NODES if max_nodes is None else max_nodes
    truncated = bool(limit) and n > limit
    order = sorted(range(n), key=lambda i: (-talk[i], -pr[i], i))
    drawn = set(order[:limit]) if truncated else set(range(n))
    lite = truncated and n > FULL_INFO_LIMIT
    fam = [event_family(types[i]) if kinds[i] == "Event" else "" for i in range(n)]
    fold = _folds(n, drawn, kinds, fam, adj, edges, talk, attrs)
    conflicts, node_conflicts = _conflict_table(attrs)

    max_talk = max(talk) if n else 0
    labels = [_s(a.get("label")) or all_ids[i] for i, a in enumerate(attrs)]
    positions = _positions(n, edges, drawn, fold, kinds, talk, max_talk, labels) if layout else {}
    story, axis = _story(n, edges, drawn, kinds, attrs, talk, max_talk, labels) if layout else ({}, None)
    kind_names, type_names = sorted(set(kinds)), sorted(set(types))
    info = []
    for i, a in enumerate(attrs):
        if lite and i not in drawn:  # a compact row: names, type, date and links only (expanded by the page)
            iri = _s(a.get("iri")) or all_ids[i]
            info.append([iri[len(_KGR):] if iri.startswith(_KGR) else iri, labels[i], _s(a.get("label_zh")),
                         [_s(x) for x in a.get("aliases") or []], kind_names.index(kinds[i]), type_names.index(types[i]),
                         _s(a.get("date")), a.get("year") if isinstance(a.get("year"), int) else None, talk[i],
                         round(float(pr[i]), 6), 1 if a.get("secondary_only") else 0, node_conflicts[i]])
            continue
        rec = _node_record(nxg, a, all_ids[i], labels[i], kinds[i], types[i], fam[i], talk[i], pr[i], fold[i],
                           node_conflicts[i], i in drawn, node_ev[i])
        if i in positions:
            rec["x"], rec["y"] = positions[i]
        if i in story:
            rec["sx"], rec["sy"] = story[i]
        info.append(_compact(rec))
    einfo, edge_keys = _edge_rows(edges, drawn, lite)
    if lite:  # only the quotes the page shows
        _keep_shown_evidence(ev, info, einfo)
    years = sorted({int(y) for i, y in ((i, attrs[i].get("year")) for i in range(n))
                    if isinstance(y, int) and kinds[i] == "Event"})
    return {
        "info": info, "einfo": einfo, "evidence": ev.rows, "sources": _source_records(ev), "source_note": source_note,
        "conflicts": conflicts, "legend": _legend(n, kinds, types, fam), "story_axis": axis,
        "years": [years[0], years[-1]] if years else None, "max_talk": max_talk,
        "total_nodes": n, "total_edges": len(edges), "truncated": truncated, "lite": lite,
        "lite_tables": {"kinds": kind_names, "types": type_names, "edge_keys": edge_keys, "iri_base": _KGR} if lite else None,
        "drawn_nodes": len(drawn), "drawn_edges": sum(1 for e in edges if e["from"] in drawn and e["to"] in drawn),
    }


def _edge_records(raw_edges, index, ev) -> list[dict]:
    edges = []
    for a, b, key, d in raw_edges:
        dv = []
        for der in d.get("derivations") or ():
            e = index.get(_s(der.get("event")), -1)
            if e >= 0:
                dv.append([e, ev.refs(der.get("evidence"))])
        edges.append({"from": a, "to": b, "key": key, "label": _s(d.get("label")) or key,
                      "ev": ev.refs(d.get("evidence")), "secondary_only": bool(d.get("secondary_only")),
                      "derived_from": index.get(_s(d.get("derived_from")), -1), "role": bool(d.get("role")),
                      "note": _s(d.get("note")), "outcome": _s(d.get("outcome")), "dv": dv})
    return edges


def _talk(n, node_ev, adj, edges, ev_sentences) -> list[int]:
    """How much the sources talk about each node: distinct cited sentences of its quotes and its facts'."""
    talk = []
    for i in range(n):
        keys: set = set()
        refs = list(node_ev[i])
        for j in adj[i]:
            if edges[j]["key"] not in _NOT_TALK:
                refs += edges[j]["ev"]
        for r in refs:
            gids = ev_sentences[r]
            if gids:
                keys.update(gids)
            else:
                keys.add(("q", r))
        talk.append(len(keys))
    return talk


def _folds(n, drawn, kinds, fam, adj, edges, talk, attrs) -> list[int]:
    """The first picture folds claims and minor events into their subject: the node each folds into, or -1."""
    foldable = [kinds[i] == "Claim" or fam[i] == "other" for i in range(n)]
    fold = [-1] * n
    for i in sorted(drawn):
        if not foldable[i]:
            continue
        cands = set()
        for j in adj[i]:
            e = edges[j]
            if e["from"] == i and e["role"] and ((kinds[i] == "Claim") == (e["key"] == "kg:about")):
                cands.add(e["to"])
        cands = [c for c in cands if c in drawn and not foldable[c] and c != i]
        if cands:
            fold[i] = min(cands, key=lambda c: (talk[c], _s(attrs[c].get("label")), c))
    return fold


def _conflict_table(attrs) -> tuple[list[dict], list[list]]:
    """The conflicts with their two sides (node ids), sorted by label; and each node's ``[conflict, side]`` pairs."""
    conflicts: list[dict] = []
    conflict_index: dict[str, int] = {}
    node_conflicts: list[list] = [[] for _ in attrs]
    for i, a in enumerate(attrs):
        for c in a.get("conflicts") or ():
            iri = _s(c.get("conflict")) or _s(c.get("label"))
            k = conflict_index.get(iri)
            if k is None:
                k = conflict_index[iri] = len(conflicts)
                conflicts.append({"iri": iri, "label": _s(c.get("label")), "kind": _s(c.get("kind")),
                                  "note": _s(c.get("note")), "A": set(), "B": set()})
            side = _s(c.get("side")) or "A"
            conflicts[k][side if side in ("A", "B") else "A"].add(i)
            if [k, side] not in node_conflicts[i]:
                node_conflicts[i].append([k, side])
    order_c = sorted(range(len(conflicts)), key=lambda k: (conflicts[k]["label"], conflicts[k]["iri"]))
    renum = {old: new for new, old in enumerate(order_c)}
    conflicts = [conflicts[k] for k in order_c]
    for c in conflicts:
        c["A"], c["B"] = sorted(c["A"]), sorted(c["B"] - c["A"])
    for lst in node_conflicts:
        for item in lst:
            item[0] = renum[item[0]]
        lst.sort()
    return conflicts, node_conflicts


def _node_record(nxg, a, nid, label, kind, typ, fam, talk, rank, fold, cf, drawn, ev_refs) -> dict:
    """A node's full row of the page."""
    return {
        "iri": _s(a.get("iri")) or nid, "label": label, "label_zh": _s(a.get("label_zh")),
        "kind": kind, "type": typ, "fam": fam,
        "aliases": [_s(x) for x in a.get("aliases") or []],
        "date": _s(a.get("date")), "date_precision": _s(a.get("date_precision")),
        "date_inferred": _s(a.get("date_inferred")),
        "year": a.get("year") if isinstance(a.get("year"), int) else None,
        "secondary_only": bool(a.get("secondary_only")), "talk": talk, "rank": round(float(rank), 6),
        "fold": fold, "cf": cf, "drawn": drawn,
        "description": _s(a.get("description")), "end_date": _s(a.get("end_date")),
        "date_unknown": _s(a.get("date_unknown")), "outcome": _s(a.get("outcome")),
        "amounts": [_s(x) for x in a.get("amounts") or []], "claim_text": _s(a.get("claim_text")),
        "mentioned_in": [_s(nxg.nodes[m].get("label")) if m in nxg else _s(m) for m in a.get("mentioned_in") or []],
        "verdict": _s(a.get("verdict")), "ev": ev_refs,
    }


def _edge_rows(edges, drawn, lite) -> tuple[list, list]:
    """The edges' rows: full, or (``lite``, an edge with an end not drawn) ``[from, to, key id, secondary]``."""
    einfo, edge_keys, key_index = [], [], {}
    for e in edges:
        if lite and (e["from"] not in drawn or e["to"] not in drawn):
            kk = (e["key"], e["label"], 1 if e["role"] else 0)
            if kk not in key_index:
                key_index[kk] = len(edge_keys)
                edge_keys.append(list(kk))
            einfo.append([e["from"], e["to"], key_index[kk], 1 if e["secondary_only"] else 0])
        else:
            einfo.append(_compact(e))
    return einfo, edge_keys


def _keep_shown_evidence(ev, info, einfo) -> None:
    """Drop the quotes no full row refers to, renumbering the rows' references."""
    used = sorted({r for x in info if isinstance(x, dict) for r in x.get("ev", ())}
                  | {r for e in einfo if isinstance(e, dict) for r in e.get("ev", ())}
                  | {r for e in einfo if isinstance(e, dict) for _d, refs in e.get("dv", ()) for r in refs})
    renum = ev.keep_only(used)
    for x in info + einfo:
        if isinstance(x, dict):
            if "ev" in x:
                x["ev"] = [renum[r] for r in x["ev"]]
            if "dv" in x:
                x["dv"] = [[d, [renum[r] for r in refs]] for d, refs in x["dv"]]


def _source_records(ev) -> list[dict]:
    """Each source's text with its cited sentences; each quote row gains the sentences it cites."""
    out = []
    for si, s in enumerate(ev.texts):
        spans = s.sentence_spans()
        base = ev.sentence_base[si]
        cited = [[a, b, sorted(set(ev.cited_by[base + j])), j] for j, (a, b) in enumerate(spans) if base + j in ev.cited_by]
        out.append({"iri": s.iri, "label": s.label, "kind": s.kind, "language": s.language, "file": s.file,
                    "text": s.text, "cited": cited, "sentences": len(spans)})
    for k, gids in enumerate(ev.sentences):  # the sentences each quote cites, for the reader's links
        si = ev.rows[k][6]
        ev.rows[k].append([gid - ev.sentence_base[si] for gid in gids] if si >= 0 else [])
    return out


def _legend(n, kinds, types, fam) -> list[dict]:
    counts: dict[str, int] = {}
    for i in range(n):
        key = fam[i] if kinds[i] == "Event" else kinds[i]
        counts[key] = counts.get(key, 0) + 1
    legend = [{"key": key, "label": label, "group": "Events", "shape": shape, "color": color,
               "types": list(types_) if types_ else sorted({types[i] for i in range(n) if fam[i] == "other" and kinds[i] == "Event"}),
               "count": counts.get(key, 0)}
              for key, label, types_, shape, color in FAMILIES if counts.get(key)]
    other_kinds = sorted({k for k in kinds if k not in KIND_ORDER})
    for kind in [k for k in KIND_ORDER if k != "Event"] + other_kinds:
        if counts.get(kind):
            legend.append({"key": kind, "label": KIND_LABELS.get(kind, kind), "group": "Entities",
                           "shape": KIND_SHAPES.get(kind, "dot"), "color": KIND_COLORS.get(kind, "#a0a0a0"),
                           "types": sorted({types[i] for i in range(n) if kinds[i] == kind}), "count": counts[kind]})
    return legend
