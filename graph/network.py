"""The entity-level networkx projection of the graph.

Entities, events and free claims become nodes; their literals (labels, aliases,
dates, amounts, descriptions, evidence) become node attributes, not nodes. Every
triple between two such nodes becomes an edge keyed by the predicate's CURIE,
carrying the predicate's label and the evidence for the fact (its own statement's,
or that of the event it was derived from).

>>> g = load(TRIPLES)
>>> nxg = to_networkx(g)
>>> lei, xiaomi = str(KGR["lei-jun"]), str(KGR["xiaomi"])
>>> nxg.nodes[lei]["kind"], nxg.nodes[lei]["label_zh"]
('Person', '雷军')
>>> edge = nxg.edges[lei, xiaomi, "kg:founded"]
>>> edge["label"], edge["derived_from"] != ""
('founded', True)
"""

from __future__ import annotations

from collections import defaultdict

__all__ = ["to_networkx", "KINDS", "node_kinds"]

KINDS = ("Person", "Organization", "Product", "Place", "Event", "Claim")


def _closure(g, top, pred):
    seen, todo = {top}, [top]
    while todo:
        for sub in g.subjects(pred, todo.pop()):
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return seen


def _class_info(g):
    """Map every kg class under Entity/Claim to (kind, depth)."""
    from rdflib import RDFS

    from .namespaces import KG

    info = {}
    # later kinds in this list win ties: Event (subclass of Claim) must be an Event
    for kind in ("Claim", "Person", "Organization", "Product", "Place", "Event"):
        top = KG[kind]
        depth = {top: 0}
        todo = [top]
        while todo:
            c = todo.pop()
            for sub in g.subjects(RDFS.subClassOf, c):
                if sub not in depth:
                    depth[sub] = depth[c] + 1
                    todo.append(sub)
        for c, d in depth.items():
            info[c] = (kind, d)
    return info


def node_kinds(g) -> dict:
    """Map each node (entity, event or claim) to ``(kind, most specific type)``."""
    from rdflib import RDF, URIRef

    from .namespaces import KG

    info = _class_info(g)
    rank = {k: i for i, k in enumerate(("Claim", "Person", "Organization", "Product", "Place", "Event"))}
    best = {}
    for s, t in g.subject_objects(RDF.type):
        if not isinstance(s, URIRef) or t not in info:
            continue
        kind, depth = info[t]
        key = (rank[kind], depth)
        if s not in best or key > best[s][0]:
            local = str(t).rsplit("#", 1)[-1] if str(t).startswith(str(KG)) else str(t)
            best[s] = (key, kind, local)
    return {s: (kind, local) for s, (_k, kind, local) in best.items()}


def _precision(lit) -> str:
    from rdflib import XSD

    return {XSD.gYear: "year", XSD.gYearMonth: "month", XSD.date: "day", XSD.dateTime: "day"}.get(
        getattr(lit, "datatype", None), ""
    )


def _year(lexical: str):
    head = lexical.lstrip("-")[:4]
    return int(head) if head.isdigit() else None


def _fmt_amount(g, node) -> str:
    from .namespaces import KG

    value = g.value(node, KG.value)
    if value is None:
        return ""
    try:
        num = value.toPython()
        text = f"{int(num):,}" if num == int(num) else f"{num:,}"
    except (TypeError, ValueError, OverflowError, ArithmeticError):
        text = str(value)
    flag = g.value(node, KG.approximate)
    approx = "about " if flag is not None and flag.toPython() is True else ""
    currency, unknown, unit = g.value(node, KG.currency), g.value(node, KG.currencyUnknown), g.value(node, KG.unit)
    if currency is not None:
        return f"{approx}{text} {currency}"
    if unit is not None:
        return f"{approx}{text} {unit}"
    if unknown is not None:
        return f"{approx}{text} (currency unknown)"
    return f"{approx}{text}"


def to_networkx(g):
    """Project rdflib graph ``g`` to an entity-level :class:`networkx.MultiDiGraph`.

    Node ids are IRIs (strings). Node attributes: ``iri``, ``label``, ``label_zh``,
    ``kind``, ``type``, ``description``, ``aliases`` (list), ``date``,
    ``date_precision``, ``end_date``, ``date_inferred``, ``date_unknown``, ``year``,
    ``outcome``, ``amounts`` (list), ``claim_text``, ``evidence`` (list of dicts:
    ``source``, ``source_label``, ``quote``, ``secondary``), ``secondary_only``,
    ``conflicts`` (list of dicts: ``conflict``, ``label``, ``note``, ``kind``, ``other``).
    Edge keys are predicate CURIEs; edge attributes: ``predicate``, ``label``,
    ``derived_from``, ``evidence``, ``secondary_only``, ``role`` (event → participant),
    and ``note`` on ``kg:conflictsWith`` edges.
    """
    import networkx as nx
    from rdflib import RDF, RDFS, SKOS, Literal, URIRef
    from rdflib.namespace import SDO

    from .namespaces import KG, curie

    kinds = node_kinds(g)
    nxg = nx.MultiDiGraph()
    lang_en = ("en", None)

    # sources and evidence
    source_kind = {s: g.value(s, KG.sourceKind) for s in g.subjects(RDF.type, KG.Source)}
    source_label = {}
    for s in source_kind:
        labels = list(g.objects(s, SKOS.prefLabel))
        source_label[s] = str(next((l for l in labels if getattr(l, "language", None) in lang_en), labels[0] if labels else s))
    ev_quote = dict(g.subject_objects(KG.quote))
    ev_source = dict(g.subject_objects(KG.source))

    def evidence_list(claim):
        out = []
        for ev in g.objects(claim, KG.evidence):
            src = ev_source.get(ev)
            out.append(
                {
                    "source": str(src) if src is not None else "",
                    "source_label": source_label.get(src, ""),
                    "quote": str(ev_quote.get(ev, "")),
                    "secondary": source_kind.get(src) == KG.SecondarySource,
                }
            )
        return sorted(out, key=lambda e: (e["secondary"], e["source"], e["quote"]))

    attrs = {}
    for node, (kind, typ) in kinds.items():
        attrs[node] = {
            "iri": str(node), "label": "", "label_zh": "", "kind": kind, "type": typ,
            "description": "", "aliases": [], "date": "", "date_precision": "", "end_date": "",
            "date_inferred": "", "date_unknown": "", "year": None, "outcome": "", "amounts": [],
            "claim_text": "", "evidence": [], "secondary_only": False, "conflicts": [],
        }
    for s, o in g.subject_objects(SKOS.prefLabel):
        a = attrs.get(s)
        if a is None or not isinstance(o, Literal):
            continue
        if o.language and o.language.lower().startswith("zh"):
            a["label_zh"] = a["label_zh"] or str(o)
        elif o.language in lang_en or o.language.lower().startswith("en"):
            if not a["label"] or o.language == "en":
                a["label"] = str(o)
    for s, o in g.subject_objects(SKOS.altLabel):
        if s in attrs:
            attrs[s]["aliases"].append(str(o))
    simple = {
        SDO.description: "description", KG.date: "date", KG.endDate: "end_date",
        KG.dateInferred: "date_inferred", KG.dateUnknown: "date_unknown", KG.outcome: "outcome",
        KG.claimText: "claim_text",
    }
    for pred, name in simple.items():
        for s, o in g.subject_objects(pred):
            if s in attrs and not attrs[s][name]:
                attrs[s][name] = str(o)
                if name == "date":
                    attrs[s]["date_precision"] = _precision(o)
                    attrs[s]["year"] = _year(str(o))
    for pred in (KG.amount, KG.valuation, KG.quantity):
        for s, o in g.subject_objects(pred):
            if s in attrs:
                text = _fmt_amount(g, o)
                if text:
                    label = {KG.amount: "", KG.valuation: "valuation ", KG.quantity: ""}[pred]
                    attrs[s]["amounts"].append(label + text)
    for s in g.subjects(KG.secondaryOnly, Literal(True)):
        if s in attrs:
            attrs[s]["secondary_only"] = True
    for node, a in attrs.items():
        a["aliases"] = sorted(set(a["aliases"]))
        a["amounts"] = sorted(a["amounts"])
        a["evidence"] = evidence_list(node)
        if not a["label"]:
            a["label"] = curie(node)
        nxg.add_node(str(node), **a)

    # conflicts
    for conflict in g.subjects(RDF.type, KG.Conflict):
        members = sorted(g.objects(conflict, KG.conflictingClaim))
        label = str(g.value(conflict, SKOS.prefLabel) or "")
        note = str(g.value(conflict, KG.note) or "")
        ckind = g.value(conflict, KG.conflictKind)
        ckind = str(ckind).rsplit("#", 1)[-1] if ckind is not None else ""
        for m in members:
            if m in attrs:
                for other in members:
                    if other != m:
                        nxg.nodes[str(m)]["conflicts"].append(
                            {"conflict": str(conflict), "label": label, "note": note, "kind": ckind, "other": str(other)}
                        )

    # statements: (s, p, o) -> evidence, derived_from
    stmt = defaultdict(list)
    for st in g.subjects(RDF.type, RDF.Statement):
        key = (g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object))
        stmt[key].append(st)
    pred_label = {}
    roles = _closure(g, KG.participant, RDFS.subPropertyOf) | {KG.place, KG.about}

    def plabel(p):
        if p not in pred_label:
            lab = g.value(p, RDFS.label)
            pred_label[p] = str(lab) if lab is not None else curie(p).split(":", 1)[-1]
        return pred_label[p]

    conflict_note = {}
    for conflict in g.subjects(RDF.type, KG.Conflict):
        note = str(g.value(conflict, KG.note) or "")
        members = list(g.objects(conflict, KG.conflictingClaim))
        for a in members:
            for b in members:
                conflict_note[(a, b)] = note

    skip = {RDF.type, KG.evidence}
    for s in attrs:
        for p, o in g.predicate_objects(s):
            if p in skip or o not in attrs:
                continue
            evidence, derived, secondary = [], "", False
            for st in stmt.get((s, p, o), ()):
                ev = evidence_list(st)
                src_event = g.value(st, KG.derivedFrom)
                if src_event is not None:
                    derived = derived or str(src_event)
                    ev = ev or evidence_list(src_event)
                evidence.extend(ev)
                secondary = secondary or (st, KG.secondaryOnly, Literal(True)) in g
            if p in roles:
                evidence = attrs[s]["evidence"]
                secondary = attrs[s]["secondary_only"]
            data = {
                "predicate": str(p), "label": plabel(p), "derived_from": derived,
                "evidence": evidence, "secondary_only": bool(secondary), "role": p in roles,
            }
            if p == KG.conflictsWith:
                data["note"] = conflict_note.get((s, o), "")
            nxg.add_edge(str(s), str(o), key=curie(p), **data)
    return nxg
