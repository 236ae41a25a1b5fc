"""Dating expressions as events see them (:class:`When`): each timex that places something
in time, and ranges of two joined into one. Part of event extraction (``_extract.py``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ._ranges import find_ranges
from ._timex3 import is_bc
from ._words import lexicon

if TYPE_CHECKING:
    from ._types import Timex

__all__ = ["When", "whens_of"]

# vague spans that still place an event: "in the coming days" (after publication), "in the
# past few weeks" (before it)
VAGUE_SPAN = re.compile(r"^P(?:X|\d+)(?:D|W|M)$")
_FORWARD = re.compile(r"\b(?:coming|next|following|upcoming|ahead)\b", re.I)
_BACKWARD = re.compile(r"\b(?:past|last|recent|previous)\b", re.I)


@dataclass(frozen=True, slots=True)
class When:
    """A dating expression as events see it: one timex, or a range of two."""

    start: int  # character offsets of the whole expression in the document
    end: int
    text: str
    value: str
    mod: str | None
    granularity: str | None
    interval: tuple[datetime, datetime] | None
    parts: tuple[int, ...]  # indices of its timexes
    timex_spans: tuple[tuple[int, int], ...]



def _event_time(t: Timex, published: datetime | None) -> tuple[str, tuple[datetime, datetime] | None] | None:
    """(value, interval) of the time a timex gives an event, or None if it dates nothing
    ("in the future", "in the past" speak of no time in particular)."""
    if " ".join(t.text.lower().split()) in lexicon().timeless_references:
        return None
    if t.type in ("DATE", "TIME"):
        if t.value == "PRESENT_REF":
            return None
        if t.interval is not None:
            return t.value, t.interval
        if t.value in ("PAST_REF", "FUTURE_REF") or is_bc(t.value):
            return t.value, None  # a BC date has no interval: the event comes first (_merge)
        return None
    if t.type == "DURATION" and VAGUE_SPAN.match(t.value) and published is not None:
        if _FORWARD.search(t.text):
            return "FUTURE_REF", None
        if _BACKWARD.search(t.text):
            return "PAST_REF", None
    return None


def whens_of(text: str, timexes: Sequence[Timex], published: datetime | None) -> list[When]:
    """The dating expressions of a text: each timex that places something in time, and
    ranges of two joined into one ("from July 3 to July 6": the 3rd to the 6th; which
    connectors make a range is the tagger's data, see :func:`timeline._ranges.find_ranges`).

    >>> from timeline import tag
    >>> s = "The fair runs from July 3 to July 6."
    >>> [(w.text, w.value) for w in whens_of(s, tag(s, published="2024-05-01", nlp=False), None)]
    [('from July 3 to July 6', '2024-07-03/2024-07-06')]
    """
    ranges = {r.first: r for r in find_ranges(text, timexes)}
    out: list[When] = []
    skip: set[int] = set()
    for i, t in enumerate(timexes):
        if i in skip:
            continue
        placed = _event_time(t, published)
        if placed is None:
            continue
        value, iv = placed
        r = ranges.get(i)
        if r is not None and iv is not None:
            u = timexes[r.last]
            end = _event_time(u, published)
            if end is not None and end[1] is not None and end[1][1] > iv[0] and u.granularity == t.granularity:
                out.append(When(r.start, r.end, r.text, f"{value}/{end[0]}", None, t.granularity, (iv[0], end[1][1]), (i, r.last), ((t.start, t.end), (u.start, u.end))))
                skip.add(r.last)
                continue
        out.append(When(t.start, t.end, t.text, value, t.mod, t.granularity if iv is not None else None, iv, (i,), ((t.start, t.end),)))
    return out
