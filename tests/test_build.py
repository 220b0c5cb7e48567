"""`kg build`: every export, deterministic, atomic, round-trips, and refuses bad input."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import FIXTURES, ROOT, make_triples

import graph
from graph.cli import cli
from graph.export import graphml_ready

EXPECTED = {"graph.ttl", "graph.nt", "graph.jsonld", "graph.graphml", "graph.html",
            "timeline.svg", "timeline.png", "stats.json"}


def kg(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def built(mini_triples, sources_dir, tmp_path):
    out = tmp_path / "exports"
    result = kg("build", "--triples", mini_triples, "--exports", out, "--sources", sources_dir)
    assert result.exit_code == 0, result.output
    return mini_triples, out


def test_build_writes_every_export(built):
    _triples, out = built
    assert {p.name for p in out.iterdir()} == EXPECTED


def test_a_second_build_gives_the_same_bytes(built, sources_dir, tmp_path):
    triples, out = built
    again = tmp_path / "again"
    assert kg("build", "--triples", triples, "--exports", again, "--sources", sources_dir).exit_code == 0
    for name in EXPECTED:
        assert (out / name).read_bytes() == (again / name).read_bytes(), name


def test_build_check_passes_when_fresh_and_fails_when_stale(built, sources_dir):
    triples, out = built
    ok = kg("build", "--check", "--triples", triples, "--exports", out, "--sources", sources_dir)
    assert ok.exit_code == 0, ok.output
    (out / "graph.nt").write_text("stale\n")
    stale = kg("build", "--check", "--triples", triples, "--exports", out, "--sources", sources_dir)
    assert stale.exit_code == 1
    assert "differs:" in stale.output and "graph.nt" in stale.output
    assert (out / "graph.nt").read_text() == "stale\n"  # --check never writes


@pytest.mark.parametrize("fmt,name", [("turtle", "graph.ttl"), ("nt", "graph.nt"), ("json-ld", "graph.jsonld")])
def test_rdf_exports_round_trip_to_the_same_graph(built, fmt, name):
    triples, out = built
    original = graph.load(triples)
    again = Graph().parse(out / name, format=fmt)
    assert isomorphic(original, again)


def test_graphml_reads_back_with_the_same_nodes_edges_and_attributes(built):
    triples, out = built
    expected = graphml_ready(graph.to_networkx(graph.load(triples)))
    back = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    assert set(back.nodes) == set(expected.nodes)
    assert sorted(back.edges(keys=True)) == sorted(expected.edges(keys=True))
    for node in expected.nodes:
        assert back.nodes[node] == expected.nodes[node]
    for s, o, k in expected.edges(keys=True):
        assert back.edges[s, o, k] == expected.edges[s, o, k]


def _networkx_graphml(nxg) -> bytes:
    import io

    buf = io.BytesIO()
    nx.write_graphml(graphml_ready(nxg), buf, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buf.getvalue()


@pytest.mark.parametrize("which", ["curated", "mini", "hostile", "empty"])
def test_the_graphml_writer_gives_networkx_s_bytes(which, curated_graph, mini_triples):
    from view_graphs import hostile_graph

    from graph.export import to_graphml

    nxg = {"curated": lambda: graph.to_networkx(curated_graph),
           "mini": lambda: graph.to_networkx(graph.load(mini_triples)),
           "hostile": hostile_graph, "empty": nx.MultiDiGraph}[which]()
    assert to_graphml(nxg) == _networkx_graphml(nxg)


@pytest.mark.parametrize("bad", ["malformed.ttl", "undefined-prefix.ttl", "ill-typed-month.ttl",
                                 "undefined-entity.ttl", "quote-not-in-source.ttl"])
def test_bad_input_leaves_exports_untouched(tmp_path, sources_dir, bad):
    folder = make_triples(tmp_path, FIXTURES / "mini" / "data.ttl", FIXTURES / "bad" / bad)
    out = tmp_path / "exports"
    out.mkdir()
    (out / "graph.ttl").write_text("previous build\n")
    result = kg("build", "--triples", folder, "--exports", out, "--sources", sources_dir)
    assert result.exit_code == 1
    assert "exports not written" in result.output
    assert [p.name for p in out.iterdir()] == ["graph.ttl"]
    assert (out / "graph.ttl").read_text() == "previous build\n"


def test_an_unwritable_exports_folder_is_a_clear_error(mini_triples, sources_dir, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = kg("build", "--triples", mini_triples, "--exports", blocker / "exports", "--sources", sources_dir)
    assert result.exit_code == 1
    assert "error: cannot create" in result.output


def test_stats_file_counts_the_graph(built):
    import json

    _triples, out = built
    s = json.loads((out / "stats.json").read_text())
    assert s["entities_by_kind"] == {"Claim": 1, "CreativeWork": 2, "Event": 3, "Organization": 4, "Person": 1, "Place": 1}
    assert s["conflicts"] == 1 and s["secondary_only_claims"] == 1


def test_the_committed_exports_are_up_to_date(triples_dir, sources_dir):
    """What CI checks: `kg build --check` on the repository's own triples and exports/."""
    exports = triples_dir.parent / "exports"
    result = kg("build", "--check", "--triples", triples_dir, "--exports", exports, "--sources", sources_dir)
    assert result.exit_code == 0, result.output[-2000:]
    assert "are up to date" in result.output


def test_large_graph_path_streams_rdf_exports_from_a_child_and_leaves_no_staging(
        monkeypatch, mini_triples, sources_dir, tmp_path):
    from graph import rdfwrite as bigexport
    from graph.export import build

    monkeypatch.setattr(bigexport, "BIG_EXPORT_TRIPLES", 10)  # the mini graph takes the 1M-triple path
    out = tmp_path / "exports"
    result = build(mini_triples, out, sources_dir)
    assert {p.name for p in result["files"]} == EXPECTED
    assert sorted(p.name for p in out.iterdir()) == sorted(EXPECTED)  # no staging folder or temp file left
    original = graph.load(mini_triples)
    for name, fmt in [("graph.nt", "nt"), ("graph.ttl", "turtle"), ("graph.jsonld", "json-ld")]:
        assert isomorphic(original, Graph().parse(out / name, format=fmt)), name


def test_a_failing_rdf_writer_child_leaves_exports_untouched(monkeypatch, mini_triples, sources_dir, tmp_path):
    from graph import rdfwrite as bigexport
    from graph.errors import ExportError
    from graph.export import build

    out = tmp_path / "exports"
    build(mini_triples, out, sources_dir)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(g, path):  # the child (a fresh Python) is handed a dump it cannot read
        Path(path).write_bytes(b"<https://example.org/s> not-n-triples\n")

    monkeypatch.setattr(bigexport, "BIG_EXPORT_TRIPLES", 10)
    monkeypatch.setattr(bigexport, "dump_ntriples", broken)
    with pytest.raises(ExportError, match="RDF exports could not be written: ValueError"):
        build(mini_triples, out, sources_dir)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_render_that_fails_stops_its_children_and_writes_nothing(monkeypatch, mini_triples, sources_dir, tmp_path):
    from graph import export, rdfwrite as bigexport

    from test_background import _children

    def broken(nxg):
        raise OSError("simulated: disk full")

    monkeypatch.setattr(bigexport, "BIG_EXPORT_TRIPLES", 10)  # the RDF writer runs in a child
    monkeypatch.setattr(export, "to_graphml", broken)  # fails after the RDF and timeline children started
    before = _children()
    with pytest.raises(OSError, match="disk full"):
        export.build(mini_triples, tmp_path / "exports", sources_dir)
    assert not (tmp_path / "exports").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".exports")] == []  # no staging folder, no dump
    assert not (_children() - before)  # every child stopped and reaped


def test_a_build_whose_check_fails_stops_the_timeline_child(tmp_path, sources_dir):
    from graph.export import CheckFailed, build

    from test_background import _children

    folder = make_triples(tmp_path, FIXTURES / "mini" / "data.ttl", FIXTURES / "bad" / "undefined-entity.ttl")
    before = _children()
    with pytest.raises(CheckFailed):
        build(folder, tmp_path / "exports", sources_dir)  # the child was started before the check
    assert not (_children() - before)
    assert not (tmp_path / "exports").exists()


def test_build_says_when_it_skipped_shacl_and_why(monkeypatch, mini_triples, sources_dir, tmp_path):
    import importlib

    checking = importlib.import_module("graph.check")  # the module (graph.check is the function)

    monkeypatch.setattr(checking, "SHACL_AUTO_LIMIT", 10)
    result = kg("build", "--triples", mini_triples, "--exports", tmp_path / "exports", "--sources", sources_dir)
    assert result.exit_code == 0, result.output
    assert "kg build: OK" in result.output
    assert "SHACL skipped" in result.output and "over the automatic limit of 10 (use --shacl to force)" in result.output


def test_a_fresh_copy_of_the_project_builds_with_nothing_beside_it(tmp_path):
    """The graph carries its sources: a copy of triples/ alone checks and builds, with no
    ../shared and no $KG_SOURCES (the texts are read from triples/sources/)."""
    import os
    import shutil
    import subprocess
    import sys

    project = tmp_path / "clone"
    shutil.copytree(ROOT / "triples", project / "triples", ignore=shutil.ignore_patterns(".kg"))
    env = {k: v for k, v in os.environ.items() if k not in ("KG_SOURCES", "KG_TRIPLES", "KG_EXPORTS")}
    assert not (tmp_path / "shared").exists()
    run = subprocess.run([sys.executable, "-m", "graph", "--no-progress", "build", "--no-html"], cwd=project,
                         env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "kg build: OK" in run.stdout
    assert (project / "exports" / "graph.ttl").is_file() and (project / "exports" / "stats.json").is_file()
