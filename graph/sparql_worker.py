"""The child side of ``kg serve``'s query pool (:class:`graph.sparql_pool.QueryPool`):
the template process that loads the graph once and forks query workers, each
worker's loop (a memory cap, then jobs in, answers out, until it retires), and the
parent's handle on a worker (:class:`Worker`).
"""

from __future__ import annotations

import sys
import traceback

from .sparql_answer import CACHE_CHARS, PARSES, evaluate, prepare_cached

__all__ = ["zygote_main", "RECYCLE_AFTER", "Worker"]


RECYCLE_AFTER = 1000  # jobs; a worker is then replaced by a fresh fork (whatever it grew goes with it)


class Worker:
    """The parent's handle on one worker process: its connection, its pid, its lane."""

    def __init__(self, worker_id: int, conn, pid: int):
        self.id, self.conn, self.pid = worker_id, conn, pid
        self.lane = "fast"
        self.started = False  # the worker said it took the job it was given

    def give(self, job: dict) -> None:
        self.started = False
        self.conn.send(job)

    def kill(self) -> None:
        import os
        import signal

        try:
            os.kill(self.pid, signal.SIGKILL)  # the zygote reaps it
        except ProcessLookupError:
            pass
        try:
            self.conn.close()
        except OSError:
            pass


def zygote_main(conn, triples_dir: str, settings: dict, address: str, authkey: bytes,
                 parent: int) -> None:  # pragma: no cover - runs in a child process
    """The template process: loads the graph once, parses the saved queries, then forks a
    query worker whenever the server asks. A fork costs milliseconds and shares the
    graph's pages, so a killed or retired worker is replaced at once."""
    import os
    import signal

    from graph.background import die_with_parent
    from graph.index import load_from_index
    from graph.query import saved_queries

    die_with_parent(parent)
    PARSES.budget = settings.get("parse_cache_chars", CACHE_CHARS)
    # The same graph and engine as `kg query` (from the index, copied into memory: a
    # forked worker shares its pages), so answers, even GROUP_CONCAT order, match it.
    g = load_from_index(triples_dir)
    try:
        for saved in saved_queries(triples_dir).values():  # parsed once here, shared by every fork
            prepare_cached(saved.text)
    except Exception:
        pass
    import gc

    gc.collect()
    gc.freeze()  # what is loaded now stays put: a worker's collections do not touch (copy) its pages
    conn.send("ready")
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # forked workers are reaped by the kernel
    me = os.getpid()
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        worker_id = msg
        try:
            pid = os.fork()
        except OSError as exc:
            conn.send(("failed", worker_id, str(exc)))
            continue
        if pid == 0:
            code = 0
            try:
                conn.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                die_with_parent(me)
                _worker_loop(g, worker_id, settings, address, authkey)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        conn.send(("forked", worker_id, pid))


def _worker_loop(g, worker_id: int, settings: dict, address: str, authkey: bytes) -> None:  # pragma: no cover
    import os
    import resource
    from multiprocessing.connection import Client

    max_memory = settings.get("max_memory")
    if max_memory:  # address space beyond what the fork starts with: a runaway query gets MemoryError
        with open("/proc/self/statm") as f:
            size = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = size + max_memory
        if hard == resource.RLIM_INFINITY or limit < hard:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    conn = Client(address, authkey=authkey)
    conn.send(("hello", worker_id, os.getpid()))
    cap, max_bytes = settings["max_results"], settings["max_answer_bytes"]
    for n in range(1, RECYCLE_AFTER + 1):
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        conn.send("started")  # a death from here on is this job's doing (see QueryPool._died)
        retire = n == RECYCLE_AFTER
        try:
            reply = evaluate(g, job, cap, max_bytes)
        except MemoryError:
            reply = {"status": 422, "error": f"The query needed more than this server's limit of "
                                             f"{max_memory // 2**20} MiB of memory per query: narrow it."}
            retire = True  # its heap may be fragmented or half-built: start afresh
        except Exception:  # evaluation errors: log here, tell the client nothing internal
            traceback.print_exc(file=sys.stderr)
            reply = {"status": 500, "error": "The query failed during evaluation; see the server log."}
        reply["retire"] = retire
        try:
            conn.send(reply)
        except MemoryError:
            conn.send({"status": 422, "error": "The answer needed more memory than this server allows per query.",
                       "retire": True})
            return
        if retire:
            return
