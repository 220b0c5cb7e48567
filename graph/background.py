"""Run a function in a child process and collect its result later.

``kg build`` uses this to validate the shapes, draw the timeline and write the large
RDF exports on the second core while the other exports render. Each job is a
one-worker :class:`concurrent.futures.ProcessPoolExecutor`. A forked child shares the
parent's memory, but every page the parent then writes to is copied, so a child that
outlives a lot of work in the parent ends up with a copy of its heap. ``spawn=True``
starts a fresh Python instead (the function and its arguments are pickled), for children
that need little of the parent. Where ``fork`` is unavailable, or the caller asks for it
(``inline=True``), a job simply runs in-process.

A job can also start before its arguments exist: ``Background(preload=modules)`` starts
the child at once, which imports ``modules`` (matplotlib, for the timeline: 0.4 s) and
waits; ``submit(fn, *args)`` then hands it the work.

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
        from concurrent.futures import ProcessPoolExecutor

        self._pool = self._ready = self._work = self._proc = None
        self._waiting, self._value = True, None  # waiting: until submit() gives the work
        try:
            ctx = None if inline else multiprocessing.get_context("spawn" if spawn else "fork")
        except ValueError:  # no fork on this platform
            ctx = None
        if ctx is not None:
            # the worker's first act, before it reads a job: end with this process (killed
            # before it queued the first job, it would otherwise wait on the queue for ever)
            self._pool = ProcessPoolExecutor(1, mp_context=ctx, initializer=die_with_parent, initargs=(os.getpid(),))
            before = set(multiprocessing.active_children())
            # the first job starts the worker now: it imports ``preload`` while this process works
            self._ready = self._pool.submit(_prepare, tuple(preload))
            started = set(multiprocessing.active_children()) - before
            self._proc = started.pop() if len(started) == 1 else None  # to stop it, and to read its exit code
        if fn is not None:
            self.submit(fn, *args)

    def submit(self, fn, *args) -> "Background":
        """Give a job started without its work (``Background(preload=...)``) its function
        and arguments; returns the job."""
        if not self._waiting:
            raise RuntimeError("this job already has its work")
        self._waiting = False
        if self._pool is None:  # no child: run it here
            self._value = fn(*args)
        else:
            self._work = self._pool.submit(fn, *args)
        return self

    def cancel(self) -> None:
        """Stop the child if it is still running (its result is then never read)."""
        self._waiting = False
        if self._pool is None:
            return
        if self._proc is not None and self._proc.is_alive():
            self._proc.kill()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = self._work = self._ready = None

    def result(self):
        """Wait for the child and return what ``fn`` returned (or raise RuntimeError)."""
        if self._waiting:
            raise RuntimeError("this job was never given its work (see submit)")
        if self._pool is None:
            return self._value
        from concurrent.futures.process import BrokenProcessPool

        try:
            self._ready.result()
            self._value = self._work.result()
        except BrokenProcessPool:
            # the executor's own thread reaps the dead worker: read its exit code once the
            # executor is shut down (a concurrent wait can see no code yet)
            self._pool.shutdown(wait=True)
            code = self._proc.exitcode if self._proc is not None else None
            raise RuntimeError(f"the worker process died (exit code {code})") from None
        except Exception as exc:  # raised in the child (its traceback stays there)
            raise RuntimeError(f"{type(exc).__name__}: {exc}") from None
        finally:
            self._pool.shutdown(wait=True)
            self._pool = None  # later calls return the same answer (or the one below)
        return self._value


def _prepare(preload: tuple) -> None:
    """The child's first job: keep its own output out of the parent's, and import ``preload``."""
    import gc
    import importlib
    import sys

    gc.disable()  # a collection would touch (and so copy) every page shared with a forking parent
    sys.stdout = sys.stderr  # whatever a job prints stays out of the parent's standard output
    for name in preload:
        importlib.import_module(name)
