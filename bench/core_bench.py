"""Speed of the everyday commands on the curated graph, including interpreter start-up.

Targets (issue "Core pipeline"): `kg --help` < 0.3 s, `kg build` < 3 s,
`kg query <saved query>` < 1 s. Each command runs in a fresh process, several times;
the table shows the median and the worst run.

    python bench/core_bench.py [--runs N] [--triples DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def kg_command() -> list[str]:
    exe = Path(sys.executable).parent / "kg"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "graph"]


def timed(args, runs):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return statistics.median(times), max(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--triples", default=str(ROOT / "triples"))
    opts = ap.parse_args()
    kg = kg_command()
    sys.path.insert(0, str(ROOT))
    from graph.query import saved_queries

    rows = [("kg --help", kg + ["--help"], 0.3)]
    with tempfile.TemporaryDirectory() as out:
        rows.append(("kg build", kg + ["build", "--triples", opts.triples, "--exports", out], 3.0))
        rows.append(("kg check", kg + ["check", "--triples", opts.triples], None))
        for name in sorted(saved_queries(opts.triples)):
            rows.append((f"kg query {name}", kg + ["query", name, "--triples", opts.triples, "--format", "csv"], 1.0))
        print(f"{'command':<28} {'median s':>9} {'worst s':>8} {'target s':>9}  result")
        print("-" * 66)
        failed = 0
        for label, args, target in rows:
            med, worst = timed(args, opts.runs)
            ok = target is None or med < target
            failed += not ok
            verdict = "" if target is None else ("met" if ok else "MISSED")
            print(f"{label:<28} {med:>9.3f} {worst:>8.3f} {'' if target is None else target:>9}  {verdict}")
    load = os.getloadavg()[0]
    print(f"\n{os.cpu_count()} cores, load average {load:.2f} during the run; python {sys.version.split()[0]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
