"""`kg query`: saved queries, input from argument/file/stdin, formats, and refusals."""

from __future__ import annotations

import csv
import io
import json
import socket
import threading

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.errors import QuerySyntaxError, UnsafeQueryError
from graph.query import prepare, run_query
from graph.results import format_result


def kg(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_list_shows_each_saved_query_with_its_description(mini_triples):
    """The package's generic queries are listed beside the folder's own; the folder's
    ``founders.rq`` overrides the package's query of that name."""
    import re

    result = kg("query", "--list", "--triples", str(mini_triples))
    assert result.exit_code == 0
    assert re.search(r"^founders +Who founded what, and when$", result.output, re.M), result.output
    assert re.search(r"^timeline +Every dated event in date order", result.output, re.M), result.output
    assert result.output.count("\nfounders ") + result.output.startswith("founders ") == 1


def test_a_saved_query_runs_by_name(mini_triples):
    result = kg("query", "founders", "--triples", str(mini_triples), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows == [{"founder": "https://w3id.org/story-kg/id/lei-jun",
                     "org": "https://w3id.org/story-kg/id/xiaomi", "date": "2010-04-06"}]


def test_an_unknown_saved_query_lists_the_known_ones(mini_triples):
    result = kg("query", "fonders", "--triples", str(mini_triples))
    assert result.exit_code == 1
    assert "no saved query named 'fonders' (did you mean 'founders'?); available: " in result.output
    assert "founders, " in result.output and "timeline" in result.output  # the folder's and the package's


def test_query_from_a_file_and_from_stdin(mini_triples, tmp_path):
    q = tmp_path / "q.rq"
    q.write_text("SELECT ?o WHERE { kgr:joyo-sale kg:buyer ?o }")
    by_file = kg("query", "--file", str(q), "--triples", str(mini_triples), "--format", "tsv")
    by_stdin = kg("query", "--triples", str(mini_triples), "--format", "tsv", input=q.read_text())
    assert by_file.exit_code == by_stdin.exit_code == 0
    assert by_file.output == by_stdin.output == "o\nhttps://w3id.org/story-kg/id/amazon\n"


def test_table_format_is_aligned_with_curies(mini_triples):
    result = kg("query", "SELECT ?s ?o WHERE { ?s kg:sold ?o }", "--triples", str(mini_triples), "--format", "table")
    assert result.output.splitlines() == ["s             o", "------------  --------", "kgr:kingsoft  kgr:joyo", "", "(1 row)"]


def test_json_format_is_sparql_results_json(mini_triples):
    result = kg("query", "SELECT ?o WHERE { kgr:lei-jun kg:founded ?o }", "--triples", str(mini_triples), "--format", "json")
    data = json.loads(result.output)
    assert data["head"]["vars"] == ["o"]
    assert data["results"]["bindings"][0]["o"]["value"].endswith("/xiaomi")


def test_ask_and_construct(mini_triples):
    ask = kg("query", "ASK { kgr:amazon kg:acquired kgr:joyo }", "--triples", str(mini_triples))
    assert ask.output.strip() == "true"
    construct = kg("query", "CONSTRUCT { ?s kg:founded ?o } WHERE { ?s kg:founded ?o }",
                   "--triples", str(mini_triples), "--format", "turtle")
    assert "kgr:lei-jun kg:founded kgr:xiaomi" in construct.output


def test_a_syntax_error_gives_line_and_column(mini_triples):
    result = kg("query", "SELECT ?s\nWHERE { ?s ?p }", "--triples", str(mini_triples))
    assert result.exit_code == 1
    assert "SPARQL syntax error at line 2, column" in result.output
    with pytest.raises(QuerySyntaxError) as err:
        prepare("SELECT ?s\nWHERE { ?s ?p }")
    assert err.value.line == 2


@pytest.fixture
def listener():
    """A loopback socket that counts connections: a refused query must cause none."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    hits = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                hits.append(1)
                conn.close()
            except OSError:
                pass

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/", hits
    stop.set()
    t.join(1)
    server.close()


@pytest.mark.parametrize("template,words", [
    ("SELECT * WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}", "SERVICE"),
    ("SELECT * FROM <{url}data.ttl> WHERE {{ ?s ?p ?o }}", "FROM"),
    ("SELECT * FROM NAMED <{url}data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", "FROM"),
    ("LOAD <{url}data.ttl>", "Update"),
    ("INSERT DATA {{ <{url}a> <{url}b> <{url}c> }}", "Update"),
])
def test_network_and_update_are_refused_without_any_request(mini_triples, listener, template, words):
    url, hits = listener
    result = kg("query", template.format(url=url), "--triples", str(mini_triples))
    assert result.exit_code == 1
    assert "refused" in result.output and words in result.output
    assert hits == []


def test_the_api_refuses_too(curated_graph):
    with pytest.raises(UnsafeQueryError):
        run_query(curated_graph, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")


def test_every_saved_query_of_the_curated_graph_runs(curated_graph, triples_dir):
    from graph.query import saved_queries

    queries = saved_queries(triples_dir)
    assert len(queries) >= 8
    for name, q in queries.items():
        assert q.description, f"{name}.rq needs a first-line # description"
        result = run_query(curated_graph, q.text)
        assert format_result(result, "table")


def test_a_valid_query_the_engine_cannot_evaluate_is_a_clean_error(mini_triples):
    # rdflib's parser reads SELECT * with GROUP BY; Oxigraph refuses it: an error line and exit 1, no traceback
    result = kg("query", "--no-index", "--triples", str(mini_triples), "SELECT * WHERE { ?s ?p ?o } GROUP BY ?s")
    assert result.exit_code == 1
    assert "the query could not be evaluated: SELECT * is not authorized with GROUP BY (at 1:" in result.output
    assert "Traceback" not in result.output


def test_the_index_answers_every_saved_query_as_the_files_do():
    """`kg query` reads plain rows from the backend (no rdflib); with --no-index it parses the
    files and answers through rdflib's Result: every saved query prints the same in every format."""
    from graph.query import run_plain, saved_queries
    from graph.store import backend_of

    names = list(saved_queries("triples"))
    assert len(names) > 10
    differ = []
    for name in names:
        for fmt in ("csv", "tsv", "json", "table"):
            warm, files = kg("query", name, "--format", fmt), kg("query", name, "--format", fmt, "--no-index")
            assert warm.exit_code == 0 and files.exit_code == 0, (name, warm.output, files.output)
            if warm.output != files.output:
                differ.append((name, fmt))
    assert differ == []
    rows = run_plain(backend_of(graph_of_mini()), "SELECT ?s WHERE { ?s a kg:Person } ORDER BY ?s LIMIT 1")
    assert rows.type == "SELECT" and all(type(v) is str for row in rows for v in row)


def graph_of_mini():
    import graph

    return graph.load("tests/fixtures/mini")


def test_kg_query_from_the_index_does_not_import_rdflib(tmp_path):
    import shutil
    import subprocess
    import sys

    folder = tmp_path / "triples"
    shutil.copytree("tests/fixtures/mini", folder)
    code = ("import sys; from graph.cli import main; sys.argv = ['kg', 'query', 'SELECT ?s WHERE { ?s a kg:Person }', "
            f"'--triples', {str(folder)!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('rdflib' in sys.modules, 'networkx' in sys.modules, file=sys.stderr)")
    import os

    env = dict(os.environ, KG_INDEX="1")
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert "building the index" in first.stderr
    assert warm.stderr.strip().splitlines()[-1] == "False False", warm.stderr
    assert "kgr:" in warm.stdout or "https://w3id.org/story-kg/id/" in warm.stdout
