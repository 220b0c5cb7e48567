"""The one store: every stage runs on Oxigraph, and a plain rdflib graph works too.

``graph.load`` gives an rdflib ``Graph`` on an Oxigraph store; a graph a user built on
rdflib's own store is copied into Oxigraph by :func:`graph.store.backend_of`, so the
saved queries, the projection, the stats and the exports give the same answers on it.
Also pins the generator (deterministic, passes `kg check`), the TSV reader and the
collector pause.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

import graph
from graph.store import create_graph


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    from kgbench import generate

    folder = tmp_path_factory.mktemp("gen") / "triples"
    generate(6000, folder, seed=3)
    return folder


@pytest.fixture(scope="module", params=["curated", "generated"])
def folder(request, generated, triples_dir):
    return triples_dir if request.param == "curated" else generated


def plain_of(g):
    """The same triples on rdflib's own in-memory store (a graph a user might build)."""
    from rdflib import Graph

    out = Graph()
    for t in g:
        out.add(t)
    for prefix, ns in g.namespaces():
        out.bind(prefix, ns, override=True)
    return out


@pytest.fixture(scope="module")
def loaded(folder):
    g = graph.load(folder)
    return {"store": g, "plain": plain_of(g)}


STORES = ("store", "plain")


def _canonical_lines(g):
    """Sorted N-Triples with content-derived blank-node labels: equal lines, isomorphic graphs
    (for the tree-shaped blank nodes of this model; rdflib's isomorphic() takes ~30 s here)."""
    from graph.rdfwrite import ntriples_lines

    return ntriples_lines(g)


def test_load_gives_an_rdflib_graph_on_oxigraph(loaded):
    from rdflib import Graph

    g = loaded["store"]
    assert isinstance(g, Graph) and type(g.store).__name__ == "KGOxigraphStore"
    assert len(g) == len(loaded["plain"])
    assert _canonical_lines(g) == _canonical_lines(loaded["plain"])


def _cell(v):
    """A comparable cell: blank nodes are anonymous; GROUP_CONCAT's order is unspecified in
    SPARQL (rdflib and Oxigraph concatenate in different orders), so a literal is compared
    by its characters in sorted order (the engines also differ on the language tag of a concatenation)."""
    from rdflib import Literal

    if v is None or v.n3().startswith("_:") or (isinstance(v, Literal) and str(v) == ""):
        return "_"  # an aggregate over no values: rdflib gives "", Oxigraph leaves it unbound
    if isinstance(v, Literal):
        return "".join(sorted(str(v)))
    return v.n3()


def _rows(result, text=""):
    import re

    if result.type == "ASK":
        return result.askAnswer
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return sorted(t.n3() for t in result.graph if not any(x.n3().startswith("_:") for x in t))
    # SAMPLE picks any value of its group: engines may pick different ones, so leave those columns out
    sampled = set(re.findall(r"SAMPLE\s*\([^)]*\)\s+AS\s+\?(\w+)", text, re.I))
    keep = [i for i, v in enumerate(result.vars) if str(v) not in sampled]
    return Counter(tuple(_cell(row[i]) for i in keep) for row in result)


def test_every_saved_query_gives_the_same_answers_on_a_plain_rdflib_graph(loaded, folder):
    queries = graph.saved_queries(folder)
    if folder.name == "triples" and not queries:
        pytest.skip("no saved queries yet")
    for name, q in queries.items():
        a = _rows(graph.query(loaded["store"], q.text), q.text)
        b = _rows(graph.query(loaded["plain"], q.text), q.text)
        assert a == b, name


def test_query_results_have_rdflib_terms(loaded):
    from rdflib import Literal

    rows = list(graph.query(loaded["store"], "SELECT ?l WHERE { ?x skos:prefLabel ?l } LIMIT 1"))
    assert isinstance(rows[0].l, Literal)


def test_unsafe_queries_are_refused_whatever_the_graph(loaded):
    from graph.errors import UnsafeQueryError

    for g in loaded.values():
        with pytest.raises(UnsafeQueryError):
            graph.query(g, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")


def _norm(attrs):
    out = dict(attrs)
    for key in ("evidence", "conflicts"):
        if key in out:
            out[key] = sorted(json.dumps(x, sort_keys=True) for x in out[key])
    return json.dumps(out, sort_keys=True, default=str)


def test_networkx_projection_is_the_same_on_a_plain_rdflib_graph(loaded):
    a, b = (graph.to_networkx(loaded[s]) for s in STORES)
    assert {n: _norm(d) for n, d in a.nodes(data=True)} == {n: _norm(d) for n, d in b.nodes(data=True)}
    assert {(s, o, k): _norm(d) for s, o, k, d in a.edges(keys=True, data=True)} == {
        (s, o, k): _norm(d) for s, o, k, d in b.edges(keys=True, data=True)
    }


def test_projection_stops_its_reader_threads(loaded):
    """The projection reads its tables in worker threads: none outlives it,
    and tables closed early refuse to answer rather than look empty."""
    import threading

    from graph.tables import RDFS_NS, SKOS_NS, Tables

    graph.to_networkx(loaded["store"])
    assert not [t for t in threading.enumerate() if t.name.startswith("kg-read")]
    with Tables(loaded["store"]) as t:
        assert t.multi(SKOS_NS + "prefLabel")
    assert t.multi(SKOS_NS + "prefLabel")  # read before closing: still there
    with pytest.raises(RuntimeError, match="closed"):
        t.multi(RDFS_NS + "label")


def test_objects_made_while_the_collector_is_paused_stay_collectable():
    """The pause hands its objects to the oldest generation without a scan; a reference
    cycle made during it is still freed by the next full collection, and the collector
    is left on, with nothing frozen, as it was."""
    import gc
    import weakref

    from graph.store import gc_paused

    class Node:
        pass

    passes = []

    def note(phase, info):
        if phase == "start":
            passes.append(info["generation"])

    with gc_paused():
        a, b = Node(), Node()
        a.other, b.other = b, a
        alive = weakref.ref(a)
        made = [{} for _ in range(20_000)]
        gc.callbacks.append(note)
    try:
        few = [{} for _ in range(100)]  # fewer than a young collection's threshold
    finally:
        gc.callbacks.remove(note)
    assert passes == []  # no collection was owed the 20,000 objects made in the pause
    del a, b, made, few
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert alive() is not None  # a cycle: refcounting alone cannot free it
    gc.collect()
    assert alive() is None


def test_stats_are_the_same_on_a_plain_rdflib_graph_with_and_without_a_projection(loaded):
    from graph.export import stats

    results = [stats(loaded[s]) for s in STORES] + [stats(loaded[s], graph.to_networkx(loaded[s])) for s in STORES]
    assert all(r == results[0] for r in results[1:])


EDGE_SHAPES = """
@prefix kg: <https://w3id.org/story-kg/ontology#> .
@prefix kgr: <https://w3id.org/story-kg/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

kgr:a a kg:Person , kg:Organization ; skos:prefLabel "A"@en .    # two node classes: one node
kgr:b a kg:Organization ; skos:prefLabel "B"@en .
kgr:c a kg:Founding ; kg:founder kgr:a ; kg:organization kgr:b .  # event -> nodes, and a derived edge
kgr:a kg:memberOf kgr:b , kgr:not-a-node .                         # the second end is no node
kgr:not-a-node kg:memberOf kgr:b .                                 # nor is this subject
kgr:a kg:evidence kgr:b .                                          # kg:evidence is never an edge
_:x a kg:Person ; kg:memberOf kgr:b .                              # a blank node is no node
kgr:b kg:memberOf kgr:a .
"""


def test_the_entity_edge_count_on_awkward_shapes_is_the_projections(tmp_path, triples_dir):
    """A node with two classes is one node; triples from or to a non-node, from a blank node,
    or on kg:evidence or rdf:type are not edges; a derived edge is."""
    from graph.export import stats

    (tmp_path / "data.ttl").write_text(EDGE_SHAPES, encoding="utf-8")
    g = graph.load(tmp_path)
    counts = [stats(g)["edges"], graph.to_networkx(g).number_of_edges()]
    # c founder a, c organization b, a memberOf b, b memberOf a, and the derived a founded b
    assert counts == [5] * 2


def test_rdf_exports_are_byte_identical_on_a_plain_rdflib_graph(loaded):
    from graph import rdfwrite as bigexport
    from graph.export import to_ntriples

    a, b = (to_ntriples(loaded[s]) for s in STORES)
    assert a == b
    big = [bigexport.render(loaded[s]) for s in STORES]
    assert big[0] == big[1]


@pytest.mark.parametrize("name,fmt", [("graph.nt", "nt"), ("graph.ttl", "turtle"), ("graph.jsonld", "json-ld")])
def test_large_graph_writers_round_trip(loaded, name, fmt):
    from rdflib import Graph

    from graph import rdfwrite as bigexport

    g = loaded["store"]
    lines = bigexport.ntriples_lines(g)
    out = bigexport.render(g, bigexport.sorted_triples(g))
    assert bigexport.ntriples_lines(Graph().parse(data=out[name], format=fmt)) == lines


def test_generated_folder_passes_check(generated):
    report = graph.check(generated, generated / "sources")
    assert report.ok, [str(p) for p in report.problems]
    assert report.entities > 100


def test_generator_is_deterministic(tmp_path):
    from kgbench import generate

    a, b = generate(2000, tmp_path / "a", seed=7), generate(2000, tmp_path / "b", seed=7)
    for pa, pb in zip(a["files"], b["files"]):
        assert pa.read_bytes() == pb.read_bytes()
    assert (tmp_path / "a" / "queries").is_dir()


def test_generated_graph_has_hubs_chinese_labels_and_conflicts(loaded, folder):
    if not list(folder.glob("events-*.ttl")):
        pytest.skip("only the generated graph")
    nxg = graph.to_networkx(loaded["store"])
    degrees = sorted((d for _n, d in nxg.degree()), reverse=True)
    assert degrees[0] > 10 * (sum(degrees) / len(degrees))
    assert any(a["label_zh"] for _n, a in nxg.nodes(data=True))
    assert any(a["conflicts"] for _n, a in nxg.nodes(data=True))
    assert any(a["secondary_only"] for _n, a in nxg.nodes(data=True))


def test_oxigraph_syntax_errors_name_file_and_line(tmp_path):
    from graph.errors import LoadError

    (tmp_path / "bad.ttl").write_text("@prefix kg: <https://w3id.org/story-kg/ontology#> .\nkg:a kg:b foo:c .\n")
    with pytest.raises(LoadError) as err:
        graph.load(tmp_path)
    assert err.value.line == 2 and err.value.file.endswith("bad.ttl")
    assert create_graph().store.__class__.__name__ == "KGOxigraphStore"


def test_html_view_is_the_same_on_a_plain_rdflib_graph(loaded):
    from graph.view import render_html

    a, b = (render_html(graph.to_networkx(loaded[s])) for s in STORES)
    assert a == b


HOSTILE_OBJECTS = [
    ("tab\there", None, None), ("new\nline\r", None, None), ('say "hi"', None, None), ("back\\slash", None, None),
    ('ends with "', None, None), ("\\", None, None), ('"@en', None, None), ("", None, None), ("a,b", None, None),
    ("雷军 😀", "zh-hans", None), ("Lei Jun", "en", None), ("<b>bold</b> & >", "en-gb", None),
    ("\x01control\x7f", None, None), ("\u2028sep\u0085", None, None),
    ("5", None, "integer"), ("-3", None, "integer"), ("1.5", None, "decimal"), ("1000", None, "double"),
    ("true", None, "boolean"), ("2010-04", None, "gYearMonth"), ("x y", None, "http://example.org/dt"),
]


def test_oxigraph_tsv_reader_gives_the_terms_pyoxigraph_gives():
    """graph.oxread parses Oxigraph's TSV answers into the same values as reading its terms
    (the backend's ``select``)."""
    import pyoxigraph as ox

    from graph.backend import Backend
    from graph.oxread import Reader

    store = ox.Store()
    xsd = "http://www.w3.org/2001/XMLSchema#"
    s, p = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    objects = [ox.NamedNode("http://example.org/o?q=1#f"), ox.BlankNode("b0")] + [
        ox.Literal(v, language=lang) if lang else
        ox.Literal(v, datatype=ox.NamedNode(dt if ":" in dt else xsd + dt)) if dt else ox.Literal(v)
        for v, lang, dt in HOSTILE_OBJECTS]
    for o in objects:
        store.add(ox.Quad(s, p, o))
        store.add(ox.Quad(ox.BlankNode("subject"), p, o))
    backend = Backend(store)
    with Reader(backend) as read:
        subjects, values = read.columns(read.submit("SELECT ?s ?o WHERE { ?s ?p ?o }"))
    expected = Counter(backend.select("SELECT ?s ?o WHERE { ?s ?p ?o }"))
    assert Counter(zip(subjects, values)) == expected
    assert len(expected) == 2 * len(objects)



@pytest.mark.parametrize("objects", [
    ["http://example.org/o1", "_:b1", "http://example.org/_:not-a-blank-node", "urn:x:y"],
    ["http://example.org/o1", 5],  # a bare literal: the regex pass must give way
    ["http://example.org/o1", "a <http://example.org/in-a-literal>"],
    ["_:b2", True],
])
def test_oxigraph_tsv_reader_of_iris_and_blank_nodes(objects):
    """Answers of IRIs and blank nodes only take a one-regex fast path; any other cell
    (a bare number or boolean, a quoted literal holding an IRI) falls back to the cell
    parser. Both give what pyoxigraph's terms give."""
    import pyoxigraph as ox

    from graph.backend import Backend
    from graph.oxread import Reader, _fast_columns

    def term(v):
        if isinstance(v, str) and v.startswith("_:"):
            return ox.BlankNode(v[2:])
        return ox.NamedNode(v) if isinstance(v, str) and ":" in v and " " not in v else ox.Literal(v)

    store = ox.Store()
    p = ox.NamedNode("http://example.org/p")
    for i, o in enumerate(objects):
        for s in (ox.NamedNode(f"http://example.org/s{i}"), ox.BlankNode(f"s{i}")):
            store.add(ox.Quad(s, p, term(o)))
    backend = Backend(store)
    text = backend.tsv("SELECT ?s ?o WHERE { ?s ?p ?o }").decode()
    with Reader(backend) as read:
        subjects, values = read.columns(read.submit("SELECT ?s ?o WHERE { ?s ?p ?o }"))
    expected = Counter(backend.select("SELECT ?s ?o WHERE { ?s ?p ?o }"))
    assert Counter(zip(subjects, values)) == expected
    all_resources = all(isinstance(o, str) and (":" in o and " " not in o) for o in objects)
    assert (_fast_columns(text) is not None) == all_resources

def test_projection_of_hostile_literals(tmp_path, triples_dir):
    """Labels, aliases, descriptions, dates and amounts holding tabs, newlines, quotes,
    backslashes and non-BMP characters project whole, as a plain rdflib graph of them does."""
    import shutil

    folder = tmp_path / "triples"
    shutil.copytree(triples_dir, folder)
    lines = []
    for i, (value, lang, dt) in enumerate(HOSTILE_OBJECTS):
        text = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        text = text.replace("\t", "\\t")
        suffix = f"@{lang}" if lang else (f"^^<{dt if ':' in dt else 'http://www.w3.org/2001/XMLSchema#' + dt}>" if dt else "")
        literal = f'"{text}"{suffix}'
        pred = "skos:altLabel" if not dt else "kg:note"
        lines.append(f"kgr:lei-jun {pred} {literal} .")
        if not dt:
            lines.append(f"kgr:xiaomi schema:description {literal} .")
    (folder / "hostile.ttl").write_text(
        "@prefix kgr: <https://w3id.org/story-kg/id/> .\n@prefix kg: <https://w3id.org/story-kg/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix schema: <https://schema.org/> .\n"
        + "\n".join(lines) + "\n", encoding="utf-8")
    loaded = graph.load(folder)
    a, b = graph.to_networkx(loaded), graph.to_networkx(plain_of(loaded))
    lei = "https://w3id.org/story-kg/id/lei-jun"
    assert "tab\there" in a.nodes[lei]["aliases"] and 'say "hi"' in a.nodes[lei]["aliases"]
    assert "雷军 😀" in a.nodes[lei]["aliases"] and "\u2028sep\u0085" in a.nodes[lei]["aliases"]
    assert {n: _norm(d) for n, d in a.nodes(data=True)} == {n: _norm(d) for n, d in b.nodes(data=True)}
    assert {(s, o, k): _norm(d) for s, o, k, d in a.edges(keys=True, data=True)} == {
        (s, o, k): _norm(d) for s, o, k, d in b.edges(keys=True, data=True)
    }


def test_sampled_betweenness_ranks_the_same_whatever_the_node_order(loaded, monkeypatch):
    """Above BETWEENNESS_EXACT_LIMIT `kg rank` samples its sources; the sample must not depend
    on the order in which a store lists the nodes."""
    from graph import analysis

    monkeypatch.setattr(analysis, "BETWEENNESS_EXACT_LIMIT", 50)
    a, b = (analysis.rank(graph.to_networkx(loaded[s]), top=25) for s in STORES)
    assert a == b
    assert any(row["betweenness"] > 0 for row in a)


def test_communities_are_the_same_whatever_the_node_order(loaded):
    """Louvain shuffles the nodes with its seed: the result must not depend on the store's order."""
    from graph import analysis

    a, b = (analysis.communities(graph.to_networkx(loaded[s])) for s in STORES)
    assert a == b and len(a) > 1


def test_shortest_paths_are_the_same_whatever_the_node_order(loaded):
    """Among equally short paths, `kg path` shows the same ones whichever store answered."""
    import networkx as nx

    from graph import analysis

    a, b = (graph.to_networkx(loaded[s]) for s in STORES)
    hubs = sorted(a, key=lambda n: (-a.degree(n), n))[:4]
    others = sorted(n for n in a if a.nodes[n]["kind"] == "Person")[:12]
    ties = 0
    for x in hubs:
        for y in others:
            if x != y:
                assert analysis.shortest_paths(a, x, y) == analysis.shortest_paths(b, x, y)
                try:
                    ties += len(list(nx.all_shortest_paths(a.to_undirected(as_view=True), x, y))) > 1
                except nx.NetworkXNoPath:
                    pass
    assert ties  # some pairs have several shortest paths, so the order matters


def test_timeline_is_the_same_on_a_plain_rdflib_graph(loaded):
    from graph.timeline import events

    a, b = (events(loaded[s]) for s in STORES)
    assert [e.iri for e in a] == [e.iri for e in b] and a == b
