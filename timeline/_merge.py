"""Merging the events of many documents into one chronology, and ordering it."""

from __future__ import annotations

from collections.abc import Sequence

from ._document import Document
from ._events import Event

__all__ = ["merge_events"]


def merge_events(events: Sequence[Event], documents: Sequence[Document]) -> list[Event]:
    """One event per real-world fact, with every source, in chronological order."""
    raise NotImplementedError  # being written
