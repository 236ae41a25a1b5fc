"""Chronology plots: spec -> layout -> draw.

- :mod:`._spec`: :class:`PlotSpec`, every option, validated;
- :mod:`._layout`: :func:`compute_layout`, pure Python, in stages: the items
  (:mod:`._items`), the time scale (:mod:`._scale`, linear or with collapsed gaps), the title
  and legend (:mod:`._top`), the placement by one strategy per orientation
  (:mod:`._horizontal`, :mod:`._vertical`, with :mod:`._place` and :mod:`._ticks`), then the
  drawing primitives (:mod:`._paint`) of a frozen :class:`Layout` (:mod:`._model`), all in
  inches; text metrics in :mod:`._metrics`, dates in words in :mod:`._wording`, colours and
  the style of each status in :mod:`._style`;
- :mod:`._draw`: the matplotlib drawing of a layout's primitives on a plain ``Figure`` (no
  global state);
- :mod:`._figure`: :class:`ChartFigure`, the ``Figure`` subclass new charts are drawn on,
  which shows itself in notebooks as exactly one image.

Used by :meth:`timeline.Timeline.plot`, :meth:`timeline.Timeline.save` and the notebook
display of a ``Timeline``. Importing this package does not import matplotlib.
"""

from __future__ import annotations

import io
import os
import warnings
from dataclasses import replace
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._io import write_atomic
from .._errors import RenderError, TimelineWarning
from ._layout import Layout, TimeScale, compute_layout
from ._spec import PlotSpec, IMAGE_FORMATS

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .._document import Document
    from .._events import Event

__all__ = ["AUTO_MAX_EVENTS", "MAX_INCHES", "MAX_DRAWN", "chart_events", "PlotSpec", "Layout", "TimeScale", "compute_layout", "render", "figure_bytes", "save", "FORMATS", "ChartFigure"]

#: File formats :func:`save` writes, by extension.
FORMATS = IMAGE_FORMATS


def render(
    events: Sequence[Event],
    documents: Sequence[Document] = (),
    spec: PlotSpec | None = None,
    ax: Axes | None = None,
    *,
    display_format: str = "png",
) -> tuple[Figure, Layout, dict[str, str]]:
    """Lay out and draw: a new figure (a ``ChartFigure`` shown in notebooks as one image in
    ``display_format``) or the figure ``ax`` is drawn on (left as it is; for an Axes in a
    SubFigure, the whole figure), the layout and the SVG tooltips."""
    from ._draw import axes_size, draw_layout, new_figure, root_figure
    from ._figure import ChartFigure

    spec = spec or PlotSpec()
    events, spec = chart_events(events, documents, spec)
    if ax is None:
        layout = compute_layout(events, documents, spec)
        fig, ax = new_figure(layout.width, layout.height, display_format=display_format)
    else:
        w, h = axes_size(ax)
        layout = compute_layout(events, documents, spec, size=(max(w, 3.0), max(h, 1.0)))
        fig = root_figure(ax)  # the page, also for an Axes in a (nested) SubFigure
    tips = draw_layout(layout, ax)
    if isinstance(fig, ChartFigure):
        fig.svg_tips = tips
    return fig, layout, tips


#: A chart of more events than this (and no ``max_events``) whose layout does not fit in
#: ``MAX_INCHES`` a side draws the collection's key dates instead, this many, so that it
#: stays readable and within about 3,000 pixels a side at the default 150 dpi.
AUTO_MAX_EVENTS = 25
MAX_INCHES = 20.0
#: The most events any chart draws, even with a larger ``max_events`` (with a warning): about
#: 130 inches of labels, the most a PNG can hold at the default resolution, laid out in seconds.
MAX_DRAWN = 200
# beyond this many events a chart never fits: no need to lay it out to know
_NEVER_FITS = 100


def chart_events(events: Sequence[Event], documents: Sequence[Document], spec: PlotSpec) -> tuple[Sequence[Event], PlotSpec]:
    """What a chart of ``events`` draws: all of them when they fit (at most
    :data:`AUTO_MAX_EVENTS`, or a layout within :data:`MAX_INCHES` a side); else, unless the
    spec says ``max_events``, the key dates of the collection (one sentence each, see
    :meth:`timeline.Timeline.summarize`), with a subtitle that says so."""
    if spec.max_events is not None and spec.max_events > MAX_DRAWN and len(events) > MAX_DRAWN:
        warnings.warn(
            f"max_events={spec.max_events} is more than a chart can show readably; drawing the {MAX_DRAWN} most important of {len(events)} events",
            TimelineWarning,
            stacklevel=4,
        )
        spec = replace(spec, max_events=MAX_DRAWN)
    if spec.max_events is not None or len(events) <= AUTO_MAX_EVENTS:
        return events, spec
    if len(events) <= _NEVER_FITS:
        whole = compute_layout(events, documents, spec)
        if max(whole.width, whole.height) <= MAX_INCHES:
            return events, spec
    from .._summarize import summarize_events

    key = summarize_events(events, documents, dates=AUTO_MAX_EVENTS, per_date=1)
    if not key:  # nothing dated to a day: the highest-ranked events instead
        return events, replace(spec, max_events=AUTO_MAX_EVENTS)
    if spec.subtitle is None:
        from ._layout import describe_span

        n, m = len(events), len(documents)
        parts = [f"{len(key)} key date{'' if len(key) == 1 else 's'} of {n} events" + (f" from {m} article{'' if m == 1 else 's'}" if m else "")]
        span = describe_span(key)
        if span:
            parts.append(span)
        spec = replace(spec, subtitle=" · ".join(parts))
    return key, spec


def figure_bytes(fig: Figure, fmt: str, *, dpi: float, tips: dict[str, str] | None = None) -> bytes:
    """The figure as PNG, SVG (with tooltips) or PDF bytes, without metadata dates so the
    same chronology always gives the same file. An SVG keeps its text as ``<text>`` and
    groups each event's elements in one ``<g id="tl-event-N" data-date=... data-value=...>``."""
    import matplotlib

    buf = io.BytesIO()
    metadata: dict[str, Any] = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}[fmt]
    if fmt != "svg":
        with matplotlib.rc_context({"svg.hashsalt": "timeline", "svg.fonttype": "path"}):
            fig.savefig(buf, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
        return buf.getvalue()
    from ._draw import add_svg_tooltips, group_svg_events, svg_event_attrs, svg_event_gids

    # text as <text> (editable, searchable, read aloud), for this one save only
    changed = svg_event_gids(fig)
    try:
        with matplotlib.rc_context({"svg.hashsalt": "timeline", "svg.fonttype": "none"}):
            fig.savefig(buf, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
    finally:
        for artist, gid in changed:
            artist.set_gid(gid)
    data = buf.getvalue()
    if tips:
        data = add_svg_tooltips(data, tips)
    return group_svg_events(data, svg_event_attrs(fig))


def check_path(path: str | os.PathLike[str]) -> str:
    """The format of ``path`` from its extension (case-insensitive); ``RenderError`` otherwise."""
    p = Path(path)
    fmt = FORMATS.get(p.suffix.lower())
    if fmt is None:
        shown = repr(p.suffix) if p.suffix else "no extension"
        raise RenderError(f"cannot save {p}: unsupported image format ({shown}); use one of {', '.join(FORMATS)}")
    return fmt


def save(events: Sequence[Event], documents: Sequence[Document], path: str | os.PathLike[str], spec: PlotSpec) -> Path:
    """Draw and write the chronology to ``path`` (format by extension), atomically."""
    fmt = check_path(path)
    target = Path(path)
    if not target.parent.is_dir():
        raise FileNotFoundError(2, "no such directory", str(target.parent))  # before drawing
    fig, _, tips = render(events, documents, spec)
    data = figure_bytes(fig, fmt, dpi=spec.dpi, tips=tips)
    write_atomic(target, data)
    return target


def __getattr__(name: str) -> Any:
    # ChartFigure subclasses matplotlib's Figure: imported on first use, so that importing
    # this package does not import matplotlib
    if name == "ChartFigure":
        from ._figure import ChartFigure

        return ChartFigure
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
