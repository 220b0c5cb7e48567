"""The ``kg`` command line: check, build, query, show, path, rank, communities,
timeline, stats, view, serve, push and generate.

Heavy libraries are imported inside the commands, so ``kg --help`` starts fast.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import click

from ..errors import KGError

# Commands that live in their own modules: name -> (module, attribute, one-line help).
LAZY_COMMANDS = {
    "check": ("graph.cli.build", "check_command", "Check the triples: syntax, vocabulary, dates, references, aliases, quotes, SHACL."),
    "build": ("graph.cli.build", "build_command", "Check the graph, then write every export (Turtle, N-Triples, JSON-LD, GraphML, HTML, stats)."),
    "view": ("graph.cli.view", "view_command", "Write the interactive HTML view and open it in a browser."),
    "serve": ("graph.cli.serve", "serve_command", "Serve the graph over the SPARQL 1.1 Protocol, with the HTML view."),
    "push": ("graph.cli.push", "push_command", "Load the graph into a triple store (SPARQL Graph Store Protocol PUT)."),
    "generate": ("graph.cli.generate", "generate_command", "Write a synthetic graph of N triples for benchmarks."),
    "path": ("graph.cli.explore", "path_command", "Explain how two entities are connected, hop by hop, with dates."),
    "rank": ("graph.cli.explore", "rank_command", "Rank entities by PageRank, with degree and betweenness."),
    "communities": ("graph.cli.explore", "communities_command", "Group entities into communities (Louvain, fixed seed) named by their hub."),
    "timeline": ("graph.cli.explore", "timeline_command", "List events in date order, optionally only those around one entity."),
    "report": ("graph.cli.report", "report_command", "Write one entity's dossier (Markdown or HTML): facts in date order, quotes, conflicts."),
}


class KGGroup(click.Group):
    """A group that loads some commands lazily and turns KGError into a clean exit 1."""

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx, name):
        if name in LAZY_COMMANDS and name not in self.commands:
            module, attr, _help = LAZY_COMMANDS[name]
            try:
                cmd = getattr(importlib.import_module(module), attr)
            except ImportError as exc:  # a missing dependency, not a missing command: say which
                raise click.ClickException(f"kg {name} cannot start: {exc} (reinstall the package: "
                                           f"pip install story-kg)") from exc
            self.add_command(cmd, name)
        return super().get_command(ctx, name)

    def format_commands(self, ctx, formatter):
        rows = []
        for name in self.list_commands(ctx):
            if name in LAZY_COMMANDS and name not in self.commands:
                rows.append((name, LAZY_COMMANDS[name][2]))
            else:
                cmd = self.commands.get(name) or self.get_command(ctx, name)
                if cmd is not None and not cmd.hidden:
                    rows.append((name, cmd.get_short_help_str(limit=80)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KGError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(getattr(exc, "exit_code", 1))


def triples_option(f):
    return click.option(
        "--triples", "triples", type=click.Path(file_okay=False, path_type=Path), default=None,
        help="Triples folder (default: $KG_TRIPLES or ./triples).",
    )(f)


def exports_option(f):
    return click.option(
        "--exports", "exports", type=click.Path(file_okay=False, path_type=Path), default=None,
        help="Exports folder (default: $KG_EXPORTS or ./exports).",
    )(f)


def sources_option(f):
    return click.option(
        "--sources", "sources", type=click.Path(file_okay=False, path_type=Path), default=None,
        help="Folder with the source texts (default: $KG_SOURCES, then sources/ in the triples folder).",
    )(f)


def index_option(f):
    return click.option(
        "--index/--no-index", "index", default=True, show_default=True,
        help="Answer from the folder's persistent index (built or rebuilt first when an input changed; "
             "$KG_INDEX=0 turns it off); --no-index reads the files.",
    )(f)


def load_backend(triples, index: bool = False):
    """Like :func:`load_graph`, but the graph's :class:`~graph.backend.Backend` (for a
    command that reads plain rows and needs no rdflib object): the index's, opened
    read-only (:func:`graph.index.open_backend`), or a loaded graph's."""
    if index:
        from ..index import open_backend

        return open_backend(triples, note=lambda message: click.echo(f"kg: {message}", err=True))
    from ..store import backend_of

    return backend_of(load_graph(triples))


def load_graph(triples, index: bool = False):
    """Load a graph for a command (errors become a clean exit 1 through KGGroup). A
    command that only reads, given ``index=True``, gets the graph from the folder's
    persistent index (:mod:`graph.index`), built or rebuilt first when the inputs
    changed; ``$KG_INDEX=0`` or ``--no-index`` reads the files."""
    from ..load import load

    if index:
        from ..index import IndexUnavailable, index_enabled, open_index

        if index_enabled():
            try:
                return open_index(triples, note=lambda message: click.echo(f"kg: {message}", err=True))
            except IndexUnavailable as exc:
                click.echo(f"kg: {exc}; reading the files instead", err=True)
    return load(triples)


def _verdicts(triples):
    """The folder of query verdicts beside the index, when the index is in use."""
    from ..files import resolve_triples
    from ..index import CHECKED_FOLDER, index_enabled

    if not index_enabled():
        return None
    try:
        return resolve_triples(triples) / CHECKED_FOLDER
    except Exception:  # noqa: BLE001 - a folder the loader refuses: it says why below
        return None


@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="story-kg", prog_name="kg")
@click.option("--progress/--no-progress", default=None,
              help="Progress bars on stderr for stages over a second (default: on when stderr is a terminal "
                   "and $KG_PROGRESS is not 0).")
def cli(progress):
    """Build, check, query, explore and export a curated knowledge graph.

    \b
    Quick start:
      kg check                 # parse, SHACL, verbatim quotes, aliases
      kg build                 # check, then write exports/
      kg show Jinshan          # everything about Kingsoft, with quotes
      kg query --list          # saved SPARQL queries
    """
    if progress is None:
        progress = sys.stderr.isatty() and os.environ.get("KG_PROGRESS", "1") != "0"
    from .. import progress as bars

    if progress:
        try:
            delay = float(os.environ.get("KG_PROGRESS_DELAY", "1"))
        except ValueError:
            delay = 1.0
        bars.activate(sys.stderr, delay=delay)
    else:
        bars.deactivate()


@cli.command()
@click.argument("sparql", required=False)
@click.option("--file", "-f", "file", type=click.Path(dir_okay=False, path_type=Path), help="Read the query from a file.")
@click.option("--list", "list_", is_flag=True, help="List the saved queries with their descriptions.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "turtle", "nt", "json-ld"]),
              default=None, help="Output format (default: table in a terminal, csv otherwise; turtle for graphs).")
@click.option("--endpoint", help="Run the query on a remote SPARQL endpoint instead of the local graph.")
@click.option("--graph", "graph_iri", metavar="IRI",
              help="With --endpoint: the graph to query (the one `kg push --graph IRI` filled), as the default graph.")
@click.option("--timeout", default=30.0, show_default=True, type=float,
              help="With --endpoint: seconds the whole exchange may take.")
@triples_option
@index_option
def query(sparql, file, list_, fmt, endpoint, graph_iri, timeout, triples, index):
    """Run a SPARQL query: text, --file, stdin, or the name of a saved query.

    The prefixes kg:, kgr:, skos:, schema:, rdf:, rdfs:, xsd:, prov:, dcterms:, owl:
    are pre-bound. SERVICE, LOAD and FROM are refused (no network from a query).

    \b
    Examples:
      kg query --list
      kg query conflicts
      kg query 'SELECT ?p WHERE { ?p a kg:Person }' --format csv
      kg query --file my.rq --format json
      echo 'ASK { kgr:lei-jun kg:founded kgr:xiaomi }' | kg query
      kg query founders --endpoint http://127.0.0.1:7878/query
      kg query founders --endpoint http://127.0.0.1:7878/query --graph https://w3id.org/story-kg/graph
    """
    from ..query import run_query, saved_queries, saved_query
    from ..results import format_result

    if list_:
        queries = saved_queries(triples)
        width = max((len(n) for n in queries), default=0)
        for name, q in queries.items():
            click.echo(f"{name:<{width}}  {q.description}")
        return
    if file is not None:
        text = file.read_text(encoding="utf-8")
    elif sparql is not None and sparql != "-":
        text = sparql
        if sparql.replace("-", "").replace("_", "").isalnum():
            text = saved_query(sparql, triples).text
    elif not sys.stdin.isatty():
        text = sys.stdin.read()
    else:
        raise click.UsageError("give a query, a saved query name, --file FILE, or a query on stdin (see kg query --list)")
    if graph_iri and not endpoint:
        raise click.UsageError("--graph names a graph of a remote store: use it with --endpoint URL")
    if endpoint:
        from ..remote import remote_query

        result = remote_query(endpoint, text, timeout, graph=graph_iri)
    else:
        from ..query import check

        check(text, _verdicts(triples) if index else None)  # syntax and safety errors before loading the graph
        if index:  # from the index's backend: SELECT and ASK answers need no rdflib
            from ..query import run_plain

            result = run_plain(load_backend(triples, index), text)
        else:
            result = run_query(load_graph(triples, index), text)
    if fmt is None:
        fmt = "table" if sys.stdout.isatty() else "csv"
    click.echo(format_result(result, fmt).rstrip("\n"))
    if getattr(result, "capped", ""):
        click.echo(f"note: {result.capped}", err=True)


@cli.command()
@click.argument("name")
@triples_option
@index_option
def show(name, triples, index):
    """Show one entity: type, labels, aliases, dates, and every fact with its quote.

    NAME is any English or Chinese label or alias, in any case.

    \b
    Examples:
      kg show Jinshan
      kg show 雷军
      kg show "Excellence Network"
    """
    from ..analysis import describe, describe_statement
    from ..focus import focus
    from ..index import names_of
    from ..lookup import resolve_name

    backend = load_backend(triples, index)
    iri = resolve_name(backend, name, names_of(backend))
    text = describe_statement(backend, iri)  # a statement (kgr:stmt-...) is an edge of the projection, not a node
    click.echo(text if text is not None else describe(focus(backend, iri), iri))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@triples_option
@sources_option
@index_option
def stats(as_json, triples, sources, index):
    """Count triples, entities by kind, events by type, evidence, conflicts, coverage.

    The coverage of each source (see kg coverage) is counted when its text is found.

    \b
    Example:
      kg stats --json
    """
    import json

    from ..files import resolve_sources, resolve_triples
    from ..stats import format_stats
    from ..stats import stats as run_stats

    g = load_backend(triples, index)  # counts are plain rows: no rdflib
    figures = None
    folder = resolve_sources(sources, resolve_triples(triples))
    if folder is not None and folder.is_dir():
        from ..coverage import coverage, summary

        try:
            figures = summary(coverage(g, folder, resolve_triples(triples), targeted=True))
        except KGError as exc:  # a source text missing: the counts still stand
            click.echo(f"note: coverage not counted: {exc}", err=True)
    s = run_stats(g, coverage=figures)
    click.echo(json.dumps(s, indent=2, ensure_ascii=False) if as_json else format_stats(s))


@cli.command()
@click.argument("text")
@click.option("--limit", type=int, default=None, help="Show at most this many hits.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@triples_option
@index_option
def search(text, limit, fmt, triples, index):
    """Find the facts whose quotes contain TEXT, in any language, and the nodes it describes.

    Searches every evidence quote (and the curator's English rendering of a Chinese
    one), claim texts, descriptions and labels; case and width are ignored.

    \b
    Examples:
      kg search "Amazon China"
      kg search 卓越
      kg search "sanctions" --format json
    """
    import json
    from dataclasses import asdict

    from ..search import format_hits
    from ..search import search as run_search

    hits = run_search(load_graph(triples, index), text, limit=limit)
    if fmt == "json":
        click.echo(json.dumps([asdict(h) for h in hits], indent=2, ensure_ascii=False))
    else:
        click.echo(format_hits(hits))
    if not hits:
        sys.exit(1)


@cli.command()
@click.option("--source", "source", default=None, help="Only this source (its file name or label).")
@click.option("--uncovered", is_flag=True, help="Also list the informative sentences no quote cites and the names no label matches.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@triples_option
@sources_option
@index_option
def coverage(source, uncovered, fmt, triples, sources, index):
    """What of each source the graph holds: cited sentences, unresolved names, ignores.

    A sentence that carries a name, a date, a number or an amount is cited when an
    evidence quote from its source overlaps it; the rest are the likely missed facts,
    unless triples/coverage/*.ttl ignores them with a reason.

    \b
    Examples:
      kg coverage
      kg coverage --source lei-jun-2022-annual-speech.txt --uncovered
      kg coverage --format json
    """
    import json

    from ..files import resolve_sources, resolve_triples
    from ..coverage import coverage as run_coverage
    from ..coverage_text import format_coverage

    root = resolve_triples(triples)
    report = run_coverage(load_graph(triples, index), resolve_sources(sources, root), root, source=source)
    if fmt == "json":
        if not uncovered:
            for r in report.values():
                r["sentences"]["uncited"] = len(r["sentences"]["uncited"])
                r["names"]["unresolved"] = len(r["names"]["unresolved"])
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        click.echo(format_coverage(report, uncovered=uncovered))


def main():
    """Entry point of the ``kg`` console script."""
    cli(prog_name="kg")
