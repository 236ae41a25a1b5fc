"""What a layout is made of: placed records (events, ticks, texts...) that tests and callers
read, and the orientation-free drawing primitives (lines, bars, markers, texts, the legend),
each with its style, that the drawing step follows one by one. All frozen; pure Python.

Coordinates are inches from the figure's bottom-left corner.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Union

from ._metrics import Box
from ._spec import PlotSpec
from ._style import INK

__all__ = [
    "Point", "Segment2", "Label", "EventLayout", "Tick", "Publication", "LegendEntry", "TextItem", "Layout",
    "LineStyle", "Line", "FillStyle", "Bar", "MarkerStyle", "Marker", "TextStyle", "Text", "Legend", "Primitive",
]

Point = tuple[float, float]
Segment2 = tuple[Point, Point]


# --- placed records -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    """The label of an event: a header (its date, bold) over the wrapped text."""

    header: str
    header_xy: Point
    body: str
    body_xy: Point
    ha: str  # "left" or "right"; both texts are top-aligned at their xy
    box: Box  # the whole label (texts, and the bar of a span)
    full_text: str
    truncated: bool
    header_box: Box
    body_box: Box


@dataclass(frozen=True)
class EventLayout:
    """How one event is placed and styled."""

    index: int
    event: Any  # an Event
    kind: str  # "point", "span", "past", "future", "present"
    status: str
    color: str
    category: str | None
    anchor: Point  # on the axis
    marker: str
    filled: bool
    dashed: bool
    stem: tuple[Point, ...]  # polyline from the anchor to the label
    bar: Segment2 | None  # spans and vague refs
    bar_gaps: tuple[Segment2, ...]  # parts of the bar over collapsed time
    label: Label
    tooltip: str


@dataclass(frozen=True)
class Tick:
    pos: Point  # the tick mark, on the axis
    text: str
    text_xy: Point
    ha: str
    va: str
    box: Box


@dataclass(frozen=True)
class Publication:
    doc_id: str
    title: str | None
    published: datetime
    pos: Point
    color: str


@dataclass(frozen=True)
class LegendEntry:
    kind: str  # "status", "span", "vague", "publication", "category"
    label: str
    color: str
    status: str | None = None


@dataclass(frozen=True)
class TextItem:
    text: str
    xy: Point
    fontsize: float
    ha: str
    va: str
    box: Box
    bold: bool = False
    color: str = INK


# --- drawing primitives ---------------------------------------------------------------------------
# A style field left None is matplotlib's default; gid names the SVG group, tip is its tooltip.


@dataclass(frozen=True)
class LineStyle:
    color: str
    width: float
    zorder: float
    dash: Any = None  # "-", "--" or an on-off tuple; None: solid
    alpha: float | None = None
    capstyle: str | None = None


@dataclass(frozen=True)
class Line:
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    style: LineStyle
    gid: str | None = None
    tip: str | None = None


@dataclass(frozen=True)
class FillStyle:
    face: str
    edge: str
    zorder: float
    alpha: float | None = None
    width: float | None = None
    dash: str | None = None


@dataclass(frozen=True)
class Bar:
    """A filled rectangle: lower-left corner, width, height."""

    x: float
    y: float
    w: float
    h: float
    style: FillStyle
    gid: str | None = None
    tip: str | None = None


@dataclass(frozen=True)
class MarkerStyle:
    marker: str
    size: float
    face: str
    edge: str
    zorder: float
    edgewidth: float | None = None
    alpha: float | None = None


@dataclass(frozen=True)
class Marker:
    xy: Point
    style: MarkerStyle
    gid: str | None = None
    tip: str | None = None


@dataclass(frozen=True)
class TextStyle:
    size: float
    ha: str
    va: str
    color: str
    zorder: float
    weight: str | None = None
    boxed: bool = False  # on a white background
    multialign: str | None = None
    linespacing: float | None = None


@dataclass(frozen=True)
class Text:
    xy: Point
    text: str
    style: TextStyle
    gid: str | None = None
    tip: str | None = None


@dataclass(frozen=True)
class Legend:
    """The legend, its top-left corner at ``anchor``."""

    entries: tuple[LegendEntry, ...]
    anchor: Point
    ncols: int
    fontsize: float


Primitive = Union[Line, Bar, Marker, Text, Legend]


# --- the layout -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """Everything the drawing needs, in inches from the figure's bottom-left corner: the placed
    records, and the :attr:`primitives` that draw them, in drawing order."""

    spec: PlotSpec
    width: float
    height: float
    orientation: str
    scale_kind: str
    axis: Segment2 | None
    axis_pieces: tuple[Segment2, ...] = ()
    breaks: tuple[Segment2, ...] = ()  # collapsed gaps
    ticks: tuple[Tick, ...] = ()
    events: tuple[EventLayout, ...] = ()
    publications: tuple[Publication, ...] = ()
    legend: tuple[LegendEntry, ...] = ()
    legend_box: Box | None = None
    legend_ncols: int = 1
    texts: tuple[TextItem, ...] = ()  # title, subtitle, message
    n_total: int = 0
    n_shown: int = 0
    primitives: tuple[Primitive, ...] = ()

    @property
    def bounds(self) -> Box:
        return Box(0.0, 0.0, self.width, self.height)

    def text_boxes(self) -> list[tuple[str, Box]]:
        """Every estimated text box: labels (header and body), ticks, title, legend."""
        out: list[tuple[str, Box]] = []
        for ev in self.events:
            out.append((f"header {ev.index}", ev.label.header_box))
            out.append((f"label {ev.index}", ev.label.body_box))
        out += [(f"tick {t.text}", t.box) for t in self.ticks]
        out += [(f"text {t.text[:20]}", t.box) for t in self.texts]
        if self.legend_box is not None:
            out.append(("legend", self.legend_box))
        return out

    def label_boxes(self) -> list[Box]:
        return [ev.label.box for ev in self.events]
