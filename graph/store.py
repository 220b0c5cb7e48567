"""The rdflib adapter: an rdflib ``Graph`` on the engine's store.

:func:`create_graph` returns an rdflib ``Graph`` backed by a :class:`graph.backend.Backend`
(through oxrdflib): the engine parses the files, applies the rules and answers SPARQL,
while rdflib users, pyshacl and the public API see an ordinary ``rdflib.Graph``. The
stages work on the backend behind it (:func:`backend_of`); given any other rdflib graph
(one a user built), :func:`backend_of` copies its triples into a backend once, so every
stage is written once, against the backend.

The engine stores literals by value, so a non-canonical lexical form comes back canonical
(``"010"^^xsd:integer`` reads as ``"10"``, ``"1.50"^^xsd:decimal`` as ``"1.5"``) and
language tags come back in lower case; the curated data writes canonical literals.

>>> g = create_graph()
>>> type(g).__name__, len(g), backend_of(g) is g.store.backend
('Graph', 0, True)
"""

from __future__ import annotations

from contextlib import ContextDecorator
from pathlib import Path

from .backend import FILE_FORMATS, Backend
from .inputs import FORMATS

__all__ = [
    "create_graph",
    "parse_into",
    "FORMATS",
    "backend_of",
    "native_query",
    "query_prefixes",
    "add_triples",
    "snapshot",
    "gc_paused",
]


def create_graph(backend: Backend | None = None):
    """Return an rdflib ``Graph`` on ``backend`` (a new empty one by default). Its default
    graph holds the triples, so SPARQL needs no graph name."""
    from rdflib import Graph
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    return Graph(store=_store_class()(backend if backend is not None else Backend()), identifier=DATASET_DEFAULT_GRAPH_ID)


_STORE_CLASS = None


def _store_class():
    """oxrdflib's store on a backend, reading terms as rdflib's parser makes them (built on first use)."""
    global _STORE_CLASS
    if _STORE_CLASS is None:
        from oxrdflib import OxigraphStore
        from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

        class KGOxigraphStore(OxigraphStore):
            """oxrdflib's ``OxigraphStore`` on a :class:`~graph.backend.Backend`, with three
            differences: plain literals read back as rdflib's parser makes them (no
            ``^^xsd:string``), triple iteration builds no ``Graph`` per triple, and the
            size and the SPARQL answers of the default graph come from the backend."""

            def __init__(self, backend: Backend):
                self.backend = backend
                super().__init__(store=backend.store)

            def triples(self, triple_pattern, context=None):
                graph = getattr(context, "identifier", context)
                if graph is not None and graph != DATASET_DEFAULT_GRAPH_ID:
                    return super().triples(triple_pattern, context)
                none = ()
                return ((t, iter(none)) for t in self.backend.match(*triple_pattern))

            def __len__(self, context=None):
                # oxrdflib runs a COUNT(DISTINCT) query (seconds on 1M triples); with every
                # triple in the default graph, as create_graph keeps them, the store's count is the same
                graph = getattr(context, "identifier", context)
                if graph in (None, DATASET_DEFAULT_GRAPH_ID) and next(self.contexts(), None) is None:
                    return len(self.backend)
                return super().__len__(context)

            def query(self, query, initNs, initBindings, queryGraph, **kwargs):  # noqa: N803
                if isinstance(query, str) and not kwargs and queryGraph in (DATASET_DEFAULT_GRAPH_ID, str(DATASET_DEFAULT_GRAPH_ID)):
                    return rdflib_result(self.backend.answer(query, dict(dict(self.namespaces()), **initNs), initBindings))
                return super().query(query, initNs, initBindings, queryGraph, **kwargs)

        _STORE_CLASS = KGOxigraphStore
    return _STORE_CLASS


_COPIES: dict = {}


def backend_of(g) -> Backend:
    """The backend holding ``g``'s triples: ``g`` itself if it is a :class:`Backend`, the
    one behind a graph of :func:`create_graph`, or, for any other rdflib graph, a copy made
    once (kept while ``g`` lives and its size is unchanged). Read from a copy only: writes
    to it do not reach ``g``.

    >>> from rdflib import Graph, URIRef
    >>> plain = Graph()
    >>> plain.add((URIRef("urn:a"), URIRef("urn:p"), URIRef("urn:b")))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> len(backend_of(plain))
    1
    """
    if isinstance(g, Backend):
        return g
    backend = _own_backend(g)
    if backend is not None:
        return backend
    import weakref

    key = id(g)
    hit = _COPIES.get(key)
    if hit is not None and hit[0]() is g and hit[1] == len(g):
        return hit[2]
    copy = Backend()
    copy.add(g)
    try:
        _COPIES[key] = (weakref.ref(g, lambda _r, k=key: _COPIES.pop(k, None)), len(g), copy)
    except TypeError:  # not weakly referenceable: no cache
        pass
    return copy


def _own_backend(g):
    """The backend behind ``g`` if it is a graph of :func:`create_graph` (or ``g`` itself,
    a :class:`Backend`), else ``None``."""
    if isinstance(g, Backend):
        return g
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    backend = getattr(getattr(g, "store", None), "backend", None)
    return backend if isinstance(backend, Backend) and g.identifier == DATASET_DEFAULT_GRAPH_ID else None


def snapshot(g):
    """A plain in-memory rdflib ``Graph`` with ``g``'s triples, for a library that walks
    the graph triple by triple from Python (pyshacl: 3 s on the curated graph against 22 s
    through oxrdflib's per-pattern calls). Built from one scan of the store."""
    from rdflib import Graph

    out = Graph()
    backend = _own_backend(g)
    add = out.store.add
    for t in (backend.triples() if backend is not None else g):
        add(t, out)
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
    """Parse the file at ``path`` (rdflib format name ``fmt``) into graph ``g`` (or a
    :class:`Backend`).

    On a graph of :func:`create_graph`, Turtle, N-Triples and RDF/XML are loaded by the
    engine directly into the store (one transaction per file); a syntax error raises
    :class:`graph.errors.LoadError` with the file, line and column. Every call is bounded
    by :func:`graph.inputs.guarded_parse`.
    """
    from .inputs import guarded_parse

    with guarded_parse(path, fmt):  # size, time and network bounds; no external contexts or entities
        _parse_into(g, Path(path), fmt)


def _parse_into(g, path: Path, fmt: str) -> None:
    backend = _own_backend(g)
    if backend is None:  # a graph on another rdflib store parses with rdflib
        g.parse(source=str(path), format=fmt)
        return
    if path.suffix in FILE_FORMATS:
        try:
            backend.load_file(path)
        except SyntaxError as exc:
            raise _ox_syntax_error(path, exc) from None
        return
    # other formats (JSON-LD, N3): rdflib's parser, then one bulk insert
    from rdflib import Graph

    tmp = Graph()
    tmp.parse(source=str(path), format=fmt)
    add_triples(g, tmp)


def add_triples(g, triples) -> None:
    """Add rdflib triples to ``g`` in one batch (one insert into its backend)."""
    backend = _own_backend(g)
    if backend is None:
        for t in triples:
            g.add(t)
        return
    backend.add(triples)

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


def native_query(g, text: str, init_bindings: dict | None = None):
    """Run a (checked) SPARQL query in the engine on ``g``'s backend (:func:`backend_of`).

    Returns an rdflib :class:`~rdflib.query.Result` (SELECT rows of rdflib terms, ASK, or
    a CONSTRUCT/DESCRIBE graph). Run :func:`graph.query.prepare` on ``text`` first: it
    refuses unsafe queries.
    """
    return rdflib_result(backend_of(g).answer(text, query_prefixes(g), init_bindings))


def query_prefixes(g) -> dict:
    """The prefixes a query on ``g`` may use undeclared: the project's, then ``g``'s own."""
    from .namespaces import PREFIXES

    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    for prefix, ns in g.namespaces():
        prefixes.setdefault(str(prefix), str(ns))
    return prefixes


def rdflib_result(answer):
    """A backend :class:`~graph.backend.Answer` as an rdflib ``Result``."""
    from rdflib import Graph, Variable
    from rdflib.query import Result

    out = Result(answer.form)
    if answer.form == "ASK":
        out.askAnswer = answer.boolean
    elif answer.form == "SELECT":
        out.vars = [Variable(v) for v in answer.vars]
        out.bindings = [{v: val for v, val in zip(out.vars, row) if val is not None} for row in answer]
    else:
        out.graph = Graph()
        for t in answer:
            out.graph.add(t)
    return out
