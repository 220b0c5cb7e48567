"""Untrusted input reads nothing outside its folder, and nothing in it is skipped silently.

Each attack is a fixture in tests/fixtures/attacks/ with ``{LISTENER}`` (a loopback
listener that counts connections and never answers) and ``{SECRET}`` (a file outside
every input folder) filled in. For each: ``kg check`` names the file and what is wrong,
the listener sees no connection, the secret's bytes appear in no output and no export,
and a ``kg build`` over exports made before leaves them byte-identical.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, ROOT, make_triples

from graph.cli import cli

ATTACKS = FIXTURES / "attacks"
SECRET_MARK = "TOP-SECRET-9f3a"


def kg(*args):
    return CliRunner().invoke(cli, ["--no-progress", *[str(a) for a in args]])


class Listener:
    """A loopback TCP listener that accepts, counts and never answers (a hanging server)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.address = "127.0.0.1:%d" % self.sock.getsockname()[1]
        self.connections = 0
        self._held = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            self._held.append(conn)

    def close(self):
        self.sock.close()
        for c in self._held:
            c.close()


@pytest.fixture
def listener():
    srv = Listener()
    yield srv
    srv.close()


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text(f"{SECRET_MARK}: root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    return path


@pytest.fixture
def sources(tmp_path, sources_dir) -> Path:
    """The two source texts the mini graph cites, in a folder beside the triples."""
    folder = tmp_path / "sources"
    folder.mkdir()
    for name in ("lei-jun-2022-annual-speech.txt", "conflict-narrative-analysis.txt"):
        shutil.copy(sources_dir / name, folder / name)
    return folder


def _attack_folder(tmp_path, name, listener, secret, outside=None) -> Path:
    text = (ATTACKS / name).read_text(encoding="utf-8")
    text = text.replace("{LISTENER}", listener.address).replace("{SECRET}", str(secret))
    text = text.replace("{OUTSIDE}", outside or str(secret))
    return make_triples(tmp_path, FIXTURES / "mini" / "data.ttl", extra={name: text})


def _exports_before(tmp_path, sources) -> tuple[Path, dict]:
    folder = make_triples(tmp_path / "clean", FIXTURES / "mini" / "data.ttl")
    out = tmp_path / "exports"
    result = kg("build", "--triples", folder, "--exports", out, "--sources", sources, "--no-html")
    assert result.exit_code == 0, result.output
    return out, {p.name: p.read_bytes() for p in sorted(out.iterdir())}


REFUSED = {
    "remote-context.jsonld": "JSON-LD @context 'http://",
    "file-context.jsonld": "JSON-LD @context 'file://",
    "import-context.jsonld": "JSON-LD @import 'http://",
    "scoped-context.jsonld": "JSON-LD @context 'http://",
    "external-entity-file.rdf": "RDF/XML entity declaration <!ENTITY secret> (external, file://",
    "external-entity-url.rdf": "RDF/XML entity declaration <!ENTITY remote> (external, http://",
    "external-dtd.rdf": "RDF/XML external DTD or entity reference is refused",
    "entity-bomb.rdf": "RDF/XML entity declaration <!ENTITY lol0> (internal)",
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_an_input_that_would_fetch_or_read_elsewhere_is_refused_by_name(tmp_path, listener, secret, sources, name):
    out, before = _exports_before(tmp_path, sources)
    folder = _attack_folder(tmp_path, name, listener, secret)
    started = time.monotonic()
    checked = kg("check", "--triples", folder, "--sources", sources)
    built = kg("build", "--triples", folder, "--exports", out, "--sources", sources, "--no-html")
    assert time.monotonic() - started < 60  # the hanging context server made this run past a minute
    for result in (checked, built):
        assert result.exit_code == 1, result.output
        assert f"{folder / name}" in result.output and REFUSED[name] in result.output, result.output
        assert SECRET_MARK not in result.output
    assert listener.connections == 0
    assert {p.name: p.read_bytes() for p in sorted(out.iterdir())} == before
    assert not any(SECRET_MARK.encode() in data for data in before.values())


def test_owl_imports_are_never_followed(tmp_path, listener, secret, sources):
    folder = _attack_folder(tmp_path, "owl-imports.ttl", listener, secret)
    out = tmp_path / "exports"
    result = kg("build", "--triples", folder, "--exports", out, "--sources", sources, "--no-html")
    assert result.exit_code == 0, result.output  # owl:imports is data here: kept, never fetched
    assert listener.connections == 0


@pytest.mark.parametrize("how", ["absolute", "relative"])
def test_a_source_file_outside_the_sources_folder_is_never_opened(tmp_path, listener, secret, sources, how):
    out, before = _exports_before(tmp_path, sources)
    outside = str(secret) if how == "absolute" else os.path.relpath(secret, sources)
    folder = _attack_folder(tmp_path, "source-file-outside.ttl", listener, secret, outside=outside)
    for result in (kg("check", "--triples", folder, "--sources", sources),
                   kg("build", "--triples", folder, "--exports", out, "--sources", sources, "--no-html")):
        assert result.exit_code == 1
        assert f"kg:sourceFile {outside!r} is not inside the sources folder" in result.output, result.output
        assert SECRET_MARK not in result.output and "root:x:0:0" not in result.output
    assert {p.name: p.read_bytes() for p in sorted(out.iterdir())} == before


def test_a_source_file_symlinked_out_of_the_sources_folder_is_never_opened(tmp_path, listener, secret, sources):
    (sources / "linked.txt").symlink_to(secret)
    folder = _attack_folder(tmp_path, "source-file-outside.ttl", listener, secret, outside="linked.txt")
    result = kg("check", "--triples", folder, "--sources", sources)
    assert result.exit_code == 1
    assert "kg:sourceFile 'linked.txt' is not inside the sources folder" in result.output
    assert SECRET_MARK not in result.output


def test_a_parser_that_reaches_for_the_network_is_stopped(tmp_path, listener):
    import urllib.request

    from graph.errors import LoadError
    from graph.inputs import guarded_parse

    path = tmp_path / "x.ttl"
    path.write_text("")
    with pytest.raises(LoadError, match="the parser tried to reach the network"):
        with guarded_parse(path, "turtle"):  # what any parser's fetch would do inside the guard
            urllib.request.urlopen(f"http://{listener.address}/", timeout=5)
    assert listener.connections == 0


def test_a_file_over_the_size_limit_is_a_named_error(monkeypatch, mini_triples, sources):
    from graph import inputs

    monkeypatch.setattr(inputs, "MAX_FILE_BYTES", 1000)
    result = kg("check", "--triples", mini_triples, "--sources", sources)
    assert result.exit_code == 1
    assert "over the limit of 1,000 (split it, or raise $KG_MAX_FILE_BYTES)" in result.output


def test_a_parse_over_the_time_limit_is_stopped_with_a_named_error(monkeypatch, tmp_path):
    import graph
    from graph import inputs
    from graph.errors import LoadError

    lines = "".join(f"<urn:s{i}> <urn:p> \"{'x' * 50}\" .\n" for i in range(100_000))
    folder = make_triples(tmp_path, extra={"big.ttl": lines})
    monkeypatch.setattr(inputs, "PARSE_SECONDS", 0.05)
    with pytest.raises(LoadError, match=r"big.ttl: parsing took longer than 0.05 s and was stopped"):
        graph.load(folder)


def test_a_long_wrong_quote_is_reported_quickly_and_clipped(tmp_path, sources):
    quote = ("In 2007, Kingsoft finally went public. " * 4000)[:150_000]
    data = (FIXTURES / "mini" / "data.ttl").read_text(encoding="utf-8")
    data += ('\nkgr:claim-long a kg:Claim ; skos:prefLabel "A long claim"@en ; kg:about kgr:kingsoft ;\n'
             f'    kg:evidence [ a kg:Evidence ; kg:source kgr:source-speech-2022 ; kg:quote "{quote}" ] .\n')
    folder = make_triples(tmp_path, extra={"data.ttl": data})
    started = time.monotonic()
    result = kg("check", "--triples", folder, "--sources", sources)
    assert time.monotonic() - started < 15  # 26 s in the quote hint alone before
    assert result.exit_code == 1
    assert "quote not found verbatim" in result.output and "(150,000 characters)" in result.output
    assert len(result.output) < 10_000


# --------------------------------------------------------------------------- nothing skipped silently


def _without_root_powers(args, cwd) -> subprocess.CompletedProcess:
    """Run ``python -m graph ARGS`` so that file permissions hold: root reads every folder,
    so as root it runs without the capabilities that override them (util-linux ``setpriv``)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), KG_PROGRESS="0")
    prefix = []
    if os.geteuid() == 0:
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--inh-caps=-all", "--"]
    return subprocess.run([*prefix, sys.executable, "-m", "graph", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def open_tmp(tmp_path):
    yield tmp_path
    for p in [tmp_path, *tmp_path.rglob("*")]:  # let pytest clean up
        if not p.is_symlink():
            p.chmod(0o755)


def test_an_unreadable_folder_is_a_problem_and_the_build_writes_nothing(open_tmp, sources_dir):
    folder = make_triples(open_tmp, FIXTURES / "mini" / "data.ttl")
    shutil.copytree(sources_dir, open_tmp / "sources")
    (folder / "people").mkdir()
    shutil.copy(FIXTURES / "bad" / "undefined-entity.ttl", folder / "people" / "more.ttl")
    out = open_tmp / "exports"
    out.mkdir()
    (out / "graph.ttl").write_text("previous build\n")
    (folder / "people").chmod(0o000)
    checked = _without_root_powers(["check", "--triples", folder, "--sources", open_tmp / "sources"], open_tmp)
    built = _without_root_powers(["build", "--triples", folder, "--exports", out, "--sources", open_tmp / "sources"],
                             open_tmp)
    for run in (checked, built):
        assert run.returncode == 1, run.stdout + run.stderr
        assert f"{folder / 'people'}: [readable-input] cannot read this folder: Permission denied" in run.stdout + run.stderr
    assert [p.name for p in out.iterdir()] == ["graph.ttl"]
    assert (out / "graph.ttl").read_text() == "previous build\n"


def test_an_unreadable_file_is_a_problem(open_tmp, sources_dir):
    folder = make_triples(open_tmp, FIXTURES / "mini" / "data.ttl", FIXTURES / "bad" / "undefined-entity.ttl")
    (folder / "undefined-entity.ttl").chmod(0o000)
    run = _without_root_powers(["check", "--triples", folder, "--sources", sources_dir], open_tmp)
    assert run.returncode == 1
    assert f"{folder / 'undefined-entity.ttl'}: [readable-input] cannot read: permission denied" in run.stdout


@pytest.mark.parametrize("kind", ["symlink-out", "fifo", "broken-symlink", "device", "socket"])
def test_an_entry_that_is_no_file_of_the_folder_is_a_problem_and_the_build_writes_nothing(
        tmp_path, sources_dir, secret, kind):
    folder = make_triples(tmp_path, FIXTURES / "mini" / "data.ttl")
    entry = folder / "people.ttl"
    if kind == "symlink-out":
        (tmp_path / "elsewhere.ttl").write_text("<urn:a> <urn:b> <urn:c> .\n")
        entry.symlink_to(tmp_path / "elsewhere.ttl")
        expected = "symlink leaves the triples folder"
    elif kind == "fifo":
        os.mkfifo(entry)  # opening it would block the check for ever
        expected = "a FIFO (named pipe), not a file"
    elif kind == "device":
        if os.geteuid() != 0:
            pytest.skip("making a device file needs root")
        os.mknod(entry, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # /dev/null's numbers
        expected = "a character device, not a file"
    elif kind == "socket":
        import socket as sockets

        server = sockets.socket(sockets.AF_UNIX)
        server.bind(str(entry))
        server.close()
        expected = "a socket, not a file"
    else:
        entry.symlink_to(folder / "nowhere.ttl")
        expected = "broken symlink"
    out = tmp_path / "exports"
    for result in (kg("check", "--triples", folder, "--sources", sources_dir),
                   kg("build", "--triples", folder, "--exports", out, "--sources", sources_dir)):
        assert result.exit_code == 1
        assert f"{entry}: [readable-input] {expected}" in result.output, result.output
    assert not out.exists()
    import graph
    from graph.errors import LoadError

    with pytest.raises(LoadError, match=re.escape(expected)):
        graph.load(folder)


def test_a_symlink_inside_the_folder_is_followed(tmp_path, sources_dir):
    folder = make_triples(tmp_path, extra={"real/data.ttl": (FIXTURES / "mini" / "data.ttl").read_text()})
    (folder / "linked.ttl").symlink_to(folder / "real" / "data.ttl")
    from graph.inputs import scan_triples

    files, problems = scan_triples(folder)
    assert problems == [] and folder / "linked.ttl" in files


def test_a_fifo_among_the_saved_queries_is_a_named_error_not_a_hang(mini_triples):
    os.mkfifo(mini_triples / "queries" / "stuck.rq")
    result = kg("query", "--list", "--triples", mini_triples)
    assert result.exit_code == 1
    assert "stuck.rq: a FIFO (named pipe), not a file" in result.output


def test_a_fifo_among_the_coverage_ignores_is_a_named_problem_not_a_hang(mini_triples, sources):
    (mini_triples / "coverage").mkdir()
    os.mkfifo(mini_triples / "coverage" / "ignores.ttl")
    result = kg("coverage", "--triples", mini_triples, "--sources", sources)
    assert result.exit_code == 1
    assert "ignores.ttl: a FIFO (named pipe), not a file" in result.output
