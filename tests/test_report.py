"""`kg report`: one entity's dossier, in Markdown or HTML, from the view's own data."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.report import dossier_html, dossier_markdown, groups_of
from graph.viewdata import page_data
from view_graphs import HOSTILE_LABELS, hostile_graph, story_graph


def _index(data, label):
    return [x["label"] for x in data["info"]].index(label)


@pytest.fixture(scope="module")
def story():
    return page_data(story_graph(), layout=False)


def test_facts_are_grouped_by_their_event_in_date_order(story):
    groups, other = groups_of(story, _index(story, "Kingsoft"))
    labels = [story["info"][g["node"]]["label"] for g in groups]
    assert labels == ["Lei Jun joins Kingsoft", "Founding of Joyo.com", "Sale of Joyo.com to Amazon"]
    sale = groups[2]
    facts = [story["einfo"][k]["label"] for k, _ev in sale["facts"]]
    assert facts == ["seller", "sold", "sold to"]  # the participant first, then what was derived from the sale
    assert [story["einfo"][k]["label"] for k, _ev in other] == ["developed"]  # a stated fact, with its own quote


def test_the_dossier_tells_the_story_with_quotes_conflicts_and_what_only_the_article_says(story):
    text = dossier_markdown(story, _index(story, "Lei Jun"), "Lei Jun's story")
    assert text.startswith("# Lei Jun (雷军)\n")
    order = [text.index(h) for h in ("## The story, in date order", "### 1992 — Lei Jun joins Kingsoft (Joining)",
                                     "### 2010-04-06 — Founding of Xiaomi (Founding)", "## Conflicts",
                                     "## What only the article says")]
    assert order == sorted(order)
    assert "> “In 2010, I founded Xiaomi” — Lei Jun's 2022 annual speech (primary source)" in text
    conflicts = text[text.index("## Conflicts"):text.index("## What only the article says")]
    assert "### Who was 'Two Fingers Zen'? (Contradiction)" in conflicts
    a, b = conflicts.index("Side A"), conflicts.index("Side B")
    assert a < conflicts.index("Claim: 'Two Fingers Zen' was a forum friend") < b
    assert b < conflicts.index("Claim: Lei Jun himself was 'Two Fingers Zen'")
    only = text[text.index("## What only the article says"):]
    assert "he used two fingers to type out the legend" in only and "(secondary source)" in only
    assert text.endswith("From Lei Jun's story. Every quote is verbatim from its source; a Chinese quote carries the curator's English translation.\n")


def test_a_chinese_quote_carries_the_curators_translation_and_doubt():
    g = story_graph()
    g.nodes["https://w3id.org/story-kg/id/founding-xiaomi"]["evidence"].append(
        {"source": "x:zh", "source_label": "The Chinese transcript", "quote": "我创办了小米", "secondary": False,
         "translation": "I founded Xiaomi", "doubt": "the year is not spoken"})
    data = page_data(g, layout=False)
    text = dossier_markdown(data, _index(data, "Founding of Xiaomi"))
    assert "> “我创办了小米” — The Chinese transcript (primary source)\n>\n> Curator's translation: I founded Xiaomi\n>\n> Doubt: the year is not spoken" in text


def test_hostile_strings_are_inert_in_markdown_and_html():
    data = page_data(hostile_graph(), layout=False)
    for i, x in enumerate(data["info"]):
        md = dossier_markdown(data, i, "<script>alert('title')</script>")
        assert not re.search(r"(?<!\\)<(img|script|b|a|svg|iframe|i|u)\b", md), md
        page = dossier_html(data, i, "<script>alert('title')</script>")

        class Tags(HTMLParser):
            found: list = []

            def handle_starttag(self, tag, attrs):
                self.found.append(tag)

        p = Tags()
        p.found = []
        p.feed(page)
        assert set(p.found) <= {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "ul", "li",
                                "blockquote", "hr"}, p.found
        assert html.escape(x["label"]) in page
    md = dossier_markdown(data, _index(data, HOSTILE_LABELS[0]))
    assert md.startswith("# \\<img src=x onerror=alert(1)\\>")


def test_kg_report_writes_markdown_and_html_atomically(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    from conftest import TRIPLES

    runner = CliRunner()
    result = runner.invoke(cli, ["report", "Jinshan", "--triples", str(TRIPLES)])
    assert result.exit_code == 0, result.output
    path = tmp_path / "report-kingsoft.md"
    assert result.output.strip() == f"wrote {path.name}" and path.is_file()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Kingsoft (金山)") and "## The story, in date order" in text
    assert "Joyo.com sold to Amazon" in text and "“" in text and "Curator's translation:" in text
    assert "## Conflicts" in text and "Side A (the primary source, or the original):" in text
    assert "## What only the article says" in text
    result = runner.invoke(cli, ["report", "雷军", "--format", "html", "-o", "lei.html", "--triples", str(TRIPLES)])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "lei.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<h1>Lei Jun (雷军)</h1>" in page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lei.html", "report-kingsoft.md"], "no temp file left"
    result = runner.invoke(cli, ["report", "Zhuoyue", "-o", "-", "--triples", str(TRIPLES)])
    assert result.exit_code == 0 and result.output.startswith("# Joyo.com")


def test_kg_report_bad_input_is_a_clear_error(tmp_path):
    from conftest import TRIPLES

    runner = CliRunner()
    result = runner.invoke(cli, ["report", "Xiaomy", "--triples", str(TRIPLES)])
    assert result.exit_code == 1 and "no entity named 'Xiaomy'" in result.output and "Traceback" not in result.output
    result = runner.invoke(cli, ["report", "When does the first story begin: 1992 or 'thirty years ago'?",
                                 "--triples", str(TRIPLES)])
    assert result.exit_code == 1 and "has no dossier" in result.output and "kg show" in result.output
    result = runner.invoke(cli, ["report", "Kingsoft", "-o", str(tmp_path / "missing" / "x" / "\0bad"), "--triples", str(TRIPLES)])
    assert result.exit_code != 0 and "Traceback" not in result.output
