"""The answers of ``kg serve``: content negotiation, evaluation with a cap and a size
limit, and result serialisation (what a query worker of :mod:`graph.sparql_pool` runs).

The content types offered:

>>> sorted(SELECT_TYPES)
['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values']
>>> sorted(GRAPH_TYPES)
['application/ld+json', 'application/n-triples', 'application/rdf+xml', 'text/turtle']
"""

from __future__ import annotations

import json

__all__ = ["GRAPH_TYPES", "SELECT_TYPES", "AnswerTooLarge", "negotiate", "evaluate", "prepare_cached", "truncation_note", "PARSES", "CACHE_CHARS"]

#: Result formats for SELECT and ASK, in the server's order of preference.
SELECT_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
#: Result formats for CONSTRUCT and DESCRIBE (rdflib serializer names).
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}
# Other names clients send for the same formats.
_ALIASES = {
    "application/json": ("application/sparql-results+json", "application/ld+json"),
    "application/xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "text/xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "text/plain": (None, "application/n-triples"),
    "application/x-turtle": (None, "text/turtle"),
}
# ``?format=`` shortcuts (handy for download links).
_FORMAT_PARAM = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"),
    "ttl": (None, "text/turtle"),
    "nt": (None, "application/n-triples"),
    "json-ld": (None, "application/ld+json"),
    "jsonld": (None, "application/ld+json"),
}
_GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")


# --------------------------------------------------------------------------- content negotiation


def _parse_accept(header: str) -> list[tuple[str, float]]:
    out = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        mime = fields[0].lower()
        if not mime:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        out.append((mime, q))
    return out


def negotiate(form: str, accept: str | None, fmt: str | None = None) -> str | None:
    """Pick the response media type for a query of ``form`` (SELECT, ASK, CONSTRUCT, DESCRIBE).

    Returns ``None`` when nothing the client accepts can be produced (HTTP 406).

    >>> negotiate("SELECT", None)
    'application/sparql-results+json'
    >>> negotiate("SELECT", "text/csv;q=0.5, application/sparql-results+xml")
    'application/sparql-results+xml'
    >>> negotiate("CONSTRUCT", "text/*")
    'text/turtle'
    >>> negotiate("ASK", "application/json")
    'application/sparql-results+json'
    >>> negotiate("CONSTRUCT", "text/csv") is None
    True
    >>> negotiate("SELECT", "*/*", fmt="tsv")
    'text/tab-separated-values'
    """
    graph_form = form in _GRAPH_FORMS
    offered = list(GRAPH_TYPES if graph_form else SELECT_TYPES)
    if fmt:
        pair = _FORMAT_PARAM.get(fmt.lower())
        return pair[1 if graph_form else 0] if pair else None
    if not accept or not accept.strip():
        return offered[0]
    best, best_q = None, 0.0
    prefs = _parse_accept(accept)
    for mime in offered:
        q_exact = q_sub = q_any = None
        for want, q in prefs:
            alias = _ALIASES.get(want)
            if want == mime or (alias and alias[1 if graph_form else 0] == mime):
                q_exact = q if q_exact is None else max(q_exact, q)
            elif want.endswith("/*") and mime.startswith(want[:-1]):
                q_sub = q if q_sub is None else max(q_sub, q)
            elif want == "*/*":
                q_any = q if q_any is None else max(q_any, q)
        q = next((x for x in (q_exact, q_sub, q_any) if x is not None), 0.0)
        if q > best_q:
            best, best_q = mime, q
    return best


# --------------------------------------------------------------------------- result serialisation


def _term_json(term) -> dict:
    from rdflib import BNode, Literal

    if isinstance(term, Literal):
        d = {"type": "literal", "value": str(term)}
        if term.language:
            d["xml:lang"] = term.language
        elif term.datatype:
            d["datatype"] = str(term.datatype)
        return d
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    return {"type": "uri", "value": str(term)}


def _escape_nt(s: str) -> str:
    return (
        s.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )


def _term_tsv(term) -> str:
    """A term in the SPARQL TSV results syntax (N-Triples style).

    >>> from rdflib import Literal, URIRef, XSD
    >>> _term_tsv(URIRef("http://x/a"))
    '<http://x/a>'
    >>> _term_tsv(Literal("a\\tb", lang="en"))
    '"a\\\\tb"@en'
    >>> _term_tsv(Literal("2004", datatype=XSD.gYear))
    '"2004"^^<http://www.w3.org/2001/XMLSchema#gYear>'
    """
    from rdflib import BNode, Literal

    if term is None:
        return ""
    if isinstance(term, Literal):
        lex = f'"{_escape_nt(str(term))}"'
        if term.language:
            return f"{lex}@{term.language}"
        if term.datatype:
            return f"{lex}^^<{term.datatype}>"
        return lex
    if isinstance(term, BNode):
        return f"_:{term}"
    return f"<{term}>"


def truncation_note(cap: int) -> str:
    return f"The answer was truncated to the first {cap} results (the server's result limit)."


def _serialize_select(vars_, rows, fmt: str, truncated: bool, cap: int) -> bytes:
    if fmt == "json":
        doc = {
            "head": {"vars": [str(v) for v in vars_]},
            "results": {
                "bindings": [
                    {str(v): _term_json(row[v]) for v in vars_ if row.get(v) is not None} for row in rows
                ]
            },
        }
        if truncated:
            doc["truncated"] = True
            doc["note"] = truncation_note(cap)
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in vars_)]
        lines += ["\t".join(_term_tsv(row.get(v)) for v in vars_) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    from rdflib.query import Result

    res = Result("SELECT")
    res.vars = list(vars_)
    res.bindings = list(rows)
    return res.serialize(format=fmt, encoding="utf-8")


def _serialize_ask(answer: bool, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": bool(answer)}).encode()
    if fmt in ("csv", "tsv"):
        # Not defined by the SPARQL CSV/TSV spec; the common convention (Jena).
        return f"_askResult\n{'true' if answer else 'false'}\n".encode()
    from rdflib.query import Result

    res = Result("ASK")
    res.askAnswer = bool(answer)
    return res.serialize(format=fmt, encoding="utf-8")


def _display(term) -> str:
    from rdflib import BNode, Literal

    from graph.namespaces import curie

    if term is None:
        return ""
    if isinstance(term, Literal):
        s = str(term)
        if term.language:
            return f"{s} @{term.language}"
        return s
    if isinstance(term, BNode):
        return f"_:{term}"
    return curie(term)


# --------------------------------------------------------------------------- the worker process


def _query_form(prepared, result=None) -> str:
    name = getattr(getattr(prepared, "algebra", None), "name", "") or ""
    for form in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
        if name.upper().startswith(form):
            return form
    return result.type if result is not None else "SELECT"


CACHED_QUERY_CHARS = 4_000  # longer texts are parsed each time
CACHE_CHARS = 100_000  # characters of query text whose parses are kept (about 0.3 MB of tree per 1,000)


class _ParseCache:
    """The parses of recent short queries, least recently used dropped first, bounded by
    the total length of their texts: a parse tree takes about 0.3 MB per 1,000
    characters of query, and 300 distinct long queries in a count-bounded cache held
    ~800 MiB in a worker."""

    def __init__(self, budget: int):
        from collections import OrderedDict

        self.budget, self.used, self.items = budget, 0, OrderedDict()

    def get(self, text: str, make):
        hit = self.items.get(text)
        if hit is not None:
            self.items.move_to_end(text)
            return hit
        value = make(text)
        if len(text) <= CACHED_QUERY_CHARS:
            self.items[text] = value
            self.used += len(text)
            while self.used > self.budget:
                old, _ = self.items.popitem(last=False)
                self.used -= len(old)
        return value


PARSES = _ParseCache(CACHE_CHARS)


def prepare_cached(text: str):
    """graph.query.prepare (uncached there), cached here for short texts: parsing costs
    20-60 ms, often more than evaluating."""
    from graph.query import prepare

    return PARSES.get(text, prepare.__wrapped__)


class AnswerTooLarge(Exception):
    """The answer would exceed the server's answer-size limit."""


def _term_size(term) -> int:
    if term is None:
        return 0
    return len(term) + len(getattr(term, "datatype", None) or "") + 8


def _collect(items, cap: int, max_bytes: int, size) -> list:
    """Up to ``cap + 1`` items, stopping with :class:`AnswerTooLarge` once their text
    passes ``max_bytes``: the answer is never built whole before it is refused."""
    out, total = [], 0
    for item in items:
        total += size(item)
        if total > max_bytes:
            raise AnswerTooLarge
        out.append(item)
        if len(out) > cap:
            break
    return out


def _too_large(max_bytes: int) -> dict:
    return {"status": 422, "error": f"The answer is larger than this server's limit of {max_bytes // 2**20} MiB: "
                                    "add LIMIT, or select fewer or shorter values."}


def evaluate(g, job: dict, cap: int, max_bytes: int = 64 * 2**20) -> dict:
    """Run one job in the worker; return a plain dict (picklable) describing the reply."""
    from graph.errors import QuerySyntaxError, UnsafeQueryError

    text = job["query"]
    try:
        prepared = prepare_cached(text)
    except QuerySyntaxError as e:
        return _syntax_error(text, e)
    except UnsafeQueryError as e:
        return {"status": 403, "error": f"Refused: {e}"}
    form = _query_form(prepared)
    mime = None
    if job["mode"] == "http":
        mime = negotiate(form, job.get("accept"), job.get("format"))
        if mime is None:
            offered = ", ".join(GRAPH_TYPES if form in _GRAPH_FORMS else SELECT_TYPES)
            return {
                "status": 406,
                "error": f"Not acceptable: a {form} query can be answered as {offered}.",
            }
    try:
        reply = _answer(g, text, form, mime, cap, max_bytes)
    except AnswerTooLarge:
        return _too_large(max_bytes)
    except (SyntaxError, ValueError, RuntimeError) as e:  # Oxigraph's evaluation errors: the query's fault, said plainly
        return {"status": 400, "error": f"The query cannot be evaluated: {e}"}
    if "body" in reply and len(reply["body"]) > max_bytes:
        return _too_large(max_bytes)
    return reply


def _answer(g, text, form, mime, cap: int, max_bytes: int) -> dict:
    """Evaluate ``text`` in the engine (what graph.query.run_query does) and build the
    reply. The backend's answers are read lazily: a huge answer stops evaluating at the
    cap or at the size limit."""
    from rdflib import Variable

    from graph.store import backend_of, query_prefixes

    res = backend_of(g).answer(text, query_prefixes(g))
    reply: dict = {"status": 200, "form": form, "truncated": False}
    if res.form == "SELECT":
        reply["form"] = "SELECT"
        vars_ = [Variable(v) for v in res.vars]
        bindings = ({v: val for v, val in zip(vars_, row) if val is not None} for row in res)
        rows = _collect(bindings, cap, max_bytes, lambda row: sum(_term_size(row.get(v)) for v in vars_) + 2)
        truncated = len(rows) > cap
        rows = rows[:cap]
        reply["truncated"] = truncated
        reply["count"] = len(rows)
        if mime:
            reply["body"] = _serialize_select(vars_, rows, SELECT_TYPES[mime], truncated, cap)
        else:
            reply["vars"] = [str(v) for v in vars_]
            reply["rows"] = [[_display(row.get(v)) for v in vars_] for row in rows]
    elif res.form == "ASK":
        reply["form"] = "ASK"
        if mime:
            reply["body"] = _serialize_ask(res.boolean, SELECT_TYPES[mime])
        else:
            reply["boolean"] = res.boolean
    else:
        from rdflib import Graph

        from graph.namespaces import bind_prefixes

        triples = _collect(iter(res), cap, max_bytes, lambda t: sum(_term_size(x) for x in t))
        truncated = len(triples) > cap
        out = bind_prefixes(Graph())
        for t in triples[:cap]:
            out.add(t)
        reply["truncated"] = truncated
        reply["count"] = len(out)
        if mime:
            body = out.serialize(format=GRAPH_TYPES[mime], encoding="utf-8")
            if truncated and mime in ("text/turtle", "application/n-triples"):
                body = f"# {truncation_note(cap)}\n".encode() + body
            reply["body"] = body
        else:
            reply["vars"] = ["subject", "predicate", "object"]
            reply["rows"] = [[_display(t) for t in triple] for triple in sorted(out)]
    if mime:
        reply["content_type"] = mime if not mime.startswith("text/") else f"{mime}; charset=utf-8"
    return reply


def _syntax_error(text: str, e) -> dict:
    line, col = getattr(e, "line", None), getattr(e, "column", None)
    msg = getattr(e, "message", None) or str(e)
    where = f" at line {line}, column {col}" if line else ""
    detail = f"Malformed query{where}: {msg}"
    lines = text.splitlines()
    if line and 1 <= line <= len(lines):
        detail += f"\n\n    {lines[line - 1]}\n    {' ' * max((col or 1) - 1, 0)}^"
    return {"status": 400, "error": detail, "line": line, "column": col}
