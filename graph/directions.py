"""The relation-direction rule of ``kg check``: every use of a relation property goes from
its ``rdfs:domain`` to its ``rdfs:range`` (a rule of :mod:`graph.checks`, kept in its own
module for its size)."""

from __future__ import annotations

from .checks import Problem

__all__ = ["relation_directions"]


def relation_directions(g, loc) -> list:
    """Every use of a relation property follows its declared direction: the subject is an
    instance of its ``rdfs:domain`` and the object of its ``rdfs:range`` (through
    ``rdfs:subClassOf``). Reported at the statement or event that makes the edge.

    Two reads, side by side: every use of a relation property and every ``rdf:type``;
    the ends are then matched against the classes allowed there in Python, which is
    several times faster than a ``rdfs:subClassOf*`` path per triple or a query per
    property and end (the timings are in bench/RESULTS.md)."""
    from collections import defaultdict

    from .backend import sparql_of, term_of
    from .namespaces import curie
    from .oxread import Reader
    from .store import backend_of

    backend = backend_of(g)
    ends = defaultdict(list)  # relation property -> [(which end, the class it must be)]
    for p, which, cls in backend.select("""SELECT ?p ?which ?cls WHERE { ?p a kg:RelationProperty .
            { ?p rdfs:domain ?cls BIND ("subject" AS ?which) } UNION { ?p rdfs:range ?cls BIND ("object" AS ?which) } }"""):
        ends[p].append((which.value, cls))
    allowed = defaultdict(set)  # class -> itself and its subclasses
    for sub, cls in backend.select("""SELECT DISTINCT ?sub ?cls WHERE { ?p a kg:RelationProperty .
            { ?p rdfs:domain ?cls } UNION { ?p rdfs:range ?cls } ?sub rdfs:subClassOf* ?cls }"""):
        allowed[cls].add(sub)
    with Reader(backend) as read:
        uses = read.submit("SELECT ?s ?p ?o WHERE { ?p a kg:RelationProperty . ?s ?p ?o }")
        typed = read.submit("SELECT ?x ?t WHERE { ?x a ?t }")
        subjects, props, objects = read.columns(uses, (0, 1))
        types = defaultdict(set)
        for x, t in zip(*read.columns(typed, (0, 1))):
            types[x].add(t)
    none = frozenset()
    found = [(s, p, o, which, cls) for s, p, o in zip(subjects, props, objects) for which, cls in ends.get(p, ())
             if not types.get(s if which == "subject" else o, none) & allowed[cls]]
    problems = []
    for s, p, o, which, cls in sorted(found, key=lambda r: tuple(str(getattr(v, "value", v)) for v in r)):
        stmt = event = None
        if not any(isinstance(v, str) and v.startswith("_:") for v in (s, o)):  # a blank end cannot be named
            for row in backend.select(
                    f"SELECT (SAMPLE(?st) AS ?stmt) (SAMPLE(?ev) AS ?event) WHERE {{ ?st rdf:subject {sparql_of(s)} ; "
                    f"rdf:predicate {sparql_of(p)} ; rdf:object {sparql_of(o)} . OPTIONAL {{ ?st kg:derivedFrom ?ev }} }}"):
                stmt, event = (term_of(v) for v in row)
        s, p, o, cls = (term_of(v) for v in (s, p, o, cls))
        where = event if event is not None else stmt
        file, line = loc.find_term(where) if where is not None else loc.find_term(s)
        node = curie(where) if where is not None and curie(where) != str(where) else curie(s)
        end = s if which == "subject" else o
        problems.append(Problem(
            "relation-direction",
            f"{curie(s)} {curie(p)} {curie(o)}: the {which} {curie(end)} is not a {curie(cls)} "
            f"({curie(p)} goes from {_domain_range(g, p)})",
            "swap rdf:subject and rdf:object if the relation was written backwards, use the relation property that "
            "fits, or give the node the class the property expects", node, file, line))
    return problems


def _domain_range(g, p) -> str:
    from rdflib import RDFS

    from .namespaces import curie

    d, r = g.value(p, RDFS.domain), g.value(p, RDFS.range)
    return f"{curie(d) if d is not None else 'anything'} to {curie(r) if r is not None else 'anything'}"
