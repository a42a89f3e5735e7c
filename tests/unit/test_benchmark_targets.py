"""benchmarks/run: the targets lines say met or NOT met from the figures the run measured."""

import importlib.machinery
import importlib.util
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parents[2] / "benchmarks" / "run"


def load_run():
    loader = importlib.machinery.SourceFileLoader("benchmarks_run", str(RUN))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader("benchmarks_run", loader))
    sys.modules["benchmarks_run"] = module
    loader.exec_module(module)
    return module


def test_each_measured_target_is_met_or_not():
    run = load_run()
    figures = {"10k": {"walls": {"benn-site": 30.0, "hugo+pagefind": 31.0, "pelican": 100.0, "mkdocs": 30.0},
                       "bare": 14.0, "peak": 301.0, "warm": {"benn-site": 3.0, "hugo": 20.0}, "serve_ms": 250.0},
               "100k": {"walls": {"benn-site": 300.0}, "peak": 2900.0}}
    assert run.target_lines(figures)[1:] == [
        "NOT met cold build, benn-site / hugo+pagefind: 0.97× (at most 0.80×)",
        "met     pages alone, benn-site without its index / pelican: 0.14× (at most 0.40×)",
        "NOT met pages alone, benn-site without its index / mkdocs: 0.47× (at most 0.40×)",
        "met     warm build after one edit, benn-site / hugo: 0.15× (at most 0.25×)",
        "met     serve, save → page on disk, median: 250 ms (at most 300 ms)",
        "NOT met peak memory of a cold build: 301 MB (at most 300 MB)",
        "met     100k cold build time / 10k: 10.00× (at most 11.00×)",
        "met     100k peak memory / 10k: 9.63× (at most 11.00×)",
    ]


def test_a_run_without_10k_measures_no_target():
    assert load_run().target_lines({"1k": {"walls": {"benn-site": 3.0}}})[1:] == [
        "(none measured: the targets are for 10k documents)"]
