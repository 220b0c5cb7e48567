"""Progress bars for the stages that take more than a second, on a terminal.

Library code marks its stages with :func:`stage`; nothing is shown unless a caller
(the ``kg`` command on a terminal) has called :func:`activate`. A stage that ends
within ``delay`` seconds (one by default) prints nothing; a longer one gets a live
line on stderr, redrawn ten times a second by a background thread (so it moves even
while Oxigraph or networkx hold the thread), and a final line with its time:

    ⠼ load triples  ███████████░░░░░░░░░  57%  22.6/39.8 MB  2.1 s
    ✓ load triples  39.8 MB  4.7 s

A stage with a ``total`` shows a bar; without one, a spinner and the elapsed time.
Stages nest: the line shows ``outer › inner``.

>>> import io
>>> out = io.StringIO()
>>> activate(out, delay=0, redraw=False)
>>> with stage("count", total=3, unit="files") as bar:
...     for _ in range(3):
...         bar.advance()
>>> deactivate()
>>> print(out.getvalue().split("\\r")[-1].strip())  # doctest: +ELLIPSIS
✓ count  3 files  0.0 s
>>> with stage("silent") as bar:  # not active: a no-op
...     bar.advance()
"""

from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager

__all__ = ["activate", "deactivate", "active", "stage"]

_SPIN = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
_WIDTH = 24


class _Stage:
    __slots__ = ("name", "total", "unit", "done", "start", "shown")

    def __init__(self, name, total, unit):
        self.name, self.total, self.unit = name, total, unit
        self.done, self.start, self.shown = 0, time.perf_counter(), False

    def advance(self, n: float = 1) -> None:
        """Count ``n`` more units of work done."""
        self.done += n


class _Null:
    def advance(self, n: float = 1) -> None:
        pass


_NULL = _Null()


class _Reporter:
    def __init__(self, stream, delay: float, redraw: bool):
        self.stream, self.delay = stream, delay
        self.stack: list[_Stage] = []
        self.lock = threading.Lock()
        self.width = 0
        self.stopped = threading.Event()
        self.thread = None
        if redraw:
            self.thread = threading.Thread(target=self._tick, name="kg-progress", daemon=True)
            self.thread.start()

    def _tick(self):
        while not self.stopped.wait(0.1):
            self.draw()

    @staticmethod
    def _amount(st: _Stage, final: bool = False) -> str:
        """``done/total unit`` while running; the total (or what was done) at the end."""
        if final or not st.total:
            n = st.total or st.done
            if not n and st.unit != "B":
                return ""
            return f"{n / 1e6:.1f} MB" if st.unit == "B" else f"{n:,.0f} {st.unit}".rstrip()
        if st.unit == "B":
            return f"{st.done / 1e6:.1f}/{st.total / 1e6:.1f} MB"
        return f"{st.done:,.0f}/{st.total:,.0f} {st.unit}".rstrip()

    def _write(self, text: str, end: str = "") -> None:
        pad = max(0, self.width - len(text))
        self.stream.write("\r" + text + " " * pad + end)
        self.stream.flush()
        self.width = 0 if end else len(text)

    def draw(self):
        with self.lock:
            if not self.stack:
                return
            st = self.stack[-1]
            elapsed = time.perf_counter() - st.start
            if elapsed < self.delay and not st.shown:
                return
            st.shown = True
            name = " › ".join(s.name for s in self.stack)
            parts = [_SPIN[int(elapsed * 10) % len(_SPIN)], name]
            if st.total:
                frac = min(1.0, st.done / st.total)
                filled = int(frac * _WIDTH)
                parts += ["█" * filled + "░" * (_WIDTH - filled), f"{frac:4.0%}"]
            amount = self._amount(st)
            if amount:
                parts.append(amount)
            parts.append(f"{elapsed:.1f} s")
            self._write("  ".join(parts))

    def finish(self, st: _Stage, failed: bool = False):
        with self.lock:
            if self.stack and self.stack[-1] is st:
                self.stack.pop()
            elapsed = time.perf_counter() - st.start
            if not (st.shown or elapsed >= self.delay):
                return
            name = " › ".join([s.name for s in self.stack] + [st.name])
            mark = "✗" if failed else "✓"
            self._write("  ".join(p for p in (mark, name, self._amount(st, final=True), f"{elapsed:.1f} s") if p),
                        end="\n")

    def close(self):
        self.stopped.set()
        if self.thread is not None:
            self.thread.join()


_REPORTER: _Reporter | None = None
_FORK_HELD: list = []


def _before_fork() -> None:
    # Hold the reporter's lock across a fork: the drawing thread writes to stderr only
    # under it, so no child is born with stderr's buffer locked by a thread it lacks.
    reporter = _REPORTER
    if reporter is not None:
        reporter.lock.acquire()
        _FORK_HELD.append(reporter)


def _after_fork_in_parent() -> None:
    while _FORK_HELD:
        _FORK_HELD.pop().lock.release()


def _after_fork_in_child() -> None:
    global _REPORTER
    _FORK_HELD.clear()
    _REPORTER = None  # children never draw: the parent owns the terminal line


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_in_parent,
                        after_in_child=_after_fork_in_child)


def activate(stream=None, *, delay: float = 1.0, redraw: bool = True) -> None:
    """Show progress on ``stream`` (default ``sys.stderr``) for stages longer than ``delay`` s."""
    import sys

    import atexit

    global _REPORTER
    deactivate()
    _REPORTER = _Reporter(stream or sys.stderr, delay, redraw)
    atexit.unregister(deactivate)  # once, however often activate is called:
    atexit.register(deactivate)  # stop the drawing thread before the interpreter shuts down


def deactivate() -> None:
    """Stop showing progress (also what a forked child does first)."""
    global _REPORTER
    if _REPORTER is not None:
        _REPORTER.close()
    _REPORTER = None


def active() -> bool:
    return _REPORTER is not None


@contextmanager
def stage(name: str, total: float | None = None, unit: str = ""):
    """Mark a stage of work; yields an object whose ``advance(n)`` counts progress."""
    reporter = _REPORTER
    if reporter is None:
        yield _NULL
        return
    st = _Stage(name, total, unit)
    with reporter.lock:
        reporter.stack.append(st)
    try:
        yield st
    except BaseException:
        reporter.finish(st, failed=True)
        raise
    reporter.finish(st)
