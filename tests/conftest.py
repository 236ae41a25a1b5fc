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
