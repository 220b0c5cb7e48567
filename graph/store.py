"""The one store: Oxigraph (pyoxigraph) behind rdflib's API.

:func:`create_graph` returns an rdflib ``Graph`` backed by a pyoxigraph store (through
oxrdflib): Oxigraph parses the files, applies the rules and answers SPARQL, while
rdflib users, pyshacl and the public API see an ordinary ``rdflib.Graph``. The stages
read whole result sets from the store behind it (:func:`store_of`, :func:`ox_select`);
given any other rdflib graph (one a user built), :func:`store_of` copies its triples
into Oxigraph once, so every stage is written once, against Oxigraph.

Oxigraph stores literals by value, so a non-canonical lexical form comes back canonical
(``"010"^^xsd:integer`` reads as ``"10"``, ``"1.50"^^xsd:decimal`` as ``"1.5"``) and
language tags come back in lower case; the curated data writes canonical literals.

>>> g = create_graph()
>>> type(g).__name__, len(g), store_of(g) is g.store._inner
('Graph', 0, True)
"""

from __future__ import annotations

from contextlib import ContextDecorator
from pathlib import Path

from .inputs import FORMATS

__all__ = [
    "create_graph",
    "parse_into",
    "FORMATS",
    "store_of",
    "oxigraph_of",
    "native_query",
    "ox_select",
    "to_rdflib",
    "to_ox",
    "add_triples",
    "snapshot",
    "gc_paused",
]

# file suffix -> rdflib parser name

# file suffix -> pyoxigraph format name, for the formats pyoxigraph parses like rdflib does
_OX_FORMATS = {".ttl": "TURTLE", ".nt": "N_TRIPLES", ".rdf": "RDF_XML", ".owl": "RDF_XML"}


def create_graph():
    """Return an empty rdflib ``Graph`` on an Oxigraph store (its default graph holds the
    triples, so SPARQL needs no graph name)."""
    from rdflib import Graph
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    return Graph(store=_store_class()(), identifier=DATASET_DEFAULT_GRAPH_ID)


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
                try:
                    quads = self._inner.quads_for_pattern(*pattern)
                except TypeError:  # e.g. a literal as subject (rdflib.compare asks): no such triple
                    return iter(())
                none = ()
                return (
                    ((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)), iter(none))
                    for q in quads
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


_COPIES: dict = {}


def store_of(g):
    """The pyoxigraph store holding ``g``'s triples: the store behind an Oxigraph-backed
    graph, or, for any other rdflib graph, a copy made once (kept while ``g`` lives and
    its size is unchanged). Read from a copy only: writes to it do not reach ``g``.

    >>> from rdflib import Graph, URIRef
    >>> plain = Graph()
    >>> plain.add((URIRef("urn:a"), URIRef("urn:p"), URIRef("urn:b")))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> len(store_of(plain))
    1
    """
    inner = oxigraph_of(g)
    if inner is not None:
        return inner
    import weakref

    import pyoxigraph as ox

    key = id(g)
    hit = _COPIES.get(key)
    if hit is not None and hit[0]() is g and hit[1] == len(g):
        return hit[2]
    copy = ox.Store()
    default = ox.DefaultGraph()
    copy.extend([ox.Quad(to_ox(s), to_ox(p), to_ox(o), default) for s, p, o in g])
    try:
        _COPIES[key] = (weakref.ref(g, lambda _r, k=key: _COPIES.pop(k, None)), len(g), copy)
    except TypeError:  # not weakly referenceable: no cache
        pass
    return copy


def snapshot(g):
    """A plain in-memory rdflib ``Graph`` with ``g``'s triples, for a library that walks
    the graph triple by triple from Python (pyshacl: 3 s on the curated graph against 22 s
    through oxrdflib's per-pattern calls). Built from one scan of the store."""
    from rdflib import Graph

    out = Graph()
    inner = oxigraph_of(g)
    if inner is None:
        for t in g:
            out.add(t)
    else:
        convert = to_rdflib
        add = out.store.add
        for q in inner.quads_for_pattern(None, None, None, None):
            add((convert(q.subject), convert(q.predicate), convert(q.object)), out)
    for prefix, ns in g.namespaces():
        out.bind(prefix, ns, override=True)
    return out


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
    if inner is None:  # a graph on another rdflib store parses with rdflib
        g.parse(source=str(path), format=fmt)
        return
    if path.suffix in _OX_FORMATS:
        import pyoxigraph as ox

        try:
            # Store.load, not bulk_load: on the in-memory store it is faster (1M triples of
            # Turtle: 3.0 s against 3.7 s), uses less memory, and a bad file adds nothing
            inner.load(path=str(path), format=getattr(ox.RdfFormat, _OX_FORMATS[path.suffix]),
                       base_iri=path.resolve().as_uri())
        except SyntaxError as exc:
            raise _ox_syntax_error(path, exc) from None
        return
    # other formats (JSON-LD, N3): rdflib's parser, then one bulk insert
    from rdflib import Graph

    tmp = Graph()
    tmp.parse(source=str(path), format=fmt)
    add_triples(g, tmp)


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
    """Add rdflib triples to ``g`` in one batch (one ``extend`` on its Oxigraph store)."""
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
    """Run a (checked) SPARQL query in Oxigraph on ``g``'s store (:func:`store_of`).

    Returns an rdflib :class:`~rdflib.query.Result` (SELECT rows of rdflib terms, ASK, or
    a CONSTRUCT/DESCRIBE graph). Run :func:`graph.query.prepare` on ``text`` first: it
    refuses unsafe queries.
    """
    return _ox_result(store_of(g), text, query_prefixes(g), init_bindings or {})


def query_prefixes(g) -> dict:
    """The prefixes a query on ``g`` may use undeclared: the project's, then ``g``'s own."""
    prefixes = _prefixes()
    for prefix, ns in g.namespaces():
        prefixes.setdefault(str(prefix), str(ns))
    return prefixes


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
