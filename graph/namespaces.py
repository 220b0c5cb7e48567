"""Namespaces and prefixes shared by every stage.

``KG`` is a closed namespace: ``KG.founded`` works, ``KG.foundd`` raises
``AttributeError`` instead of minting a new IRI. Curated files are held to the
same rule by ``kg check`` (every ``kg:`` term they use must be declared in the
package's ``graph/vocab/ontology.ttl`` or in an extension in the triples folder).

Importing this module does not import rdflib: the prefixes and :func:`curie` are plain
strings, and ``KG``, ``KGR`` and rdflib's namespaces (``RDF``, ``SKOS`` …) are made on
first use, so a command that needs no rdflib object starts faster.

>>> from graph.namespaces import KG
>>> str(KG.founded)
'https://w3id.org/story-kg/ontology#founded'
>>> KG.foundd
Traceback (most recent call last):
...
AttributeError: term 'foundd' not in namespace 'https://w3id.org/story-kg/ontology#'
"""

from __future__ import annotations

__all__ = ["KG", "KGR", "KINDS", "KIND_PRECEDENCE", "PREFIXES", "bind_prefixes", "curie"]

KG_IRI = "https://w3id.org/story-kg/ontology#"
KGR_IRI = "https://w3id.org/story-kg/id/"
KGSH_IRI = "https://w3id.org/story-kg/shapes#"  # SHACL shapes (graph/vocab/shapes.ttl)


def _vocabulary():
    """The closed ``KG`` namespace (rdflib's ``DefinedNamespace``), made on first use."""
    from rdflib import Namespace, URIRef  # noqa: F401 - URIRef names the annotations below
    from rdflib.namespace import DefinedNamespace

    class KG(DefinedNamespace):
        """The project's own vocabulary (declared in ``graph/vocab/ontology.ttl``, which ships with the package)."""

        _NS = Namespace(KG_IRI)
        _fail = True

        # classes
        Entity: URIRef
        Person: URIRef
        Organization: URIRef
        Product: URIRef
        Place: URIRef
        Event: URIRef
        Claim: URIRef
        Conflict: URIRef
        Source: URIRef
        Evidence: URIRef
        Quantity: URIRef
        MonetaryAmount: URIRef
        DerivationRule: URIRef
        RelationProperty: URIRef
        RoleProperty: URIRef
        PrimarySource: URIRef
        SecondarySource: URIRef
        Contradiction: URIRef
        Embellishment: URIRef
        # dates, places, outcomes
        date: URIRef
        endDate: URIRef
        dateInferred: URIRef
        dateUnknown: URIRef
        place: URIRef
        outcome: URIRef
        participant: URIRef
        # quantities
        amount: URIRef
        valuation: URIRef
        quantity: URIRef
        value: URIRef
        unit: URIRef
        currency: URIRef
        currencyUnknown: URIRef
        approximate: URIRef
        # provenance
        evidence: URIRef
        source: URIRef
        quote: URIRef
        sourceFile: URIRef
        sourceKind: URIRef
        translationNote: URIRef
        claimText: URIRef
        about: URIRef
        conflictingClaim: URIRef
        conflictKind: URIRef
        note: URIRef
        fix: URIRef
        checkedBy: URIRef
        derivedFrom: URIRef
        secondaryOnly: URIRef
        conflictsWith: URIRef
        sideA: URIRef
        sideB: URIRef
        mentionedIn: URIRef
        quoteTranslation: URIRef
        doubt: URIRef
        verdict: URIRef
        checkedAgainst: URIRef
        sourceMethod: URIRef
        coverageTarget: URIRef
        CoverageIgnore: URIRef
        ignoredSentence: URIRef
        ignoredName: URIRef
        reason: URIRef
        Supported: URIRef
        Contradicted: URIRef
        Embellished: URIRef
        NotFound: URIRef
        Translation: URIRef
        Group: URIRef
        CreativeWork: URIRef
        Idea: URIRef
        Period: URIRef
        # rules
        derivation: URIRef
        eventClass: URIRef
        subjectRole: URIRef
        objectRole: URIRef
        # relations the code refers to by name
        founded: URIRef
        sold: URIRef

    return KG



#: The kinds of node, in display order: each is a top class of the ontology, and a node's
#: kind is the one its most specific class falls under (``graph.network.node_kinds``).
KINDS = ("Person", "Group", "Organization", "Product", "CreativeWork", "Idea", "Place", "Event", "Claim")
#: Which kind wins when a node's classes fall under several (an event is also a claim).
KIND_PRECEDENCE = ("Claim", "Person", "Group", "Organization", "Product", "CreativeWork", "Idea", "Place", "Event")

PREFIXES: dict[str, str] = {
    "kg": KG_IRI,
    "kgr": KGR_IRI,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "sh": "http://www.w3.org/ns/shacl#",
    "kgsh": KGSH_IRI,
}


def bind_prefixes(g):
    """Bind the project's prefixes on graph ``g`` (replacing rdflib's defaults) and return it."""
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri, override=True, replace=True)
    return g


def curie(iri) -> str:
    """Shorten ``iri`` with the project's prefixes.

    >>> curie("https://w3id.org/story-kg/id/lei-jun")
    'kgr:lei-jun'
    >>> curie("http://example.org/x")
    'http://example.org/x'
    """
    s = str(iri)
    best = None
    for prefix, ns in PREFIXES.items():
        if s.startswith(ns) and (best is None or len(ns) > len(PREFIXES[best])):
            best = prefix
    if best is None:
        return s
    return f"{best}:{s[len(PREFIXES[best]):]}"


KG: type  # made on first use by __getattr__ (annotations only: no binding yet)
KGR: object

_RDFLIB_NAMESPACES = ("DCTERMS", "OWL", "PROV", "RDF", "RDFS", "SDO", "SH", "SKOS", "XSD")


def __getattr__(name):
    """``KG``, ``KGR`` and rdflib's namespaces, imported and kept on first use."""
    if name == "KG":
        value = _vocabulary()
    elif name == "KGR":
        from rdflib import Namespace

        value = Namespace(KGR_IRI)
    elif name in _RDFLIB_NAMESPACES:
        from rdflib import namespace

        value = getattr(namespace, name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value
