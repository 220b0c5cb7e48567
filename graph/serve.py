"""Serve the graph over HTTP: a read-only SPARQL 1.1 endpoint, the HTML view and a query page.

``create_app`` builds a Starlette application; ``serve`` runs it with uvicorn;
``serve_command`` is the ``kg serve`` command.

A query, once the engine (Oxigraph) evaluates it, cannot be interrupted from another
thread. So the server never evaluates a query itself: a small pool of
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

Content negotiation, result serialisation and the worker pool live in
:mod:`graph.sparql_pool`; what protects each connection (the cross-site guard, the read
timeout, the uvicorn configuration) in :mod:`graph.guard`.
"""

from __future__ import annotations

import html
import logging
import os
import traceback
from pathlib import Path
from urllib.parse import parse_qs, quote


from graph.guard import Guard, hosts_for, uvicorn_config
from graph.query import MAX_NESTING
from graph.pages import HTML_HEADERS, page, query_html
from graph.sparql_pool import QueryPool

__all__ = ["create_app", "serve", "run_app"]

log = logging.getLogger("graph.serve")
_TEXT = "text/plain; charset=utf-8"


# --------------------------------------------------------------------------- the application


class _TooLarge(Exception):
    pass


class _TooSlow(Exception):
    pass


async def _read_body(request, limit: int, seconds: float = 10.0) -> bytes:
    """The request body, at most ``limit`` bytes, arriving within ``seconds``."""
    import asyncio

    length = request.headers.get("content-length")
    if length is not None and length.strip().isdigit() and int(length) > limit:
        raise _TooLarge

    async def read():
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise _TooLarge
            chunks.append(chunk)
        return b"".join(chunks)

    try:
        return await asyncio.wait_for(read(), seconds)
    except asyncio.TimeoutError:
        raise _TooSlow from None


async def _until_done_or_gone(request, work):
    """Run the coroutine ``work`` until it ends or the client disconnects; then it is
    cancelled (the pool stops the query) and ``None`` is returned."""
    import asyncio

    task = asyncio.ensure_future(work)
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=0.25)
            if done:
                return task.result()
            if await request.is_disconnected():
                task.cancel()
                try:
                    await task
                except asyncio.CancelledError:
                    pass
                return None
    except asyncio.CancelledError:
        task.cancel()
        raise


_UPDATE_REFUSED = (
    "SPARQL Update is refused: this endpoint is read-only. "
    "Edit the files under triples/ (or push to a triple store with `kg push`)."
)


def _text(status: int, message: str, headers: dict | None = None):
    from starlette.responses import Response

    return Response(message.rstrip("\n") + "\n", status_code=status, media_type=_TEXT, headers=headers)


class _Refused(Exception):
    """A request refused before any query runs: ``status`` and the plain-text reason."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


async def _protocol_query(request, max_body: int, read_timeout: float) -> str:
    """The one query of a SPARQL 1.1 Protocol request (GET ``?query=``, a form POST or an
    ``application/sparql-query`` body); raises :class:`_Refused` for anything else."""
    params = request.query_params
    if request.method == "POST":
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            body = await _read_body(request, max_body, read_timeout)
        except _TooLarge:
            raise _Refused(413, f"Request body too large (the limit is {max_body} bytes).") from None
        except _TooSlow:
            raise _Refused(408, f"The request body did not arrive within {read_timeout:g} s.") from None
        try:
            decoded = body.decode("utf-8")
        except UnicodeDecodeError:
            raise _Refused(400, "The request body is not valid UTF-8.") from None
        if ctype == "application/x-www-form-urlencoded":
            fields = parse_qs(decoded, keep_blank_values=True)
            if "update" in fields:
                raise _Refused(403, _UPDATE_REFUSED)
            queries = fields.get("query", [])
            dataset = fields.get("default-graph-uri", []) + fields.get("named-graph-uri", [])
        elif ctype == "application/sparql-query":
            queries, dataset = [decoded], []
        elif ctype == "application/sparql-update":
            raise _Refused(403, _UPDATE_REFUSED)
        else:
            raise _Refused(415, "Unsupported request content type: send application/sparql-query "
                                "or application/x-www-form-urlencoded.")
    else:
        if "update" in params:
            raise _Refused(403, _UPDATE_REFUSED)
        queries, dataset = params.getlist("query"), []
    dataset += params.getlist("default-graph-uri") + params.getlist("named-graph-uri")
    if not queries or not queries[0].strip():
        raise _Refused(400, "Missing query: pass it as ?query=..., a form field or an application/sparql-query body.")
    if len(queries) > 1:
        raise _Refused(400, "Pass exactly one query.")
    if dataset:
        raise _Refused(400, "default-graph-uri / named-graph-uri are not supported: this endpoint serves one graph.")
    if len(queries[0].encode("utf-8")) > max_body:
        raise _Refused(413, f"Query too large (the limit is {max_body} bytes).")
    return queries[0]


class _Endpoints:
    """The app's routes, one method each, over one query pool and its limits."""

    def __init__(self, pool, saved, exports_dir: Path, n_triples: int, limits: dict):
        self.pool, self.saved, self.exports_dir, self.n_triples = pool, saved, exports_dir, n_triples
        self.limits = limits  # timeout, max_results, max_body, read_timeout, allowed_hosts

    async def sparql(self, request):
        from starlette.responses import Response

        try:
            query = await _protocol_query(request, self.limits["max_body"], self.limits["read_timeout"])
        except _Refused as exc:
            return _text(exc.status, exc.message)
        params = request.query_params
        job = {"mode": "http", "query": query, "accept": request.headers.get("accept"), "format": params.get("format")}
        reply = await _until_done_or_gone(request, self.pool.run(job))
        if reply is None:  # the client has gone: the query was stopped, nobody reads this
            return _text(499, "The client closed the connection; the query was stopped.")
        if reply["status"] != 200:
            return _text(reply["status"], reply["error"])
        headers = {"X-Result-Truncated": "true" if reply.get("truncated") else "false", "Vary": "Accept"}
        if reply.get("count") is not None:
            headers["X-Result-Count"] = str(reply["count"])
        return Response(reply["body"], media_type=reply["content_type"], headers=headers)

    async def query_page(self, request):
        from starlette.responses import HTMLResponse

        max_body, read_timeout = self.limits["max_body"], self.limits["read_timeout"]
        q, name, reply = "", request.query_params.get("name"), None
        if request.method == "POST":
            try:
                body = await _read_body(request, max_body, read_timeout)
            except (_TooLarge, _TooSlow) as exc:
                why = (f"Request body too large (limit {max_body} bytes)." if isinstance(exc, _TooLarge)
                       else f"The request body did not arrive within {read_timeout:g} s.")
                return HTMLResponse(page("Refused", f"<p class='error'>{why}</p>"),
                                    status_code=413 if isinstance(exc, _TooLarge) else 408, headers=HTML_HEADERS)
            q = (parse_qs(body.decode("utf-8", "replace")).get("query") or [""])[0]
        elif name:
            if name not in self.saved:
                return HTMLResponse(
                    page("Unknown query", f"<p class='error'>No saved query named {html.escape(name)}.</p>"),
                    status_code=404, headers=HTML_HEADERS)
            q = self.saved[name].text
        else:
            q = request.query_params.get("query", "")
        if q.strip():
            reply = await _until_done_or_gone(request, self.pool.run({"mode": "table", "query": q}))
            if reply is None:
                return _text(499, "The client closed the connection; the query was stopped.")
        status = reply["status"] if reply and reply["status"] != 200 else 200
        return HTMLResponse(query_html(q, self.saved, reply, self.limits["max_results"]), status_code=status,
                            headers=HTML_HEADERS)

    async def index(self, request):
        from starlette.responses import FileResponse, HTMLResponse

        page = self.exports_dir / "graph.html"
        if page.is_file():
            return FileResponse(page, media_type="text/html")
        body = (
            "<h1>Knowledge graph</h1><p>No <code>exports/graph.html</code> yet "
            "(run <code>kg export</code> / <code>kg view</code> to make the HTML view).</p><ul>"
            "<li><a href='/query'>Query page</a></li><li><code>/sparql</code>: the SPARQL 1.1 endpoint</li>"
            "<li><a href='/exports/'>Exports</a></li></ul>"
        )
        return HTMLResponse(page("Knowledge graph", body), headers=HTML_HEADERS)

    async def exports_index(self, request):
        from starlette.responses import HTMLResponse

        folder = self.exports_dir
        files = sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
        items = "".join(f"<li><a href='/exports/{quote(f)}'>{html.escape(f)}</a></li>" for f in files)
        return HTMLResponse(
            page("Exports", f"<h1>Exports</h1><ul>{items or '<li>none yet</li>'}</ul>"), headers=HTML_HEADERS
        )

    async def health(self, request):
        from starlette.responses import JSONResponse

        st, lim = self.pool.status(), self.limits
        ok = st["workers"] > 0
        return JSONResponse(
            {
                "status": "ok" if ok else "degraded",
                "triples": self.n_triples,
                "saved_queries": len(self.saved),
                "timeout": lim["timeout"],
                "max_results": lim["max_results"],
                **st,
                "limits": {**self.pool.limits(), "max_body_bytes": lim["max_body"], "read_timeout_s": lim["read_timeout"],
                           "max_nesting": MAX_NESTING, "allowed_hosts": list(lim["allowed_hosts"])},
            },
            status_code=200 if ok else 503,
        )

    async def on_error(self, request, exc):  # never show a traceback
        log.error("error serving %s: %s", request.url.path, "".join(traceback.format_exception(exc)))
        return _text(500, "Internal server error (details are in the server log).")

    async def on_http_error(self, request, exc):
        return _text(exc.status_code, exc.detail or "")


def create_app(
    triples_dir=None,
    *,
    timeout: float = 10.0,
    max_results: int = 10000,
    max_body: int = 1_000_000,
    exports_dir=None,
    workers: int = 2,
    slow_lane: int = 4,
    fast_budget: float = 0.5,
    max_memory: int = 1 << 30,
    max_answer_bytes: int = 64 * 2**20,
    read_timeout: float = 10.0,
    allowed_hosts=("127.0.0.1", "localhost"),
    lanes: bool = True,
    parse_cache_chars: int | None = None,
):
    """Build the Starlette app serving the graph loaded from ``triples_dir``
    (default ``$KG_TRIPLES`` or ``./triples``; exports default ``$KG_EXPORTS`` or ``./exports``).

    The graph is loaded (and checked by the loader) here, so a broken triples folder
    fails before the server starts. The worker pool starts with the app's lifespan.
    ``workers`` fast-lane workers, ``slow_lane`` queries over ``fast_budget`` seconds at
    once, each worker capped at ``max_memory`` bytes beyond the graph and each answer at
    ``max_answer_bytes`` (see :class:`graph.sparql_pool.QueryPool`); ``read_timeout``
    bounds how long a request may take to arrive; ``allowed_hosts`` are the Host
    header values served (``["*"]`` for any). ``lanes=False`` serves first come, first
    served in one lane (the pool as it was, for benchmarks).
    """
    from contextlib import asynccontextmanager

    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from graph.files import resolve_triples
    from graph.index import open_backend
    from graph.query import saved_queries

    triples_dir = resolve_triples(triples_dir)
    exports_dir = Path(exports_dir or os.environ.get("KG_EXPORTS") or "exports")
    n_triples = len(open_backend(triples_dir))  # fail now, not in the workers; the index built here is what they copy
    pool = QueryPool(triples_dir, size=workers, timeout=timeout, max_results=max_results, slow_size=slow_lane,
                     fast_budget=fast_budget, max_memory=max_memory, max_answer_bytes=max_answer_bytes,
                     lanes=lanes, **({"parse_cache_chars": parse_cache_chars} if parse_cache_chars else {}))
    ep = _Endpoints(pool, saved_queries(triples_dir), exports_dir, n_triples,
                    {"timeout": timeout, "max_results": max_results, "max_body": max_body,
                     "read_timeout": read_timeout, "allowed_hosts": allowed_hosts})

    @asynccontextmanager
    async def lifespan(app):
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    routes = [
        Route("/", ep.index),
        Route("/sparql", ep.sparql, methods=["GET", "POST"]),
        Route("/query", ep.query_page, methods=["GET", "POST"]),
        Route("/health", ep.health),
        Route("/exports", ep.exports_index),
        Route("/exports/", ep.exports_index),
        Mount("/exports", StaticFiles(directory=str(exports_dir), check_dir=False), name="exports"),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={Exception: ep.on_error, HTTPException: ep.on_http_error},
        middleware=[Middleware(Guard), Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))],
    )
    app.state.pool = pool
    app.state.triples = n_triples
    app.state.read_timeout = read_timeout
    return app


# --------------------------------------------------------------------------- running it


def serve(host: str = "127.0.0.1", port: int = 8000, *, log_level: str = "info", **options) -> None:
    """Run the app with uvicorn until interrupted. ``options`` go to :func:`create_app`."""
    options.setdefault("allowed_hosts", hosts_for(host))
    run_app(create_app(**options), host, port, log_level)


def run_app(app, host: str, port: int, log_level: str = "info") -> None:
    import uvicorn

    uvicorn.Server(uvicorn_config(app, host, port, log_level=log_level,
                                  read_timeout=app.state.read_timeout)).run()
