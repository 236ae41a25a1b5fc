"""Parsing user-given publication dates (any common format or language)."""

from __future__ import annotations

import re
from datetime import date, datetime

from ._errors import DateInputError

__all__ = ["parse_published", "Published"]

Published = date | datetime | str | None

# dateparser must never read a clock: relative phrases ("yesterday") are refused by
# restricting it to absolute parsers.
_DATEPARSER_SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
    "STRICT_PARSING": True,
}


def parse_published(value: Published) -> datetime | None:
    """Normalise a publication date to a naive local ``datetime`` (or ``None``).

    Time-zone aware values keep their *local* wall-clock date and time: an article stamped
    2023-09-12T02:00+09:00 was published on 2023-09-12 where it was written.

    >>> parse_published("2023-09-12T02:00:00+09:00")
    datetime.datetime(2023, 9, 12, 2, 0)
    >>> parse_published("12 septembre 2023")
    datetime.datetime(2023, 9, 12, 0, 0)
    >>> parse_published("not a date")
    Traceback (most recent call last):
    ...
    timeline._errors.DateInputError: cannot understand the date 'not a date': not a recognisable date
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise TypeError(f"published must be a date, datetime, string or None, not {type(value).__name__}")
    s = value.strip()
    if not s:
        raise DateInputError(value, "empty string")
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?", s)
    if iso:
        try:
            y, mo, d = int(iso.group(1)), int(iso.group(2)), int(iso.group(3))
            h, mi, sec = (int(iso.group(i) or 0) for i in (4, 5, 6))
            return datetime(y, mo, d, h, mi, sec)
        except ValueError as e:
            raise DateInputError(value, str(e)) from None
    if re.fullmatch(r"\d{8}", s):
        try:
            return datetime.strptime(s, "%Y%m%d")
        except ValueError as e:
            raise DateInputError(value, str(e)) from None
    import dateparser  # lazy: it is slow to import

    try:
        parsed = dateparser.parse(s, settings=_DATEPARSER_SETTINGS)
    except Exception as e:  # dateparser raises assorted errors on junk
        raise DateInputError(value, f"not a recognisable date ({e})") from None
    if parsed is None:
        raise DateInputError(value, "not a recognisable date")
    return parsed.replace(tzinfo=None)
