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

from .amounts import format_amount
from .tables import (KG_NS, LANG_EN, PRECISION, RDF_NS, RDFS_NS, SDO_NS, SKOS_NS, Lit, Tables, class_info, closure_of,
                     is_true, kinds_from, ox_node_types, plain_of, term_sort_key, text_of)

__all__ = ["to_networkx", "project", "Projection", "KINDS", "node_kinds", "kinds_and_classes", "dataset_title", "class_tree",
           "year_of"]

from .namespaces import KINDS  # noqa: E402  (re-exported: the kinds of node, in display order)


def node_kinds(g) -> dict:
    """Map each node (entity, event or claim) to ``(kind, most specific type)``."""
    from rdflib import URIRef

    return {URIRef(s): v for s, v in kinds_and_classes(g)[0].items()}


def kinds_and_classes(g) -> tuple[dict, list]:
    """``({node IRI string: (kind, most specific type)}, [the node classes' IRIs])``."""
    from .store import backend_of

    backend = backend_of(g)
    subclass, classes = class_tree(backend)
    types = ox_node_types(backend, classes)
    return kinds_from(types, subclass), [c for c in classes if not c.startswith("_:")]


def class_tree(backend) -> tuple[dict, dict]:
    """``(rdfs:subClassOf pairs between IRIs, {node class: (kind, depth)})`` of a backend."""
    subclass = defaultdict(list)
    for sub, sup in backend.pairs(RDFS_NS + "subClassOf"):
        if isinstance(sub, str) and isinstance(sup, str) and not sub.startswith("_:") and not sup.startswith("_:"):
            subclass[sub].append(sup)
    return subclass, class_info(subclass)


def year_of(lexical: str):
    head = lexical.lstrip("-")[:4]
    return int(head) if head.isdigit() else None


def dataset_title(g) -> str:
    """The ``dcterms:title`` of the graph's ``dcat:Dataset`` or ``void:Dataset`` node, or ``""``
    (``g``: an rdflib graph or a :class:`~graph.backend.Backend`)."""
    from .store import backend_of

    found = defaultdict(list)  # (class rank, dataset) -> its titles
    for c, ds, title in backend_of(g).select(
            "SELECT ?c ?ds ?t WHERE { VALUES ?c { <http://www.w3.org/ns/dcat#Dataset> <http://rdfs.org/ns/void#Dataset> } "
            "?ds a ?c ; <http://purl.org/dc/terms/title> ?t }"):
        found[(not c.startswith("http://www.w3.org/ns/dcat#"), ds)].append(title)
    for _key, titles in sorted(found.items()):
        first = min(titles, key=lambda t: (getattr(t, "lang", None) != "en", text_of(t)))
        if isinstance(first, Lit):
            return first.value
    return ""


class Projection:
    """The projection as plain data, before it becomes a networkx graph: ``nodes``
    (``{IRI: attributes}``), ``edge_list`` (``[(subject, object, key, attributes)]``) and
    ``graph`` (the graph's own attributes). It answers the few questions
    :func:`graph.analysis.describe` asks as networkx does (``node in p``, ``p.nodes[node]``,
    ``p.out_edges(node, keys=True, data=True)``, ``p.in_edges(...)``), so a command that
    shows one entity need not import networkx.

    >>> p = project(load(TRIPLES))
    >>> lei = str(KGR["lei-jun"])
    >>> p.nodes[lei]["label"], any(k == "kg:founded" for _s, _o, k, _d in p.out_edges(lei, keys=True, data=True))
    ('Lei Jun', True)
    """

    def __init__(self, nodes: dict, edge_list: list, graph: dict):
        self.nodes, self.edge_list, self.graph = nodes, edge_list, graph
        self._out, self._in = defaultdict(list), defaultdict(list)
        for edge in edge_list:
            self._out[edge[0]].append(edge)
            self._in[edge[1]].append(edge)

    def __contains__(self, node) -> bool:
        return node in self.nodes

    def __iter__(self):
        return iter(self.nodes)

    def out_edges(self, node, keys=True, data=True) -> list:
        """The edges from ``node`` as ``(node, object, key, attributes)`` (networkx's form with ``keys`` and ``data``)."""
        return self._edges(self._out, node, keys, data)

    def in_edges(self, node, keys=True, data=True) -> list:
        """The edges into ``node`` as ``(subject, node, key, attributes)``."""
        return self._edges(self._in, node, keys, data)

    @staticmethod
    def _edges(table, node, keys, data) -> list:
        if not (keys and data):
            raise ValueError("a Projection gives edges with their keys and data only")
        return list(table.get(node, ()))


def to_networkx(g):
    """Project rdflib graph ``g`` (or a :class:`~graph.backend.Backend`) to an entity-level
    :class:`networkx.MultiDiGraph`.

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

    from .store import gc_paused

    p = project(g)
    with gc_paused():
        nxg = nx.MultiDiGraph(**p.graph)
        nxg.add_nodes_from(p.nodes.items())
        nxg.add_edges_from(p.edge_list)
    return nxg


def project(g, *, title: bool = True) -> Projection:
    """The projection of ``g`` (an rdflib graph or a :class:`~graph.backend.Backend`) as a
    :class:`Projection`: what :func:`to_networkx` makes its graph of."""
    from .progress import stage
    from .store import gc_paused

    # millions of small long-lived objects: no collections while they are made
    with stage("networkx projection"), gc_paused(), Tables(g) as t:
        evidence_list = _evidence_reader(t)
        attrs = _node_attributes(t, evidence_list)
        conflict_note = _conflicts(t, attrs)
        edges = _edges(t, attrs, evidence_list, conflict_note)
    name = dataset_title(g) if title else ""
    return Projection(attrs, edges, {"title": name} if name else {})


def _evidence_reader(t):
    """``evidence_list(node)``: a node's evidence as sorted dicts (``source``, ``source_label``,
    ``quote``, ``secondary``, and ``translation`` and ``doubt`` when given), made once per node."""
    source_kind = {s: t.first(KG_NS + "sourceKind", s) for s in t.typed(KG_NS + "Source")}
    source_label = {}
    for s in source_kind:
        labels = sorted(t.all(SKOS_NS + "prefLabel", s), key=lambda l: (l.lang not in LANG_EN, l.lang or "", l.value))
        source_label[s] = labels[0].value if labels else plain_of(s)
    ev_quote = t.index(KG_NS + "quote")
    ev_source = t.index(KG_NS + "source")
    ev_translation = t.index(KG_NS + "quoteTranslation")
    ev_doubt = t.index(KG_NS + "doubt")
    evidences = t.multi(KG_NS + "evidence")
    secondary_kind = KG_NS + "SecondarySource"
    memo, per_source = {}, {}  # per_source: source -> (IRI, label, secondary?)

    def evidence_list(claim):
        out = memo.get(claim)  # callers never change the list they get
        if out is not None:
            return out
        out = []
        for ev in evidences.get(claim, ()):
            src = ev_source.get(ev)
            info = per_source.get(src)
            if info is None:
                info = per_source[src] = (plain_of(src) if src is not None else "", source_label.get(src, ""),
                                          source_kind.get(src) == secondary_kind)
            quote, translation, doubt = ev_quote.get(ev), ev_translation.get(ev), ev_doubt.get(ev)
            item = {"source": info[0], "source_label": info[1],
                    "quote": text_of(quote) if quote is not None else "", "secondary": info[2]}
            if translation is not None:  # the curator's English rendering of a quote in another language
                item["translation"] = text_of(translation)
            if doubt is not None:
                item["doubt"] = text_of(doubt)
            out.append(item)
        if len(out) > 1:
            out.sort(key=lambda e: (e["secondary"], e["source"], e["quote"], e.get("translation", ""), e.get("doubt", "")))
        memo[claim] = out
        return out

    evidence_list.nodes = evidences.keys()
    return evidence_list


def _labels(t, attrs) -> None:
    """Each node's English ``label`` and Chinese ``label_zh`` (the least, when several)."""
    for s, labels in t.multi(SKOS_NS + "prefLabel").items():
        a = attrs.get(s)
        if a is None:
            continue
        if len(labels) == 1:  # most nodes: one label, in English or in Chinese
            label = labels[0]
            if isinstance(label, Lit):
                lang = label[1]
                if lang in LANG_EN or lang.lower().startswith("en"):
                    a["label"] = label[0]
                elif lang.lower().startswith("zh"):
                    a["label_zh"] = label[0]
            continue
        zh = [l[0] for l in labels if isinstance(l, Lit) and l[1] and l[1].lower().startswith("zh")]
        en = [(l[1] != "en", l[0]) for l in labels
              if isinstance(l, Lit) and (l[1] in LANG_EN or l[1].lower().startswith("en"))]
        a["label_zh"] = min(zh) if zh else ""
        a["label"] = min(en)[1] if en else ""


_SIMPLE = {
    SDO_NS + "description": "description", KG_NS + "date": "date", KG_NS + "endDate": "end_date",
    KG_NS + "dateInferred": "date_inferred", KG_NS + "dateUnknown": "date_unknown", KG_NS + "outcome": "outcome",
    KG_NS + "claimText": "claim_text",
}


def _node_attributes(t, evidence_list) -> dict:
    """``{node: attributes}`` for every entity, event and claim (see :func:`to_networkx`)."""
    from .namespaces import curie

    attrs = {}
    for node, (kind, typ) in t.kinds.items():
        attrs[node] = {
            "iri": node, "label": "", "label_zh": "", "kind": kind, "type": typ,
            "description": "", "aliases": [], "date": "", "date_precision": "", "end_date": "",
            "date_inferred": "", "date_unknown": "", "year": None, "outcome": "", "amounts": [],
            "claim_text": "", "evidence": [], "secondary_only": False, "conflicts": [], "mentioned_in": [],
            "verdict": "",
        }
    _labels(t, attrs)
    for s, aliases in t.multi(SKOS_NS + "altLabel").items():
        if s in attrs:
            texts = [text_of(o) for o in aliases]
            attrs[s]["aliases"] = sorted(set(texts)) if len(texts) > 1 else texts
    for pred, name in _SIMPLE.items():
        for s, o in t.index(pred).items():
            if s in attrs:
                attrs[s][name] = text_of(o)
                if name == "date":
                    attrs[s]["date_precision"] = PRECISION.get(getattr(o, "datatype", None), "")
                    attrs[s]["year"] = year_of(text_of(o))
    with_amounts = set()
    for pred, label in ((KG_NS + "amount", ""), (KG_NS + "valuation", "valuation "), (KG_NS + "quantity", "")):
        for s, amounts in t.multi(pred).items():
            if s in attrs:
                for o in amounts:
                    text = format_amount(t, o)
                    if text:
                        attrs[s]["amounts"].append(label + text)
                        with_amounts.add(s)
    for s in with_amounts:
        attrs[s]["amounts"].sort()
    for s, values in t.multi(KG_NS + "secondaryOnly").items():
        if s in attrs and any(is_true(v) for v in values):
            attrs[s]["secondary_only"] = True
    for node in evidence_list.nodes & attrs.keys():
        attrs[node]["evidence"] = evidence_list(node)
    for s, srcs in t.multi(KG_NS + "mentionedIn").items():
        if s in attrs:
            attrs[s]["mentioned_in"] = sorted({plain_of(x) for x in srcs})
    for s, v in t.index(KG_NS + "verdict").items():
        if s in attrs:
            attrs[s]["verdict"] = plain_of(v).rsplit("#", 1)[-1]
    for node, a in attrs.items():
        if not a["label"]:
            a["label"] = curie(node)
    return attrs


def _conflicts(t, attrs) -> dict:
    """Add each claim's ``conflicts``: each claim of one side against each claim of the
    other (never two of one side). Returns ``{(claim, other): the conflict's note}``."""
    conflict_note = {}
    for conflict in sorted(t.typed(KG_NS + "Conflict")):
        sides = {side: sorted(set(t.all(KG_NS + "side" + side, conflict)), key=term_sort_key) for side in "AB"}
        label = text_of(t.first(SKOS_NS + "prefLabel", conflict) or "")
        note = text_of(t.first(KG_NS + "note", conflict) or "")
        ckind = t.first(KG_NS + "conflictKind", conflict)
        ckind = plain_of(ckind).rsplit("#", 1)[-1] if ckind is not None else ""
        for side, other_side in (("A", "B"), ("B", "A")):
            for m in sides[side]:
                for other in sides[other_side]:
                    conflict_note[(m, other)] = note
                    if m in attrs and other != m:
                        attrs[m]["conflicts"].append(
                            {"conflict": plain_of(conflict), "label": label, "note": note, "kind": ckind, "side": side,
                             "other": plain_of(other)})
    return conflict_note


def _edges(t, attrs, evidence_list, conflict_note) -> list:
    """Every triple between two nodes as ``(subject, object, key, attributes)``, with the
    evidence of its statements or of the events it was derived from."""
    from .namespaces import curie

    # statements: (s, p, o) -> evidence, derived_from
    st_s, st_p, st_o = t.index(RDF_NS + "subject"), t.index(RDF_NS + "predicate"), t.index(RDF_NS + "object")
    stmt = defaultdict(lambda: defaultdict(list))  # predicate -> (subject, object) -> statements
    for st in t.typed(RDF_NS + "Statement"):
        stmt[st_p.get(st)][(st_s.get(st), st_o.get(st))].append(st)
    roles = closure_of(t.subproperty, KG_NS + "participant") | {KG_NS + "place", KG_NS + "about"}
    rdfs_label = t.index(RDFS_NS + "label")
    conflicts_with = KG_NS + "conflictsWith"
    no_statements, per_predicate = {}, {}  # p -> (edge key, label, is a role)
    derive = _Derivations(t, attrs, evidence_list)
    edges = []

    # the edges come in runs of one predicate: its key, label and role are looked up once per run
    for p, subjects, objects in t.edge_runs():  # both ends of every edge are nodes
        if p not in per_predicate:
            lab = rdfs_label.get(p)
            per_predicate[p] = (curie(p), text_of(lab) if lab is not None else curie(p).split(":", 1)[-1], p in roles)
        key, label, role = per_predicate[p]
        statements, note = stmt.get(p, no_statements), p == conflicts_with
        for s, o in zip(subjects, objects):
            sts = statements.get((s, o), ()) if statements else ()
            if len(sts) > 1:
                sts = sorted(sts, key=lambda x: (x.startswith("_:"), x))
            if role:  # an event's participant: the event's own evidence
                a = attrs[s]
                data = {"predicate": p, "label": label, "derived_from": derive.event_of(sts),
                        "evidence": a["evidence"], "secondary_only": a["secondary_only"], "role": True}
            else:
                data = derive.edge(p, label, sts)
            if note:
                data["note"] = conflict_note.get((s, o), "")
            edges.append((s, o, key, data))
    return edges


class _Derivations:
    """The evidence of a relation edge: its statements' own, each derivation (the event a
    rule derived it from) with its date, outcome and quotes."""

    def __init__(self, t, attrs, evidence_list):
        self.attrs, self.evidence_list = attrs, evidence_list
        self.derived_from = t.index(KG_NS + "derivedFrom")
        self.secondary_only = t.multi(KG_NS + "secondaryOnly")

    def event_of(self, sts) -> str:
        """The event the first derived statement of ``sts`` came from, or ``""``."""
        for st in sts:
            src_event = self.derived_from.get(st)
            if src_event is not None:
                return plain_of(src_event)
        return ""

    def edge(self, p, label, sts) -> dict:
        evidence, secondary, derivations = [], False, []
        for st in sts:
            src_event = self.derived_from.get(st)
            ev = self.evidence_list(st)
            if src_event is not None:  # each derivation keeps its own event, date, outcome and quotes
                e = plain_of(src_event)
                ea = self.attrs.get(e, {})
                ev = ev or self.evidence_list(src_event)
                derivations.append({"event": e, "label": ea.get("label", e), "date": ea.get("date", ""),
                                    "date_inferred": bool(ea.get("date_inferred")),
                                    "outcome": ea.get("outcome", ""), "evidence": ev,
                                    "secondary_only": bool(ea.get("secondary_only"))})
            evidence.extend(ev)
            secondary = secondary or any(is_true(v) for v in self.secondary_only.get(st, ()))
        derivations.sort(key=lambda d: (d["date"] == "", d["date"], d["event"]))
        data = {"predicate": p, "label": label, "derived_from": derivations[0]["event"] if derivations else "",
                "evidence": evidence, "secondary_only": bool(secondary), "role": False}
        if derivations:
            data["derivations"] = derivations
            if len(derivations) == 1 and derivations[0]["outcome"]:
                data["outcome"] = derivations[0]["outcome"]  # a shortcut edge of an offer: how it ended
        return data
