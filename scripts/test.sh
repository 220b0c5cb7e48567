#!/usr/bin/env bash
# Set up everything the tests need and run them:
#   - Debian's chromium for the browser tests (apt-get, needs root; skipped if already there),
#   - a virtualenv in .venv with the package and its test extra,
#   - pytest (unit, CLI, doctests, browser, server and Oxigraph integration tests).
# Usage: bash scripts/test.sh [extra pytest options]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing: run 'sudo apt-get install -y chromium' (browser tests will fail)" >&2
  fi
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
if [ -z "${KG_SOURCES:-}" ] && [ -d ../shared/sources ]; then export KG_SOURCES="$PWD/../shared/sources"; fi
exec .venv/bin/python -m pytest "$@"
