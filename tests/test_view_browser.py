"""The HTML view in a real browser: Debian's Chromium driven by Playwright (no ``playwright install``)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from graph.view import write_html
from view_graphs import HOSTILE_LABELS, hostile_graph, story_graph

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync",
]
DOCS_PICTURE = Path(__file__).resolve().parent.parent / "docs" / "graph-view.png"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing (apt-get install -y chromium)"),
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (test extra) is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Opened:
    """A page opened from file:// with every request, console message and dialog recorded."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1400, "height": 850})
        self.requests, self.errors, self.dialogs = [], [], []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        # any request off file:// is aborted (and recorded above)
        self.page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort())
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.kgView && window.kgView.ready", timeout=30_000)

    def js(self, expr, arg=None):
        return self.page.evaluate(expr, arg)

    def node_id(self, label):
        return self.js("(l) => kgView.info.findIndex(x => x.label === l)", label)

    def selected_label(self):
        return self.js("() => { const s = kgView.network.getSelectedNodes(); return s.length ? kgView.info[s[0]].label : null; }")

    def panel_text(self):
        return self.js("() => document.getElementById('panel').hidden ? '' : document.getElementById('panel-body').textContent")

    def click_node(self, label):
        i = self.node_id(label)
        self.js("(i) => kgView.network.focus(i, {scale: 1.2, animation: false})", i)
        self.page.wait_for_timeout(100)
        x, y = self.js("""(i) => { const p = kgView.network.getPosition(i); const d = kgView.network.canvasToDOM(p);
                                   const r = document.getElementById('network').getBoundingClientRect();
                                   return [r.left + d.x, r.top + d.y]; }""", i)
        self.page.mouse.click(x, y)
        self.page.wait_for_timeout(100)

    def search(self, text):
        self.page.fill("#search", "")
        self.page.type("#search", text)
        self.page.keyboard.press("Enter")
        self.page.wait_for_timeout(150)

    def drawn_counts(self):
        return self.js("() => [kgView.network.body.nodeIndices.length, kgView.network.body.edgeIndices.length]")


@pytest.fixture(scope="module")
def story(browser, tmp_path_factory):
    path = write_html(story_graph(), tmp_path_factory.mktemp("view") / "story.html", title="Lei Jun story")
    opened = Opened(browser, path)
    yield opened
    opened.page.close()


def test_page_loads_offline_without_console_errors(story):
    assert story.errors == []
    assert story.requests and all(u.startswith("file://") for u in story.requests), story.requests


def test_drawn_node_and_edge_counts_equal_the_graph(story):
    g = story_graph()
    assert story.drawn_counts() == [g.number_of_nodes(), g.number_of_edges()]


@pytest.mark.parametrize("query, label", [("Jinshan", "Kingsoft"), ("jinshan", "Kingsoft"), ("Zhuoyue", "Joyo.com"),
                                          ("雷军", "Lei Jun"), ("金山", "Kingsoft")])
def test_search_finds_and_focuses_by_any_label_or_alias(story, query, label):
    story.search(query)
    assert story.selected_label() == label
    assert story.panel_text().startswith(label)


def test_clicking_a_node_shows_its_evidence_quote_and_source(story):
    story.click_node("Sale of Joyo.com to Amazon")
    assert story.selected_label() == "Sale of Joyo.com to Amazon"
    text = story.panel_text()
    assert "we sold Joyo to Amazon for 75 million US dollars" in text
    assert "Lei Jun's 2022 annual speech" in text and "2004-08" in text and "75000000 USD" in text


def test_selection_highlights_neighbours_and_dims_the_rest(story):
    story.click_node("Founding of Xiaomi")
    colors = story.js("() => Object.fromEntries(kgView.nodes.get().map(n => [kgView.info[n.id].label, n.color]))")
    assert colors["Xiaomi"] != colors["Amazon"]
    assert colors["Amazon"] == {"background": "#eceff2", "border": "#dde1e5"}
    assert colors["Lei Jun"] == "#4e79a7"


def test_secondary_only_facts_and_conflicts_are_explained_in_the_panel(story):
    story.click_node("Claim: Lei Jun himself was 'Two Fingers Zen'")
    text = story.panel_text()
    assert "only the secondary source states this" in text
    assert "Who was 'Two Fingers Zen'?" in text
    # both sides of the conflict, with their quotes
    assert "he used two fingers to type out the legend of “two-finger Zen” on the keyboard" in text
    assert "a friend on the forum, nicknamed 'Two Fingers Zen'" in text
    story.click_node("Founding of Joyo.com")
    assert "secondary source only" in story.panel_text()


def test_type_filter_hides_and_shows(story):
    n = story_graph().number_of_nodes()
    story.page.click("#legend-types input[data-type='Organization']")
    assert story.drawn_counts()[0] == n - 4
    assert story.js("() => kgView.shown") == n - 4
    story.page.click("#legend-types input[data-type='Organization']")
    assert story.drawn_counts()[0] == n


def test_year_filter_shows_the_events_of_those_years_and_what_they_connect(story):
    story.page.fill("#year-from", "2004")
    story.page.fill("#year-to", "2004")
    story.page.dispatch_event("#year-to", "change")
    visible = story.js("() => kgView.info.filter((x, i) => !kgView.nodes.get(i).hidden).map(x => x.label).sort()")
    assert visible == ["Amazon", "Joyo.com", "Kingsoft", "Sale of Joyo.com to Amazon"]
    story.page.click("#year-reset")
    assert story.drawn_counts()[0] == story_graph().number_of_nodes()


def test_physics_can_be_switched_on(story):
    story.page.check("#physics")
    assert story.js("() => kgView.network.physics.options.enabled") is True
    story.page.uncheck("#physics")
    assert story.js("() => kgView.network.physics.options.enabled") is False


def test_hostile_labels_render_as_text_and_run_nothing(browser, tmp_path):
    path = write_html(hostile_graph(), tmp_path / "hostile.html", title="<img src=x onerror=alert('title')>")
    h = Opened(browser, path)
    try:
        for label in HOSTILE_LABELS[:2]:
            h.search(label[:6])
            h.click_node(label)
            assert h.panel_text().startswith(label)
        h.page.hover("#network")
        h.page.wait_for_timeout(300)
        assert h.dialogs == [] and h.errors == []
        assert h.js("() => document.querySelectorAll('img, iframe, svg[onload], b, a').length") == 0
        assert h.js("() => document.title") == "<img src=x onerror=alert('title')>"
        assert all(u.startswith("file://") for u in h.requests)
        h.page.screenshot(path=str(tmp_path / "hostile.png"))
    finally:
        h.page.close()


def test_screenshot_for_people(story, tmp_path):
    story.page.click("#year-reset")
    story.search("Joyo")
    story.page.wait_for_timeout(400)
    shot = tmp_path / "graph-view.png"
    story.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000


def test_curated_graph_in_the_browser(browser, curated_graph, tmp_path):
    from graph.network import to_networkx

    nxg = to_networkx(curated_graph)
    path = write_html(nxg, tmp_path / "graph.html", title="Lei Jun's story: the knowledge graph")
    c = Opened(browser, path)
    try:
        assert c.errors == [] and all(u.startswith("file://") for u in c.requests)
        assert c.drawn_counts() == [nxg.number_of_nodes(), nxg.number_of_edges()]
        for query, label in (("Jinshan", "Kingsoft"), ("Zhuoyue", "Joyo.com"), ("雷军", "Lei Jun")):
            c.search(query)
            assert c.selected_label() == label
        c.page.screenshot(path=str(tmp_path / "curated.png"))
        c.js("() => kgView.network.fit({animation: false})")
        c.search("Zhuoyue")
        c.js("() => kgView.network.moveTo({scale: 0.6, animation: false})")
        c.page.wait_for_timeout(300)
        c.page.screenshot(path=str(tmp_path / "curated-kingsoft.png"))
        if os.environ.get("KG_UPDATE_DOCS_PICTURE"):  # refresh the README picture on request
            shutil.copyfile(tmp_path / "curated-kingsoft.png", DOCS_PICTURE)
    finally:
        c.page.close()


def test_curated_view_finds_chinese_quotes_and_shows_the_curators_translation(browser, curated_graph, tmp_path):
    from graph.coverage import coverage, summary
    from graph.network import to_networkx

    from conftest import SOURCES, TRIPLES

    nxg = to_networkx(curated_graph)
    figures = summary(coverage(curated_graph, SOURCES, TRIPLES, targeted=True))
    path = tmp_path / "graph.html"
    from graph.view import render_html

    path.write_text(render_html(nxg, coverage=figures), encoding="utf-8")
    c = Opened(browser, path)
    try:
        assert c.errors == []
        # a recognition-error alias finds its entity
        c.search("小米初七")
        assert c.selected_label() == "Xiaomi SU7"
        # words of a Chinese quote find the fact that cites it (no label contains them)
        hits = c.js("() => kgView.search('被美国制裁了', 12).map(h => [kgView.info[h.id].label, h.via])")
        assert any(label == "A friend phones Lei Jun about the sanctions" and "被美国制裁了" in via for label, via in hits)
        c.search("被美国制裁了")
        text = c.panel_text()
        assert "他说雷总你们被美国制裁了。" in text
        assert "Curator's translation:" in text and "sanction" in text
        assert "Mentioned in" in text and "Lei Jun's 2024 annual speech (Chinese transcript)" in text
        footer = c.js("() => document.querySelector('footer').textContent")
        assert "Lei Jun's 2024 annual speech (Chinese transcript): 261 of 263 informative sentences cited (99%)" in footer
    finally:
        c.page.close()
