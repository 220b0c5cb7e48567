"""Deterministic RDF for a graph that fits in rdflib: Turtle, N-Triples and JSON-LD with
blank nodes labelled by their content, so the same graph gives the same bytes.
(:mod:`graph.bigexport` writes the same files for large graphs without rdflib.)

>>> from rdflib import Graph
>>> g = Graph().parse(data='<http://x/a> <http://x/p> [ <http://x/q> "v" ] .', format="turtle")
>>> to_ntriples(g) == to_ntriples(Graph().parse(data=to_turtle(g), format="turtle"))
True
"""

from __future__ import annotations

import json

__all__ = ["canonical_copy", "content_labels", "stable_bnode_labels", "to_jsonld", "to_ntriples", "to_turtle"]


def content_labels(triples, is_blank, text) -> dict:
    """Deterministic labels for blank nodes, from their content.

    ``triples`` is any iterable of ``(s, p, o)``; ``is_blank(term)`` says which terms are
    blank nodes and ``text(term)`` writes the others. A blank node's label hashes its
    outgoing triples (recursively through nested blank nodes) and its incoming ones, so
    the same graph gets the same labels whatever the parse order. Linear in the size of
    the graph, unlike full canonicalisation (``rdflib.compare.to_canonical_graph``),
    which took tens of seconds here. Blank nodes with identical content and context are
    interchangeable; they get numbered suffixes. Returns ``{blank node: "b<hash>"}``.
    """
    import hashlib
    from collections import defaultdict

    out_edges, in_edges = defaultdict(list), defaultdict(list)
    for s, p, o in triples:
        if is_blank(s):
            out_edges[s].append((p, o))
        if is_blank(o):
            in_edges[o].append((s, p))
    memo: dict = {}

    def digest(value: str) -> str:
        return hashlib.sha1(value.encode("utf-8")).hexdigest()

    def content(b, stack=()):
        if b in memo:
            return memo[b]
        if b in stack:
            return "cycle"
        parts = sorted(
            f"{text(p)} {content(o, stack + (b,)) if is_blank(o) else text(o)}" for p, o in out_edges[b]
        )
        memo[b] = digest("\n".join(parts))
        return memo[b]

    keyed = []
    for b in set(out_edges) | set(in_edges):
        incoming = sorted(f"{content(s) if is_blank(s) else text(s)} {text(p)}" for s, p in in_edges[b])
        keyed.append((digest(content(b) + "|" + "\n".join(incoming))[:20], b))
    labels, seen = {}, defaultdict(int)
    for key, b in sorted(keyed, key=lambda kb: kb[0]):
        seen[key] += 1
        labels[b] = f"b{key}" if seen[key] == 1 else f"b{key}x{seen[key]}"
    return labels


def stable_bnode_labels(g) -> dict:
    """:func:`content_labels` for an rdflib graph (terms written in N3)."""
    from rdflib import BNode

    return content_labels(g, lambda t: isinstance(t, BNode), lambda t: t.n3())


def canonical_copy(g):
    """A copy of ``g`` whose blank nodes have stable, content-derived labels."""
    from rdflib import BNode, Graph

    from .namespaces import bind_prefixes

    labels = stable_bnode_labels(g)
    cg = bind_prefixes(Graph())
    for s, p, o in g:
        if isinstance(s, BNode):
            s = BNode(labels[s])
        if isinstance(o, BNode):
            o = BNode(labels[o])
        cg.add((s, p, o))
    return cg


def to_turtle(g, canonical=None) -> bytes:
    """Deterministic Turtle (``longturtle``, subjects sorted, blank nodes with stable labels)."""
    cg = canonical if canonical is not None else canonical_copy(g)
    out = cg.serialize(format="longturtle")
    return out.encode("utf-8") if isinstance(out, str) else out


def to_ntriples(g, canonical=None) -> bytes:
    """N-Triples with lines sorted."""
    cg = canonical if canonical is not None else canonical_copy(g)
    out = cg.serialize(format="nt")
    text = out if isinstance(out, str) else out.decode("utf-8")
    lines = sorted(line for line in text.splitlines() if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_jsonld(g, canonical=None) -> bytes:
    """JSON-LD with the project's prefixes as context, nodes sorted by ``@id``."""
    from .namespaces import PREFIXES

    cg = canonical if canonical is not None else canonical_copy(g)
    context = {k: v for k, v in PREFIXES.items() if k != "sh"}
    out = cg.serialize(format="json-ld", context=context, auto_compact=True)
    doc = json.loads(out)
    nodes = doc.get("@graph", [doc] if "@id" in doc else [])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    nodes.sort(key=lambda n: str(n.get("@id", "")))
    doc = {"@context": doc.get("@context", context), "@graph": nodes}
    return (json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
