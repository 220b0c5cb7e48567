"""The triples the networkx projection needs, read as plain Python values.

IRIs as strings, blank nodes as ``"_:id"``, literals as :class:`Lit` tuples. The class
tree is read first, then only the instances of the classes the projection looks at, then
one SELECT per predicate, run on a second core and read as TSV (:mod:`graph.oxread`),
keeping the edges whose two ends are nodes (entities, events, claims).

>>> with Tables(load(TRIPLES)) as t:
...     print(t.kinds[str(KGR["lei-jun"])])
...     print(any((str(KGR["lei-jun"]), str(KGR["xiaomi"])) in zip(subs, objs) for _p, subs, objs in t.edge_runs()))
('Person', 'Person')
True
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import compress
from operator import and_

from .namespaces import KIND_PRECEDENCE
from .oxread import Lit

# read by graph.network (the projection) and graph.stats (the counts)
__all__ = ["Tables", "Lit", "RDF_NS", "RDFS_NS", "SKOS_NS", "SDO_NS", "XSD_NS", "KG_NS", "LANG_EN", "PRECISION",
           "SKIP_EDGES", "text_of", "plain_of", "term_sort_key", "is_true", "class_info", "closure_of", "kinds_from",
           "node_types_from", "submit_node_types", "ox_node_types"]

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
SDO_NS = "https://schema.org/"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
KG_NS = "https://w3id.org/story-kg/ontology#"
LANG_EN = ("en", None)
PRECISION = {XSD_NS + "gYear": "year", XSD_NS + "gYearMonth": "month", XSD_NS + "date": "day", XSD_NS + "dateTime": "day"}


def text_of(term) -> str:
    if isinstance(term, Lit):
        return term[0]
    return plain_of(term)


def plain_of(term) -> str:
    """An IRI as its string; a blank node as ``_:id``; a literal as its lexical form."""
    if isinstance(term, Lit):
        return term[0]
    return str(term)


def term_sort_key(term):
    return (isinstance(term, Lit), text_of(term), getattr(term, "lang", None) or "", getattr(term, "datatype", None) or "")


def is_true(term) -> bool:
    return isinstance(term, Lit) and term[2] == XSD_NS + "boolean" and term[0] in ("true", "1")


# predicates whose (subject, object) pairs the projection reads
_WANTED = {
    RDF_NS + p for p in ("subject", "predicate", "object")
} | {RDFS_NS + "label", RDFS_NS + "subClassOf", RDFS_NS + "subPropertyOf", SKOS_NS + "prefLabel", SKOS_NS + "altLabel",
     SDO_NS + "description"} | {
    KG_NS + p for p in ("sourceKind", "quote", "source", "evidence", "date", "endDate", "dateInferred", "dateUnknown",
                      "outcome", "claimText", "amount", "valuation", "quantity", "value", "approximate", "currency",
                      "currencyUnknown", "unit", "secondaryOnly", "conflictingClaim", "note", "conflictKind", "derivedFrom",
                      "sideA", "sideB", "mentionedIn", "quoteTranslation", "doubt", "verdict")
}
SKIP_EDGES = {RDF_NS + "type", KG_NS + "evidence", KG_NS + "mentionedIn", KG_NS + "verdict"}
# the classes whose instances (blank nodes included) the projection lists with ``typed``
_TYPED = (RDF_NS + "Statement", KG_NS + "Conflict", KG_NS + "Source")


# the order in which graph.network reads the predicates' tables: on Oxigraph their
# SELECTs are asked in this order, so the answers arrive while the projection works
_READ_ORDER = [KG_NS + "sourceKind", SKOS_NS + "prefLabel", KG_NS + "quote", KG_NS + "source", KG_NS + "evidence",
               SKOS_NS + "altLabel", SDO_NS + "description", KG_NS + "date", KG_NS + "endDate", KG_NS + "dateInferred",
               KG_NS + "dateUnknown", KG_NS + "outcome", KG_NS + "claimText", KG_NS + "amount", KG_NS + "valuation",
               KG_NS + "quantity", KG_NS + "value", KG_NS + "approximate", KG_NS + "currency", KG_NS + "currencyUnknown",
               KG_NS + "unit", KG_NS + "secondaryOnly", KG_NS + "conflictingClaim", KG_NS + "note", KG_NS + "conflictKind",
               RDF_NS + "subject", RDF_NS + "predicate", RDF_NS + "object", KG_NS + "derivedFrom",
               RDFS_NS + "subPropertyOf", RDFS_NS + "label", KG_NS + "sideA", KG_NS + "sideB", KG_NS + "mentionedIn",
               KG_NS + "quoteTranslation", KG_NS + "doubt", KG_NS + "verdict"]

# the DISTINCT ?p scan that finds the other predicates (0.4 s at 1M triples) is queued
# after this many of the predicates above: asked first, it held up their answers
_PREDICATES_AFTER = 12


class Tables:
    """The triples the projection needs: ``types`` (subject -> classes), ``kinds`` (node ->
    (kind, type)), the (subject, object) columns of each predicate it reads (looked up by
    subject through :meth:`multi`, :meth:`index`, :meth:`all` and :meth:`first`, each table
    built on first use) and ``edges`` (IRI -> IRI triples between nodes, grouped by predicate).

    Each predicate's SELECT runs in a
    worker thread (:class:`graph.oxread.Reader`) and is read when the projection first asks
    for that predicate, so the answers are serialised on the second core while this thread
    builds the nodes from the ones before. Use it as a context manager (it stops the
    workers); the tables stay readable afterwards only for what was already read."""

    def __init__(self, g):
        from .store import backend_of

        self.types = defaultdict(list)
        self.columns = {}  # predicate -> (subjects, objects), for the predicates with triples
        self.subclass = defaultdict(list)
        self._typed = None
        self._multi, self._index = {}, {}
        self._read, self._pending, self._runs = None, {}, None
        try:
            self._start(backend_of(g))
        except BaseException:
            self.close()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def close(self) -> None:
        """Stop the worker threads (Oxigraph); unread answers are dropped."""
        if self._read is not None:
            self._read.__exit__(None, None, None)
            self._read = None

    def _start(self, backend):
        """The tables straight from the backend (no rdflib terms): the class tree first,
        then the named nodes and their classes (read now: ``kinds``), then, queued in the
        order the projection reads them, the instances of the classes it lists, one SELECT
        per predicate it reads and one per other predicate (its edges between IRIs). They
        come back as TSV (:class:`graph.oxread.Reader`): at 1M triples that is 2 s where
        iterating the engine's terms took 3.3 s."""
        from .oxread import Reader

        subclass = self.subclass
        for sub, sup in backend.pairs(RDFS_NS + "subClassOf"):
            subclass[sub].append(sup)
        node_classes = self._node_classes = class_info(subclass)
        wanted = set(_WANTED) - {RDFS_NS + "subClassOf"}
        read = self._read = Reader(backend, workers=2)
        types_jobs = submit_node_types(read, node_classes)
        self._typed_job = read.submit(
            "SELECT ?s ?c WHERE { VALUES ?c { %s } ?s a ?c }" % " ".join(f"<{c}>" for c in _TYPED))
        order = [p for p in _READ_ORDER if p in wanted] + sorted(wanted - set(_READ_ORDER))
        self._predicates_job = None
        for i, p in enumerate(order):
            if i == _PREDICATES_AFTER:
                self._predicates_job = read.submit("SELECT DISTINCT ?p WHERE { ?s ?p ?o }")
            self._pending[p] = read.submit(f"SELECT ?s ?o WHERE {{ ?s <{p}> ?o }}")
        if self._predicates_job is None:
            self._predicates_job = read.submit("SELECT DISTINCT ?p WHERE { ?s ?p ?o }")
        self._other = None
        self.types.update(node_types_from(read, types_jobs, backend, node_classes))
        self.kinds = kinds_from(self.types, subclass)

    def _submit_other(self) -> None:
        """Once ``SELECT DISTINCT ?p`` is answered, queue the edges of the other predicates."""
        read = self._read
        self._other = [(p, read.submit(f"SELECT ?s ?o WHERE {{ ?s <{p}> ?o FILTER (isIRI(?s) && isIRI(?o)) }}"))
                       for p in read.columns(self._predicates_job)[0] if p not in _WANTED and p not in SKIP_EDGES]

    def _column(self, pred):
        """``(subjects, objects)`` of ``pred``, or ``None`` when it has no triples."""
        job = self._pending.pop(pred, None)
        if job is not None:
            if self._read is None:
                raise RuntimeError("the projection's tables were closed before this predicate was read")
            if self._other is None and self._read.ready(self._predicates_job):
                self._submit_other()
            subs, objs = self._read.columns(job)
            if subs:
                self.columns[pred] = (subs, objs)
        return self.columns.get(pred)

    def edge_runs(self) -> list:
        """The triples between nodes as runs ``(predicate, subjects, objects)``, one run
        per predicate. (Columns, not one tuple per triple: 0.2 s less at 1M triples.)"""
        if self._runs is None:
            if self._other is None:
                self._submit_other()
            nodes = self.kinds
            runs, contains = [], nodes.__contains__
            for p in sorted(_WANTED - {RDFS_NS + "subClassOf"}):
                column = self._column(p)
                if column is not None and p not in SKIP_EDGES and str in set(map(type, column[1])):  # not all literals
                    runs.append((p, *_node_pairs(*column, contains)))
            subclass = [(s, o) for s, objs in self.subclass.items() if s in nodes for o in objs if o in nodes]
            runs.append((RDFS_NS + "subClassOf", [s for s, _o in subclass], [o for _s, o in subclass]))
            for p, job in self._other:
                runs.append((p, *_node_pairs(*self._read.columns(job, (0, 1)), contains)))
            self._runs = [run for run in runs if run[1]]
        return self._runs

    @property
    def subproperty(self) -> dict:
        return self.multi(RDFS_NS + "subPropertyOf")

    def typed(self, cls):
        if self._typed is None:
            self._typed = typed = defaultdict(list)
            if self._read is not None:  # Oxigraph: the instances of _TYPED, blank nodes too
                types, node_classes = self.types, self._node_classes
                for s, c in zip(*self._read.columns(self._typed_job, (0, 1))):
                    typed[c].append(s)
                    if c not in node_classes or s.startswith("_:"):  # named ones once, if c is also a node class
                        types[s].append(c)
            else:
                for s, classes in self.types.items():
                    for c in classes:
                        typed[c].append(s)
        return self._typed.get(cls, [])

    def multi(self, pred) -> dict:
        """subject -> [objects]."""
        table = self._multi.get(pred)
        if table is None:
            column = self._column(pred)
            table = self._multi[pred] = _group(*column) if column is not None else {}
        return table

    def index(self, pred) -> dict:
        """subject -> one object (the smallest, so both stores agree)."""
        table = self._index.get(pred)
        if table is None:
            subs, objs = self._column(pred) or ((), ())
            table = self._index[pred] = dict(zip(subs, objs))
            if len(table) < len(subs):
                for s, values in self.multi(pred).items():
                    if len(values) > 1:
                        table[s] = min(values, key=term_sort_key)
        return table

    def all(self, pred, s):
        return self.multi(pred).get(s, [])

    def first(self, pred, s):
        if pred in self._index or pred not in self._multi:
            return self.index(pred).get(s)
        objs = self._multi[pred].get(s)
        if not objs:
            return None
        return objs[0] if len(objs) == 1 else min(objs, key=term_sort_key)


def _group(subs, objs) -> dict:
    """subject -> [objects], built with C-level calls when (as usual) most subjects have one."""
    table = dict(zip(subs, map(list, zip(objs))))
    if len(table) < len(subs):
        many = {s for s, n in Counter(subs).items() if n > 1}
        for s in many:
            table[s] = []
        for s, o in zip(subs, objs):
            if s in many:
                table[s].append(o)
    return table


def _node_pairs(subs, objs, contains) -> tuple[list, list]:
    """``(subjects, objects)`` of the rows whose two ends are nodes (``contains`` tests
    membership), with C-level calls; the columns themselves when every row is kept."""
    keep = list(map(and_, map(contains, subs), map(contains, objs)))
    if all(keep):
        return subs, objs
    return list(compress(subs, keep)), list(compress(objs, keep))


def closure_of(children_of_pairs, top):
    """``top`` and everything below it, from ``pairs[pred]`` (sub -> [super])."""
    children = defaultdict(list)
    for sub, sups in children_of_pairs.items():
        for sup in sups:
            children[sup].append(sub)
    seen, todo = {top}, [top]
    while todo:
        for sub in children.get(todo.pop(), ()):
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return seen


def submit_node_types(read, node_classes) -> list:
    """Start the SELECTs of the named instances of the node classes named by IRIs: two, each
    for half of the classes, so both worker threads answer them while the caller waits
    (at 1M triples the projection's first 0.1-0.15 s). Oxigraph answers a ``VALUES`` join
    class by class, so the two answers together list the rows as one query would."""
    classes = [f"<{c}>" for c in node_classes if not c.startswith("_:")]
    half = (len(classes) + 1) // 2
    return [read.submit(f"SELECT ?s ?c WHERE {{ VALUES ?c {{ {' '.join(part)} }} ?s a ?c FILTER (isIRI(?s)) }}")
            for part in (classes[:half], classes[half:]) if part]


def node_types_from(read, jobs, backend, node_classes) -> dict:
    """Named node (IRI str) -> its classes among ``node_classes``, from :func:`submit_node_types`
    (and one index lookup per class that is a blank node)."""
    subs, objs = [], []
    for job in jobs:
        s, o = read.columns(job, (0, 1))
        subs += s
        objs += o
    types = defaultdict(list, _group(subs, objs))
    for c in node_classes:
        if c.startswith("_:"):
            for s, _c in backend.pairs(RDF_NS + "type", c):
                if isinstance(s, str) and not s.startswith("_:"):
                    types[s].append(c)
    return types


def ox_node_types(backend, node_classes) -> dict:
    """Named node (IRI str) -> its classes among ``node_classes``, read from a backend."""
    from .oxread import Reader

    with Reader(backend) as read:
        return node_types_from(read, submit_node_types(read, node_classes), backend, node_classes)


def class_info(subclass) -> dict:
    """class IRI -> (kind, depth below the kind's top class), from rdfs:subClassOf pairs."""
    children = defaultdict(list)
    for sub, sups in subclass.items():
        for sup in sups:
            children[sup].append(sub)
    info = {}
    for kind in KIND_PRECEDENCE:
        top = KG_NS + kind
        depth = {top: 0}
        todo = [top]
        while todo:
            c = todo.pop()
            for sub in sorted(children.get(c, ())):
                if sub not in depth:
                    depth[sub] = depth[c] + 1
                    todo.append(sub)
        for c, d in depth.items():
            info[c] = (kind, d)
    return info


def kinds_from(types, subclass) -> dict:
    """node (IRI str) -> (kind, most specific type), from types and rdfs:subClassOf pairs."""
    info = class_info(subclass)
    rank = {k: i for i, k in enumerate(KIND_PRECEDENCE)}
    out, seen = {}, {}  # seen: classes -> answer (nodes share a few combinations of classes)
    for s, classes in types.items():
        if s.startswith("_:"):
            continue
        combination = tuple(classes)
        if combination in seen:
            answer = seen[combination]
        else:
            best = None
            for t in classes:
                if isinstance(t, Lit) or t not in info:
                    continue
                kind, depth = info[t]
                key = (rank[kind], depth, t)
                if best is None or key[:2] > best[0][:2] or (key[:2] == best[0][:2] and t < best[0][2]):
                    local = t.rsplit("#", 1)[-1] if t.startswith(KG_NS) else t
                    best = (key, kind, local)
            answer = seen[combination] = (best[1], best[2]) if best is not None else None
        if answer is not None:
            out[s] = answer
    return out
