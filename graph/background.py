"""Run a function in a child process and collect its result later.

``kg build`` uses this to validate the shapes and draw the timeline on the second
core while the other exports render. A forked child shares the parent's memory, but
every page the parent then writes to is copied, so a child that outlives a lot of work
in the parent ends up with a copy of its heap; ``spawn=True`` starts a fresh Python
instead (the function and its arguments are pickled), for children that need little of
the parent. Where ``fork`` is unavailable, or the caller asks for it (pyoxigraph's
store is not fork-safe), the function simply runs in-process.

>>> job = Background(sum, [1, 2, 3])
>>> job.result(), job.result()
(6, 6)
>>> Background(divmod, 7, 2, spawn=True).result()
(3, 1)
"""

from __future__ import annotations

__all__ = ["Background", "forkable"]


def forkable(g) -> bool:
    """True if graph ``g`` may be used in a forked child (rdflib's in-memory store)."""
    return type(g.store).__name__ == "Memory"


class Background:
    """``Background(fn, *args).result()`` is ``fn(*args)``, computed in a child process."""

    def __init__(self, fn, *args, inline: bool = False, spawn: bool = False):
        import multiprocessing

        self._proc = None
        try:
            ctx = None if inline else multiprocessing.get_context("spawn" if spawn else "fork")
        except ValueError:
            ctx = None
        if ctx is None:
            self._value = fn(*args)
            return
        self._recv, send = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(target=_child, args=(send, fn, args), daemon=True)
        self._proc.start()
        send.close()

    def cancel(self) -> None:
        """Stop the child if it is still running (its result is then never read)."""
        if self._proc is not None:
            self._proc.terminate()
            self._proc.join()
            self._recv.close()
            self._proc, self._value = None, None

    def result(self):
        """Wait for the child and return what ``fn`` returned (or raise RuntimeError)."""
        if self._proc is None:
            return self._value
        try:
            status, value = self._recv.recv()
        except EOFError:
            status, value = "error", f"the worker process died (exit code {self._proc.exitcode})"
        self._proc.join()
        self._recv.close()
        self._proc = None  # later calls return the same answer
        if status != "ok":
            self._value = None
            raise RuntimeError(value)
        self._value = value
        return value


def _child(send, fn, args) -> None:
    """The child's side: run ``fn(*args)`` and send back its result or its error."""
    import gc

    gc.disable()  # a collection would touch (and so copy) every page shared with a forking parent
    try:
        send.send(("ok", fn(*args)))
    except BaseException as exc:  # reported to the parent, which raises
        send.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        send.close()
