"""The benchmark script runs and reports its figures (timings themselves are not asserted:
speed is measured by ``benchmarks/bench.py``, not by tests)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"

pytestmark = pytest.mark.skipif(not (BENCH / "bench.py").is_file(), reason="not running from a source checkout")


def _synthetic():
    spec = importlib.util.spec_from_file_location("bench_synthetic", BENCH / "synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_articles_are_deterministic_news() -> None:
    synthetic = _synthetic()
    docs = synthetic.articles(40)
    assert docs == synthetic.articles(40)
    assert synthetic.articles(10) == docs[:10]
    assert len({d.id for d in docs}) == 40
    assert all(d.published is not None and 150 < len(d.text.split()) < 400 for d in docs)


def test_bench_script_prints_and_saves_figures(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    run = subprocess.run(
        [sys.executable, str(BENCH / "bench.py"), "--only", "import,scaling", "--sizes", "4,8", "--tbaq", str(tmp_path / "absent"), "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "import timeline" in run.stdout and "synthetic" in run.stdout
    figures = json.loads(out.read_text())
    assert {"import_s", "scaling_4_s", "scaling_8_s", "scaling_4_8"} <= set(figures)
    assert figures["import_loads"] == "none"  # spaCy, matplotlib and dateparser load lazily


def test_bench_rejects_unknown_sections() -> None:
    run = subprocess.run([sys.executable, str(BENCH / "bench.py"), "--only", "nonsense"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "unknown section" in run.stderr


def test_adversarial_script_reports_ratios() -> None:
    run = subprocess.run(
        [sys.executable, str(BENCH / "adversarial.py"), "--quick", "--only", "iso_dates,digit_commas"],
        capture_output=True, text=True, check=True, timeout=300,
    )
    lines = run.stdout.splitlines()
    assert lines[0].split()[:3] == ["text", "chars", "seconds"]
    assert sum(ln.startswith("digit_commas") for ln in lines) == 2
    assert lines[-1].startswith("worst ratio per doubling: ")
