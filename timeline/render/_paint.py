"""The last layout stage: the drawing primitives of the placed records, in drawing order, each
styled here (the one place with the chart's line widths, sizes and alphas). Pure Python."""

from __future__ import annotations

from ._frame import Orientation
from ._model import (
    Bar, EventLayout, FillStyle, Legend, LegendEntry, Line, LineStyle, Marker, MarkerStyle, Primitive,
    Publication, Segment2, Text, TextItem, TextStyle, Tick,
)
from ._metrics import Box
from ._spec import PlotSpec
from ._style import AXIS_COLOR, INK, MUTED, darker

__all__ = ["title_primitives", "chart_primitives"]

BAR_H = 0.07
_AXIS = LineStyle(AXIS_COLOR, 1.4, 2, capstyle="butt")
_GAP_LINE = LineStyle(AXIS_COLOR, 0.9, 2, dash=(0, (1, 1.5)))
_BREAK = LineStyle(AXIS_COLOR, 1.1, 3)
_TICK = LineStyle(AXIS_COLOR, 0.8, 2)
_CUT = FillStyle("white", "none", 2.5)


def title_primitives(texts: list[TextItem] | tuple[TextItem, ...]) -> list[Primitive]:
    """Title, subtitle, message."""
    return [Text(t.xy, t.text, TextStyle(t.fontsize, t.ha, t.va, t.color, 6, weight="bold" if t.bold else "normal")) for t in texts]


def chart_primitives(
    o: Orientation,
    spec: PlotSpec,
    pieces: list[Segment2],
    breaks: list[Segment2],
    ticks: list[Tick],
    pubs: list[Publication],
    events: list[EventLayout],
    legend: tuple[list[LegendEntry], Box | None, int],
) -> list[Primitive]:
    """The axis (solid where time is linear, dotted with a break mark where it is collapsed),
    ticks, publications, events and the legend."""
    out: list[Primitive] = []
    for a, b in pieces:
        out.append(_line(o.axis_piece(a, b), _AXIS))
    for (xa, ya), (xb, yb) in breaks:
        out.append(Line((xa, xb), (ya, yb), _GAP_LINE))
        cx, cy = (xa + xb) / 2, (ya + yb) / 2
        out += [_line(o.break_mark(cx, cy, off), _BREAK) for off in (-0.025, 0.025)]
    for tk in ticks:
        out.append(_line(o.tick_mark(*tk.pos), _TICK))
        out.append(Text(tk.text_xy, tk.text, TextStyle(spec.fontsize - 0.5, tk.ha, tk.va, MUTED, 5, boxed=True)))
    for j, p in enumerate(pubs):
        xy, marker = o.publication(*p.pos)
        title = f" \u2014 {p.title}" if p.title else ""
        style = MarkerStyle(marker, 6.5, p.color, "white", 4, edgewidth=0.5, alpha=0.9)
        out.append(Marker(xy, style, f"tl-pub-{j}", f"{p.doc_id} published {p.published:%d %b %Y}{title}"))
    for ev in events:
        out += _event(o, spec, ev)
    entries, box, ncols = legend
    if entries and box is not None:
        out.append(Legend(tuple(entries), (box.x0, box.y1), ncols, spec.fontsize - 0.5))
    return out


def _line(xys: tuple[list[float], list[float]], style: LineStyle) -> Line:
    return Line(tuple(xys[0]), tuple(xys[1]), style)


def _event(o: Orientation, spec: PlotSpec, ev: EventLayout) -> list[Primitive]:
    """An event: its stem, its bar (spans and vague references), its marker, its label."""
    color, gid, tip = ev.color, f"tl-{{}}-{ev.index}", ev.tooltip
    xs, ys = zip(*ev.stem)
    out: list[Primitive] = [Line(xs, ys, LineStyle(color, 0.9, 1, dash="--" if ev.dashed else "-", alpha=0.7), gid.format("stem"))]
    if ev.bar is not None and ev.kind == "span":
        dash = "--" if ev.dashed else "-"
        out.append(Bar(*o.span_rect(ev.bar, BAR_H), FillStyle(color, color, 2, alpha=0.35 if ev.dashed else 0.55, width=0.8, dash=dash), gid.format("bar"), tip))
        out += [Bar(*o.cut_rect(g, BAR_H), _CUT) for g in ev.bar_gaps]  # collapsed time inside the span
    elif ev.bar is not None:  # vague: a fading bar with an arrow head, away from the publication date
        n, forward = 10, ev.kind == "future"
        for k in range(n):
            f0, f1 = k / n, (k + 1) / n
            out.append(Bar(*o.fade_rect(ev.bar, BAR_H, f0, f1, n, forward), FillStyle(color, "none", 2, alpha=0.6 * (1 - f0) + 0.05)))
        head = ev.bar[1] if forward else ev.bar[0]
        out.append(Marker(head, MarkerStyle(o.arrow(forward), 4.5, color, color, 2, alpha=0.35)))
    size = 6.0 + 1.2 * min(max(len(ev.event.sources) - 1, 0), 4)
    if ev.marker == "D":
        size -= 1
    span = ev.kind == "span"
    marker = MarkerStyle("|" if span else ev.marker, 7 if span else size, color if ev.filled else "white", color, 4, edgewidth=1.5)
    out.append(Marker(ev.anchor, marker, gid.format("marker"), tip))
    lab, fs = ev.label, spec.fontsize
    if lab.header:
        out.append(Text(lab.header_xy, lab.header, TextStyle(fs - 0.5, lab.ha, "top", darker(color), 5, weight="bold"), gid.format("header"), tip))
    body = TextStyle(fs, lab.ha, "top", INK, 5, multialign=lab.ha, linespacing=1.2)
    out.append(Text(lab.body_xy, lab.body, body, gid.format("label"), tip))
    return out
