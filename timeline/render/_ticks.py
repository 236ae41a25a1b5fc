"""Ticks of the time axis: for each linear piece of the scale, the finest calendar unit whose
labels fit, and the tick labels kept where they do not touch. Pure Python."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from ._items import Item
from ._model import Tick
from ._scale import TimeScale, days as _days
from ._wording import day_text as _day

__all__ = ["tick_marks", "keep_ticks"]

_UNITS: tuple[tuple[str, int, float], ...] = (
    ("hour", 1, 1 / 24), ("hour", 3, 3 / 24), ("hour", 6, 0.25), ("hour", 12, 0.5),
    ("day", 1, 1.0), ("day", 2, 2.0), ("week", 1, 7.0), ("month", 1, 30.44), ("month", 3, 91.3),
    ("month", 6, 182.6), ("year", 1, 365.25), ("year", 2, 730.5), ("year", 5, 1826.0), ("year", 10, 3652.5),
    ("year", 20, 7305.0), ("year", 50, 18262.0), ("year", 100, 36525.0), ("year", 500, 182625.0),
)


def _tick_times(unit: str, n: int, a: datetime, b: datetime) -> list[tuple[datetime, datetime]]:
    """(position, date named) pairs of the ticks of ``unit`` x ``n`` within ``[a, b]``."""
    out: list[tuple[datetime, datetime]] = []
    try:
        _add_tick_times(out, unit, n, a, b)
    except (OverflowError, ValueError):  # the calendar ends (year 9999): no further ticks
        pass
    return out


def _add_tick_times(out: list[tuple[datetime, datetime]], unit: str, n: int, a: datetime, b: datetime) -> None:
    if unit == "hour":
        t = a.replace(minute=0, second=0, microsecond=0)
        while t <= b:
            if t >= a and t.hour % n == 0:
                out.append((t, t))
            t += timedelta(hours=1)
    elif unit == "day":
        t = a.replace(hour=0, minute=0, second=0, microsecond=0)
        while t <= b:
            mid = t + timedelta(hours=12)
            if a <= mid <= b and (t - datetime(2000, 1, 1)).days % n == 0:
                out.append((mid, t))
            t += timedelta(days=1)
    elif unit == "week":
        t = a.replace(hour=0, minute=0, second=0, microsecond=0)
        t -= timedelta(days=t.weekday())
        while t <= b:
            if t >= a:
                out.append((t, t))
            t += timedelta(days=7)
    elif unit == "month":
        y, m = a.year, a.month
        while True:
            t = datetime(y, m, 1)
            if t > b:
                break
            if t >= a and (m - 1) % n == 0:
                out.append((t, t))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        y = a.year
        while y <= b.year and y <= 9999:
            t = datetime(y, 1, 1)
            if t >= a and y % n == 0:
                out.append((t, t))
            y += 1


def _tick_label(unit: str, t: datetime, full: bool) -> str:
    if unit == "hour":
        return f"{_day(t, False)} {t:%H:%M}" if full or t.hour == 0 else f"{t:%H:%M}"
    if unit in ("day", "week"):
        return _day(t, full or (t.month == 1 and t.day == 1))
    if unit == "month":
        return f"{t:%b %Y}" if full or t.month == 1 else f"{t:%b}"
    return str(t.year)



def _starts(items: list[Item]) -> dict[float, str]:
    """What starts at each time (in days) where an item starts: named after the item."""
    starts: dict[float, str] = {}
    for it in items:
        if it.kind == "span":
            g = it.event.granularity
            short = str(it.t0.year) if g in ("year", "decade", "century") else f"{it.t0:%b %Y}" if g in ("month", "quarter", "half", "season") else _day(it.t0)
            starts.setdefault(round(_days(it.t0), 5), short)
        elif it.kind == "point" and it.event.start is not None:
            starts.setdefault(round(_days(it.event.start), 5), _day(it.event.start))
    return starts


def _unit(seg_start: datetime, k: float, fine: bool, need: Callable[[str], float]) -> tuple[str, int]:
    """The finest unit whose ticks, ``k`` inches a day apart, leave ``need(label)`` for labels."""
    for unit, n, step in _UNITS:
        if unit == "hour" and not fine:
            continue
        if step * k >= need(_tick_label(unit, seg_start, False)):
            return unit, n
    return "year", 1000


def tick_marks(scale: TimeScale, items: list[Item], length: float, need: Callable[[str], float]) -> list[tuple[float, str]]:
    """Tick positions (0..1 along the axis) and labels: each linear segment with a unit that
    fits its own length (a label needs ``need(text)`` inches along the axis); a lone point
    between two collapsed gaps gets its own date."""
    out: list[tuple[float, str]] = []
    fine = any(it.event.granularity in ("hour", "minute", "second", "time") for it in items)
    starts = _starts(items)
    for seg in scale.segments:
        seg_len = (seg.x1 - seg.x0) * length
        dur = _days(seg.end) - _days(seg.start)
        if dur <= 0 or seg_len < 0.3:
            # a lone point: name it after what starts there
            for d, x in ((round(_days(seg.start), 5), seg.x0), (round(_days(seg.end), 5), seg.x1)):
                if d in starts:
                    out.append((x, starts.pop(d)))
            continue
        unit, n = _unit(seg.start, seg_len / dur, fine, need)
        ticks = _tick_times(unit, n, seg.start, seg.end)
        if not ticks:  # nothing of the unit inside: name the segment's start
            if round(_days(seg.start), 5) in starts:
                out.append((seg.x0, starts.pop(round(_days(seg.start), 5))))
            continue
        for j, (pos, named) in enumerate(ticks):
            out.append((scale(pos), _tick_label(unit, named, j == 0)))
    out.sort()
    return out


def keep_ticks(raw: list[tuple[float, str]], place: Callable[[float, str], Tick]) -> list[Tick]:
    """Tick objects from (fraction, text), dropping those whose text would touch the last kept."""
    ticks: list[Tick] = []
    for f, text in raw:
        t = place(f, text)
        if ticks and (t.box.intersects(ticks[-1].box, 0.08)):
            continue
        ticks.append(t)
    return ticks
