"""Benchmark the HTML graph view.

Three measurements, each in headless Chromium at 1440 x 900 (``--no-browser`` skips it):

* ``--curated``: the curated graph's page: build seconds, size, time to the first draw,
  and the first picture's labels (how many, how many overlap, people and organisations
  left unlabelled);
* ``--triples N``: a graph of N triples from ``kg generate``, through the real loader and
  projection, sources embedded: build seconds, size, time to the first draw (5,000 nodes
  drawn), and the time a search for an undrawn node takes to find and draw it;
* ``--sizes N``: synthetic projections of N nodes, all drawn (``max_nodes=0``).

    .venv/bin/python bench/view_bench.py                       # curated, 100k triples, 500/5,000/20,000 nodes
    .venv/bin/python bench/view_bench.py --triples 100000 --sizes --no-curated

Targets: 5,000 nodes drawn and searchable within 2 s (issue 4); a 100k-triple graph drawn
within 3 s, and at 1440 x 900 at least 40 labels with none overlapping (issue 20).
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


def browser_times(path: Path, query: str, size=(1400, 850)) -> tuple[float, float, float]:
    """(wall seconds goto->ready, in-page seconds navigation->ready, search + focus ms) in headless Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": size[0], "height": size[1]})
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


def first_picture(path: Path, size=(1440, 900)) -> dict:
    """The first draw and the labels of the first picture, measured from the page's own positions."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        t0 = time.perf_counter()
        page.goto(path.resolve().as_uri())
        page.wait_for_function("window.kgView && window.kgView.ready", timeout=120_000, polling=20)
        wall = time.perf_counter() - t0
        page.wait_for_timeout(200)
        out = page.evaluate("""() => {
            const b = kgView.labelBoxes(), d = kgView.badgeBoxes(), all = b.concat(d);
            let overlaps = 0;
            for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) {
                const p = all[i], q = all[j];
                if (p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h) overlaps++;
            }
            const lab = new Set(b.map(x => x.id));
            const po = kgView.shownIds().filter(i => ['Person', 'Organization'].includes(kgView.info[i].kind));
            return {labels: b.length, badges: d.length, overlaps: overlaps, shown: kgView.shownIds().length,
                    people_orgs: po.length, unlabelled: po.filter(i => !lab.has(i)).length, ready_ms: kgView.readyMs}; }""")
        browser.close()
    out["wall"] = wall
    return out


def undrawn_search(path: Path, size=(1440, 900)) -> tuple[float, float, float, int]:
    """(wall s, in-page s to the first draw, ms to find and draw an undrawn node, nodes held) for a capped page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        t0 = time.perf_counter()
        page.goto(path.resolve().as_uri())
        page.wait_for_function("window.kgView && window.kgView.ready", timeout=120_000, polling=20)
        wall = time.perf_counter() - t0
        ms, held = page.evaluate("""() => {
            const i = kgView.info.findIndex((x, j) => !x.drawn && kgView.model.adj[j].length > 0);
            const t = performance.now(); const r = kgView.search(kgView.info[i].label);
            kgView.focusNode(r.find(h => h.id === i).id, {animate: false});
            if (!kgView.shown[i]) throw new Error('not drawn');
            return [performance.now() - t, kgView.info.length]; }""")
        ready = page.evaluate("kgView.readyMs") / 1000.0
        browser.close()
    return wall, ready, ms, held


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[500, 5000, 20000])
    ap.add_argument("--triples", type=int, nargs="*", default=[100_000])
    ap.add_argument("--no-curated", action="store_true")
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args(argv)
    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root))
    from graph.view import render_html

    browser = not args.no_browser and Path(CHROMIUM).exists()
    out = Path(tempfile.mkdtemp(prefix="view-bench-"))
    if not args.no_curated:
        import graph
        from graph.coverage import coverage, summary
        from graph.network import to_networkx
        from graph.reader import source_texts

        g = graph.load(root / "triples")
        t0 = time.perf_counter()
        nxg = to_networkx(g)
        texts, _note = source_texts(g, root / "triples" / "sources")
        page = render_html(nxg, sources=texts,
                           coverage=summary(coverage(g, root / "triples" / "sources", root / "triples", targeted=True)))
        build = time.perf_counter() - t0
        path = out / "curated.html"
        path.write_text(page, encoding="utf-8")
        print(f"curated graph: {nxg.number_of_nodes():,} nodes, page built in {build:.2f} s (projection, coverage "
              f"and page), {path.stat().st_size / 1e6:.1f} MB")
        if browser:
            f = first_picture(path)
            print(f"  at 1440x900: first draw {f['wall']:.2f} s wall, {f['ready_ms'] / 1000:.2f} s in page; "
                  f"{f['shown']} nodes shown, {f['labels']} labels and {f['badges']} fold badges, {f['overlaps']} overlapping; "
                  f"{f['people_orgs'] - f['unlabelled']} of {f['people_orgs']} people and organisations labelled", flush=True)
    for n in args.triples:
        import graph
        from kgbench import generate as kg_generate
        from graph.network import to_networkx
        from graph.reader import source_texts

        folder = out / f"gen-{n}"
        made = kg_generate(n, folder)
        g = graph.load(folder)
        t0 = time.perf_counter()
        nxg = to_networkx(g)
        texts, note = source_texts(g, made["sources"])
        page = render_html(nxg, sources=texts, source_note=note)
        build = time.perf_counter() - t0
        path = out / f"gen-{n}.html"
        path.write_text(page, encoding="utf-8")
        print(f"{n:,} generated triples: {nxg.number_of_nodes():,} nodes, {nxg.number_of_edges():,} edges; page built in "
              f"{build:.2f} s (projection and page), {path.stat().st_size / 1e6:.1f} MB", flush=True)
        if browser:
            wall, ready, ms, held = undrawn_search(path)
            print(f"  first draw (5,000 of {held:,} nodes) {wall:.2f} s wall, {ready:.2f} s in page; "
                  f"an undrawn node found and drawn with its neighbours in {ms:.0f} ms", flush=True)
    if args.sizes:
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
