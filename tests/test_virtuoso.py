"""`kg push` and `kg query --endpoint --graph` against a real OpenLink Virtuoso (Debian's
``virtuoso-opensource-7-bin``, installed by scripts/test.sh), started on 127.0.0.1 by the
test: Digest authentication on its Graph Store endpoint, both spellings of the graph
parameter, pushing twice leaves one copy, every saved query gives the rows it gives locally."""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest
from click.testing import CliRunner

from test_remote import GRAPH_IRI, _free_port, _queries, _rows

from graph.cli import cli

SQL_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0
ServerThreads = 10
DirsAllowed = .

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


def _virtuoso() -> str:
    found = shutil.which("virtuoso-t")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("virtuoso-t not installed: scripts/test.sh installs Debian's virtuoso-opensource-7-bin")
        pytest.skip("virtuoso-t not installed (apt-get install virtuoso-opensource-7-bin)")
    return found


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A fresh Virtuoso on free loopback ports; yields its HTTP base URL (user dba, password dba)."""
    import httpx

    folder = tmp_path_factory.mktemp("virtuoso")
    http = _free_port()
    (folder / "virtuoso.ini").write_text(SQL_INI.format(d=folder, sql=_free_port(), http=http))
    proc = subprocess.Popen([_virtuoso(), "-c", str(folder / "virtuoso.ini"), "+foreground"], cwd=folder,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log = (folder / "virtuoso.log").read_text(errors="replace")[-2000:] if (folder / "virtuoso.log").exists() else ""
                raise RuntimeError(f"Virtuoso did not start (exit {proc.poll()}): {log}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def _count(base, graph) -> int:
    from graph.remote import remote_query

    res = remote_query(f"{base}/sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", graph=graph)
    return int(next(iter(res)).n)


@pytest.fixture(scope="module")
def pushed(virtuoso, triples_dir):
    store = virtuoso.replace("http://", "http://dba:dba@") + "/sparql-graph-crud-auth"
    outputs = [CliRunner().invoke(cli, ["push", "--store", store, "--graph", GRAPH_IRI, "--triples", str(triples_dir)])
               for _ in range(2)]
    return virtuoso, outputs


def test_push_with_digest_twice_leaves_one_copy(pushed, curated_graph):
    base, outputs = pushed
    for out in outputs:
        assert out.exit_code == 0, out.output
        assert f"Pushed {len(curated_graph)} triples" in out.output and "dba:dba" not in out.output
        assert f"Query it with: kg query --endpoint {base}/sparql --graph {GRAPH_IRI} NAME" in out.output
    assert _count(base, GRAPH_IRI) == len(curated_graph)


def test_without_credentials_the_store_refuses_and_nothing_is_reported_done(virtuoso, triples_dir):
    result = CliRunner().invoke(cli, ["push", "--store", f"{virtuoso}/sparql-graph-crud-auth", "--graph", "urn:x",
                                      "--triples", str(triples_dir)])
    assert result.exit_code == 1
    assert "HTTP 401" in result.output and "Pushed" not in result.output


def test_the_older_graph_uri_spelling_is_accepted(virtuoso, triples_dir, curated_graph):
    store = virtuoso.replace("http://", "http://dba:dba@") + "/sparql-graph-crud-auth"
    other = GRAPH_IRI + "/graph-uri"
    result = CliRunner().invoke(cli, ["push", "--store", store, "--graph", other, "--graph-param", "graph-uri",
                                      "--triples", str(triples_dir)])
    assert result.exit_code == 0, result.output
    assert _count(virtuoso, other) == len(curated_graph)


# Saved queries Virtuoso 7.2.5 answers differently, and why (measured: the same patterns
# outside OPTIONAL / FILTER NOT EXISTS give the local counts). Not a fault of the push:
# the graph it holds is the same (the triple count above, and every other saved query).
VIRTUOSO_DIFFERS = {
    "saved:article-only": "a property path (a/rdfs:subClassOf*) inside FILTER NOT EXISTS removes nothing: 149 rows, not 79",
    "saved:founders": "a property path (a/rdfs:subClassOf*) inside OPTIONAL does not match: events left unbound",
    "saved:timeline": "BIND(EXISTS { ?event kg:secondaryOnly true }) is 0 for 3 of the 249 events whose flag is true",
    "saved:secondary-only": "MIN(?q) (SAMPLE before): Virtuoso picks another of a claim's quotes than Oxigraph for some claims",
}
# differs in some runs and not in others (seen 2026-12-07: in the full suite, not in a rerun)
VIRTUOSO_UNSTABLE = {
    "saved:products-2022": "BIND(EXISTS { ?event kg:secondaryOnly true }), as in timeline: Virtuoso's answer is not stable",
}


def _booleans_as_numbers(rows):
    """Virtuoso answers a boolean expression (BIND(EXISTS …), a stored xsd:boolean read
    back through it) as the integer 1 or 0: the same value, another spelling."""
    from collections import Counter
    from decimal import Decimal

    from rdflib import XSD, Literal

    def norm(term):
        if isinstance(term, Literal) and term.datatype == XSD.boolean:
            return ("number", Decimal(1 if term.toPython() is True else 0))
        return term

    out = Counter()
    for row, n in rows.items():
        out[tuple(norm(t) for t in row)] += n
    return out


def test_every_saved_query_gives_the_local_rows(pushed, curated_graph, triples_dir):
    from graph.query import run_query
    from graph.remote import remote_query

    base, _ = pushed
    differ, same = [], 0
    for name, text in _queries(triples_dir).items():
        if not name.startswith("saved:"):
            continue
        local = run_query(curated_graph, text)
        remote = remote_query(f"{base}/sparql", text, graph=GRAPH_IRI)
        if local.type == "SELECT":
            if ([str(v) for v in remote.vars] != [str(v) for v in local.vars]
                    or _booleans_as_numbers(_rows(remote, text)) != _booleans_as_numbers(_rows(local, text))):
                differ.append(name)
                continue
        elif local.type != "ASK" and len(remote.graph) != len(local.graph):
            differ.append(name)
            continue
        same += 1
    assert sorted(set(differ) - set(VIRTUOSO_UNSTABLE)) == sorted(VIRTUOSO_DIFFERS)
    assert same >= 10


def test_kg_query_graph_reads_the_pushed_graph(pushed, triples_dir):
    base, _ = pushed
    args = ["query", "amounts", "--endpoint", f"{base}/sparql", "--format", "csv", "--triples", str(triples_dir)]
    local = CliRunner().invoke(cli, args[:2] + args[4:])
    remote = CliRunner().invoke(cli, [*args, "--graph", GRAPH_IRI])
    assert remote.exit_code == 0, remote.output
    assert sorted(remote.output.splitlines()) == sorted(local.output.splitlines())
