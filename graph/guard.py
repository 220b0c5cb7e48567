"""What protects each connection of ``kg serve``: the cross-site guard on every request,
a read timeout on every connection, and the uvicorn configuration they run in.

>>> hosts_for("127.0.0.1"), hosts_for("0.0.0.0")
(['127.0.0.1', 'localhost'], ['*'])
"""

from __future__ import annotations

__all__ = ["Guard", "ConnectionClock", "CLOCK", "timed_http_protocol", "uvicorn_config", "hosts_for"]


class Guard:
    """ASGI middleware on every response: ``X-Content-Type-Options: nosniff``, and a
    request a browser sends on behalf of another site (an ``Origin`` that is not this
    host, or ``Sec-Fetch-Site: cross-site``: a form on another page posting a query) is
    refused with 403 before it runs. It also tells :class:`ConnectionClock` when a
    connection is busy with a request."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_nosniff(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(k.lower() == b"x-content-type-options" for k, _v in headers):
                    headers.append((b"x-content-type-options", b"nosniff"))
                message["headers"] = headers
            await send(message)

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        origin, host = headers.get("origin"), headers.get("host", "")
        from urllib.parse import urlsplit

        cross = headers.get("sec-fetch-site") == "cross-site" or (
            origin is not None and origin != "null" and urlsplit(origin).netloc.lower() != host.lower())
        if cross or origin == "null":
            from starlette.responses import PlainTextResponse

            response = PlainTextResponse("Cross-site requests are refused: send the query from this server's own "
                                         "pages or from a program, not from another site.\n", status_code=403)
            return await response(scope, receive, send_nosniff)
        with CLOCK.busy(scope.get("client")):
            return await self.app(scope, receive, send_nosniff)


class ConnectionClock:
    """How long each connection has waited for a complete request. A connection with
    no request in progress (none yet, or a partial one: a client dripping its headers)
    for longer than the read timeout is closed by :func:`timed_http_protocol`'s
    protocol; the request body's own bound is in ``graph.serve._read_body``."""

    def __init__(self):
        import time

        self._now = time.monotonic
        self._state: dict = {}

    def opened(self, peer):
        self._state[peer] = [0, self._now()]

    def closed(self, peer):
        self._state.pop(peer, None)

    def overdue(self, peer, seconds: float) -> bool:
        state = self._state.get(peer)
        return state is not None and state[0] == 0 and self._now() - state[1] > seconds

    def busy(self, peer):
        from contextlib import contextmanager

        @contextmanager
        def held():
            key = tuple(peer) if peer else None
            state = self._state.get(key)
            if state is not None:
                state[0] += 1
            try:
                yield
            finally:
                if state is not None:
                    state[0] -= 1
                    state[1] = self._now()

        return held()


CLOCK = ConnectionClock()


def timed_http_protocol(read_timeout: float):
    """uvicorn's h11 protocol with a read timeout: uvicorn bounds only the idle time
    between requests, so a client that connects and sends nothing, or sends its headers
    a byte at a time, kept a connection (and a file descriptor) for good."""
    import asyncio

    from uvicorn.protocols.http.h11_impl import H11Protocol

    class TimedH11Protocol(H11Protocol):
        def connection_made(self, transport):
            super().connection_made(transport)
            self.kg_transport = transport
            self.kg_peer = transport.get_extra_info("peername")
            if isinstance(self.kg_peer, (list, tuple)):
                self.kg_peer = tuple(self.kg_peer[:2])
            CLOCK.opened(self.kg_peer)
            self.kg_timer = asyncio.get_running_loop().call_later(read_timeout / 4, self.kg_check)

        def kg_check(self):
            if CLOCK.overdue(self.kg_peer, read_timeout):
                self.kg_transport.close()
                return
            self.kg_timer = asyncio.get_running_loop().call_later(read_timeout / 4, self.kg_check)

        def connection_lost(self, exc):
            self.kg_timer.cancel()
            CLOCK.closed(self.kg_peer)
            super().connection_lost(exc)

    return TimedH11Protocol


def uvicorn_config(app, host: str, port: int, *, log_level: str = "info", read_timeout: float = 10.0,
                   max_connections: int = 512):
    """The uvicorn configuration ``kg serve`` runs with: a read timeout on every
    connection, at most ``max_connections`` at once (fewer if file descriptors are
    short, so that new workers can always be connected), no Server header."""
    import resource

    import uvicorn

    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY:
        max_connections = max(8, min(max_connections, soft - 64))
    return uvicorn.Config(app, host=host, port=port, log_level=log_level, server_header=False,
                          http=timed_http_protocol(read_timeout), limit_concurrency=max_connections,
                          timeout_keep_alive=5)


def hosts_for(host: str) -> list[str]:
    """The Host header values to accept when bound to ``host`` (a request naming any
    other host is refused: DNS rebinding)."""
    if host in ("127.0.0.1", "localhost"):
        return ["127.0.0.1", "localhost"]
    if host in ("0.0.0.0", "::", "") or ":" in host:
        return ["*"]  # every address of the machine, or IPv6 (which Starlette's check cannot read): give --allowed-host
    return [host]
