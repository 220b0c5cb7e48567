"""Graph stores: rdflib's in-memory store, or Oxigraph behind the same rdflib API.

``create_graph("memory")`` is a plain :class:`rdflib.Graph`; ``create_graph("oxigraph")``
is an rdflib ``Graph`` backed by pyoxigraph (through oxrdflib), which parses and
answers SPARQL far faster on large graphs while keeping the rdflib interface.

On an Oxigraph-backed graph the hot paths skip rdflib's per-triple Python work:
files are loaded by pyoxigraph straight into the store (:func:`parse_into`),
SPARQL runs in Oxigraph (:func:`native_query`), and the loader, the checks, the
networkx projection and the exports read whole result sets at once
(:func:`oxigraph_of`, :func:`ox_select`). Oxigraph stores literals by value, so a
non-canonical lexical form comes back canonical (``"010"^^xsd:integer`` reads as
``"10"``, ``"1.50"^^xsd:decimal`` as ``"1.5"``) and language tags come back in
lower case; write canonical literals (the curated data does) and both stores
give the same answers.

``kg --store auto`` (the default) picks Oxigraph when the triples files together
are larger than :data:`AUTO_OXIGRAPH_BYTES` (about 20,000 triples of Turtle).

>>> g = create_graph("memory")
>>> type(g).__name__, len(g)
('Graph', 0)
>>> choose_store(TRIPLES)
'memory'
"""

from __future__ import annotations

from contextlib import ContextDecorator
from pathlib import Path

__all__ = [
    "STORES",
    "create_graph",
    "parse_into",
    "FORMATS",
    "AUTO_OXIGRAPH_BYTES",
    "choose_store",
    "oxigraph_of",
    "native_query",
    "ox_select",
    "to_rdflib",
    "gc_paused",
]

STORES = ("memory", "oxigraph")

# file suffix -> rdflib parser name
FORMATS = {".ttl": "turtle", ".nt": "nt", ".n3": "n3", ".jsonld": "json-ld", ".rdf": "xml", ".owl": "xml"}

# file suffix -> pyoxigraph format name, for the formats pyoxigraph parses like rdflib does
_OX_FORMATS = {".ttl": "TURTLE", ".nt": "N_TRIPLES", ".rdf": "RDF_XML", ".owl": "RDF_XML"}

AUTO_OXIGRAPH_BYTES = 2_000_000
"""``--store auto`` uses Oxigraph above this many bytes of triples files (~20k triples)."""


def choose_store(triples_dir=None) -> str:
    """``"oxigraph"`` if the triples files under ``triples_dir`` total more than
    :data:`AUTO_OXIGRAPH_BYTES`, else ``"memory"``."""
    from .load import triple_files

    try:
        total = sum(p.stat().st_size for p in triple_files(triples_dir))
    except Exception:  # a missing folder is reported by the loader itself
        return "memory"
    return "oxigraph" if total > AUTO_OXIGRAPH_BYTES else "memory"


def create_graph(store: str = "memory"):
    """Return an empty rdflib ``Graph`` on the named store (``memory`` or ``oxigraph``)."""
    from rdflib import Graph

    if store == "memory":
        return Graph()
    if store == "oxigraph":
        from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

        # the triples live in Oxigraph's default graph, so native SPARQL needs no graph name
        return Graph(store=_store_class()(), identifier=DATASET_DEFAULT_GRAPH_ID)
    raise ValueError(f"unknown store {store!r}; choose one of {', '.join(STORES)}")


_STORE_CLASS = None


def _store_class():
    """oxrdflib's store, reading terms as rdflib's parser makes them (built on first use)."""
    global _STORE_CLASS
    if _STORE_CLASS is None:
        from oxrdflib.store import OxigraphStore

        class KGOxigraphStore(OxigraphStore):
            """oxrdflib's ``OxigraphStore`` with two differences: plain literals read back as
            rdflib's parser makes them (no ``^^xsd:string``), and triple iteration does not
            build a ``Graph`` object per triple."""

            def triples(self, triple_pattern, context=None):
                from oxrdflib._converter import to_ox_quad_pattern

                try:
                    pattern = to_ox_quad_pattern(triple_pattern, context)
                except (TypeError, ValueError):
                    return iter(())
                none = ()
                return (
                    ((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)), iter(none))
                    for q in self._inner.quads_for_pattern(*pattern)
                )

            def __len__(self, context=None):
                import pyoxigraph as ox

                # oxrdflib runs a COUNT(DISTINCT) query (seconds on 1M triples); with every triple in
                # the default graph, as create_graph keeps them, the store's own count is the same
                graph = getattr(context, "identifier", context)
                if (graph is None or to_ox(graph) == ox.DefaultGraph()) and next(iter(self._inner.named_graphs()), None) is None:
                    return len(self._inner)
                return super().__len__(context)

            def query(self, query, initNs, initBindings, queryGraph, **kwargs):  # noqa: N803
                from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

                if isinstance(query, str) and not kwargs and queryGraph in (DATASET_DEFAULT_GRAPH_ID, str(DATASET_DEFAULT_GRAPH_ID)):
                    return _ox_result(self._inner, query, dict(self._namespace_for_prefix, **initNs), initBindings)
                return super().query(query, initNs, initBindings, queryGraph, **kwargs)

        _STORE_CLASS = KGOxigraphStore
    return _STORE_CLASS


def oxigraph_of(g):
    """The :class:`pyoxigraph.Store` behind ``g`` if ``g`` is an Oxigraph-backed graph whose
    triples live in the default graph (as :func:`create_graph` makes them), else ``None``."""
    store = getattr(g, "store", None)
    if type(store).__name__ not in ("OxigraphStore", "KGOxigraphStore"):
        return None
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    if g.identifier != DATASET_DEFAULT_GRAPH_ID:
        return None
    return store._inner


def _ox_syntax_error(path: Path, exc: SyntaxError):
    from .errors import LoadError

    why = str(exc.msg or exc)
    if ": " in why and why.startswith("Parser error"):
        why = why.split(": ", 1)[1]
    if "has not been declared" in why:
        why += " (declare it with @prefix at the top of the file)"
    return LoadError(path, exc.lineno, why, column=exc.offset)


def parse_into(g, path: Path, fmt: str) -> None:
    """Parse the file at ``path`` (rdflib format name ``fmt``) into graph ``g``.

    On an Oxigraph-backed graph, Turtle, N-Triples and RDF/XML are loaded by
    pyoxigraph directly into the store (one transaction per file); a syntax error raises
    :class:`graph.errors.LoadError` with the file, line and column. Every call is bounded
    by :func:`graph.inputs.guarded_parse`.
    """
    from .inputs import guarded_parse

    with guarded_parse(path, fmt):  # size, time and network bounds; no external contexts or entities
        _parse_into(g, Path(path), fmt)


def _parse_into(g, path: Path, fmt: str) -> None:
    inner = oxigraph_of(g)
    if inner is not None and path.suffix in _OX_FORMATS:
        import pyoxigraph as ox

        try:
            # Store.load, not bulk_load: on the in-memory store it is faster (1M triples of
            # Turtle: 3.0 s against 3.7 s), uses less memory, and a bad file adds nothing
            inner.load(path=str(path), format=getattr(ox.RdfFormat, _OX_FORMATS[path.suffix]),
                       base_iri=path.resolve().as_uri())
        except SyntaxError as exc:
            raise _ox_syntax_error(path, exc) from None
        return
    if inner is not None:  # other formats: rdflib's parser, then one bulk insert
        from rdflib import Graph

        tmp = Graph()
        tmp.parse(source=str(path), format=fmt)
        add_triples(g, tmp)
        return
    g.parse(source=str(path), format=fmt)


# ---------------------------------------------------------------------------
# Oxigraph fast path helpers
# ---------------------------------------------------------------------------


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term):
    """Convert a pyoxigraph term to the rdflib term rdflib's own parser would make
    (a plain literal has no datatype, as in rdflib); ``None`` stays ``None``."""
    return (_CONVERT or _converter())(term)


_CONVERT = None


def _converter():
    """Build :func:`to_rdflib`'s converter once (imports and classes bound up front: it
    runs once per term of every result row)."""
    global _CONVERT
    import pyoxigraph as ox
    from oxrdflib._converter import from_ox
    from rdflib import BNode, Literal, URIRef

    NamedNode, OxLiteral, BlankNode = ox.NamedNode, ox.Literal, ox.BlankNode
    new = str.__new__

    def convert(term):
        kind = type(term)
        if kind is NamedNode:
            return new(URIRef, term.value)  # Oxigraph has validated the IRI: skip URIRef's check
        if kind is OxLiteral:
            lang = term.language
            if lang or term.datatype.value == _XSD_STRING:
                # a plain or language-tagged string, built directly: rdflib's constructor
                # (2.7 µs) re-derives the Python value, which for a string is the string
                # itself, and Oxigraph has validated the tag (tests/test_stores.py checks
                # both stores give equal terms)
                lit = new(Literal, term.value)
                lit._language, lit._datatype, lit._value, lit._ill_typed = lang or None, None, term.value, None
                return lit
            return Literal(term.value, datatype=new(URIRef, term.datatype.value))
        if kind is BlankNode:
            return BNode(term.value)
        if term is None:
            return None
        return from_ox(term)

    _CONVERT = convert
    return convert


def to_ox(term):
    """Convert an rdflib term to the equal pyoxigraph term."""
    from oxrdflib._converter import to_ox as _to_ox

    return _to_ox(term)


def add_triples(g, triples) -> None:
    """Add rdflib triples to ``g`` in one batch (one ``extend`` on an Oxigraph store)."""
    inner = oxigraph_of(g)
    if inner is None:
        for t in triples:
            g.add(t)
        return
    import pyoxigraph as ox

    default = ox.DefaultGraph()
    inner.extend([ox.Quad(to_ox(s), to_ox(p), to_ox(o), default) for s, p, o in triples])


class gc_paused(ContextDecorator):
    """Pause Python's cyclic garbage collector while a bulk step allocates millions of
    long-lived objects (the projection of a 1M-triple graph runs 25% faster without the
    collections it would trigger); it runs again afterwards. Nests. Use it as
    ``with gc_paused():`` or as a decorator, ``@gc_paused()``.

    When the pause ends, the objects made during it are moved to the oldest generation
    (``gc.freeze()`` then ``gc.unfreeze()``: two list splices, no scan). Otherwise the
    first young collection after the pause scans all of them, since the allocation count
    kept growing while the collector was off: at 1M triples that was a 0.5 s pass over the
    projection's million live objects at its very end. They stay collectable: the next
    full collection scans them, as it would have once they were promoted.

    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    ...     made = [[] for _ in range(10_000)]
    False
    >>> gc.isenabled(), gc.get_freeze_count()
    (True, 0)
    """

    _depth = 0

    def __enter__(self):
        import gc

        if gc_paused._depth == 0:
            self._was = gc.isenabled()
            gc.disable()
        gc_paused._depth += 1
        return self

    def __exit__(self, *exc):
        import gc

        gc_paused._depth -= 1
        if gc_paused._depth == 0 and getattr(self, "_was", True):
            gc.freeze()  # everything tracked -> the permanent generation, and the count reset
            gc.unfreeze()  # -> back into the oldest generation, unscanned
            gc.enable()
        return False


def _prefixes():
    from .namespaces import PREFIXES

    return {k: str(v) for k, v in PREFIXES.items()}


def ox_select(inner, sparql: str):
    """Run a SELECT natively on a pyoxigraph store (the project's prefixes pre-bound) and
    return the rows as lists of pyoxigraph terms (``None`` for unbound)."""
    return [list(row) for row in inner.query(sparql, prefixes=_prefixes())]


def native_query(g, text: str, init_bindings: dict | None = None):
    """Run a (checked) SPARQL query in Oxigraph if ``g`` is Oxigraph-backed.

    Returns an rdflib :class:`~rdflib.query.Result` with the same shape as rdflib's
    engine gives (SELECT rows of rdflib terms, ASK, or a CONSTRUCT/DESCRIBE graph),
    or ``None`` if ``g`` is not Oxigraph-backed (the caller then uses rdflib's engine).
    Run :func:`graph.query.prepare` on ``text`` first: it refuses unsafe queries.
    """
    inner = oxigraph_of(g)
    if inner is None:
        return None
    prefixes = _prefixes()
    for prefix, ns in g.namespaces():
        prefixes.setdefault(prefix, str(ns))
    return _ox_result(inner, text, prefixes, init_bindings or {})


def _ox_result(inner, text, prefixes, init_bindings):
    """Run ``text`` in Oxigraph and wrap the answer as an rdflib ``Result``."""
    import pyoxigraph as ox
    from rdflib import Graph, Variable
    from rdflib.query import Result

    from_ox = to_rdflib
    prefixes = {str(k): str(v) for k, v in prefixes.items()}
    substitutions = {ox.Variable(str(k)): to_ox(v) for k, v in init_bindings.items()}
    result = inner.query(text, prefixes=prefixes, substitutions=substitutions)
    if isinstance(result, ox.QueryBoolean):
        out = Result("ASK")
        out.askAnswer = bool(result)
    elif isinstance(result, ox.QuerySolutions):
        out = Result("SELECT")
        out.vars = [Variable(v.value) for v in result.variables]
        memo: dict = {}  # a literal or IRI repeated across rows is converted once

        def convert(val):
            term = memo.get(val)
            if term is None:
                term = memo[val] = from_ox(val)
            return term

        out.bindings = [
            {v: convert(val) for v, val in zip(out.vars, row) if val is not None} for row in result
        ]
    elif isinstance(result, ox.QueryTriples):
        out = Result("CONSTRUCT")
        out.graph = Graph()
        for t in result:
            out.graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    else:  # pragma: no cover
        raise ValueError(f"unexpected query result: {result!r}")
    return out
