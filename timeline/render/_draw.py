"""Drawing a :class:`~timeline.render._layout.Layout` with matplotlib.

Plain :class:`matplotlib.figure.Figure` objects only (no global plotting state, no rcParams changes):
the layout says where everything goes, in inches; the drawing uses an Axes whose data
coordinates are those inches.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from ._layout import FONT, INK, MUTED, Layout

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["new_figure", "draw_layout", "add_svg_tooltips"]

AXIS_COLOR = "#444444"
BAR_H = 0.07


def new_figure(width: float, height: float, *, display_format: str = "png") -> tuple[Figure, Axes]:
    """A figure of that size (inches) with one Axes covering it, on an Agg canvas: a
    :class:`~timeline.render._figure.ChartFigure`, shown in notebooks as one image."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from ._figure import ChartFigure

    fig = ChartFigure(figsize=(width, height), dpi=100, facecolor="white", display_format=display_format)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    return fig, ax


def axes_size(ax: Axes) -> tuple[float, float]:
    """The size of an Axes in inches."""
    from matplotlib.figure import SubFigure

    fig = ax.figure
    root = fig.figure if isinstance(fig, SubFigure) else fig  # a subfigure's axes: the page's size
    fw, fh = root.get_size_inches()
    pos = ax.get_position()
    return float(pos.width * fw), float(pos.height * fh)


def draw_layout(layout: Layout, ax: Axes) -> dict[str, str]:
    """Draw ``layout`` on ``ax`` (its data coordinates become inches); returns the SVG
    tooltips: artist gid -> text."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    tips: dict[str, str] = {}
    spec = layout.spec
    fs = spec.fontsize
    horizontal = layout.orientation == "horizontal"
    ax.set_xlim(0, layout.width)
    ax.set_ylim(0, layout.height)
    ax.set_axis_off()
    ax.set_autoscale_on(False)

    def text(x: float, y: float, s: str, **kw: Any) -> Any:
        kw.setdefault("fontfamily", FONT)
        kw.setdefault("color", INK)
        return ax.text(x, y, s, clip_on=False, **kw)

    for t in layout.texts:
        text(*t.xy, t.text, fontsize=t.fontsize, ha=t.ha, va=t.va, fontweight="bold" if t.bold else "normal", color=t.color, zorder=6)

    if layout.axis is None:
        return tips

    # the time axis: solid where time is linear, dotted with a break mark where it is collapsed
    for (x0, y0), (x1, y1) in layout.axis_pieces:
        if horizontal:
            x0, x1 = x0 - 0.03, x1 + 0.03
        else:
            y0, y1 = y0 + 0.03, y1 - 0.03
        ax.add_line(Line2D([x0, x1], [y0, y1], color=AXIS_COLOR, linewidth=1.4, solid_capstyle="butt", zorder=2))
    for (xa, ya), (xb, yb) in layout.breaks:
        ax.add_line(Line2D([xa, xb], [ya, yb], color=AXIS_COLOR, linewidth=0.9, linestyle=(0, (1, 1.5)), zorder=2))
        cx, cy = (xa + xb) / 2, (ya + yb) / 2
        for off in (-0.025, 0.025):
            if horizontal:
                seg = ([cx + off - 0.025, cx + off + 0.025], [cy - 0.065, cy + 0.065])
            else:
                seg = ([cx - 0.065, cx + 0.065], [cy + off - 0.025, cy + off + 0.025])
            ax.add_line(Line2D(*seg, color=AXIS_COLOR, linewidth=1.1, zorder=3))

    # ticks
    tfs = fs - 0.5
    for tk in layout.ticks:
        x, y = tk.pos
        if horizontal:
            ax.add_line(Line2D([x, x], [y - 0.045, y], color=AXIS_COLOR, linewidth=0.8, zorder=2))
        else:
            ax.add_line(Line2D([x - 0.045, x], [y, y], color=AXIS_COLOR, linewidth=0.8, zorder=2))
        text(*tk.text_xy, tk.text, fontsize=tfs, ha=tk.ha, va=tk.va, color=MUTED, zorder=5, bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6})

    # publications
    for j, p in enumerate(layout.publications):
        x, y = p.pos
        if horizontal:
            pos, marker = (x, y - 0.075), "^"
        else:
            pos, marker = (x - 0.075, y), ">"
        line = Line2D([pos[0]], [pos[1]], marker=marker, markersize=6.5, linestyle="none", markerfacecolor=p.color, markeredgecolor="white", markeredgewidth=0.5, alpha=0.9, zorder=4)
        gid = f"tl-pub-{j}"
        line.set_gid(gid)
        ax.add_line(line)
        title = f" \u2014 {p.title}" if p.title else ""
        tips[gid] = f"{p.doc_id} published {p.published:%d %b %Y}{title}"

    # events
    for ev in layout.events:
        color = ev.color
        gid = f"tl-{{}}-{ev.index}"
        xs, ys = zip(*ev.stem)
        ax.add_line(
            Line2D(xs, ys, color=color, alpha=0.7, linewidth=0.9, linestyle="--" if ev.dashed else "-", zorder=1, gid=gid.format("stem"))
        )
        if ev.bar is not None:
            (bx0, by0), (bx1, by1) = ev.bar
            if ev.kind == "span":
                if horizontal:
                    rect = Rectangle((bx0, by0 - BAR_H / 2), bx1 - bx0, BAR_H)
                else:
                    rect = Rectangle((bx0 - BAR_H / 2, by1), BAR_H, by0 - by1)
                rect.set(facecolor=color, alpha=0.35 if ev.dashed else 0.55, edgecolor=color, linewidth=0.8, linestyle="--" if ev.dashed else "-", zorder=2, gid=gid.format("bar"))
                ax.add_patch(rect)
                for (gx0, gy0), (gx1, gy1) in ev.bar_gaps:  # collapsed time inside the span
                    if horizontal:
                        cut = Rectangle((gx0 + (gx1 - gx0) * 0.3, gy0 - BAR_H), (gx1 - gx0) * 0.4, 2 * BAR_H)
                    else:
                        cut = Rectangle((gx0 - BAR_H, gy1 + (gy0 - gy1) * 0.3), 2 * BAR_H, (gy0 - gy1) * 0.4)
                    cut.set(facecolor="white", edgecolor="none", zorder=2.5)
                    ax.add_patch(cut)
            else:  # vague: a fading bar with an arrow head, away from the publication date
                n = 10
                forward = ev.kind == "future"
                for k in range(n):
                    f0, f1 = k / n, (k + 1) / n
                    if horizontal:
                        x0 = bx0 + (bx1 - bx0) * (f0 if forward else 1 - f1)
                        rect = Rectangle((x0, by0 - BAR_H / 2), (bx1 - bx0) / n, BAR_H)
                    else:
                        # vertical bars run from (bx0, by0) (earlier, top) to (bx1, by1)
                        y0 = by0 + (by1 - by0) * (f1 if forward else 1 - f0)
                        rect = Rectangle((bx0 - BAR_H / 2, y0), BAR_H, abs(by1 - by0) / n)
                    rect.set(facecolor=color, edgecolor="none", alpha=0.6 * (1 - f0) + 0.05, zorder=2)
                    ax.add_patch(rect)
                tip = (bx1, by1) if forward else (bx0, by0)
                if horizontal:
                    marker = ">" if forward else "<"
                else:
                    marker = "v" if forward else "^"
                ax.add_line(Line2D([tip[0]], [tip[1]], marker=marker, markersize=4.5, linestyle="none", color=color, alpha=0.35, zorder=2))
        n_src = len(ev.event.sources)
        if ev.kind == "span":
            tips[gid.format("bar")] = ev.tooltip
        size = 6.0 + 1.2 * min(max(n_src - 1, 0), 4)
        if ev.marker == "D":
            size -= 1
        m = Line2D(
            [ev.anchor[0]],
            [ev.anchor[1]],
            marker=ev.marker if ev.kind != "span" else "|",
            markersize=size if ev.kind != "span" else 7,
            linestyle="none",
            markerfacecolor=color if ev.filled else "white",
            markeredgecolor=color,
            markeredgewidth=1.5,
            zorder=4,
            gid=gid.format("marker"),
        )
        ax.add_line(m)
        tips[gid.format("marker")] = ev.tooltip
        lab = ev.label
        if lab.header:
            h = text(*lab.header_xy, lab.header, fontsize=fs - 0.5, fontweight="bold", ha=lab.ha, va="top", color=_darker(color), zorder=5)
            h.set_gid(gid.format("header"))
            tips[gid.format("header")] = ev.tooltip
        b = text(*lab.body_xy, lab.body, fontsize=fs, ha=lab.ha, va="top", multialignment=lab.ha, linespacing=1.2, zorder=5)
        b.set_gid(gid.format("label"))
        tips[gid.format("label")] = ev.tooltip

    # legend
    if layout.legend and layout.legend_box is not None:
        _legend(ax, layout)
    return tips


def _darker(color: str) -> str:
    """A darker shade of ``color`` for text (light palette colours are hard to read)."""
    if not (color.startswith("#") and len(color) == 7):
        return INK
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    f = 0.7
    return f"#{int(r * f):02x}{int(g * f):02x}{int(b * f):02x}"


def _legend(ax: Axes, layout: Layout) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Any] = []
    labels: list[str] = []
    for e in layout.legend:
        if e.kind == "status":
            color = e.color
            filled = e.status != "expected"
            marker = "D" if e.status == "ongoing" else "o"
            h: Any = Line2D(
                [0, 1], [0, 0], color=color, linewidth=0.9, linestyle=(0, (3, 2)) if e.status == "expected" else "-",
                marker=marker, markersize=6 if marker == "o" else 5, markerfacecolor=color if filled else "white",
                markeredgecolor=color, markeredgewidth=1.5, markevery=[1],
            )
        elif e.kind == "span":
            h = Patch(facecolor=e.color, alpha=0.5, edgecolor=e.color)
        elif e.kind == "vague":
            h = Line2D([0, 1], [0, 0], color=e.color, linewidth=4, alpha=0.35, marker=">", markevery=[1], markersize=5)
        elif e.kind == "publication":
            h = Line2D([0.5], [0], marker="^", markersize=6.5, linestyle="none", markerfacecolor=e.color, markeredgecolor="white")
        else:
            h = Patch(facecolor=e.color, edgecolor="none")
        handles.append(h)
        labels.append(e.label)
    box = layout.legend_box
    assert box is not None
    fs = layout.spec.fontsize - 0.5
    leg = ax.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(box.x0, box.y1),
        bbox_transform=ax.transData,
        ncols=layout.legend_ncols,
        frameon=False,
        prop={"family": FONT, "size": fs},
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

