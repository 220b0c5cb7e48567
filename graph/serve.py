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

Content negotiation, result serialisation and the worker pool live in
:mod:`graph.sparql_pool`.
"""

from __future__ import annotations

import html
import logging
import os
import traceback
from pathlib import Path
from urllib.parse import parse_qs, quote

import click

from graph.cli import exports_option, triples_option
from graph.sparql_pool import QueryPool, _truncation_note

__all__ = ["create_app", "serve", "serve_command"]

log = logging.getLogger("graph.serve")
_TEXT = "text/plain; charset=utf-8"


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
    triples_dir=None,
    *,
    timeout: float = 10.0,
    max_results: int = 10000,
    max_body: int = 1_000_000,
    exports_dir=None,
    workers: int = 2,
):
    """Build the Starlette app serving the graph loaded from ``triples_dir``
    (default ``$KG_TRIPLES`` or ``./triples``; exports default ``$KG_EXPORTS`` or ``./exports``).

    The graph is loaded (and checked by the loader) here, so a broken triples folder
    fails before the server starts. The worker pool starts with the app's lifespan.
    """
    from contextlib import asynccontextmanager

    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from graph.load import load, resolve_triples
    from graph.query import saved_queries

    triples_dir = resolve_triples(triples_dir)
    exports_dir = Path(exports_dir or os.environ.get("KG_EXPORTS") or "exports")
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
    _run(create_app(**options), host, port, log_level)


def _run(app, host: str, port: int, log_level: str = "info") -> None:
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@triples_option
@exports_option
@click.option("--timeout", default=10.0, show_default=True, type=float, help="Seconds before a query is stopped.")
@click.option("--max-results", default=10000, show_default=True, type=int, help="Rows (or triples) per answer.")
@click.option("--workers", default=2, show_default=True, type=int, help="Query worker processes.")
def serve_command(host, port, triples, exports, timeout, max_results, workers):
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
    from graph.errors import KGError

    try:
        app = create_app(
            triples, exports_dir=exports, timeout=timeout, max_results=max_results, workers=workers
        )
    except KGError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Serving on http://{host}:{port}/  (SPARQL: /sparql, query page: /query)", err=True)
    _run(app, host, port)
