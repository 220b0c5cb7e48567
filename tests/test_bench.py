"""The benchmark's bookkeeping: `bench/run.py --repeat N` interleaves each stage with its
baseline round by round and reports medians and the median of the rounds' ratios.

No timing is asserted here (targets are met in the benchmark, not in tests): the
measurements are replaced by fixed numbers.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rounds_are_interleaved_and_reported_as_medians(bench, monkeypatch):
    calls, seconds = [], {"load": iter([5.0, 4.0, 6.0]), "rdflib-parse": iter([40.0, 36.0, 39.0])}

    def fake(stage, d, cap):
        calls.append((stage, cap))
        return {"seconds": next(seconds[stage]), "peak_mb": 600.0 if stage == "load" else 1300.0 + len(calls)}

    monkeypatch.setattr(bench, "measure_proc", fake)
    out = bench.measure_rounds(["load", "rdflib-parse"], "dir", {"rdflib-parse": 120}, 3)
    assert calls == [("load", None), ("rdflib-parse", 120)] * 3  # one of each per round
    assert out["load"]["seconds"] == 5.0 and out["load"]["rounds"] == [5.0, 4.0, 6.0]
    assert out["rdflib-parse"]["seconds"] == 39.0 and out["rdflib-parse"]["peak_mb"] == 1306.0  # the largest
    # per round: 40/5 = 8, 36/4 = 9, 39/6 = 6.5 -> median 8, not 39/5 = 7.8 from the medians
    assert bench.ratio(out["load"], out["rdflib-parse"]) == "8.0× (6.5-9.0)"


def test_a_single_run_and_a_capped_baseline(bench):
    assert bench.ratio({"seconds": 4.0}, {"seconds": 36.0}) == "9.0×"
    assert bench.ratio({"seconds": 4.0, "rounds": [4.0]}, {"seconds": 36.0, "rounds": [36.0]}) == "9.0×"
    assert bench.ratio({"seconds": 4.0}, {"seconds": None, "capped": 120}) == "> 30.0×"
    assert bench.ratio({"seconds": None}, {"seconds": 36.0}) == "—"


def test_a_stage_that_failed_in_every_round(bench, monkeypatch):
    monkeypatch.setattr(bench, "measure_proc", lambda stage, d, cap: {"seconds": None, "capped": 120})
    out = bench.measure_rounds(["rdflib-networkx"], "dir", {}, 2)
    assert out["rdflib-networkx"] == {"seconds": None, "capped": 120}
