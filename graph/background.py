"""Run a function in a child process and collect its result later.

``kg build`` uses this to validate the shapes, draw the timeline and write the large
RDF exports on the second core while the other exports render. A forked child shares
the parent's memory, but every page the parent then writes to is copied, so a child
that outlives a lot of work in the parent ends up with a copy of its heap.
``spawn=True`` runs the function in a fresh Python instead (``sys.executable``; the
function and its arguments are pickled, and unlike multiprocessing's "spawn" the
caller's ``__main__`` is not imported again), for children that need little of the
parent. Where ``fork`` is unavailable, or the caller asks for it (pyoxigraph's store is
not fork-safe), a forking job simply runs in-process.

A job can also start before its arguments exist: ``Background(preload=modules)`` starts
the child at once, which imports ``modules`` (matplotlib, for the timeline: 0.4 s) and
waits; ``submit(fn, *args)`` then hands it the work, pickled.

>>> job = Background(sum, [1, 2, 3])
>>> job.result(), job.result()
(6, 6)
>>> Background(divmod, 7, 2, spawn=True).result()
(3, 1)
>>> job = Background(preload=["fractions"])
>>> job.submit(divmod, 9, 4).result()
(2, 1)
"""

from __future__ import annotations

__all__ = ["Background", "die_with_parent"]


def die_with_parent(parent: int) -> None:
    """Make this (child) process end when process ``parent`` does, however it ends: a
    parent killed with SIGKILL runs no clean-up, and a child waiting on a pipe that
    another child also holds open would wait for ever. On Linux the kernel sends the
    child SIGKILL (``prctl(PR_SET_PDEATHSIG)``; it fires when the thread that started
    the child ends, so start children from a thread that lives as long as they should);
    elsewhere a watchdog thread polls the parent's id. A parent already gone ends it now."""
    import os
    import signal
    import sys

    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            _watch_parent(parent)
    else:
        _watch_parent(parent)
    if os.getppid() != parent:  # it died before the line above took effect
        os._exit(1)


def _watch_parent(parent: int) -> None:
    import os
    import threading
    import time

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="kg-watch-parent").start()


class Background:
    """``Background(fn, *args).result()`` is ``fn(*args)``, computed in a child process."""

    def __init__(self, fn=None, *args, inline: bool = False, spawn: bool = False, preload=()):
        import multiprocessing
        import os

        self._proc = self._popen = self._inbox = None
        self._waiting = True  # until submit() gives the work (or a forked child is given it below)
        self._preload = tuple(preload)
        try:
            ctx = None if spawn or inline else multiprocessing.get_context("fork")
        except ValueError:
            ctx = None
        if ctx is None:  # a fresh Python, or no child at all: submit() hands the work over
            if spawn and not inline:
                self._spawn()
            if fn is not None:
                self.submit(fn, *args)
            return
        self._waiting = fn is None
        self._recv, send = ctx.Pipe(duplex=False)
        inbox = None
        if fn is None:
            inbox, self._inbox = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(target=_child, args=(send, fn, args, self._preload, inbox, self._inbox, os.getpid()),
                                 daemon=True)
        self._proc.start()
        send.close()
        if inbox is not None:
            inbox.close()

    def submit(self, fn, *args) -> "Background":
        """Give a job started without its work (``Background(preload=...)``) its function
        and arguments; returns the job."""
        if not self._waiting:
            raise RuntimeError("this job already has its work")
        self._waiting = False
        if self._popen is not None:
            import pickle

            try:
                self._popen.stdin.write(pickle.dumps((fn, args), protocol=pickle.HIGHEST_PROTOCOL))
                self._popen.stdin.close()
            except BrokenPipeError:  # it died at start: result() says why
                pass
            self._popen.stdin = None
        elif self._inbox is not None:
            try:
                self._inbox.send((fn, args))
            except (BrokenPipeError, ConnectionResetError):  # it died at start: result() says why
                pass
            self._inbox.close()
            self._inbox = None
        else:  # no child: run it here
            self._value = fn(*args)
        return self

    def _spawn(self) -> None:
        import os
        import subprocess
        import sys
        from pathlib import Path

        root = str(Path(__file__).resolve().parent.parent)  # the child imports this same graph package
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, (root, os.environ.get("PYTHONPATH")))),
                   KG_PARENT_PID=str(os.getpid()))
        self._popen = subprocess.Popen(
            [sys.executable, "-c", "from graph.background import _spawned; _spawned()", *self._preload],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)

    def cancel(self) -> None:
        """Stop the child if it is still running (its result is then never read)."""
        self._waiting = False
        if self._inbox is not None:
            self._inbox.close()
            self._inbox = None
        if self._popen is not None:
            self._popen.kill()
            self._popen.communicate()
            self._popen, self._value = None, None
        if self._proc is not None:
            self._proc.terminate()
            self._proc.join()
            self._recv.close()
            self._proc, self._value = None, None

    def result(self):
        """Wait for the child and return what ``fn`` returned (or raise RuntimeError)."""
        if self._waiting:
            raise RuntimeError("this job was never given its work (see submit)")
        if self._popen is not None:
            import pickle

            out, err = self._popen.communicate()
            code, self._popen = self._popen.returncode, None
            try:
                status, value = pickle.loads(out)
            except Exception:  # it died without an answer: say how, with its last words
                tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
                status, value = "error", f"the worker process died (exit code {code}) {tail[0]}".strip()
        elif self._proc is not None:
            try:
                status, value = self._recv.recv()
            except EOFError:
                self._proc.join()  # its exit code is known once it is reaped
                status, value = "error", f"the worker process died (exit code {self._proc.exitcode})"
            self._proc.join()
            self._recv.close()
            self._proc = None  # later calls return the same answer
        else:
            return self._value
        if status != "ok":
            self._value = None
            raise RuntimeError(value)
        self._value = value
        return value


def _child(send, fn, args, preload=(), inbox=None, parent_end=None, parent=None) -> None:
    """The child's side: import ``preload``; if ``fn`` is ``None``, wait for ``(fn, args)``
    on ``inbox``; run ``fn(*args)`` and send back its result or its error."""
    import gc
    import importlib

    if parent is not None:
        die_with_parent(parent)

    gc.disable()  # a collection would touch (and so copy) every page shared with a forking parent
    if parent_end is not None:
        parent_end.close()  # the parent's end, inherited: closed, so that its death reads as EOF here
    try:
        for name in preload:
            importlib.import_module(name)
        if fn is None:
            try:
                fn, args = inbox.recv()
            except EOFError:  # cancelled, or the parent stopped before giving the work
                return
        send.send(("ok", fn(*args)))
    except BaseException as exc:  # reported to the parent, which raises
        send.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        send.close()


def _spawned() -> None:
    """The spawned child's side: import the modules named on the command line, read
    ``(fn, args)`` pickled on stdin, write the pickled ``("ok", result)`` or
    ``("error", message)`` on stdout."""
    import importlib
    import os
    import pickle
    import sys

    if os.environ.get("KG_PARENT_PID"):
        die_with_parent(int(os.environ.pop("KG_PARENT_PID")))
    answer_to, sys.stdout = sys.stdout.buffer, sys.stderr  # whatever fn prints stays out of the answer
    try:
        for name in sys.argv[1:]:
            importlib.import_module(name)
        try:
            fn, args = pickle.load(sys.stdin.buffer)
        except EOFError:  # cancelled, or the parent stopped before giving the work
            return
        answer = ("ok", fn(*args))
    except BaseException as exc:  # reported to the parent, which raises
        answer = ("error", f"{type(exc).__name__}: {exc}")
    answer_to.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
    answer_to.flush()
