"""The time scale: a monotone map from datetimes to ``[0, 1]`` along the axis. Pure Python."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

__all__ = ["TimeScale", "Segment", "Gap", "days"]

_EPOCH = datetime(1970, 1, 1)


def _days(t: datetime) -> float:
    return (t.replace(tzinfo=None) - _EPOCH).total_seconds() / 86400


def _from_days(d: float) -> datetime:
    try:
        return _EPOCH + timedelta(days=d)
    except OverflowError:  # beyond what datetime holds (years 1 to 9999)
        return datetime.max if d > 0 else datetime.min


@dataclass(frozen=True)
class Segment:
    """A stretch of the axis where time runs linearly: ``[start, end]`` -> ``[x0, x1]``."""

    start: datetime
    end: datetime
    x0: float
    x1: float


@dataclass(frozen=True)
class Gap:
    """A collapsed stretch of empty time ``[start, end]``, drawn ``[x0, x1]`` with a break."""

    start: datetime
    end: datetime
    x0: float
    x1: float

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


class TimeScale:
    """A monotone map from datetimes to ``[0, 1]`` along the time axis (pure).

    ``kind="linear"`` is proportional time. ``kind="compressed"`` keeps time linear where
    things happen and collapses every empty stretch longer than ``min_gap`` (that would take
    more than ``gap_width`` of the axis) into a short piece of the axis: those are listed in
    :attr:`gaps`, and the drawing marks them with breaks. ``kind="auto"`` compresses
    when the times are skewed: half of them fall within ``1 / auto_ratio`` of the whole span.

    >>> week = [datetime(2023, 9, d) for d in range(4, 12)]
    >>> s = TimeScale([datetime(2011, 1, 1), datetime(2012, 1, 1), *week])
    >>> s.kind, len(s.gaps), round(s(week[-1]) - s(week[0]), 2)
    ('compressed', 2, 0.91)
    >>> TimeScale([datetime(2000 + y, 1, 1) for y in range(20)]).kind
    'linear'
    """

    def __init__(
        self,
        times: Sequence[datetime],
        *,
        weak: Sequence[datetime] = (),
        kind: str = "auto",
        gap_width: float = 0.045,
        min_gap: timedelta = timedelta(days=3),
        auto_ratio: float = 20.0,
    ) -> None:
        ds = sorted({_days(t) for t in times})
        if not ds:
            ds = [0.0]
        # weak times (ends of spans) shape the scale only beyond the strong ones
        ds = sorted({*ds, *(w for w in map(_days, weak) if w < ds[0] or w > ds[-1])})
        if ds[-1] - ds[0] < 1e-9:
            ds = [ds[0] - 1, ds[0] + 1]
        self.lo, self.hi = ds[0], ds[-1]
        total = self.hi - self.lo
        gaps = [b - a for a, b in zip(ds, ds[1:])]
        lin = [g / total for g in gaps]
        comp = _compress(gaps, gap_width, min_gap.total_seconds() / 86400)
        ratio = max((c / w for c, w in zip(comp, lin) if w > 0), default=1.0)
        if kind == "auto":
            # skewed: half of the times fall within a twentieth of the whole span
            every = sorted(_days(t) for t in times)
            m = max(2, (len(every) + 1) // 2)
            window = min((every[i + m - 1] - every[i] for i in range(len(every) - m + 1)), default=total)
            skewed = window < total / auto_ratio
            kind = "compressed" if skewed and ratio > 1.5 else "linear"
        self.kind = kind
        widths = comp if kind == "compressed" else lin
        self._ds = ds
        self._xs = [0.0]
        for w in widths:
            self._xs.append(self._xs[-1] + w)
        top = self._xs[-1] or 1.0
        self._xs = [x / top for x in self._xs]
        # collapsed gaps and the linear segments between them
        self.gaps: list[Gap] = []
        self.segments: list[Segment] = []
        seg_start = 0
        norm = [w / top for w in widths]
        k_max = max((w / g for g, w in zip(gaps, norm) if g > 0), default=0.0)
        for i, (g, w) in enumerate(zip(gaps, norm)):
            if kind == "compressed" and g > 0 and w < g * k_max * 0.98:
                self.segments.append(self._segment(seg_start, i))
                self.gaps.append(Gap(_from_days(ds[i]), _from_days(ds[i + 1]), self._xs[i], self._xs[i + 1]))
                seg_start = i + 1
        self.segments.append(self._segment(seg_start, len(ds) - 1))
        # slope beyond the ends: that of the nearest linear piece
        self._slope = max((s.x1 - s.x0) / max(_days(s.end) - _days(s.start), 1e-9) for s in self.segments if s.end > s.start) if any(
            s.end > s.start for s in self.segments
        ) else 1.0 / total

    def _segment(self, i: int, j: int) -> Segment:
        return Segment(_from_days(self._ds[i]), _from_days(self._ds[j]), self._xs[i], self._xs[j])

    @property
    def start(self) -> datetime:
        return _from_days(self.lo)

    @property
    def end(self) -> datetime:
        return _from_days(self.hi)

    def __call__(self, t: datetime) -> float:
        d = _days(t)
        ds, xs = self._ds, self._xs
        if d <= ds[0]:
            return xs[0] - (ds[0] - d) * self._slope
        if d >= ds[-1]:
            return xs[-1] + (d - ds[-1]) * self._slope
        i = bisect_right(ds, d) - 1
        a, b = ds[i], ds[i + 1]
        return xs[i] + (d - a) / (b - a) * (xs[i + 1] - xs[i])

    def in_gap(self, t: datetime) -> bool:
        return any(g.start < t < g.end for g in self.gaps)


def _compress(gaps: list[float], cap: float, min_gap: float) -> list[float]:
    """Widths (summing to 1) of the gaps: linear with one slope ``k`` except for the gaps of
    at least ``min_gap`` days that would be wider than ``cap``, which get ``cap``."""
    if not gaps:
        return []
    long_ = [g >= min_gap for g in gaps]
    n_long = sum(long_)
    short_total = sum(g for g, is_long in zip(gaps, long_) if not is_long)
    cap = min(cap, 0.4 / max(n_long, 1))
    if short_total <= 0:  # every gap is long: an ordinal axis, all the same width
        return [1.0 / len(gaps)] * len(gaps)

    def total(k: float) -> float:
        return sum(min(g * k, cap) if is_long else g * k for g, is_long in zip(gaps, long_))

    lo, hi = 0.0, 1.0 / short_total  # total(hi) >= 1
    for _ in range(100):
        mid = (lo + hi) / 2
        if total(mid) < 1:
            lo = mid
        else:
            hi = mid
    k = hi
    widths = [min(g * k, cap) if is_long else g * k for g, is_long in zip(gaps, long_)]
    s = sum(widths)
    return [w / s for w in widths]



days = _days
