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

        self._proc = self._popen = None
        if spawn and not inline:
            self._spawn(fn, args)
            return
        try:
            ctx = None if inline else multiprocessing.get_context("fork")
        except ValueError:
            ctx = None
        if ctx is None:
            self._value = fn(*args)
            return
        self._recv, send = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(target=_child, args=(send, fn, args), daemon=True)
        self._proc.start()
        send.close()

    def _spawn(self, fn, args) -> None:
        import os
        import pickle
        import subprocess
        import sys
        from pathlib import Path

        payload = pickle.dumps((fn, args), protocol=pickle.HIGHEST_PROTOCOL)
        root = str(Path(__file__).resolve().parent.parent)  # the child imports this same graph package
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, (root, os.environ.get("PYTHONPATH")))))
        self._popen = subprocess.Popen([sys.executable, "-c", "from graph.background import _spawned; _spawned()"],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        try:
            self._popen.stdin.write(payload)
            self._popen.stdin.close()
        except BrokenPipeError:  # it died at start: result() says why
            pass
        self._popen.stdin = None

    def cancel(self) -> None:
        """Stop the child if it is still running (its result is then never read)."""
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


def _spawned() -> None:
    """The spawned child's side: read ``(fn, args)`` pickled on stdin, write the pickled
    ``("ok", result)`` or ``("error", message)`` on stdout."""
    import pickle
    import sys

    fn, args = pickle.load(sys.stdin.buffer)
    answer_to, sys.stdout = sys.stdout.buffer, sys.stderr  # whatever fn prints stays out of the answer
    try:
        answer = ("ok", fn(*args))
    except BaseException as exc:  # reported to the parent, which raises
        answer = ("error", f"{type(exc).__name__}: {exc}")
    answer_to.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
    answer_to.flush()
