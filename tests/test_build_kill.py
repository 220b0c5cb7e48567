"""`kg build` killed at any moment leaves exactly the previous exports or exactly the new
ones, leaves no process behind, and its leftovers are cleaned by the next build."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, make_triples

KILLS = 24  # at least 20, spread over the whole run


def _snapshot(folder: Path) -> dict:
    return {p.name: p.read_bytes() if p.is_file() else "(a folder)" for p in sorted(folder.iterdir())}


def _build_cmd(triples, exports, sources):
    return [sys.executable, "-m", "graph", "--no-progress", "build", "--triples", str(triples),
            "--exports", str(exports), "--sources", str(sources)]


def _env(mark: str) -> dict:
    return dict(os.environ, PYTHONPATH=str(ROOT), KG_TEST_BUILD_MARK=mark)


def _marked(mark: str) -> list[int]:
    """Every live process whose environment carries ``mark`` (the build and its children)."""
    found = []
    needle = f"KG_TEST_BUILD_MARK={mark}".encode()
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                if needle in f.read().split(b"\0"):
                    with open(f"/proc/{pid}/stat") as st:
                        if st.read().rsplit(")", 1)[1].split()[0] != "Z":
                            found.append(int(pid))
        except OSError:
            continue
    return found


def _wait_gone(mark: str, seconds: float = 10) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := _marked(mark)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


@pytest.mark.slow
def test_a_build_killed_anywhere_leaves_the_old_set_or_the_new_one_and_no_process(tmp_path, sources_dir):
    old_triples = make_triples(tmp_path / "old", FIXTURES / "mini" / "data.ttl")
    new_data = (FIXTURES / "mini" / "data.ttl").read_text(encoding="utf-8").replace(
        '"American e-commerce company."@en', '"American e-commerce and cloud company."@en')
    new_triples = make_triples(tmp_path / "new", extra={"data.ttl": new_data})
    exports = tmp_path / "exports"
    durations = []
    for triples, folder in ((new_triples, tmp_path / "fresh"), (old_triples, exports)):
        started = time.monotonic()
        subprocess.run(_build_cmd(triples, folder, sources_dir), env=_env("setup"), check=True,
                       capture_output=True, timeout=300)
        durations.append(time.monotonic() - started)
    # the kills are spread over 1.5 times the slower setup build: on a busy machine a build
    # takes longer than it did in the setup, and kills spread over its time alone all
    # landed before the swap
    duration = 1.5 * max(durations)
    new, old = _snapshot(tmp_path / "fresh"), _snapshot(exports)
    assert new != old and set(new) == set(old)

    outcomes = []
    for i in range(KILLS):
        mark = uuid.uuid4().hex
        shutil.rmtree(exports)
        exports.mkdir()
        for name, data in old.items():
            (exports / name).write_bytes(data)
        proc = subprocess.Popen(_build_cmd(new_triples, exports, sources_dir), env=_env(mark),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * (i + 0.5) / KILLS)  # from start-up to the final swap
        sig = signal.SIGINT if i % 4 == 3 else signal.SIGKILL  # Ctrl-C too
        proc.send_signal(sig)
        proc.wait(60)
        assert _wait_gone(mark) == [], f"kill {i} ({sig.name}): processes of the build left behind"
        now = _snapshot(exports)
        assert now in (old, new), f"kill {i} ({sig.name} at {duration * (i + 0.5) / KILLS:.2f} s): a mixed set"
        outcomes.append("new" if now == new else "old")
    assert "old" in outcomes and "new" in outcomes, outcomes  # the kills spanned the swap

    # the next build cleans what the killed ones left beside and inside the exports folder
    subprocess.run(_build_cmd(new_triples, exports, sources_dir), env=_env("after"), check=True,
                   capture_output=True, timeout=300)
    assert _snapshot(exports) == new
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".exports")] == []


def test_the_next_build_removes_a_killed_build_s_staging_and_temp_files(mini_triples, sources_dir, tmp_path):
    from graph.export import build

    exports = tmp_path / "exports"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)  # a process id that has ended
    staging = tmp_path / f".exports.kg-build-{dead_pid}-abc123"
    staging.mkdir()
    (staging / "graph.ttl").write_text("half-written\n")
    live = tmp_path / f".exports.kg-build-{os.getpid()}-live"  # a build still running: left alone
    live.mkdir()
    exports.mkdir()
    (exports / ".graph.ttl.x1y2.tmp").write_text("temp file of an older build\n")
    (exports / ".kg-build-old").mkdir()
    (exports / "README.md").write_text("someone's notes\n")
    build(mini_triples, exports, sources_dir)
    assert not staging.exists() and live.exists()
    assert sorted(p.name for p in exports.iterdir() if p.name.startswith(".")) == []
    assert (exports / "README.md").read_text() == "someone's notes\n"  # carried over by the swap


def test_a_missing_exports_folder_is_put_back_from_an_abandoned_swap(mini_triples, sources_dir, tmp_path):
    from graph.export import clean_leftovers

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    aside = tmp_path / f".exports.kg-build-{int(dead.stdout)}-abc123.old"
    aside.mkdir()
    (aside / "graph.ttl").write_text("the previous set\n")
    clean_leftovers(tmp_path / "exports")
    assert (tmp_path / "exports" / "graph.ttl").read_text() == "the previous set\n"


def test_swapping_replaces_the_whole_folder_at_once(tmp_path):
    from graph.export import swap_in

    old, new = tmp_path / "exports", tmp_path / ".exports.kg-build-1-x"
    old.mkdir()
    new.mkdir()
    (old / "a").write_text("old a")
    (old / "b").write_text("old b")
    (new / "a").write_text("new a")
    (new / "b").write_text("new b")
    inode = old.stat().st_ino
    swap_in(new, old)
    assert {p.name: p.read_text() for p in old.iterdir()} == {"a": "new a", "b": "new b"}
    assert {p.name: p.read_text() for p in new.iterdir()} == {"a": "old a", "b": "old b"}
    assert new.stat().st_ino == inode  # exchanged, not copied


def test_a_forked_child_dies_with_its_killed_parent(tmp_path):
    """A build child waiting on a pipe (the timeline child, before it is given work) ends
    when its parent is killed with SIGKILL."""
    mark = uuid.uuid4().hex
    code = ("from graph.background import Background\n"
            "job = Background(preload=['fractions'])\n"
            "spawned = Background(spawn=True)\n"
            "print('ready', flush=True)\n"
            "import time; time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], env=_env(mark), stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    # the parent, the forked child, the spawned one (and, for a spawned child, the resource
    # tracker multiprocessing starts beside it)
    assert len(_marked(mark)) >= 3
    proc.kill()
    proc.wait(10)
    assert _wait_gone(mark) == []
