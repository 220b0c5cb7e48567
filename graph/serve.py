"""Serve the graph over HTTP: a read-only SPARQL 1.1 endpoint, the HTML view and a query page.

``create_app`` builds a Starlette application; ``serve`` runs it with uvicorn;
``serve_command`` is the ``kg serve`` command.

Queries are evaluated by rdflib in pure Python, which cannot be interrupted from
another thread. So the server never evaluates a query itself: a small pool of
worker processes each holds a copy of the graph, and a worker that overruns the
timeout is killed and replaced. A runaway query costs one worker for at most
``timeout`` seconds; the other workers, ``/health``, the pages and the
downloads keep being served.

Endpoints:

``/sparql``
    SPARQL 1.1 Protocol (GET ``?query=``, POST form-encoded, POST
    ``application/sparql-query``) with content negotiation.
``/``
    ``exports/graph.html`` if it exists, else an index page.
``/query``
    an offline query page: a form, the saved queries as examples, results as a table.
``/health``
    JSON status.
``/exports/<file>``
    downloads of the exports folder.

The content types offered:

>>> sorted(SELECT_TYPES)
['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values']
>>> sorted(GRAPH_TYPES)
['application/ld+json', 'application/n-triples', 'application/rdf+xml', 'text/turtle']
"""

from __future__ import annotations

import html
import json
import logging
import sys
import traceback
from functools import lru_cache
from itertools import islice
from pathlib import Path
from urllib.parse import parse_qs, quote

import click

__all__ = [
    "GRAPH_TYPES",
    "SELECT_TYPES",
    "QueryPool",
    "create_app",
    "negotiate",
    "serve",
    "serve_command",
]

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
_TEXT = "text/plain; charset=utf-8"


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


# --------------------------------------------------------------------------- the application


class _TooLarge(Exception):
    pass


async def _read_body(request, limit: int) -> bytes:
    length = request.headers.get("content-length")
    if length is not None and length.strip().isdigit() and int(length) > limit:
        raise _TooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:72em;padding:0 1em;color:#222}
textarea{width:100%;font:13px/1.4 ui-monospace,monospace;box-sizing:border-box}
table{border-collapse:collapse;margin-top:1em;font-size:13px}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3} .note{background:#fff4d6;padding:.4em .6em}
.error{background:#fde2e1;padding:.4em .6em;white-space:pre-wrap;font-family:ui-monospace,monospace}
nav a{margin-right:1em} .examples li{margin:.15em 0} small{color:#666}
"""
_HTML_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; img-src 'self'",
    "X-Content-Type-Options": "nosniff",
}


def _page(title: str, body: str) -> str:
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{html.escape(title)}</title>"
        f"<style>{_CSS}</style></head><body><nav><a href='/'>Graph</a><a href='/query'>Query</a>"
        f"<a href='/exports/'>Exports</a><a href='/health'>Health</a></nav>{body}</body></html>"
    )


def create_app(
    triples_dir="triples",
    *,
    timeout: float = 10.0,
    max_results: int = 10000,
    max_body: int = 1_000_000,
    exports_dir="exports",
    workers: int = 2,
):
    """Build the Starlette app serving the graph loaded from ``triples_dir``.

    The graph is loaded (and checked by the loader) here, so a broken triples folder
    fails before the server starts. The worker pool starts with the app's lifespan.
    """
    from contextlib import asynccontextmanager

    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from graph.load import load  # not `graph.load`: importing the submodule shadows that name
    from graph.query import saved_queries

    triples_dir = Path(triples_dir)
    exports_dir = Path(exports_dir)
    n_triples = len(load(str(triples_dir), store="memory"))  # fail now, not in the workers
    saved = saved_queries(triples_dir) if (triples_dir / "queries").is_dir() else {}
    pool = QueryPool(triples_dir, size=workers, timeout=timeout, max_results=max_results)

    def text(status: int, message: str, headers: dict | None = None) -> Response:
        return Response(message.rstrip("\n") + "\n", status_code=status, media_type=_TEXT, headers=headers)

    update_refused = (
        "SPARQL Update is refused: this endpoint is read-only. "
        "Edit the files under triples/ (or push to a triple store with `kg push`)."
    )

    async def sparql(request):
        params = request.query_params
        if request.method == "POST":
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            try:
                body = await _read_body(request, max_body)
            except _TooLarge:
                return text(413, f"Request body too large (the limit is {max_body} bytes).")
            try:
                decoded = body.decode("utf-8")
            except UnicodeDecodeError:
                return text(400, "The request body is not valid UTF-8.")
            if ctype == "application/x-www-form-urlencoded":
                fields = parse_qs(decoded, keep_blank_values=True)
                if "update" in fields:
                    return text(403, update_refused)
                queries = fields.get("query", [])
                dataset = fields.get("default-graph-uri", []) + fields.get("named-graph-uri", [])
            elif ctype == "application/sparql-query":
                queries, dataset = [decoded], []
            elif ctype == "application/sparql-update":
                return text(403, update_refused)
            else:
                return text(
                    415,
                    "Unsupported request content type: send application/sparql-query "
                    "or application/x-www-form-urlencoded.",
                )
        else:
            if "update" in params:
                return text(403, update_refused)
            queries = params.getlist("query")
            dataset = []
        if request.method == "POST" and ctype == "application/sparql-query":
            queries = queries or params.getlist("query")
        dataset += params.getlist("default-graph-uri") + params.getlist("named-graph-uri")
        if not queries or not queries[0].strip():
            return text(400, "Missing query: pass it as ?query=..., a form field or an application/sparql-query body.")
        if len(queries) > 1:
            return text(400, "Pass exactly one query.")
        if dataset:
            return text(
                400, "default-graph-uri / named-graph-uri are not supported: this endpoint serves one graph."
            )
        if len(queries[0].encode("utf-8")) > max_body:
            return text(413, f"Query too large (the limit is {max_body} bytes).")
        job = {
            "mode": "http",
            "query": queries[0],
            "accept": request.headers.get("accept"),
            "format": params.get("format"),
        }
        reply = await pool.run(job)
        if reply["status"] != 200:
            return text(reply["status"], reply["error"])
        headers = {"X-Result-Truncated": "true" if reply.get("truncated") else "false", "Vary": "Accept"}
        if reply.get("count") is not None:
            headers["X-Result-Count"] = str(reply["count"])
        return Response(reply["body"], media_type=reply["content_type"], headers=headers)

    async def query_page(request):
        q, name, reply = "", request.query_params.get("name"), None
        if request.method == "POST":
            try:
                body = await _read_body(request, max_body)
            except _TooLarge:
                return HTMLResponse(
                    _page("Too large", f"<p class='error'>Request body too large (limit {max_body} bytes).</p>"),
                    status_code=413,
                    headers=_HTML_HEADERS,
                )
            q = (parse_qs(body.decode("utf-8", "replace")).get("query") or [""])[0]
        elif name:
            if name not in saved:
                return HTMLResponse(
                    _page("Unknown query", f"<p class='error'>No saved query named {html.escape(name)}.</p>"),
                    status_code=404,
                    headers=_HTML_HEADERS,
                )
            q = saved[name].text
        else:
            q = request.query_params.get("query", "")
        if q.strip():
            reply = await pool.run({"mode": "table", "query": q})
        status = reply["status"] if reply and reply["status"] != 200 else 200
        return HTMLResponse(_query_html(q, saved, reply, max_results), status_code=status, headers=_HTML_HEADERS)

    async def index(request):
        page = exports_dir / "graph.html"
        if page.is_file():
            return FileResponse(page, media_type="text/html")
        body = (
            "<h1>Knowledge graph</h1><p>No <code>exports/graph.html</code> yet "
            "(run <code>kg export</code> / <code>kg view</code> to make the HTML view).</p><ul>"
            "<li><a href='/query'>Query page</a></li><li><code>/sparql</code>: the SPARQL 1.1 endpoint</li>"
            "<li><a href='/exports/'>Exports</a></li></ul>"
        )
        return HTMLResponse(_page("Knowledge graph", body), headers=_HTML_HEADERS)

    async def exports_index(request):
        files = sorted(p.name for p in exports_dir.iterdir() if p.is_file()) if exports_dir.is_dir() else []
        items = "".join(f"<li><a href='/exports/{quote(f)}'>{html.escape(f)}</a></li>" for f in files)
        return HTMLResponse(
            _page("Exports", f"<h1>Exports</h1><ul>{items or '<li>none yet</li>'}</ul>"), headers=_HTML_HEADERS
        )

    async def health(request):
        st = pool.status()
        ok = st["workers"] > 0
        return JSONResponse(
            {
                "status": "ok" if ok else "degraded",
                "triples": n_triples,
                "saved_queries": len(saved),
                "timeout": timeout,
                "max_results": max_results,
                **st,
            },
            status_code=200 if ok else 503,
        )

    async def on_error(request, exc):  # never show a traceback
        log.error("error serving %s: %s", request.url.path, "".join(traceback.format_exception(exc)))
        return text(500, "Internal server error (details are in the server log).")

    async def on_http_error(request, exc):
        return text(exc.status_code, exc.detail or "")

    @asynccontextmanager
    async def lifespan(app):
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    routes = [
        Route("/", index),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/query", query_page, methods=["GET", "POST"]),
        Route("/health", health),
        Route("/exports", exports_index),
        Route("/exports/", exports_index),
        Mount("/exports", StaticFiles(directory=str(exports_dir), check_dir=False), name="exports"),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={Exception: on_error, HTTPException: on_http_error},
    )
    app.state.pool = pool
    app.state.triples = n_triples
    return app


def _query_html(q: str, saved: dict, reply: dict | None, cap: int) -> str:
    esc = html.escape
    examples = "".join(
        f"<li><a href='/query?name={quote(s.name)}'>{esc(s.name)}</a> <small>{esc(s.description)}</small></li>"
        for s in saved.values()
    )
    out = [
        "<h1>Query the graph</h1>",
        "<form method='post' action='/query'>",
        f"<textarea name='query' rows='12' spellcheck='false'>{esc(q)}</textarea>",
        "<p><button type='submit'>Run</button> <small>Prefixes kg:, kgr:, skos:, schema:, rdfs:, xsd:, "
        "prov:, dcterms: are pre-bound.</small></p></form>",
    ]
    if reply is not None:
        if reply["status"] != 200:
            out.append(f"<p class='error'>{esc(reply['error'])}</p>")
        elif "boolean" in reply:
            out.append(f"<p>Answer: <strong>{'true' if reply['boolean'] else 'false'}</strong></p>")
        else:
            if reply.get("truncated"):
                out.append(f"<p class='note'>{esc(_truncation_note(cap))}</p>")
            out.append(f"<p>{len(reply['rows'])} result(s). Download: ")
            fmts = ["csv", "tsv", "json"] if reply["form"] == "SELECT" else ["turtle", "nt", "json-ld"]
            out.append(
                " ".join(f"<a href='/sparql?format={f}&amp;query={quote(q)}'>{f}</a>" for f in fmts) + "</p>"
            )
            head = "".join(f"<th>{esc(v)}</th>" for v in reply["vars"])
            body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in reply["rows"])
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    out.append(f"<h2>Examples</h2><ul class='examples'>{examples or '<li>no saved queries</li>'}</ul>")
    return _page("Query the graph", "".join(out))


# --------------------------------------------------------------------------- running it


def serve(host: str = "127.0.0.1", port: int = 8000, *, log_level: str = "info", **options) -> None:
    """Run the app with uvicorn until interrupted. ``options`` go to :func:`create_app`."""
    import uvicorn

    app = create_app(**options)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--triples",
    "triples_dir",
    default="triples",
    show_default=True,
    type=click.Path(file_okay=False, exists=True),
    help="The triples folder to serve.",
)
@click.option(
    "--exports",
    "exports_dir",
    default="exports",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder offered under /exports/ (graph.html is the home page).",
)
@click.option("--timeout", default=10.0, show_default=True, type=float, help="Seconds before a query is stopped.")
@click.option("--max-results", default=10000, show_default=True, type=int, help="Rows (or triples) per answer.")
@click.option("--workers", default=2, show_default=True, type=int, help="Query worker processes.")
def serve_command(host, port, triples_dir, exports_dir, timeout, max_results, workers):
    """Serve the graph: a read-only SPARQL endpoint, the HTML view and a query page.

    /sparql speaks the SPARQL 1.1 Protocol; /query is a query page that works
    offline; / shows exports/graph.html; /health reports status. Updates, SERVICE,
    LOAD and remote FROM are refused; each query is stopped after --timeout.

    Example:

    \b
        kg serve --port 8000
        curl -H 'Accept: text/csv' \\
             --data-urlencode 'query=SELECT ?e ?label WHERE { ?e skos:prefLabel ?label } LIMIT 5' \\
             http://127.0.0.1:8000/sparql
    """
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            f"warning: listening on {host}: the endpoint is read-only but has no authentication.", err=True
        )
    click.echo(f"Serving {triples_dir} on http://{host}:{port}/  (SPARQL: /sparql, query page: /query)", err=True)
    serve(
        host,
        port,
        triples_dir=triples_dir,
        exports_dir=exports_dir,
        timeout=timeout,
        max_results=max_results,
        workers=workers,
    )
