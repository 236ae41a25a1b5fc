"""TIMEX3 values: parsing, validation, intervals and calendar arithmetic.

Intervals are computed from values (never stored twice by hand). An interval is a half-open
``[start, end)`` pair of naive :class:`datetime.datetime` objects.

Calendar conventions (documented in ``docs/timex3.md``):

* weeks are ISO weeks (Monday first); ``2020-W01`` starts on 2019-12-30;
* a weekend (``YYYY-Www-WE``) is the Saturday and Sunday of that ISO week;
* seasons are meteorological: spring = Mar-May, summer = Jun-Aug, fall = Sep-Nov,
  winter = December of the year before to February (``1915-WI`` is the winter of
  1914-15, named, as "winter 2010" is, by the year of its January and February);
* parts of day: morning 06-12, afternoon 12-18, evening 18-22, night 22-06 (+1 day),
  daytime 06-18;
* years before Christ are written ``BC`` + the value of the same shape ("241 BC" ->
  ``BC0241``, "the 460s BC" -> ``BC046``, "the 5th century BC" -> ``BC04``, "the spring of
  480 BC" -> ``BC0480-SP``). :mod:`datetime` cannot hold them, so they have no interval; they
  are valid values with a granularity, checked on the proleptic Gregorian calendar (1 BC is
  astronomical year 0, a leap year).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

__all__ = [
    "GRANULARITIES",
    "GRANULARITY_RANK",
    "granularity_rank",
    "REF_VALUES",
    "bc_sort_key",
    "bc_year",
    "is_bc",
    "BC_OFFSET",
    "bc_stand_in",
    "is_stand_in",
    "from_stand_in",
    "granularity_of",
    "interval_of",
    "is_valid_value",
    "period_start",
    "period_value",
    "shift",
    "shift_exact",
    "iso_week_value",
]

REF_VALUES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})

GRANULARITIES = (
    "second",
    "minute",
    "hour",
    "part_of_day",
    "day",
    "weekend",
    "week",
    "month",
    "season",
    "quarter",
    "half",
    "year",
    "decade",
    "century",
    "millennium",
)

#: Each granularity's place in :data:`GRANULARITIES` (finest first).
GRANULARITY_RANK: dict[str, int] = {g: i for i, g in enumerate(GRANULARITIES)}


def granularity_rank(gran: str | None) -> int:
    """Where ``gran`` stands from finest (second: 0) to coarsest; ``None`` or an unknown
    name ranks after every granularity.

    >>> granularity_rank("day") < granularity_rank("month") < granularity_rank(None)
    True
    """
    return GRANULARITY_RANK.get(gran, len(GRANULARITIES)) if gran is not None else len(GRANULARITIES)


SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PART_OF_DAY_HOURS = {"MO": (6, 12), "AF": (12, 18), "EV": (18, 22), "NI": (22, 30), "DT": (6, 18)}

_DATE_RE = re.compile(
    r"""^(?:
      (?P<century>\d{2})$
    | (?P<decade>\d{3})$
    | (?P<year>\d{4})
      (?:-(?:
          (?P<month>\d{2})(?:-(?P<day>\d{2}))?
        | W(?P<week>\d{1,2})(?:-(?P<wday>[1-7]|WE))?
        | Q(?P<quarter>[1-4])
        | H(?P<half>[12])
        | (?P<season>SP|SU|FA|WI)
      ))?
      (?:T(?:
          (?P<pod>MO|AF|EV|NI|DT)
        | (?P<hour>\d{2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?
      ))?$
    )""",
    re.X,
)

_DURATION_RE = re.compile(
    r"^P(?:(?:[\dX.]+(?:Y|M|W|D|DE|CE|ML|Q|H))*)(?:T(?:[\dX.]+[HMS])*)?$|^PT(?:[\dX.]+[HMS])+$"
)
_UNDERSPEC_RE = re.compile(r"^[\dX]{2,3}$|^[\dX]{4}(?:-[\dX]{2}(?:-[\dX]{2})?|-W[\dX]{1,2}(?:-[1-7X]|-WE)?|-Q[1-4X]|-H[12X]|-(?:SP|SU|FA|WI))?(?:T(?:MO|AF|EV|NI|DT|[\dX]{2}(?::[\dX]{2})?))?$")


def _date_parts(value: str) -> re.Match[str] | None:
    return _DATE_RE.match(value)


# --- years before Christ ----------------------------------------------------------------------

_BC_RE = re.compile(r"^BC(?=[\dX])")


def is_bc(value: str) -> bool:
    """Whether ``value`` is written before Christ (``BC0241``, ``BC046``, ``BC0480-SP``).

    >>> is_bc("BC0241"), is_bc("0241"), is_bc("PXY")
    (True, False, False)
    """
    return bool(_BC_RE.match(value))


def bc_year(value: str) -> int | None:
    """The astronomical year of a BC value's first year, for ordering: 1 BC is 0, 241 BC is
    -240; a decade or century counts from its earliest year ("the 460s BC", ``BC046``, runs
    from 469 BC: -468). ``None`` for any other value.

    >>> bc_year("BC0241"), bc_year("BC0001-03-15"), bc_year("BC046"), bc_year("BC04"), bc_year("0241")
    (-240, 0, -468, -498, None)
    """
    if not is_bc(value):
        return None
    m = _DATE_RE.match(value[2:])
    if m is None:
        return None
    g = m.groupdict()
    if g["century"]:
        return 1 - (int(g["century"]) * 100 + 99)
    if g["decade"]:
        return 1 - (int(g["decade"]) * 10 + 9)
    return 1 - int(g["year"])


def bc_sort_key(value: str) -> tuple[int, timedelta, timedelta] | None:
    """A chronological sort key for a BC value, which has no interval: (astronomical year of
    its start, time from the start of that year to its start, its length), computed on the
    proleptic Gregorian calendar. ``None`` for any other value or an invalid one.

    >>> sorted(["BC0490-09", "BC0490", "BC049", "BC0491-WI", "BC0489"], key=bc_sort_key)
    ['BC049', 'BC0491-WI', 'BC0490', 'BC0490-09', 'BC0489']
    """
    first = bc_year(value)
    proxy = _bc_proxy(value[2:]) if first is not None else None
    if first is None or proxy is None:
        return None
    m = _DATE_RE.match(value[2:])
    assert m is not None  # bc_year matched it
    if m.group("century") or m.group("decade"):
        years = 100 if m.group("century") else 10
        return first, timedelta(0), timedelta(days=365 * years)
    iv = interval_of(proxy)
    if iv is None:
        return None
    # a winter or an ISO week may start in the year before: count from the proxy's own year
    return first, iv[0] - datetime(int(proxy[:4]), 1, 1), iv[1] - iv[0]


def _bc_proxy(rest: str) -> str | None:
    """An AD value on the same calendar as the BC value ``BC<rest>``, to check that its
    month, day, week or time exist: the proleptic Gregorian calendar repeats every 400 years,
    so astronomical year ``1 - n`` (``n`` BC) has the weekdays, leap days and ISO weeks of
    ``2000 + (1 - n) % 400``. ``None`` for BC0000, which does not exist."""
    m = _DATE_RE.match(rest)
    if m is None:
        return None
    if m.group("century") or m.group("decade"):
        return rest
    n = int(m.group("year"))
    if n < 1:
        return None
    return f"{2000 + (1 - n) % 400:04d}" + rest[4:]


def iso_week_value(d: date) -> str:
    """The ISO week containing ``d``: ``iso_week_value(date(2019, 12, 30)) == '2020-W01'``."""
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _month_add(d: date, n: int) -> date:
    m = d.year * 12 + (d.month - 1) + n
    return date(m // 12, m % 12 + 1, 1)


def period_start(gran: str, d: date) -> date:
    """First day of the period of granularity ``gran`` containing ``d``."""
    if gran == "day":
        return d
    if gran in ("week", "weekend"):
        return d - timedelta(days=d.weekday())
    if gran == "month":
        return d.replace(day=1)
    if gran == "quarter":
        return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    if gran == "half":
        return date(d.year, 1 if d.month <= 6 else 7, 1)
    if gran == "season":
        # meteorological seasons; December opens the winter named by the next year
        m = d.month
        if m == 12:
            return date(d.year, 12, 1)
        if m <= 2:
            return date(d.year - 1, 12, 1)
        return date(d.year, 3 * (m // 3), 1)
    if gran == "year":
        return date(d.year, 1, 1)
    if gran == "decade":
        return date(max(1, d.year - d.year % 10), 1, 1)
    if gran == "century":
        return date(max(1, d.year - d.year % 100), 1, 1)
    raise ValueError(f"unknown granularity {gran!r}")


def shift(gran: str, d: date, n: int) -> date:
    """Move ``d`` by ``n`` periods of granularity ``gran`` (day-precise for days and weeks,
    period-start for coarser granularities)."""
    if gran == "day":
        return d + timedelta(days=n)
    if gran in ("week", "weekend"):
        return d + timedelta(weeks=n)
    if gran == "month":
        return _month_add(period_start("month", d), n)
    if gran in ("quarter", "season"):
        return _month_add(period_start(gran, d), 3 * n)
    if gran == "half":
        return _month_add(period_start("half", d), 6 * n)
    if gran == "year":
        return date(d.year + n, 1, 1)
    if gran == "decade":
        return date(period_start("decade", d).year + 10 * n, 1, 1)
    if gran == "century":
        return date(period_start("century", d).year + 100 * n, 1, 1)
    raise ValueError(f"unknown granularity {gran!r}")


def shift_exact(gran: str, d: date, n: int) -> date:
    """Move ``d`` by exactly ``n`` units, keeping the day of month where it exists
    (clamped: Jan 31 + 1 month = Feb 28/29)."""
    if gran in ("day", "week", "weekend"):
        return d + timedelta(days=n * (1 if gran == "day" else 7))
    months = {"month": 1, "quarter": 3, "season": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}[gran] * n
    import pendulum  # calendar arithmetic with clamping (imported here: it takes 60 ms)

    moved = pendulum.Date(d.year, d.month, d.day).add(months=months)
    return date(moved.year, moved.month, moved.day)


def period_value(gran: str, d: date) -> str:
    """TIMEX3 value of the period of granularity ``gran`` containing ``d``."""
    if gran == "day":
        return d.isoformat()
    if gran == "week":
        return iso_week_value(d)
    if gran == "weekend":
        return iso_week_value(d) + "-WE"
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran == "half":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if gran == "season":
        s = period_start("season", d)
        return f"{s.year + (s.month == 12):04d}-{ {3: 'SP', 6: 'SU', 9: 'FA', 12: 'WI'}[s.month] }"
    if gran == "year":
        return f"{d.year:04d}"
    if gran == "decade":
        return f"{d.year // 10:03d}"
    if gran == "century":
        return f"{d.year // 100:02d}"
    raise ValueError(f"unknown granularity {gran!r}")


def granularity_of(value: str) -> str | None:
    """Granularity of a fully specified TIMEX3 date/time value, else ``None``; a BC value
    has the granularity of its shape (``BC0241``: year, ``BC046``: decade)."""
    m = _date_parts(value[2:] if is_bc(value) else value)
    if not m:
        return None
    g = m.groupdict()
    if g["century"]:
        return "century"
    if g["decade"]:
        return "decade"
    if g["second"]:
        return "second"
    if g["minute"]:
        return "minute"
    if g["hour"]:
        return "hour"
    if g["pod"]:
        return "part_of_day"
    if g["day"] or (g["wday"] and g["wday"] != "WE"):
        return "day"
    if g["wday"] == "WE":
        return "weekend"
    if g["week"]:
        return "week"
    if g["month"]:
        return "month"
    if g["quarter"]:
        return "quarter"
    if g["half"]:
        return "half"
    if g["season"]:
        return "season"
    return "year"


def _day_of(m: re.Match[str]) -> date | None:
    g = m.groupdict()
    y = int(g["year"])
    if g["day"]:
        return date(y, int(g["month"]), int(g["day"]))
    if g["wday"] and g["wday"] != "WE":
        return date.fromisocalendar(y, int(g["week"]), int(g["wday"]))
    return None


@functools.lru_cache(maxsize=65536)  # pure, and called several times per timex
def interval_of(value: str) -> tuple[datetime, datetime] | None:
    """Half-open interval covered by a fully specified date/time value.

    A period that ends after 9999-12-31 (the last day :mod:`datetime` can hold) ends at
    ``datetime.max``; a value that names no real date or time ("2021-02-30", "T24:30") has
    no interval, nor has a BC value (``BC0241``: :mod:`datetime` starts in AD 1).

    >>> interval_of("2023-07")
    (datetime.datetime(2023, 7, 1, 0, 0), datetime.datetime(2023, 8, 1, 0, 0))
    >>> interval_of("9999-12")
    (datetime.datetime(9999, 12, 1, 0, 0), datetime.datetime(9999, 12, 31, 23, 59, 59, 999999))
    >>> interval_of("PRESENT_REF") is None, interval_of("2021-02-30") is None
    (True, True)
    """
    m = _date_parts(value)
    if not m:
        return None
    try:
        return _interval(m)
    except (ValueError, OverflowError):
        return None


def _after(start: datetime, length: Callable[[], datetime]) -> tuple[datetime, datetime]:
    """``(start, length())``, or ``(start, datetime.max)`` when the end is past year 9999."""
    try:
        return start, length()
    except (ValueError, OverflowError):
        return start, datetime.max


def _interval(m: re.Match[str]) -> tuple[datetime, datetime] | None:
    g = m.groupdict()
    if g["century"]:
        y = int(g["century"]) * 100
        return _after(_dt(date(max(y, 1), 1, 1)), lambda: _dt(date(y + 100, 1, 1)))
    if g["decade"]:
        y = int(g["decade"]) * 10
        return _after(_dt(date(max(y, 1), 1, 1)), lambda: _dt(date(y + 10, 1, 1)))
    y = int(g["year"])
    if y < 1:
        return None
    day = _day_of(m)
    if day is not None:
        start = _dt(day)
        if g["pod"]:
            a, b = PART_OF_DAY_HOURS[g["pod"]]
            return _after(start + timedelta(hours=a), lambda: start + timedelta(hours=b))
        if g["hour"]:
            hour, minute, second = int(g["hour"]), int(g["minute"] or 0), int(g["second"] or 0)
            if hour > 24 or minute > 59 or second > 59 or (hour == 24 and (minute or second)):
                return None
            s = start + timedelta(hours=hour, minutes=minute, seconds=second)
            step = timedelta(seconds=1) if g["second"] else timedelta(minutes=1) if g["minute"] else timedelta(hours=1)
            return _after(s, lambda: s + step)
        return _after(start, lambda: start + timedelta(days=1))
    if g["pod"] or g["hour"]:
        return None  # a time of day needs a day
    if g["wday"] == "WE":
        monday = date.fromisocalendar(y, int(g["week"]), 1)
        return _after(_dt(monday + timedelta(days=5)), lambda: _dt(monday + timedelta(days=7)))
    if g["week"]:
        monday = date.fromisocalendar(y, int(g["week"]), 1)
        return _after(_dt(monday), lambda: _dt(monday + timedelta(days=7)))
    if g["month"]:
        first = date(y, int(g["month"]), 1)
        return _after(_dt(first), lambda: _dt(_month_add(first, 1)))
    if g["quarter"]:
        first = date(y, 3 * (int(g["quarter"]) - 1) + 1, 1)
        return _after(_dt(first), lambda: _dt(_month_add(first, 3)))
    if g["half"]:
        first = date(y, 1 if g["half"] == "1" else 7, 1)
        return _after(_dt(first), lambda: _dt(_month_add(first, 6)))
    if g["season"]:
        # the winter of a year opens in the December before it
        first = date(y - (g["season"] == "WI"), SEASON_MONTH[g["season"]], 1)
        return _after(_dt(first), lambda: _dt(_month_add(first, 3)))
    return _after(_dt(date(y, 1, 1)), lambda: _dt(date(y + 1, 1, 1)))


def _dt(d: date) -> datetime:
    return datetime(d.year, d.month, d.day)


def is_valid_value(value: str) -> bool:
    """Whether ``value`` is a well-formed TIMEX3 value (dates must exist).

    >>> is_valid_value("2021-02-30"), is_valid_value("2020-02-29"), is_valid_value("PXDE")
    (False, True, True)
    >>> is_valid_value("XXXX-02-29"), is_valid_value("XXXX-02-30"), is_valid_value("XX")
    (True, False, True)
    >>> is_valid_value("BC0480-SP"), is_valid_value("BC0045-02-29"), is_valid_value("BC0044-02-29"), is_valid_value("BC0000")
    (True, True, False, False)
    """
    if value in REF_VALUES:
        return True
    if is_bc(value):
        rest = value[2:]
        if "X" in rest:
            return bool(_UNDERSPEC_RE.match(rest)) and not rest.startswith("0000") and _plausible_partial(rest)
        proxy = _bc_proxy(rest)
        return proxy is not None and interval_of(proxy) is not None
    if value.startswith("P"):
        return bool(_DURATION_RE.match(value))
    if "X" in value:
        return bool(_UNDERSPEC_RE.match(value)) and _plausible_partial(value)
    return interval_of(value) is not None


_PARTIAL_PARTS = re.compile(
    r"^(?P<year>[\dX]{4})(?:-(?P<month>[\dX]{2})(?:-(?P<day>[\dX]{2}))?|-W(?P<week>[\dX]{1,2})[^T]*)?[^T]*"
    r"(?:T(?:(?P<hour>[\dX]{2})(?::(?P<minute>[\dX]{2}))?)?.*)?$"
)


def _plausible_partial(value: str) -> bool:
    """Whether the digits an underspecified value does give can exist: no month 13, no
    February 30 (in any year: 2000 is a leap year), no week 54, no 25 o'clock."""
    m = _PARTIAL_PARTS.match(value)
    if m is None:
        return True  # centuries and decades ("XX", "19X")
    g = m.groupdict()

    def num(name: str) -> int | None:
        v = g[name]
        return int(v) if v is not None and "X" not in v else None

    month, day, week, hour, minute = num("month"), num("day"), num("week"), num("hour"), num("minute")
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        year = num("year")
        try:
            date(year if year and month else 2000, month or 1, day)
        except ValueError:
            return False
    if week is not None and not 1 <= week <= 53:
        return False
    if hour is not None and (hour > 24 or (hour == 24 and minute not in (None, 0))):
        return False
    return minute is None or minute <= 59


# --- counting before Christ -------------------------------------------------------------------
# Python's dates start in year 1. A BC date is remembered, and counted from, as a stand-in AD
# date: astronomical year a (1 BC is 0, 490 BC is -489) becomes a + BC_OFFSET. The proleptic
# Gregorian calendar repeats every 400 years, so the stand-in has the same leap days,
# weekdays and ISO weeks; a value worked out from a stand-in is written back as BC.
BC_OFFSET = 8000  # a multiple of 400
_BC_FIRST = BC_OFFSET - 1999  # stand-ins cover 2000 BC to 1 BC
_BC_VALUE = re.compile(r"^BC(\d{4})(.*)$")
_YEAR_VALUE = re.compile(r"^(\d{4})(.*)$")


def bc_stand_in(value: str) -> str | None:
    """The stand-in AD value of a BC value with a four-digit year ("BC0490-09" ->
    ``7511-09``), ``None`` for any other value (decades, centuries, years before 2000 BC).

    >>> bc_stand_in("BC0490-09"), bc_stand_in("BC046"), bc_stand_in("0490")
    ('7511-09', None, None)
    """
    m = _BC_VALUE.match(value)
    if m is None or not 1 <= int(m.group(1)) <= BC_OFFSET - _BC_FIRST + 1:
        return None
    return f"{BC_OFFSET + 1 - int(m.group(1)):04d}{m.group(2)}"


def is_stand_in(d: date) -> bool:
    """Whether ``d`` is the stand-in of a BC date (see :func:`bc_stand_in`)."""
    return _BC_FIRST <= d.year <= BC_OFFSET


def from_stand_in(value: str) -> str:
    """A value worked out on stand-in years written in real years ("7512-WI" ->
    ``BC0489-WI``; a count that crosses into AD gives an AD year); other values unchanged.

    >>> from_stand_in("7512-WI"), from_stand_in("8001"), from_stand_in("P1Y")
    ('BC0489-WI', '0001', 'P1Y')
    """
    m = _YEAR_VALUE.match(value)
    if m is None or not _BC_FIRST <= int(m.group(1)) <= BC_OFFSET + 100:
        return value
    astronomical = int(m.group(1)) - BC_OFFSET
    return (f"BC{1 - astronomical:04d}" if astronomical <= 0 else f"{astronomical:04d}") + m.group(2)
