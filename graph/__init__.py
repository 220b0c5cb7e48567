"""story-kg: a curated knowledge graph of people, organizations, products, places and events.

The public API is a handful of plain functions over an :class:`rdflib.Graph`:

>>> import graph
>>> g = graph.load(TRIPLES)                       # every file under triples/, rules applied
>>> graph.find_entity(g, "Jinshan")               # any label or alias, any case
rdflib.term.URIRef('https://w3id.org/story-kg/id/kingsoft')
>>> nxg = graph.to_networkx(g)                    # entity-level networkx MultiDiGraph
>>> nxg.nodes[str(graph.KGR["lei-jun"])]["label"]
'Lei Jun'
"""

from __future__ import annotations

from .errors import KGError

from .version import __version__  # noqa: E402,F401  (pyproject.toml reads graph/version.py)

__all__ = [
    "load",
    "check",
    "query",
    "saved_queries",
    "to_networkx",
    "find_entity",
    "build",
    "KG",
    "KGR",
    "KGError",
]


# The stage modules import their heavy libraries inside functions, so importing them
# here is cheap. Binding the functions after the imports makes ``graph.load``,
# ``graph.check`` and ``graph.query`` the functions, not the modules of the same name.
from .check import check  # noqa: E402
from .load import load  # noqa: E402
from .query import run_query as query  # noqa: E402


def saved_queries(triples=None):
    """The saved queries of a triples folder, by name (see :func:`graph.query.saved_queries`)."""
    from .query import saved_queries as _saved

    return _saved(triples)


def to_networkx(g):
    """Project the graph to an entity-level networkx MultiDiGraph (see :func:`graph.network.to_networkx`)."""
    from .network import to_networkx as _to_nx

    return _to_nx(g)


def find_entity(g, name: str):
    """The IRI of the entity with this label or alias (see :func:`graph.lookup.find_entity`)."""
    from .lookup import find_entity as _find

    return _find(g, name)


def build(triples=None, exports=None, sources=None, **options):
    """Check, then write every export (see :func:`graph.export.build`)."""
    from .export import build as _build

    return _build(triples, exports, sources, **options)


def __getattr__(name):  # KG and KGR import rdflib: load them on first use, keeping `kg --help` fast
    if name in ("KG", "KGR"):
        from . import namespaces

        return getattr(namespaces, name)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
