"""The persistent index: read commands answer from an on-disk Oxigraph store beside the
data, rebuilt when any input changed, never trusted when broken, safe when two commands
start at once, and the same answers as reading the files."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, SOURCES, TRIPLES

KG = [sys.executable, "-m", "graph.cli"]


def clean_env(**extra) -> dict:
    """The environment without the suite's KG_INDEX=0 (and any other KG_ setting)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    base.update(extra)
    return base


def kg(*args, env=None, cwd=None):
    return subprocess.run(KG + [str(a) for a in args], capture_output=True, text=True, env=clean_env(**(env or {})),
                          cwd=cwd, timeout=300)


@pytest.fixture
def story(tmp_path) -> Path:
    """A copy of the curated triples (no index in it yet)."""
    folder = tmp_path / "triples"
    shutil.copytree(TRIPLES, folder, ignore=shutil.ignore_patterns(".kg", "sources"))
    return folder


def rows(csv_text: str) -> list:
    """The rows of a CSV answer, in order-free form: SPARQL leaves the order of rows and
    of the values GROUP_CONCAT joins unspecified (Oxigraph and rdflib's engine differ)."""
    import csv
    import io
    import re

    return sorted(tuple(" ~ ".join(sorted(re.split(r" \| |, ", cell))) for cell in row)
                  for row in csv.reader(io.StringIO(csv_text)))


def index_builds(folder: Path) -> list[str]:
    return sorted(p.name for p in (folder / ".kg" / "index").iterdir() if p.is_dir() and not p.is_symlink())


def test_the_first_read_builds_the_index_and_says_so_the_next_is_silent(story):
    first = kg("query", "founders", "--format", "csv", "--triples", story)
    assert first.returncode == 0, first.stderr
    assert "kg: building the index in" in first.stderr and "(no index yet)" in first.stderr
    second = kg("query", "founders", "--format", "csv", "--triples", story)
    assert second.returncode == 0 and second.stderr == "" and second.stdout == first.stdout
    assert len(index_builds(story)) == 1 and (story / ".kg" / "index" / "current").is_symlink()


def test_every_saved_query_answers_from_the_index_what_the_files_give(story):
    import graph

    names = sorted(graph.saved_queries(story))
    assert len(names) >= 15
    for name in names:
        indexed = kg("query", name, "--format", "csv", "--triples", story)
        files = kg("query", name, "--format", "csv", "--triples", story, env={"KG_INDEX": "0"})
        assert indexed.returncode == files.returncode == 0, (name, indexed.stderr, files.stderr)
        got, want = rows(indexed.stdout), rows(files.stdout)
        if "SAMPLE(" in graph.saved_queries(story)[name].text:  # SAMPLE picks any value: each engine its own
            got, want = [r[:-1] for r in got], [r[:-1] for r in want]
        assert got == want, name
    shown = [kg("show", "Jinshan", "--triples", story, env=env).stdout for env in ({}, {"KG_INDEX": "0"})]
    assert shown[0] == shown[1] and "Kingsoft" in shown[0]


@pytest.mark.parametrize("command", [
    ["show", "Joyo.com"], ["path", "Lei Jun", "Amazon"], ["search", "卓越"], ["rank", "--top", "15"],
    ["communities"], ["timeline", "Joyo.com"], ["stats", "--json"],
])
def test_every_read_command_answers_from_the_index_what_the_files_give(story, command):
    sources = ["--sources", str(SOURCES)] if command[0] == "stats" else []
    indexed = kg(*command, "--triples", story, *sources)
    files = kg(*command, "--triples", story, *sources, env={"KG_INDEX": "0"})
    assert indexed.returncode == files.returncode == 0, (indexed.stderr, files.stderr)
    assert indexed.stdout == files.stdout and indexed.stdout.strip()


def test_the_counts_and_names_are_kept_beside_the_index_and_made_again_when_their_code_changes(story):
    first = kg("stats", "--json", "--triples", story)
    assert first.returncode == 0, first.stderr
    kept = story / ".kg" / "index" / "current" / "stats.json"
    key, _, counts = kept.read_text(encoding="utf-8").partition("\n")
    assert json.loads(counts)["triples"] == json.loads(first.stdout)["triples"] > 4000
    # what is kept is what is read: a planted count comes back while the key matches ...
    kept.write_text(key + "\n" + counts.replace('"triples": ', '"triples": 1', 1), encoding="utf-8")
    planted = kg("stats", "--json", "--triples", story)
    assert json.loads(planted.stdout)["triples"] == int("1" + str(json.loads(first.stdout)["triples"]))
    # ... and a key that is not the code's (the counting code changed) is counted again
    kept.write_text("stale-key\n" + counts.replace('"triples": ', '"triples": 1', 1), encoding="utf-8")
    again = kg("stats", "--json", "--triples", story)
    assert again.stdout == first.stdout and kept.read_text(encoding="utf-8").startswith(key + "\n")
    shown = kg("show", "Jinshan", "--triples", story)
    assert shown.returncode == 0 and (story / ".kg" / "index" / "current" / "names.json").is_file()
    assert kg("show", "Jinshan", "--triples", story).stdout == shown.stdout


def test_a_changed_file_rebuilds_the_index_and_the_answer_follows(story):
    kg("query", "founders", "--triples", story)
    people = story / "entities" / "people.ttl"
    people.write_text(people.read_text(encoding="utf-8").replace('"Lei Jun"@en', '"Lei Jun (edited)"@en', 1),
                      encoding="utf-8")
    again = kg("query", "founders", "--format", "csv", "--triples", story)
    assert again.returncode == 0
    assert "the triples changed since the index was built" in again.stderr
    assert "Lei Jun (edited)" in again.stdout
    assert len(index_builds(story)) == 2  # the new build and the one before (a reader may hold it)


def test_a_broken_index_is_rebuilt_not_trusted(story):
    kg("query", "founders", "--triples", story)
    (build,) = index_builds(story)
    store = story / ".kg" / "index" / build / "store"
    for f in store.iterdir():
        if f.is_file():
            f.write_bytes(b"\0garbage\0" * 10)
    again = kg("query", "founders", "--format", "csv", "--triples", story)
    assert again.returncode == 0, again.stderr
    assert "building the index" in again.stderr and "could not be read" in again.stderr
    assert "lei-jun" in again.stdout


def test_two_commands_started_at_once_build_one_index(story):
    procs = [subprocess.Popen(KG + ["query", "founders", "--format", "csv", "--triples", str(story)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=clean_env())
             for _ in range(3)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1] for o in outs]
    assert len({o[0] for o in outs}) == 1 and "lei-jun" in outs[0][0]
    assert sum("building the index" in o[1] for o in outs) == 1
    assert len(index_builds(story)) == 1


def test_a_killed_build_leaves_the_previous_index_in_use_and_is_cleaned_up(story):
    kg("query", "founders", "--triples", story)
    (before,) = index_builds(story)
    (story / "statements.ttl").write_text((story / "statements.ttl").read_text(encoding="utf-8") + "\n# edited\n",
                                          encoding="utf-8")
    for delay in (0.3, 0.6, 0.9, 1.2):
        p = subprocess.Popen(KG + ["query", "founders", "--triples", str(story)], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env=clean_env())
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
        current = os.readlink(story / ".kg" / "index" / "current")
        assert current == before or (story / ".kg" / "index" / current / "STAMP").is_file()
    done = kg("query", "founders", "--format", "csv", "--triples", story)
    assert done.returncode == 0 and "lei-jun" in done.stdout
    builds = index_builds(story)
    assert not [b for b in builds if b.startswith("build-")] and len(builds) <= 2


def test_a_folder_where_no_index_can_be_kept_is_read_from_its_files(tmp_path):
    folder = tmp_path / "triples"
    folder.mkdir()
    shutil.copy(FIXTURES / "mini" / "data.ttl", folder)
    (folder / ".kg").write_text("not a folder", encoding="utf-8")
    result = kg("query", "SELECT ?o WHERE { kgr:joyo-sale kg:buyer ?o }", "--format", "csv", "--triples", folder)
    assert result.returncode == 0
    assert "cannot keep an index in" in result.stderr and "reading the files instead" in result.stderr
    assert "amazon" in result.stdout


def test_no_index_or_kg_index_0_reads_the_files(story):
    for args, env in ((["--no-index"], {}), ([], {"KG_INDEX": "0"})):
        result = kg("query", "founders", *args, "--triples", story, env=env)
        assert result.returncode == 0
    assert not (story / ".kg" / "index").exists()


def test_a_malformed_file_is_the_loaders_error_and_no_index_is_made(story):
    (story / "broken.ttl").write_text("kgr:x a kg:Person ;;; .\n", encoding="utf-8")
    result = kg("query", "founders", "--triples", story)
    assert result.returncode == 1
    assert "broken.ttl:1" in result.stderr and "Traceback" not in result.stderr
    assert not (story / ".kg" / "index" / "current").exists()


NO_RDFLIB = """
import sys
from graph.cli import main
sys.argv = ["kg", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print("imported:", "rdflib" in sys.modules, "networkx" in sys.modules, file=sys.stderr)
"""


@pytest.mark.parametrize("command", [
    ["show", "Jinshan"], ["path", "Lei Jun", "Amazon"], ["stats"], ["rank", "--top", "5"], ["communities"],
    ["query", "founders"],
])
def test_the_read_commands_answer_from_a_warm_index_without_rdflib_or_networkx(story, command):
    first = kg("query", "founders", "--triples", story)  # builds the index
    assert first.returncode == 0, first.stderr
    run = subprocess.run([sys.executable, "-c", NO_RDFLIB, *command, "--triples", str(story)], capture_output=True,
                         text=True, env=clean_env(), timeout=300)
    assert run.stdout.strip(), run.stderr
    rdflib_loaded, networkx_loaded = run.stderr.strip().splitlines()[-1].split()[1:]
    assert rdflib_loaded == "False", run.stderr
    if command[0] in ("show", "stats", "query"):  # path, rank and communities run networkx's algorithms
        assert networkx_loaded == "False", run.stderr


def test_kg_serve_s_server_process_opens_a_warm_index_without_rdflib(story):
    kg("query", "founders", "--triples", story)
    code = ("import sys\nfrom graph.serve import create_app\napp = create_app(sys.argv[1])\n"
            "print('rdflib' in sys.modules, app.state.triples)")
    run = subprocess.run([sys.executable, "-c", code, str(story)], capture_output=True, text=True, env=clean_env(),
                         timeout=300)
    loaded, triples = run.stdout.split()
    assert loaded == "False" and int(triples) > 4000, run.stderr
