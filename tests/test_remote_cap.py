"""`kg query --endpoint` against a capped `kg serve`: the answer is printed and stderr says it was capped."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from click.testing import CliRunner

from graph.cli import cli

CAP = 7


@pytest.fixture(scope="module")
def capped_server(triples_dir, tmp_path_factory):
    import uvicorn

    from graph.serve import create_app

    app = create_app(triples_dir, max_results=CAP, exports_dir=tmp_path_factory.mktemp("exports"), workers=1)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 60
    while not srv.started:
        assert thread.is_alive() and time.time() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/sparql"
    srv.should_exit = True
    thread.join(30)


@pytest.mark.parametrize("query", ["SELECT ?p WHERE { ?p a kg:Person }",
                                   "CONSTRUCT { ?p a kg:Person } WHERE { ?p a kg:Person }"])
def test_a_capped_answer_says_so_on_stderr(capped_server, query):
    result = CliRunner().invoke(cli, ["query", query, "--endpoint", capped_server, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "capped the answer" in result.stderr and f"first {CAP} results" in result.stderr
    assert "capped" not in result.stdout
    if query.startswith("SELECT"):
        assert len(result.stdout.strip().splitlines()) == CAP + 1  # the header and the capped rows


def test_an_answer_under_the_cap_says_nothing(capped_server):
    result = CliRunner().invoke(cli, ["query", "SELECT ?p WHERE { ?p a kg:Person } LIMIT 3",
                                      "--endpoint", capped_server, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "" and len(result.stdout.strip().splitlines()) == 4
