"""The package's type hints are checked with ``mypy --strict`` (settings in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_package_is_typed() -> None:
    assert (ROOT / "timeline" / "py.typed").is_file()


def test_mypy_strict_passes(tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="mypy is in the [test] extra")
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
