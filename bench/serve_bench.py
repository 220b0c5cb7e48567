"""Load test for `kg serve`: concurrent clients running the saved queries for a fixed time.

Starts the server in a subprocess on a free loopback port, then for each concurrency
level runs that many clients in a loop for ``--seconds``, each sending the saved
queries (round robin, each client starting at a different one) as POST form
requests asking for SPARQL JSON results. Prints throughput, p50/p99 latency, errors
and the server's peak resident memory (the server process plus its query workers).

    .venv/bin/python bench/serve_bench.py                # 8 and 32 clients, 15 s each
    .venv/bin/python bench/serve_bench.py --clients 4 --seconds 5

With ``--runaway`` it measures fairness instead: 45 clients sending small queries
(lookups of a few milliseconds) beside 0, 1 and 5 clients sending a query that runs to
the timeout, 30 s each, first with the fast lane on (as ``kg serve`` runs), then with it
off (``lanes=False``: one lane, first come, first served, the pool as it was), in the
same run. It prints small-query p50/p95/max, how many small queries were refused,
what the runaway clients got, and the server's memory (PSS of the server, the template
process and its workers) at the start, at its peak and at the end of each level.

    .venv/bin/python bench/serve_bench.py --runaway       # the table in docs/serve.md

Exits non-zero if any request failed (in --runaway: if a small query was refused with
the lane on).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PeakRSS(threading.Thread):
    """Samples the summed RSS of a process and its children every 100 ms."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        import psutil

        self.proc = psutil.Process(pid)
        self.peak = 0
        self.stop = threading.Event()

    def current(self) -> int:
        import psutil

        total = 0
        for p in [self.proc, *self.proc.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        return total

    def run(self):
        while not self.stop.is_set():
            self.peak = max(self.peak, self.current())
            time.sleep(0.1)


async def drive(base: str, queries: list[str], clients: int, seconds: float) -> dict:
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as http:

        async def client(i: int):
            n = i
            while time.perf_counter() < deadline:
                query = queries[n % len(queries)]
                n += 1
                t = time.perf_counter()
                try:
                    r = await http.post(
                        "/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"}
                    )
                    if r.status_code != 200:
                        errors.append(f"HTTP {r.status_code}: {r.text[:200]}")
                    else:
                        r.json()
                except Exception as exc:  # count it, keep going
                    errors.append(repr(exc))
                latencies.append(time.perf_counter() - t)

        started = time.perf_counter()
        await asyncio.gather(*(client(i) for i in range(clients)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    q = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else latencies * 99
    return {
        "clients": clients,
        "requests": len(latencies),
        "throughput": len(latencies) / elapsed,
        "p50": q[49] * 1000,
        "p99": q[98] * 1000,
        "errors": len(errors),
        "first_error": errors[0] if errors else "",
    }


SMALL_QUERIES = [
    "ASK { kgr:lei-jun a kg:Person }",
    "SELECT ?l WHERE { kgr:xiaomi skos:prefLabel ?l }",
    "SELECT ?o WHERE { kgr:lei-jun kg:founded ?o }",
    "SELECT ?t WHERE { kgr:joyo a ?t }",
    "SELECT ?e ?d WHERE { ?e a kg:Speech ; kg:date ?d }",
]
RUNAWAY_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


class Memory(threading.Thread):
    """Samples the proportional set size (shared pages counted once) of a process and all
    its descendants every 250 ms: forked workers share the graph's pages, so summed RSS
    would count them once per worker."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        import psutil

        self.proc = psutil.Process(pid)
        self.samples: list[tuple[float, int]] = []
        self.stop = threading.Event()

    def current(self) -> int:
        import psutil

        total = 0
        for p in [self.proc, *self.proc.children(recursive=True)]:
            try:
                total += p.memory_full_info().pss
            except psutil.Error:
                pass
        return total

    def run(self):
        while not self.stop.is_set():
            self.samples.append((time.monotonic(), self.current()))
            time.sleep(0.25)


async def drive_mix(base: str, small: int, runaway: int, seconds: float) -> dict:
    """``small`` clients looping over SMALL_QUERIES and ``runaway`` clients looping on
    RUNAWAY_QUERY, each with a connection of its own, for ``seconds``."""
    import httpx

    latencies, refused, runaway_status = [], [], {}
    deadline = time.perf_counter() + seconds

    async def small_client(i: int):
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            n = i
            while time.perf_counter() < deadline:
                q = SMALL_QUERIES[n % len(SMALL_QUERIES)]
                n += 1
                t = time.perf_counter()
                try:
                    r = await http.post("/sparql", data={"query": q}, headers={"Accept": "application/sparql-results+json"})
                    ok = r.status_code == 200
                    if not ok:
                        refused.append(f"HTTP {r.status_code}: {r.text[:120]}")
                except Exception as exc:
                    refused.append(repr(exc))
                    ok = False
                if ok:
                    latencies.append(time.perf_counter() - t)

    async def runaway_client(i: int):
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            while time.perf_counter() < deadline:
                try:
                    r = await http.post("/sparql", data={"query": RUNAWAY_QUERY})
                    key = str(r.status_code)
                except Exception as exc:
                    key = type(exc).__name__
                runaway_status[key] = runaway_status.get(key, 0) + 1

    await asyncio.gather(*(small_client(i) for i in range(small)), *(runaway_client(i) for i in range(runaway)))
    latencies.sort()
    q = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else latencies * 99
    return {"small": small, "runaway": runaway, "requests": len(latencies), "p50": q[49] * 1000, "p95": q[94] * 1000,
            "max": latencies[-1] * 1000 if latencies else 0, "refused": len(refused),
            "first_refusal": refused[0] if refused else "", "runaway_status": runaway_status}


def _start_server(triples: str, port: int, **options):
    code = (f"from graph.serve import serve; serve('127.0.0.1', {port}, triples_dir={triples!r}, "
            f"log_level='warning', **{options!r})")
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.Popen([sys.executable, "-c", code], env=env)


def _wait_healthy(base: str, server, seconds: float = 120) -> float:
    import httpx

    t0 = time.perf_counter()
    while True:
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return time.perf_counter() - t0
        except httpx.HTTPError:
            pass
        if server.poll() is not None or time.perf_counter() - t0 > seconds:
            raise RuntimeError("server did not start")
        time.sleep(0.1)


def runaway_main(args) -> int:
    rows = []
    load_before = os.getloadavg()[0]
    for lane, lanes in (("on", True), ("off (first come, first served)", False)):
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = _start_server(args.triples, port, workers=args.workers, timeout=args.timeout, lanes=lanes)
        try:
            _wait_healthy(base, server)
            asyncio.run(drive_mix(base, 4, 0, 2.0))  # warm up
            memory = Memory(server.pid)
            memory.start()
            for runaway in args.runaway_levels:
                start = memory.current()
                t0 = time.monotonic()
                row = asyncio.run(drive_mix(base, args.small, runaway, args.seconds))
                time.sleep(1.0)
                level = [m for t, m in memory.samples if t >= t0]
                row.update(lane=lane, mem_start=start, mem_peak=max(level + [start]), mem_end=memory.current())
                rows.append(row)
                print(f"lane {lane}: {runaway} runaway -> p95 {row['p95']:.0f} ms, {row['refused']} refused", file=sys.stderr)
            memory.stop.set()
            memory.join()
        finally:
            server.terminate()
            server.wait(30)
    print(f"\nkg serve fairness: {args.small} small-query clients beside runaway clients, {args.seconds:g} s per level, "
          f"{args.workers} fast workers, timeout {args.timeout:g} s, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print("machine load average before/after: " + " / ".join(f"{a:.1f}" for a in (load_before, os.getloadavg()[0])) + "\n")
    print("| fast lane | runaway clients | small queries | p50 (ms) | p95 (ms) | max (ms) | small refused "
          "| runaway answers | server memory start / peak / end (MiB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---|---|")
    for r in rows:
        answers = ", ".join(f"{n}× {k}" for k, n in sorted(r["runaway_status"].items())) or "—"
        mib = " / ".join(f"{r[k] / 2**20:.0f}" for k in ("mem_start", "mem_peak", "mem_end"))
        print(f"| {r['lane']} | {r['runaway']} | {r['requests']} | {r['p50']:.0f} | {r['p95']:.0f} | {r['max']:.0f} "
              f"| {r['refused']} | {answers} | {mib} |")
    for r in rows:
        if r["refused"]:
            print(f"\nlane {r['lane']}, {r['runaway']} runaway: first refusal: {r['first_refusal']}", file=sys.stderr)
    return 1 if any(r["refused"] for r in rows if r["lane"] == "on") else 0


def _distinct_query(i: int, chars: int = 3900) -> str:
    head = f'SELECT ?e WHERE {{ ?e skos:prefLabel ?l VALUES ?l {{ '
    vals, n = [], 0
    while len(head) + sum(map(len, vals)) + len(vals) < chars - 20:
        vals.append(f'"q{i}-{n}"')
        n += 1
    return head + " ".join(vals) + " } }"


def cache_main(args) -> int:
    """Send ``args.distinct`` distinct queries of ~3,900 characters each, then report the
    workers' memory: with the parse cache bounded by text length (as kg serve runs), and
    in the same run with a cache bounded only by count, 256 entries (as it was)."""
    import httpx

    rows = []
    for label, chars in (("by text length (100,000 characters)", None), ("by count only (256 entries)", 256 * 4000)):
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        options = {"workers": args.workers, "timeout": args.timeout}
        if chars:
            options["parse_cache_chars"] = chars
        server = _start_server(args.triples, port, **options)
        try:
            _wait_healthy(base, server)
            memory = Memory(server.pid)
            before = memory.current()
            with httpx.Client(base_url=base, timeout=60) as http:
                t0 = time.perf_counter()
                for i in range(args.distinct):
                    r = http.post("/sparql", data={"query": _distinct_query(i)})
                    assert r.status_code == 200, r.text
                seconds = time.perf_counter() - t0
            rows.append((label, before, memory.current(), seconds))
        finally:
            server.terminate()
            server.wait(30)
    print(f"\nkg serve parse cache: {args.distinct} distinct queries of ~3,900 characters, {args.workers} workers\n")
    print("| parse cache bounded | server memory before (MiB) | after (MiB) | time for the queries (s) |")
    print("|---|---:|---:|---:|")
    for label, before, after, seconds in rows:
        print(f"| {label} | {before / 2**20:.0f} | {after / 2**20:.0f} | {seconds:.1f} |")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", default=str(ROOT / "triples"))
    ap.add_argument("--clients", type=int, nargs="+", default=[8, 32])
    ap.add_argument("--seconds", type=float, default=15.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--runaway", action="store_true", help="measure small queries beside runaway ones")
    ap.add_argument("--runaway-levels", type=int, nargs="+", default=[0, 1, 5])
    ap.add_argument("--small", type=int, default=45, help="small-query clients (with --runaway)")
    ap.add_argument("--distinct", type=int, default=0, help="measure the parse cache with N distinct queries")
    args = ap.parse_args(argv)
    if args.distinct:
        return cache_main(args)
    if args.runaway:
        if args.seconds == 15.0:
            args.seconds = 30.0
        return runaway_main(args)

    import httpx

    from graph.query import saved_queries

    queries = [q.text for q in saved_queries(args.triples).values()]
    load_before = os.getloadavg()[0]
    if not queries:
        print(f"no saved queries in {args.triples}/queries", file=sys.stderr)
        return 2
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    code = (
        "from graph.serve import serve; "
        f"serve('127.0.0.1', {port}, triples_dir={args.triples!r}, workers={args.workers}, "
        f"timeout={args.timeout}, log_level='warning')"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    server = subprocess.Popen([sys.executable, "-c", code], env=env)
    try:
        t0 = time.perf_counter()
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.perf_counter() - t0 > 120:
                print("server did not start", file=sys.stderr)
                return 2
            time.sleep(0.1)
        startup = time.perf_counter() - t0
        monitor = PeakRSS(server.pid)
        idle_rss = monitor.current()
        monitor.start()
        # warm up: every query once, so each worker has parsed them
        asyncio.run(drive(base, queries, args.workers, 2.0))
        rows = []
        for c in args.clients:
            monitor.peak = monitor.current()
            row = asyncio.run(drive(base, queries, c, args.seconds))
            row["peak"] = max(monitor.peak, monitor.current())
            rows.append(row)
        monitor.stop.set()
        monitor.join()
    finally:
        server.terminate()
        server.wait(15)

    print(
        f"\nkg serve load test: {len(queries)} saved queries, {args.workers} workers, "
        f"{args.seconds:g} s per level, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(f"server start-up {startup:.1f} s; resident memory at rest {idle_rss / 2**20:.0f} MiB")
    print("machine load average before/after: " + " / ".join(f"{a:.1f}" for a in (load_before, os.getloadavg()[0])) + "\n")
    print("| clients | requests | throughput (req/s) | p50 (ms) | p99 (ms) | errors | server peak RSS (MiB) |")
    print("|--------:|---------:|-------------------:|---------:|---------:|-------:|----------------------:|")
    for r in rows:
        print(
            f"| {r['clients']:>7} | {r['requests']:>8} | {r['throughput']:>18.1f} | {r['p50']:>8.0f} "
            f"| {r['p99']:>8.0f} | {r['errors']:>6} | {r['peak'] / 2**20:>21.0f} |"
        )
    failed = [r for r in rows if r["errors"]]
    for r in failed:
        print(f"\n{r['clients']} clients: {r['errors']} errors, first: {r['first_error']}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
