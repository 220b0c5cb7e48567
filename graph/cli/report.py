"""``kg report``: one entity's dossier, in Markdown or HTML."""

from __future__ import annotations

import re
from pathlib import Path

import click

from graph.cli import index_option, load_graph, triples_option
from graph.report import dossier_html, dossier_markdown
from graph.viewdata import page_data

__all__ = ["report_command"]


@click.command("report")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True,
              help="Markdown or a standalone HTML page.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="Where to write it (default: report-SLUG.md or .html here; - for stdout).")
@triples_option
@index_option
def report_command(name, fmt, output, triples, index):
    """Write one entity's dossier: its facts in date order with quotes and sources,
    its conflicts with both sides, and what only the article says.

    NAME is any English or Chinese label or alias. The HTML view's panel saves the
    same dossier ("Dossier" buttons).

    Example:

    \b
        kg report Kingsoft
        kg report 雷军 --format html --output lei-jun.html
        kg report "Joyo.com" -o -
    """
    from graph.errors import KGError
    from graph.files import write_atomic
    from graph.lookup import find_entity
    from graph.namespaces import curie
    from graph.network import dataset_title, to_networkx

    g = load_graph(triples, index)
    iri = str(find_entity(g, name))
    nxg = to_networkx(g)
    if iri not in nxg:
        raise KGError(f"{curie(iri)} is not an entity, event or claim (a conflict or a statement has no dossier; "
                      f"`kg show {name}` describes it)")
    data = page_data(nxg, max_nodes=0, layout=False)
    i = [x["iri"] for x in data["info"]].index(iri)
    title = dataset_title(g) or "the knowledge graph"
    text = dossier_html(data, i, title) if fmt == "html" else dossier_markdown(data, i, title)
    if output == "-":
        click.echo(text, nl=False)
        return
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", re.sub(r"^.*[/#]", "", iri)).strip("-") or f"node-{i}"
    path = Path(output) if output else Path(f"report-{slug}.{fmt}")
    write_atomic(path, text)
    click.echo(f"wrote {path}")
