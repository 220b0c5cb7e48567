"""``kg search``: full-text search over the quotes, their translations, the claims and the
descriptions, in any language.

A hit is a fact (an event, a statement or a free claim) whose evidence quote, or the
curator's English rendering of it, contains the text, or a node whose description, claim
text or label contains it. Matching ignores case, width and runs of spaces (NFKC,
case-folded), so ``"Joyo"``, ``"ＪＯＹＯ"`` and ``"joyo"`` find the same quotes, and
Chinese text matches Chinese quotes.

>>> g = load(TRIPLES)
>>> hits = search(g, "Amazon China")
>>> any(h.field == "quote" and "Amazon China" in h.text for h in hits)
True
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = ["search", "Hit", "format_hits"]

# fields searched, in the order hits are shown for the same node
_FIELDS = ("quote", "translation", "claim", "description", "label")


@dataclass
class Hit:
    """One match: the node (a fact or an entity), which field matched, and the text."""

    node: str
    label: str
    kind: str
    field: str
    text: str
    source: str = ""
    quote: str = ""  # for a translation hit: the quote it renders
    secondary: bool = False


def _fold(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(s)).casefold().split())


def search(g, text: str, limit: int | None = None) -> list[Hit]:
    """Every hit for ``text`` in graph ``g``: facts by their quotes (and the curator's
    translations of them), nodes by description, claim text and labels. Facts come first,
    in node order; ``limit`` keeps the first hits."""
    from rdflib import RDF, SKOS, Literal, URIRef

    from .errors import KGError
    from .namespaces import KG, SDO
    from .network import node_kinds

    needle = _fold(text)
    if not needle:
        raise KGError("give some text to search for")
    kinds = node_kinds(g)
    labels: dict = {}
    for s, o in g.subject_objects(SKOS.prefLabel):
        if getattr(o, "language", None) in ("en", None) or s not in labels:
            labels[s] = str(o)
    source_label = {s: labels.get(s, str(s)) for s in g.subjects(RDF.type, KG.Source)}
    secondary = {s for s in source_label if (s, KG.sourceKind, KG.SecondarySource) in g}
    hits: list[Hit] = []

    def fact_label(node) -> str:
        if node in labels:
            return labels[node]
        s, p, o = g.value(node, RDF.subject), g.value(node, RDF.predicate), g.value(node, RDF.object)
        if None not in (s, p, o):
            from rdflib import RDFS

            return f"{labels.get(s, s)} {g.value(p, RDFS.label) or p} {labels.get(o, o)}"
        return str(node)

    for ev, quote in g.subject_objects(KG.quote):
        translation = g.value(ev, KG.quoteTranslation)
        matched = None
        if needle in _fold(quote):
            matched = ("quote", str(quote))
        elif translation is not None and needle in _fold(translation):
            matched = ("translation", str(translation))
        if matched is None:
            continue
        src = g.value(ev, KG.source)
        for node in g.subjects(KG.evidence, ev):
            kind = kinds.get(node, ("Statement", "Statement"))[0] if isinstance(node, URIRef) else "Statement"
            hits.append(Hit(str(node), fact_label(node), kind, matched[0], matched[1],
                            source_label.get(src, ""), str(quote) if matched[0] == "translation" else "",
                            src in secondary))
    for pred, field in ((KG.claimText, "claim"), (SDO.description, "description"),
                        (SKOS.prefLabel, "label"), (SKOS.altLabel, "label")):
        for node, value in g.subject_objects(pred):
            if isinstance(value, Literal) and needle in _fold(value) and node in kinds:
                hits.append(Hit(str(node), labels.get(node, str(node)), kinds[node][0], field, str(value)))
    order = {f: i for i, f in enumerate(_FIELDS)}
    seen, out = set(), []
    for h in sorted(hits, key=lambda h: (order[h.field] > 1, h.node, order[h.field], h.text)):
        key = (h.node, h.field, h.text)
        if key not in seen:
            seen.add(key)
            out.append(h)
    return out[:limit] if limit else out


def format_hits(hits: list[Hit]) -> str:
    """The hits as readable text: each fact with its quote and source."""
    if not hits:
        return "no match"
    lines = []
    for h in hits:
        if h.field in ("quote", "translation"):
            lines.append(f"{h.label}  [{h.kind}]")
            tag = " [secondary]" if h.secondary else ""
            if h.field == "quote":
                lines.append(f"    “{h.text}” — {h.source}{tag}")
            else:
                lines.append(f"    “{h.quote}” — {h.source}{tag}")
                lines.append(f"    (curator's translation: {h.text})")
        else:
            lines.append(f"{h.label}  [{h.kind}, {h.field}]")
            lines.append(f"    {h.text}")
    return "\n".join(lines)
