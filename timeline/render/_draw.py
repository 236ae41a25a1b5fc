"""Drawing a :class:`~timeline.render._model.Layout` with matplotlib: one artist per primitive.

Plain :class:`matplotlib.figure.Figure` objects only (no global plotting state, no rcParams changes):
the layout says where everything goes, in inches, and how it looks; the drawing uses an Axes
whose data coordinates are those inches.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from ._metrics import FONT
from ._model import Bar, Layout, Legend, LegendEntry, Line, Marker, Primitive, Text
from ._style import INK, status_style

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["new_figure", "axes_size", "root_figure", "draw_layout", "add_svg_tooltips", "svg_event_gids", "svg_event_attrs", "group_svg_events", "SVG_FONT_STACK"]


def new_figure(width: float, height: float, *, display_format: str = "png") -> tuple[Figure, Axes]:
    """A figure of that size (inches) with one Axes covering it, on an Agg canvas: a
    :class:`~timeline.render._figure.ChartFigure`, shown in notebooks as one image."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from ._figure import ChartFigure

    fig = ChartFigure(figsize=(width, height), dpi=100, facecolor="white", display_format=display_format)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    return fig, ax


def root_figure(ax: Axes) -> Figure:
    """The page an Axes is drawn on: its figure, or the figure its (nested) subfigure is part of."""
    fig = ax.get_figure(root=True)
    assert fig is not None, "the Axes is not in a figure"
    return fig


def axes_size(ax: Axes) -> tuple[float, float]:
    """The size of an Axes in inches."""
    fw, fh = root_figure(ax).get_size_inches()
    pos = ax.get_position()
    return float(pos.width * fw), float(pos.height * fh)


def draw_layout(layout: Layout, ax: Axes) -> dict[str, str]:
    """Draw ``layout`` on ``ax`` (its data coordinates become inches); returns the SVG
    tooltips: artist gid -> text."""
    ax.set_xlim(0, layout.width)
    ax.set_ylim(0, layout.height)
    ax.set_axis_off()
    ax.set_autoscale_on(False)
    tips: dict[str, str] = {}
    info = {ev.index: _event_attrs(ev.event) for ev in layout.events}
    current: int | None = None  # the event whose primitives are being drawn
    for p in layout.primitives:
        before = set(ax.get_children())
        _draw(ax, p)
        m = _EVENT_GID.fullmatch(p.gid or "") if not isinstance(p, Legend) else None
        if m is not None:
            current = int(m.group(1))
        elif isinstance(p, (Legend, Text)) or p.gid is not None:
            current = None  # an event's primitives are consecutive; unnamed ones follow a named one
        if current is not None and not isinstance(p, Legend):
            for artist in (a for a in ax.get_children() if a not in before):
                # which event the artist draws, for the per-event groups of a saved SVG
                setattr(artist, _EVENT_ATTR, (current, info.get(current, {})))
        if not isinstance(p, Legend) and p.gid is not None and p.tip is not None:
            tips[p.gid] = p.tip
    return tips


_EVENT_ATTR = "_timeline_svg_event"
_EVENT_GID = re.compile(r"tl-(?:stem|bar|marker|header|label)-(\d+)")


def _event_attrs(event: Any) -> dict[str, str]:
    """The data attributes of an event's SVG group: its date (ISO) and its time value."""
    out: dict[str, str] = {}
    start = getattr(event, "start", None)
    if start is not None:
        out["data-date"] = start.date().isoformat() if hasattr(start, "date") else str(start)
    value = getattr(event, "value", None)
    if value:
        out["data-value"] = str(value)
    return out


def _draw(ax: Axes, p: Primitive) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    if isinstance(p, Line):
        s = p.style
        kw = _given(alpha=s.alpha, linestyle=s.dash, solid_capstyle=s.capstyle, gid=p.gid)
        ax.add_line(Line2D(p.xs, p.ys, color=s.color, linewidth=s.width, zorder=s.zorder, **kw))
    elif isinstance(p, Marker):
        m = p.style
        kw = _given(markeredgewidth=m.edgewidth, alpha=m.alpha, gid=p.gid)
        ax.add_line(Line2D([p.xy[0]], [p.xy[1]], marker=m.marker, markersize=m.size, linestyle="none", markerfacecolor=m.face, markeredgecolor=m.edge, zorder=m.zorder, **kw))
    elif isinstance(p, Bar):
        f = p.style
        rect = Rectangle((p.x, p.y), p.w, p.h)
        rect.set(facecolor=f.face, edgecolor=f.edge, zorder=f.zorder, **_given(alpha=f.alpha, linewidth=f.width, linestyle=f.dash, gid=p.gid))
        ax.add_patch(rect)
    elif isinstance(p, Text):
        t = p.style
        kw = _given(fontweight=t.weight, multialignment=t.multialign, linespacing=t.linespacing)
        if t.boxed:
            kw["bbox"] = {"facecolor": "white", "edgecolor": "none", "pad": 0.6}
        artist = ax.text(*p.xy, p.text, clip_on=False, fontfamily=FONT, fontsize=t.size, ha=t.ha, va=t.va, color=t.color, zorder=t.zorder, **kw)
        if p.gid is not None:
            artist.set_gid(p.gid)
    else:
        _legend(ax, p)


def _given(**kw: Any) -> dict[str, Any]:
    """The keyword arguments that are not None (None: matplotlib's default)."""
    return {k: v for k, v in kw.items() if v is not None}


def _handle(e: LegendEntry) -> Any:
    """The legend handle of an entry; a status' handle follows the status' style."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if e.kind == "status":
        st = status_style(e.status or "")
        return Line2D(
            [0, 1], [0, 0], color=e.color, linewidth=0.9, linestyle=(0, (3, 2)) if st.dashed else "-",
            marker=st.marker, markersize=6 if st.marker == "o" else 5, markerfacecolor=e.color if st.filled else "white",
            markeredgecolor=e.color, markeredgewidth=1.5, markevery=[1],
        )  # fmt: skip
    if e.kind == "span":
        return Patch(facecolor=e.color, alpha=0.5, edgecolor=e.color)
    if e.kind == "vague":
        return Line2D([0, 1], [0, 0], color=e.color, linewidth=4, alpha=0.35, marker=">", markevery=[1], markersize=5)
    if e.kind == "publication":
        return Line2D([0.5], [0], marker="^", markersize=6.5, linestyle="none", markerfacecolor=e.color, markeredgecolor="white")
    return Patch(facecolor=e.color, edgecolor="none")


def _legend(ax: Axes, lg: Legend) -> None:
    leg = ax.legend(
        [_handle(e) for e in lg.entries],
        [e.label for e in lg.entries],
        loc="upper left",
        bbox_to_anchor=lg.anchor,
        bbox_transform=ax.transData,
        ncols=lg.ncols,
        frameon=False,
        prop={"family": FONT, "size": lg.fontsize},
        handlelength=2.0,
        handletextpad=0.8,
        columnspacing=2.0,
        borderaxespad=0.0,
        borderpad=0.3,
        labelspacing=0.6,
    )
    for t in leg.get_texts():
        t.set_color(INK)


_GID = re.compile(r'<g id="(tl-[a-z]+-\d+)"[^>]*>')


def add_svg_tooltips(svg: bytes, tips: dict[str, str]) -> bytes:
    """Insert a ``<title>`` (a tooltip in browsers) into each SVG group whose id is in ``tips``."""
    text = svg.decode("utf-8")

    def repl(m: re.Match[str]) -> str:
        tip = tips.get(m.group(1))
        return m.group(0) if tip is None else f"{m.group(0)}\n   <title>{escape(tip)}</title>"

    return _GID.sub(repl, text).encode("utf-8")


#: The fonts an SVG's text asks for, after the chart's own: what most systems have.
SVG_FONT_STACK = ("Helvetica", "Arial", "sans-serif")

_PART = "tl-part-{}-{}"
_PART_GID = re.compile(r'<g id="tl-(?:stem|bar|marker|header|label|part)-(\d+)(?:-\d+)?"')
_G_TAG = re.compile(r"<g[\s>]|</g>")
_FAMILY = re.compile(r"font-family: ([^;\"]+)")


def svg_event_gids(fig: Figure) -> list[tuple[Any, str | None]]:
    """Give the event artists without a gid (cut marks, fading bars...) a gid naming their
    event, for :func:`group_svg_events`; returns what to restore (artist, old gid)."""
    changed: list[tuple[Any, str | None]] = []
    k = 0
    for artist in fig.findobj(lambda a: hasattr(a, _EVENT_ATTR)):
        if artist.get_gid() is None:
            changed.append((artist, None))
            artist.set_gid(_PART.format(getattr(artist, _EVENT_ATTR)[0], k))
            k += 1
    return changed


def svg_event_attrs(fig: Figure) -> dict[int, dict[str, str]]:
    """The data attributes of each drawn event's group, by event index."""
    return {getattr(a, _EVENT_ATTR)[0]: getattr(a, _EVENT_ATTR)[1] for a in fig.findobj(lambda a: hasattr(a, _EVENT_ATTR))}


def _element_end(text: str, start: int) -> int:
    """The end of the ``<g>`` element that starts at ``start`` (after its ``</g>``)."""
    depth = 0
    for m in _G_TAG.finditer(text, start):
        depth += -1 if m.group(0) == "</g>" else 1
        if depth == 0:
            return m.end()
    raise ValueError("unbalanced SVG group")


def group_svg_events(svg: bytes, events: dict[int, dict[str, str]]) -> bytes:
    """One ``<g id="tl-event-N" data-date=... data-value=...>`` per event around all its
    elements (stem, bar, marker, texts), placed where its last element was drawn (its label:
    the labels keep their stacking); text asks for :data:`SVG_FONT_STACK` after its font."""
    text = svg.decode("utf-8")
    parts: dict[int, list[tuple[int, int]]] = {}
    pos = 0
    while (m := _PART_GID.search(text, pos)) is not None:
        end = _element_end(text, m.start())
        parts.setdefault(int(m.group(1)), []).append((m.start(), end))
        pos = end
    cuts: list[tuple[int, int, str]] = []  # (start, end, replacement), in document order
    for n, spans in parts.items():
        attrs = "".join(f' {k}="{escape(v, {chr(34): "&quot;"})}"' for k, v in sorted(events.get(n, {}).items()))
        body = "\n".join(text[a:b] for a, b in spans)
        group = f'<g id="tl-event-{n}"{attrs}>\n{body}\n</g>'
        cuts += [(a, b, "") for a, b in spans[:-1]] + [(spans[-1][0], spans[-1][1], group)]
    out, last = [], 0
    for a, b, rep in sorted(cuts):
        out += [text[last:a].rstrip(" ") if not rep else text[last:a], rep]
        last = b
        if not rep and text.startswith("\n", last):
            last += 1  # no empty line where an element was taken out
    out.append(text[last:])
    joined = "".join(out)
    return _FAMILY.sub(lambda m: "font-family: " + ", ".join(dict.fromkeys([*m.group(1).split(", "), *SVG_FONT_STACK])), joined).encode("utf-8")
