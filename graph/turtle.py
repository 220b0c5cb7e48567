"""Turtle from sorted N-Triples terms (:mod:`graph.rdfwrite`'s ``graph.ttl``): subjects in
sorted order with the project's prefixes, each predicate and object on its own line, a
blank node referenced once written inline where it is referenced
(``kg:evidence [ kg:quote "…" ; kg:source kgr:… ]``), a chunk of subjects at a time.

>>> import io
>>> out = io.BytesIO()
>>> write_turtle([("<https://w3id.org/story-kg/id/x>", "<https://w3id.org/story-kg/ontology#evidence>", "_:b"),
...               ("_:b", "<https://w3id.org/story-kg/ontology#page>", '"3"^^<http://www.w3.org/2001/XMLSchema#integer>')], out, 100)
>>> print(out.getvalue().decode().split("\\n\\n")[-1], end="")
kgr:x
    kg:evidence [
        kg:page 3
    ] .
"""

from __future__ import annotations

import re

__all__ = ["write_turtle", "RDF_TYPE"]

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_XSD_BOOLEAN = "<http://www.w3.org/2001/XMLSchema#boolean>"
_XSD_INTEGER = "<http://www.w3.org/2001/XMLSchema#integer>"


def _prefixes() -> list[tuple[str, str]]:
    from .namespaces import PREFIXES

    return sorted(((k, str(v)) for k, v in PREFIXES.items()), key=lambda kv: -len(kv[1]))


def _curie(iri: str, prefixes) -> str | None:
    for prefix, ns in prefixes:
        if iri.startswith(ns):
            local = iri[len(ns):]
            if _LOCAL.match(local):
                return f"{prefix}:{local}"
            return None
    return None


def _ttl_term(term: str, prefixes, cache) -> str:
    if term.startswith("<"):
        short = cache.get(term)
        if short is None:
            short = cache[term] = _curie(term[1:-1], prefixes) or term
        return short
    if term.startswith('"') and term.endswith(">"):  # typed literal: shorten the datatype
        head, dt = term.rsplit("^^", 1)
        if dt == _XSD_BOOLEAN and head in ('"true"', '"false"'):
            return head[1:-1]  # Turtle's own boolean form
        if dt == _XSD_INTEGER and _INTEGER.match(head[1:-1]):
            return head[1:-1]
        return f"{head}^^{_ttl_term(dt, prefixes, cache)}"
    return term


def _subject_runs(triples: list, start: int = 0):
    """``(subject, start, end)`` of each run of sorted ``triples`` sharing a subject."""
    i, n = start, len(triples)
    while i < n:
        s, j = triples[i][0], i + 1
        while j < n and triples[j][0] == s:
            j += 1
        yield s, i, j
        i = j


def _inlined(triples: list) -> tuple[dict, set]:
    """The blank-node subjects' triple ranges ``{node: (start, end)}`` and the blank nodes
    Turtle writes inline as ``[ ... ]``: those that are the object of exactly one triple
    and are reached from a subject written at the top (a cycle of such nodes is broken
    at its smallest label, which is then written at the top)."""
    from bisect import bisect_left
    from collections import Counter

    first = bisect_left(triples, ("_",))  # sorted: blank subjects come after every IRI subject
    ranges = {s: (i, j) for s, i, j in _subject_runs(triples, first)}
    refs = Counter(o for _s, _p, o in triples if o[0] == "_")
    inline = {b for b, count in refs.items() if count == 1}
    reached: set = set()
    roots = [None] + [b for b in ranges if b not in inline]

    def walk(start, stop):
        stack = [(start, stop)]
        while stack:
            a, z = stack.pop()
            for _s, _p, o in triples[a:z]:
                if o in inline and o not in reached:
                    reached.add(o)
                    if o in ranges:
                        stack.append(ranges[o])

    for root in roots:
        walk(*((0, first) if root is None else ranges[root]))
    for b in sorted(inline - reached):  # only in cycles of blank nodes referenced once
        if b not in reached and b in ranges:  # a cycle's nodes have triples; what hangs off it follows
            inline.discard(b)
            walk(*ranges[b])
    return ranges, inline


def write_turtle(triples: list, out, chunk: int) -> None:
    """Turtle, subjects in sorted order, each with its predicates and objects one per line;
    a blank node referenced once is written inline where it is referenced."""
    from .namespaces import PREFIXES

    prefixes = _prefixes()
    cache: dict = {}  # N-Triples term -> its Turtle form
    ranges, inline = _inlined(triples)
    ttl = [f"PREFIX {k}: <{v}>" for k, v in sorted((k, str(v)) for k, v in PREFIXES.items())]

    def lines(a: int, z: int, depth: int) -> list[str]:
        pad = "    " * depth
        result = []
        for _s, p, o in triples[a:z]:
            if o in inline:
                inner = lines(*ranges[o], depth + 1) if o in ranges else []
                obj = "[\n" + " ;\n".join(inner) + "\n" + pad + "]" if inner else "[]"
                result.append(f"{pad}{_pred(p, prefixes, cache)} {obj}")
            else:
                result.append(f"{pad}{_tt(p, o, prefixes, cache)}")
        return result

    subjects = 0
    for s, i, j in _subject_runs(triples):
        if s not in inline:
            ttl.append("\n" + (cache.get(s) or _ttl_term(s, prefixes, cache)) + "\n" + " ;\n".join(lines(i, j, 1)) + " .")
            subjects += 1
            if subjects % chunk == 0:
                out.write(("\n".join(ttl) + "\n").encode("utf-8"))
                ttl.clear()
    if ttl:
        out.write(("\n".join(ttl) + "\n").encode("utf-8"))


def _tt(p: str, o: str, prefixes, cache) -> str:
    pred = _pred(p, prefixes, cache)
    short = cache.get(o)
    if short is None:
        short = _ttl_term(o, prefixes, cache)
        if o[0] == '"':
            cache[o] = short
    return f"{pred} {short}"


def _pred(p: str, prefixes, cache) -> str:
    return "a" if p == RDF_TYPE else (cache.get(p) or _ttl_term(p, prefixes, cache))
