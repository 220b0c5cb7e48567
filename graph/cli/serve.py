"""``kg serve``: the SPARQL endpoint, the HTML view and a query page."""

from __future__ import annotations

import click

from graph.cli import exports_option, triples_option
from graph.guard import hosts_for
from graph.serve import create_app, run_app

__all__ = ["serve_command"]


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@triples_option
@exports_option
@click.option("--timeout", default=10.0, show_default=True, type=float, help="Seconds before a query is stopped.")
@click.option("--max-results", default=10000, show_default=True, type=int, help="Rows (or triples) per answer.")
@click.option("--workers", default=2, show_default=True, type=int, help="Fast-lane query worker processes.")
@click.option("--slow-lane", default=4, show_default=True, type=int,
              help="Queries over --fast-budget that may run at once (at the lowest CPU priority).")
@click.option("--fast-budget", default=0.5, show_default=True, type=float,
              help="Seconds a query may run in the fast lane before it moves to the slow lane.")
@click.option("--max-memory", default=1024, show_default=True, type=int, help="MiB of memory per query worker.")
@click.option("--max-answer", default=64, show_default=True, type=int, help="MiB per answer.")
@click.option("--read-timeout", default=10.0, show_default=True, type=float,
              help="Seconds a request may take to arrive (headers and body).")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="Host header to serve (repeatable; default: the bound address, and localhost on loopback).")
def serve_command(host, port, triples, exports, timeout, max_results, workers, slow_lane, fast_budget, max_memory,
                  max_answer, read_timeout, allowed_hosts):
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

    hosts = list(allowed_hosts) or hosts_for(host)
    try:
        app = create_app(
            triples, exports_dir=exports, timeout=timeout, max_results=max_results, workers=workers,
            slow_lane=slow_lane, fast_budget=fast_budget, max_memory=max_memory * 2**20,
            max_answer_bytes=max_answer * 2**20, read_timeout=read_timeout, allowed_hosts=hosts,
        )
    except KGError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Serving on http://{host}:{port}/  (SPARQL: /sparql, query page: /query)", err=True)
    run_app(app, host, port)
