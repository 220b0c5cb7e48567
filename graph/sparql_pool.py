"""The query side of ``kg serve``: content negotiation, result serialisation and the worker pool.

rdflib evaluates SPARQL in pure Python, and a Python thread cannot be stopped from
outside. So queries run in worker processes, each holding the graph; a worker that
overruns the timeout is killed and replaced (see :class:`QueryPool`).

The content types offered:

>>> sorted(SELECT_TYPES)
['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values']
>>> sorted(GRAPH_TYPES)
['application/ld+json', 'application/n-triples', 'application/rdf+xml', 'text/turtle']
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from functools import lru_cache
from itertools import islice
from pathlib import Path

__all__ = ["GRAPH_TYPES", "SELECT_TYPES", "QueryPool", "negotiate"]

log = logging.getLogger("graph.serve")

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


def _truncation_note(cap: int) -> str:
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
            doc["note"] = _truncation_note(cap)
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


@lru_cache(maxsize=256)
def _prepare(text: str):
    """graph.query.prepare, cached: parsing costs 20-60 ms, often more than evaluating."""
    from graph.query import prepare

    return prepare(text)


def _evaluate(g, job: dict, cap: int) -> dict:
    """Run one job in the worker; return a plain dict (picklable) describing the reply."""
    from graph.errors import QuerySyntaxError, UnsafeQueryError

    text = job["query"]
    try:
        prepared = _prepare(text)
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
    # What graph.query.run_query does (the worker turned off graph loading at start),
    # without parsing the query a second time.
    res = g.query(prepared)
    reply: dict = {"status": 200, "form": res.type, "truncated": False}
    if res.type == "SELECT":
        vars_ = list(res.vars or [])
        # Take rows lazily so a huge answer stops evaluating at the cap.
        gen = res._genbindings if res._genbindings is not None else iter(res.bindings)
        rows = list(islice(gen, cap + 1))
        truncated = len(rows) > cap
        rows = rows[:cap]
        reply["truncated"] = truncated
        reply["count"] = len(rows)
        if mime:
            reply["body"] = _serialize_select(vars_, rows, SELECT_TYPES[mime], truncated, cap)
        else:
            reply["vars"] = [str(v) for v in vars_]
            reply["rows"] = [[_display(row.get(v)) for v in vars_] for row in rows]
    elif res.type == "ASK":
        if mime:
            reply["body"] = _serialize_ask(res.askAnswer, SELECT_TYPES[mime])
        else:
            reply["boolean"] = bool(res.askAnswer)
    else:
        from rdflib import Graph

        from graph.namespaces import bind_prefixes

        triples = list(islice(iter(res.graph), cap + 1))
        truncated = len(triples) > cap
        out = bind_prefixes(Graph())
        for t in triples[:cap]:
            out.add(t)
        reply["truncated"] = truncated
        reply["count"] = len(out)
        if mime:
            body = out.serialize(format=GRAPH_TYPES[mime], encoding="utf-8")
            if truncated and mime in ("text/turtle", "application/n-triples"):
                body = f"# {_truncation_note(cap)}\n".encode() + body
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


def _worker_main(conn, triples_dir: str, cap: int) -> None:  # pragma: no cover - runs in a child process
    import rdflib.plugins.sparql as sparql_settings

    from graph.load import load

    sparql_settings.SPARQL_LOAD_GRAPHS = False  # never fetch a graph named in a query
    # The same loader as `kg query`, so answers (even GROUP_CONCAT order) match it.
    g = load(triples_dir, store="memory")
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            reply = _evaluate(g, job, cap)
        except Exception:  # evaluation errors: log here, tell the client nothing internal
            traceback.print_exc(file=sys.stderr)
            reply = {"status": 500, "error": "The query failed during evaluation; see the server log."}
        try:
            conn.send(reply)
        except Exception:
            traceback.print_exc(file=sys.stderr)
            conn.send({"status": 500, "error": "The answer could not be sent; see the server log."})


class _Worker:
    def __init__(self, ctx, triples_dir: str, cap: int):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(
            target=_worker_main, args=(child, triples_dir, cap), name="kg-sparql-worker", daemon=True
        )
        self.proc.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout) or self.conn.recv() != "ready":
            self.kill()
            raise RuntimeError("a query worker did not start")

    def call(self, job: dict, timeout: float) -> dict | None:
        """Send ``job``; return the reply, or None if it took longer than ``timeout``."""
        self.conn.send(job)
        if self.conn.poll(timeout):
            return self.conn.recv()
        return None

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class QueryPool:
    """A fixed number of worker processes, each holding the graph loaded from ``triples_dir``."""

    def __init__(self, triples_dir, *, size: int = 2, timeout: float = 10.0, max_results: int = 10000):
        import multiprocessing

        self.triples_dir = str(Path(triples_dir).resolve())
        self.size = size
        self.timeout = timeout
        self.max_results = max_results
        # how long a request may wait for a free worker (queueing harms no one; overload gets a 503)
        self.queue_timeout = max(3 * timeout, 30.0)
        self._ctx = multiprocessing.get_context("spawn")  # never fork a threaded server
        self._workers: list[_Worker] = []
        self._idle = None
        self._tasks: set = set()
        self.stopped_queries = 0

    def _new_worker(self) -> _Worker:
        w = _Worker(self._ctx, self.triples_dir, self.max_results)
        w.wait_ready(120)
        return w

    async def start(self) -> None:
        import asyncio

        self._idle = asyncio.Queue()
        workers = [_Worker(self._ctx, self.triples_dir, self.max_results) for _ in range(self.size)]
        for w in workers:
            await asyncio.to_thread(w.wait_ready, 120)
            self._workers.append(w)
            self._idle.put_nowait(w)

    async def _replace(self, dead: _Worker) -> None:
        import asyncio

        await asyncio.to_thread(dead.kill)
        if dead in self._workers:
            self._workers.remove(dead)
        try:
            w = await asyncio.to_thread(self._new_worker)
        except Exception:
            log.exception("could not start a replacement query worker")
            return
        self._workers.append(w)
        self._idle.put_nowait(w)

    def _replace_later(self, dead: _Worker) -> None:
        import asyncio

        task = asyncio.get_running_loop().create_task(self._replace(dead))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def run(self, job: dict) -> dict:
        """Evaluate ``job`` in a free worker (waiting at most ``queue_timeout`` for one)."""
        import asyncio

        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout=self.queue_timeout)
        except asyncio.TimeoutError:
            return {"status": 503, "error": "All query workers are busy; try again shortly."}
        try:
            reply = await asyncio.to_thread(worker.call, job, self.timeout)
        except (EOFError, OSError):
            log.error("a query worker died; replacing it")
            self._replace_later(worker)
            return {"status": 500, "error": "The query worker failed; see the server log."}
        if reply is None:
            self.stopped_queries += 1
            self._replace_later(worker)
            return {
                "status": 503,
                "error": f"Query timed out after {self.timeout:g} s and was stopped. "
                "Narrow it (LIMIT, more specific patterns) or ask for a longer --timeout.",
            }
        self._idle.put_nowait(worker)
        return reply

    def status(self) -> dict:
        alive = sum(w.proc.is_alive() for w in self._workers)
        idle = self._idle.qsize() if self._idle is not None else 0
        return {"workers": alive, "idle": idle, "stopped_queries": self.stopped_queries}

    async def close(self) -> None:
        import asyncio

        for task in list(self._tasks):
            task.cancel()
        for w in self._workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
        for w in self._workers:
            await asyncio.to_thread(w.proc.join, 2)
            await asyncio.to_thread(w.kill)
        self._workers.clear()
