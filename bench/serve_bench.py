"""Load test for `kg serve`: concurrent clients running the saved queries for a fixed time.

Starts the server in a subprocess on a free loopback port, then for each concurrency
level runs that many clients in a loop for ``--seconds``, each sending the saved
queries (round robin, each client starting at a different one) as POST form
requests asking for SPARQL JSON results. Prints throughput, p50/p99 latency, errors
and the server's peak resident memory (the server process plus its query workers).

    .venv/bin/python bench/serve_bench.py                # 8 and 32 clients, 15 s each
    .venv/bin/python bench/serve_bench.py --clients 4 --seconds 5

Exits non-zero if any request failed.
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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", default=str(ROOT / "triples"))
    ap.add_argument("--clients", type=int, nargs="+", default=[8, 32])
    ap.add_argument("--seconds", type=float, default=15.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=10.0)
    args = ap.parse_args(argv)

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
