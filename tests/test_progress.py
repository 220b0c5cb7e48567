"""Progress bars: shown on stages longer than the delay, only when asked for (a terminal)."""

from __future__ import annotations

import io
import time

import pytest
from click.testing import CliRunner

import graph
from graph import progress
from graph.cli import cli


@pytest.fixture
def shown():
    out = io.StringIO()
    progress.activate(out, delay=0, redraw=False)
    yield out
    progress.deactivate()


def _lines(out: io.StringIO) -> list[str]:
    return [part.strip() for part in out.getvalue().replace("\n", "\r").split("\r") if part.strip()]


def test_a_stage_with_a_total_draws_a_bar_then_a_done_line(shown):
    with progress.stage("load triples", total=4_000_000, unit="B") as bar:
        bar.advance(1_000_000)
        progress._REPORTER.draw()
    lines = _lines(shown)
    assert any("load triples" in line and "█" in line and "25%" in line and "1.0/4.0 MB" in line for line in lines)
    assert lines[-1].startswith("✓  load triples  4.0 MB")


def test_nested_stages_show_their_path_and_a_failure_is_marked(shown):
    with pytest.raises(RuntimeError):
        with progress.stage("build"):
            with progress.stage("graph.graphml"):
                progress._REPORTER.draw()
                raise RuntimeError("disk full")
    lines = _lines(shown)
    assert any("build › graph.graphml" in line for line in lines)
    assert any(line.startswith("✗  build › graph.graphml") for line in lines)
    assert lines[-1].startswith("✗  build")


def test_stages_shorter_than_the_delay_print_nothing():
    out = io.StringIO()
    progress.activate(out, delay=5, redraw=True)
    try:
        with progress.stage("quick"):
            time.sleep(0.3)  # the redraw thread ticks meanwhile, but the stage stays under the delay
    finally:
        progress.deactivate()
    assert out.getvalue() == ""


def test_loading_and_checking_report_their_stages(shown, mini_triples, sources_dir):
    graph.check(mini_triples, sources_dir, shacl=False)
    names = " ".join(_lines(shown))
    for stage in ("parse", "check vocabulary, literals and references", "derivation rules", "check aliases and quotes"):
        assert stage in names


def test_the_cli_shows_progress_only_when_asked_or_on_a_terminal(mini_triples, monkeypatch):
    monkeypatch.setenv("KG_PROGRESS_DELAY", "0")
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()
    quiet = runner.invoke(cli, ["stats", "--triples", str(mini_triples)])  # stderr is not a terminal here
    assert quiet.exit_code == 0 and "load triples" not in quiet.stderr
    loud = runner.invoke(cli, ["--progress", "stats", "--triples", str(mini_triples)])
    assert loud.exit_code == 0, loud.output
    assert "✓  load triples" in loud.stderr and "✓  derivation rules" in loud.stderr
    assert "load triples" not in loud.stdout  # the answer on stdout stays clean for pipes
    progress.deactivate()


def test_a_forked_child_never_draws_and_never_inherits_a_held_lock(shown):
    import os

    with progress.stage("parent work"):
        pid = os.fork()
        if pid == 0:  # the child: no reporter, and stage() is a no-op
            code = 0 if (not progress.active() and not progress._FORK_HELD) else 1
            with progress.stage("child work") as bar:
                bar.advance()
            os._exit(code)
        _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 0
    assert not progress._REPORTER.lock.locked()  # released again in the parent
    assert "child work" not in shown.getvalue()
