"""Events: the types a reader sees, and their JSON form.

An :class:`Event` is one real-world happening on the timeline; each of its
:class:`EventMention` s is one source's account of it: where it was read (document, sentence,
dating expression and its offsets) and what that source says (its time value, its wording,
its status, its actors). Everything merging compares is in these public fields, so a
chronology written to JSON and read back merges exactly as it did when it was built.
Extraction from a parse lives in ``_extract.py``, merging in ``_merge.py``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, cast

from ._timex3 import GRANULARITIES, granularity_of, interval_of, is_valid_value

__all__ = [
    "Event",
    "EventMention",
    "Status",
    "STATUSES",
    "SCHEMA_VERSION",
    "time_of",
    "reading_time",
    "narrow",
]

Status = Literal["happened", "ongoing", "expected"]
#: The statuses of an event, in the order a merged event takes them (the first one any
#: source gives wins).
STATUSES: tuple[Status, ...] = ("happened", "ongoing", "expected")

#: Version of the JSON form written by :meth:`Timeline.to_json`. Version 1 (no ``"schema"``
#: key) had mentions without their own value, text and status; it still loads.
SCHEMA_VERSION = 2

# a range of two TIMEX3 values, as ISO 8601 writes intervals: "2024-07-03/2024-07-06"
_RANGE = re.compile(r"^([^/]+)/([^/]+)$")
# how much of its period an early/mid/late modifier keeps (TIMEX3 START, MID, END)
_THIRDS = {"START": (0.0, 1 / 3), "MID": (1 / 3, 2 / 3), "END": (2 / 3, 1.0)}
_NARROWABLE = frozenset({"week", "weekend", "month", "season", "quarter", "half", "year", "decade", "century", "millennium"})


def narrow(interval: tuple[datetime, datetime], mod: str | None, granularity: str | None) -> tuple[datetime, datetime]:
    """The part of a period that an ``early``/``mid``/``late`` modifier (TIMEX3 ``START``,
    ``MID``, ``END``) speaks of: its first, middle or last third, in whole days.

    >>> narrow((datetime(2024, 6, 1), datetime(2024, 7, 1)), "START", "month")
    (datetime.datetime(2024, 6, 1, 0, 0), datetime.datetime(2024, 6, 11, 0, 0))
    >>> narrow((datetime(2024, 6, 1), datetime(2024, 7, 1)), "APPROX", "month")[1]
    datetime.datetime(2024, 7, 1, 0, 0)
    """
    if mod not in _THIRDS or granularity not in _NARROWABLE:
        return interval
    lo, hi = _THIRDS[mod]
    start, end = interval
    days = (end - start).days
    a = start + timedelta(days=round(days * lo))
    b = start + timedelta(days=round(days * hi))
    return (a, b) if b > a else interval


def time_of(value: str, mod: str | None = None) -> tuple[datetime | None, datetime | None, str | None]:
    """``(start, end, granularity)`` of an event's time value: a TIMEX3 value, or a range of
    two (``"2024-07-03/2024-07-06"``, both days included), narrowed by ``mod``. References
    (``PAST_REF``...) have no interval.

    >>> time_of("2024-07-03/2024-07-06")
    (datetime.datetime(2024, 7, 3, 0, 0), datetime.datetime(2024, 7, 7, 0, 0), 'day')
    >>> time_of("2024-06", "END")[:2]
    (datetime.datetime(2024, 6, 21, 0, 0), datetime.datetime(2024, 7, 1, 0, 0))
    """
    m = _RANGE.match(value)
    if m:
        a, b = interval_of(m.group(1)), interval_of(m.group(2))
        if a is None or b is None or b[1] <= a[0]:
            return None, None, None
        return a[0], b[1], granularity_of(m.group(1))
    iv = interval_of(value)
    if iv is None:
        return None, None, None
    gran = granularity_of(value)
    start, end = narrow(iv, mod, gran)
    return start, end, gran


def reading_time(value: str, mod: str | None, status: Status, published: datetime | None) -> tuple[datetime | None, datetime | None, str | None]:
    """``(start, end, granularity)`` of the time one source gives an event: :func:`time_of`,
    and a period that contains the source's publication day is cut there: what already
    happened "this month" happened by that day; what is expected "this week" comes after.

    >>> reading_time("2024-06", None, "happened", datetime(2024, 6, 20))[:2]
    (datetime.datetime(2024, 6, 1, 0, 0), datetime.datetime(2024, 6, 21, 0, 0))
    >>> reading_time("2024-06", None, "expected", datetime(2024, 6, 20))[:2]
    (datetime.datetime(2024, 6, 20, 0, 0), datetime.datetime(2024, 7, 1, 0, 0))
    """
    start, end, gran = time_of(value, mod)
    if start is None or end is None or published is None:
        return start, end, gran
    day = datetime(published.year, published.month, published.day)
    if start <= day < end:
        if status == "happened" and day + timedelta(days=1) < end:
            return start, day + timedelta(days=1), gran
        if status == "expected" and start < day:
            return day, end, gran
    return start, end, gran


@dataclass(frozen=True, slots=True, kw_only=True)
class EventMention:
    """One source's account of an event.

    Where it was read: ``doc`` (document id), ``sentence`` (the sentence, whitespace
    normalised), ``timex`` (the dating expression as written) and ``start``/``end`` (its
    character offsets in the document: ``document.text[start:end] == timex``). What the
    source says: ``value`` and ``mod`` (the TIMEX3 value and modifier of its time),
    ``text`` (its wording of the event), ``predicate`` (lemma of the main word),
    ``actors``, ``speaker`` (who makes the statement, for reported speech; empty
    otherwise) and ``status``.
    """

    doc: str
    sentence: str
    timex: str
    start: int
    end: int
    value: str
    text: str
    status: Status
    mod: str | None = None
    predicate: str = ""
    actors: tuple[str, ...] = ()
    speaker: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return f"EventMention({self.doc!r} {self.start}:{self.end} {self.timex!r} -> {self.value} {self.status}: {self.text!r})"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data; :meth:`from_dict` reads it back."""
        return {
            "doc": self.doc,
            "sentence": self.sentence,
            "timex": self.timex,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "mod": self.mod,
            "text": self.text,
            "predicate": self.predicate,
            "actors": list(self.actors),
            "speaker": list(self.speaker),
            "status": self.status,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], *, event: Mapping[str, Any] | None = None) -> EventMention:
        """Inverse of :meth:`to_dict`. Fields a version-1 file did not have (``value``,
        ``text``, ``status``...) are taken from ``event``, the event it belongs to.

        Checked as :meth:`Event.from_dict` checks an event; offsets must be whole numbers
        with ``0 <= start <= end``. Raises ``TypeError`` or ``ValueError`` whose message
        starts with the field (``"start: an offset must not be negative, not -3"``)."""
        if not isinstance(d, Mapping):
            raise TypeError(f"a mention must be an object, not {type(d).__name__}")
        outer: Mapping[str, Any] = event or {}

        def get(key: str, default: Any = None) -> Any:
            return d[key] if key in d else outer.get(key, default)

        start, end = _offset(d, "start"), _offset(d, "end")
        if end < start:
            raise ValueError(f"end: the mention ends ({end}) before it starts ({start})")
        return cls(
            doc=_str(d, "doc"),
            sentence=_str(d, "sentence"),
            timex=_str(d, "timex"),
            start=start,
            end=end,
            value=_value(get("value", ""), "value"),
            mod=_mod(get("mod"), "mod"),
            text=_as_str(get("text", ""), "text"),
            predicate=_as_str(get("predicate", ""), "predicate"),
            actors=_as_strs(get("actors", ()), "actors"),
            speaker=_as_strs(d.get("speaker", ()), "speaker"),
            status=_status(get("status", "happened"), "status"),
        )


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world happening on the timeline.

    ``value`` is the TIMEX3 value of when it happened (or a range of two, ``2024-07-03/
    2024-07-06``), ``mod`` its modifier (``START`` for "early", ``END`` for "later this
    month"...), ``start``/``end`` its interval (narrowed by ``mod``; ``None`` for references
    such as ``FUTURE_REF``), ``text`` a readable sentence saying what happened,
    ``predicate`` the lemma of its main word, ``actors`` the people, organisations and
    places involved, ``status`` whether it happened, is ongoing or is expected, ``sources``
    the ids of the documents that report it and ``mentions`` each source's account.

    >>> e = Event("2023-09-12", datetime(2023, 9, 12), datetime(2023, 9, 13), "day",
    ...           "Kim arrived in Vladivostok", "arrive", ("Kim",), "happened", ("a",), ())
    >>> e
    Event(2023-09-12 happened: 'Kim arrived in Vladivostok', sources=['a'])
    >>> Event.from_dict(e.to_dict()) == e
    True
    """

    value: str
    start: datetime | None
    end: datetime | None
    granularity: str | None
    text: str
    predicate: str
    actors: tuple[str, ...]
    status: Status
    sources: tuple[str, ...]
    mentions: tuple[EventMention, ...]
    mod: str | None = None

    def __repr__(self) -> str:
        mod = f" mod={self.mod}" if self.mod else ""
        return f"Event({self.value}{mod} {self.status}: {self.text!r}, sources={list(self.sources)})"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (the event part of docs/events.md's JSON form)."""
        return {
            "value": self.value,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "granularity": self.granularity,
            "mod": self.mod,
            "text": self.text,
            "predicate": self.predicate,
            "actors": list(self.actors),
            "status": self.status,
            "sources": list(self.sources),
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Event:
        """Inverse of :meth:`to_dict`; also reads the events of version-1 files.

        What would fail later is refused here: ``value`` must be a TIMEX3 value this
        package reads (a date or time, a reference such as ``PAST_REF``, a duration, an
        underspecified value such as ``XXXX-WXX-1``, or a range of two dates ``a/b``),
        ``granularity`` one of :data:`timeline._timex3.GRANULARITIES`, ``mod`` a TIMEX3
        modifier, ``start``/``end`` ISO date-times with ``start <= end``, and no text may
        hold a lone surrogate (it could not be written as UTF-8). A time-zone-aware
        ``start``/``end`` keeps its local wall-clock time, as publication dates do
        (``2023-09-12T02:00+09:00`` is 2023-09-12 02:00): every time is naive.

        Raises ``TypeError`` or ``ValueError`` whose message starts with the field
        (``"granularity: unknown granularity 'fortnight'..."``,
        ``"mentions[0].start: an offset must not be negative, not -3"``).
        """
        if not isinstance(d, Mapping):
            raise TypeError(f"an event must be an object, not {type(d).__name__}")
        value = _value(_required(d, "value"), "value")
        status = _status(_required(d, "status"), "status")
        start, end = _dt(d.get("start"), "start"), _dt(d.get("end"), "end")
        if start is not None and end is not None and end < start:
            raise ValueError(f"end: the event ends ({end.isoformat()}) before it starts ({start.isoformat()})")
        mentions = d.get("mentions", ())
        if not isinstance(mentions, (list, tuple)):
            raise TypeError("mentions: must be a list of objects")
        read: list[EventMention] = []
        for j, m in enumerate(mentions):
            try:
                read.append(EventMention.from_dict(m, event=d))
            except (TypeError, ValueError) as e:
                raise within(f"mentions[{j}]", e) from None
        return cls(
            value=value,
            start=start,
            end=end,
            granularity=_granularity(d.get("granularity"), "granularity"),
            text=_str(d, "text"),
            predicate=_as_str(d.get("predicate", ""), "predicate"),
            actors=_as_strs(d.get("actors", ()), "actors"),
            status=status,
            sources=_as_strs(_required(d, "sources"), "sources"),
            mentions=tuple(read),
            mod=_mod(d.get("mod"), "mod"),
        )


# --- reading JSON values, with errors that name the field -------------------------------------

#: The TIMEX3 (TimeML) modifiers an event's or a mention's ``mod`` may be.
MODS = frozenset(
    {"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX"}
)
#: The largest character offset a mention may have (``sys.maxsize``: any text's length).
MAX_OFFSET = sys.maxsize

_SURROGATE = re.compile("[\ud800-\udfff]")
_FIELD = re.compile(r"^[\w\[\].]+: ")


def within(where: str, e: TypeError | ValueError) -> TypeError | ValueError:
    """``e`` again, its field prefixed by ``where``: ``"start: ..."`` in ``mentions[0]``
    becomes ``"mentions[0].start: ..."``; a message that names no field (``"a mention must
    be an object..."``) becomes ``"mentions[0]: a mention must be an object..."``."""
    msg = str(e)
    joined = f"{where}.{msg}" if _FIELD.match(msg) else f"{where}: {msg}"
    return type(e)(joined)


def shown(v: Any, n: int = 60) -> str:
    """``repr(v)`` cut to about ``n`` characters; an integer too long to print is described
    (Python refuses to convert one of more than 4,300 digits)."""
    if isinstance(v, int) and not isinstance(v, bool) and abs(v).bit_length() > 64:
        return f"an integer of about {int(abs(v).bit_length() * 0.30103) + 1} digits"
    try:
        r = repr(v)
    except ValueError:
        return f"a {type(v).__name__}"
    return r if len(r) <= n else r[: n - 3] + "..."


def _required(d: Mapping[str, Any], key: str) -> Any:
    if key not in d:
        raise ValueError(f"{key}: missing")
    return d[key]


def _dt(v: Any, key: str) -> datetime | None:
    """An ISO date-time (or ``None``), naive: an aware one keeps its local wall-clock time."""
    if v is None:
        return None
    s = _as_str(v, key)
    try:
        t = datetime.fromisoformat(s)
    except ValueError:
        raise ValueError(f"{key}: not an ISO date and time: {shown(s)}") from None
    return t.replace(tzinfo=None)


def _value(v: Any, key: str) -> str:
    """A TIMEX3 value this package reads, or a range of two dates (``a/b``, the second
    ending after the first starts)."""
    s = _as_str(v, key)
    if _RANGE.match(s):
        if time_of(s)[0] is None:
            raise ValueError(f"{key}: not a range of two real dates, the second ending after the first starts: {shown(s)}")
        return s
    if not is_valid_value(s):
        raise ValueError(
            f"{key}: not a TIMEX3 value this package reads: {shown(s)} (a date or time such as '2023-09-12', "
            "a reference such as 'PAST_REF', a duration, an underspecified value such as 'XXXX-WXX-1', or a range 'a/b')"
        )
    return s


def _granularity(v: Any, key: str) -> str | None:
    g = _as_opt_str(v, key)
    if g is not None and g not in GRANULARITIES:
        raise ValueError(f"{key}: unknown granularity {shown(g)}; one of {', '.join(GRANULARITIES)} (or null)")
    return g


def _mod(v: Any, key: str) -> str | None:
    m = _as_opt_str(v, key)
    if m is not None and m not in MODS:
        raise ValueError(f"{key}: unknown TIMEX3 modifier {shown(m)}; one of {', '.join(sorted(MODS))} (or null)")
    return m


def _status(v: Any, key: str) -> Status:
    if v not in STATUSES:
        raise ValueError(f"{key}: unknown event status {shown(v)}; one of {', '.join(STATUSES)}")
    return cast(Status, v)


def _str(d: Mapping[str, Any], key: str) -> str:
    return _as_str(_required(d, key), key)


def _as_str(v: Any, key: str) -> str:
    if not isinstance(v, str):
        raise TypeError(f"{key}: must be a string, not {type(v).__name__}")
    bad = _SURROGATE.search(v)
    if bad is not None:
        raise ValueError(
            f"{key}: holds a lone surrogate (U+{ord(bad.group()):04X} at character {bad.start()}), "
            "which cannot be written as UTF-8"
        )
    return v


def _as_opt_str(v: Any, key: str) -> str | None:
    if v is None:
        return None
    if not isinstance(v, str):
        raise TypeError(f"{key}: must be a string or null, not {type(v).__name__}")
    return _as_str(v, key)


def _as_strs(v: Any, key: str) -> tuple[str, ...]:
    if isinstance(v, str) or not isinstance(v, (list, tuple)):
        raise TypeError(f"{key}: must be a list of strings, not {type(v).__name__}")
    return tuple(_as_str(x, f"{key}[{i}]") for i, x in enumerate(v))


def _offset(d: Mapping[str, Any], key: str) -> int:
    v = _required(d, key)
    if isinstance(v, bool) or not isinstance(v, int):
        raise TypeError(f"{key}: must be an integer, not {type(v).__name__}")
    if v < 0:
        raise ValueError(f"{key}: an offset must not be negative, not {shown(v)}")
    if v > MAX_OFFSET:
        raise ValueError(f"{key}: an offset must be at most {MAX_OFFSET}, not {shown(v)}")
    return v
