"""Benchmark the HTML graph view on generated graphs.

For each size: seconds to build the page in Python, its size, and the time until
it is drawn and searchable in headless Chromium (navigation start to the first
``afterDrawing`` with the search index built; then one search is run and timed).

    .venv/bin/python bench/view_bench.py                 # 500, 5,000, 20,000 nodes
    .venv/bin/python bench/view_bench.py --sizes 500 2000 --no-browser

Target (issue 4): 5,000 nodes drawn and searchable within 2 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

KGR = "https://w3id.org/story-kg/id/"
KG = "https://w3id.org/story-kg/ontology#"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync",
]
EVENT_TYPES = [("Founding", "founder", "organization"), ("Sale", "seller", "asset"), ("Joining", "person", "organization"),
               ("Release", "developer", "product"), ("Funding", "investor", "investee"), ("Meeting", "attendee", "attendee")]
SYLL = ["lei", "jun", "jin", "shan", "zhuo", "yue", "xiao", "mi", "wang", "li", "chen", "zhang", "hua", "teng", "ma", "qiu", "bo"]


def generate(n_nodes: int, seed: int = 1):
    """A graph in the to_networkx contract: ~40% events, each with 2-3 participants and a derived edge."""
    import networkx as nx

    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    n_events = int(n_nodes * 0.4)
    n_ent = n_nodes - n_events
    kinds = ["Person"] * 5 + ["Organization"] * 3 + ["Product"] + ["Place"]
    ents = []

    def base(iri, label, kind, typ, **kw):
        a = dict(iri=iri, label=label, label_zh="", kind=kind, type=typ, description="", aliases=[], date="",
                 date_precision="", end_date="", date_inferred="", date_unknown="", year=None, outcome="", amounts=[],
                 evidence=[], secondary_only=False, claim_text="", conflicts=[])
        a.update(kw)
        return a

    for i in range(n_ent):
        kind = kinds[i % len(kinds)]
        name = " ".join(rng.choice(SYLL).capitalize() + rng.choice(SYLL) for _ in range(2)) + f" {i}"
        iri = f"{KGR}{kind.lower()}-{i}"
        g.add_node(iri, **base(iri, name, kind, kind, aliases=[f"alias-{i}", name.upper()], label_zh=f"实体{i}",
                               description=f"Generated {kind.lower()} number {i}."))
        ents.append(iri)
    # preferential attachment so a few hubs emerge
    weights = [1.0] * len(ents)
    for j in range(n_events):
        typ, r1, r2 = EVENT_TYPES[j % len(EVENT_TYPES)]
        year = 1985 + rng.randrange(38)
        iri = f"{KGR}event-{j}"
        quote = f"In {year}, something of type {typ.lower()} happened (event {j})."
        secondary = rng.random() < 0.1
        evd = [{"source": KGR + "src", "source_label": "Generated source", "quote": quote, "secondary": secondary}]
        g.add_node(iri, **base(iri, f"{typ} {j}", "Event", typ, date=str(year), date_precision="year", year=year,
                               evidence=evd, secondary_only=secondary))
        a, b = rng.choices(range(len(ents)), weights=weights, k=2)
        if a == b:
            b = (b + 1) % len(ents)
        for idx in (a, b):
            weights[idx] += 1
        for role, idx in ((r1, a), (r2, b)):
            g.add_edge(iri, ents[idx], key=f"kg:{role}", predicate=KG + role, label=role, derived_from="",
                       evidence=evd, secondary_only=secondary, role=True)
        g.add_edge(ents[a], ents[b], key=f"kg:rel{typ}", predicate=KG + "rel" + typ, label=f"{typ.lower()}s",
                   derived_from=iri, evidence=evd, secondary_only=secondary, role=False)
    return g


def browser_times(path: Path, query: str) -> tuple[float, float, float]:
    """(wall seconds goto->ready, in-page ms navigation->ready, search ms) in headless Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 850})
        t0 = time.perf_counter()
        page.goto(path.resolve().as_uri())
        page.wait_for_function("window.kgView && window.kgView.ready", timeout=120_000, polling=20)
        wall = time.perf_counter() - t0
        ready_ms = page.evaluate("kgView.readyMs")
        search_ms = page.evaluate(
            "(q) => { const t = performance.now(); const r = kgView.search(q); kgView.focusNode(r[0].id);"
            " return [performance.now() - t, r.length]; }", query)[0]
        browser.close()
    return wall, ready_ms / 1000.0, search_ms


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 5000, 20000])
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from graph.view import render_html

    browser = not args.no_browser and Path(CHROMIUM).exists()
    out = Path(tempfile.mkdtemp(prefix="view-bench-"))
    print(f"{'nodes':>7} {'edges':>7} {'build s':>8} {'size MB':>8} {'drawn s (wall)':>15} {'drawn s (page)':>15} {'search ms':>10}")
    for n in args.sizes:
        g = generate(n)
        t0 = time.perf_counter()
        page = render_html(g, max_nodes=0)
        build = time.perf_counter() - t0
        path = out / f"graph-{n}.html"
        path.write_text(page, encoding="utf-8")
        size = path.stat().st_size / 1e6
        if browser:
            wall, in_page, search_ms = browser_times(path, "alias-7")
            cols = f"{wall:>15.2f} {in_page:>15.2f} {search_ms:>10.1f}"
        else:
            cols = f"{'-':>15} {'-':>15} {'-':>10}"
        print(f"{n:>7,} {g.number_of_edges():>7,} {build:>8.2f} {size:>8.1f} {cols}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
