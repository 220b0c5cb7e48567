"""The seam: the one class that knows the engine (Oxigraph, through pyoxigraph).

A :class:`Backend` is a triple store with the few operations the stages need: add files
or triples, run an update, select rows, construct or dump N-Triples, count, and answer a
query for rdflib users. Rows come back as plain Python values, so no stage sees an
engine term: an IRI is its string, a blank node is ``"_:id"``, a literal is a
:class:`graph.oxread.Lit` ``(value, lang, datatype)`` with ``datatype`` ``None`` for a
plain string. The project's prefixes (``kg:``, ``kgr:``, ``skos:`` …) are pre-bound.

>>> b = Backend()
>>> b.add_ntriples(b'<https://w3id.org/story-kg/id/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "A"@en .')
>>> len(b), b.select("SELECT ?s ?l WHERE { ?s skos:prefLabel ?l }")
(1, [('https://w3id.org/story-kg/id/a', ('A', 'en', None))])
>>> b.update('INSERT DATA { kgr:a a kg:Person }')
>>> b.count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), b.pairs(_RDF_TYPE)
(2, [('https://w3id.org/story-kg/id/a', 'https://w3id.org/story-kg/ontology#Person')])
>>> b.construct("CONSTRUCT { ?s a kg:Agent } WHERE { ?s a kg:Person }").decode().split()[1]
'<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>'
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .oxread import Lit

__all__ = ["Backend", "Answer", "FILE_FORMATS", "to_rdflib", "to_ox", "term_of", "sparql_of"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

# file suffix -> the format the engine parses itself (like rdflib's parser does)
FILE_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
                ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML}

_PREFIXES = None


def _prefixes() -> dict:
    global _PREFIXES
    if _PREFIXES is None:
        from .namespaces import PREFIXES

        _PREFIXES = {k: str(v) for k, v in PREFIXES.items()}
    return _PREFIXES


def _value(term):
    """An engine term as a plain value (``None`` stays ``None``)."""
    kind = type(term)
    if kind is ox.NamedNode:
        return term.value
    if kind is ox.Literal:
        lang = term.language
        dt = None if lang else term.datatype.value
        return Lit((term.value, lang or None, None if dt == _XSD_STRING else dt))
    if kind is ox.BlankNode:
        return "_:" + term.value
    return None if term is None else str(term)


class Answer:
    """A query's answer, read lazily (a huge answer can stop at a cap): ``form`` is
    ``"SELECT"``, ``"ASK"`` or ``"CONSTRUCT"``; ``vars`` the SELECT's variable names;
    iterating gives rdflib terms (a SELECT's rows as tuples with ``None`` for unbound, a
    CONSTRUCT's triples); ``boolean`` is the ASK's answer."""

    def __init__(self, result):
        self._result = result
        if isinstance(result, ox.QueryBoolean):
            self.form, self.vars, self.boolean = "ASK", [], bool(result)
        elif isinstance(result, ox.QuerySolutions):
            self.form, self.vars, self.boolean = "SELECT", [v.value for v in result.variables], None
        else:
            self.form, self.vars, self.boolean = "CONSTRUCT", ["subject", "predicate", "object"], None

    def __iter__(self):
        convert = _converter()
        if self.form == "SELECT":
            memo: dict = {}  # a literal or IRI repeated across rows is converted once

            def term(val):
                hit = memo.get(val)
                if hit is None:
                    hit = memo[val] = convert(val)
                return hit

            return (tuple(None if v is None else term(v) for v in row) for row in self._result)
        if self.form == "CONSTRUCT":
            return ((convert(t.subject), convert(t.predicate), convert(t.object)) for t in self._result)
        return iter(())

    def values(self):
        """A SELECT's rows as plain values (``None`` for unbound), with no rdflib term made."""
        return (tuple(None if v is None else _value(v) for v in row) for row in self._result)


class Backend:
    """A triple store in the engine: every triple in its default graph.

    ``Backend()`` is an empty in-memory store; :meth:`on_disk` and :meth:`read_only`
    open one in a folder (the persistent index)."""

    __slots__ = ("store", "folder")

    def __init__(self, store=None, folder=None):
        self.store = ox.Store() if store is None else store  # the engine's object: for graph.store's adapter only
        self.folder = folder  # where an on-disk store lives, else None

    @classmethod
    def on_disk(cls, folder) -> Backend:
        return cls(ox.Store(str(folder)), Path(folder))

    @classmethod
    def read_only(cls, folder) -> Backend:
        """A store written earlier, opened read-only; raises if it cannot be read."""
        store = ox.Store.read_only(str(folder))
        next(iter(store.quads_for_pattern(None, None, None, None)), None)  # a first read: fails on a broken store
        return cls(store, Path(folder))

    def __len__(self) -> int:
        return len(self.store)

    # -- writing ----------------------------------------------------------------------
    def load_file(self, path: Path) -> None:
        """Parse a file of a :data:`FILE_FORMATS` suffix into the store in one transaction
        (nothing is added when it has an error). Raises ``SyntaxError`` with the line
        (``lineno``) and column (``offset``)."""
        path = Path(path)
        self.store.load(path=str(path), format=FILE_FORMATS[path.suffix], base_iri=path.resolve().as_uri())

    def add_ntriples(self, data: bytes) -> None:
        self.store.load(data, format=ox.RdfFormat.N_TRIPLES)

    def add(self, triples) -> None:
        """Add rdflib triples in one batch."""
        default = ox.DefaultGraph()
        self.store.extend([ox.Quad(to_ox(s), to_ox(p), to_ox(o), default) for s, p, o in triples])

    def copy_into(self, other: Backend, chunk: int = 250_000) -> None:
        """Add every triple of this store to ``other`` (bulk, ``chunk`` quads at a time,
        then flushed to disk). One bulk load of everything buffers it all: at 1.5M quads
        the index build peaked at 1.8 GB; in chunks, 0.9 GB in the same time."""
        from itertools import islice

        quads = self.store.quads_for_pattern(None, None, None, None)
        while batch := list(islice(quads, chunk)):
            other.store.bulk_extend(batch)
        other.store.flush()

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (the engine releases the GIL while it runs)."""
        self.store.update(sparql, prefixes=_prefixes())

    # -- reading ----------------------------------------------------------------------
    def select(self, sparql: str) -> list[tuple]:
        """A SELECT's rows as tuples of plain values."""
        return [tuple(_value(v) for v in row) for row in self.store.query(sparql, prefixes=_prefixes())]

    def count(self, sparql: str) -> int:
        """The number in the first cell of a ``SELECT (COUNT(...) AS ?n)``."""
        return int(next(iter(self.store.query(sparql, prefixes=_prefixes())))[0].value)

    def tsv(self, sparql: str) -> bytes:
        """A SELECT's answer as SPARQL TSV, serialised by the engine without the GIL
        (:class:`graph.oxread.Reader` splits it)."""
        return self.store.query(sparql, prefixes=_prefixes()).serialize(format=ox.QueryResultsFormat.TSV)

    def construct(self, sparql: str) -> bytes:
        """A CONSTRUCT's triples as N-Triples, serialised by the engine without the GIL."""
        return self.store.query(sparql, prefixes=_prefixes()).serialize(format=ox.RdfFormat.N_TRIPLES)

    def pairs(self, predicate: str, obj=None) -> list[tuple]:
        """``(subject, object)`` of the triples with IRI ``predicate`` (and object ``obj``,
        an IRI or ``"_:id"``, when given), as plain values: an index scan, no query."""
        o = None if obj is None else _engine_term(obj)
        return [(_value(q.subject), _value(q.object))
                for q in self.store.quads_for_pattern(None, ox.NamedNode(predicate), o, ox.DefaultGraph())]

    def match(self, s=None, p=None, o=None):
        """The triples matching a pattern of rdflib terms (``None``: any), as rdflib
        terms; nothing for a pattern no triple can match (a literal as subject, a path)."""
        try:
            pattern = [None if t is None else to_ox(t) for t in (s, p, o)]
            quads = self.store.quads_for_pattern(*pattern, ox.DefaultGraph())
        except (TypeError, ValueError):  # not an RDF term, or not a valid IRI: no such triple
            return iter(())
        convert = _converter()
        return ((convert(q.subject), convert(q.predicate), convert(q.object)) for q in quads)

    def dump(self, path=None):
        """Every triple as N-Triples (unsorted): the bytes, or written to the file ``path``
        by the engine (no copy of the text in this process)."""
        if path is None:
            return self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        self.store.dump(output=str(path), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        return None

    def triples(self):
        """Every triple as rdflib terms (one scan)."""
        return self.match()

    def answer(self, sparql: str, prefixes: dict | None = None, bindings: dict | None = None) -> Answer:
        """Run any query (``prefixes`` added to the project's; ``bindings``: variable name
        -> rdflib term, substituted before evaluation) and return its lazy :class:`Answer`."""
        subs = {ox.Variable(str(k)): to_ox(v) for k, v in (bindings or {}).items()}
        pre = dict(_prefixes(), **{str(k): str(v) for k, v in (prefixes or {}).items()})
        return Answer(self.store.query(sparql, prefixes=pre, substitutions=subs))


# ---------------------------------------------------------------------------
# engine terms <-> rdflib terms (for the rdflib adapter, graph.store)
# ---------------------------------------------------------------------------

def to_rdflib(term):
    """Convert an engine term to the rdflib term rdflib's own parser would make (a plain
    literal has no datatype, as in rdflib); ``None`` stays ``None``."""
    return _converter()(term)


_CONVERT = None


def _converter():
    """:func:`to_rdflib`'s converter, built once (imports and classes bound up front: it
    runs once per term of every result row)."""
    global _CONVERT
    if _CONVERT is not None:
        return _CONVERT
    from rdflib import BNode, Literal, URIRef

    NamedNode, OxLiteral, BlankNode = ox.NamedNode, ox.Literal, ox.BlankNode
    new = str.__new__

    def convert(term):
        kind = type(term)
        if kind is NamedNode:
            return new(URIRef, term.value)  # the engine has validated the IRI: skip URIRef's check
        if kind is OxLiteral:
            lang = term.language
            if lang or term.datatype.value == _XSD_STRING:  # no ^^xsd:string, as rdflib's parser makes it
                return Literal(term.value, lang=lang or None)
            return Literal(term.value, datatype=new(URIRef, term.datatype.value))
        if kind is BlankNode:
            return BNode(term.value)
        if term is None:
            return None
        raise TypeError(f"not an RDF term of the engine: {term!r}")

    _CONVERT = convert
    return convert


def to_ox(term):
    """Convert an rdflib term (IRI, blank node or literal) to the equal engine term."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def term_of(value):
    """A plain value (an IRI string, ``"_:id"`` or a :class:`~graph.oxread.Lit`) as an rdflib term.

    >>> term_of("urn:a"), term_of(Lit(("5", None, "http://www.w3.org/2001/XMLSchema#integer"))).toPython()
    (rdflib.term.URIRef('urn:a'), 5)
    """
    from rdflib import BNode, Literal, URIRef

    if value is None:
        return None
    if isinstance(value, Lit):
        return Literal(value[0], lang=value[1], datatype=None if value[2] is None else URIRef(value[2]))
    return BNode(value[2:]) if value.startswith("_:") else URIRef(value)


def sparql_of(value) -> str:
    """A plain IRI or literal value in SPARQL (and N-Triples) syntax.

    >>> print(sparql_of("urn:a"), sparql_of(Lit(('say "hi"', "en", None))))
    <urn:a> "say \\"hi\\""@en
    """
    if not isinstance(value, Lit) and value.startswith("_:"):
        raise ValueError(f"a blank node cannot be named in a query: {value}")
    return str(_engine_term(value))  # the engine writes the term (escapes included)


def _engine_term(value):
    """A plain value as the engine's term."""
    if isinstance(value, Lit):
        if value[1]:
            return ox.Literal(value[0], language=value[1])
        return ox.Literal(value[0], datatype=None if value[2] is None else ox.NamedNode(value[2]))
    return ox.BlankNode(value[2:]) if value.startswith("_:") else ox.NamedNode(value)
