"""Unit tests of the HTML view and the timeline picture (no browser)."""

from __future__ import annotations

import json
import re
import time
from html.parser import HTMLParser

import networkx as nx
import pytest

from graph.timeline_plot import timeline_rows, write_timeline
from graph.cli.view import view_command
from graph.view import layout_positions, render_html, write_html
from view_graphs import HOSTILE_LABELS, KGR, ev, hostile_graph, hostile_sources, story_graph, story_sources


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.scripts, self._in = [], [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, k, v or "") for k, v in attrs)
        self._in = (tag, dict(attrs)) if tag == "script" else None

    def handle_data(self, data):
        if self._in:
            self.scripts.append((self._in[1], data))

    def handle_endtag(self, tag):
        self._in = None


def parse(page: str) -> _Page:
    p = _Page()
    p.feed(page)
    return p


def page_data(page: str) -> dict:
    [(attrs, text)] = [(a, t) for a, t in parse(page).scripts if a.get("id") == "kg-data"]
    return json.loads(text)


@pytest.fixture(scope="module")
def story_page():
    return render_html(story_graph(), title="Story")


@pytest.fixture(scope="module")
def hostile_page():
    return render_html(hostile_graph(), title="</title><script>alert(0)</script>")


def test_hostile_strings_never_appear_raw_in_the_page(hostile_page):
    for label in HOSTILE_LABELS[:2]:
        assert label not in hostile_page
    assert "<img" not in hostile_page
    assert "\u2028" not in hostile_page and "\u2029" not in hostile_page
    # only our own three scripts; a label cannot open or close one
    p = parse(hostile_page)
    assert p.tags.count("script") == 3 and len(p.scripts) == 3
    [data] = [text for attrs, text in p.scripts if attrs.get("id") == "kg-data"]
    assert "<" not in data and ">" not in data and "&" not in data


def test_hostile_strings_survive_in_the_data_unchanged(hostile_page):
    data = page_data(hostile_page)
    labels = [x["label"] for x in data["info"]]
    assert set(HOSTILE_LABELS) <= set(labels) and "<i>claim A</i><img src=x onerror=alert(10)>" in labels
    quotes = {q[2] for q in data["evidence"]}
    assert "</script><script>alert(6)</script>" in quotes


def test_title_is_escaped(hostile_page):
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(0)&lt;/script&gt;</title>" in hostile_page


def test_page_uses_text_not_html_for_curated_strings():
    from graph.view import _TEMPLATE_DIR, APP_SCRIPTS

    for name in APP_SCRIPTS:
        js = (_TEMPLATE_DIR / name).read_text(encoding="utf-8")
        assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "document.write" not in js, name
        assert "eval(" not in js and "new Function" not in js, name
    assert "textContent" in (_TEMPLATE_DIR / "view.js").read_text(encoding="utf-8")


def test_page_is_offline_no_remote_src_or_href(story_page):
    p = parse(story_page)
    remote = [(t, k, v) for t, k, v in p.attrs if k in ("src", "href", "action", "data", "poster") and re.match(r"\s*(https?:)?//", v, re.I)]
    assert remote == []
    assert "link" not in p.tags and "iframe" not in p.tags and "img" not in p.tags
    assert all("src" not in attrs for attrs, _ in p.scripts), "every script is inline"
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", story_page)
    assert "Content-Security-Policy" in story_page and "default-src 'none'" in story_page


def test_vis_network_is_inlined_with_its_licence(story_page):
    assert "vis-network" in story_page and "@license" in story_page and "Apache 2.0" in story_page


def test_same_graph_same_bytes_whatever_the_insertion_order(story_page):
    assert render_html(story_graph(), title="Story") == story_page
    g = story_graph()
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(g.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    assert render_html(shuffled, title="Story") == story_page


def test_write_html_is_atomic_and_repeatable(tmp_path):
    path = write_html(story_graph(), tmp_path / "out" / "graph.html", title="Story")
    first = path.read_bytes()
    write_html(story_graph(), path, title="Story")
    assert path.read_bytes() == first
    assert [p.name for p in path.parent.iterdir()] == ["graph.html"], "no temp file left behind"


def test_data_has_every_node_and_edge_with_contract_attributes(story_page):
    g = story_graph()
    data = page_data(story_page)
    assert len(data["info"]) == g.number_of_nodes() and len(data["einfo"]) == g.number_of_edges()
    assert all(x.get("drawn") for x in data["info"]) and not data["truncated"]
    by_label = {x["label"]: x for x in data["info"]}
    assert by_label["Kingsoft"]["aliases"] == ["Jinshan", "Beijing Jinshan", "Kingsoft Corporation"]
    assert by_label["Lei Jun"]["label_zh"] == "雷军"
    assert by_label["Sale of Joyo.com to Amazon"]["amounts"] == ["75000000 USD"]


def test_legend_lists_the_event_families_first_then_the_kinds(story_page):
    legend = page_data(story_page)["legend"]
    assert [(x["key"], x["group"], x["count"]) for x in legend] == [
        ("founding", "Events", 2), ("deal", "Events", 1), ("career", "Events", 1),
        ("Person", "Entities", 1), ("Organization", "Entities", 4), ("Product", "Entities", 1),
        ("Place", "Entities", 1), ("Claim", "Entities", 2),
    ]
    assert len({x["color"] for x in legend}) == len(legend) and len({x["shape"] for x in legend}) == len(legend)
    assert {x["key"]: x["types"] for x in legend if x["group"] == "Events"}["founding"] == ["Founding", "Funding", "IPO", "Donation"]


def test_event_families_are_few_with_distinct_shapes_and_colours():
    from graph.viewdata import FAMILIES, event_family

    assert [f[0] for f in FAMILIES] == ["founding", "deal", "launch", "career", "talk", "crisis", "other"]
    assert len({f[3] for f in FAMILIES}) == len(FAMILIES) and len({f[4] for f in FAMILIES}) == len(FAMILIES)
    assert [event_family(t) for t in ("Founding", "Funding", "Sale", "Offer", "Release", "Joining", "Leaving",
                                      "Speech", "Meeting", "Crisis", "Bankruptcy", "Event", "Period")] == [
        "founding", "founding", "deal", "deal", "launch", "career", "career", "talk", "talk", "crisis", "crisis",
        "other", "other"]


def test_every_event_type_of_the_ontology_has_a_family(curated_graph):
    from rdflib import RDFS

    from graph.namespaces import KG
    from graph.viewdata import FAMILIES

    named = {t for f in FAMILIES for t in f[2]}
    event_classes = {str(c).rsplit("#", 1)[1] for c in curated_graph.transitive_subjects(RDFS.subClassOf, KG.Event)} - {"Event"}
    # every specific event class is in a named family, except the eras, which go with plain events
    assert event_classes - named == {"Period"}


def test_size_counts_the_distinct_source_sentences_about_a_node():
    from graph.viewdata import page_data as data_of

    with_texts = data_of(story_graph(), sources=story_sources(), layout=False)
    talk = {x["label"]: x["talk"] for x in with_texts["info"]}
    # Kingsoft: the joining, the WPS sentence, the sale and the article's founding sentence
    assert talk["Kingsoft"] == 4 and talk["WPS"] == 1 and talk["Beijing"] == 1
    assert talk["Lei Jun"] > talk["Beijing"] and talk["Kingsoft"] > talk["WPS"]
    # without the texts: distinct quotes
    bare = {x["label"]: x["talk"] for x in data_of(story_graph(), layout=False)["info"]}
    assert bare["Kingsoft"] == 4 and bare["WPS"] == 1
    # both quotes of one sentence count once
    assert with_texts["max_talk"] == max(talk.values())


def test_claims_and_minor_events_fold_into_their_subject():
    from graph.viewdata import page_data as data_of

    g = story_graph()
    g.add_node(KGR + "minor", **dict(g.nodes[KGR + "joining-kingsoft"], iri=KGR + "minor", label="Lei Jun has lunch",
                                     type="Event", evidence=[ev("We worked hard.")]))
    g.add_edge(KGR + "minor", KGR + "lei-jun", key="kg:person", label="person", role=True, evidence=[ev("We worked hard.")])
    data = data_of(g, layout=False)
    labels = [x["label"] for x in data["info"]]
    fold = {x["label"]: (labels[x["fold"]] if x.get("fold", -1) >= 0 else None) for x in data["info"]}
    assert fold["Claim: Lei Jun himself was 'Two Fingers Zen'"] == "Lei Jun"
    assert fold["Lei Jun has lunch"] == "Lei Jun"  # a plain event: minor
    assert fold["Sale of Joyo.com to Amazon"] is None and fold["Kingsoft"] is None


def test_conflicts_have_two_sides():
    data = page_data(render_html(story_graph()))
    labels = [x["label"] for x in data["info"]]
    [c] = data["conflicts"]
    assert c["label"] == "Who was 'Two Fingers Zen'?" and c["kind"] == "Contradiction"
    assert [labels[i] for i in c["A"]] == ["Claim: 'Two Fingers Zen' was a forum friend"]
    assert [labels[i] for i in c["B"]] == ["Claim: Lei Jun himself was 'Two Fingers Zen'"]


def test_secondary_only_and_conflicts_are_marked(story_page):
    data = page_data(story_page)
    labels = [x["label"] for x in data["info"]]
    ks, joyo = labels.index("Kingsoft"), labels.index("Joyo.com")
    [founded] = [e for e in data["einfo"] if e["from"] == ks and e["to"] == joyo and e["key"] == "kg:founded"]
    assert founded["secondary_only"] is True
    assert len([e for e in data["einfo"] if e["key"] == "kg:conflictsWith"]) == 1
    claim = data["info"][labels.index("Claim: Lei Jun himself was 'Two Fingers Zen'")]
    assert claim["secondary_only"] and claim["cf"] == [[0, "B"]]


def test_above_max_nodes_the_page_holds_every_node_and_draws_the_most_talked_about():
    g = story_graph()
    page = render_html(g, max_nodes=5)
    data = page_data(page)
    assert len(data["info"]) == g.number_of_nodes() and data["truncated"] and data["total_nodes"] == g.number_of_nodes()
    drawn = {x["label"] for x in data["info"] if x.get("drawn")}
    assert len(drawn) == 5 and {"Lei Jun", "Kingsoft"} <= drawn
    assert all("x" in x for x in data["info"] if x.get("drawn")) and not any("x" in x for x in data["info"] if not x.get("drawn"))
    assert "holds all 13 nodes" in page and "draws the 5 the sources say most about first" in page
    assert "Search finds every node" in page
    assert "holds all" not in render_html(g, max_nodes=0)


def test_a_huge_graph_keeps_names_and_links_of_the_undrawn_nodes_not_their_quotes(monkeypatch):
    import graph.viewdata as vd

    monkeypatch.setattr(vd, "FULL_INFO_LIMIT", 8)
    data = vd.page_data(story_graph(), max_nodes=5, layout=False)
    rows = [x for x in data["info"] if isinstance(x, list)]  # compact rows, expanded by the page
    assert data["lite"] and len(rows) == story_graph().number_of_nodes() - 5
    labels = {x[1] for x in rows}
    assert "Beijing" in labels and all(isinstance(x[3], list) for x in rows)
    assert len(data["einfo"]) == story_graph().number_of_edges()  # every link is kept
    far = [e for e in data["einfo"] if isinstance(e, list)]
    assert far and all(data["lite_tables"]["edge_keys"][e[2]][0].startswith("kg:") for e in far)
    used = {r for x in data["info"] if isinstance(x, dict) for r in x.get("ev", ())}
    used |= {r for e in data["einfo"] if isinstance(e, dict) for r in e.get("ev", ())}
    assert used == set(range(len(data["evidence"])))  # only the quotes the page shows


def test_the_first_picture_leaves_room_for_every_person_and_organisation_label(curated_graph):
    """The layout reserves a box below each person and organisation for its label, none overlapping
    (the browser test checks what is drawn)."""
    import numpy as np

    import graph.layout as layout
    from graph.network import to_networkx
    from graph.viewdata import page_data as data_of

    seen = {}
    real = layout.pack

    def spy(pos, rects, box, order, **kw):
        out = real(pos, rects, box, order, **kw)
        seen.update(pos=out, rects=rects, box=box)
        return out

    layout.pack = spy
    try:
        data_of(to_networkx(curated_graph))
    finally:
        layout.pack = real
    rects, pos = seen["rects"], seen["pos"]
    labelled = (rects[:, 2] - rects[:, 0]) > (rects[:, 3] - rects[:, 1]) + 1
    assert labelled.sum() >= 120  # (59 people and 68 organisations; a short label under a big node looks square)
    assert layout.overlapping_pairs(pos[labelled], rects[labelled]) == 0
    assert (np.abs(pos) <= np.array(seen["box"]) / 2).all()


def test_story_layout_places_every_event_on_the_time_axis_and_undated_ones_in_their_band():
    from graph.viewdata import page_data as data_of

    g = story_graph()
    g.add_node(KGR + "undated", **dict(g.nodes[KGR + "joining-kingsoft"], iri=KGR + "undated", label="A meeting, date unknown",
                                       type="Meeting", date="", year=None, date_unknown="the speech gives no date"))
    g.add_edge(KGR + "undated", KGR + "kingsoft", key="kg:attendee", label="attendee", role=True)
    data = data_of(g)
    axis = data["story_axis"]
    events = [x for x in data["info"] if x["kind"] == "Event"]
    assert all("sx" in x for x in events)
    by = {x["label"]: x for x in data["info"]}
    assert by["Lei Jun joins Kingsoft"]["sx"] < by["Sale of Joyo.com to Amazon"]["sx"] < by["Founding of Xiaomi"]["sx"]
    undated = by["A meeting, date unknown"]
    assert axis["undated"][0] <= undated["sy"] <= axis["undated"][1] and axis["undated"][2] == 1
    assert all(x["sy"] < axis["undated"][0] for x in events if x.get("year") is not None)
    assert by["Kingsoft"]["sy"] < axis["band"][0]  # organisations above the axis
    assert by["WPS"].get("sx") is None  # in no event: not in the story
    assert [t[0] for t in axis["ticks"]] == [1992, 2000, 2004, 2010]


def test_reader_embeds_the_texts_with_the_cited_sentences_and_where_each_quote_is():
    data = page_data(render_html(story_graph(), sources=story_sources()))
    speech = data["sources"][0]
    assert speech["label"] == "Lei Jun's 2022 annual speech" and speech["text"].startswith("Tonight")
    cited = [speech["text"][a:b] for a, b, _evs, _j in speech["cited"]]
    assert "By 2004, we sold Joyo to Amazon for 75 million US dollars." in cited
    assert "Tonight I will tell three stories." not in cited
    [sale] = [e for e in data["evidence"] if e[2] == "we sold Joyo to Amazon for 75 million US dollars"]
    assert sale[6] == 0 and speech["text"][sale[7][0]:sale[7][1]] == sale[2]
    j = sale[8][0]
    assert any(c[3] == j and data["evidence"].index(sale) in c[2] for c in speech["cited"])


def test_sources_too_large_to_embed_are_left_out_with_a_note(curated_graph, monkeypatch, sources_dir):
    from graph.reader import source_texts

    texts, note = source_texts(curated_graph, sources_dir)
    assert len(texts) == 5 and note == ""
    texts, note = source_texts(curated_graph, sources_dir, max_bytes=10_000)
    assert texts == [] and "not embedded" in note
    page = render_html(story_graph(), sources=[], source_note=note)
    assert page_data(page)["source_note"] == note


def test_layout_is_deterministic_and_fast_for_thousands_of_nodes():
    g = nx.barabasi_albert_graph(5000, 1, seed=3)
    edges = list(g.edges())
    t0 = time.perf_counter()
    pos = layout_positions(5000, edges)
    elapsed = time.perf_counter() - t0
    assert pos.shape == (5000, 2) and (abs(pos) <= 1.0).all()
    assert (layout_positions(5000, edges) == pos).all()
    assert elapsed < 10, f"layout of 5,000 nodes took {elapsed:.1f} s"


def test_view_command_has_help_with_an_example():
    assert "Example" in view_command.help and "kg view" in view_command.help
    names = {p.name for p in view_command.params}
    assert {"triples", "output", "no_open", "max_nodes"} <= names


def test_view_module_keeps_heavy_imports_lazy():
    import subprocess
    import sys

    code = "import sys, graph.view, graph.timeline_plot; print(sorted(m for m in ('pyvis', 'matplotlib', 'networkx', 'rdflib', 'numpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    # graph/__init__ may import rdflib; the view itself must not pull in pyvis, matplotlib or numpy
    assert not {"pyvis", "matplotlib", "numpy"} & set(eval(out))


# ---------------------------------------------------------------------------
# timeline picture
# ---------------------------------------------------------------------------


def test_timeline_groups_events_by_main_organization():
    rows = {r["label"]: r for r in timeline_rows(story_graph())}
    assert rows["Sale of Joyo.com to Amazon"]["lane"] == "Kingsoft"
    assert rows["Founding of Xiaomi"]["lane"] == "Xiaomi"
    assert rows["Founding of Joyo.com"]["secondary_only"] and rows["Founding of Joyo.com"]["inferred"]
    assert rows["Sale of Joyo.com to Amazon"]["x"] == pytest.approx(2004 + 7 / 12 + 1 / 24)


def test_timeline_svg_is_deterministic_and_labelled(tmp_path):
    a = write_timeline(story_graph(), tmp_path / "a.svg", tmp_path / "a.png")
    b = write_timeline(story_graph(), tmp_path / "b.svg", tmp_path / "b.png")
    svg = a.read_bytes()
    assert svg == b.read_bytes()
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    assert (tmp_path / "a.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    text = svg.decode("utf-8")
    assert "Sale of Joyo.com to Amazon" in text and "Kingsoft" in text and "Xiaomi" in text
    assert "<dc:date>" not in text


def test_timeline_of_the_curated_graph(curated_graph, tmp_path):
    path = write_timeline(curated_graph, tmp_path / "t.svg")
    lanes = {r["lane"] for r in timeline_rows(curated_graph)}
    assert {"Kingsoft", "Joyo.com", "Xiaomi"} <= lanes
    assert path.stat().st_size > 10_000


def test_view_of_the_curated_graph(curated_graph):
    from graph.network import to_networkx

    nxg = to_networkx(curated_graph)
    page = render_html(nxg)
    data = page_data(page)
    assert len(data["info"]) == nxg.number_of_nodes() and len(data["einfo"]) == nxg.number_of_edges()
    assert all(x.get("drawn") for x in data["info"])
    assert page == render_html(to_networkx(curated_graph))



def test_the_views_pagerank_is_networkxs():
    """graph.layout.pagerank is a numpy power iteration kept for speed (see its docstring);
    its values are networkx's."""
    import random

    import networkx as nx

    from graph.layout import pagerank

    rng = random.Random(7)
    n = 300
    edges = [(rng.randrange(n), rng.randrange(n)) for _ in range(900)] + [(1, 2), (1, 2)]
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    for a, b in edges:
        g.add_edge(a, b, weight=g[a][b]["weight"] + 1 if g.has_edge(a, b) else 1)
    expected = nx.pagerank(g, weight="weight", tol=1e-12)
    got = pagerank(n, edges)
    assert max(abs(got[i] - expected[i]) for i in range(n)) < 1e-8
