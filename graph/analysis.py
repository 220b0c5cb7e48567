"""Questions of the network: what is an entity's story, how are two entities
connected, who is central, which groups form.

All functions take the networkx projection (:func:`graph.network.to_networkx`);
:func:`describe` and :func:`describe_conflict` also take the :class:`~graph.network.Projection`
of a node's neighbourhood (:func:`graph.focus.focus`), which needs no networkx.

>>> nxg = graph.to_networkx(load(TRIPLES))
>>> lei, xiaomi = str(KGR["lei-jun"]), str(KGR["xiaomi"])
>>> print(explain_path(nxg, shortest_paths(nxg, lei, xiaomi)[0]).splitlines()[0])
Lei Jun founded Xiaomi (Xiaomi founded, 2010-04-06)
"""

from __future__ import annotations

from .store import gc_paused

__all__ = ["describe", "describe_conflict", "describe_statement", "conflict_sides", "shortest_paths", "explain_path", "rank", "communities",
           "BETWEENNESS_EXACT_LIMIT"]

BETWEENNESS_EXACT_LIMIT = 2000  # above this many nodes, betweenness is estimated from a sample


def _quote_lines(evidence, indent="      ") -> list[str]:
    out = []
    for ev in evidence:
        tag = " [secondary]" if ev.get("secondary") else ""
        out.append(f"{indent}“{ev['quote']}” — {ev['source_label']}{tag}")
        if ev.get("translation"):
            out.append(f"{indent}  (curator's translation: {ev['translation']})")
        if ev.get("doubt"):
            out.append(f"{indent}  (doubt: {ev['doubt']})")
    return out


def _when(a) -> str:
    if a.get("date"):
        return a["date"] + ("~" if a.get("date_inferred") else "")
    return ""


def _only_secondary(nxg, node) -> str:
    return " [article only]" if nxg.nodes[node].get("secondary_only") and nxg.nodes[node]["kind"] not in ("Event", "Claim") else ""


def _edge_sentences(nxg, s, o, key, data) -> list[tuple[str, list, bool]]:
    """The readable sentences of one edge, each with its evidence and whether only a
    secondary source states it: one per event the edge was derived from (each with its
    own date, outcome and quotes), else one."""
    S, O = nxg.nodes[s], nxg.nodes[o]
    if key == "kg:about":
        return [(f"{S['label']} — is about — {O['label']}", data.get("evidence", []), data.get("secondary_only", False))]
    if data.get("role"):
        when = _when(S)
        return [(f"{O['label']} — {data['label']} in — {S['label']}" + (f" ({when})" if when else ""),
                 data.get("evidence", []), data.get("secondary_only", False))]
    head = f"{S['label']} {data['label']} {O['label']}"
    derivations = data.get("derivations") or []
    if not derivations:
        return [(head, data.get("evidence", []), data.get("secondary_only", False))]
    out = []
    for d in derivations:
        when = d["date"] + ("~" if d.get("date_inferred") else "") if d.get("date") else ""
        detail = ", ".join(x for x in (when, d.get("outcome", "")) if x)
        out.append((f"{head} ({d['label']}" + (f", {detail}" if detail else "") + ")", d["evidence"],
                    d.get("secondary_only", False)))
    return out


def _edge_sentence(nxg, s, o, key, data) -> str:
    return "; ".join(text for text, _ev, _sec in _edge_sentences(nxg, s, o, key, data))


def describe(nxg, node: str) -> str:
    """Everything the graph knows about ``node``, each fact with its evidence, as text.

    ``node`` may also be a conflict (not a node of the projection): its two sides are
    shown with their quotes.
    """
    from .errors import KGError
    from .namespaces import curie

    if node not in nxg:
        text = describe_conflict(nxg, node)
        if text is None:
            raise KGError(f"{curie(node)} is neither an entity, an event nor a claim of the graph")
        return text
    a = nxg.nodes[node]
    head = a["label"] + (f"  {a['label_zh']}" if a["label_zh"] else "")
    lines = [head, "=" * max(len(a["label"]), 3)]
    kind = a["type"] if a["type"] == a["kind"] else f"{a['type']} ({a['kind']})"
    lines.append(f"type:        {kind}   {curie(node)}")
    if a["aliases"]:
        lines.append("aliases:     " + ", ".join(a["aliases"]))
    if a["description"]:
        lines.append("description: " + a["description"])
    if a["claim_text"]:
        lines.append("claim:       " + a["claim_text"])
    if a["date"]:
        lines.append(f"date:        {a['date']} ({a['date_precision']})" + (f" — inferred: {a['date_inferred']}" if a["date_inferred"] else ""))
    if a["end_date"]:
        lines.append(f"end date:    {a['end_date']}")
    if a["date_unknown"]:
        lines.append(f"date:        unknown — {a['date_unknown']}")
    if a["outcome"]:
        lines.append("outcome:     " + a["outcome"])
    for amount in a["amounts"]:
        lines.append("amount:      " + amount)
    if a.get("mentioned_in"):
        names = [nxg.nodes[m]["label"] if m in nxg else curie(m) for m in a["mentioned_in"]]
        lines.append("mentioned in: " + "; ".join(names))
    if a.get("verdict"):
        lines.append("verdict:     " + a["verdict"] + " (what the primary sources say of this claim)")
    if a["secondary_only"]:
        lines.append("provenance:  " + ("stated only by a secondary source" if a["kind"] in ("Event", "Claim")
                                        else "mentioned only by a secondary source"))
    if a["evidence"]:
        lines.append("evidence:")
        lines += _quote_lines(a["evidence"], "  ")
    facts = []
    for s, o, k, d in sorted(nxg.out_edges(node, keys=True, data=True), key=lambda e: (e[2], e[1])):
        if k != "kg:conflictsWith":
            facts += _edge_sentences(nxg, s, o, k, d)
    for s, o, k, d in sorted(nxg.in_edges(node, keys=True, data=True), key=lambda e: (e[2], e[0])):
        if k != "kg:conflictsWith":
            facts += _edge_sentences(nxg, s, o, k, d)
    if facts:
        lines.append("")
        lines.append(f"facts ({len(facts)}):")
        for text, evidence, secondary in facts:
            lines.append(f"  - {text}" + ("  [secondary only]" if secondary else ""))
            lines += _quote_lines(evidence)
    if a["conflicts"]:
        lines.append("")
        lines.append("conflicts:")
        seen = {}
        for c in a["conflicts"]:
            seen.setdefault(c["conflict"], (c, []))[1].append(c["other"])
        for c, others in seen.values():
            lines.append(f"  ! {c['label']} ({c['kind'].lower()}): {c['note']}")
            lines.append(f"    this claim is on side {c.get('side', '?')}; the other side says:")
            for o in others:
                other = nxg.nodes[o] if o in nxg else {"label": o, "evidence": []}
                lines.append(f"    - {other['label']}")
                lines += _quote_lines(other.get("evidence", []))
    return "\n".join(lines)


def describe_statement(g, st) -> str | None:
    """A reified statement of ``g`` (an rdflib graph or a :class:`~graph.backend.Backend`)
    as text (its relation, evidence, verdict), or None if ``st`` is not one: statements
    are edges of the projection, not nodes."""
    from .backend import sparql_of
    from .lookup import label_of
    from .namespaces import curie
    from .store import backend_of

    backend, node = backend_of(g), sparql_of(str(st))

    def value(subject: str, predicate: str):
        rows = backend.select(f"SELECT ?o WHERE {{ {subject} {predicate} ?o }} LIMIT 1")
        return rows[0][0] if rows else None

    def text(term) -> str:
        return "" if term is None else getattr(term, "value", term)

    def label(x) -> str:
        return label_of(backend, x)

    s, p, o = (value(node, f"rdf:{part}") for part in ("subject", "predicate", "object"))
    if None in (s, p, o):
        return None
    head = f"{label(s)} {text(value(sparql_of(p), 'rdfs:label')) or curie(p)} {label(o)}"
    lines = [head, "=" * max(len(head), 3), f"type:        Statement   {curie(st)}"]
    event = value(node, "kg:derivedFrom")
    if event is not None:
        lines.append(f"derived from: {label(event)} ({curie(event)})")
    for (note,) in backend.select(f"SELECT ?n WHERE {{ {node} kg:note ?n }}"):
        lines.append("note:        " + text(note))
    verdict = value(node, "kg:verdict")
    if verdict is not None:
        lines.append("verdict:     " + (text(value(sparql_of(verdict), "rdfs:label")) or curie(verdict)))
    evidence = []
    for src, quote, translation, doubt, secondary in backend.select(
            f"SELECT ?src ?q ?t ?d ?secondary WHERE {{ {node} kg:evidence ?ev . "
            "OPTIONAL { ?ev kg:source ?src } OPTIONAL { ?ev kg:quote ?q } OPTIONAL { ?ev kg:quoteTranslation ?t } "
            "OPTIONAL { ?ev kg:doubt ?d } BIND (EXISTS { ?src kg:sourceKind kg:SecondarySource } AS ?secondary) }"):
        evidence.append({"quote": text(quote), "source_label": label(src) if src is not None else "",
                         "secondary": text(secondary) == "true", "translation": text(translation), "doubt": text(doubt)})
    if evidence:
        lines.append("evidence:")
        lines += _quote_lines(sorted(evidence, key=lambda e: (e["secondary"], e["quote"])), "  ")
    return "\n".join(lines)


def conflict_sides(nxg, conflict: str) -> dict | None:
    """``{"label", "kind", "note", "A": [claims], "B": [claims]}`` of a conflict, read off
    its claims' ``conflicts`` attributes, or None if no claim of the graph is in it."""
    found = None
    for n in nxg:
        for c in nxg.nodes[n].get("conflicts") or ():
            if c["conflict"] == conflict:
                if found is None:
                    found = {"label": c["label"], "kind": c["kind"], "note": c["note"], "A": set(), "B": set()}
                found[c.get("side", "A")].add(n)
    if found is not None:
        found["A"], found["B"] = sorted(found["A"]), sorted(found["B"])
    return found


def describe_conflict(nxg, conflict: str) -> str | None:
    """A conflict as text: its kind and note, then each side's claims with their quotes."""
    from .namespaces import curie

    c = conflict_sides(nxg, conflict)
    if c is None:
        return None
    lines = [c["label"], "=" * max(len(c["label"]), 3), f"type:        Conflict ({c['kind'].lower()})   {curie(conflict)}"]
    if c["note"]:
        lines.append("note:        " + c["note"])
    for side, title in (("A", "side A (the primary source, or the original)"), ("B", "side B (the other reading)")):
        lines += ["", f"{title}:"]
        for n in c[side]:
            lines.append(f"  - {nxg.nodes[n]['label']}")
            lines += _quote_lines(nxg.nodes[n].get("evidence", []))
    return "\n".join(lines)


def _undirected(nxg):
    """The structure of ``nxg`` as an undirected simple graph, its nodes and edges added in
    sorted order, so that algorithms that visit them in insertion order give the same
    answer whichever store the projection came from."""
    import networkx as nx

    und = nx.Graph()
    und.add_nodes_from(sorted(nxg))
    und.add_edges_from(sorted((s, o) if s <= o else (o, s) for s, o in nxg.edges()))
    return und


def shortest_paths(nxg, a: str, b: str, limit: int = 3) -> list[list[str]]:
    """Up to ``limit`` shortest node paths between ``a`` and ``b``, ignoring edge direction."""
    import itertools

    import networkx as nx

    und = _undirected(nxg)  # sorted: among equally short paths, the same ones on both stores
    try:
        gen = nx.shortest_simple_paths(und, a, b)
        first = next(gen)
    except (nx.NetworkXNoPath, StopIteration):
        return []
    paths = [first]
    for p in itertools.islice(gen, limit - 1):
        if len(p) > len(first) + 1:
            break
        paths.append(p)
    return paths


def _first_fact(edges: dict) -> tuple:
    """The edge a hop of a path is told by, of the ``{key: data}`` between two nodes: the
    earliest dated fact (the story's first link between them), undated ones after, then by
    predicate (Lei Jun founded Xiaomi in 2010 before he asked it about Leica in 2021)."""
    def order(item):
        key, data = item
        dates = [d["date"] for d in data.get("derivations") or [] if d.get("date")]
        return (min(dates) if dates else "~", key)  # "~" sorts after every digit

    return min(edges.items(), key=order)


def explain_path(nxg, path: list[str]) -> str:
    """One readable sentence per hop of ``path``, with predicates and dates; a node that
    only secondary sources mention is marked ``[article only]``."""
    lines = []
    for x, y in zip(path, path[1:]):
        if nxg.has_edge(x, y):
            k, d = _first_fact(nxg[x][y])
            text = _edge_sentence(nxg, x, y, k, d)
        else:
            k, d = _first_fact(nxg[y][x])
            text = _edge_sentence(nxg, y, x, k, d)
        marks = "".join(sorted({_only_secondary(nxg, n) for n in (x, y)} - {""}))
        lines.append(text + marks + ("  [secondary only]" if d.get("secondary_only") else ""))
    return "\n".join(lines)


# networkx's BFS and PageRank make millions of short-lived dicts, freed by reference
# counting; each full collection they set off rescanned the whole projection (1M
# triples: 8 full passes, 3.4 s of 17 s)
@gc_paused()
def rank(nxg, top: int = 10, kinds=None) -> list[dict]:
    """Top nodes by degree, betweenness and PageRank (sampled betweenness on big graphs)."""
    import networkx as nx

    from .progress import stage

    # structure only: copying every node's and edge's attributes took 7 s at 1M triples.
    # Nodes and edges in sorted order: the betweenness sample (seeded) and the order of its
    # sums then depend on the graph, not on the order the store listed it in
    simple = nx.DiGraph()
    simple.add_nodes_from(sorted(nxg))
    simple.add_edges_from(sorted(nxg.edges()))
    und = _undirected(nxg)
    n = und.number_of_nodes()
    if n == 0:
        return []
    degree = dict(und.degree())
    if n > BETWEENNESS_EXACT_LIMIT:
        # each sample is a BFS over the whole graph: fewer samples as the graph grows (256 at
        # 10k edges, 25 at 200k), so `kg rank` stays in seconds on a million-triple graph
        k = min(256, n, max(16, 5_000_000 // max(1, und.number_of_edges())))
        with stage(f"betweenness ({k} sampled sources of {n:,} nodes)"):
            betweenness = nx.betweenness_centrality(und, k=k, seed=42)
    else:
        with stage(f"betweenness ({n:,} nodes)"):
            betweenness = nx.betweenness_centrality(und)
    with stage("pagerank"):
        pagerank = nx.pagerank(simple)
    rows = []
    for node, a in nxg.nodes(data=True):
        if kinds and a["kind"] not in kinds:
            continue
        rows.append(
            {"iri": node, "label": a["label"], "kind": a["kind"], "degree": degree.get(node, 0),
             "betweenness": betweenness.get(node, 0.0), "pagerank": pagerank.get(node, 0.0)}
        )
    rows.sort(key=lambda r: (-r["pagerank"], -r["degree"], r["label"]))
    return rows[:top]


def communities(nxg, seed: int = 42) -> list[dict]:
    """Louvain communities of the undirected projection, largest first, each named by its hub."""
    import networkx as nx

    from .progress import stage

    und = _undirected(nxg)  # sorted: Louvain's seeded shuffles do not depend on the store's order
    if und.number_of_nodes() == 0:
        return []
    with stage(f"Louvain communities ({und.number_of_nodes():,} nodes)"):
        parts = nx.community.louvain_communities(und, seed=seed)
    out = []
    for members in parts:
        ordered = sorted(members, key=lambda m: (-und.degree(m), nxg.nodes[m]["label"]))
        out.append({"size": len(members), "hub": nxg.nodes[ordered[0]]["label"],
                    "members": [nxg.nodes[m]["label"] for m in ordered], "iris": ordered})
    out.sort(key=lambda c: (-c["size"], c["hub"]))
    return out
