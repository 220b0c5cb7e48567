"""A non-editable install works on any folder: the vocabulary ships with the package.

The wheel is built from this checkout and installed (without its dependencies, which
the test environment already has) into a fresh virtualenv; `kg generate` and `kg check`
then run from a folder far from the repository, so nothing can be read from `triples/`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args, cwd, env=None):
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh virtualenv holding the wheel of this checkout (not an editable install)."""
    base = tmp_path_factory.mktemp("install")
    wheels = base / "wheels"
    built = run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                "--wheel-dir", wheels, ROOT, cwd=base)
    if built.returncode and "hatchling" in built.stderr:
        pytest.fail("building the wheel needs hatchling in the test environment (pip install -e '.[test]')")
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(wheels.glob("story_kg-*.whl"))
    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    # the dependencies come from this environment's site-packages (a plain path: its .pth
    # files, the editable install's among them, are not processed)
    site = Path(run(py, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=base).stdout.strip())
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    done = run(sys.executable, "-m", "pip", "--python", py, "install", "--quiet", "--no-deps", wheel, cwd=base)
    assert done.returncode == 0, done.stderr[-2000:]
    return env_dir, base


def test_the_installed_package_is_the_wheel_not_the_checkout(installed):
    env_dir, base = installed
    where = run(env_dir / "bin" / "python", "-c", "import graph, graph.vocab, kgbench; print(graph.__file__); "
                "print(graph.vocab.ONTOLOGY); print(kgbench.__file__)", cwd=base)
    assert where.returncode == 0, where.stderr
    package, ontology, generator = where.stdout.split()
    assert str(env_dir) in package and str(ROOT) not in package
    assert Path(ontology).is_file() and str(env_dir) in ontology
    # the generator is installed beside the runtime package, not inside it
    assert str(env_dir) in generator and Path(generator).parent.parent == Path(package).parent.parent


def test_kg_generate_then_kg_check_pass_on_a_folder_far_from_the_repository(installed):
    env_dir, base = installed
    kg = env_dir / "bin" / "kg"
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    folder = base / "elsewhere" / "gen"
    made = run(kg, "generate", "--triples", "3k", "--output", folder, cwd=base, env=env)
    assert made.returncode == 0, made.stderr[-2000:]
    assert not (folder / "ontology.ttl").exists() and not (folder / "shapes.ttl").exists()
    checked = run(kg, "check", "--triples", folder, "--sources", folder / "sources", cwd=base, env=env)
    assert checked.returncode == 0, (checked.stdout + checked.stderr)[-3000:]
    assert "kg check: OK" in checked.stdout
    listed = run(kg, "query", "--list", "--triples", folder, cwd=base, env=env)
    assert listed.returncode == 0 and "timeline" in listed.stdout and "gen-founders" in listed.stdout
