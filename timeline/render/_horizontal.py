"""The horizontal chart: time runs left to right; labels stand on levels above and below the
axis, span bars lie on lanes just above it. Pure Python."""

from __future__ import annotations

from dataclasses import dataclass

from ._frame import Frame, Placed, event_record, gaps_within, make_label
from ._items import Item, measure_text
from ._metrics import Box, text_height, text_width
from ._model import EventLayout, Point, Segment2, Tick
from ._place import GAP, Extent, assign_levels, pack_lanes
from ._ticks import keep_ticks, tick_marks

__all__ = ["Horizontal"]

_MARGIN = 0.45  # from the figure's sides to the axis' ends
_EDGE = 0.08  # labels keep this far from the sides
_FUZZ = 0.45  # length of the bar of a vague reference
_LANE = 0.1  # between span lanes


@dataclass(frozen=True)
class _Axis:
    x0: float
    length: float
    lo: float  # bounds of the labels
    hi: float

    def x(self, f: float) -> float:
        return self.x0 + f * self.length


@dataclass(frozen=True)
class _Rows:
    """The vertical plan: the axis' y, the base of each level, the lanes' and ticks' bands."""

    height: float
    axis_y: float
    base: dict[int, float]  # level -> its bottom (above) or top (below the axis)
    lanes_h: float
    tick_band: float


class Horizontal:
    name = "horizontal"
    top_gap = 0.1

    # --- layout ---

    def layout(self, fr: Frame) -> Placed:
        for it in fr.items:
            measure_text(fr.spec, it, fr.spec.label_chars)
        ax = _axis(fr.width)
        bars = self._bars(fr, ax)
        lane_of = self._lanes(fr.items, bars)
        extents = [self._extent(it, ax.x(fr.scale(it.t0)), bars.get(j), ax) for j, it in enumerate(fr.items)]
        levels = assign_levels(extents)
        rows = self._rows(fr, extents, levels, max(lane_of.values(), default=-1) + 1)
        events: list[EventLayout] = []
        for j, it in enumerate(fr.items):
            bar_y = rows.axis_y + 0.1 + lane_of[j] * _LANE if j in lane_of else None
            events.append(self._event(fr, it, extents[j], levels[j], rows, bars.get(j), bar_y, ax))
        texts, legend_box = fr.top.place(rows.height)

        def at(f: float) -> Point:
            return (ax.x(f), rows.axis_y)

        axis = ((ax.x0, rows.axis_y), (fr.width - _MARGIN, rows.axis_y))
        ticks = self._ticks(fr, ax, rows.axis_y) if fr.spec.show_dates else []
        return Placed(rows.height, axis, at, events, ticks, texts, legend_box)

    def _bars(self, fr: Frame, ax: _Axis) -> dict[int, tuple[float, float]]:
        """The bars of spans and vague references, by item."""
        bars: dict[int, tuple[float, float]] = {}
        for j, it in enumerate(fr.items):
            x = ax.x(fr.scale(it.t0))
            if it.kind == "span":
                assert it.t1 is not None
                bars[j] = (x, ax.x(fr.scale(it.t1)))
            elif it.kind == "future":
                bars[j] = (x, x + _FUZZ)
            elif it.kind == "past":
                bars[j] = (x - _FUZZ, x)
        return bars

    def _lanes(self, items: list[Item], bars: dict[int, tuple[float, float]]) -> dict[int, int]:
        """The lane of each bar; bars of the same kind, colour and status at the same place share one."""
        keys = list(bars)
        ivs = [(round(bars[j][0], 4), round(bars[j][1], 4), (items[j].kind, items[j].color, items[j].event.status)) for j in keys]
        order = sorted(range(len(ivs)), key=lambda i: (ivs[i][0], -ivs[i][1]))
        pad = 0.03

        def fits(iv: tuple[float, float, object], other: tuple[float, float, object]) -> bool:
            (a, b, key), (x0, x1, k) = iv, other
            return (x0, x1, k) == (a, b, key) or b + pad <= x0 or a >= x1 + pad

        return dict(zip(keys, pack_lanes(ivs, order, fits)))

    def _extent(self, it: Item, x: float, bar: tuple[float, float] | None, ax: _Axis) -> Extent:
        """Where the label goes along the axis: right of its stem, or left where it must."""
        if it.kind == "past":
            stem_x = x
            tx0, ha = x + 0.03 - it.w, "right"
            if tx0 < ax.lo:
                tx0, ha = x - 0.03, "left"
        else:
            stem_x = bar[0] if bar is not None else x
            stem_x = min(max(stem_x, ax.lo), ax.hi)
            tx0, ha = stem_x - 0.03, "left"
            if tx0 + it.w > ax.hi:
                tx0, ha = stem_x + 0.03 - it.w, "right"
        tx0 = min(max(tx0, ax.lo), ax.hi - it.w)
        return Extent(tx0, tx0 + it.w, stem_x, ha, it.h)

    def _rows(self, fr: Frame, extents: list[Extent], levels: list[int], n_lanes: int) -> _Rows:
        """The height of each level, then the figure's height and the y of the axis."""
        height_of = {lv: max(p.h for p, plv in zip(extents, levels) if plv == lv) for lv in sorted(set(levels))}
        n_up = max((lv for lv in height_of if lv > 0), default=0)
        n_down = -min((lv for lv in height_of if lv < 0), default=0)
        lanes_h = n_lanes * _LANE + 0.08
        up_h = lanes_h + sum(height_of.get(k, 0) + GAP for k in range(1, n_up + 1))
        down_h = sum(height_of.get(-k, 0) + GAP for k in range(1, n_down + 1))
        tick_band = text_height(1, fr.spec.fontsize - 0.5) + 0.2 if fr.spec.show_dates else 0.15
        bottom_margin = 0.12
        needed = fr.top.depth + self.top_gap + up_h + tick_band + down_h + bottom_margin
        height = max(fr.min_height, needed)
        axis_y = bottom_margin + down_h + tick_band + (height - needed) / 2
        base: dict[int, float] = {}
        y = axis_y + lanes_h
        for k in range(1, n_up + 1):
            base[k] = y
            y += height_of.get(k, 0) + GAP
        y = axis_y - tick_band
        for k in range(1, n_down + 1):
            base[-k] = y
            y -= height_of.get(-k, 0) + GAP
        return _Rows(height, axis_y, base, lanes_h, tick_band)

    def _event(self, fr: Frame, it: Item, p: Extent, lv: int, rows: _Rows, bar: tuple[float, float] | None, bar_y: float | None, ax: _Axis) -> EventLayout:
        if lv > 0:
            y0 = rows.base[lv]
            y1 = y0 + p.h
            stem_end = y0
        else:
            y1 = rows.base[lv]
            y0 = y1 - p.h
            stem_end = y1
        tx = p.x0 + 0.03 if p.ha == "left" else p.x0 + it.w - 0.03
        label = make_label(fr.spec, it, tx, y1, p.ha, Box(p.x0, y0, p.x1, y1))
        bar_geom: Segment2 | None = None
        bar_gaps: list[Segment2] = []
        if bar is not None and bar_y is not None:
            bar_geom = ((bar[0], bar_y), (bar[1], bar_y))
            anchor = (p.stem, bar_y)
            bar_gaps = [((ax.x(g0), bar_y), (ax.x(g1), bar_y)) for g0, g1 in gaps_within(it, fr.scale)]
        else:
            anchor = (p.stem, rows.axis_y)
        return event_record(it, anchor, (anchor, (p.stem, stem_end)), bar_geom, bar_gaps, label)

    def _ticks(self, fr: Frame, ax: _Axis, axis_y: float) -> list[Tick]:
        tfs = fr.spec.fontsize - 0.5
        th = text_height(1, tfs)

        def place(f: float, text: str) -> Tick:
            x = ax.x(f)
            w = text_width(text, tfs)
            ty = axis_y - 0.1
            x_text = min(max(x, ax.lo + w / 2), ax.hi - w / 2)
            return Tick((x, axis_y), text, (x_text, ty), "center", "top", Box(x_text - w / 2, ty - th, x_text + w / 2, ty))

        def need(label: str) -> float:
            return text_width(label, tfs) + 0.25

        return keep_ticks(tick_marks(fr.scale, fr.items, ax.length, need), place)

    # --- drawing geometry ---

    def axis_piece(self, a: Point, b: Point) -> tuple[list[float], list[float]]:
        return [a[0] - 0.03, b[0] + 0.03], [a[1], b[1]]

    def break_mark(self, cx: float, cy: float, off: float) -> tuple[list[float], list[float]]:
        return [cx + off - 0.025, cx + off + 0.025], [cy - 0.065, cy + 0.065]

    def tick_mark(self, x: float, y: float) -> tuple[list[float], list[float]]:
        return [x, x], [y - 0.045, y]

    def publication(self, x: float, y: float) -> tuple[Point, str]:
        return (x, y - 0.075), "^"

    def span_rect(self, bar: Segment2, bar_h: float) -> tuple[float, float, float, float]:
        (bx0, by0), (bx1, _) = bar
        return bx0, by0 - bar_h / 2, bx1 - bx0, bar_h

    def cut_rect(self, gap: Segment2, bar_h: float) -> tuple[float, float, float, float]:
        (gx0, gy0), (gx1, _) = gap
        return gx0 + (gx1 - gx0) * 0.3, gy0 - bar_h, (gx1 - gx0) * 0.4, 2 * bar_h

    def fade_rect(self, bar: Segment2, bar_h: float, f0: float, f1: float, n: int, forward: bool) -> tuple[float, float, float, float]:
        (bx0, by0), (bx1, _) = bar
        x0 = bx0 + (bx1 - bx0) * (f0 if forward else 1 - f1)
        return x0, by0 - bar_h / 2, (bx1 - bx0) / n, bar_h

    def arrow(self, forward: bool) -> str:
        return ">" if forward else "<"


def _axis(width: float) -> _Axis:
    ax0, ax1 = _MARGIN, width - _MARGIN
    return _Axis(ax0, ax1 - ax0, _EDGE, width - _EDGE)
