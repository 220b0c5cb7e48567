"""The vocabulary that ships with the package: the ontology (classes, relations, roles and
the ``kg:derivation`` rules), the SHACL shapes and the generic saved queries.

A triples folder holds only its own data (and, optionally, its own saved queries,
``rules/*.rq``, and extensions: an extra ``shapes.ttl`` or Turtle files declaring more
terms). Every command reads the package's vocabulary first and the folder's files after
it, so ``pip install story-kg`` then ``kg generate`` and ``kg check`` work on any folder.

>>> from graph.vocab import ONTOLOGY, shapes_files, QUERIES
>>> ONTOLOGY.name, ONTOLOGY.is_file()
('ontology.ttl', True)
>>> [p.name for p in shapes_files()]
['shapes.ttl']
>>> sorted(p.stem for p in QUERIES.glob("*.rq"))[:3]
['amounts', 'article-only', 'claim-check']
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["FOLDER", "ONTOLOGY", "SHAPES", "QUERIES", "vocabulary_files", "shapes_files"]

FOLDER = Path(__file__).resolve().parent
ONTOLOGY = FOLDER / "ontology.ttl"
"""The project's ontology: loaded into every graph before the folder's data."""
SHAPES = FOLDER / "shapes.ttl"
"""The SHACL shapes ``kg check`` validates every graph against."""
QUERIES = FOLDER / "queries"
"""The generic saved queries; a folder's ``queries/`` adds to them (and overrides by name)."""


def vocabulary_files() -> list[Path]:
    """The package's RDF files that are loaded with every triples folder (the ontology)."""
    return [ONTOLOGY]


def shapes_files(root=None) -> list[Path]:
    """The shapes ``kg check`` uses: the package's, then the folder's own ``shapes.ttl``
    (an extension) if ``root`` has one."""
    files = [SHAPES]
    if root is not None and (Path(root) / "shapes.ttl").is_file():
        files.append(Path(root) / "shapes.ttl")
    return files
