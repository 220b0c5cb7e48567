"""Deterministic RDF exports for large graphs, written from sorted N-Triples lines.

rdflib's Turtle and JSON-LD serializers build a Python object per triple and take
minutes on a million triples. Above :data:`BIG_EXPORT_TRIPLES` triples,
:func:`graph.export.render_exports` uses these writers instead: the graph is dumped
as N-Triples (natively by Oxigraph when the graph is Oxigraph-backed), blank nodes
get labels derived from their content (as :func:`graph.export.stable_bnode_labels`
does: outgoing triples, recursively, and incoming ones), the lines are sorted, and

* ``graph.nt`` is the sorted lines;
* ``graph.ttl`` groups them by subject, with the project's prefixes;
* ``graph.jsonld`` is a flat ``@graph`` of node objects sorted by ``@id``, with
  the project's prefixes as ``@context``.

Each parses back to a graph isomorphic to the input. Same graph, same bytes.

>>> from rdflib import Graph
>>> g = Graph().parse(data='@prefix kg: <https://w3id.org/story-kg/ontology#> . '
...     '<https://w3id.org/story-kg/id/x> kg:evidence [ kg:quote "q \\\\"1\\\\"" ] .', format="turtle")
>>> out = render(g)
>>> sorted(out)
['graph.jsonld', 'graph.nt', 'graph.ttl']
>>> from rdflib.compare import isomorphic
>>> all(isomorphic(g, Graph().parse(data=out[n], format=f))
...     for n, f in [("graph.nt", "nt"), ("graph.ttl", "turtle"), ("graph.jsonld", "json-ld")])
True
"""

from __future__ import annotations

import json
import re

__all__ = ["BIG_EXPORT_TRIPLES", "ntriples_lines", "render"]

BIG_EXPORT_TRIPLES = 50_000
"""Above this many triples, ``kg build`` writes Turtle and JSON-LD with these writers."""

_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_ESCAPE = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))')
_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _raw_lines(g) -> list[str]:
    from .store import oxigraph_of

    inner = oxigraph_of(g)
    if inner is not None:
        import pyoxigraph as ox

        text = inner.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode("utf-8")
    else:
        text = g.serialize(format="nt")
        text = text if isinstance(text, str) else text.decode("utf-8")
    return [line for line in text.split("\n") if line.strip()]


def _split(line: str):
    s, rest = line.split(" ", 1)
    p, rest = rest.split(" ", 1)
    return s, p, rest.rstrip()[:-1].rstrip()


def ntriples_lines(g) -> list[str]:
    """The graph as sorted N-Triples lines (no newline), blank nodes with stable labels."""
    from .export import content_labels

    triples = [_split(line) for line in _raw_lines(g)]
    blank = content_labels(triples, lambda t: t.startswith("_:"), lambda t: t)
    labels = {b: f"_:{label}" for b, label in blank.items()}
    lines = [f"{labels.get(s, s)} {p} {labels.get(o, o)} ." for s, p, o in triples]
    lines.sort()
    return lines


def _prefixes() -> list[tuple[str, str]]:
    from .namespaces import PREFIXES

    return sorted(((k, str(v)) for k, v in PREFIXES.items()), key=lambda kv: -len(kv[1]))


def _curie(iri: str, prefixes) -> str | None:
    for prefix, ns in prefixes:
        if iri.startswith(ns):
            local = iri[len(ns):]
            if _LOCAL.match(local):
                return f"{prefix}:{local}"
            return None
    return None


def _ttl_term(term: str, prefixes, cache) -> str:
    if term.startswith("<"):
        short = cache.get(term)
        if short is None:
            short = cache[term] = _curie(term[1:-1], prefixes) or term
        return short
    if term.startswith('"') and term.endswith(">"):  # typed literal: shorten the datatype
        head, dt = term.rsplit("^^", 1)
        return f"{head}^^{_ttl_term(dt, prefixes, cache)}"
    return term


def _unescape(text: str) -> str:
    def repl(m):
        if m.group(1) or m.group(2):
            return chr(int(m.group(1) or m.group(2), 16))
        return _SIMPLE.get(m.group(3), m.group(3))

    return _ESCAPE.sub(repl, text) if "\\" in text else text


def _json_value(term: str):
    if term.startswith("<"):
        return {"@id": term[1:-1]}
    if term.startswith("_:"):
        return {"@id": term}
    end = term.rindex('"')
    value = {"@value": _unescape(term[1:end])}
    tail = term[end + 1:]
    if tail.startswith("@"):
        value["@language"] = tail[1:]
    elif tail.startswith("^^"):
        value["@type"] = tail[3:-1]
    return value


def render(g, lines: list[str] | None = None) -> dict[str, bytes]:
    """``graph.nt``, ``graph.ttl`` and ``graph.jsonld`` of ``g`` as bytes."""
    from .namespaces import PREFIXES

    lines = lines if lines is not None else ntriples_lines(g)
    out = {"graph.nt": ("\n".join(lines) + "\n").encode("utf-8")}
    prefixes = _prefixes()
    cache: dict = {}
    ttl = [f"PREFIX {k}: <{v}>" for k, v in sorted((k, str(v)) for k, v in PREFIXES.items())]
    nodes = []
    current, block, node = None, [], None
    for line in lines:
        s, p, o = _split(line)
        if s != current:
            if block:
                ttl.append("\n" + " ;\n".join(block) + " .")
            current, block = s, []
            node = {"@id": s[1:-1] if s.startswith("<") else s}
            nodes.append(node)
            ttl_s = _ttl_term(s, prefixes, cache)
            block.append(ttl_s + "\n    " + _tt(p, o, prefixes, cache))
        else:
            block.append("    " + _tt(p, o, prefixes, cache))
        if p == _RDF_TYPE and not o.startswith('"'):
            node.setdefault("@type", []).append(o[1:-1] if o.startswith("<") else o)
        else:
            node.setdefault(p[1:-1], []).append(_json_value(o))
    if block:
        ttl.append("\n" + " ;\n".join(block) + " .")
    out["graph.ttl"] = ("\n".join(ttl) + "\n").encode("utf-8")
    context = {k: str(v) for k, v in PREFIXES.items() if k != "sh"}
    doc = {"@context": context, "@graph": nodes}
    out["graph.jsonld"] = (json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    return out


def _tt(p: str, o: str, prefixes, cache) -> str:
    pred = "a" if p == _RDF_TYPE else _ttl_term(p, prefixes, cache)
    return f"{pred} {_ttl_term(o, prefixes, cache)}"
