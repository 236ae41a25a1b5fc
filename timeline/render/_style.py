"""How things look, decided in one place: colours, and the style of each event status.

An event's status decides its marker, whether the marker is filled and whether its stem is
dashed; the chart's markers and the legend's handles both read :func:`status_style`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._events import Event

__all__ = ["INK", "MUTED", "OTHER", "NEUTRAL", "AXIS_COLOR", "STATUS_COLORS", "STATUS_LABELS", "StatusStyle", "status_style", "event_color", "categories", "darker"]

INK = "#222222"
MUTED = "#555555"
OTHER = "#8C8C8C"
NEUTRAL = "#33415C"
AXIS_COLOR = "#444444"
STATUS_COLORS = {"happened": "#0072B2", "ongoing": "#009E73", "expected": "#D55E00"}
STATUS_LABELS = {"happened": "happened", "ongoing": "ongoing", "expected": "expected / planned"}
_MARKERS = {"happened": "o", "ongoing": "D", "expected": "o"}


@dataclass(frozen=True)
class StatusStyle:
    """The look of an event of one status: expected events are hollow with dashed stems."""

    marker: str
    filled: bool
    dashed: bool


def status_style(status: str) -> StatusStyle:
    """The style of events of ``status`` (the one rule, for markers, stems and the legend)."""
    return StatusStyle(_MARKERS.get(status, "o"), status != "expected", status == "expected")


def event_color(status: str, color_by: str | None, category: str | None, cat_colors: dict[str, str]) -> str:
    """The colour of an event: by status, by category (source or actor), or neutral."""
    if color_by == "status":
        return STATUS_COLORS.get(status, NEUTRAL)
    if color_by is None:
        return NEUTRAL
    return cat_colors.get(category or "", OTHER)


def categories(events: Sequence[Event], color_by: str | None, palette: tuple[str, ...]) -> tuple[list[str | None], dict[str, str]]:
    """The category of each event (its first source or actor) and the colour of each category:
    the palette's colours, most frequent first, and grey for the rest ("other")."""
    if color_by in (None, "status"):
        return [None] * len(events), {}
    if color_by == "source":
        cats = [e.sources[0] if e.sources else "(unknown)" for e in events]
    else:
        cats = [e.actors[0] if e.actors else "(no actor)" for e in events]
    counts = Counter(cats)
    ordered = [c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    n = len(palette)
    if len(ordered) > n:
        named = ordered[: n - 1]
        colors = {c: palette[i] for i, c in enumerate(named)}
        colors.update({c: OTHER for c in ordered[n - 1 :]})
        colors["other"] = OTHER
    else:
        colors = {c: palette[i] for i, c in enumerate(ordered)}
    return list(cats), colors


def darker(color: str) -> str:
    """A darker shade of ``color`` for text (light palette colours are hard to read)."""
    if not (color.startswith("#") and len(color) == 7):
        return INK
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    f = 0.7
    return f"#{int(r * f):02x}{int(g * f):02x}{int(b * f):02x}"
