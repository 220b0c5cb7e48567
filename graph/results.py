"""A query's answer written out: an aligned ``table`` (CURIEs, long cells clipped),
``csv``, ``tsv`` or SPARQL 1.1 results ``json`` for a SELECT or ASK, Turtle, N-Triples or
JSON-LD for a CONSTRUCT. The answer is either rdflib's ``Result`` (:func:`graph.query.run_query`)
or plain :class:`~graph.query.Rows` (:func:`graph.query.run_plain`); both give the same text.
"""

from __future__ import annotations

import csv
import io
import json

from .query import Rows

__all__ = ["format_result", "FORMATS", "TABLE_CELL_WIDTH"]

FORMATS = ("table", "csv", "tsv", "json", "turtle", "nt", "json-ld")


def _cell_writer(short: bool, plain: bool):
    """The function writing one cell as text: ``short`` shortens IRIs to CURIEs; ``plain``
    when the answer is :class:`~graph.query.Rows` of plain values, else rdflib's terms.
    (Imports are made here once, not per cell: at 50,000 cells they cost 0.25 s.)"""
    from .namespaces import curie
    from .oxread import Lit

    if plain:
        def cell(term) -> str:
            if term is None:
                return ""
            if isinstance(term, Lit):  # a literal; an IRI or a blank node "_:id" is a str
                return term.value
            return term if not short or term.startswith("_:") else curie(term)
        return cell
    from rdflib import Literal, URIRef

    def rdflib_cell(term) -> str:
        if term is None:
            return ""
        if isinstance(term, URIRef):
            return curie(term) if short else str(term)
        if isinstance(term, Literal):
            return str(term)
        return term.n3()
    return rdflib_cell


def _rows_json(names: list, rows: list) -> str:
    """SPARQL 1.1 results JSON of plain rows, as rdflib writes it for the same answer."""
    from .oxread import Lit

    def term(v) -> dict:
        if isinstance(v, Lit):
            out = {"type": "literal", "value": v.value}
            if v.datatype is not None:
                out["datatype"] = v.datatype
            if v.lang is not None:
                out["xml:lang"] = v.lang
            return out
        if v.startswith("_:"):
            return {"type": "bnode", "value": v[2:]}
        return {"type": "uri", "value": v}

    bindings = [{n: term(v) for n, v in zip(names, row) if v is not None} for row in rows]
    return json.dumps({"results": {"bindings": bindings}, "head": {"vars": names}}, allow_nan=False, ensure_ascii=False)


TABLE_CELL_WIDTH = 70  # the table format clips longer cells; csv, tsv and json keep them whole


def _clip(text: str) -> str:
    return text if len(text) <= TABLE_CELL_WIDTH else text[: TABLE_CELL_WIDTH - 1] + "…"


def format_result(result, fmt: str = "table") -> str:
    """Render a query result as ``table`` (aligned, CURIEs, long cells clipped), ``csv``, ``tsv``, ``json``
    (SPARQL 1.1 results JSON) for SELECT/ASK, or ``turtle``/``nt``/``json-ld`` for
    CONSTRUCT/DESCRIBE.

    >>> g = load(TRIPLES)
    >>> r = graph.query(g, 'SELECT ?o WHERE { kgr:event-joyo-sale kg:buyer ?o }')
    >>> print(format_result(r, "table"))
    o
    ----------
    kgr:amazon
    <BLANKLINE>
    (1 row)
    """
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        from .namespaces import bind_prefixes

        graph = bind_prefixes(result.graph)
        out = graph.serialize(format="turtle" if fmt in ("table", "csv", "tsv", "json") else fmt)
        return out if isinstance(out, str) else out.decode("utf-8")
    if result.type == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.askAnswer)})
        return "true" if result.askAnswer else "false"
    names = [str(v) for v in result.vars]
    rows = list(result)
    if fmt == "json":
        if isinstance(result, Rows):
            return _rows_json(names, rows)
        return result.serialize(format="json").decode("utf-8")
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(names)
        cell = _cell_writer(short=False, plain=isinstance(result, Rows))
        writer.writerows([cell(v) for v in row] for row in rows)
        return buf.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r} for a {result.type} query; use one of table, csv, tsv, json")
    cell = _cell_writer(short=True, plain=isinstance(result, Rows))
    cells = [[_clip(cell(v).replace("\n", " ")) for v in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.append("")
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
