"""Run a function in a forked child process and collect its result later.

``kg build`` uses this to validate the shapes and draw the timeline on the second
core while the other exports render. Where ``fork`` is unavailable, or the caller
asks for it (pyoxigraph's store is not fork-safe), the function simply runs in-process.

>>> job = Background(sum, [1, 2, 3])
>>> job.result(), job.result()
(6, 6)
"""

from __future__ import annotations

__all__ = ["Background", "forkable"]


def forkable(g) -> bool:
    """True if graph ``g`` may be used in a forked child (rdflib's in-memory store)."""
    return type(g.store).__name__ == "Memory"


class Background:
    """``Background(fn, *args).result()`` is ``fn(*args)``, computed in a child process."""

    def __init__(self, fn, *args, inline: bool = False):
        import multiprocessing

        self._proc = None
        try:
            ctx = None if inline else multiprocessing.get_context("fork")
        except ValueError:
            ctx = None
        if ctx is None:
            self._value = fn(*args)
            return
        self._recv, send = ctx.Pipe(duplex=False)

        def target():
            import gc

            gc.disable()  # a collection would touch (and so copy) every page shared with the parent
            try:
                send.send(("ok", fn(*args)))
            except BaseException as exc:  # reported to the parent, which raises
                send.send(("error", f"{type(exc).__name__}: {exc}"))
            finally:
                send.close()

        self._proc = ctx.Process(target=target, daemon=True)
        self._proc.start()
        send.close()

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
