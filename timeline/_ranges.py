"""Ranges: two timexes that are the two ends of one interval ("from July 3 to July 6",
"June 3-5", "between 2001 and 2005").

TimeML annotates a range as two TIMEX3s, and so does the tagger; :func:`find_ranges` pairs
them again, for the events layer. What may join two ends (connector words, the word that
opens a range) is data: the ``[[range]]`` tables of ``timeline/rules/<lang>/ranges.toml``.

>>> from timeline import tag
>>> text = "The fair runs from July 3 to July 6."
>>> [r] = find_ranges(text, tag(text, published="2024-04-02", nlp=False))
>>> r
TimexRange('from July 3 to July 6' 14:35 2024-07-03/2024-07-06)
>>> r.interval
(datetime.datetime(2024, 7, 3, 0, 0), datetime.datetime(2024, 7, 7, 0, 0))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from ._types import Timex
from .rules import load

__all__ = ["TimexRange", "find_ranges", "range_links"]

#: Types that can be the ends of a range.
RANGE_TYPES = frozenset({"DATE", "TIME"})


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def type(self) -> str: ...


@dataclass(frozen=True, slots=True)
class TimexRange:
    """Two timexes of a text that are the ends of one interval.

    ``first`` and ``last`` index the timexes given to :func:`find_ranges`; ``start`` and
    ``end`` are the characters of the whole range expression, opening word and connector
    included ("from July 3 to July 6"); ``text`` is that expression.
    """

    first: int
    last: int
    start: int
    end: int
    text: str
    ends: tuple[Timex, Timex] = field(repr=False, compare=False)

    @property
    def interval(self) -> tuple[datetime, datetime]:
        """The interval the range covers: from the start of its first end to the end of its
        last, half-open."""
        a, b = self.ends[0].interval, self.ends[1].interval
        assert a is not None and b is not None  # find_ranges only pairs placed timexes
        return (a[0], b[1])

    def __repr__(self) -> str:
        return f"TimexRange({self.text!r} {self.start}:{self.end} {self.ends[0].value}/{self.ends[1].value})"


def range_links(text: str, items: Sequence[_Spanned], *, lang: str = "en") -> list[tuple[int, int, int]]:
    """The pairs of consecutive DATE/TIME items (timexes or mentions, in text order) that
    the connector data joins into a range, as ``(first, last, start)``: their indices and
    where the range expression starts. Only text is read, not values."""
    patterns = load(lang).ranges
    order = sorted((i for i, t in enumerate(items) if t.type in RANGE_TYPES), key=lambda i: (items[i].start, items[i].end))
    links: list[tuple[int, int, int]] = []
    used = -1  # an end already taken as the last end of a range starts no other
    for i, j in zip(order, order[1:]):
        a, b = items[i], items[j]
        if i == used or b.start < a.end:
            continue
        for p in patterns:
            if not p.joins(text, (a.start, a.end), (b.start, b.end)):
                continue
            opened = p.opener(text, a.start)
            if opened is None and p.before_required:
                continue
            links.append((i, j, a.start if opened is None else opened))
            used = j
            break
    return links


def find_ranges(text: str, timexes: Sequence[Timex], *, lang: str = "en") -> list[TimexRange]:
    """The ranges among the timexes of ``text``, in text order.

    Two DATE or TIME timexes form a range when what stands between them joins them (a
    dash, "to", "through", "until"; "and" after "between") and their order makes sense: the
    second neither starts nor ends before the first. Timexes that could not be placed on
    the calendar (no interval) form no range.

    >>> from timeline import tag
    >>> text = "Prices doubled between 2001 and 2005, then fell from Monday to Wednesday."
    >>> [(r.text, r.first, r.last) for r in find_ranges(text, tag(text, published="2024-04-02", nlp=False))]
    [('between 2001 and 2005', 0, 1), ('from Monday to Wednesday', 2, 3)]
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    out: list[TimexRange] = []
    for i, j, start in range_links(text, timexes, lang=lang):
        a, b = timexes[i], timexes[j]
        if a.interval is None or b.interval is None:
            continue
        if b.interval[0] < a.interval[0] or b.interval[1] < a.interval[1]:
            continue
        out.append(TimexRange(i, j, start, b.end, text[start : b.end], (a, b)))
    return out
