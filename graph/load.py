"""Load a folder of curated triples into one rdflib graph and apply the derivation rules.

The loader reads every RDF file under the triples folder (except ``shapes.ttl``, which
``kg check`` reads as shapes, and the ``queries/``, ``rules/`` and ``shapes/``
folders), each with its own error context, then derives:

* direct edges from events, by the ``kg:derivation`` rules declared on relation
  properties in the ontology (a ``kg:Founding`` with ``kg:founder X`` and
  ``kg:organization Y`` yields ``X kg:founded Y``), each with a statement node
  ``kg:derivedFrom`` the event;
* the triple of every curated ``rdf:Statement`` (so a fact is written once, with
  its evidence);
* ``kg:secondaryOnly true`` on every claim whose evidence comes only from
  secondary sources;
* ``kg:conflictingClaim`` for every claim on either side (``kg:sideA``, ``kg:sideB``) of a
  ``kg:Conflict``, and ``kg:conflictsWith`` between each side-A and each side-B claim;
* extra rules from ``rules/*.rq`` (``SELECT ?subject ?predicate ?object ?event``);
* ``kg:mentionedIn`` from every node to each source that mentions it (cites it, or cites
  a claim it takes part in or is the subject, object or topic of), and
  ``kg:secondaryOnly true`` on the entities that only secondary sources mention.

>>> g = load(TRIPLES)                      # the repository's triples/ folder
>>> from graph.namespaces import KG, KGR
>>> (KGR["lei-jun"], KG.founded, KGR["xiaomi"]) in g
True
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from .errors import LoadError
from .inputs import read_text_file
from .files import resolve_triples, syntax_error, triple_files  # noqa: F401  (public here too)
from .inputs import FORMATS
from .store import create_graph, parse_into

__all__ = ["load", "triple_files", "resolve_triples", "apply_derivations"]


def load(triples=None, *, derive: bool = True):
    """Read every triples file under ``triples`` into one rdflib ``Graph`` on an Oxigraph
    store (:func:`graph.store.create_graph`), parsed by Oxigraph.

    Parameters
    ----------
    triples : path, optional
        The triples folder (default ``$KG_TRIPLES`` or ``./triples``).
    derive : bool
        Apply the derivation rules (default True).

    Raises
    ------
    graph.errors.LoadError
        A file is missing or malformed; the message names ``file:line:column``.
    """
    from .namespaces import bind_prefixes

    logging.getLogger("rdflib.term").setLevel(logging.ERROR)  # ill-typed literals: reported by `kg check`
    from .progress import stage

    root = resolve_triples(triples)
    g = bind_prefixes(create_graph())
    files = triple_files(root)
    sizes = [p.stat().st_size for p in files]
    with stage("load triples", total=sum(sizes), unit="B") as bar:
        for path, size in zip(files, sizes):
            try:
                parse_into(g, path, FORMATS[path.suffix])
            except LoadError:
                raise
            except Exception as exc:  # every parser error becomes file:line: message
                raise syntax_error(path, exc) from None
            bar.advance(size)
    if derive:
        apply_derivations(g, root)
    return g


def _statement_iri(s, p, o, event):
    """The IRI of the statement deriving ``s p o`` from ``event``: the SHA-1 digest the
    derivation update (:data:`_DERIVE`) computes in SPARQL."""
    from .namespaces import KGR

    digest = hashlib.sha1("\x1f".join(map(str, (s, p, o, event))).encode()).hexdigest()[:16]
    return KGR[f"derived/{digest}"]


def apply_derivations(g, triples_dir) -> None:
    """Apply the derivation rules to ``g`` in place, in its Oxigraph store."""
    from .progress import stage
    from .store import backend_of

    with stage("derivation rules"):
        backend = backend_of(g)
        _apply_rules(g, backend, triples_dir)
        _apply_mention_rules(backend)


# 1. the kg:derivation rules as one update: the statement IRI is the same SHA-1 digest
# that :func:`_statement_iri` computes in Python for the rows of extra rules
_DERIVE = """
INSERT { ?s ?prop ?o .
         ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?prop ; rdf:object ?o ; kg:derivedFrom ?event }
WHERE {
  { SELECT DISTINCT ?s ?prop ?o ?event WHERE {
      ?prop kg:derivation ?rule .
      ?rule kg:eventClass ?cls ; kg:subjectRole ?srole ; kg:objectRole ?orole .
      ?c rdfs:subClassOf* ?cls . ?event a ?c .
      ?r1 rdfs:subPropertyOf* ?srole . ?event ?r1 ?s .
      ?r2 rdfs:subPropertyOf* ?orole . ?event ?r2 ?o .
      FILTER (!sameTerm(?s, ?o)) } }
  BIND (IRI(CONCAT(STR(kgr:), "derived/", SUBSTR(SHA1(CONCAT(
        STR(?s), "\\u001F", STR(?prop), "\\u001F", STR(?o), "\\u001F", STR(?event))), 1, 16))) AS ?st)
}"""

# 3. curated statements assert their triple; 4. claims whose evidence is all secondary.
# Both only read what was loaded, so they run beside the derivation update (below).
_CURATED_TRIPLES = """CONSTRUCT { ?s ?p ?o } WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  FILTER NOT EXISTS { ?st kg:derivedFrom ?any } FILTER (isIRI(?p) && !isLiteral(?s)) }"""
_SECONDARY_CLAIMS = """CONSTRUCT { ?claim kg:secondaryOnly true } WHERE { {
  SELECT ?claim WHERE {
    ?claim kg:evidence ?ev .
    OPTIONAL { ?ev kg:source ?src . ?src a kg:Source ; kg:sourceKind kg:SecondarySource . BIND (1 AS ?secondary) }
  } GROUP BY ?claim HAVING (COUNT(?secondary) = COUNT(*)) } }"""

_UPDATES = (
    # 4b. statements derived from a secondary-only event are secondary-only too
    """INSERT { ?st kg:secondaryOnly true } WHERE { ?st kg:derivedFrom ?e . ?e kg:secondaryOnly true }""",
    # 5. a conflict's sides: every claim of either side is a conflicting claim, and each
    #    side-A claim conflicts with each side-B claim (never two claims of one side)
    """INSERT { ?c kg:conflictingClaim ?x } WHERE { ?c a kg:Conflict . { ?c kg:sideA ?x } UNION { ?c kg:sideB ?x } }""",
    """INSERT { ?a kg:conflictsWith ?b . ?b kg:conflictsWith ?a } WHERE {
         ?c a kg:Conflict ; kg:sideA ?a ; kg:sideB ?b . FILTER (!sameTerm(?a, ?b)) }""",
)


# 6. which sources mention each node, and the entities only secondary sources mention.
MENTION_RULES = (
    """INSERT { ?claim kg:mentionedIn ?src } WHERE { ?claim kg:evidence ?ev . ?ev kg:source ?src . FILTER (isIRI(?claim)) }""",
    # the links from a claim to what it names: its roles (the sub-properties of
    # kg:participant, listed in VALUES: a property path per claim is slow in rdflib's
    # engine), its place and topics, a statement's two ends. Each claim's sources first,
    # once each (a claim has several quotes from one source), then each (node, source)
    # once: a fifth fewer rows to insert
    """INSERT { ?x kg:mentionedIn ?src } WHERE { SELECT DISTINCT ?x ?src WHERE {
         { SELECT DISTINCT ?claim ?src WHERE { ?claim kg:evidence ?ev . ?ev kg:source ?src } }
         VALUES ?link { {links} }
         ?claim ?link ?x . FILTER (isIRI(?x)) } }""",
    """INSERT { ?x kg:secondaryOnly true } WHERE {
         ?x kg:mentionedIn ?s . ?s kg:sourceKind kg:SecondarySource .
         FILTER NOT EXISTS { ?x kg:evidence ?any }
         FILTER NOT EXISTS { ?x kg:mentionedIn ?p . ?p kg:sourceKind kg:PrimarySource } }""",
)


def _apply_mention_rules(backend) -> None:
    from .namespaces import PREFIXES

    roles = backend.select("SELECT DISTINCT ?p WHERE { ?p rdfs:subPropertyOf* kg:participant }")
    links = sorted({p for (p,) in roles} | {str(PREFIXES["kg"]) + "participant", str(PREFIXES["kg"]) + "place",
                                                  str(PREFIXES["kg"]) + "about", str(PREFIXES["rdf"]) + "subject",
                                                  str(PREFIXES["rdf"]) + "object"})
    for update in MENTION_RULES:
        backend.update(update.replace("{links}", " ".join(f"<{p}>" for p in links)))


def _apply_rules(g, backend, triples_dir) -> None:
    """The rules as SPARQL updates run in the engine, so no triple passes through Python
    (the extra ``rules/*.rq`` excepted: their rows are added as statements)."""
    from rdflib import RDF

    from .namespaces import KG

    added = set()  # extra rules see the graph as loaded
    rules_dir = Path(triples_dir) / "rules" if triples_dir is not None else None
    for path in sorted(rules_dir.glob("*.rq")) if rules_dir is not None and rules_dir.is_dir() else []:
        from .query import run_query

        for row in run_query(g, read_text_file(path)):
            added.add((row.subject, row.predicate, row.object, row.event))
    # The derivation update runs in Oxigraph without the GIL while this thread computes the
    # triples of curated statements and the secondary-only flags from the same store (a
    # consistent snapshot; neither depends on derived triples), also in Oxigraph without the
    # GIL (serialising a result releases it), as N-Triples loaded once the update is done:
    # no term passes through Python. 1.8 s -> 1.1 s at 1M triples.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1, thread_name_prefix="kg-derive") as pool:
        derived = pool.submit(backend.update, _DERIVE)
        try:
            asserted = [backend.construct(q) for q in (_CURATED_TRIPLES, _SECONDARY_CLAIMS)]
        finally:
            derived.result()
    for data in asserted:
        backend.add_ntriples(data)
    triples = []
    for s, p, o, event in sorted(added):
        st = _statement_iri(s, p, o, event)
        triples += [(s, p, o), (st, RDF.type, RDF.Statement), (st, RDF.subject, s), (st, RDF.predicate, p),
                    (st, RDF.object, o), (st, KG.derivedFrom, event)]
    backend.add(triples)
    for update in _UPDATES:
        backend.update(update)
