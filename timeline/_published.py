"""Parsing user-given publication dates (any common format or language)."""

from __future__ import annotations

import re
from datetime import date, datetime

from ._dateorder import DateOrder, check_date_order, numeric_date_string, read_numeric
from ._errors import DateInputError, DateOrderWarning, PublicationDateWarning, warn

__all__ = ["parse_published", "Published", "is_ambiguous_date_string"]

Published = date | datetime | str | None

# dateparser must never read a clock: relative phrases ("yesterday") are refused by
# restricting it to absolute parsers.
_DATEPARSER_SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
    "STRICT_PARSING": True,
}


#: Longer strings are not dates (and are not handed to dateparser, which is slow on them).
MAX_LENGTH = 100

# ISO 8601 / RFC 3339: "2023-09-12", "2023-09-12T02:00:00.123+09:00", "2023-09-12 02:00Z"...
_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
    r"(?:[Tt ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(?P<tz>[Zz]|[+-]\d{2}(?::?\d{2})?)?"
)
# ISO 8601 basic format: "20230912T0200", "20230912T020000Z"
_ISO_BASIC = re.compile(
    r"(?P<y>\d{4})(?P<mo>\d{2})(?P<d>\d{2})[Tt](?P<h>\d{2})(?P<mi>\d{2})(?P<s>\d{2})?(?:[.,]\d+)?"
    r"(?P<tz>[Zz]|[+-]\d{2}(?::?\d{2})?)?"
)
#: The largest UTC offset accepted (ISO 8601 and most libraries stop at 18 hours; real
#: time zones at 14).
MAX_OFFSET_MINUTES = 18 * 60


# a minus sign before the year: ISO 8601's expanded years ("-0044-03-15", 45 BC)
_NEGATIVE_YEAR = re.compile(r"[-\u2212]\d")
# weekday names (English, whole words) and the weekday (Monday = 0) each names
_WEEKDAY_NAMES = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
_WEEKDAY = re.compile(r"\b(" + "|".join(sorted(_WEEKDAY_NAMES, key=len, reverse=True)) + r")\b\.?", re.IGNORECASE)
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _check_weekday(s: str, parsed: datetime) -> None:
    """A weekday named in the string ("Mon, 12 Sep 2023") that is not the date's gives a
    :class:`~timeline.PublicationDateWarning` naming both; the day, month and year win."""
    m = _WEEKDAY.search(s)
    if m is None:
        return
    named = _WEEKDAY_NAMES[m.group(1).lower()]
    if named != parsed.weekday():
        warn(
            f"publication date {s!r}: {parsed.date().isoformat()} is a {_DAY_NAMES[parsed.weekday()]}, "
            f"not a {_DAY_NAMES[named]} ({m.group(0)!r}); the date is kept, the weekday ignored",
            PublicationDateWarning,
        )


def _check_offset(value: str, tz: str | None) -> None:
    """A UTC offset must exist; it does not change the date (the local date is kept)."""
    if not tz or tz in "Zz":
        return
    digits = tz[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if minutes > 59 or hours * 60 + minutes > MAX_OFFSET_MINUTES:
        raise DateInputError(value, f"impossible UTC offset {tz} (at most +/-18:00)")


def parse_published(value: Published, *, date_order: DateOrder | None = None) -> datetime | None:
    """Normalise a publication date to a naive local ``datetime`` (or ``None``).

    Time-zone aware values keep their *local* wall-clock date and time: an article stamped
    2023-09-12T02:00+09:00 was published on 2023-09-12 where it was written.

    A numeric date string that could be read day first or month first ("06/05/2024") is
    read in ``date_order`` (``"MDY"``, ``"DMY"`` or ``"YMD"``); without one, month first,
    with a :class:`~timeline.DateOrderWarning`. A string that can be read one way only
    ("25/12/2022") is read that way, whatever the order.

    A year before year 1 ("-0044-03-15") is a :class:`~timeline.DateInputError`; a weekday
    that is not the date's ("Mon, 12 Sep 2023", a Tuesday) gives a
    :class:`~timeline.PublicationDateWarning` and the date is kept.

    >>> parse_published("06/05/2024", date_order="DMY")
    datetime.datetime(2024, 5, 6, 0, 0)

    >>> parse_published("2023-09-12T02:00:00+09:00")
    datetime.datetime(2023, 9, 12, 2, 0)
    >>> parse_published("12 septembre 2023")
    datetime.datetime(2023, 9, 12, 0, 0)
    >>> parse_published("2023-02-30")
    Traceback (most recent call last):
    ...
    timeline.DateInputError: cannot understand the date '2023-02-30': day is out of range for month
    >>> parse_published("not a date")
    Traceback (most recent call last):
    ...
    timeline.DateInputError: cannot understand the date 'not a date': not a recognisable date
    """
    date_order = check_date_order(date_order)
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise TypeError(f"published must be a date, datetime, string or None, not {type(value).__name__}")
    s = value.strip()
    _check_string(value, s)
    exact = _parse_exact(value, s)
    if exact is not None:
        return exact
    return _parse_free(value, s, date_order)


def _check_string(value: str, s: str) -> None:
    """Refuse what cannot be a date before any parsing: empty, too long, a negative year."""
    if not s:
        raise DateInputError(value, "empty string")
    if len(s) > MAX_LENGTH:
        raise DateInputError(value, f"too long to be a date ({len(s)} characters)")
    if _NEGATIVE_YEAR.match(s):
        raise DateInputError(value, "negative years (before year 1) are not supported")


def _parse_exact(value: str, s: str) -> datetime | None:
    """ISO 8601 (extended or basic) and ``YYYYMMDD``, read exactly; ``None`` for any other
    shape."""
    iso = _ISO.fullmatch(s) or _ISO_BASIC.fullmatch(s)
    if iso:
        try:
            y, mo, d = int(iso["y"]), int(iso["mo"]), int(iso["d"])
            h, mi, sec = (int(iso[k] or 0) for k in ("h", "mi", "s"))
            parsed = datetime(y, mo, d, h, mi, sec)
        except ValueError as e:
            raise DateInputError(value, str(e)) from None
        _check_offset(value, iso["tz"])
        return parsed
    if re.fullmatch(r"\d{8}", s):
        try:
            return datetime.strptime(s, "%Y%m%d")
        except ValueError as e:
            raise DateInputError(value, str(e)) from None
    return None


def _parse_free(value: str, s: str, date_order: DateOrder | None) -> datetime:
    """Any other written date, through dateparser; a numeric date's order is ours
    (``date_order``, else month first with a warning), not dateparser's."""
    settings = dict(_DATEPARSER_SETTINGS)
    reading = None
    parts = numeric_date_string(s)
    if parts is not None:
        reading = read_numeric(*parts, given=date_order)
        if reading is None:
            raise DateInputError(value, "no order of its numbers makes it a real date")
        if reading.ambiguous:
            warn(
                f"publication date {s!r} could be read month first or day first; read "
                f"{reading.order} ({reading.value.isoformat()}); choose with date_order= (command line: --date-order)",
                DateOrderWarning,
            )
        # dateparser's own orders ("YMD" reads "06/05/2024" day first) only for the rest
        settings["DATE_ORDER"] = reading.order if len(parts[2]) == 2 else ("DMY" if reading.order == "DMY" else "MDY")
    import dateparser  # lazy: it is slow to import

    try:
        found: datetime | None = dateparser.parse(s, settings=settings)
    except Exception as e:  # dateparser raises assorted errors on junk
        raise DateInputError(value, f"not a recognisable date ({e})") from None
    if found is None:
        raise DateInputError(value, "not a recognisable date")
    if reading is not None:
        v = reading.value
        found = found.replace(year=v.year, month=v.month, day=v.day)
    _check_weekday(s, found)
    return found.replace(tzinfo=None)


def is_ambiguous_date_string(value: Published) -> bool:
    """Whether ``value`` is a numeric date string that could be read day first or month
    first ("06/05/2024")."""
    if not isinstance(value, str):
        return False
    parts = numeric_date_string(value.strip())
    if parts is None:
        return False
    r = read_numeric(*parts)
    return r is not None and r.ambiguous
