"""The order of day, month and year in numeric dates ("06/05/2024"): given (``date_order=``),
inferred from a text's other dates, or month first by default with a warning.

* An order given by the caller (``"MDY"``, ``"DMY"``, ``"YMD"``) decides every ambiguous
  date. It never overrides a date that can be read one way only: "25/12/2022" is 25 December
  whatever the order. ``"YMD"`` reads a two-digit year first ("24/06/05" is 2024-06-05); when
  the year is written last, it puts the month before the day, as ``"MDY"`` does.
* Without one, the order is inferred from the text: a numeric date with a part over 12 can
  be read one way only and fixes the order ("25/12/2022": day first); failing those, the
  written dates hint ("5 June 2024" day first, "June 5, 2024" month first). The majority
  wins; a tie says nothing.
* Failing that, an ambiguous date (both parts 12 or less, and different) is read month
  first, with a :class:`~timeline.DateOrderWarning`. A date that can be read only one way
  never warns.

>>> read_numeric(6, 5, "2024", given="DMY").value
datetime.date(2024, 5, 6)
>>> r = read_numeric(6, 5, "2024")
>>> r.value, r.order, r.ambiguous
(datetime.date(2024, 6, 5), 'MDY', True)
>>> read_numeric(25, 12, "2022", given="MDY").value
datetime.date(2022, 12, 25)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, cast

__all__ = ["DateOrder", "DATE_ORDERS", "DEFAULT_ORDER", "check_date_order", "read_numeric", "Reading", "OrderEvidence", "numeric_date_string"]

DateOrder = Literal["MDY", "DMY", "YMD"]
DATE_ORDERS: tuple[str, ...] = ("MDY", "DMY", "YMD")
#: The order assumed when nothing tells: month first.
DEFAULT_ORDER = "MDY"


def check_date_order(value: object) -> DateOrder | None:
    """``value`` if it is a valid ``date_order`` (``None`` or one of :data:`DATE_ORDERS`),
    else a ``TypeError`` or ``ValueError`` that says what is expected.

    >>> check_date_order("dmy")
    Traceback (most recent call last):
    ...
    ValueError: date_order must be one of 'MDY', 'DMY', 'YMD' or None, not 'dmy'
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"date_order must be a string or None, not {type(value).__name__}")
    if value not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {', '.join(map(repr, DATE_ORDERS))} or None, not {value!r}")
    return cast(DateOrder, value)


def two_digit_year(yy: int) -> int:
    """Two-digit years are 1930-2029 (as ``'98`` in the rules)."""
    return 1900 + yy if yy >= 30 else 2000 + yy


def _date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def readings(a: int, b: int, year: str) -> dict[str, date]:
    """The real dates the numeric date ``a/b/year`` can be, by order. A four-digit year is
    last; a two-digit one is last, or first under ``"YMD"``."""
    out: dict[str, date | None] = {}
    if len(year) == 4:
        y = int(year)
        out["MDY"] = out["YMD"] = _date(y, a, b)
        out["DMY"] = _date(y, b, a)
    else:
        y = two_digit_year(int(year))
        out["MDY"] = _date(y, a, b)
        out["DMY"] = _date(y, b, a)
        out["YMD"] = _date(two_digit_year(a), b, int(year))
    return {k: v for k, v in out.items() if v is not None}


@dataclass(frozen=True, slots=True)
class Reading:
    """How a numeric date was read: its ``value``, the ``order`` used, whether it was
    ``ambiguous`` (could be read either way and nothing said which) and ``how`` (for the
    timex's reason)."""

    value: date
    order: str
    ambiguous: bool
    how: str


def read_numeric(a: int, b: int, year: str, *, given: str | None = None, inferred: tuple[str, str] | None = None) -> Reading | None:
    """Read the numeric date ``a/b/year`` (``None`` if no order makes it a real date).

    ``given`` is the caller's ``date_order``; ``inferred`` is ``(order, why)`` from the
    text's other dates."""
    valid = readings(a, b, year)
    candidates = {k: v for k, v in valid.items() if k != "YMD" or (given == "YMD" and len(year) == 2)}
    if not candidates:
        return None
    if len(set(candidates.values())) == 1:
        order = given if given in candidates else next(iter(candidates))
        return Reading(candidates[order], order, False, "numeric date that can be read one way only")
    if given is not None and given in candidates:
        return Reading(candidates[given], given, False, f"numeric date read {given} (date_order={given!r})")
    if inferred is not None and inferred[0] in candidates:
        return Reading(candidates[inferred[0]], inferred[0], False, f"numeric date read {inferred[0]}, as {inferred[1]}")
    return Reading(candidates[DEFAULT_ORDER], DEFAULT_ORDER, True, f"ambiguous numeric date read {DEFAULT_ORDER} by default")


@dataclass
class OrderEvidence:
    """What a text's dates say about its date order, accumulated as it is read."""

    #: orders fixed by numeric dates that can be read one way only ("25/12/2022")
    numeric: Counter[str] = field(default_factory=Counter)
    #: orders hinted by written dates ("5 June 2024" DMY, "June 5, 2024" MDY)
    written: Counter[str] = field(default_factory=Counter)

    def observe_numeric(self, a: int, b: int, year: str) -> None:
        valid = readings(a, b, year)
        orders = {k for k in ("MDY", "DMY") if k in valid}
        if len(orders) == 1:
            self.numeric[orders.pop()] += 1

    def observe_written(self, hint: str) -> None:
        self.written[hint] += 1

    @property
    def order(self) -> tuple[str, str] | None:
        """``(order, why)`` inferred so far, or ``None`` when nothing (or a tie) tells."""
        for counts, what in ((self.numeric, "other numeric dates of the text that can be read one way only"), (self.written, "the text's written dates")):
            top = counts.most_common(2)
            if top and (len(top) == 1 or top[0][1] > top[1][1]):
                return top[0][0], f"{what} ({', '.join(f'{n} {k}' for k, n in sorted(counts.items()))})"
        return None


# A numeric date at the start of a publication date string: "06/05/2024", "6.5.2024 10:30",
# "06-05-24 08:00 KST"
_NUMERIC_STRING = re.compile(r"\s*(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)")


def numeric_date_string(s: str) -> tuple[int, int, str] | None:
    """The parts of the numeric date a date string starts with, if it does."""
    m = _NUMERIC_STRING.match(s)
    return (int(m.group(1)), int(m.group(3)), m.group(4)) if m else None
