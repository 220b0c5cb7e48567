#!/usr/bin/env bash
# Set up everything the tests need and run them:
#   - Debian's chromium (browser tests), a CJK font and Virtuoso (apt-get, needs root; skipped if there),
#   - a virtualenv in .venv with the package and its test extra,
#   - pytest (unit, CLI, doctests, browser, server and Oxigraph integration tests).
# Usage: bash scripts/test.sh [extra pytest options]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
# Debian packages: chromium for the browser tests, a CJK font so Chinese labels render
# in the screenshots the tests save, OpenLink Virtuoso's server binary for the push tests
# (tests/test_virtuoso.py starts and stops it on 127.0.0.1).
DEBS="chromium fonts-wqy-zenhei virtuoso-opensource-7-bin"
missing=""
for pkg in $DEBS; do dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"; done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq $missing >/dev/null
  else
    echo "missing Debian packages:$missing (run: sudo apt-get install -y$missing); browser tests will fail" >&2
  fi
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
exec .venv/bin/python -m pytest "$@"
