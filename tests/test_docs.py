"""The docs and the code agree: every command has help with an example and is in the
README; the README's SPARQL examples run and answer; the public API is what it says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import graph
from graph.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.list_commands(None))


def test_there_are_commands():
    assert {"check", "build", "query", "show", "path", "rank", "communities", "timeline", "stats",
            "view", "serve", "push", "generate"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"`kg {name} --help` should show an example"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme(name):
    assert re.search(rf"`kg {name}\b", README), f"the README should mention `kg {name}`"


SPARQL_BLOCKS = re.findall(r"```sparql\n(.*?)```", README, flags=re.S)


def _queries(block):
    """Split a README block into its queries (each starts at a comment line)."""
    parts, current = [], []
    for line in block.splitlines():
        if line.startswith("#") and current and any(not l.startswith("#") and l.strip() for l in current):
            parts.append("\n".join(current))
            current = []
        current.append(line)
    if current:
        parts.append("\n".join(current))
    return parts


README_QUERIES = [q for block in SPARQL_BLOCKS for q in _queries(block)]


@pytest.mark.parametrize("text", README_QUERIES, ids=[q.splitlines()[0][:50] for q in README_QUERIES])
def test_the_readme_sparql_examples_answer(curated_graph, text):
    rows = list(graph.query(curated_graph, text))
    assert rows, "a README example should return something"


def test_the_public_api_is_what_the_readme_lists():
    assert set(graph.__all__) == {"load", "check", "query", "saved_queries", "to_networkx", "find_entity",
                                  "build", "KG", "KGR", "KGError"}
    for name in graph.__all__:
        assert f"`{name}`" in README
        assert getattr(graph, name) is not None
