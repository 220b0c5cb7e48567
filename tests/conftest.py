"""Shared fixtures: the curated graph (loaded once), a small fixture graph, and folders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TRIPLES = ROOT / "triples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCES = Path(os.environ.get("KG_SOURCES") or TRIPLES / "sources")  # the graph carries its texts

# Commands read the files in these tests, so their output is the command's alone; the
# persistent index (which says on stderr when it builds) has tests of its own that run
# every read command both ways (tests/test_index.py).
os.environ.setdefault("KG_INDEX", "0")


@pytest.fixture(scope="session")
def triples_dir() -> Path:
    return TRIPLES


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    if not SOURCES.is_dir():
        pytest.fail(f"sources folder {SOURCES} not found (set KG_SOURCES)")
    return SOURCES


@pytest.fixture(scope="session")
def curated_graph():
    import graph

    return graph.load(TRIPLES)


def make_triples(tmp_path: Path, *data_files: Path | str, extra: dict[str, str] | None = None) -> Path:
    """A triples folder in ``tmp_path`` with the given data (the ontology and shapes come
    with the package)."""
    folder = tmp_path / "triples"
    folder.mkdir(parents=True, exist_ok=True)
    for f in data_files:
        f = Path(f)
        shutil.copy(f, folder / f.name)
    for name, text in (extra or {}).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def mini_triples(tmp_path) -> Path:
    """The small fixture graph (tests/fixtures/mini) in a folder of its own."""
    folder = make_triples(tmp_path, FIXTURES / "mini" / "data.ttl")
    qdir = folder / "queries"
    qdir.mkdir()
    (qdir / "founders.rq").write_text(
        "# Who founded what, and when\n"
        "PREFIX kg: <https://w3id.org/story-kg/ontology#>\n"
        "SELECT ?founder ?org ?date WHERE { ?e a kg:Founding ; kg:founder ?founder ; kg:organization ?org ; kg:date ?date }\n",
        encoding="utf-8",
    )
    return folder
