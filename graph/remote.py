"""Talk to external triple stores: push the graph with the Graph Store Protocol, query a remote endpoint.

``push`` replaces one graph in a SPARQL 1.1 Graph Store Protocol store with an
HTTP PUT, so pushing twice leaves exactly one copy. ``remote_query`` runs a query
on any SPARQL 1.1 endpoint and returns an ``rdflib.query.Result``, so remote answers
are formatted exactly like local ones.

The store is not trusted either. Every exchange (httpx) has one bound on its total
time, however the store answers (slowly, a byte at a time, never); an answer is read
up to a size limit; a redirect is never followed, so credentials never go to another
host; a broken answer (a truncated body, a garbled status line, too many headers) is
a one-line error. Only a 2xx answer counts as done. Credentials come from the URL
(``http://user:password@host/…``) or from ``$KG_STORE_USER`` and ``$KG_STORE_PASSWORD``
and are sent as HTTP Basic or Digest, whichever the store asks for; no message prints
them.

The project's prefixes are pre-bound locally; a remote endpoint does not know
them, so ``remote_query`` declares the ones a query uses without declaring:

>>> print(with_prefixes("SELECT ?e WHERE { ?e a kg:Person }"))
PREFIX kg: <https://w3id.org/story-kg/ontology#>
SELECT ?e WHERE { ?e a kg:Person }
>>> with_prefixes("PREFIX kg: <urn:x#> SELECT * { ?s kg:p ?o }")
'PREFIX kg: <urn:x#> SELECT * { ?s kg:p ?o }'

Graph Store URLs (``graph_store_url``), with the parameter spelt as the store wants it:

>>> graph_store_url("http://localhost:7878/store", None)
'http://localhost:7878/store?default'
>>> graph_store_url("http://localhost:3030/kg/data", "https://w3id.org/story-kg/graph")
'http://localhost:3030/kg/data?graph=https%3A%2F%2Fw3id.org%2Fstory-kg%2Fgraph'
>>> graph_store_url("http://localhost:8890/sparql-graph-crud-auth", "urn:g", param="graph-uri")
'http://localhost:8890/sparql-graph-crud-auth?graph-uri=urn%3Ag'
>>> query_endpoint_for("http://localhost:8890/sparql-graph-crud-auth")
'http://localhost:8890/sparql'
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit


from graph.errors import KGError

__all__ = [
    "PushError",
    "PushResult",
    "RemoteQueryError",
    "graph_store_url",
    "query_endpoint_for",
    "push",
    "remote_query",
    "with_prefixes",
    "MAX_ANSWER_BYTES",
]

_USER_AGENT = "story-kg (https://example.invalid/story-kg)"
_SNIPPET = 300
MAX_ANSWER_BYTES = 256 * 2**20
"""Largest answer read from an endpoint (256 MiB); a store's reply to a push is read up to 1 MiB."""
GRAPH_PARAMS = ("graph", "graph-uri")  # the SPARQL 1.1 spelling, and older Virtuoso's


class PushError(KGError):
    """The store could not be reached or did not accept the graph (nothing was pushed)."""


class RemoteQueryError(KGError):
    """The remote endpoint could not be reached or refused the query."""


@dataclass(frozen=True)
class PushResult:
    url: str
    status: int
    triples: int


def graph_store_url(store_url: str, graph_iri: str | None, param: str = "graph") -> str:
    """The Graph Store Protocol URL of ``graph_iri`` (or of the default graph) in ``store_url``."""
    if param not in GRAPH_PARAMS:
        raise KGError(f"unknown graph parameter {param!r}; use one of {', '.join(GRAPH_PARAMS)}")
    sep = "&" if urlsplit(store_url).query else "?"
    if graph_iri is None:
        return f"{store_url}{sep}default"
    return f"{store_url}{sep}{param}={quote(str(graph_iri), safe='')}"


# store URL ending -> the SPARQL query endpoint beside it (Oxigraph, Fuseki, Virtuoso, RDF4J/GraphDB)
_QUERY_ENDPOINTS = (("/store", "/query"), ("/data", "/sparql"), ("/sparql-graph-crud-auth", "/sparql"),
                    ("/sparql-graph-crud", "/sparql"), ("/rdf-graphs/service", ""))


def query_endpoint_for(store_url: str) -> str | None:
    """The SPARQL endpoint of the store whose Graph Store URL is ``store_url``, for the
    stores whose layout is known (without credentials); ``None`` otherwise."""
    parts = urlsplit(_public(store_url))
    for tail, replacement in _QUERY_ENDPOINTS:
        if parts.path.rstrip("/").endswith(tail):
            path = parts.path.rstrip("/")[: -len(tail)] + replacement
            return urlunsplit(parts._replace(path=path, query=""))
    return None


def _public(url: str) -> str:
    """``url`` without credentials, for messages."""
    parts = urlsplit(url)
    if parts.username is None:
        return url
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """``(url without credentials, (user, password) or None)``: from the URL, else from
    ``$KG_STORE_USER`` / ``$KG_STORE_PASSWORD``."""
    from urllib.parse import unquote

    parts = urlsplit(url)
    if parts.username is not None:
        return _public(url), (unquote(parts.username), unquote(parts.password or ""))
    user = os.environ.get("KG_STORE_USER")
    if user:
        return url, (user, os.environ.get("KG_STORE_PASSWORD", ""))
    return url, None


def _store_auth(creds, scheme: str):
    """An httpx auth for ``creds``: ``basic``, ``digest``, or ``auto`` (send nothing, then
    answer the store's challenge with the scheme it names; never Basic to a store that
    asked for Digest, so the password is not sent in the clear)."""
    import httpx

    if creds is None:
        return None
    user, password = creds
    if scheme == "basic":
        return httpx.BasicAuth(user, password)
    if scheme == "digest":
        return httpx.DigestAuth(user, password)

    class ChallengeAuth(httpx.Auth):
        def __init__(self):
            self.chosen = None

        def auth_flow(self, request):
            if self.chosen is not None:
                yield from self.chosen.auth_flow(request)
                return
            response = yield request
            challenge = response.headers.get("www-authenticate", "").strip().lower()
            if response.status_code != 401 or not challenge:
                return
            self.chosen = httpx.DigestAuth(user, password) if challenge.startswith("digest") else httpx.BasicAuth(user, password)
            flow = self.chosen.auth_flow(request)
            first = next(flow)
            if "authorization" in first.headers:  # Basic: its header is already on
                yield first
                return
            try:
                yield flow.send(response)  # Digest: the header answers this challenge
            except StopIteration:
                return

    return ChallengeAuth()


class _Failed(Exception):
    def __init__(self, message: str, unreachable: bool = False):
        super().__init__(message)
        self.message, self.unreachable = message, unreachable


def _exchange(method: str, url: str, *, content: bytes | None, data: dict | None, headers: dict, timeout: float,
              max_bytes: int, auth_scheme: str = "auto"):
    """One HTTP exchange bounded in total time and in the size read; returns
    ``(status, content type, body, reason)`` or raises :class:`_Failed` with a one-line reason."""
    import asyncio

    import httpx

    target, creds = _credentials(url)
    auth = _store_auth(creds, auth_scheme)

    async def run():
        limits = httpx.Timeout(timeout, connect=min(timeout, 10.0))
        async with httpx.AsyncClient(timeout=limits, follow_redirects=False, trust_env=False) as client:
            if content:
                # an empty request first: a store may answer a large PUT's missing credentials
                # with 401 and close before reading it (Virtuoso), so the refusal is learnt here,
                # and a Digest answer computed from this challenge goes with the one upload
                # (on a connection of its own: Oxigraph answers HEAD with a body, which would
                # garble the next answer on a kept-alive connection)
                probe = await client.request("HEAD", target, auth=auth,
                                             headers={"User-Agent": _USER_AGENT, "Connection": "close"})
                await probe.aclose()
                if probe.status_code == 401:
                    return probe.status_code, probe.headers, b"", probe.reason_phrase
            request = client.build_request(method, target, content=content, data=data,
                                           headers={"User-Agent": _USER_AGENT, **headers})
            response = await client.send(request, auth=auth, stream=True)
            try:
                chunks, size = [], 0
                async for chunk in response.aiter_bytes():  # decoded: the bound holds for a compressed answer too
                    size += len(chunk)
                    if size > max_bytes:
                        raise _Failed(f"the answer is larger than {max_bytes:,} bytes; nothing more was read")
                    chunks.append(chunk)
            finally:
                await response.aclose()
            body = b"".join(chunks)
            return response.status_code, response.headers, body, response.reason_phrase

    async def bounded():
        try:
            return await asyncio.wait_for(run(), timeout)
        except asyncio.TimeoutError:
            raise _Failed(f"no complete answer within {timeout:g} s (--timeout)") from None

    try:
        return _run_coroutine(bounded)
    except _Failed:
        raise
    except httpx.TimeoutException:
        raise _Failed(f"no complete answer within {timeout:g} s (--timeout)") from None
    except httpx.ConnectError as exc:
        cause = exc.__cause__ or exc.__context__
        raise _Failed(getattr(cause, "strerror", None) or _reason(cause or exc), unreachable=True) from None
    except (httpx.RemoteProtocolError, httpx.DecodingError) as exc:
        raise _Failed(f"the answer broke off or is not valid HTTP: {_reason(exc)}") from None
    except httpx.HTTPError as exc:
        raise _Failed(f"{type(exc).__name__}: {_reason(exc)}") from None
    except OSError as exc:
        raise _Failed(f"{exc.strerror or exc}") from None


def _reason(exc) -> str:
    while exc is not None and not str(exc).strip() and (exc.__cause__ or exc.__context__) is not None:
        exc = exc.__cause__ or exc.__context__  # httpx's ReadError wraps the OSError that says why
    text = str(exc).strip().splitlines()
    return text[-1] if text else type(exc).__name__


def _run_coroutine(factory):
    """``asyncio.run(factory())``, in a thread of its own if this thread already runs a loop."""
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(factory())
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(factory())).result()


def _check_answer(status, headers, body, reason, where: str, error, what: str):
    if 300 <= status < 400:
        location = _public(headers.get("location", "")) or "(no Location)"
        raise error(f"{what} at {where} answered HTTP {status}, a redirect to {location}: give that URL "
                    "instead (redirects are not followed, so credentials never go to another host)")
    if not 200 <= status < 300:
        text = body[: _SNIPPET + 1].decode("utf-8", "replace").strip()
        text = " ".join(text.split())
        if len(text) > _SNIPPET:
            text = text[:_SNIPPET] + "..."
        hint = ""
        if status == 401:
            hint = " (give credentials in the URL or in $KG_STORE_USER and $KG_STORE_PASSWORD)"
        raise error(f"{what} at {where} refused it: HTTP {status} {reason}{': ' + text if text else ''}{hint}")


def push(g, store_url: str, graph_iri: str | None = None, timeout: float = 30, *, graph_param: str = "graph",
         auth: str = "auto") -> PushResult:
    """Replace ``graph_iri`` (default: the default graph) in the store with the triples of ``g``.

    Uses SPARQL 1.1 Graph Store Protocol ``PUT``, so the store holds exactly one copy
    however often you push. ``graph_param`` spells the graph parameter (``graph``, or
    ``graph-uri`` for older Virtuoso); ``auth`` is ``auto``, ``basic`` or ``digest``.
    Raises :class:`PushError` unless the store answers 2xx within ``timeout`` seconds.
    """
    url = graph_store_url(store_url, graph_iri, graph_param)
    data = g.serialize(format="nt", encoding="utf-8")
    where = _public(url)
    try:
        status, headers, body, reason = _exchange(
            "PUT", url, content=data, data=None, headers={"Content-Type": "application/n-triples"},
            timeout=timeout, max_bytes=2**20, auth_scheme=auth)
    except _Failed as exc:
        doing = "could not reach" if exc.unreachable else "could not push to"
        raise PushError(f"{doing} the store at {where}: {exc.message}; nothing was pushed") from None
    _check_answer(status, headers, body, reason, where, PushError, "the store")
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


def remote_query(endpoint_url: str, text: str, timeout: float = 30, *, graph: str | None = None,
                 max_bytes: int | None = None, auth: str = "auto"):
    """Run ``text`` on the SPARQL endpoint at ``endpoint_url``; return an ``rdflib.query.Result``.

    ``graph`` names the graph the query reads as its default graph (``default-graph-uri``:
    the graph ``kg push --graph`` filled). SELECT/ASK answers are read as SPARQL JSON (or
    XML) results, CONSTRUCT/DESCRIBE answers as N-Triples or Turtle into ``result.graph``,
    at most ``max_bytes`` (:data:`MAX_ANSWER_BYTES`). Raises :class:`RemoteQueryError`
    when the endpoint is unreachable, too slow, or answers non-2xx or garbage.
    """
    from rdflib import Graph
    from rdflib.query import Result

    form = {"query": with_prefixes(text)}
    if graph is not None:
        form["default-graph-uri"] = str(graph)
    accept = f"{_SELECT_ACCEPT}, {_GRAPH_ACCEPT}"
    where = _public(endpoint_url)
    try:
        status, headers, payload, reason = _exchange(
            "POST", endpoint_url, content=None, data=form, headers={"Accept": accept}, timeout=timeout,
            max_bytes=MAX_ANSWER_BYTES if max_bytes is None else max_bytes, auth_scheme=auth)
    except _Failed as exc:
        doing = "could not reach" if exc.unreachable else "could not query"
        raise RemoteQueryError(f"{doing} the endpoint at {where}: {exc.message}") from None
    _check_answer(status, headers, payload, reason, where, RemoteQueryError, "the endpoint")
    ctype = headers.get("content-type", "").split(";")[0].strip().lower()
    try:
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
    except Exception as exc:  # a 200 whose body is not what its type says
        raise RemoteQueryError(f"the endpoint at {where} sent a malformed {ctype} answer: {_reason(exc)}") from None
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
