"""The layout of a chronology: where everything goes, in inches, before anything is drawn.

Pure Python (no matplotlib). :func:`compute_layout` runs the stages in order:

1. items (``_items``): the events shown, their kind, anchor times, header and colour;
2. scale (``_scale``): a monotone map of time onto the axis, with collapsed gaps;
3. the top block (``_top``): title, subtitle and legend, measured;
4. placement, by one strategy per orientation (``_horizontal``, ``_vertical``, sharing
   ``_place``): span lanes, labels, the figure's height, then the ticks (``_ticks``);
5. primitives (``_paint``): lines, bars, markers and texts, each with its style, that the
   drawing step (``_draw``) follows one by one.

The result, a frozen :class:`Layout`, can be tested on its own (positions, levels, no
overlapping label boxes, everything inside the figure). Coordinates are inches from the
figure's bottom-left corner; text sizes are estimated (``_metrics``).
"""

from __future__ import annotations

import textwrap  # noqa: F401  (label wrapping lives in _metrics; kept for callers that patch it here)
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from ._frame import Frame, Orientation, Placed, axis_pieces
from ._horizontal import Horizontal
from ._items import Items, collect_items, select_events, subtitle as default_subtitle
from ._metrics import FONT, Box, text_height, text_width, wrap_label
from ._model import EventLayout, Label, Layout, LegendEntry, Publication, TextItem, Tick
from ._paint import chart_primitives, title_primitives
from ._scale import TimeScale
from ._spec import PlotSpec
from ._style import INK, MUTED, STATUS_COLORS
from ._top import title_texts, top_block
from ._vertical import Vertical
from ._wording import describe_span, when_text

if TYPE_CHECKING:
    from .._document import Document
    from .._events import Event

__all__ = [
    "Box", "TimeScale", "Layout", "EventLayout", "Label", "Tick", "Publication", "LegendEntry", "TextItem",
    "compute_layout", "select_events", "text_width", "text_height", "wrap_label", "when_text", "describe_span",
    "STATUS_COLORS", "FONT", "INK", "MUTED", "ORIENTATIONS",
]

#: The strategy of each orientation.
ORIENTATIONS: dict[str, Orientation] = {"horizontal": Horizontal(), "vertical": Vertical()}


def compute_layout(
    events: Sequence[Event],
    documents: Sequence[Document] = (),
    spec: PlotSpec | None = None,
    *,
    size: tuple[float, float] | None = None,
) -> Layout:
    """The layout of a chronology of ``events`` (in chronological order).

    ``documents`` give the publication dates (marked on the axis, and the anchor of vague
    references such as "in the coming days"). ``size`` overrides the spec's figure size
    (width, minimum height) in inches, e.g. to fill a given Axes.
    """
    spec = spec or PlotSpec()
    width, min_height = size or spec.size
    all_events = list(events)
    found = collect_items(all_events, documents, spec)
    items = found.items
    title = spec.title if spec.title is not None else "Chronology"
    subtitle = spec.subtitle if spec.subtitle is not None else default_subtitle(found, documents, all_events)
    if not items:
        return _empty_layout(spec, width, max(min_height, 2.5), title, subtitle, found.n_total)
    pubs = _publication_times(found, spec)
    scale = _scale(found, pubs, spec)
    o = ORIENTATIONS[spec.orientation]
    top = top_block(spec, items, found.cat_colors, bool(pubs), width, title, subtitle)
    placed = o.layout(Frame(spec, items, scale, width, min_height, top))
    pieces, breaks = axis_pieces(scale, placed.at)
    publications = [_publication(found, spec, placed, scale, doc_id, t) for doc_id, t in pubs]
    legend = (list(top.entries), placed.legend_box, top.ncols)
    primitives = title_primitives(placed.texts) + chart_primitives(o, spec, pieces, breaks, placed.ticks, publications, placed.events, legend)
    return Layout(
        spec, width, placed.height, o.name, scale.kind, placed.axis,
        axis_pieces=tuple(pieces), breaks=tuple(breaks), ticks=tuple(placed.ticks), events=tuple(placed.events),
        publications=tuple(publications), legend=top.entries, legend_box=placed.legend_box, legend_ncols=top.ncols,
        texts=tuple(placed.texts), n_total=found.n_total, n_shown=len(items), primitives=tuple(primitives),
    )  # fmt: skip


def _publication_times(found: Items, spec: PlotSpec) -> list[tuple[str, datetime]]:
    """The publication dates marked on the axis: those of the articles the events come from."""
    if not spec.show_publications:
        return []
    used = {s for it in found.items for s in it.event.sources}
    return sorted(((d, p) for d, p in found.published.items() if d in used or not used), key=lambda dp: (dp[1], dp[0]))


def _scale(found: Items, pubs: list[tuple[str, datetime]], spec: PlotSpec) -> TimeScale:
    """The time scale of the items: the ends of spans shape it only beyond the other times."""
    times: list[datetime] = []
    weak: list[datetime] = []
    for it in found.items:
        e = it.event
        if it.kind == "point":
            times += [e.start, e.end]
        elif it.kind == "span":
            times.append(e.start)
            weak.append(e.end)
        else:
            times.append(it.t0)
    times += [p for _, p in pubs]
    return TimeScale(times, weak=weak, kind=spec.scale)


def _publication(found: Items, spec: PlotSpec, placed: Placed, scale: TimeScale, doc_id: str, t: datetime) -> Publication:
    (ax0, ay0), (ax1, ay1) = placed.axis
    f = scale(t)
    color = found.cat_colors.get(doc_id, MUTED) if spec.color_by == "source" else MUTED
    return Publication(doc_id, found.titles.get(doc_id), t, (ax0 + f * (ax1 - ax0), ay0 + f * (ay1 - ay0)), color)


def _empty_layout(spec: PlotSpec, width: float, height: float, title: str, subtitle: str, n_total: int) -> Layout:
    texts, _ = title_texts(spec, width, height, title, subtitle)
    msg = "No dated events"
    fs = spec.fontsize + 3
    w, h = text_width(msg, fs), text_height(1, fs)
    cx, cy = width / 2, height / 2 - 0.2
    texts.append(TextItem(msg, (cx, cy), fs, "center", "center", Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), False, MUTED))
    return Layout(spec, width, height, spec.orientation, "linear", None, texts=tuple(texts), n_total=n_total, n_shown=0, primitives=tuple(title_primitives(texts)))
