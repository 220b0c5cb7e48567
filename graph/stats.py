"""Counts that describe a graph: ``kg stats`` and ``exports/stats.json``.

The counts are SPARQL aggregates run in Oxigraph (no networkx projection needed);
when a projection is already at hand they are read from it instead, with the same
numbers (``tests/test_stores.py``).

>>> s = stats(load(TRIPLES))
>>> s["entities_by_kind"]["Person"] > 0 and s["triples"] > 4000
True
>>> print(format_stats(s).splitlines()[0])  # doctest: +ELLIPSIS
triples                 ...
"""

from __future__ import annotations

import sys

__all__ = ["stats", "format_stats"]


def stats(g, nxg=None, coverage: dict | None = None) -> dict:
    """Counts that describe the graph; with ``coverage`` (the figures of
    :func:`graph.coverage.summary`), also what of each source it holds."""
    s = _stats(g, nxg)
    if coverage:
        s["coverage"] = coverage
    return s


def _stats(g, nxg=None) -> dict:
    from .progress import stage
    from .store import backend_of, gc_paused

    backend = backend_of(g)
    if nxg is not None:  # read from the projection at hand
        return _stats_of(backend, nxg)

    def counted(backend):
        with stage("count"), gc_paused():  # 250 collections (0.1-0.16 s) at 1M triples otherwise
            return _stats_of(backend)

    # the index's counts are kept beside it: at 1M triples counting takes 2.6 s, reading 1 ms
    from . import network, oxread, tables
    from .index import code_key, kept

    return kept(backend, "stats.json", counted, key=code_key(sys.modules[__name__], network, oxread, tables))


# Edges between entities: every triple whose two ends are IRIs of node classes. The node
# classes are listed, not matched with rdfs:subClassOf* per triple (1.9 s -> 1.2 s at 1M).
# One query, led by the objects: at 1M triples the triples that point at a node (364k) are
# fewer than those a node points from, so it takes 0.9 s of one core, where the same count
# as two halves by subject (events, other nodes) took 0.7 + 0.8 s of both.
_EDGES = ("SELECT (COUNT(*) AS ?n) WHERE {{ {{ SELECT DISTINCT ?o WHERE {{ ?o a ?co VALUES ?co {{ {classes} }} "
          "FILTER (isIRI(?o)) }} }} ?s ?p ?o . FILTER (?p NOT IN ({skip})) "
          "{{ SELECT DISTINCT ?s WHERE {{ ?s a ?cs VALUES ?cs {{ {classes} }} FILTER (isIRI(?s)) }} }} }}")


def _edge_count_query(info) -> str:
    """The SELECT of the entity-edge count (``info``: node class -> (kind, depth)); the
    predicates the projection makes no edge of are those of ``graph.tables``."""
    from .tables import SKIP_EDGES

    return _EDGES.format(classes=" ".join(f"<{c}>" for c in info if not c.startswith("_:")),
                         skip=", ".join(f"<{p}>" for p in sorted(SKIP_EDGES)))


_STATS_QUERIES = {
    "sources": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a kg:Source }",
    "evidence": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s kg:quote ?q }",
    "statements_derived": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a rdf:Statement FILTER EXISTS { ?s kg:derivedFrom ?e } }",
    "statements": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a rdf:Statement }",
    "conflicts": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a kg:Conflict }",
}


def _stats_of(backend, nxg=None) -> dict:
    """:func:`stats` counted in the backend (no networkx projection needed)."""
    from collections import Counter

    def count(name):
        return backend.count(_STATS_QUERIES[name])

    if nxg is not None:
        nodes = {n: (a["kind"], a["type"]) for n, a in nxg.nodes(data=True)}
        years = sorted(a["year"] for _n, a in nxg.nodes(data=True) if a["kind"] == "Event" and a["year"])
        secondary = [n for n, a in nxg.nodes(data=True) if a["secondary_only"]]
        aliases = sum(len(a["aliases"]) for _n, a in nxg.nodes(data=True))
        edges = nxg.number_of_edges()
    else:
        from .network import class_tree, year_of
        from .oxread import Reader
        from .tables import kinds_from, node_types_from, submit_node_types, term_sort_key, text_of

        # every count is a SELECT run in a worker thread (serialising its answer releases
        # the GIL): the entity-edge count (0.9 s in Oxigraph at 1M triples) on one, the
        # other counts on the other, while this thread reads the nodes, dates and aliases
        subclass, info = class_tree(backend)
        with Reader(backend, workers=2, window=len(_STATS_QUERIES) + 7) as read:
            edges_job = read.submit(_edge_count_query(info))
            types_jobs = submit_node_types(read, info)
            dates_job = read.submit("SELECT ?e ?d WHERE { ?e kg:date ?d }")
            aliases_job = read.submit(
                "SELECT ?x (COUNT(DISTINCT STR(?a)) AS ?n) WHERE { ?x skos:altLabel ?a } GROUP BY ?x")
            secondary_job = read.submit("SELECT DISTINCT ?x WHERE { ?x kg:secondaryOnly true }")
            count_jobs = {name: read.submit(q) for name, q in _STATS_QUERIES.items()}
            nodes = kinds_from(node_types_from(read, types_jobs, backend, info), subclass)
            dates = {}  # event -> its smallest date, as the projection picks it
            for e, d in zip(*read.columns(dates_job)):
                if e in nodes and nodes[e][0] == "Event" and (e not in dates or term_sort_key(d) < term_sort_key(dates[e])):
                    dates[e] = d
            years = sorted(y for y in (year_of(text_of(d)) for d in dates.values()) if y)
            aliases = sum(int(n[0]) for x, n in zip(*read.columns(aliases_job)) if x in nodes)
            secondary = [x for x in read.columns(secondary_job)[0] if x in nodes]
            counted = {name: int(read.columns(job, resources=())[0][0][0]) for name, job in count_jobs.items()}
            edges = int(read.columns(edges_job, resources=())[0][0][0])
        count = counted.__getitem__
    kinds = Counter(kind for kind, _t in nodes.values())
    types = Counter(t for kind, t in nodes.values() if kind == "Event")
    derived = count("statements_derived")
    return {
        "triples": len(backend),
        "nodes": len(nodes),
        "edges": edges,
        "entities_by_kind": dict(sorted(kinds.items())),
        "events_by_type": dict(sorted(types.items())),
        "sources": count("sources"),
        "evidence": count("evidence"),
        "statements_curated": count("statements") - derived,
        "statements_derived": derived,
        "secondary_only_claims": sum(1 for x in secondary if nodes[x][0] in ("Event", "Claim")),
        "secondary_only_entities": sum(1 for x in secondary if nodes[x][0] not in ("Event", "Claim")),
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
                "secondary_only_claims", "secondary_only_entities", "conflicts", "aliases"):
        lines.append(f"{key.replace('_', ' '):<24}{s[key]}")
    if s["years"]:
        lines.append(f"{'years':<24}{s['years'][0]}–{s['years'][1]}")
    if s["events_by_type"]:
        lines.append("events by type:")
        for t, n in s["events_by_type"].items():
            lines.append(f"  {t:<22}{n}")
    if s.get("coverage"):
        lines.append("coverage (cited / informative sentences; names unresolved):")
        for name, c in s["coverage"].items():
            lines.append(f"  {name:<36}{c['cited']}/{c['informative']} = {100 * c['cited_share']:.1f}%"
                         f" (overall {100 * c['overall_share']:.1f}%; {c['unreviewed']} unreviewed;"
                         f" {c['names_unresolved']} names unresolved)")
    return "\n".join(lines)
