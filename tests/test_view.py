"""Unit tests of the HTML view and the timeline picture (no browser)."""

from __future__ import annotations

import json
import re
import time
from html.parser import HTMLParser

import networkx as nx
import pytest

from graph.timeline_plot import timeline_rows, write_timeline
from graph.view import layout_positions, render_html, view_command, write_html
from view_graphs import HOSTILE_LABELS, hostile_graph, story_graph


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
    assert sorted(labels) == sorted(HOSTILE_LABELS)
    quotes = {q[2] for q in data["evidence"]}
    assert "</script><script>alert(6)</script>" in quotes


def test_title_is_escaped(hostile_page):
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(0)&lt;/script&gt;</title>" in hostile_page


def test_page_uses_text_not_html_for_curated_strings():
    from graph.view import _TEMPLATE_DIR

    js = (_TEMPLATE_DIR / "view.js").read_text(encoding="utf-8")
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "document.write" not in js
    assert "textContent" in js


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
    assert len(data["nodes"]) == g.number_of_nodes() and len(data["edges"]) == g.number_of_edges()
    by_label = {x["label"]: x for x in data["info"]}
    assert by_label["Kingsoft"]["aliases"] == ["Jinshan", "Beijing Jinshan", "Kingsoft Corporation"]
    assert by_label["Lei Jun"]["label_zh"] == "雷军"
    assert by_label["Sale of Joyo.com to Amazon"]["amounts"] == ["75000000 USD"]


def test_legend_lists_the_types_present_with_shapes_and_counts(story_page):
    legend = page_data(story_page)["legend"]
    assert [(x["type"], x["count"]) for x in legend] == [
        ("Person", 1), ("Organization", 4), ("Product", 1), ("Place", 1),
        ("Founding", 2), ("Joining", 1), ("Sale", 1), ("Claim", 2),
    ]
    assert {x["shape"] for x in legend if x["kind"] == "Event"} == {"diamond"}
    assert len({x["color"] for x in legend}) == len(legend)


def test_size_follows_importance(story_page):
    data = page_data(story_page)
    size = {x["label"]: n["size"] for x, n in zip(data["info"], data["nodes"])}
    assert size["Kingsoft"] > size["WPS"] and size["Lei Jun"] > size["Beijing"]


def test_secondary_only_and_conflicts_are_marked(story_page):
    data = page_data(story_page)
    labels = [x["label"] for x in data["info"]]
    ks, joyo = labels.index("Kingsoft"), labels.index("Joyo.com")
    [founded] = [(e, x) for e, x in zip(data["edges"], data["einfo"]) if e["from"] == ks and e["to"] == joyo and x["key"] == "kg:founded"]
    assert founded[0]["dashes"] is True and founded[1]["secondary_only"] is True
    conflict_edges = [e for e, x in zip(data["edges"], data["einfo"]) if x["key"] == "kg:conflictsWith"]
    assert len(conflict_edges) == 1 and conflict_edges[0]["color"]["color"] == "#d62728"
    claim = data["info"][labels.index("Claim: Lei Jun himself was 'Two Fingers Zen'")]
    assert claim["secondary_only"] and claim["conflicts"][0]["other"] == labels.index("Claim: 'Two Fingers Zen' was a forum friend")
    node = data["nodes"][labels.index("Claim: Lei Jun himself was 'Two Fingers Zen'")]
    assert node["color"]["border"] == "#d62728" and node["shapeProperties"]["borderDashes"]


def test_above_max_nodes_the_most_important_are_shown_and_the_page_says_so():
    g = story_graph()
    page = render_html(g, max_nodes=5)
    data = page_data(page)
    assert len(data["nodes"]) == 5 and data["truncated"] and data["total_nodes"] == g.number_of_nodes()
    assert {"Lei Jun", "Kingsoft"} <= {x["label"] for x in data["info"]}
    assert "Showing the 5 most important of 13 nodes" in page
    assert "most important" not in render_html(g, max_nodes=0)


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
    assert len(data["nodes"]) == nxg.number_of_nodes() and len(data["edges"]) == nxg.number_of_edges()
    assert page == render_html(to_networkx(curated_graph))
