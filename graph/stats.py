"""Counts that describe a graph: ``kg stats`` and ``exports/stats.json``.

On an Oxigraph-backed graph the counts are SPARQL aggregates run in Oxigraph (no
networkx projection needed); on the in-memory store, or when a projection is at hand,
they are read from it. Both give the same numbers (``tests/test_stores.py``).

>>> s = stats(load(TRIPLES))
>>> s["entities_by_kind"]["Person"] > 0 and s["triples"] > 4000
True
>>> print(format_stats(s).splitlines()[0])  # doctest: +ELLIPSIS
triples                 ...
"""

from __future__ import annotations

__all__ = ["stats", "format_stats"]


def stats(g, nxg=None) -> dict:
    """Counts that describe the graph."""
    from collections import Counter

    from rdflib import RDF

    from .namespaces import KG
    from .network import to_networkx
    from .progress import stage
    from .store import oxigraph_of

    inner = oxigraph_of(g)
    if inner is not None:
        with stage("count"):
            return _stats_oxigraph(g, inner, nxg)
    nxg = nxg if nxg is not None else to_networkx(g)
    kinds = Counter(a["kind"] for _n, a in nxg.nodes(data=True))
    types = Counter(a["type"] for _n, a in nxg.nodes(data=True) if a["kind"] == "Event")
    years = sorted(a["year"] for _n, a in nxg.nodes(data=True) if a["kind"] == "Event" and a["year"])
    statements = set(g.subjects(RDF.type, RDF.Statement))
    derived = {s for s in statements if (s, KG.derivedFrom, None) in g}
    return {
        "triples": len(g),
        "nodes": nxg.number_of_nodes(),
        "edges": nxg.number_of_edges(),
        "entities_by_kind": dict(sorted(kinds.items())),
        "events_by_type": dict(sorted(types.items())),
        "sources": len(set(g.subjects(RDF.type, KG.Source))),
        "evidence": len(set(g.subjects(KG.quote, None))),
        "statements_curated": len(statements - derived),
        "statements_derived": len(derived),
        "secondary_only_claims": sum(1 for _n, a in nxg.nodes(data=True) if a["secondary_only"]),
        "conflicts": len(set(g.subjects(RDF.type, KG.Conflict))),
        "aliases": sum(len(a["aliases"]) for _n, a in nxg.nodes(data=True)),
        "years": [years[0], years[-1]] if years else [],
    }


# the node classes are listed, not matched with rdfs:subClassOf* per triple: 1.9 s -> 1.2 s at 1M
_EDGES = ("SELECT (COUNT(*) AS ?n) WHERE {{ {{ SELECT DISTINCT ?s WHERE {{ ?s a ?cs VALUES ?cs {{ {classes} }} FILTER (isIRI(?s)) }} }} "
          "{{ SELECT DISTINCT ?o WHERE {{ ?o a ?co VALUES ?co {{ {classes} }} FILTER (isIRI(?o)) }} }} "
          "?s ?p ?o . FILTER (?p != rdf:type && ?p != kg:evidence) }}")
_STATS_QUERIES = {
    "sources": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a kg:Source }",
    "evidence": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s kg:quote ?q }",
    "statements_derived": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a rdf:Statement FILTER EXISTS { ?s kg:derivedFrom ?e } }",
    "statements": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a rdf:Statement }",
    "conflicts": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a kg:Conflict }",
}


def _stats_oxigraph(g, inner, nxg=None) -> dict:
    """:func:`stats` counted in Oxigraph (no networkx projection needed): the same numbers."""
    from collections import Counter

    import pyoxigraph as ox

    from .store import ox_select

    def count(name, query=None):
        return int(ox_select(inner, query or _STATS_QUERIES[name])[0][0].value)

    if nxg is not None:
        nodes = {n: (a["kind"], a["type"]) for n, a in nxg.nodes(data=True)}
        years = sorted(a["year"] for _n, a in nxg.nodes(data=True) if a["kind"] == "Event" and a["year"])
        secondary = sum(1 for _n, a in nxg.nodes(data=True) if a["secondary_only"])
        aliases = sum(len(a["aliases"]) for _n, a in nxg.nodes(data=True))
        edges = nxg.number_of_edges()
    else:
        from .network import _kinds_from, _ox_class_tree, _year
        from .oxread import Reader
        from .tables import _node_types_from, _submit_node_types

        # the entity-edge count (1.2 s in Oxigraph at 1M triples) runs in a worker thread
        # while this one reads the nodes, dates and aliases: serialising its answer
        # releases the GIL, so the two overlap on two cores (count 2.3 s -> 1.3 s)
        subclass, info = _ox_class_tree(inner)
        classes = " ".join(f"<{c}>" for c in info if not c.startswith("_:"))
        with Reader(inner, workers=2) as read:
            edges_job = read.submit(_EDGES.format(classes=classes))
            nodes = _kinds_from(_node_types_from(read, _submit_node_types(read, info), inner, info), subclass)
            dates = {}
            for e, d in ox_select(inner, "SELECT ?e ?d WHERE { ?e kg:date ?d }"):
                key = (not isinstance(d, ox.Literal), d.value)
                if e.value in nodes and nodes[e.value][0] == "Event" and (e.value not in dates or key < dates[e.value]):
                    dates[e.value] = key
            years = sorted(y for y in (_year(v) for _k, v in dates.values()) if y)
            secondary = sum(1 for (x,) in ox_select(inner, "SELECT DISTINCT ?x WHERE { ?x kg:secondaryOnly true }")
                            if x.value in nodes)
            aliases = sum(int(n.value) for x, n in ox_select(
                inner, "SELECT ?x (COUNT(DISTINCT STR(?a)) AS ?n) WHERE { ?x skos:altLabel ?a } GROUP BY ?x")
                if x.value in nodes)
            edges = int(read.columns(edges_job, resources=())[0][0][0])
    kinds = Counter(kind for kind, _t in nodes.values())
    types = Counter(t for kind, t in nodes.values() if kind == "Event")
    derived = count("statements_derived")
    return {
        "triples": len(inner),
        "nodes": len(nodes),
        "edges": edges,
        "entities_by_kind": dict(sorted(kinds.items())),
        "events_by_type": dict(sorted(types.items())),
        "sources": count("sources"),
        "evidence": count("evidence"),
        "statements_curated": count("statements") - derived,
        "statements_derived": derived,
        "secondary_only_claims": secondary,
        "conflicts": count("conflicts"),
        "aliases": aliases,
        "years": [years[0], years[-1]] if years else [],
    }


def format_stats(s: dict) -> str:
    """The stats as aligned text."""
    lines = [f"{'triples':<24}{s['triples']}", f"{'nodes':<24}{s['nodes']}", f"{'edges':<24}{s['edges']}"]
    for kind, n in s["entities_by_kind"].items():
        lines.append(f"  {kind:<22}{n}")
    for key in ("sources", "evidence", "statements_curated", "statements_derived",
                "secondary_only_claims", "conflicts", "aliases"):
        lines.append(f"{key.replace('_', ' '):<24}{s[key]}")
    if s["years"]:
        lines.append(f"{'years':<24}{s['years'][0]}–{s['years'][1]}")
    if s["events_by_type"]:
        lines.append("events by type:")
        for t, n in s["events_by_type"].items():
            lines.append(f"  {t:<22}{n}")
    return "\n".join(lines)
