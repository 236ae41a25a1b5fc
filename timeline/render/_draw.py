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

__all__ = ["new_figure", "axes_size", "root_figure", "draw_layout", "add_svg_tooltips"]


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
    for p in layout.primitives:
        _draw(ax, p)
        if not isinstance(p, Legend) and p.gid is not None and p.tip is not None:
            tips[p.gid] = p.tip
    return tips


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
