"""The rules ``kg check`` runs, one function each: ``(graph, ..., locator) -> [Problem]``.

:func:`graph.check.check` runs them in order and gathers the problems; each names the
file and line (through the locator), the node, the rule, what is wrong and the fix.
On an Oxigraph-backed graph they read plain values with SPARQL and scans, and report
exactly what they report on the in-memory store (``tests/test_check.py``).
"""

from __future__ import annotations

import difflib
import re
from calendar import monthrange
from pathlib import Path

from .check import PYTHON_RULES, Problem

__all__ = ["vocabulary", "literals", "references", "aliases", "quotes", "shacl"]


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


def _untyped_iris(g):
    """On an Oxigraph store, every IRI used as subject, predicate or object that has no
    ``rdf:type`` (a set of pyoxigraph terms); ``None`` on another store. Four plain scans
    in Oxigraph and set arithmetic: a NOT EXISTS per triple takes several times longer."""
    from .store import ox_select, oxigraph_of

    inner = oxigraph_of(g)
    if inner is None:
        return None
    used = set()
    for q in ("SELECT DISTINCT ?x WHERE { ?x ?p ?o FILTER (isIRI(?x)) }",
              "SELECT DISTINCT ?x WHERE { ?s ?x ?o }",
              "SELECT DISTINCT ?x WHERE { ?s ?p ?x FILTER (isIRI(?x)) }"):
        used.update(row[0] for row in ox_select(inner, q))
    used.difference_update(row[0] for row in ox_select(inner, "SELECT DISTINCT ?x WHERE { ?x a ?t FILTER (isIRI(?x)) }"))
    return used


def _undeclared_terms(ns: str, loc):
    """The untyped IRIs in namespace ``ns`` as sorted 1-tuples of rdflib terms (Oxigraph),
    or ``None`` on another store."""
    from .store import to_rdflib

    untyped = loc.untyped_iris
    if untyped is None:
        return None
    return sorted((to_rdflib(x),) for x in untyped if x.value.startswith(ns))


def vocabulary(g, graphs, loc) -> list:
    """Every kg: term used must be declared (typed) in the ontology."""
    from rdflib import RDF, URIRef

    from .namespaces import KG_IRI

    if graphs is None:  # Oxigraph: only the undeclared kg: terms
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
                        f"use kg:{close[0]}" if close else "declare the term in ontology.ttl (with a label and comment) or use an existing one",
                        f"kg:{local}", file or str(path), line))
    return problems


def literals(g, loc) -> list:
    from rdflib import XSD, Literal

    from .store import to_rdflib

    problems = []
    date_types = {XSD.gYear: "gYear", XSD.gYearMonth: "gYearMonth", XSD.date: "date"}
    triples = None
    from .store import ox_select, oxigraph_of

    inner = oxigraph_of(g)
    if inner is not None:  # each distinct typed literal once; a triple is looked up only for a bad one
        triples = []
        for (lit,) in ox_select(inner, "SELECT DISTINCT ?o WHERE { ?s ?p ?o FILTER (isLiteral(?o) && "
                                       "datatype(?o) != xsd:string && datatype(?o) != rdf:langString) }"):
            o = to_rdflib(lit)
            if (_date_problem(o) if o.datatype in date_types else o.ill_typed):
                s, p = ox_select(inner, f"SELECT ?s ?p WHERE {{ ?s ?p {lit} }} LIMIT 1")[0]
                triples.append((to_rdflib(s), to_rdflib(p), o))
    for s, p, o in g if triples is None else triples:
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

    triples = _undeclared_terms(KGR_IRI, loc)  # Oxigraph: 1-tuples of the undefined entities
    if triples == []:
        return []
    typed = {s for s in g.subjects(RDF.type, None)}
    defined_names = sorted(curie(s) for s in typed if isinstance(s, URIRef) and str(s).startswith(KGR_IRI))
    problems, seen = [], set()
    for triple in g if triples is None else triples:
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
    from rdflib import RDF, SKOS, URIRef

    from .lookup import normalize
    from .namespaces import curie

    owners: dict[str, set] = {}
    shown = {}
    from .store import ox_select, oxigraph_of

    inner = oxigraph_of(g)
    if inner is not None:  # plain strings; IRIs become rdflib terms only for a problem
        rows = [(URIRef(s.value), o.value) for s, o in ox_select(
            inner, "SELECT ?s ?o WHERE { { ?s skos:prefLabel ?o } UNION { ?s skos:altLabel ?o } "
                   "FILTER (isIRI(?s)) FILTER EXISTS { ?s a ?t } }")]
    else:
        typed = {s for s in g.subjects(RDF.type, None) if isinstance(s, URIRef)}
        rows = [(s, o) for pred in (SKOS.prefLabel, SKOS.altLabel) for s, o in g.subject_objects(pred) if s in typed]
    for s, o in rows:
        key = normalize(o)
        owners.setdefault(key, set()).add(s)
        shown.setdefault(key, str(o))
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


def quotes(g, sources_dir, loc) -> list:
    from rdflib import Literal

    from .namespaces import KG, curie

    problems, texts, missing = [], {}, set()
    from .store import ox_select, oxigraph_of, to_rdflib

    inner = oxigraph_of(g)
    if inner is not None:  # verbatim quotes are passed over on plain strings; the rest become rdflib terms
        import pyoxigraph as ox

        raw_texts = {}

        def verbatim(quote, fname) -> bool:
            if fname is None or not isinstance(quote, ox.Literal) or not quote.value or sources_dir is None:
                return False
            if fname.value not in raw_texts:
                path = Path(sources_dir) / fname.value
                raw_texts[fname.value] = path.read_text(encoding="utf-8") if path.is_file() else None
            text = raw_texts[fname.value]
            return text is not None and quote.value in text

        # the common case, every quote found in its source file, in one cheap scan; the
        # evidence behind a failing quote or a source without a file is then read in full
        pairs = ox_select(inner, "SELECT DISTINCT ?quote ?f WHERE { ?ev kg:quote ?quote ; kg:source ?s . "
                                 "OPTIONAL { ?s kg:sourceFile ?f } }")
        failing = {q for q, f in pairs if not verbatim(q, f)}
        rows = []
        if failing:
            values = " ".join(str(q) for q in failing)
            for row in ox_select(inner, "SELECT ?ev ?quote (SAMPLE(?c) AS ?claim) (SAMPLE(?s) AS ?src) (SAMPLE(?f) AS ?fname) "
                                        f"WHERE {{ VALUES ?quote {{ {values} }} ?ev kg:quote ?quote OPTIONAL {{ ?c kg:evidence ?ev }} "
                                        "OPTIONAL { ?ev kg:source ?s OPTIONAL { ?s kg:sourceFile ?f } } } GROUP BY ?ev ?quote"):
                if not verbatim(row[1], row[4]):
                    rows.append(tuple(to_rdflib(t) for t in row))
    else:
        rows = []
        for ev, quote in g.subject_objects(KG.quote):
            src = g.value(ev, KG.source)
            rows.append((ev, quote, next(iter(g.subjects(KG.evidence, ev)), None), src,
                         g.value(src, KG.sourceFile) if src is not None else None))
    for ev, quote, claim, src, fname in rows:
        claim = claim if claim is not None else ev
        if src is None:
            continue  # reported by the shapes (evidence needs a source)
        if fname is None:
            file, line = loc.find_term(src)
            problems.append(Problem("evidence-quote", f"source {curie(src)} has no kg:sourceFile",
                                    "add kg:sourceFile \"name.txt\" to the source", curie(src), file, line))
            continue
        if sources_dir is None or not Path(sources_dir).is_dir():
            return [Problem("evidence-quote", f"sources folder {sources_dir or '(none)'} not found; quotes cannot be checked",
                            "give --sources DIR or set KG_SOURCES to the folder with the source texts")]
        path = Path(sources_dir) / str(fname)
        if path not in texts:
            texts[path] = path.read_text(encoding="utf-8") if path.is_file() else None
        text = texts[path]
        if text is None:
            if path in missing:
                continue  # one problem per missing file, not one per quote from it
            missing.add(path)
            file, line = loc.find_term(src)
            problems.append(Problem("evidence-quote", f"source file {path} not found",
                                    f"put {fname} in the sources folder or correct kg:sourceFile", curie(src), file, line))
            continue
        q = str(quote)
        if not isinstance(quote, Literal) or not q or q in text:
            continue
        hint = ""
        matcher = difflib.SequenceMatcher(None, text, q, autojunk=False)
        block = matcher.find_longest_match(0, len(text), 0, len(q))
        if block.size >= 8:
            start = max(0, block.a - block.b)
            hint = f"; the source has: “{text[start:start + len(q)]}”"
        file, line = loc.find_text(q[:60])
        problems.append(Problem(
            "evidence-quote", f"quote not found verbatim in {fname}: “{q}”",
            "copy the quote from the source file exactly (curly quotes, spacing and typos included)" + hint,
            curie(claim) if not hasattr(claim, "n3") or curie(claim) != str(claim) else claim.n3(), file, line))
    return problems


def shacl(g, shapes_path: Path, loc) -> list:
    import pyshacl
    from rdflib import RDF, Graph, Literal, Namespace

    from .namespaces import KG, curie

    SH = Namespace("http://www.w3.org/ns/shacl#")
    shapes = Graph().parse(str(shapes_path))
    for shape, rule in list(shapes.subject_objects(KG.checkedBy)):
        if str(rule) in PYTHON_RULES:  # the same rule runs in Python: faster, with file:line
            shapes.add((shape, SH.deactivated, Literal(True)))
    conforms, results, _text = pyshacl.validate(
        g, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True,
        inplace=True,  # no inference, so nothing is written; saves copying the data graph
    )
    problems = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
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
