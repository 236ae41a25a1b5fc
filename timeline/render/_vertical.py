"""The vertical chart: time runs top to bottom; a date column on the left, then the axis, the
span lanes, and one column of labels, each as close to its date as the others allow. Pure Python."""

from __future__ import annotations

from dataclasses import dataclass

from ._frame import Frame, Placed, event_record, gaps_within, make_label
from ._items import Item, measure_text
from ._metrics import Box, text_height, text_width
from ._model import EventLayout, Point, Segment2, Tick
from ._place import GAP, pack_lanes, repel
from ._scale import TimeScale
from ._ticks import keep_ticks, tick_marks

__all__ = ["Vertical"]

_LANE_W = 0.09
_FUZZ = 0.06  # length of the bar of a vague reference, a fraction of the axis


@dataclass(frozen=True)
class _Columns:
    axis_x: float
    lanes_x: float
    col_x: float  # the labels' left edge
    lane_of: dict[int, int]  # item index -> lane


@dataclass(frozen=True)
class _Axis:
    top: float  # y of the axis' start
    length: float

    def y(self, u: float) -> float:
        return self.top - u


def _span_fracs(it: Item, scale: TimeScale) -> tuple[float, float]:
    f = scale(it.t0)
    if it.kind == "span":
        return f, scale(it.t1 or it.t0)
    return (f, f + _FUZZ) if it.kind == "future" else (f - _FUZZ, f)


class Vertical:
    name = "vertical"
    top_gap = 0.25

    # --- layout ---

    def layout(self, fr: Frame) -> Placed:
        cols = self._columns(fr)
        self._measure(fr, cols)
        heights = [it.h for it in fr.items]
        top_band = fr.top.depth + self.top_gap
        bottom_margin = 0.25
        total_h = sum(h + GAP for h in heights)
        length = max(fr.min_height - top_band - bottom_margin, 0.85 * total_h, 2.0)
        # 1-D placement of the labels along the axis, in order, as close to their dates as possible
        desired = [fr.scale(it.t0) * length for it in fr.items]
        order = sorted(range(len(fr.items)), key=lambda i: (desired[i], i))
        tops = repel([desired[i] for i in order], [heights[i] + GAP for i in order], lo=-0.05)
        top_of = {order[j]: tops[j] for j in range(len(order))}
        bottom_u = max(max(top_of[i] + heights[i] + GAP for i in range(len(fr.items))), length + 0.1)
        height = max(top_band + bottom_u + bottom_margin + 0.15, fr.min_height)
        ax = _Axis(height - top_band, length)
        events = [self._event(fr, it, cols, ax, ax.y(top_of[i]), ax.y(desired[i])) for i, it in enumerate(fr.items)]
        texts, legend_box = fr.top.place(height)

        def at(f: float) -> Point:
            return (cols.axis_x, ax.y(f * length))

        axis = ((cols.axis_x, ax.y(0.0)), (cols.axis_x, ax.y(length)))
        ticks = self._ticks(fr, cols.axis_x, ax) if fr.spec.show_dates else []
        return Placed(height, axis, at, events, ticks, texts, legend_box)

    def _columns(self, fr: Frame) -> _Columns:
        """The date column, the axis, the span lanes (packed along time), the labels' column."""
        sample = max((text_width(s, fr.spec.fontsize - 0.5) for s in ("28 Sep 2023", "Sep 2023", "00:00")), default=0.8)
        axis_x = 0.15 + sample + 0.2
        spans = [it for it in fr.items if it.kind in ("span", "past", "future")]
        order = sorted(range(len(spans)), key=lambda i: (fr.scale(spans[i].t0), -fr.scale(spans[i].t1 or spans[i].t0)))

        def fits(iv: tuple[float, float], other: tuple[float, float]) -> bool:
            (a, b), (x0, x1) = iv, other
            return b < x0 - 0.002 or a > x1 + 0.002

        lanes = pack_lanes([_span_fracs(it, fr.scale) for it in spans], order, fits)
        lanes_x = axis_x + 0.1
        col_x = lanes_x + (max(lanes, default=-1) + 1) * _LANE_W + 0.35
        return _Columns(axis_x, lanes_x, col_x, {it.index: lane for it, lane in zip(spans, lanes)})

    def _measure(self, fr: Frame, cols: _Columns) -> None:
        """Wrap and measure the labels, narrower if need be to stay inside the width."""
        avail = fr.width - cols.col_x - 0.15
        chars = fr.spec.label_chars
        while chars > 8 and text_width("n" * chars, fr.spec.fontsize) > avail - 0.1:
            chars -= 2
        for it in fr.items:
            measure_text(fr.spec, it, chars)
            it.w = min(it.w, avail)

    def _event(self, fr: Frame, it: Item, cols: _Columns, ax: _Axis, top: float, ya: float) -> EventLayout:
        h, col_x = it.h, cols.col_x
        label = make_label(fr.spec, it, col_x + 0.03, top, "left", Box(col_x, top - h, col_x + it.w, top))
        anchor = (cols.axis_x, ya)
        bar: Segment2 | None = None
        bar_gaps: list[Segment2] = []
        start_x = cols.axis_x
        if it.index in cols.lane_of:
            lx = cols.lanes_x + cols.lane_of[it.index] * _LANE_W + _LANE_W / 2
            a, b = _span_fracs(it, fr.scale)
            bar = ((lx, ax.y(a * ax.length)), (lx, ax.y(b * ax.length)))
            start_x = lx
            bar_gaps = [((lx, ax.y(g0 * ax.length)), (lx, ax.y(g1 * ax.length))) for g0, g1 in gaps_within(it, fr.scale)]
            if it.kind == "past":
                ya = ax.y(b * ax.length)
            anchor = (cols.axis_x, ya)
        mid = top - min(h / 2, it.h_header / 2 + 0.02) if fr.spec.show_dates else top - h / 2
        stem = (anchor, (start_x, ya), (col_x - 0.22, ya), (col_x - 0.02, mid))
        return event_record(it, anchor, stem, bar, bar_gaps, label)

    def _ticks(self, fr: Frame, axis_x: float, ax: _Axis) -> list[Tick]:
        tfs = fr.spec.fontsize - 0.5
        th = text_height(1, tfs)

        def place(f: float, text: str) -> Tick:
            y = ax.y(f * ax.length)
            w = text_width(text, tfs)
            tx = axis_x - 0.12
            return Tick((axis_x, y), text, (tx, y), "right", "center", Box(tx - w, y - th / 2, tx, y + th / 2))

        def need(label: str) -> float:
            return th + 0.08

        return keep_ticks(tick_marks(fr.scale, fr.items, ax.length, need), place)

    # --- drawing geometry ---

    def axis_piece(self, a: Point, b: Point) -> tuple[list[float], list[float]]:
        return [a[0], b[0]], [a[1] + 0.03, b[1] - 0.03]

    def break_mark(self, cx: float, cy: float, off: float) -> tuple[list[float], list[float]]:
        return [cx - 0.065, cx + 0.065], [cy + off - 0.025, cy + off + 0.025]

    def tick_mark(self, x: float, y: float) -> tuple[list[float], list[float]]:
        return [x - 0.045, x], [y, y]

    def publication(self, x: float, y: float) -> tuple[Point, str]:
        return (x - 0.075, y), ">"

    def span_rect(self, bar: Segment2, bar_h: float) -> tuple[float, float, float, float]:
        (bx0, by0), (_, by1) = bar
        return bx0 - bar_h / 2, by1, bar_h, by0 - by1

    def cut_rect(self, gap: Segment2, bar_h: float) -> tuple[float, float, float, float]:
        (gx0, gy0), (_, gy1) = gap
        return gx0 - bar_h, gy1 + (gy0 - gy1) * 0.3, 2 * bar_h, (gy0 - gy1) * 0.4

    def fade_rect(self, bar: Segment2, bar_h: float, f0: float, f1: float, n: int, forward: bool) -> tuple[float, float, float, float]:
        # vertical bars run from (bx0, by0) (earlier, top) to (bx1, by1)
        (bx0, by0), (_, by1) = bar
        y0 = by0 + (by1 - by0) * (f1 if forward else 1 - f0)
        return bx0 - bar_h / 2, y0, bar_h, abs(by1 - by0) / n

    def arrow(self, forward: bool) -> str:
        return "v" if forward else "^"
