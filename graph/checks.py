"""The rules ``kg check`` runs, one function each: ``(graph, ..., locator) -> [Problem]``.

:func:`graph.check.check` runs them in order and gathers the problems; each names the
file and line (through the locator), the node, the rule, what is wrong and the fix.
They read plain values from the graph's Oxigraph store with SPARQL and scans
(:func:`graph.store.backend_of`); only the nodes of a problem become rdflib terms.
"""

from __future__ import annotations

import difflib
import re
from calendar import monthrange
from dataclasses import dataclass
from pathlib import Path


__all__ = ["PYTHON_RULES", "Problem", "vocabulary", "literals", "references", "aliases", "shacl", "verdicts",
           "translations", "mentioned", "untyped_iris_of"]


# Rules `check` runs in Python. A shape annotated `kg:checkedBy "<rule>"` with one of
# these names is deactivated in kg check's copy of the shapes (it still runs in any
# other SHACL validator).
PYTHON_RULES = ("syntax", "readable-input", "closed-vocabulary", "well-typed-literal", "defined-entity", "unique-alias", "evidence-quote",
                "quote-translation", "relation-direction", "verdict", "mentioned", "attested-label", "coverage",
                "coverage-ignore")


@dataclass
class Problem:
    """One thing wrong, with where it is and how to fix it."""

    rule: str
    message: str
    fix: str = ""
    node: str = ""
    file: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.file and self.line else (self.file or "")
        head = " ".join(x for x in (where + (":" if where else ""), self.node, f"[{self.rule}]") if x)
        text = f"{head} {self.message}"
        if self.fix:
            text += f"\n    fix: {self.fix}"
        return text


_LEXICAL = {
    "gYear": re.compile(r"^-?\d{4,}(Z|[+-]\d\d:\d\d)?$"),
    "gYearMonth": re.compile(r"^-?\d{4,}-(\d\d)(Z|[+-]\d\d:\d\d)?$"),
    "date": re.compile(r"^-?(\d{4,})-(\d\d)-(\d\d)(Z|[+-]\d\d:\d\d)?$"),
}


def _date_problem(lit) -> str | None:
    """Why a date literal is ill-typed, or None.

    >>> from rdflib import Literal, XSD
    >>> _date_problem(Literal("2004-13", datatype=XSD.gYearMonth))
    'month 13 is not 01-12'
    >>> _date_problem(Literal("1996-02-30", datatype=XSD.date))
    'February 1996 has no day 30'
    """
    import calendar

    name = str(lit.datatype).rsplit("#", 1)[-1]
    m = _LEXICAL[name].match(str(lit))
    if not m:
        return f"{str(lit)!r} is not a valid xsd:{name}"
    if name == "gYearMonth" and not 1 <= int(m.group(1)) <= 12:
        return f"month {int(m.group(1))} is not 01-12"
    if name == "date":
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if not 1 <= month <= 12:
            return f"month {month} is not 01-12"
        last = monthrange(year, month)[1]
        if not 1 <= day <= last:
            return f"{calendar.month_name[month]} {year} has no day {day}"
    return None


def untyped_iris_of(g):
    """Every IRI used as subject, predicate or object that has no ``rdf:type`` (a set of
    IRI strings). Four plain scans in Oxigraph, two at a time, and set arithmetic: a NOT
    EXISTS per triple takes several times longer."""
    from .oxread import Reader
    from .store import backend_of

    with Reader(backend_of(g)) as read:
        jobs = [read.submit(q) for q in ("SELECT DISTINCT ?x WHERE { ?x a ?t FILTER (isIRI(?x)) }",
                                         "SELECT DISTINCT ?x WHERE { ?x ?p ?o FILTER (isIRI(?x)) }",
                                         "SELECT DISTINCT ?x WHERE { ?s ?x ?o }",
                                         "SELECT DISTINCT ?x WHERE { ?s ?p ?x FILTER (isIRI(?x)) }")]
        typed = set(read.columns(jobs[0])[0])
        used = set()
        for job in jobs[1:]:
            used.update(read.columns(job)[0])
    return used - typed


def _undeclared_terms(ns: str, loc):
    """The untyped IRIs in namespace ``ns`` as sorted 1-tuples of rdflib terms."""
    from rdflib import URIRef

    return sorted((URIRef(x),) for x in loc.untyped_iris if x.startswith(ns))


def vocabulary(g, loc) -> list:
    """Every kg: term used must be declared (typed) in the ontology."""
    from rdflib import RDF, URIRef

    from .namespaces import KG_IRI

    candidates = _undeclared_terms(KG_IRI, loc)
    if not candidates:
        return []
    graphs = [("", candidates)]
    declared = {s for s in g.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(KG_IRI)}
    names = sorted(str(d)[len(KG_IRI):] for d in declared)
    problems, seen = [], set()
    for path, fg in graphs:
        for triple in fg:
            for term in triple:
                if isinstance(term, URIRef) and str(term).startswith(KG_IRI) and term not in declared and term not in seen:
                    seen.add(term)
                    local = str(term)[len(KG_IRI):]
                    close = difflib.get_close_matches(local, names, n=1)
                    file, line = loc.find_term(term)
                    problems.append(Problem(
                        "closed-vocabulary", f"kg:{local} is not declared in the ontology",
                        f"use kg:{close[0]}" if close else "declare the term (with a label and comment) in a Turtle file of the triples folder, an extension of the package ontology (graph/vocab/ontology.ttl), or use an existing one",
                        f"kg:{local}", file or str(path), line))
    return problems


def literals(g, loc) -> list:
    from rdflib import XSD, Literal

    from .backend import sparql_of, term_of
    from .store import backend_of

    problems = []
    date_types = {XSD.gYear: "gYear", XSD.gYearMonth: "gYearMonth", XSD.date: "date"}
    backend = backend_of(g)
    triples = []  # each distinct typed literal once; a triple is looked up only for a bad one
    for (lit,) in backend.select("SELECT DISTINCT ?o WHERE { ?s ?p ?o FILTER (isLiteral(?o) && "
                                 "datatype(?o) != xsd:string && datatype(?o) != rdf:langString) }"):
        o = term_of(lit)
        if (_date_problem(o) if o.datatype in date_types else o.ill_typed):
            s, p = backend.select(f"SELECT ?s ?p WHERE {{ ?s ?p {sparql_of(lit)} }} LIMIT 1")[0]
            triples.append((term_of(s), term_of(p), o))
    for s, p, o in triples:
        if not isinstance(o, Literal) or o.datatype is None:
            continue
        why = _date_problem(o) if o.datatype in date_types else ("not a valid value of its datatype" if o.ill_typed else None)
        if why:
            from .namespaces import curie

            file, line = loc.find_text(f'"{o}"^^')
            if file is None:
                file, line = loc.find_term(s)
            problems.append(Problem(
                "well-typed-literal", f'"{o}"^^{curie(o.datatype)} on {curie(p)}: {why}',
                "write the date at the precision the text gives: YYYY (xsd:gYear), YYYY-MM (xsd:gYearMonth) or a real calendar date YYYY-MM-DD (xsd:date)",
                curie(s), file, line))
    return problems


def references(g, loc) -> list:
    """Every entity IRI (in the entity namespace) that is used must be defined with a type."""
    from rdflib import RDF, URIRef

    from .namespaces import KGR_IRI, curie

    triples = _undeclared_terms(KGR_IRI, loc)  # 1-tuples of the undefined entities
    if not triples:
        return []
    typed = {s for s in g.subjects(RDF.type, None)}
    defined_names = sorted(curie(s) for s in typed if isinstance(s, URIRef) and str(s).startswith(KGR_IRI))
    problems, seen = [], set()
    for triple in triples:
        for term in (triple[0], triple[-1]):
            if isinstance(term, URIRef) and str(term).startswith(KGR_IRI) and term not in typed and term not in seen:
                seen.add(term)
                close = difflib.get_close_matches(curie(term), defined_names, n=1)
                file, line = loc.find_term(term)
                problems.append(Problem(
                    "defined-entity", f"{curie(term)} is used but never defined (no rdf:type)",
                    f"did you mean {close[0]}?" if close else "define it with a type, an English skos:prefLabel and a description",
                    curie(term), file, line))
    return problems


def aliases(g, loc) -> list:
    """No name is a label or alias of two entities (compared by :func:`~graph.lookup.exact_form`)."""
    from .lookup import exact_form
    from .namespaces import curie
    from .oxread import Reader
    from .store import backend_of
    from .tables import plain_of

    owners: dict[str, set] = {}
    shown = {}
    # plain strings, the two labels read side by side
    with Reader(backend_of(g)) as read:
        jobs = [read.submit(f"SELECT ?s ?o WHERE {{ ?s skos:{label} ?o FILTER (isIRI(?s)) FILTER EXISTS {{ ?s a ?t }} }}")
                for label in ("prefLabel", "altLabel")]
        for job in jobs:
            for s, o in zip(*read.columns(job, (0,))):
                o = plain_of(o)
                key = exact_form(o)  # exact forms: "Office" and "office" may name two things
                owners.setdefault(key, set()).add(s)
                shown.setdefault(key, o)
    problems = []
    for key, who in sorted(owners.items()):
        if len(who) > 1:
            names = sorted(curie(w) for w in who)
            file, line = loc.find_text(f'"{shown[key]}"')
            problems.append(Problem(
                "unique-alias", f"the name {shown[key]!r} is a label or alias of {len(who)} entities: {', '.join(names)}",
                "keep the name on the one entity it refers to (merge the nodes if they are the same real-world entity)",
                names[0], file, line))
    return problems


def shacl(g, shapes_path, loc, reported=()) -> list:
    """The SHACL shapes' violations, each with its file:line and fix. ``shapes_path`` is
    one shapes file or a list of them (the package's and a folder's extension). A result
    about a node already ``reported`` (an undefined entity the Python rules named) is the
    same mistake seen again and is left out."""
    import pyshacl
    from rdflib import RDF, Graph, Literal, Namespace

    from .namespaces import KG, curie

    SH = Namespace("http://www.w3.org/ns/shacl#")
    from .inputs import guarded_parse

    shapes = Graph()
    for path in [shapes_path] if isinstance(shapes_path, (str, Path)) else shapes_path:
        with guarded_parse(path, "turtle"):  # a folder's shapes are input: the same bounds
            shapes.parse(str(path), format="turtle")
    for shape, rule in list(shapes.subject_objects(KG.checkedBy)):
        if str(rule) in PYTHON_RULES:  # the same rule runs in Python: faster, with file:line
            shapes.add((shape, SH.deactivated, Literal(True)))
    conforms, results, _text = pyshacl.validate(
        g, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True,
        inplace=True,  # no inference, so nothing is written; saves copying the data graph
    )
    problems = []
    reported = {str(x) for x in reported}
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        value = results.value(r, SH.value)
        if str(focus) in reported or (value is not None and str(value) in reported):
            continue
        shape = results.value(r, SH.sourceShape)
        path = results.value(r, SH.resultPath)
        message = str(results.value(r, SH.resultMessage) or "violates a shape")
        severity = results.value(r, SH.resultSeverity)
        fix = shapes.value(shape, KG.fix) if shape is not None else None
        if fix is None:  # property shapes: the fix may sit on the node shape that holds them
            for parent in shapes.subjects(SH.property, shape):
                fix = shapes.value(parent, KG.fix)
                if fix is not None:
                    break
        rule = curie(shape) if shape is not None and not hasattr(shape, "_BNode__") and curie(shape) != str(shape) else "shape"
        if rule == "shape" and shape is not None:
            for parent in shapes.subjects(SH.property, shape):
                rule = curie(parent) + (f"/{curie(path)}" if path is not None else "")
                break
        file, line = loc.find_term(focus)
        node = curie(focus) if curie(focus) != str(focus) else focus.n3()
        if severity is not None and severity != SH.Violation:
            message = f"({curie(severity).split(':')[-1].lower()}) {message}"
        problems.append(Problem(rule, message, str(fix or ""), node, file, line))
    problems.sort(key=lambda p: (p.file or "", p.line or 0, p.node, p.rule))
    return problems


def _rows(g, query: str):
    """Rows of a SELECT on either store (the rules below are small SPARQL patterns)."""
    from .namespaces import PREFIXES

    return list(g.query(query, initNs=PREFIXES))


def verdicts(g, loc) -> list:
    """A claim's ``kg:verdict`` agrees with the evidence and the conflicts: Supported needs
    a primary quote on the claim, Contradicted/Embellished a conflict of that kind with the
    claim on side B, NotFound no primary quote and the sources read (``kg:checkedAgainst``);
    only a claim with secondary evidence gets a verdict, and one at most."""
    from .namespaces import curie

    checks = (
        ("?c kg:verdict kg:Supported . FILTER NOT EXISTS { ?c kg:evidence/kg:source/kg:sourceKind kg:PrimarySource }",
         "is marked kg:Supported but has no evidence from a primary source",
         "add the primary source's quote as another kg:evidence of this claim, or change the verdict"),
        ("?c kg:verdict kg:Contradicted . FILTER NOT EXISTS { ?x kg:sideB ?c ; kg:conflictKind kg:Contradiction }",
         "is marked kg:Contradicted but is on side B of no kg:Contradiction",
         "add a kg:Conflict with kg:conflictKind kg:Contradiction, the primary claim on kg:sideA and this one on kg:sideB"),
        ("?c kg:verdict kg:Embellished . FILTER NOT EXISTS { ?x kg:sideB ?c ; kg:conflictKind kg:Embellishment }",
         "is marked kg:Embellished but is on side B of no kg:Embellishment",
         "add a kg:Conflict with kg:conflictKind kg:Embellishment, the primary claim on kg:sideA and this one on kg:sideB"),
        ("?c kg:verdict kg:NotFound . FILTER EXISTS { ?c kg:evidence/kg:source/kg:sourceKind kg:PrimarySource }",
         "is marked kg:NotFound but has evidence from a primary source",
         "mark it kg:Supported, or move the primary quote to the claim it supports"),
        ("?c kg:verdict kg:NotFound . FILTER NOT EXISTS { ?c kg:checkedAgainst ?s }",
         "is marked kg:NotFound without saying which sources were read",
         "add kg:checkedAgainst with every primary source searched"),
        ("?c kg:verdict ?v . FILTER NOT EXISTS { ?c kg:evidence/kg:source/kg:sourceKind kg:SecondarySource }",
         "has a kg:verdict but no secondary evidence: verdicts judge a secondary source's claims",
         "remove the verdict, or add the secondary source's quote"),
        ("?c kg:verdict ?v1 , ?v2 . FILTER (STR(?v1) < STR(?v2))",
         "has more than one kg:verdict",
         "keep the one verdict that the evidence and conflicts support"),
    )
    problems = []
    for pattern, message, fix in checks:
        for (c,) in _rows(g, f"SELECT DISTINCT ?c WHERE {{ {pattern} }} ORDER BY ?c"):
            file, line = loc.find_text(f"{curie(c)} kg:verdict")
            if file is None:
                file, line = loc.find_term(c)
            problems.append(Problem("verdict", f"{curie(c)} {message}", fix, curie(c), file, line))
    return problems


def translations(g, loc) -> list:
    """A quote that is not in English (its source's ``dcterms:language`` is not ``en``, or
    it is written in Chinese characters) carries the curator's English rendering."""
    problems = []
    rows = _rows(g, """
        SELECT ?ev ?q WHERE {
          ?ev kg:quote ?q ; kg:source ?s .
          FILTER NOT EXISTS { ?ev kg:quoteTranslation ?t }
          OPTIONAL { ?s dcterms:language ?lang }
          FILTER ((BOUND(?lang) && !STRSTARTS(LCASE(STR(?lang)), "en")) || REGEX(STR(?q), "[\\u4e00-\\u9fff]"))
        }""")
    for ev, q in sorted(rows, key=lambda r: str(r[1])):
        file, line = loc.find_text(str(q)[:60])
        problems.append(Problem(
            "quote-translation", f"the quote “{str(q)[:80]}” has no kg:quoteTranslation",
            "add kg:quoteTranslation \"your English rendering of exactly this quote\"@en to the evidence node",
            "", file, line))
    return problems


def mentioned(g, loc) -> list:
    """Every entity is mentioned by some source: it is cited, or takes part in (or is the
    subject, object or topic of) a claim that is cited. An entity no source mentions
    cannot show the sentence behind it."""
    from .namespaces import curie

    rows = _rows(g, """
        SELECT DISTINCT ?x WHERE {
          ?x a ?t . ?t rdfs:subClassOf* kg:Entity . FILTER (isIRI(?x))
          FILTER NOT EXISTS { ?x kg:mentionedIn ?s }
          FILTER NOT EXISTS { ?x a/rdfs:subClassOf* kg:Source }
          FILTER NOT EXISTS { ?x kg:derivation ?r }
        } ORDER BY ?x""")
    problems = []
    for (x,) in rows:
        file, line = loc.find_term(x)
        problems.append(Problem(
            "mentioned", f"{curie(x)} is mentioned by no source: no event, statement or claim with evidence names it",
            "add the fact that brings it into the story (a role in an event, a statement, or kg:about on a claim) with its quote",
            curie(x), file, line))
    return problems
