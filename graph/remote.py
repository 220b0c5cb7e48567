"""Talk to external triple stores: push the graph with the Graph Store Protocol, query a remote endpoint.

``push`` replaces one graph in a SPARQL 1.1 Graph Store Protocol store with an
HTTP PUT, so pushing twice leaves exactly one copy. ``remote_query`` runs a query
on any SPARQL 1.1 endpoint and returns an ``rdflib.query.Result``, so remote answers
are formatted exactly like local ones. Only the standard library is used (urllib).

The project's prefixes are pre-bound locally; a remote endpoint does not know
them, so ``remote_query`` declares the ones a query uses without declaring:

>>> print(with_prefixes("SELECT ?e WHERE { ?e a kg:Person }"))
PREFIX kg: <https://w3id.org/story-kg/ontology#>
SELECT ?e WHERE { ?e a kg:Person }
>>> with_prefixes("PREFIX kg: <urn:x#> SELECT * { ?s kg:p ?o }")
'PREFIX kg: <urn:x#> SELECT * { ?s kg:p ?o }'

Graph Store URLs (``graph_store_url``):

>>> graph_store_url("http://localhost:7878/store", None)
'http://localhost:7878/store?default'
>>> graph_store_url("http://localhost:3030/kg/data", "https://w3id.org/story-kg/graph")
'http://localhost:3030/kg/data?graph=https%3A%2F%2Fw3id.org%2Fstory-kg%2Fgraph'
"""

from __future__ import annotations

import base64
import io
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import click

from graph.cli import triples_option
from graph.errors import KGError

__all__ = [
    "PushError",
    "PushResult",
    "RemoteQueryError",
    "graph_store_url",
    "push",
    "push_command",
    "remote_query",
    "with_prefixes",
]

_USER_AGENT = "story-kg (https://example.invalid/story-kg)"
_SNIPPET = 500


class PushError(KGError):
    """The store could not be reached or did not accept the graph (nothing was pushed)."""


class RemoteQueryError(KGError):
    """The remote endpoint could not be reached or refused the query."""


@dataclass(frozen=True)
class PushResult:
    url: str
    status: int
    triples: int


def graph_store_url(store_url: str, graph_iri: str | None) -> str:
    """The Graph Store Protocol URL of ``graph_iri`` (or of the default graph) in ``store_url``."""
    sep = "&" if urlsplit(store_url).query else "?"
    if graph_iri is None:
        return f"{store_url}{sep}default"
    return f"{store_url}{sep}graph={quote(str(graph_iri), safe='')}"


def _request(url: str, *, method: str, data: bytes | None = None, headers: dict | None = None):
    """A urllib Request; credentials in the URL (http://user:pass@host/...) become Basic auth."""
    parts = urlsplit(url)
    headers = {"User-Agent": _USER_AGENT, **(headers or {})}
    if parts.username is not None:
        token = f"{parts.username}:{parts.password or ''}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(token).decode()
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        url = urlunsplit(parts._replace(netloc=netloc))
    return urllib.request.Request(url, data=data, headers=headers, method=method)


def _public(url: str) -> str:
    """``url`` without credentials, for messages."""
    parts = urlsplit(url)
    if parts.username is None:
        return url
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _body_snippet(err: urllib.error.HTTPError) -> str:
    try:
        text = err.read(_SNIPPET + 1).decode("utf-8", "replace").strip()
    except Exception:
        return ""
    if len(text) > _SNIPPET:
        text = text[:_SNIPPET] + "..."
    return f": {text}" if text else ""


def _send(req, timeout, error, *, refused: str, unreachable: str, failed: str):
    """Send ``req``; return ``(status, content type, body, headers)`` or raise ``error`` with a one-line message."""
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
            return resp.status, ctype, resp.read(), resp.headers
    except urllib.error.HTTPError as err:
        raise error(f"{refused}: HTTP {err.code} {err.reason}{_body_snippet(err)}") from None
    except urllib.error.URLError as err:
        raise error(f"{unreachable}: {err.reason}") from None
    except (TimeoutError, OSError) as err:
        raise error(f"{failed}: {err}") from None


def push(g, store_url: str, graph_iri: str | None = None, timeout: float = 30) -> PushResult:
    """Replace ``graph_iri`` (default: the default graph) in the store with the triples of ``g``.

    Uses SPARQL 1.1 Graph Store Protocol ``PUT``, so the store holds exactly one copy
    however often you push. Raises :class:`PushError` unless the store answers 2xx.
    """
    url = graph_store_url(store_url, graph_iri)
    data = g.serialize(format="nt", encoding="utf-8")
    req = _request(url, method="PUT", data=data, headers={"Content-Type": "application/n-triples"})
    where = _public(url)
    status, _ctype, _payload, _headers = _send(
        req, timeout, PushError, refused=f"the store at {where} refused the graph",
        unreachable=f"could not reach the store at {where}", failed=f"could not push to the store at {where}")
    if not 200 <= status < 300:
        raise PushError(f"the store at {where} answered HTTP {status}; the push is not confirmed")
    return PushResult(url=where, status=status, triples=len(g))


_PREFIX_DECL = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)


def with_prefixes(text: str) -> str:
    """Declare the project prefixes that ``text`` uses but does not declare."""
    from graph.namespaces import PREFIXES

    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(text)}
    needed = [
        f"PREFIX {p}: <{iri}>"
        for p, iri in PREFIXES.items()
        if p not in declared and re.search(rf"(?<![\w<#/.:-]){re.escape(p)}:", text)
    ]
    return "\n".join(needed + [text]) if needed else text


_SELECT_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
_GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
_RESULT_FORMATS = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
}
_GRAPH_FORMATS = {
    "application/n-triples": "nt",
    "text/plain": "nt",
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


def remote_query(endpoint_url: str, text: str, timeout: float = 30):
    """Run ``text`` on the SPARQL endpoint at ``endpoint_url``; return an ``rdflib.query.Result``.

    SELECT/ASK answers are read as SPARQL JSON (or XML) results, CONSTRUCT/DESCRIBE
    answers as N-Triples or Turtle into ``result.graph``. Raises
    :class:`RemoteQueryError` when the endpoint is unreachable or answers non-2xx.
    """
    from rdflib import Graph
    from rdflib.query import Result

    query = with_prefixes(text)
    accept = f"{_SELECT_ACCEPT}, {_GRAPH_ACCEPT}"
    body = urlencode({"query": query}).encode()
    req = _request(
        endpoint_url,
        method="POST",
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
    )
    where = _public(endpoint_url)
    _status, ctype, payload, headers = _send(
        req, timeout, RemoteQueryError, refused=f"the endpoint at {where} refused the query",
        unreachable=f"could not reach the endpoint at {where}", failed=f"query to {where} failed")
    if ctype in _RESULT_FORMATS:
        res = Result.parse(io.BytesIO(payload), format=_RESULT_FORMATS[ctype])
        res.capped = _capped(where, headers, payload, ctype)
        return res
    if ctype in _GRAPH_FORMATS:
        from graph.namespaces import bind_prefixes

        res = Result("CONSTRUCT")
        res.graph = bind_prefixes(Graph())
        res.graph.parse(data=payload, format=_GRAPH_FORMATS[ctype])
        res.capped = _capped(where, headers, payload, ctype)
        return res
    raise RemoteQueryError(f"the endpoint at {where} answered with an unexpected content type {ctype!r}")


def _capped(where: str, headers, payload: bytes, ctype: str) -> str:
    """Why the answer is incomplete, when the endpoint says it capped it (``kg serve`` sends
    ``X-Result-Truncated: true``, and a note in its SPARQL JSON); ``""`` otherwise."""
    note = ""
    if ctype in ("application/sparql-results+json", "application/json"):
        import json

        try:
            doc = json.loads(payload)
        except ValueError:
            doc = {}
        if isinstance(doc, dict) and doc.get("truncated"):
            note = str(doc.get("note") or "")
            if not note:
                note = "the answer was truncated"
    if not note and (headers.get("X-Result-Truncated") or "").strip().lower() == "true":
        count = (headers.get("X-Result-Count") or "").strip()
        note = f"the answer was truncated to the first {count} results" if count else "the answer was truncated"
    return f"the endpoint at {where} capped the answer: {note.rstrip('.')}; the full answer is longer" if note else ""


@click.command("push")
@click.option(
    "--store",
    required=True,
    metavar="URL",
    help="Graph Store Protocol endpoint, e.g. http://localhost:7878/store (Oxigraph) "
    "or http://localhost:3030/DATASET/data (Fuseki).",
)
@click.option("--graph", "graph_iri", default=None, metavar="IRI", help="Named graph to replace (default: the default graph).")
@triples_option
@click.option("--timeout", default=30.0, show_default=True, type=float, help="Seconds to wait for the store.")
def push_command(store, graph_iri, triples, timeout):
    """Push the graph to a triple store (SPARQL 1.1 Graph Store Protocol PUT).

    The target graph is replaced, so pushing twice leaves one copy. Exits non-zero
    if the store is down or answers anything but 2xx.

    Example:

    \b
        oxigraph serve --location kg-db --bind 127.0.0.1:7878 &
        kg push --store http://127.0.0.1:7878/store --graph https://w3id.org/story-kg/graph
        kg query --endpoint http://127.0.0.1:7878/query people
    """
    from graph.load import load

    try:
        g = load(triples, store="memory")
        result = push(g, store, graph_iri, timeout=timeout)
    except KGError as err:
        raise click.ClickException(str(err)) from None
    target = f"graph <{graph_iri}>" if graph_iri else "the default graph"
    click.echo(f"Pushed {result.triples} triples to {target} at {result.url} (HTTP {result.status}).")
