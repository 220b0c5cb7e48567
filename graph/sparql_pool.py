"""The query workers of ``kg serve``.

The engine evaluates SPARQL in native code, which a Python thread cannot stop from
outside. So queries run in worker processes, each holding the graph; a worker that
overruns the timeout is killed and replaced (see :class:`QueryPool`). The processes'
own side is :mod:`graph.sparql_worker`; what a worker does with a query is
:mod:`graph.sparql_answer`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .sparql_answer import CACHE_CHARS
from .sparql_worker import Worker, zygote_main

__all__ = ["QueryPool"]

log = logging.getLogger("graph.serve")


class QueryPool:
    """Query workers in two lanes, forked from one template process holding the graph.

    Every query starts in the **fast lane** (``size`` workers). One still running after
    ``fast_budget`` seconds moves, with its worker, to the **slow lane**: the worker's
    CPU priority drops to the lowest (nice 19), a fresh fast worker is forked in its
    place, and the query runs on until ``timeout``. The slow lane holds at most
    ``slow_size`` queries; one more is stopped at once (503, "try later"). The same text
    sent again within :attr:`KNOWN_SLOW_SECONDS` goes straight to the slow lane, waiting
    (at most ``timeout``) for a place there. So a runaway query costs the fast lane
    ``fast_budget`` once and then only spare CPU: small queries keep answering. A slow-lane worker is never reused, a worker is retired
    after :data:`graph.sparql_worker.RECYCLE_AFTER` queries, and a query whose client has gone is stopped
    (the caller cancels :meth:`run`). Each worker is capped at ``max_memory`` bytes of
    address space beyond the graph, each answer at ``max_answer_bytes``.
    """

    def __init__(self, triples_dir, *, size: int = 2, timeout: float = 10.0, max_results: int = 10000,
                 slow_size: int = 4, fast_budget: float = 0.5, max_memory: int = 1 << 30,
                 max_answer_bytes: int = 64 * 2**20, lanes: bool = True, parse_cache_chars: int = CACHE_CHARS):
        import multiprocessing

        if not lanes:  # one lane, first come, first served (what the benchmark compares with)
            fast_budget, slow_size = timeout, 0
        self.lanes = lanes
        self.triples_dir = str(Path(triples_dir).resolve())
        self.size, self.slow_size = size, slow_size
        self.timeout, self.fast_budget = timeout, min(fast_budget, timeout)
        self.max_results, self.max_memory, self.max_answer_bytes = max_results, max_memory, max_answer_bytes
        self.parse_cache_chars = parse_cache_chars
        # how long a request may wait for a free fast worker (queueing harms no one; overload gets a 503)
        self.queue_timeout = max(3 * timeout, 30.0)
        self._ctx = multiprocessing.get_context("spawn")  # never fork a threaded server
        self._fast: list[Worker] = []
        self._slow: set[Worker] = set()
        self._idle = None
        self._tasks: set = set()
        self._waiting: dict = {}
        self._next_id = 0
        self._missing = 0  # fast workers being forked
        self._closed = False
        self.stopped_queries = self.demoted = self.refused_slow = self.cancelled = self.routed_slow = 0
        # texts of queries that overran the fast budget lately: they go straight to the
        # slow lane and wait there for a place, costing the fast lane nothing
        from collections import OrderedDict

        self._known_slow: OrderedDict = OrderedDict()
        self._slow_slots = None

    # ----------------------------------------------------------------- start and stop

    async def start(self) -> None:
        import asyncio
        import os
        import secrets
        import tempfile
        import threading
        from multiprocessing.connection import Listener

        self._loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        self._slow_slots = asyncio.Semaphore(self.slow_size)
        self._socket_dir = tempfile.mkdtemp(prefix="kg-serve-")
        self._authkey = secrets.token_bytes(32)
        self._listener = Listener(os.path.join(self._socket_dir, "workers"), family="AF_UNIX", authkey=self._authkey)
        threading.Thread(target=self._accept, daemon=True, name="kg-worker-accept").start()
        self._zygote_conn, child = self._ctx.Pipe()
        settings = {"max_results": self.max_results, "max_memory": self.max_memory,
                    "max_answer_bytes": self.max_answer_bytes, "parse_cache_chars": self.parse_cache_chars}
        self._zygote = self._ctx.Process(
            target=zygote_main, name="kg-sparql-template", daemon=True,
            args=(child, self.triples_dir, settings, self._listener.address, self._authkey, os.getpid()))
        self._zygote.start()
        child.close()
        ready = await asyncio.to_thread(self._zygote_conn.poll, 120)
        if not ready or self._zygote_conn.recv() != "ready":
            raise RuntimeError("the query workers' template process did not start")
        self._loop.add_reader(self._zygote_conn.fileno(), self._zygote_said)
        for _ in range(self.size):
            w = await self._fork()
            self._fast.append(w)
            self._idle.put_nowait(w)

    def _accept(self) -> None:
        """Accept each forked worker's connection (a thread: Listener.accept blocks)."""
        while True:
            try:
                conn = self._listener.accept()
                kind, worker_id, pid = conn.recv()
            except Exception:
                if self._closed:
                    return
                import time

                time.sleep(0.2)  # e.g. out of file descriptors: try again
                continue
            self._loop.call_soon_threadsafe(self._arrived, worker_id, conn, pid)

    def _arrived(self, worker_id, conn, pid) -> None:
        future = self._waiting.pop(worker_id, None)
        if future is None or future.done():
            Worker(worker_id, conn, pid).kill()
            return
        future.set_result(Worker(worker_id, conn, pid))

    def _zygote_said(self) -> None:
        try:
            kind, worker_id, detail = self._zygote_conn.recv()
        except (EOFError, OSError):
            self._loop.remove_reader(self._zygote_conn.fileno())
            log.error("the query workers' template process is gone; no new workers can start")
            for future in self._waiting.values():
                if not future.done():
                    future.set_exception(RuntimeError("the template process is gone"))
            return
        if kind == "failed":
            future = self._waiting.pop(worker_id, None)
            if future is not None and not future.done():
                future.set_exception(RuntimeError(f"fork failed: {detail}"))

    async def _fork(self) -> Worker:
        import asyncio

        self._next_id += 1
        worker_id = self._next_id
        future = self._loop.create_future()
        self._waiting[worker_id] = future
        self._zygote_conn.send(worker_id)
        try:
            return await asyncio.wait_for(future, 30)
        finally:
            self._waiting.pop(worker_id, None)

    def _replenish(self) -> None:
        """Fork fast workers until the lane is full again, retrying for as long as it takes
        (a fork or an accept can fail while file descriptors run short)."""
        import asyncio

        async def one():
            delay = 0.1
            while not self._closed:
                try:
                    w = await self._fork()
                except Exception as exc:
                    log.warning("could not start a query worker (%s); retrying in %.1f s", exc, delay)
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, 5.0)
                    continue
                self._missing -= 1
                if self._closed:
                    w.kill()
                    return
                self._fast.append(w)
                self._idle.put_nowait(w)
                return

        while len(self._fast) + self._missing < self.size:
            self._missing += 1
            task = self._loop.create_task(one())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    def _drop(self, worker: Worker) -> None:
        """Kill ``worker`` and take it out of its lane; the fast lane is refilled."""
        worker.kill()
        if worker in self._fast:
            self._fast.remove(worker)
        self._slow.discard(worker)
        self._replenish()

    async def close(self) -> None:
        import shutil

        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        for w in list(self._fast) + list(self._slow):
            w.kill()
        self._fast.clear()
        self._slow.clear()
        try:
            self._loop.remove_reader(self._zygote_conn.fileno())
            self._zygote_conn.send(None)
        except (OSError, ValueError, AttributeError):
            pass
        if getattr(self, "_zygote", None) is not None:
            import asyncio

            await asyncio.to_thread(self._zygote.join, 5)
            if self._zygote.is_alive():
                self._zygote.kill()
                await asyncio.to_thread(self._zygote.join, 5)
        try:
            self._listener.close()
        except (OSError, AttributeError):
            pass
        shutil.rmtree(getattr(self, "_socket_dir", ""), ignore_errors=True)

    # ----------------------------------------------------------------- running queries

    async def _reply(self, worker: Worker, timeout: float):
        """The worker's reply, or None if none came within ``timeout`` seconds (cancellable)."""
        import asyncio
        import time

        deadline = time.monotonic() + max(timeout, 0)
        while True:
            if not worker.conn.poll():
                ready = self._loop.create_future()
                fd = worker.conn.fileno()
                self._loop.add_reader(fd, lambda: ready.done() or ready.set_result(True))
                try:
                    await asyncio.wait_for(ready, max(deadline - time.monotonic(), 0))
                except asyncio.TimeoutError:
                    return None
                finally:
                    self._loop.remove_reader(fd)
            reply = await asyncio.to_thread(worker.conn.recv)
            if reply != "started":
                return reply
            worker.started = True  # the acknowledgement: the reply itself comes next

    KNOWN_SLOW = 1024  # query texts remembered as slow
    KNOWN_SLOW_SECONDS = 300.0

    def _is_known_slow(self, key: str) -> bool:
        import time

        expiry = self._known_slow.get(key)
        if expiry is None:
            return False
        if expiry < time.monotonic():
            del self._known_slow[key]
            return False
        return True

    def _remember_slow(self, key: str) -> None:
        import time

        self._known_slow[key] = time.monotonic() + self.KNOWN_SLOW_SECONDS
        self._known_slow.move_to_end(key)
        while len(self._known_slow) > self.KNOWN_SLOW:
            self._known_slow.popitem(last=False)

    async def _run_slow(self, job: dict) -> dict:
        """A query known to be slow: wait for a place in the slow lane (at most the
        timeout), then run it in a worker forked for it, at the lowest CPU priority."""
        import asyncio
        import os

        try:
            await asyncio.wait_for(self._slow_slots.acquire(), self.timeout)
        except asyncio.TimeoutError:
            self.refused_slow += 1
            return {"status": 503, "error": f"This query took more than {self.fast_budget:g} s before and the slow "
                                            f"lane stayed full ({self.slow_size} long queries) for {self.timeout:g} s; "
                                            "try again later, or narrow it."}
        worker = None
        try:
            try:
                worker = await self._fork()
            except Exception as exc:
                log.warning("could not start a slow-lane worker: %s", exc)
                return {"status": 503, "error": "No query worker could be started; try again shortly."}
            self.routed_slow += 1
            worker.lane = "slow"
            self._slow.add(worker)
            try:
                os.setpriority(os.PRIO_PROCESS, worker.pid, 19)
            except OSError:
                pass
            worker.give(job)
            reply = await self._reply(worker, self.timeout)
            if reply is None:
                self.stopped_queries += 1
                return {"status": 503, "error": f"Query timed out after {self.timeout:g} s and was stopped. "
                                                "Narrow it (LIMIT, more specific patterns) or ask for a longer --timeout."}
            reply.pop("retire", None)
            return reply
        except asyncio.CancelledError:
            self.cancelled += 1
            raise
        except (EOFError, OSError):
            log.error("a slow-lane query worker died")
            return self._died(worker)
        finally:
            if worker is not None:
                worker.kill()
                self._slow.discard(worker)
            self._slow_slots.release()

    async def run(self, job: dict) -> dict:
        """Evaluate ``job`` in a fast worker (waiting at most ``queue_timeout`` for one),
        moving it to the slow lane past ``fast_budget``; a text that overran lately goes
        to the slow lane at once. Cancelling this coroutine (the client went away) stops
        the query and kills its worker."""
        import asyncio
        import os
        import time

        key = " ".join(job.get("query", "").split())
        if self.lanes and self._is_known_slow(key):
            return await self._run_slow(job)
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout=self.queue_timeout)
        except asyncio.TimeoutError:
            return {"status": 503, "error": "All query workers are busy; try again shortly."}
        started = time.monotonic()
        try:
            worker.give(job)
            reply = await self._reply(worker, self.fast_budget)
            if reply is None:  # over budget: to the slow lane, and a fresh fast worker in its place
                self._fast.remove(worker)
                self._replenish()
                if self.lanes:
                    self._remember_slow(key)
                if not self.lanes:
                    self.stopped_queries += 1
                    worker.kill()
                    return {"status": 503, "error": f"Query timed out after {self.timeout:g} s and was stopped. "
                                                    "Narrow it (LIMIT, more specific patterns) or ask for a longer --timeout."}
                if self._slow_slots.locked():
                    self.refused_slow += 1
                    worker.kill()
                    return {"status": 503, "error": f"This query needs more than {self.fast_budget:g} s and the "
                                                    f"slow lane is full ({self.slow_size} long queries running); "
                                                    "try again later, or narrow it."}
                await self._slow_slots.acquire()  # free: returns at once
                self.demoted += 1
                worker.lane = "slow"
                self._slow.add(worker)
                try:
                    os.setpriority(os.PRIO_PROCESS, worker.pid, 19)
                except OSError:
                    pass
                try:
                    reply = await self._reply(worker, self.timeout - (time.monotonic() - started))
                finally:
                    self._slow_slots.release()
                self._drop(worker)  # never reused: whatever it grew goes with it
                if reply is None:
                    self.stopped_queries += 1
                    return {"status": 503, "error": f"Query timed out after {self.timeout:g} s and was stopped. "
                                                    "Narrow it (LIMIT, more specific patterns) or ask for a longer --timeout."}
                reply.pop("retire", None)
                return reply
        except asyncio.CancelledError:
            self.cancelled += 1
            self._drop(worker)
            raise
        except (EOFError, OSError):
            log.error("a query worker died; replacing it")
            self._drop(worker)
            return self._died(worker)
        if reply.pop("retire", False):
            self._drop(worker)
        else:
            self._idle.put_nowait(worker)
        return reply

    def _died(self, worker) -> dict:
        """The reply for a query whose worker ended without answering. One that died
        before it took the job (killed while idle) failed; one that died evaluating it
        most likely ran out of memory: Oxigraph runs in native code, which ends the
        process when an allocation fails under the worker's memory cap."""
        if not worker.started:
            return {"status": 500, "error": "The query worker failed; see the server log."}
        return {"status": 422, "error": "The query's worker stopped before answering: it most likely needed more than "
                                        f"this server's limit of {self.max_memory // 2**20} MiB of memory per query "
                                        "(else it crashed: see the server log). Narrow it."}

    def status(self) -> dict:
        return {"workers": len(self._fast), "idle": self._idle.qsize() if self._idle is not None else 0,
                "slow_lane": len(self._slow), "stopped_queries": self.stopped_queries, "demoted": self.demoted,
                "routed_slow": self.routed_slow, "refused_slow": self.refused_slow, "cancelled": self.cancelled}

    def worker_pids(self) -> list[int]:
        """The process ids of the workers now in either lane."""
        return sorted(w.pid for w in [*self._fast, *self._slow])

    def limits(self) -> dict:
        return {"lanes": self.lanes, "timeout_s": self.timeout, "fast_budget_s": self.fast_budget, "fast_workers": self.size,
                "slow_lane": self.slow_size, "max_results": self.max_results,
                "max_memory_per_worker_bytes": self.max_memory, "max_answer_bytes": self.max_answer_bytes,
                "parse_cache_chars": self.parse_cache_chars,
                "queue_wait_s": self.queue_timeout}
