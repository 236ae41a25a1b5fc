"""Dates in words: how a chart names an event's date, a span of events, a tick. Pure Python."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from .._events import time_of
from .._timex3 import is_bc

if TYPE_CHECKING:
    from .._events import Event

__all__ = ["when_text", "describe_span", "day_text"]

_PARTS_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "MI": "midday", "DT": "daytime"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


def _day(t: datetime, year: bool = True) -> str:
    return f"{t.day} {t:%b}" + (f" {t.year}" if year else "")


_MOD_WORDS = {"START": "early", "MID": "mid", "END": "late"}


def _range_text(s: datetime, e: datetime, g: str | None) -> str:
    """A range of days, months or years as a reader writes it: "3–6 Jul 2024",
    "28 Jun – 2 Jul 2024", "Mar–May 2010", "2008–2010"."""
    last = e - timedelta(days=1) if g in ("day", None) else e - timedelta(microseconds=1)
    if g == "year" or g in ("decade", "century"):
        return f"{s.year}\u2013{last.year}"
    if g in ("month", "season", "quarter", "half"):
        if s.year == last.year:
            return f"{s:%b}\u2013{last:%b} {s.year}"
        return f"{s:%b %Y} \u2013 {last:%b %Y}"
    if s.year == last.year and s.month == last.month:
        return f"{s.day}\u2013{last.day} {last:%b %Y}"
    if s.year == last.year:
        return f"{_day(s, year=False)} \u2013 {_day(last)}"
    return f"{_day(s)} \u2013 {_day(last)}"


_BC_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _bc_text(value: str) -> str:
    """ "BC0490" -> "490 BC", "BC0044-03-15" -> "15 Mar 44 BC", "BC046" -> "460s BC",
    "BC04" -> "5th century BC" (the value as written for any other shape).

    >>> [_bc_text(v) for v in ("BC0490", "BC0044-03-15", "BC0480-SP", "BC046", "BC04", "BC0480-W12")]
    ['490 BC', '15 Mar 44 BC', 'spring 480 BC', '460s BC', '5th century BC', 'BC0480-W12']
    """
    rest = value[2:]
    if rest.isdigit() and len(rest) == 2:
        n = int(rest) + 1
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix} century BC"
    if rest.isdigit() and len(rest) == 3:
        return f"{int(rest) * 10}s BC"
    year, _, tail = rest.partition("-")
    if not (year.isdigit() and len(year) == 4):
        return value
    y = f"{int(year)} BC"
    if not tail:
        return y
    if tail in _SEASONS:
        return f"{_SEASONS[tail]} {y}"
    parts = tail.split("-")
    if all(p.isdigit() and len(p) == 2 for p in parts) and 1 <= int(parts[0]) <= 12 and len(parts) <= 2:
        month = _BC_MONTHS[int(parts[0]) - 1]
        return f"{int(parts[1])} {month} {y}" if len(parts) == 2 else f"{month} {y}"
    return value


def when_text(event: Event, published: datetime | None = None) -> str:
    """The date of an event as a reader says it, at its own granularity.

    >>> from timeline import Event
    >>> e = Event("2023-09-11", datetime(2023, 9, 11), datetime(2023, 9, 12), "day", "", "", (), "happened", (), ())
    >>> when_text(e)
    'Mon 11 Sep 2023'
    >>> when_text(Event("2024-07-03/2024-07-06", datetime(2024, 7, 3), datetime(2024, 7, 7), "day", "", "", (), "expected", (), ()))
    '3–6 Jul 2024'
    >>> when_text(Event("2024-06", datetime(2024, 6, 1), datetime(2024, 6, 11), "month", "", "", (), "happened", (), (), mod="START"))
    'early Jun 2024'
    >>> when_text(Event("2024-WI", datetime(2023, 12, 1), datetime(2024, 3, 1), "season", "", "", (), "happened", (), ()))
    'winter 2023–24'
    """
    g, v, s, e = event.granularity, event.value, event.start, event.end
    if s is not None and e is not None and "/" in v:
        return _range_text(s, e, g)
    mod = _MOD_WORDS.get(event.mod or "")
    if mod and s is not None and g in ("week", "month", "season", "quarter", "half", "year", "decade", "century"):
        start, end, _ = time_of(v)
        plain = when_text(replace(event, mod=None, start=start, end=end), published)
        return f"{mod} {plain}"
    if (s is None or e is None) and is_bc(v):
        return _bc_text(v)
    if s is None or e is None:
        at = f" {_day(published)}" if published is not None else ""
        if v == "PAST_REF":
            return f"before{at or ' publication'} (vague)"
        if v == "FUTURE_REF":
            return f"after{at or ' publication'} (vague)"
        return f"around{at or ' publication'} (vague)"
    if g == "day":
        return f"{s:%a} {_day(s)}"
    if g == "part_of_day":
        part = _PARTS_OF_DAY.get(v.rsplit("T", 1)[-1], "")
        return f"{s:%a} {_day(s)}" + (f", {part}" if part else "")
    if g in ("hour", "minute", "second", "time"):
        return f"{_day(s)}, {s:%H:%M}"
    if g == "weekend":
        return f"weekend of {_day(s)}"
    if g == "week":
        return f"week of {_day(s)}"
    if g == "month":
        return f"{s:%b %Y}"
    if g == "season":
        if v.endswith("WI"):  # December to February: "winter 2023-24" (the value says 2024-WI)
            return f"winter {s.year}\u2013{(s.year + 1) % 100:02d}"
        return f"{_SEASONS.get(v[-2:], 'season')} {s.year}"
    if g == "quarter":
        return f"Q{(s.month - 1) // 3 + 1} {s.year}"
    if g == "half":
        return f"H{1 if s.month <= 6 else 2} {s.year}"
    if g == "year":
        return str(s.year)
    if g in ("decade", "century"):
        return f"{s.year}s"
    if (e - s) <= timedelta(days=1):
        return f"{s:%a} {_day(s)}"
    return f"{_day(s)} to {_day(e - timedelta(seconds=1))}"


def describe_span(events: Sequence[Event]) -> str:
    """The time the events cover, in words ("April 2009 to 2010"); empty without dates."""
    dated = [(e, e.start, e.end or e.start) for e in events if e.start is not None]
    if not dated:
        return ""
    first = min(dated, key=lambda d: d[1])[0]
    last = max(dated, key=lambda d: d[2])[0]
    a, b = when_text(first), when_text(last)
    return a if a == b else f"{a} to {b}"


day_text = _day
