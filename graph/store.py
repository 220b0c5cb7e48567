"""Graph stores: rdflib's in-memory store, or Oxigraph behind the same rdflib API.

``create_graph("memory")`` is a plain :class:`rdflib.Graph`; ``create_graph("oxigraph")``
is an rdflib ``Graph`` backed by pyoxigraph (through oxrdflib), which parses and
answers SPARQL far faster on large graphs while keeping the rdflib interface.

>>> g = create_graph("memory")
>>> type(g).__name__, len(g)
('Graph', 0)
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["STORES", "create_graph", "parse_into", "FORMATS"]

STORES = ("memory", "oxigraph")

# file suffix -> rdflib parser name
FORMATS = {".ttl": "turtle", ".nt": "nt", ".n3": "n3", ".jsonld": "json-ld", ".rdf": "xml", ".owl": "xml"}


def create_graph(store: str = "memory"):
    """Return an empty rdflib ``Graph`` on the named store (``memory`` or ``oxigraph``)."""
    from rdflib import Graph

    if store == "memory":
        return Graph()
    if store == "oxigraph":
        return Graph(store="Oxigraph")
    raise ValueError(f"unknown store {store!r}; choose one of {', '.join(STORES)}")


def parse_into(g, path: Path, fmt: str) -> None:
    """Parse the file at ``path`` (rdflib format name ``fmt``) into graph ``g``."""
    g.parse(source=str(path), format=fmt)
