"""Doctest names for the docstring examples in graph/ (so they read like the README)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace):
    import graph
    from graph.namespaces import KG, KGR

    sources = os.environ.get("KG_SOURCES") or str(ROOT / "triples" / "sources")
    doctest_namespace.update(
        graph=graph, load=graph.load, TRIPLES=str(ROOT / "triples"), SOURCES=sources,
        KG=KG, KGR=KGR, Path=Path,
    )
