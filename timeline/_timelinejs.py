"""Export to the TimelineJS3 JSON format (Knight Lab): ``Timeline.to_timelinejs``.

The format (https://timeline.knightlab.com/docs/json-format.html): one object with
``events`` (a list of slides) and an optional ``title`` slide. A slide has ``start_date``
(required except for the title), ``end_date``, ``text`` (``headline``, ``text``: HTML),
``group``, ``display_date`` and ``unique_id``; a date object has ``year`` (required, a
number, negative for BCE), ``month``, ``day``, ``hour``, ``minute``... and ``display_date``.

Decisions:

- Dates are filled only down to the event's granularity (a month: year and month; a week,
  a season, a quarter: a start and an ``end_date``). The wording of the chart
  (:mod:`timeline.render._wording`) gives ``display_date`` for weeks, seasons, quarters,
  modified dates ("early Jun 2024"), ranges, BC dates, vague references and uncertain events.
- Vague events (``PAST_REF``, ``FUTURE_REF``, ``PRESENT_REF``...: no interval) are placed on
  the publication date of their earliest source ("recently, as of 12 Sep 2023"); when no
  document with a publication date is known, the latest publication date of the timeline;
  without any, the event has no slide (TimelineJS needs a ``start_date``).
- BC: TimelineJS takes negative years for BCE and shows ``-490`` as "490 BCE", so 490 BC
  is ``year: -490`` (not the astronomical -489); ``display_date`` says "490 BC" anyway.
- ``group``: the status (happened, ongoing, expected) or, with ``group_by="source"``, the
  title (else id) of the event's first source document.
- ``unique_id``: ``e<index>-<8 hex digits of a hash of value and text>``.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Literal

from ._document import Document
from ._errors import TimelineError
from ._events import Event
from ._io import write_atomic
from ._timex3 import bc_year, is_bc
from .render._wording import day_text, describe_span, when_text

__all__ = ["timelinejs_dict", "timelinejs_json", "GROUP_BY"]

GroupBy = Literal["status", "source"]
GROUP_BY = ("status", "source")

_VAGUE_WORDS = {"PAST_REF": "recently", "FUTURE_REF": "in the future", "PRESENT_REF": "now"}
_DAY_ONLY = ("day", "part_of_day")
_TIME = ("hour", "minute", "second", "time")
_PERIOD_MONTHS = ("season", "quarter", "half")
_BC_DATE = re.compile(r"^BC(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _date(t: datetime, depth: str) -> dict[str, int]:
    """A TimelineJS date object, filled down to ``depth`` (year, month, day or minute)."""
    d = {"year": t.year}
    if depth in ("month", "day", "minute"):
        d["month"] = t.month
    if depth in ("day", "minute"):
        d["day"] = t.day
    if depth == "minute":
        d["hour"], d["minute"] = t.hour, t.minute
    return d


def _dates(event: Event) -> tuple[dict[str, int], dict[str, int] | None, bool] | None:
    """``(start_date, end_date, needs_words)`` of a dated event (``None`` without an interval)."""
    s, e, g = event.start, event.end, event.granularity
    if s is None or e is None:
        return None
    ranged = "/" in event.value
    if g in _TIME:
        return _date(s, "minute"), None, False
    if g in ("week", "weekend") or g in _DAY_ONLY or g is None:
        last = e - timedelta(days=1)
        if (ranged or g in ("week", "weekend") or g is None) and last.date() > s.date():
            return _date(s, "day"), _date(last, "day"), True
        return _date(s, "day"), None, bool(event.mod) or g == "part_of_day"
    last = e - timedelta(microseconds=1)
    if g == "month" or g in _PERIOD_MONTHS:
        if (last.year, last.month) != (s.year, s.month):
            return _date(s, "month"), _date(last, "month"), True
        return _date(s, "month"), None, bool(event.mod) or g != "month"
    # year, decade, century (and any coarser unit)
    if last.year != s.year:
        return _date(s, "year"), _date(last, "year"), True
    return _date(s, "year"), None, bool(event.mod) or g != "year"


def _bc_dates(value: str) -> tuple[dict[str, int], dict[str, int] | None] | None:
    """Date objects of a BC value, negative years for BCE (490 BC: -490)."""
    first, _, second = value.partition("/")
    m = _BC_DATE.match(first)
    if m:
        start = {"year": -int(m.group(1))}
        if m.group(2):
            start["month"] = int(m.group(2))
        if m.group(3):
            start["day"] = int(m.group(3))
    else:
        astro = bc_year(first)
        if astro is None:
            return None
        start = {"year": astro - 1}
    end: dict[str, int] | None = None
    rest = first[2:]
    if rest.isdigit() and len(rest) in (2, 3):  # century, decade: 100 or 10 years
        end = {"year": start["year"] + (99 if len(rest) == 2 else 9)}
    if second and is_bc(second):
        other = _bc_dates(second)
        if other is not None:
            end = other[1] or other[0]
    return start, end


def _published(event: Event, docs: Mapping[str, Document], fallback: datetime | None) -> datetime | None:
    ids = list(event.sources) + [m.doc for m in event.mentions]
    dates = [docs[i].published for i in ids if i in docs and docs[i].published is not None]
    return min(d for d in dates if d is not None) if dates else fallback


def _safe_url(url: str | None) -> str | None:
    return url if url and re.match(r"^https?://", url, re.IGNORECASE) else None


def _source_html(doc_id: str, docs: Mapping[str, Document]) -> str:
    doc = docs.get(doc_id)
    name = (doc.title if doc is not None and doc.title else doc_id) or doc_id
    url = _safe_url(doc.url if doc is not None else None)
    label = html.escape(name)
    if url:
        label = f'<a href="{html.escape(url, quote=True)}">{label}</a>'
    if doc is not None and doc.published is not None:
        label += f", {html.escape(day_text(doc.published))}"
    return label


def _body(event: Event, docs: Mapping[str, Document]) -> str:
    """The sentences that report the event, each with its source, then the list of sources."""
    parts: list[str] = []
    seen: set[tuple[str, str]] = set()
    for m in event.mentions:
        key = (m.doc, m.sentence)
        if not m.sentence or key in seen:
            continue
        seen.add(key)
        parts.append(f"<p>{html.escape(m.sentence)} <em>({_source_html(m.doc, docs)})</em></p>")
    ids = list(dict.fromkeys(list(event.sources) + [m.doc for m in event.mentions]))
    if ids:
        word = "Source" if len(ids) == 1 else "Sources"
        parts.append(f"<p>{word}: " + "; ".join(_source_html(i, docs) for i in ids) + "</p>")
    return "".join(parts)


def _unique_id(index: int, event: Event) -> str:
    digest = hashlib.sha1(f"{event.value}\n{event.text}".encode()).hexdigest()[:8]
    return f"e{index:04d}-{digest}"


def _group(event: Event, group_by: str, docs: Mapping[str, Document]) -> str:
    if group_by == "status":
        return str(event.status)
    ids = list(event.sources) + [m.doc for m in event.mentions]
    if not ids:
        return "unknown source"
    doc = docs.get(ids[0])
    return doc.title if doc is not None and doc.title else ids[0]


def _slide(index: int, event: Event, docs: Mapping[str, Document], group_by: str, fallback: datetime | None) -> dict[str, Any] | None:
    slide: dict[str, Any] = {}
    words: str | None = None
    dated = _dates(event)
    if dated is not None:
        start, end, needs_words = dated
        if needs_words:
            words = when_text(event)
    elif is_bc(event.value) and (bc := _bc_dates(event.value)) is not None:
        start, end = bc
        words = when_text(event)
    else:
        published = _published(event, docs, fallback)
        if published is None:
            return None
        start, end = _date(published, "day"), None
        vague = _VAGUE_WORDS.get(event.value)
        words = f"{vague}, as of {day_text(published)}" if vague else when_text(event, published)
    if event.status != "happened":
        words = f"{words or when_text(event)} ({event.status})"
    slide["start_date"] = start
    if end is not None:
        slide["end_date"] = end
    if words:
        slide["display_date"] = words
    slide["text"] = {"headline": html.escape(event.text, quote=False), "text": _body(event, docs)}
    slide["group"] = _group(event, group_by, docs)
    slide["unique_id"] = _unique_id(index, event)
    return slide


def timelinejs_dict(events: Sequence[Event], documents: Sequence[Document], *, title: str | None = None, group_by: str = "status") -> dict[str, Any]:
    """The TimelineJS3 data object of ``events`` (see the module's documentation)."""
    if group_by not in GROUP_BY:
        raise TimelineError(f"group_by must be one of {', '.join(map(repr, GROUP_BY))}, not {group_by!r}")
    docs = {d.id: d for d in documents}
    published = [d.published for d in documents if d.published is not None]
    fallback = max(published) if published else None
    slides = [s for i, e in enumerate(events) if (s := _slide(i, e, docs, group_by, fallback)) is not None]
    n, m = len(events), len({i for e in events for i in e.sources})
    summary = f"{n} event{'' if n == 1 else 's'} from {m} source{'' if m == 1 else 's'}"
    span = describe_span(events)
    if span:
        summary += f", {span}"
    headline = title if title else "Chronology"
    return {
        "title": {"text": {"headline": html.escape(headline, quote=False), "text": f"<p>{html.escape(summary, quote=False)}</p>"}},
        "events": slides,
    }


def timelinejs_json(
    events: Sequence[Event],
    documents: Sequence[Document],
    path: str | os.PathLike[str] | None = None,
    *,
    title: str | None = None,
    group_by: str = "status",
    indent: int | None = 2,
) -> str:
    """The TimelineJS3 JSON text; with ``path``, also written there atomically."""
    text = json.dumps(timelinejs_dict(events, documents, title=title, group_by=group_by), ensure_ascii=False, indent=indent) + "\n"
    if path is not None:
        write_atomic(path, text)
    return text
