"""What an orientation's layout starts from (:class:`Frame`) and gives back (:class:`Placed`),
and the pieces both orientations build the same way. Pure Python."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from ._items import Item, tooltip
from ._metrics import Box, text_box
from ._model import EventLayout, Label, Point, Segment2, TextItem, Tick
from ._scale import TimeScale
from ._spec import PlotSpec
from ._style import status_style
from ._top import TopBlock

__all__ = ["Frame", "Placed", "Orientation", "make_label", "event_record", "axis_pieces", "gaps_within"]


@dataclass(frozen=True)
class Frame:
    """The input of an orientation's layout: items (texts not yet measured), their scale, the
    figure's width and minimum height, and the top block, measured."""

    spec: PlotSpec
    items: list[Item]
    scale: TimeScale
    width: float
    min_height: float
    top: TopBlock


@dataclass(frozen=True)
class Placed:
    """An orientation's layout: everything placed, in inches."""

    height: float
    axis: Segment2
    at: Callable[[float], Point]  # a fraction of the axis -> a point
    events: list[EventLayout]
    ticks: list[Tick]
    texts: list[TextItem]
    legend_box: Box | None


def make_label(spec: PlotSpec, it: Item, tx: float, top: float, ha: str, box: Box) -> Label:
    """The label of ``it``, its texts top-aligned at ``(tx, top)``: the header over the body."""
    fs = spec.fontsize
    header = it.header if spec.show_dates else ""
    body = "\n".join(it.body_lines)
    body_top = top - it.h_header
    return Label(
        header=header,
        header_xy=(tx, top),
        body=body,
        body_xy=(tx, body_top),
        ha=ha,
        box=box,
        full_text=it.event.text,
        truncated=it.truncated,
        header_box=text_box(tx, top, header, fs - 0.5, True, ha, 1),
        body_box=text_box(tx, body_top, body, fs, False, ha, len(it.body_lines)),
    )


def event_record(it: Item, anchor: Point, stem: tuple[Point, ...], bar: Segment2 | None, bar_gaps: list[Segment2], label: Label) -> EventLayout:
    """An event's placed geometry, styled by its status."""
    style = status_style(it.event.status)
    return EventLayout(
        index=it.index,
        event=it.event,
        kind=it.kind,
        status=it.event.status,
        color=it.color,
        category=it.category,
        anchor=anchor,
        marker=style.marker,
        filled=style.filled,
        dashed=style.dashed,
        stem=stem,
        bar=bar,
        bar_gaps=tuple(bar_gaps),
        label=label,
        tooltip=tooltip(it),
    )


def axis_pieces(scale: TimeScale, at: Callable[[float], Point]) -> tuple[list[Segment2], list[Segment2]]:
    """The solid pieces of the axis (linear segments) and the collapsed gaps (start, end)."""
    pieces = [(at(s.x0), at(s.x1)) for s in scale.segments]
    gaps = [(at(g.x0), at(g.x1)) for g in scale.gaps]
    return pieces, gaps


def gaps_within(it: Item, scale: TimeScale) -> list[tuple[float, float]]:
    """The collapsed gaps (fractions of the axis) entirely inside the span ``it``."""
    if it.kind != "span":
        return []
    return [(g.x0, g.x1) for g in scale.gaps if it.t0 <= g.start and g.end <= (it.t1 or it.t0)]


Rect = tuple[float, float, float, float]  # x, y, width, height


class Orientation(Protocol):
    """One orientation of the chart: its layout, and where its drawing marks go."""

    name: str
    top_gap: float  # between the top block and the chart

    def layout(self, fr: Frame) -> Placed: ...
    def axis_piece(self, a: Point, b: Point) -> tuple[list[float], list[float]]: ...
    def break_mark(self, cx: float, cy: float, off: float) -> tuple[list[float], list[float]]: ...
    def tick_mark(self, x: float, y: float) -> tuple[list[float], list[float]]: ...
    def publication(self, x: float, y: float) -> tuple[Point, str]: ...
    def span_rect(self, bar: Segment2, bar_h: float) -> Rect: ...
    def cut_rect(self, gap: Segment2, bar_h: float) -> Rect: ...
    def fade_rect(self, bar: Segment2, bar_h: float, f0: float, f1: float, n: int, forward: bool) -> Rect: ...
    def arrow(self, forward: bool) -> str: ...
