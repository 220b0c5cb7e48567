"""`kg push` and `kg query --endpoint` against stores that misbehave: each ends in a one-line
error within a bounded time, reads a bounded amount, reports nothing as done, and never
shows or forwards the credentials."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from click.testing import CliRunner

from graph.cli import cli

PASSWORD = "s3cret-pw-7f1c"


class RawStore:
    """A loopback TCP server whose every connection is handled by ``behave(conn, request_bytes)``."""

    def __init__(self, behave, host="127.0.0.1"):
        self.behave, self.connections = behave, 0
        self.requests: list[bytes] = []
        self.sock = socket.socket()
        self.sock.bind((host, 0))
        self.sock.listen(16)
        self.url = f"http://{host}:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn):
        try:
            conn.settimeout(30)
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
            head, _, rest = data.partition(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            while len(rest) < length:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                rest += chunk
            self.requests.append(head)
            self.behave(conn, head)
        except OSError:
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def close(self):
        self.sock.close()


def _answer(status: str, body: bytes = b"", headers: str = "") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n{headers}\r\n").encode() + body


def _hang(conn, head):
    time.sleep(60)


def _drip(conn, head):
    for byte in _answer("200 OK", b"x" * 100):
        conn.sendall(bytes([byte]))
        time.sleep(0.3)


def _truncated(conn, head):
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: 1000\r\n\r\n{\"head\": ")


def _garbage(conn, head):
    conn.sendall(b"HELLO THERE\r\n\r\n")


def _many_headers(conn, head):
    conn.sendall(b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-Filler-%d: %s\r\n" % (i, b"y" * 40) for i in range(5000)) + b"\r\n")


def _huge(conn, head):
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: 50000000\r\n\r\n")
    block = b" " * 65536
    for _ in range(50_000_000 // len(block)):
        conn.sendall(block)


def _server_error(conn, head):
    conn.sendall(_answer("500 Internal Server Error", b"<html>the store fell over</html>"))


def _basic_only(conn, head):
    import base64

    token = base64.b64encode(f"kg:{PASSWORD}".encode())
    if b"Authorization: Basic " + token in head:
        conn.sendall(_answer("204 No Content"))
    else:
        conn.sendall(_answer("401 Unauthorized", headers='WWW-Authenticate: Basic realm="store"\r\n'))


FAULTS = {
    "hangs": (_hang, "no complete answer within 3 s"),
    "drips": (_drip, "no complete answer within 3 s"),
    "closes mid-body": (_truncated, "the answer broke off or is not valid HTTP"),
    "garbage status line": (_garbage, "the answer broke off or is not valid HTTP"),
    "too many headers": (_many_headers, "the answer broke off or is not valid HTTP"),
    "answers 500": (_server_error, "HTTP 500 Internal Server Error: <html>the store fell over</html>"),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("command", ["push", "query"])
def test_a_misbehaving_store_is_a_one_line_error_within_the_timeout(tmp_path, mini_triples, fault, command):
    behave, expected = FAULTS[fault]
    store = RawStore(behave)
    url = store.url.replace("http://", f"http://kg:{PASSWORD}@") + "/store"
    if command == "push":
        args = ["push", "--store", url, "--graph", "urn:g", "--triples", mini_triples, "--timeout", "3"]
    else:
        args = ["query", "--endpoint", url, "ASK { ?s ?p ?o }", "--triples", mini_triples, "--timeout", "3"]
    started = time.monotonic()
    result = CliRunner().invoke(cli, args)
    took = time.monotonic() - started
    store.close()
    assert result.exit_code == 1, result.output
    assert took < 10, took
    assert expected in result.output, result.output
    assert "Pushed" not in result.output and "Traceback" not in result.output
    assert PASSWORD not in result.output
    assert len([line for line in result.output.splitlines() if line.strip()]) == 1, result.output


def test_a_huge_answer_is_read_only_up_to_the_limit(monkeypatch):
    from graph import remote
    from graph.remote import RemoteQueryError, remote_query

    store = RawStore(_huge)
    monkeypatch.setattr(remote, "MAX_ANSWER_BYTES", 1_000_000)
    with pytest.raises(RemoteQueryError, match="the answer is larger than 1,000,000 bytes; nothing more was read"):
        remote_query(store.url + "/sparql", "SELECT * { ?s ?p ?o }")
    store.close()


@pytest.mark.parametrize("status", ["301 Moved Permanently", "307 Temporary Redirect"])
def test_a_redirect_to_another_host_is_not_followed_and_gets_no_credentials(mini_triples, status):
    elsewhere = RawStore(_basic_only, host="127.0.0.2")
    store = RawStore(lambda conn, head: conn.sendall(_answer(status, headers=f"Location: {elsewhere.url}/store\r\n")))
    url = store.url.replace("http://", f"http://kg:{PASSWORD}@") + "/store"
    for args in (["push", "--store", url, "--triples", mini_triples],
                 ["query", "--endpoint", url, "ASK {}", "--triples", mini_triples]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1
        assert f"a redirect to {elsewhere.url}/store: give that URL instead" in result.output
        assert PASSWORD not in result.output
    assert elsewhere.connections == 0
    store.close()
    elsewhere.close()


def test_credentials_come_from_the_environment_and_are_never_printed(monkeypatch, mini_triples):
    store = RawStore(_basic_only)
    monkeypatch.setenv("KG_STORE_USER", "kg")
    monkeypatch.setenv("KG_STORE_PASSWORD", PASSWORD)
    ok = CliRunner().invoke(cli, ["push", "--store", store.url + "/store", "--graph", "urn:g", "--triples", mini_triples])
    assert ok.exit_code == 0, ok.output
    assert "Pushed" in ok.output and PASSWORD not in ok.output
    assert b"Authorization: Basic" not in store.requests[0]  # auto: nothing sent before the store asks
    monkeypatch.setenv("KG_STORE_PASSWORD", "wrong")
    refused = CliRunner().invoke(cli, ["push", "--store", store.url + "/store", "--triples", mini_triples])
    assert refused.exit_code == 1 and "HTTP 401" in refused.output and "KG_STORE_USER" in refused.output
    assert "wrong" not in refused.output
    store.close()


def test_push_prints_the_query_command_that_reads_the_graph(mini_triples):
    store = RawStore(lambda conn, head: conn.sendall(_answer("201 Created")))
    url = store.url.replace("http://", f"http://kg:{PASSWORD}@") + "/store"
    result = CliRunner().invoke(cli, ["push", "--store", url, "--graph", "urn:story", "--triples", mini_triples])
    assert result.exit_code == 0, result.output
    assert f"Query it with: kg query --endpoint {store.url}/query --graph urn:story NAME" in result.output
    assert PASSWORD not in result.output
    store.close()


def test_the_graph_parameter_is_spelt_as_the_store_wants(mini_triples):
    store = RawStore(lambda conn, head: conn.sendall(_answer("201 Created")))
    for param in ("graph", "graph-uri"):
        result = CliRunner().invoke(cli, ["push", "--store", store.url + "/sparql-graph-crud", "--graph", "urn:g",
                                          "--graph-param", param, "--triples", mini_triples])
        assert result.exit_code == 0, result.output
        assert store.requests[-1].startswith(f"PUT /sparql-graph-crud?{param}=urn%3Ag ".encode())
    store.close()


def test_query_graph_without_endpoint_is_a_usage_error(mini_triples):
    result = CliRunner().invoke(cli, ["query", "--graph", "urn:g", "ASK {}", "--triples", mini_triples])
    assert result.exit_code == 2 and "use it with --endpoint" in result.output
