"""The package's layers hold: imports go downward only, click, starlette and uvicorn
stay in the interfaces, the engine (pyoxigraph, oxrdflib) stays behind the seam
(``graph.backend`` and its rdflib adapter ``graph.store``), and no import cycle remains
(function-local imports included).

The contracts are in ``pyproject.toml`` (``[tool.importlinter]``); ``lint-imports`` checks
them. A copy of the package with one upward import shows that the check can fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")


def lint(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root)}  # this `graph` before the installed one
    return subprocess.run([str(LINT), "--config", str(root / "pyproject.toml"), "--no-cache"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_package_keeps_its_layers_and_has_no_import_cycle():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


def test_every_module_is_placed_in_the_layers_and_under_the_seam_contract():
    """A new module cannot slip past the contracts: each one is in a layer, and each one
    but the seam's two is forbidden the engine."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    modules = {f"graph.{p.stem}" for p in (ROOT / "graph").glob("*.py") if p.stem not in ("__init__", "__main__")}
    modules |= {f"graph.{p.name}" for p in (ROOT / "graph").iterdir() if (p / "__init__.py").is_file()}
    by_id = {c["id"]: c for c in config}
    layered = {m.strip() for layer in by_id["layers"]["layers"] for part in layer.split("|") for m in part.split(":")}
    assert modules == layered
    assert modules - set(by_id["seam"]["source_modules"]) == {"graph.backend", "graph.store"}


def private_imports(root: Path) -> list[str]:
    """Every ``from graph.X import _name`` (or relative) in the package: a private name
    used across a module boundary."""
    import ast

    found = []
    for path in sorted((root / "graph").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("graph")):
                found += [f"{path.relative_to(root)}:{node.lineno} {a.name}" for a in node.names
                          if a.name.startswith("_") and not a.name.startswith("__")]
    return found


def test_no_private_name_crosses_a_module_boundary(tmp_path):
    assert private_imports(ROOT) == []
    root = copy_package(tmp_path)  # the check finds one when there is one
    (root / "graph" / "stats.py").write_text((root / "graph" / "stats.py").read_text() + "\nfrom .tables import _hidden\n")
    assert private_imports(root) == ["graph/stats.py:%d _hidden" % len((root / "graph" / "stats.py").read_text().splitlines())]


def copy_package(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "graph", tmp_path / "graph", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def lint_with(tmp_path: Path, module: str, code: str) -> subprocess.CompletedProcess:
    """``lint-imports`` on a copy of the package whose ``module`` ends with ``code``."""
    root = copy_package(tmp_path)
    path = root / "graph" / f"{module}.py"
    path.write_text(path.read_text() + code)
    return lint(root)


def test_an_upward_import_breaks_the_layers_and_makes_a_cycle(tmp_path):
    result = lint_with(tmp_path, "errors", "\n\ndef _late():\n    from .load import load\n\n    return load\n")
    assert result.returncode != 0
    assert "graph.errors -> graph.load" in result.stdout  # named, with the line
    assert "3 kept, 1 broken" in result.stdout or "2 kept, 2 broken" in result.stdout


def test_the_engine_outside_the_seam_is_refused(tmp_path):
    result = lint_with(tmp_path, "network", "\n\ndef _store():\n    import pyoxigraph\n\n    return pyoxigraph.Store()\n")
    assert result.returncode != 0
    assert "graph.network -> pyoxigraph" in result.stdout


def test_click_outside_the_interfaces_is_refused(tmp_path):
    result = lint_with(tmp_path, "stats", "\n\ndef _echo(text):\n    import click\n\n    click.echo(text)\n")
    assert result.returncode != 0
    assert "graph.stats -> click" in result.stdout
