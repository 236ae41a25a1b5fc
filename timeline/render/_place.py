"""Placement: span lanes (interval packing, the one algorithm both orientations use), label
levels above and below a horizontal axis, and labels repelled along a vertical one. Pure Python."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

__all__ = ["pack_lanes", "Extent", "assign_levels", "repel", "GAP", "PAD"]

GAP = 0.07  # inches between levels (and between stacked labels)
PAD = 0.06  # horizontal padding between label boxes

T = TypeVar("T")


def pack_lanes(intervals: Sequence[T], order: Iterable[int], fits: Callable[[T, T], bool]) -> list[int]:
    """The lane of each interval, taken in ``order``: the lowest lane where it ``fits`` beside
    every interval already there; a new lane otherwise."""
    lanes: list[list[T]] = []
    out = [0] * len(intervals)
    for i in order:
        iv = intervals[i]
        for li, lane in enumerate(lanes):
            if all(fits(iv, other) for other in lane):
                lane.append(iv)
                out[i] = li
                break
        else:
            lanes.append([iv])
            out[i] = len(lanes) - 1
    return out


@dataclass(frozen=True)
class Extent:
    """A label's horizontal extent, the x of its stem, its alignment and height."""

    x0: float
    x1: float
    stem: float
    ha: str
    h: float


def assign_levels(extents: list[Extent]) -> list[int]:
    """The level of each label: +1, -1, +2, -2 ... (above, below the axis); a label never
    covers a stem and no stem crosses a label, unless every level would."""
    occupied: dict[int, list[tuple[float, float]]] = {}
    stems_at: dict[int, list[float]] = {}

    def free(level: int, a: float, b: float, stem: float, crossing: bool = True) -> bool:
        if any(b + PAD > x0 and a < x1 + PAD for x0, x1 in occupied.get(level, ())):
            return False
        if any(a - 0.03 < s < b + 0.03 for s in stems_at.get(level, ())):
            return False
        if crossing:
            side = 1 if level > 0 else -1
            for k in range(1, abs(level)):
                if any(x0 - 0.02 < stem < x1 + 0.02 for x0, x1 in occupied.get(side * k, ())):
                    return False
        return True

    levels = [0] * len(extents)
    # right to left: a stem then lies left of the labels already placed, so it crosses none
    order = sorted(range(len(extents)), key=lambda i: (-extents[i].stem, -extents[i].x1, -i))
    for i in order:
        p = extents[i]
        top = max((abs(lv) for lv in occupied), default=0) + 1
        candidates = [lv for k in range(1, top + 1) for lv in (k, -k)]
        level = next((lv for lv in candidates if free(lv, p.x0, p.x1, p.stem)), None)
        if level is None:  # every level would cross a label: accept a crossing rather than fail
            level = next(lv for lv in [*candidates, top + 1] if free(lv, p.x0, p.x1, p.stem, crossing=False))
        levels[i] = level
        occupied.setdefault(level, []).append((p.x0, p.x1))
        side = 1 if level > 0 else -1
        for kk in range(1, abs(level)):
            stems_at.setdefault(side * kk, []).append(p.stem)
    return levels


def repel(desired: list[float], sizes: list[float], lo: float) -> list[float]:
    """Tops of boxes of ``sizes`` in order, not overlapping, centred as close as possible to
    ``desired`` (least squares: pool adjacent violators), none above ``lo``."""
    clusters: list[list[Any]] = []  # [top, total size, sum of (desired - offset - size/2), count, members]
    for d, s in zip(desired, sizes):
        clusters.append([d - s / 2, s, d - s / 2, 1, [s]])
        clusters[-1][0] = max(clusters[-1][0], lo)
        while len(clusters) > 1 and clusters[-2][0] + clusters[-2][1] > clusters[-1][0]:
            b = clusters.pop()
            a = clusters[-1]
            # offsets of b's members shift by a's size
            a[2] += b[2] - b[3] * a[1]
            a[3] += b[3]
            a[1] += b[1]
            a[4] += b[4]
            a[0] = max(a[2] / a[3], lo)
    tops: list[float] = []
    for c in clusters:
        t = c[0]
        for s in c[4]:
            tops.append(t)
            t += s
    return tops
