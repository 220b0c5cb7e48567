"""`graph.background.Background`: a job in a forked or a freshly started child process,
whose answer, error or death reaches the parent."""

from __future__ import annotations

import os

import pytest

from graph.background import Background


def _children() -> set[int]:
    found = set()
    for task in os.listdir(f"/proc/{os.getpid()}/task"):
        try:
            with open(f"/proc/{os.getpid()}/task/{task}/children") as f:
                found |= {int(pid) for pid in f.read().split()}
        except FileNotFoundError:  # a thread (the executor's manager) that ended since the listing
            continue
    return found


# a spawned child imports what it runs by name: builtins here, as tests/ is not a package

@pytest.mark.parametrize("spawn", [False, True], ids=["fork", "spawn"])
def test_the_answer_comes_back(spawn):
    job = Background(divmod, 7, 2, spawn=spawn)
    assert job.result() == (3, 1)
    assert job.result() == (3, 1)  # asked again: the same answer, no second wait


@pytest.mark.parametrize("spawn", [False, True], ids=["fork", "spawn"])
def test_what_the_child_prints_does_not_spoil_its_answer(spawn):
    assert Background(exec, "print('some library chatter on stdout')", spawn=spawn).result() is None


@pytest.mark.parametrize("spawn", [False, True], ids=["fork", "spawn"])
def test_an_error_in_the_child_is_raised_in_the_parent(spawn):
    with pytest.raises(RuntimeError, match="ValueError: invalid literal for int"):
        Background(int, "not a number", spawn=spawn).result()


@pytest.mark.parametrize("spawn", [False, True], ids=["fork", "spawn"])
def test_a_child_that_dies_is_reported_with_its_exit_code(spawn):
    with pytest.raises(RuntimeError, match="the worker process died \\(exit code 3\\)"):
        Background(os._exit, 3, spawn=spawn).result()


@pytest.mark.parametrize("spawn", [False, True], ids=["fork", "spawn"])
def test_cancel_stops_the_child(spawn):
    import time

    before = _children()
    job = Background(time.sleep, 60, spawn=spawn)
    assert _children() - before  # running
    job.cancel()
    assert not (_children() - before)  # stopped and reaped
    job.cancel()  # twice is harmless


@pytest.mark.parametrize("spawn", [False, True], ids=["fork", "spawn"])
def test_a_job_started_early_runs_the_work_it_is_given_later(spawn):
    job = Background(preload=["fractions"], spawn=spawn)  # kg build: the timeline's child imports matplotlib
    assert job.submit(divmod, 9, 4) is job
    assert job.result() == (2, 1)
    with pytest.raises(RuntimeError, match="already has its work"):
        job.submit(divmod, 1, 1)


@pytest.mark.parametrize("spawn", [False, True], ids=["fork", "spawn"])
def test_a_module_that_cannot_be_preloaded_is_reported(spawn):
    job = Background(preload=["no_such_module_for_kg"], spawn=spawn)
    with pytest.raises(RuntimeError, match="ModuleNotFoundError: No module named 'no_such_module_for_kg'"):
        job.submit(divmod, 9, 4).result()


@pytest.mark.parametrize("spawn", [False, True], ids=["fork", "spawn"])
def test_a_job_never_given_its_work_says_so_and_cancel_stops_it(spawn):
    before = _children()
    job = Background(preload=(), spawn=spawn)
    assert _children() - before  # started, waiting
    with pytest.raises(RuntimeError, match="never given its work"):
        job.result()
    job.cancel()
    assert not (_children() - before)


@pytest.mark.parametrize("spawn", [False, True], ids=["fork", "spawn"])
def test_a_parent_that_ends_without_giving_the_work_leaves_no_child(spawn):
    # kg build stopped (an error, Ctrl-C) before the timeline's child was given its work
    import subprocess
    import sys

    code = ("from graph.background import Background\n"
            f"job = Background(preload=['fractions'], spawn={spawn})\n"
            "print(job._proc.pid, flush=True)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert not os.path.exists(f"/proc/{int(out.stdout)}/status") or "zombie" in open(f"/proc/{int(out.stdout)}/status").read()
