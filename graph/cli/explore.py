"""``kg path``, ``kg rank``, ``kg communities`` and ``kg timeline``: the commands that
explore the networkx projection and the events."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from graph.cli import index_option, load_backend, load_graph, triples_option

__all__ = ["path_command", "rank_command", "communities_command", "timeline_command"]


@click.command("path")
@click.argument("source")
@click.argument("target")
@click.option("--max", "limit", default=3, show_default=True, help="How many shortest paths to show.")
@triples_option
@index_option
def path_command(source, target, limit, triples, index):
    """Explain how two entities are connected, hop by hop, with dates.

    \b
    Example:
      kg path "Lei Jun" Amazon
    """
    from graph.analysis import explain_path, shortest_paths
    from graph.index import names_of
    from graph.lookup import resolve_name
    from graph.network import to_networkx

    backend = load_backend(triples, index)  # plain rows and the projection: no rdflib
    names = names_of(backend)
    a, b = resolve_name(backend, source, names), resolve_name(backend, target, names)
    nxg = to_networkx(backend)
    paths = shortest_paths(nxg, a, b, limit)
    if not paths:
        click.echo(f"no connection between {nxg.nodes[a]['label']} and {nxg.nodes[b]['label']}")
        sys.exit(1)
    for i, p in enumerate(paths, 1):
        click.echo(f"path {i} ({len(p) - 1} hop{'s' if len(p) != 2 else ''}):")
        for line in explain_path(nxg, p).splitlines():
            click.echo(f"  {line}")


@click.command("rank")
@click.option("--top", default=10, show_default=True, help="How many entities to list.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(["Person", "Group", "Organization", "Product", "CreativeWork", "Idea", "Place", "Event", "Claim"]),
              help="Only these kinds (repeatable).")
@triples_option
@index_option
def rank_command(top, kinds, triples, index):
    """Rank entities by PageRank, with degree and betweenness.

    \b
    Example:
      kg rank --top 5 --kind Person
    """
    from graph.analysis import rank as run_rank
    from graph.network import to_networkx

    rows = run_rank(to_networkx(load_backend(triples, index)), top=top, kinds=set(kinds) or None)
    width = max([len(r["label"]) for r in rows] + [6])
    click.echo(f"{'#':>3}  {'entity':<{width}}  {'kind':<12}  {'pagerank':>8}  {'degree':>6}  {'betweenness':>11}")
    for i, r in enumerate(rows, 1):
        click.echo(f"{i:>3}  {r['label']:<{width}}  {r['kind']:<12}  {r['pagerank']:>8.4f}  {r['degree']:>6}  {r['betweenness']:>11.4f}")


@click.command("communities")
@click.option("--members", default=8, show_default=True, help="Members to list per community.")
@triples_option
@index_option
def communities_command(members, triples, index):
    """Group entities into communities (Louvain, fixed seed) named by their hub.

    \b
    Example:
      kg communities --members 5
    """
    from graph.analysis import communities as run_communities
    from graph.network import to_networkx

    for i, c in enumerate(run_communities(to_networkx(load_backend(triples, index))), 1):
        more = f", … (+{c['size'] - members})" if c["size"] > members else ""
        click.echo(f"{i:>2}. {c['hub']} ({c['size']}): {', '.join(c['members'][:members])}{more}")


@click.command("timeline")
@click.argument("name", required=False)
@click.option("--plot", is_flag=True, help="Also draw the timeline as SVG and PNG.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="SVG file for --plot (default: exports/timeline.svg; the PNG goes beside it).")
@triples_option
@index_option
def timeline_command(name, plot, output, triples, index):
    """List events in date order, optionally only those around one entity.

    \b
    Examples:
      kg timeline
      kg timeline Joyo.com
      kg timeline --plot --output /tmp/timeline.svg
    """
    from graph.lookup import find_entity
    from graph.timeline import events, format_timeline

    g = load_graph(triples, index)
    around = find_entity(g, name) if name else None
    click.echo(format_timeline(events(g, around=around)))
    if plot:
        from graph.timeline_plot import write_timeline

        svg = output or Path(os.environ.get("KG_EXPORTS") or "exports") / "timeline.svg"
        png = svg.with_suffix(".png")
        write_timeline(g, svg, png)
        click.echo(f"wrote {svg} and {png}")
