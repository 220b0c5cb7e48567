"""``kg view``: write the interactive HTML view and open it."""

from __future__ import annotations

import click

from graph.cli import index_option, load_graph, sources_option, triples_option
from graph.view import DEFAULT_MAX_NODES, write_html

__all__ = ["view_command"]


@click.command("view")
@triples_option
@sources_option
@index_option
@click.option("--output", "-o", default="exports/graph.html", show_default=True, type=click.Path(dir_okay=False), help="Where to write the page.")
@click.option("--no-open", is_flag=True, help="Write the page but do not open a browser.")
@click.option("--max-nodes", type=int, default=DEFAULT_MAX_NODES, show_default=True,
              help="Draw at most this many nodes first (those the sources say most about); 0 for all. The page holds every node.")
def view_command(triples, sources, index: bool, output: str, no_open: bool, max_nodes: int) -> None:
    """Write the graph as one offline HTML page and open it in the browser.

    The page has search (any label or alias, English or Chinese, and the quotes),
    views (people and organisations, events in time, conflicts, only the article),
    a story layout on a time axis, the source texts beside the graph with the cited
    sentences highlighted, and a panel with every fact's quote and a dossier to save.

    Example:

        kg view --no-open --output exports/graph.html
    """
    import webbrowser

    from graph.files import resolve_sources, resolve_triples

    folder = resolve_sources(sources, resolve_triples(triples))
    path = write_html(load_graph(triples, index), output, max_nodes=max_nodes, sources=folder)
    click.echo(f"wrote {path}")
    if not no_open:
        webbrowser.open(path.resolve().as_uri())
