"""The projection of one node's neighbourhood: what ``kg show`` describes, without
projecting the whole graph.

:func:`focus` asks the engine for the triples that :func:`graph.analysis.describe` reads
about one node (its own triples and blank nodes, its neighbours' types, labels, dates
and evidence, the statements and events behind its edges, the conflicts it is on, and
the vocabulary and sources), copies them into a small in-memory backend, and projects
that with the same code as the whole graph (:func:`graph.network.project`). So the
node's description is the same text either way, and a test holds the two equal for
every node of the curated graph.

>>> g = load(TRIPLES)
>>> lei = str(KGR["lei-jun"])
>>> p = focus(g, lei)
>>> p.nodes[lei]["label"], len(p.nodes) < len(graph.to_networkx(g))
('Lei Jun', True)
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

__all__ = ["focus"]

# what describe reads of a node at the other end of an edge (or of a derivation, or of a conflict)
_NEIGHBOUR = "rdf:type, skos:prefLabel, kg:date, kg:dateInferred, kg:outcome, kg:secondaryOnly, kg:evidence"

# one CONSTRUCT { ?s ?p ?o } per pattern: asked one by one, they take half the time of their UNION
_PATTERNS = (
    "?s ?p ?o VALUES ?p { rdfs:subClassOf rdfs:subPropertyOf rdfs:label }",  # the vocabulary
    "?s a kg:Source ; ?p ?o",  # the sources
    "?s ?p ?o VALUES ?s { NODE }",  # the node's own triples
    "?s ?p ?o VALUES ?o { NODE }",
    "NODE ?q ?s FILTER isBlank(?s) ?s ?p ?o",  # its evidence and amounts
    # its neighbours' types, labels and dates
    "{ SELECT DISTINCT ?s WHERE { { NODE ?q ?s } UNION { ?s ?q NODE } FILTER isIRI(?s) } } ?s ?p ?o FILTER (?p IN (NEIGHBOUR))",
    # the evidence describe shows for a neighbour: an event's or claim's pointing at the node, a conflict's sides
    "{ SELECT DISTINCT ?x WHERE { { ?x ?q NODE } UNION { NODE kg:sideA|kg:sideB ?x } FILTER isIRI(?x) } } ?x kg:evidence ?s . ?s ?p ?o",
    # the statements behind its edges, their evidence, and the events they were derived from
    "?s rdf:subject|rdf:object NODE ; ?p ?o",
    "?st rdf:subject|rdf:object NODE ; kg:evidence ?s . ?s ?p ?o",
    "?st rdf:subject|rdf:object NODE ; kg:derivedFrom ?s . ?s ?p ?o FILTER (?p IN (NEIGHBOUR))",
    "?st rdf:subject|rdf:object NODE ; kg:derivedFrom/kg:evidence ?s . ?s ?p ?o",
    # the conflicts it is on, and the claims on their sides
    "?s kg:sideA|kg:sideB NODE ; ?p ?o",
    "?c kg:sideA|kg:sideB NODE ; kg:sideA|kg:sideB ?s . ?s ?p ?o FILTER (?p IN (NEIGHBOUR))",
    "?c kg:sideA|kg:sideB NODE ; (kg:sideA|kg:sideB)/kg:evidence ?s . ?s ?p ?o",
)


def focus(g, node: str):
    """The :class:`~graph.network.Projection` of ``node``'s neighbourhood in ``g`` (an
    rdflib graph or a :class:`~graph.backend.Backend`): enough to describe ``node``
    exactly as the whole projection does."""
    from .backend import Backend, sparql_of
    from .network import project
    from .store import backend_of

    backend, term = backend_of(g), sparql_of(str(node))
    queries = ["CONSTRUCT { ?s ?p ?o } WHERE { %s }" % pattern.replace("NEIGHBOUR", _NEIGHBOUR).replace("NODE", term)
               for pattern in _PATTERNS]
    near = Backend()
    # the engine answers outside the GIL, so two threads ask two patterns at a time
    with ThreadPoolExecutor(2) as pool:
        near.add_ntriples(b"".join(pool.map(backend.construct, queries)))
    return project(near, title=False)
