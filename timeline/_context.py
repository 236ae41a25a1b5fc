"""The state of resolving one text, in reading order: what it has mentioned, where a history
is (its story's date), which dates are asides; the resolution modes; the result type of the
resolver's handlers."""

from __future__ import annotations

import re
from collections.abc import Sequence
import functools
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, cast

from ._dateorder import OrderEvidence
from ._timex3 import GRANULARITY_RANK, bc_stand_in, granularity_of, interval_of
from ._types import Timex
from .rules import Mention

__all__ = ["ResolutionContext", "Resolved", "Mode", "MODES", "check_mode", "UNIT_GRAN", "Relative", "RelativeKind"]

#: How a text's dates are resolved: against the publication date (news) or against where the
#: story is (narrative: histories, biographies). The one definition of the modes.
Mode = Literal["news", "narrative"]
MODES: tuple[Mode, ...] = ("news", "narrative")


def check_mode(value: object, *, optional: bool = True) -> Mode | None:
    """``value`` if it is a mode (or ``None``, when ``optional``), else a ``TypeError`` or
    ``ValueError`` saying what is expected: the one check of every place that takes a mode
    (``tag``, documents, ``build``, manifests, the spaCy component).

    >>> check_mode("history")
    Traceback (most recent call last):
    ...
    ValueError: mode must be one of 'news', 'narrative' or None, not 'history'
    >>> check_mode(None, optional=False)
    Traceback (most recent call last):
    ...
    TypeError: mode must be a string, not NoneType
    """
    if value is None and optional:
        return None
    or_none = " or None" if optional else ""
    if not isinstance(value, str):
        raise TypeError(f"mode must be a string{or_none}, not {type(value).__name__}")
    if value not in MODES:
        raise ValueError(f"mode must be one of {', '.join(map(repr, MODES))}{or_none}, not {value!r}")
    return value

UNIT_GRAN = {
    "D": "day",
    "W": "week",
    "WE": "weekend",
    "M": "month",
    "Q": "quarter",
    "H": "hour",
    "MI": "minute",
    "S": "second",
    "Y": "year",
    "DE": "decade",
    "CE": "century",
}
_GRAN_RANK = GRANULARITY_RANK
_UNDERSPEC_BY_GRAN = {
    "day": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "weekend": "XXXX-WXX-WE",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
    "hour": "XXXX-XX-XXTXX:XX",
    "minute": "XXXX-XX-XXTXX:XX",
    "second": "XXXX-XX-XXTXX:XX",
}


#: How far back (characters) a bare clock time looks for the day it is on, in news.
CLOCK_REACH = 400


# the known part of a partly known date: "1980-XX-XX" -> 1980, "BC0479-06-XX" -> BC0479-06
_KNOWN_PART = re.compile(r"^(?:BC)?\d{4}(?:-\d{2}(?=-X))?(?=-[XW])")


@dataclass
class ResolutionContext:
    """Mutable state while resolving one text, in reading order."""

    published: datetime | None
    mode: Mode = "news"
    # the caller's order of numeric dates ("MDY", "DMY", "YMD"), or None to infer it
    date_order: str | None = None
    # resolved dates in reading order: (granularity, first day)
    # (granularity, None) for a date the text gave but that could not be placed
    mentions: list[tuple[str, date | None]] = field(default_factory=list)
    # where each of them ends in the text (characters), in the same order
    ends: list[int] = field(default_factory=list)
    # what the text's dates read so far say about the order of its numeric dates
    evidence: OrderEvidence = field(default_factory=OrderEvidence)
    # a DateOrderWarning is given once per text
    order_warned: bool = False
    # indices (into ``mentions``) of dates said as an aside, in parentheses: they do not
    # move a history's current date (``story_time``)
    asides: set[int] = field(default_factory=set)

    def observe(self, mentions: Sequence[Mention]) -> None:
        """Take the evidence of these mentions (read before any of them is resolved) about
        the order of the text's numeric dates."""
        for m in mentions:
            if m.value.startswith("NUM:"):
                _, a, b, year = m.value.split(":")
                self.evidence.observe_numeric(int(a), int(b), year)
            elif m.order_hint is not None:
                self.evidence.observe_written(m.order_hint)

    @property
    def pub_day(self) -> date | None:
        return self.published.date() if self.published else None

    def admits(self, m: Mention) -> bool:
        """Whether a mention stands. A bare number read as a year (a rule with a
        ``year_window``) stands, in news mode, only between the window's first year and a
        few years after the publication year (without a publication date: from the first
        year on); in narrative mode (history, biographies) every year stands."""
        if m.year_window is None or self.mode == "narrative":
            return True
        year = int(m.value[:4])
        first, after = m.year_window
        if year < first:
            return False
        return self.published is None or year <= self.published.year + after

    def last_mention(self, gran: str, *, near: tuple[int, int] | None = None, asides: bool = True) -> tuple[str, date] | None:
        """The last mentioned date at least as precise as ``gran``: (granularity, first day).
        With ``near=(position, reach)``, only one that ends at most ``reach`` characters
        before ``position``; with ``asides=False``, not one said in parentheses."""
        rank = _GRAN_RANK.get(gran, _GRAN_RANK["day"])
        for k in range(len(self.mentions) - 1, -1, -1):
            g, d = self.mentions[k]
            if _GRAN_RANK[g] <= rank and (asides or k not in self.asides):
                if near is not None and k < len(self.ends) and near[0] - self.ends[k] > near[1]:
                    return None
                return (g, d) if d is not None else None
        return None

    def story_time(self) -> tuple[str, date] | None:
        """Where a history is at this point of reading: the last mentioned date of any
        granularity up to a year ("In 1940", "by May 1941", "on 7 December 1941"), as
        (granularity, first day), leaving out asides (dates in parentheses: "a study
        (2003)", "the Constitution (1790)"); ``None`` before the first one."""
        return self.last_mention("year", asides=False)

    def last_mentioned(self, gran: str) -> date | None:
        """Start of the last mentioned date at least as precise as ``gran``."""
        lm = self.last_mention(gran)
        return lm[1] if lm else None

    def remember(self, t: Timex, *, aside: bool = False) -> None:
        """Take ``t`` as the last mentioned date (``aside``: said in parentheses)."""
        if t.type not in ("DATE", "TIME"):
            return
        stand_in = bc_stand_in(t.value) if t.interval is None else None
        interval, gran = (t.interval, t.granularity) if stand_in is None else (interval_of(stand_in), granularity_of(stand_in))
        if interval is not None and gran in _GRAN_RANK:
            g = "day" if _GRAN_RANK[gran] < _GRAN_RANK["day"] else gran
            self.mentions.append((g, interval[0].date()))
        elif "X" in t.value:
            known = _KNOWN_PART.match(t.value)
            part = known.group(0) if known else None
            part = bc_stand_in(part) if part and part.startswith("BC") else part
            iv = interval_of(part) if part else None
            if iv is not None:
                # known in part ("1980-XX-XX", "three days later" in a history told by
                # years): the story is still in that year (month)
                self.mentions.append((granularity_of(part) or "year", iv[0].date()))  # type: ignore[arg-type]
            else:
                # a date that could not be placed ("yesterday" without a publication date):
                # what is counted from it ("the following day") cannot be counted from an
                # earlier one
                self.mentions.append(("day", None))
        else:
            return
        self.ends.append(t.end)
        if aside:
            self.asides.add(len(self.mentions) - 1)


@dataclass(frozen=True, slots=True)
class Resolved:
    value: str
    anchor: date | None
    reason: str


#: How a relative value counts: from the publication date (``REF``), from the last mentioned
#: date at least as precise as its unit (``ANCHOR``), or that date moved by exactly the
#: amount (``SHIFT``).
RelativeKind = Literal["REF", "ANCHOR", "SHIFT"]
_RELATIVE = re.compile(r"^(REF|ANCHOR|SHIFT):([A-Z]+):([+-]?(?:\d+(?:\.\d+)?|X))(?:/(.*))?$")


@dataclass(frozen=True, slots=True)
class Relative:
    """A relative value of the rules' anchoring language, read once: ``REF:W:-1`` is one week
    before the publication week; ``ANCHOR:D:+1/TMO`` the morning of the day after the last
    mentioned day; ``SHIFT:M:+15`` that date fifteen months on. ``offset`` keeps its sign and
    may be ``X`` (an unknown amount: "days later") or a fraction.

    >>> Relative.parse("ANCHOR:D:+1/TMO")
    Relative(kind='ANCHOR', unit='D', offset='+1', suffix='TMO')
    >>> Relative.parse("2024-05"), Relative.parse("REF:W:-1").gran
    (None, 'week')
    """

    kind: RelativeKind
    unit: str
    offset: str
    suffix: str = ""

    @staticmethod
    @functools.lru_cache(maxsize=4096)
    def parse(value: str) -> Relative | None:
        """The relative value ``value`` is, or ``None`` when it is not one."""
        m = _RELATIVE.match(value)
        if m is None:
            return None
        return Relative(cast(RelativeKind, m.group(1)), m.group(2), m.group(3), m.group(4) or "")

    @property
    def gran(self) -> str:
        """The granularity its unit counts in (days for an unknown unit)."""
        return UNIT_GRAN.get(self.unit, "day")

    @property
    def vague(self) -> bool:
        """Whether the amount is unknown ("a few days later": ``X``)."""
        return self.offset.lstrip("+-") == "X"

