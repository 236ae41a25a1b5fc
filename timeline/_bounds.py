"""The time bounds of :meth:`Timeline.filter` and :meth:`Timeline.between`: the period a
bound names ("2024", "2024-Q2", "May 9, 2024", a date or an instant)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from ._published import parse_published
from ._timex3 import interval_of

__all__ = ["TimeBound", "bound", "period", "next_day"]

#: What :meth:`Timeline.filter` and :meth:`Timeline.between` take as a bound.
TimeBound = date | datetime | str | None


def bound(value: TimeBound, name: str, *, end: bool = False) -> datetime | None:
    """Where a bound puts the limit: the start of the period it names or, for an ``end``,
    the end of that period (exclusive). A ``datetime`` is an instant: both at once."""
    if value is None:
        return None
    span = period(value, name)
    return span[1] if end else span[0]


def period(value: date | datetime | str, name: str) -> tuple[datetime, datetime]:
    """The half-open period a bound names (an instant: start == end)."""
    if isinstance(value, datetime):
        instant = value.replace(tzinfo=None)  # local wall-clock time, as publication dates
        return instant, instant
    if isinstance(value, date):
        day = datetime(value.year, value.month, value.day)
        return day, next_day(day)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a date, datetime or str, not {type(value).__name__}")
    interval = interval_of(value.strip()) if _TIMEX_PERIOD.fullmatch(value.strip()) else None
    if interval is not None:  # "2024", "2024-05", "2024-W19", "2024-Q2", "2024-05-09"
        return interval
    parsed = parse_published(value)  # "May 9, 2024", "2024-05-09T14:00"... (or a DateInputError)
    assert parsed is not None  # a string is never None
    if _TIME_OF_DAY.search(value):
        return parsed, parsed
    return parsed, next_day(parsed)


# TIMEX3 values of periods a user may write as a bound: years, quarters, halves, seasons,
# months, weeks and days (a time of day makes the bound an instant, as a datetime)
_TIMEX_PERIOD = re.compile(r"\d{4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}|Q[1-4]|H[12]|SP|SU|FA|WI))?")
_TIME_OF_DAY = re.compile(r"\d:\d\d|\dT\d|\d\s*[ap]\.?m\b", re.IGNORECASE)


def next_day(day: datetime) -> datetime:
    try:
        return day + timedelta(days=1)
    except OverflowError:  # 9999-12-31
        return datetime.max
