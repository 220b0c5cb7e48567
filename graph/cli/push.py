"""``kg push``: load the graph into a triple store (Graph Store Protocol PUT)."""

from __future__ import annotations

import click

from graph.cli import triples_option
from graph.errors import KGError
from graph.remote import GRAPH_PARAMS, push, query_endpoint_for

__all__ = ["push_command"]


@click.command("push")
@click.option(
    "--store",
    required=True,
    metavar="URL",
    help="Graph Store Protocol endpoint, e.g. http://localhost:7878/store (Oxigraph), "
    "http://localhost:3030/DATASET/data (Fuseki) or http://localhost:8890/sparql-graph-crud-auth (Virtuoso).",
)
@click.option("--graph", "graph_iri", default=None, metavar="IRI", help="Named graph to replace (default: the default graph).")
@click.option("--graph-param", type=click.Choice(GRAPH_PARAMS), default="graph", show_default=True,
              help="How the store spells the graph parameter (graph-uri: older Virtuoso).")
@click.option("--auth", "auth", type=click.Choice(["auto", "basic", "digest"]), default="auto", show_default=True,
              help="HTTP authentication for the credentials in the URL or in $KG_STORE_USER / $KG_STORE_PASSWORD "
                   "(auto: the scheme the store asks for).")
@triples_option
@click.option("--timeout", default=30.0, show_default=True, type=float, help="Seconds the whole push may take.")
def push_command(store, graph_iri, graph_param, auth, triples, timeout):
    """Push the graph to a triple store (SPARQL 1.1 Graph Store Protocol PUT).

    The target graph is replaced, so pushing twice leaves one copy. Exits non-zero
    if the store is down, too slow, redirects, or answers anything but 2xx.
    Credentials go in the URL or in $KG_STORE_USER and $KG_STORE_PASSWORD; they are
    never printed. On success it prints the kg query command that reads the graph.

    Example:

    \b
        oxigraph serve --location kg-db --bind 127.0.0.1:7878 &
        kg push --store http://127.0.0.1:7878/store --graph https://w3id.org/story-kg/graph
        kg query --endpoint http://127.0.0.1:7878/query --graph https://w3id.org/story-kg/graph people
    """
    from graph.load import load

    try:
        g = load(triples)
        result = push(g, store, graph_iri, timeout=timeout, graph_param=graph_param, auth=auth)
    except KGError as err:
        raise click.ClickException(str(err)) from None
    target = f"graph <{graph_iri}>" if graph_iri else "the default graph"
    click.echo(f"Pushed {result.triples} triples to {target} at {result.url} (HTTP {result.status}).")
    endpoint = query_endpoint_for(store) or "SPARQL-ENDPOINT-OF-THE-STORE"
    graph_arg = f" --graph {graph_iri}" if graph_iri else ""
    click.echo(f"Query it with: kg query --endpoint {endpoint}{graph_arg} NAME")
