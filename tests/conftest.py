"""Shared fixtures: the spaCy pipeline is loaded at most once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline (shared: tests must not add or remove components on it)."""
    from timeline._nlp import default_nlp

    return default_nlp()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not available")
    return SHARED


@pytest.fixture(scope="session")
def synth():
    """Builders of synthetic events (``tests/_synthetic.py``) for the plotting tests."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("timeline_tests_synthetic", Path(__file__).with_name("_synthetic.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
