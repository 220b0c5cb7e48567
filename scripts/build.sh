#!/usr/bin/env bash
# Set up (a virtualenv in .venv) and run the main job: check the graph and write exports/.
# Usage: bash scripts/build.sh [extra kg build options]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
exec .venv/bin/kg build "$@"
