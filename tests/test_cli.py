"""The analysis commands, as a user would run them on the fixture graph."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from graph.cli import cli


def kg(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("name", ["Jinshan", "jinshan", "BEIJING JINSHAN", "金山", "kgr:kingsoft", "Kingsoft"])
def test_show_finds_an_entity_by_any_name(mini_triples, name):
    result = kg("show", name, "--triples", mini_triples)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Kingsoft  金山\n")
    assert "aliases:     Beijing Jinshan, Jinshan" in result.output


def test_show_prints_each_fact_with_its_quote_and_source(mini_triples):
    out = kg("show", "Joyo.com", "--triples", mini_triples).output
    assert "Kingsoft sold Joyo.com (Sale of Joyo.com to Amazon, 2004-09)" in out
    assert ("“By September 2004, we couldn't stand it any longer, and we had to reluctantly sell Joyo.com "
            "to Amazon and became Amazon China.” — Lei Jun's 2022 annual speech") in out


def test_show_marks_conflicts_and_secondary_claims(mini_triples):
    out = kg("show", "Sale of Joyo.com to Amazon", "--triples", mini_triples).output
    assert "conflicts:" in out
    assert "! How was the Joyo.com sale signed? (embellishment)" in out
    assert "[secondary]" in out


def test_an_unknown_name_suggests_close_ones(mini_triples):
    result = kg("show", "Xiaomy", "--triples", mini_triples)
    assert result.exit_code == 1
    assert "no entity named 'Xiaomy'; did you mean 'Xiaomi'?" in result.output


def test_path_explains_each_hop_with_dates(mini_triples):
    result = kg("path", "Lei Jun", "Zhongguancun", "--triples", mini_triples)
    assert result.exit_code == 0, result.output
    assert "path 1 (2 hops):" in result.output
    assert "Lei Jun — founder in — Founding of Xiaomi (2010-04-06)" in result.output
    assert "Zhongguancun — place in — Founding of Xiaomi (2010-04-06)" in result.output


def test_rank_lists_entities_by_pagerank(mini_triples):
    out = kg("rank", "--top", "3", "--kind", "Organization", "--triples", mini_triples).output
    lines = out.splitlines()
    assert lines[0].split() == ["#", "entity", "kind", "pagerank", "degree", "betweenness"]
    assert len(lines) == 4 and all("Organization" in line for line in lines[1:])


def test_communities_cover_every_node(mini_triples):
    out = kg("communities", "--triples", mini_triples).output
    sizes = [int(line.split("(")[1].split(")")[0]) for line in out.splitlines()]
    assert sum(sizes) == 12  # 10 entities, events and claims, and the 2 sources


def test_timeline_is_in_date_order_and_marks_inferred_dates(mini_triples):
    out = kg("timeline", "--triples", mini_triples).output
    assert out.index("2000~ First investment in Joyo.com") < out.index("2004-09  Sale of Joyo.com to Amazon") \
        < out.index("2010-04-06  Founding of Xiaomi")
    assert "~ date inferred, not stated" in out


def test_timeline_around_one_entity(mini_triples):
    out = kg("timeline", "Amazon", "--triples", mini_triples).output
    assert "Sale of Joyo.com to Amazon" in out and "Founding of Xiaomi" not in out


def test_stats_counts(mini_triples):
    out = kg("stats", "--triples", mini_triples).output
    assert "conflicts               1" in out
    assert "statements derived      5" in out


def test_python_dash_m_graph_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "graph", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "Usage: kg" in result.stdout
