"""Shared fixtures: the spaCy pipeline is loaded at most once per test session."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def _load(name: str, filename: str) -> ModuleType:
    """The module in ``tests/<filename>``, loaded from its file (with ``--import-mode=importlib``
    ``tests/`` is not on ``sys.path``) and registered as ``name`` so test modules can import it."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(filename))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# shared helpers (the command line, offsets, a recording pipeline, odd texts): test modules
# do ``from timeline_tests_helpers import ...``
_load("timeline_tests_helpers", "_helpers.py")


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
    return _load("timeline_tests_synthetic", "_synthetic.py")
