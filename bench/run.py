"""Benchmark every stage of the toolkit at 10k, 100k and 1M generated triples.

For each size the script generates a graph with ``kg generate`` (cached under
``bench/out/gen-SIZE``, git-ignored), then measures each stage in a fresh Python
process (seconds of the stage itself, triples per second, and peak memory: the
larger of the process's own ``ru_maxrss`` (from ``wait4``) and the largest total
PSS of the process *and its children*, sampled every 0.1 s from ``/proc`` — so the
forked helpers of ``kg build`` count), and the plain way a user would otherwise do
it on the same files:

=============  ==========================================  ============================================
stage          ours                                        baseline
=============  ==========================================  ============================================
load           ``graph.load`` (Oxigraph)                   ``rdflib.Graph().parse()``; pyoxigraph ``bulk_load``
stats          ``graph.load`` + ``export.stats``           ``rdflib.Graph().parse()``
check          ``graph.check`` (SHACL auto)                 —
query          each saved query, ``graph.query``           rdflib's SPARQL engine on the same loaded graph
networkx       ``graph.to_networkx`` (entity level)        ``rdflib_to_networkx_multidigraph``
rank           ``analysis.rank``                           —
html           ``view.render_html`` (top nodes)            pyvis ``Network.from_nx`` + ``write_html``
build          ``export.build`` (check + every export)     —
=============  ==========================================  ============================================

pyoxigraph's ``Store.load`` of the same files alone (the call the loader makes per
file, with no rules and no counts) is timed too: the floor of any load built on
Oxigraph's in-memory store. The load and stats rows are broken down into their
progress stages (files, derivation rules, counting).

Query answers are compared between the two engines (rows as multisets). A
baseline that runs longer than ``--cap`` seconds, or an rdflib query longer than
``--query-cap``, is stopped and reported as ``> cap`` (its speed-up is then a lower
bound, and its answers are not compared). It also times ``kg --help`` and ``kg build`` of the curated graph.

    .venv/bin/python bench/run.py                          # 10k, 100k, 1M (about 15 minutes)
    .venv/bin/python bench/run.py --sizes 10k,100k --cap 60
    .venv/bin/python bench/run.py --sizes 10k --no-baselines
    .venv/bin/python bench/run.py --markdown bench/RESULTS.md   # also write the tables as Markdown
    .venv/bin/python bench/run.py --repeat 3                # medians of 3 interleaved rounds
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = sys.executable


# ---------------------------------------------------------------------------
# workers: each runs in its own process and prints one JSON line
# ---------------------------------------------------------------------------


def _files(d):
    from graph.load import triple_files

    return triple_files(d)


def _rows_digest(result, text=""):
    """Query answers as a comparable multiset (blank nodes anonymous, GROUP_CONCAT in any order,
    SAMPLE columns left out: SPARQL lets each engine pick any value there)."""
    import hashlib
    import re

    if result.type == "ASK":
        return str(bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        items = sorted(" ".join(x.n3() for x in t) for t in result.graph if not any(x.n3().startswith("_:") for x in t))
    else:
        def cell(v):
            if v is None or v.n3().startswith("_:") or str(v) == "":
                return "_"  # an aggregate over no values: rdflib gives "", Oxigraph leaves it unbound
            # GROUP_CONCAT's order is unspecified: compare a literal's characters in sorted order
            return "".join(sorted(str(v))) if hasattr(v, "language") else v.n3()

        sampled = set(re.findall(r"SAMPLE\s*\([^)]*\)\s+AS\s+\?(\w+)", text, re.I))
        keep = [i for i, v in enumerate(result.vars) if str(v) not in sampled]
        items = sorted("\t".join(cell(row[i]) for i in keep) for row in result)
    return f"{len(items)}:" + hashlib.sha1("\n".join(items).encode()).hexdigest()[:12]


@contextmanager
def _stage_times():
    """Collect the seconds of each progress stage the code inside marks (``graph.progress``
    drawing to a string, no redraw thread): ``{"load triples": 4.3, "derivation rules": ...}``."""
    import io
    import re

    from graph import progress

    out, parts = io.StringIO(), {}
    progress.activate(out, delay=0, redraw=False)
    try:
        yield parts
    finally:
        progress.deactivate()
        for line in out.getvalue().replace("\r", "\n").splitlines():
            m = re.match(r"\s*✓\s+(.+?)\s{2}.*?([0-9.]+) s\s*$", line)
            if m:
                parts[m.group(1)] = parts.get(m.group(1), 0.0) + float(m.group(2))


class _Timeout(Exception):
    pass


def _alarm(seconds):
    import signal

    def handler(signum, frame):
        raise _Timeout()

    signal.signal(signal.SIGALRM, handler)
    signal.alarm(int(seconds) if seconds else 0)


def worker(stage: str, d: str, cap: float) -> dict:
    import graph

    if not stage.startswith(("rdflib", "pyoxigraph", "pyvis")):
        # libraries are imported before the clock starts, as the baselines import rdflib and
        # pyoxigraph before theirs (graph.load imports these lazily: 0.17 s)
        import oxrdflib  # noqa: F401
        import pyoxigraph  # noqa: F401
    if stage in ("networkx", "rank", "html"):
        import networkx  # noqa: F401  (the baseline imports it before its clock too: 0.1 s)

    store = "oxigraph"  # the one store
    t = time.perf_counter
    if stage == "load":
        with _stage_times() as parts:
            t0 = t(); g = graph.load(d); sec = t() - t0
        return {"seconds": sec, "triples": len(g), "store": store, "parts": parts}
    if stage == "stats":
        from graph.export import stats

        with _stage_times() as parts:
            t0 = t(); g = graph.load(d); s = stats(g); sec = t() - t0
        return {"seconds": sec, "triples": s["triples"], "parts": parts}
    if stage == "check":
        t0 = t(); r = graph.check(d, Path(d) / "sources"); sec = t() - t0
        return {"seconds": sec, "triples": r.triples, "note": r.summary()}
    if stage in ("query", "query-rdflib"):
        from graph.query import prepare

        from graph.store import snapshot

        g = graph.load(d) if stage == "query" else snapshot(graph.load(d))  # the baseline: rdflib's own store
        out = {}
        prepare("ASK {}")  # the SPARQL parser's imports, before any clock
        for name, q in sorted(graph.saved_queries(d).items()):
            if stage != "query":  # ours parses and checks the query inside graph.query, on the clock,
                prepare(q.text)   # as rdflib's engine parses it inside g.query
            t0 = t()
            try:
                if stage == "query":
                    res = graph.query(g, q.text)
                    digest = _rows_digest(res, q.text)
                else:
                    from graph.namespaces import PREFIXES

                    _alarm(max(1, cap))  # the parent passes --query-cap here
                    res = g.query(q.text, initNs=PREFIXES)
                    digest = _rows_digest(res, q.text)
                    _alarm(0)
                out[name] = {"seconds": t() - t0, "digest": digest}
            except _Timeout:
                out[name] = {"seconds": None, "digest": None}
        return {"queries": out, "triples": len(g)}
    if stage in ("networkx", "rank", "html"):
        g = graph.load(d)
        t0 = t(); nxg = graph.to_networkx(g); sec = t() - t0
        res = {"seconds": sec, "triples": len(g), "nodes": nxg.number_of_nodes(), "edges": nxg.number_of_edges()}
        if stage == "rank":
            from graph.analysis import rank

            t0 = t(); rank(nxg); res["seconds"] = t() - t0
        if stage == "html":
            from graph.view import render_html

            t0 = t(); page = render_html(nxg); res["seconds"] = t() - t0
            res["bytes"] = len(page)
        return res
    if stage == "build":
        import tempfile

        from graph.export import build

        with tempfile.TemporaryDirectory() as tmp:
            t0 = t(); r = build(d, tmp, Path(d) / "sources"); sec = t() - t0
        return {"seconds": sec, "triples": r["report"].triples, "note": r["report"].summary()}
    # baselines
    if stage == "rdflib-parse":
        from rdflib import Graph

        t0 = t(); g = Graph()
        for f in _files(d):
            g.parse(str(f), format="turtle")
        return {"seconds": t() - t0, "triples": len(g)}
    if stage in ("pyoxigraph-load", "pyoxigraph-bulk"):  # load: the call our loader makes per file, alone (its floor)
        import pyoxigraph as ox

        t0 = t(); s = ox.Store()
        load = s.load if stage == "pyoxigraph-load" else s.bulk_load
        for f in _files(d):
            load(path=str(f), format=ox.RdfFormat.TURTLE, base_iri=f.resolve().as_uri())
        return {"seconds": t() - t0, "triples": len(s)}
    if stage in ("rdflib-networkx", "pyvis"):
        from rdflib import Graph
        from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph

        g = Graph()
        for f in _files(d):
            g.parse(str(f), format="turtle")
        t0 = t(); m = rdflib_to_networkx_multidigraph(g); sec = t() - t0
        res = {"seconds": sec, "triples": len(g), "nodes": m.number_of_nodes(), "edges": m.number_of_edges()}
        if stage == "pyvis":
            import tempfile

            from pyvis.network import Network

            t0 = t()
            net = Network()
            net.from_nx(m)
            with tempfile.TemporaryDirectory() as tmp:
                os.chdir(tmp)  # pyvis copies its lib/ folder into the current directory
                net.write_html(str(Path(tmp) / "g.html"))
                os.chdir(ROOT)
            res["seconds"] = t() - t0
        return res
    raise SystemExit(f"unknown stage {stage}")


# ---------------------------------------------------------------------------
# the parent: one process per measurement
# ---------------------------------------------------------------------------


def _popen_wait4():
    """Make subprocess use wait4 so each child's own peak memory can be read."""
    import subprocess as sp

    original = sp.Popen._try_wait

    def _try_wait(self, wait_flags):
        try:
            pid, sts, usage = os.wait4(self.pid, wait_flags)
        except ChildProcessError:
            return original(self, wait_flags)
        if pid == self.pid:
            self.maxrss_mb = usage.ru_maxrss / 1024
        return (pid, sts)

    sp.Popen._try_wait = _try_wait


def _tree_pss(pid: int) -> int:
    """Total PSS in bytes of ``pid`` and its descendants (0 where /proc says nothing)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                total += next((int(line.split()[1]) * 1024 for line in f if line.startswith("Pss:")), 0)
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo += [int(x) for x in f.read().split()]
        except (OSError, ValueError):
            pass
    return total


def _has_children(pid: int) -> bool:
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                if f.read().strip():
                    return True
    except OSError:
        pass
    return False


def measure_proc(stage, d, cap):
    """Run one stage in a fresh process: its JSON answer, wall time and peak memory (the
    larger of its ru_maxrss and the sampled PSS of it and its children)."""
    cmd = [PY, __file__, "--worker", stage, str(d), "--cap", str(cap or 0)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, text=True)
    tree_peak, done = [0], threading.Event()

    def sample():
        # reading smaps_rollup of a big process slows it (measured: 1M load 4.24 s -> 4.4-4.8 s,
        # projection 5.1 s -> 5.8-6.0 s), so the tree is sampled only while the worker has
        # children; for a lone process its own ru_maxrss (below) is the exact peak
        while not done.wait(0.1):
            if _has_children(proc.pid):
                tree_peak[0] = max(tree_peak[0], _tree_pss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    killed = []
    timer = None
    if cap and not stage.startswith("query"):
        timer = threading.Timer(cap, lambda: (killed.append(True), proc.kill()))
        timer.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    if timer:
        timer.cancel()
    wall = time.perf_counter() - t0
    if killed:
        return {"seconds": None, "capped": cap, "wall": wall}
    if proc.returncode != 0:
        tail = err.strip().splitlines()[-1] if err.strip() else f"exit {proc.returncode}"
        return {"seconds": None, "error": tail, "wall": wall}
    res = json.loads(out.strip().splitlines()[-1])
    res["wall"] = wall
    res["peak_mb"] = max(getattr(proc, "maxrss_mb", None) or 0, tree_peak[0] / 2**20) or None
    return res


def _size(text: str) -> int:
    t = text.strip().lower()
    mult = {"k": 1_000, "m": 1_000_000}.get(t[-1:], 1)
    return int(float(t[:-1] if mult > 1 else t) * mult)


def ensure_generated(label: str) -> Path:
    d = OUT / f"gen-{label.lower()}"
    if not (d / "sources.ttl").exists():
        from kgbench import generate

        generate(_size(label), d, seed=0)
    return d


def fmt_s(r):
    if r is None:
        return "—"
    if r.get("capped"):
        return f"> {r['capped']:.0f}"
    if r.get("seconds") is None:
        return "error"
    return f"{r['seconds']:.2f}"


def ratio(ours, base):
    if not ours or not base or ours.get("seconds") in (None, 0):
        return "—"
    if base.get("capped"):
        return f"> {base['capped'] / ours['seconds']:.1f}×"
    if base.get("seconds") is None:
        return "—"
    pairs = _pair_ratios(ours, base)
    if len(pairs) > 1:  # repeated: the median of the rounds' ratios, and their range
        return f"{statistics.median(pairs):.1f}× ({min(pairs):.1f}-{max(pairs):.1f})"
    return f"{base['seconds'] / ours['seconds']:.1f}×"


def _pair_ratios(ours, base) -> list[float]:
    """baseline / ours for each round of a repeated measurement (both timed in the same round)."""
    o, b = ours.get("rounds") or [], base.get("rounds") or []
    return [bs / os_ for os_, bs in zip(o, b) if os_ and bs]


def measure_rounds(stages, d, caps, repeat: int) -> dict:
    """Measure ``stages`` (names) ``repeat`` times, interleaved round by round (stage 1, stage
    2, ..., then again), so that each round's ratio compares runs made minutes apart at most,
    on a machine whose speed drifts. Each stage's result is its median run, with ``rounds``
    (every run's seconds, in round order) and its largest peak memory."""
    runs = {stage: [] for stage in stages}
    for _ in range(repeat):
        for stage in stages:
            runs[stage].append(measure_proc(stage, d, caps.get(stage)))
    out = {}
    for stage, results in runs.items():
        timed = [r for r in results if r.get("seconds") is not None]
        if not timed:
            out[stage] = results[-1]
            continue
        best = dict(sorted(timed, key=lambda r: r["seconds"])[(len(timed) - 1) // 2])
        best["seconds"] = statistics.median(r["seconds"] for r in timed)
        best["rounds"] = [r.get("seconds") for r in results]
        best["peak_mb"] = max((r.get("peak_mb") or 0) for r in timed) or None
        out[stage] = best
    return out


def cli_timings() -> list[tuple[str, float]]:
    import tempfile

    kg = str(Path(PY).parent / "kg")
    rows = []
    for _ in range(3):
        t0 = time.perf_counter(); subprocess.run([kg, "--help"], capture_output=True, cwd=ROOT); rows.append(time.perf_counter() - t0)
    out = [("kg --help (best of 3)", min(rows))]
    sources = os.environ.get("KG_SOURCES") or str(ROOT.parent / "shared" / "sources")
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        p = subprocess.run([kg, "build", "--exports", tmp, "--sources", sources], capture_output=True, cwd=ROOT, text=True)
        out.append(("kg build, curated graph" + ("" if p.returncode == 0 else " (FAILED: " + p.stderr.strip().splitlines()[-1][:60] + ")"),
                    time.perf_counter() - t0))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10k,100k,1M")
    ap.add_argument("--cap", type=float, default=120.0, help="seconds before a baseline is stopped")
    ap.add_argument("--query-cap", type=float, default=None, help="seconds before one rdflib query is stopped (default: --cap)")
    ap.add_argument("--no-baselines", action="store_true")
    ap.add_argument("--pyvis-max", default="10k", help="largest size at which the pyvis baseline runs (default 10k)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run the stages compared with a baseline (load, stats, networkx) this many times, "
                         "interleaved with their baselines, and report medians (default 1)")
    ap.add_argument("--markdown", type=Path, help="also write the results as Markdown to this file")
    ap.add_argument("--worker", nargs=2, metavar=("STAGE", "DIR"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    qcap = args.query_cap or args.cap
    sys.path.insert(0, str(ROOT))
    if args.worker:
        print(json.dumps(worker(args.worker[0], args.worker[1], args.cap)))
        return
    _popen_wait4()
    lines = []

    def emit(text=""):
        print(text, flush=True)
        lines.append(text)

    emit(f"# Benchmark results\n\n{time.strftime('%Y-%m-%d %H:%M')} · {platform.node()} · {os.cpu_count()} cores · "
         f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB · Python {platform.python_version()}"
         f" · `bench/run.py --sizes {args.sizes} --cap {args.cap:g} --query-cap {qcap:g}"
         f"{f' --repeat {args.repeat}' if args.repeat > 1 else ''}`\n")
    if args.repeat > 1:
        emit(f"Load, stats and the networkx projection ran {args.repeat} times, interleaved with their "
             "baselines: seconds are medians, peaks the largest, and a speed-up is the median of the "
             "rounds' ratios (their range in brackets).\n")
    emit("| size | stage | ours s | triples/s | peak MB | baseline | baseline s | baseline MB | speed-up |")
    emit("|---|---|---:|---:|---:|---|---:|---:|---:|")
    query_lines, stage_lines = [], []
    for label in args.sizes.split(","):
        d = ensure_generated(label)
        base = not args.no_baselines
        baselines = ["rdflib-parse", "pyoxigraph-bulk", "pyoxigraph-load"] if base else []
        measured = measure_rounds(["load", "stats"] + baselines, d, dict.fromkeys(baselines, args.cap), args.repeat)
        load = measured["load"]
        n = load.get("triples") or 0

        def row(stage, ours, bname="", b=None):
            tps = f"{(ours.get('triples') or n) / ours['seconds']:,.0f}" if ours.get("seconds") else "—"
            bmb = f"{b['peak_mb']:.0f}" if b and b.get("peak_mb") else "—"
            emit(f"| {label} | {stage} | {fmt_s(ours)} | {tps} | {ours.get('peak_mb') or 0:.0f} | {bname or '—'} | "
                 f"{fmt_s(b) if b else '—'} | {bmb} | {ratio(ours, b) if b else '—'} |")

        parse = measured.get("rdflib-parse")
        row(f"load ({load.get('store')}, {n:,} triples)", load, "rdflib parse", parse)
        if base:
            row("load vs pyoxigraph bulk_load", load, "pyoxigraph bulk_load", measured["pyoxigraph-bulk"])
        row("stats (load + count)", measured["stats"], "rdflib parse", parse)
        if base:  # what any loader built on Oxigraph's in-memory store starts from
            row("floor: pyoxigraph Store.load alone", measured["pyoxigraph-load"], "rdflib parse", parse)
        for stage in ("load", "stats"):
            parts = measured[stage].get("parts")
            if parts:
                stage_lines.append(f"| {label} | {stage} | {measured[stage]['seconds']:.2f} | "
                                   + " · ".join(f"{name} {sec:.1f}" for name, sec in parts.items()) + " |")
        chk = measure_proc("check", d, None)
        row("check", chk)
        ours_q = measure_proc("query", d, None)
        base_q = measure_proc("query-rdflib", d, qcap) if base else None
        if ours_q.get("queries"):
            ratios, same = [], 0
            for name, r in ours_q["queries"].items():
                b = (base_q or {}).get("queries", {}).get(name) if base_q else None
                bs = b["seconds"] if b else None
                match = b and b["digest"] is not None and b["digest"] == r["digest"]
                same += bool(match)
                if bs is not None:
                    ratios.append(bs / max(r["seconds"], 1e-6))
                elif b:
                    ratios.append(qcap / max(r["seconds"], 1e-6))
                query_lines.append(f"| {label} | {name} | {r['seconds']:.3f} | "
                                   f"{('> %g' % qcap) if b and bs is None else (f'{bs:.3f}' if bs is not None else '—')} | "
                                   f"{'> ' if b and bs is None else ''}{(bs or qcap) / max(r['seconds'], 1e-6):.0f}× | "
                                   f"{'same' if match else ('not compared' if not b or b['digest'] is None else 'DIFFERENT')} |")
            med = statistics.median(r["seconds"] for r in ours_q["queries"].values())
            medr = f"{statistics.median(ratios):.0f}×" if ratios else "—"
            emit(f"| {label} | saved queries ({len(ours_q['queries'])}), median | {med:.3f} | — | {ours_q.get('peak_mb') or 0:.0f} | "
                 f"rdflib SPARQL | {'see below' if base_q else '—'} | {(base_q or {}).get('peak_mb') or 0:.0f} | "
                 f"median {medr}; same answers {same}/{len(ours_q['queries'])} |")
        projections = measure_rounds(["networkx"] + (["rdflib-networkx"] if base else []), d,
                                     {"rdflib-networkx": args.cap}, args.repeat)
        ours_nx, nx_base = projections["networkx"], projections.get("rdflib-networkx")
        row(f"networkx ({ours_nx.get('nodes', 0):,} nodes; baseline {(nx_base or {}).get('nodes', 0):,})", ours_nx,
            "rdflib_to_networkx_multidigraph", nx_base)
        row("rank", measure_proc("rank", d, None))
        pyvis = measure_proc("pyvis", d, args.cap) if base and _size(label) <= _size(args.pyvis_max) else None
        row("html view", measure_proc("html", d, None), "pyvis from_nx + write_html" if pyvis else "", pyvis)
        b = measure_proc("build", d, None)
        row("kg build (check + all exports)", b)
    emit("")
    if stage_lines:
        emit("Where load and stats spend their time: the progress stages of the median run, seconds "
             "(the stage timers round to 0.1 s):\n")
        emit("| size | stage | seconds | stages |")
        emit("|---|---|---:|---|")
        for line in stage_lines:
            emit(line)
        emit("")
    emit("Saved queries, one by one (rdflib: its SPARQL engine on the same loaded graph):\n")
    emit("| size | query | ours s | rdflib s | speed-up | answers |")
    emit("|---|---|---:|---:|---:|---|")
    for line in query_lines:
        emit(line)
    emit("")
    emit("| command | seconds |")
    emit("|---|---:|")
    for name, sec in cli_timings():
        emit(f"| {name} | {sec:.2f} |")
    if args.markdown:
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
