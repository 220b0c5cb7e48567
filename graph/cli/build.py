"""``kg check`` and ``kg build``: the checks, and the exports written once they pass."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from graph.cli import exports_option, sources_option, triples_option

__all__ = ["check_command", "build_command"]


@click.command("check")
@triples_option
@sources_option
@click.option("--shacl/--no-shacl", default=None, help="Force SHACL on or off (default: on up to 50,000 triples).")
def check_command(triples, sources, shacl):
    """Check the triples: syntax, vocabulary, dates, references, aliases, quotes, SHACL.

    Prints each problem as file:line, node, rule, message and fix; exits 1 if any.

    \b
    Example:
      kg check --sources triples/sources
    """
    from graph.check import check as run_check

    report = run_check(triples, sources, shacl=shacl)
    for problem in report.problems:
        click.echo(str(problem))
    click.echo(report.summary(), err=not report.ok)
    sys.exit(0 if report.ok else 1)


@click.command("build")
@triples_option
@exports_option
@sources_option
@click.option("--check", "check_only", is_flag=True, help="Rebuild in a temp folder and fail if exports/ differ.")
@click.option("--shacl/--no-shacl", default=None, help="Force SHACL on or off (default: on up to 50,000 triples).")
@click.option("--no-html", is_flag=True, help="Skip the HTML view and the timeline picture (faster on huge graphs).")
def build_command(triples, exports, sources, check_only, shacl, no_html):
    """Check the graph, then write every export (Turtle, N-Triples, JSON-LD, GraphML, HTML, stats).

    Nothing in the exports folder is touched unless the check passes and every
    export renders; each file is replaced atomically.

    \b
    Examples:
      kg build
      kg build --check          # CI: fail if the committed exports/ are stale
    """
    import tempfile

    from graph.export import CheckFailed
    from graph.export import build as run_build

    exports = Path(exports or os.environ.get("KG_EXPORTS") or "exports")
    kwargs = dict(shacl=shacl, html=not no_html, timeline=not no_html)
    try:
        if check_only:
            with tempfile.TemporaryDirectory() as tmp:
                result = run_build(triples, tmp, sources, **kwargs)
                stale = _compare_dirs(Path(tmp), exports, [p.name for p in result["files"]])
            if stale:
                for line in stale:
                    click.echo(line, err=True)
                click.echo(f"kg build --check: FAILED: {len(stale)} export(s) in {exports} differ from a fresh build; run `kg build` and commit", err=True)
                sys.exit(1)
            click.echo(f"kg build --check: OK: {len(result['files'])} exports in {exports} are up to date")
            return
        result = run_build(triples, exports, sources, **kwargs)
    except CheckFailed as exc:
        for problem in exc.report.problems:
            click.echo(str(problem), err=True)
        click.echo(f"{exc.report.summary()}; exports not written", err=True)
        sys.exit(1)
    report = result["report"]
    for path in result["files"]:
        click.echo(f"wrote {path} ({path.stat().st_size:,} bytes)")
    click.echo(f"kg build: OK: {report.triples} triples, {report.entities} entities, "
               f"{len(result['files'])} exports in {result['seconds']:.2f} s"
               + "".join(f"; {note}" for note in report.notes))


def _compare_dirs(fresh: Path, committed: Path, names) -> list[str]:
    out = []
    for name in sorted(names):
        a, b = fresh / name, committed / name
        if not b.exists():
            out.append(f"missing: {b}")
        elif a.read_bytes() != b.read_bytes():
            out.append(f"differs: {b}")
    return out
