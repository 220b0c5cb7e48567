"""Find an entity by any of its names: English or Chinese label, alias, slug or IRI.

A name written exactly as a label or alias (case included) finds that entity first;
otherwise matching ignores case and runs of spaces, and a looser pass also ignores
punctuation (``joyo com`` finds Joyo.com). A form that sources use both as a proper name
and, in lower case, as a common word may be an alias of two entities ("Office" and
"office"): the exact form decides, and a case-folded form that names several entities
lists them instead of picking one. An unknown name raises
:class:`~graph.errors.UnknownEntity` with the closest names as suggestions.

>>> g = load(TRIPLES)
>>> find_entity(g, "jinshan") == KGR["kingsoft"]
True
>>> find_entity(g, "雷军") == KGR["lei-jun"]
True
>>> find_entity(g, "Xiaomy")
Traceback (most recent call last):
...
graph.errors.UnknownEntity: no entity named 'Xiaomy'; did you mean 'Xiaomi'...
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict

from .errors import KGError, UnknownEntity

__all__ = ["find_entity", "resolve_name", "label_of", "name_index", "normalize", "exact_form", "NameIndex"]


def normalize(name: str) -> str:
    """Case-folded, NFKC-normalised, single-spaced form of a name.

    >>> normalize("  Beijing   JINSHAN ")
    'beijing jinshan'
    """
    return " ".join(unicodedata.normalize("NFKC", str(name)).casefold().split())


def exact_form(name: str) -> str:
    """NFKC-normalised, single-spaced form of a name, case kept: what alias uniqueness compares.

    >>> exact_form(" Office  ") == exact_form("office")
    False
    """
    text = str(name)
    if not text.isascii():  # NFKC leaves ASCII as it is
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split())


class NameIndex(dict):
    """``{case-folded name: {iri: display name}}``, with ``exact``: the same keyed by
    :func:`exact_form`. It round-trips through JSON (:meth:`to_json`, :meth:`from_json`),
    so the persistent index can keep it.

    >>> i = NameIndex(); i["kingsoft"] = {"urn:k": "Kingsoft"}; i.exact["Kingsoft"] = {"urn:k": "Kingsoft"}
    >>> j = NameIndex.from_json(i.to_json()); j == i and j.exact == i.exact
    True
    """

    def __init__(self):
        super().__init__()
        self.exact: dict[str, dict] = defaultdict(dict)

    def to_json(self) -> str:
        import json

        return json.dumps({"folded": self, "exact": self.exact}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> NameIndex:
        import json

        data = json.loads(text)
        index = cls()
        index.update(data["folded"])
        index.exact.update(data["exact"])
        return index


def _loose(name: str) -> str:
    return re.sub(r"[\W_]+", "", normalize(name))


def name_index(g) -> NameIndex:
    """Map every normalised name to ``{iri: display name}`` for typed, labelled nodes
    (and, in ``.exact``, every exact form). ``g`` is an rdflib graph or a
    :class:`~graph.backend.Backend`; IRIs are plain strings."""
    from .store import backend_of

    index = NameIndex()
    # one query in the engine, in the order rdflib's scans gave (labels, then aliases)
    rows = backend_of(g).select(
        "SELECT ?s ?o ?alt WHERE { { ?s skos:prefLabel ?o BIND (false AS ?alt) } UNION { ?s skos:altLabel ?o BIND (true AS ?alt) } "
        "FILTER (isIRI(?s) && isLiteral(?o)) FILTER EXISTS { ?s a ?t } }")
    labelled = {}  # in the order met (a dict), so the slugs are indexed in a stable order
    for s, o, alt in sorted(rows, key=lambda row: row[2].value == "true"):  # labels first (a stable sort)
        text = o.value
        index.setdefault(normalize(text), {}).setdefault(s, text)
        index.exact[exact_form(text)].setdefault(s, text)
        if alt.value != "true":
            labelled[s] = None
    for s in labelled:
        slug = s.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        index.setdefault(normalize(slug), {}).setdefault(s, slug)
    return index


def label_of(backend, iri: str) -> str:
    """The node's English (or untagged) preferred label, the least when several, else its CURIE."""
    from .backend import sparql_of
    from .namespaces import curie

    labels = sorted(row[0].value for row in backend.select(
        f"SELECT ?l WHERE {{ {sparql_of(iri)} skos:prefLabel ?l FILTER (LANG(?l) IN ('en', '')) }}"))
    return labels[0] if labels else curie(iri)


def _pick(backend, hits: dict, name: str) -> str:
    if len(hits) == 1:
        return next(iter(hits))
    from .namespaces import curie

    def shown(iri):
        label = label_of(backend, iri)
        form = hits[iri]
        return f"{label} ({curie(iri)}" + (f", as {form!r}" if form != label else "") + ")"

    raise KGError(
        f"{name!r} names {len(hits)} entities: "
        + "; ".join(sorted(shown(h) for h in hits))
        + "; write the name exactly as one of them, or use the IRI"
    )


def find_entity(g, name: str, index: dict | None = None):
    """Return the IRI (``URIRef``) of the node named ``name`` in rdflib graph ``g``."""
    from rdflib import URIRef

    return URIRef(resolve_name(g, name, index))


def resolve_name(g, name: str, index: dict | None = None) -> str:
    """The IRI (a plain string) of the node named ``name`` in ``g``, an rdflib graph or a
    :class:`~graph.backend.Backend`: what :func:`find_entity` finds, without rdflib.

    >>> from graph.backend import Backend
    >>> b = Backend()
    >>> b.update('INSERT DATA { kgr:kingsoft a kg:Organization ; skos:prefLabel "Kingsoft"@en ; skos:altLabel "Jinshan"@en }')
    >>> resolve_name(b, "jinshan"), resolve_name(b, "kgr:kingsoft")
    ('https://w3id.org/story-kg/id/kingsoft', 'https://w3id.org/story-kg/id/kingsoft')
    """
    from .backend import sparql_of
    from .namespaces import PREFIXES
    from .store import backend_of

    backend = backend_of(g)
    text = str(name).strip()
    if ":" in text:  # a CURIE or an IRI
        prefix, _, rest = text.partition(":")
        iri = PREFIXES[prefix] + rest if prefix in PREFIXES else text
        try:
            term = sparql_of(iri)
        except ValueError:  # not an IRI ("Xiaomi: the story"): a name
            term = None
        if term is not None and backend.count(f"SELECT (COUNT(*) AS ?n) WHERE {{ {term} a ?t }}"):
            return iri
    index = index if index is not None else name_index(backend)
    exact = getattr(index, "exact", {}).get(exact_form(text))
    if exact:
        return _pick(backend, exact, text)
    key = normalize(text)
    if key in index:
        return _pick(backend, index[key], text)
    loose = _loose(text)
    if loose:
        hits = {}
        for k, v in index.items():
            if _loose(k) == loose:
                hits.update(v)
        if hits:
            return _pick(backend, hits, text)
    display = {}
    for k, v in index.items():
        for iri, shown in v.items():
            display.setdefault(k, shown)
    close = difflib.get_close_matches(key, list(display), n=5, cutoff=0.6)
    seen, suggestions = set(), []
    for k in close:
        if display[k] not in seen:
            seen.add(display[k])
            suggestions.append(display[k])
    raise UnknownEntity(text, suggestions[:3])
