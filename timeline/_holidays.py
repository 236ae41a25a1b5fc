"""Holidays: their date in a year, and the occurrence the tense points to (part of the
resolver)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ._context import ResolutionContext, Resolved
from ._partial import DIRECTION_POLICY, _pick
from ._tense import Tense
from .rules import Mention


# --- holidays --------------------------------------------------------------------------------

def _easter(year: int) -> date:
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


_WD = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


def holiday_date(spec: str, year: int) -> date:
    """Date of a holiday spec from the lexicon in ``year``.

    >>> holiday_date("11-TH4", 2023), holiday_date("EASTER-2", 2024), holiday_date("05-MOL", 2023)
    (datetime.date(2023, 11, 23), datetime.date(2024, 3, 29), datetime.date(2023, 5, 29))
    """
    if spec.startswith("EASTER"):
        return _easter(year) + timedelta(days=int(spec[6:] or 0))
    month, rest = spec.split("-")
    mo = int(month)
    if rest.isdigit():
        return date(year, mo, int(rest))
    wd, nth = _WD[rest[:2]], rest[2:]
    first = date(year, mo, 1)
    d = first + timedelta(days=(wd - first.weekday()) % 7)
    if nth == "L":
        nxt = date(year + (mo == 12), mo % 12 + 1, 1)
        last = nxt - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - wd) % 7)
    return d + timedelta(weeks=int(nth) - 1)


def _holiday(m: Mention, tense: Tense, ctx: ResolutionContext) -> Resolved:
    parts = m.value.split(":")
    spec = parts[1]
    if len(parts) > 2:
        return Resolved(holiday_date(spec, int(parts[2])).isoformat(), None, "holiday in the year given")
    ref = ctx.pub_day
    if ref is None:
        return Resolved("XXXX-XX-XX" if spec.startswith("EASTER") or not spec[3:].isdigit() else f"XXXX-{spec}", None, "holiday, no publication date")
    cands = []
    for y in range(ref.year - 1, ref.year + 2):
        try:
            d = holiday_date(spec, y)
            s = datetime(d.year, d.month, d.day)
            cands.append((d.isoformat(), s, s + timedelta(days=1)))
        except (ValueError, OverflowError):  # before year 1 or after 9999
            continue
    picked = _pick(cands, ref, m.direction or DIRECTION_POLICY["holiday"][tense.direction], True)
    if picked is None:
        return Resolved("XXXX-XX-XX", ref, "holiday out of calendar range (years 1 to 9999)")
    return Resolved(picked[0], ref, f"holiday {picked[1]} publication {ref} ({tense.describe()})")
