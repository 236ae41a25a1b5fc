"""The built-in demo: tag the example article and draw a simple chronology.

This is a deliberately small drawing (points for days, bars for longer periods, labels on
levels that never overlap) on a plain :class:`matplotlib.figure.Figure`; the full renderer
lives elsewhere. Imported lazily by ``timeline demo``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._types import Timex

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["Example", "load_example", "chronology_items", "assign_levels", "draw_chronology", "format_table"]

EXAMPLE = "harbour_bridge"


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    published: str
    text: str


def load_example(name: str = EXAMPLE) -> Example:
    """The built-in example article (``timeline/examples/<name>.json`` + its text file)."""
    folder = resources.files("timeline").joinpath("examples")
    meta: dict[str, Any] = json.loads(folder.joinpath(f"{name}.json").read_text(encoding="utf-8"))
    text = folder.joinpath(meta.get("text", f"{name}.txt")).read_text(encoding="utf-8")
    return Example(name=name, title=meta["title"], published=meta["published"], text=text)


def format_table(timexes: Sequence[Timex]) -> str:
    """The timexes as an aligned plain-text table."""
    header = ("span", "type", "value", "mod", "text", "reason")
    rows = [
        (f"{t.start}-{t.end}", t.type, t.value, t.mod or "", " ".join(t.text.split()), t.reason)
        for t in timexes
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    lines = []
    for r in [header, *rows]:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[-1])
    lines.insert(1, "  ".join("-" * w for w in widths) + "  " + "-" * len(header[-1]))
    return "\n".join(line.rstrip() for line in lines)


@dataclass(frozen=True)
class Item:
    """One thing on the chronology: a point (``end is None``) or a span, and its label."""

    start: datetime
    end: datetime | None
    label: str
    granularity: str = "day"


def chronology_items(timexes: Sequence[Timex]) -> list[Item]:
    """Dated timexes as chronology items, one per distinct value, in time order.

    Day-level (or finer) values become points; longer intervals become spans. Durations,
    sets and vague references (``PAST_REF``...) have no place on the axis and are skipped.
    """
    by_value: dict[str, tuple[Timex, list[str]]] = {}
    for t in timexes:
        if t.type not in ("DATE", "TIME") or t.interval is None:
            continue
        label = " ".join(t.text.split())
        _, labels = by_value.setdefault(t.value, (t, []))
        if label not in labels:
            labels.append(label)
    items = []
    for t, labels in by_value.values():
        assert t.interval is not None
        start, end = t.interval
        is_span = end - start > timedelta(days=1)
        items.append(Item(start, end if is_span else None, " / ".join(labels), t.granularity or "day"))
    items.sort(key=lambda i: (i.start, i.end or i.start))
    return items


class TimeScale:
    """A monotone time -> x mapping that keeps days readable next to decades (pure).

    Between consecutive marked times, a gap of ``g`` days takes ``day_units * g`` units up
    to ``linear_days`` and grows only logarithmically beyond, so one week of news is not
    crushed by an event 40 years earlier. Gaps that were compressed are listed in
    :attr:`breaks` (their x midpoints; :attr:`gaps` holds their start and end times) so the
    axis can show them.

    >>> s = TimeScale([datetime(2000, 1, 1), datetime(2000, 1, 3), datetime(2020, 1, 1)])
    >>> s(datetime(2000, 1, 2)), round(s(datetime(2020, 1, 1)), 2), [round(b, 2) for b in s.breaks]
    (2.0, 21.7, [12.85])
    """

    def __init__(
        self, times: Sequence[datetime], *, day_units: float = 2.0, linear_days: float = 3.0, log_weight: float = 1.5
    ) -> None:
        import math

        self.times = sorted(set(times))
        self.day_units = day_units
        self.xs = [0.0]
        self.breaks: list[float] = []
        self.gaps: list[tuple[datetime, datetime]] = []
        for a, b in zip(self.times, self.times[1:]):
            g = (b - a).total_seconds() / 86400
            d = day_units * (g if g <= linear_days else linear_days) + (
                log_weight * math.log(g / linear_days) if g > linear_days else 0.0
            )
            if g > 30 and d < day_units * g:
                self.breaks.append(self.xs[-1] + d / 2)
                self.gaps.append((a, b))
            self.xs.append(self.xs[-1] + d)

    def __call__(self, t: datetime) -> float:
        ts, xs = self.times, self.xs
        if len(ts) == 1 or t <= ts[0]:
            return xs[0] - self.day_units * (ts[0] - t).total_seconds() / 86400
        if t >= ts[-1]:
            return xs[-1] + self.day_units * (t - ts[-1]).total_seconds() / 86400
        lo, hi = 0, len(ts) - 1
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if ts[mid] <= t:
                lo = mid
            else:
                hi = mid
        frac = (t - ts[lo]) / (ts[hi] - ts[lo])
        return xs[lo] + frac * (xs[hi] - xs[lo])


def assign_levels(
    extents: Sequence[tuple[float, float]], stems: Sequence[float | None], *, pad: float = 4.0
) -> list[int]:
    """Stack labels on levels 1, 2, ... so that nothing overlaps (pure; units are pixels).

    ``extents[i]`` is the horizontal extent of item ``i`` (its label, and its bar for a
    span); ``stems[i]`` is the x of the vertical line joining a point to its label (or
    ``None``). An item goes on the lowest level where its extent is free; its stem is then
    reserved on the levels it crosses, so later labels avoid it (a stem can still pass
    behind an earlier label, which the drawing masks).

    >>> assign_levels([(0, 50), (40, 90), (100, 150)], [25, 65, 125])
    [1, 2, 1]
    """
    occupied: dict[int, list[tuple[float, float]]] = {}

    def free(level: int, a: float, b: float) -> bool:
        return all(b + pad <= x0 or a >= x1 + pad for x0, x1 in occupied.get(level, ()))

    order = sorted(range(len(extents)), key=lambda i: (extents[i][0], extents[i][1]))
    levels = [0] * len(extents)
    for i in order:
        a, b = extents[i]
        level = 1
        while not free(level, a, b):
            level += 1
        levels[i] = level
        occupied.setdefault(level, []).append((a, b))
        stem = stems[i]
        if stem is not None:
            for k in range(1, level):
                occupied.setdefault(k, []).append((stem - 1, stem + 1))
    return levels


_TICK_FORMAT = {"year": "%Y", "decade": "%Y", "century": "%Y", "month": "%b %Y", "season": "%b %Y", "quarter": "%b %Y", "half": "%b %Y"}


def _ticks(items: Sequence[Item], scale: TimeScale, to_px: Any, min_gap_px: float) -> list[tuple[float, str]]:
    """Tick positions and labels at the items' starts, thinned so labels do not collide."""
    ticks: list[tuple[float, str]] = []
    last_px = -1e9
    last_year = None
    for it in items:
        x = scale(it.start)
        px = to_px(x)
        if px - last_px < min_gap_px:
            continue
        fmt = _TICK_FORMAT.get(it.granularity)
        if fmt is None:
            fmt = "%d %b" if last_year == it.start.year else "%d %b %Y"
        ticks.append((x, it.start.strftime(fmt)))
        last_px, last_year = px, it.start.year
    return ticks


def draw_chronology(
    timexes: Sequence[Timex], *, title: str = "", published: datetime | None = None, width: float = 11.0
) -> Figure:
    """A chronology of the dated timexes on a plain matplotlib ``Figure``.

    Points for day-level (or finer) values, bars for longer periods, labels stacked on
    levels so they never overlap, the publication date as a dashed line; long gaps are
    compressed (see :class:`TimeScale`) and marked on the axis.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    items = chronology_items(timexes)
    fig = Figure(figsize=(width, 3.0), dpi=100)
    FigureCanvasAgg(fig)
    left, right = 0.04, 0.96
    ax = fig.add_axes((left, 0.2, right - left, 0.7))
    if not items:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "no dated expressions", ha="center", va="center", transform=ax.transAxes)
        return fig

    marks = [i.start for i in items] + [i.end for i in items if i.end is not None]
    if published is not None:
        marks.append(published)
    scale = TimeScale(marks)
    lo, hi = scale.xs[0], scale.xs[-1]
    margin = max((hi - lo) * 0.03, 1.0)
    ax.set_xlim(lo - margin, hi + margin)

    # measure the labels in pixels: the x scale depends only on the figure width
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    fontsize = 8
    texts = [ax.text(0, 0, it.label, fontsize=fontsize) for it in items]
    widths = [t.get_window_extent(renderer).width for t in texts]
    for t in texts:
        t.remove()

    def to_px(x: float) -> float:
        return float(ax.transData.transform((x, 0))[0])

    extents: list[tuple[float, float]] = []
    stems: list[float | None] = []
    for it, w in zip(items, widths):
        xs = to_px(scale(it.start))
        if it.end is None:
            extents.append((xs - w / 2, xs + w / 2))
            stems.append(xs)
        else:
            extents.append((xs, max(to_px(scale(it.end)), xs + w)))
            stems.append(None)
    levels = assign_levels(extents, stems)
    top = max(levels)

    # size the figure height for the levels used (the width, hence x, is unchanged)
    level_in = 0.3
    bottom_in, top_in = 0.5, (0.45 if title else 0.2)
    height = bottom_in + top_in + (top + 1) * level_in
    fig.set_size_inches(width, height)
    ax.set_position((left, bottom_in / height, right - left, (top + 1) * level_in / height))
    ax.set_ylim(-0.6, top + 0.5)

    point_colour, span_colour, ink = "#1f5f8b", "#d9822b", "#111111"
    mask = {"facecolor": "white", "edgecolor": "none", "pad": 0.5}
    ax.axhline(0, color="#444444", linewidth=1.2, zorder=1)
    for it, level in zip(items, levels):
        xs = scale(it.start)
        if it.end is None:
            ax.vlines(xs, 0, level, color=point_colour, linewidth=0.8, alpha=0.5, zorder=1)
            ax.plot([xs], [0], marker="o", color=point_colour, markersize=5, zorder=3)
            ax.text(xs, level, it.label, fontsize=fontsize, ha="center", va="center", color=ink, bbox=mask, zorder=4)
        else:
            xe = scale(it.end)
            ax.fill_between([xs, xe], level - 0.32, level - 0.2, color=span_colour, alpha=0.7, linewidth=0, zorder=2)
            ax.plot([xs, xe], [0, 0], color=span_colour, linewidth=4, alpha=0.35, solid_capstyle="butt", zorder=2)
            ax.text(xs, level - 0.14, it.label, fontsize=fontsize, ha="left", va="bottom", color=ink, zorder=4)
    for b, (ga, gb) in zip(scale.breaks, scale.gaps):  # compressed gaps, unless inside a span
        if any(it.end is not None and it.start <= ga and gb <= it.end for it in items):
            continue
        ax.text(b, 0, "//", fontsize=9, ha="center", va="center", color="#666666", bbox=mask, zorder=2)
    if published is not None:
        xp = scale(published)
        ax.axvline(xp, color="#aa2222", linestyle="--", linewidth=0.9, zorder=0)
        ax.text(xp, -0.4, " published", color="#aa2222", fontsize=7, ha="left", va="center")

    ticks = _ticks(items, scale, to_px, min_gap_px=62)
    ax.set_xticks([x for x, _ in ticks], [label for _, label in ticks], fontsize=7)
    ax.yaxis.set_visible(False)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_visible(False)
    if title:
        ax.set_title(title, fontsize=10, loc="left")
    return fig


def run_demo(out: str | Path, *, nlp: Any = None) -> tuple[list[Timex], Path]:
    """Tag the built-in example, save its chronology to ``out``; return the timexes and path."""
    from ._published import parse_published
    from ._tag import tag

    ex = load_example()
    published = parse_published(ex.published)
    timexes = tag(ex.text, published=published, nlp=nlp)
    fig = draw_chronology(timexes, title=f"{ex.title} (published {ex.published})", published=published)
    path = Path(out)
    fig.savefig(path, dpi=120)
    return timexes, path
