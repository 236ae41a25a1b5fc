"""Resolution: underspecified mention values -> TIMEX3 values, intervals and reasons.

A small dispatch table keyed by the kind of anchoring a value needs:

=================  ========================================  ==============================
value shape        meaning                                   anchored on
=================  ========================================  ==============================
``REF:u:n[/s]``    n units ``u`` from the reference          publication date (news mode)
``ANCHOR:u:n[/s]`` n units from the last mentioned date      last mention (or publication)
``SHIFT:u:n``      the last mention moved by exactly n units  last mention (or publication)
``XXXX-...``       a year or week to choose by direction     publication date + tense
``HOL:name[:y]``   a holiday                                 publication date + tense
anything else      already a TIMEX3 value                    -
=================  ========================================  ==============================

Directions: ``past`` = the latest candidate starting on or before the reference;
``before`` = the latest one entirely before the reference's period; ``future`` = the
earliest one not yet over (for single days: strictly after the reference day);
``after`` = the earliest one starting after the reference's period; ``nearest`` = the one
containing or closest to the reference; ``mostly_past`` = the past one unless the coming one
is more than twice as close. ``DIRECTION_POLICY`` maps each tense to one of these per kind
of partial date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal
from datetime import date, datetime, timedelta

from ._dateorder import OrderEvidence, read_numeric
from ._errors import DateOrderWarning, warn

from ._tense import Tense
from ._timex3 import GRANULARITY_RANK, BC_OFFSET, bc_stand_in, from_stand_in, granularity_of, interval_of, is_stand_in, is_valid_value, period_value, shift, shift_exact
from ._types import Timex
from .rules import DEFERRED, Mention

__all__ = ["ResolutionContext", "resolve", "Mode", "MODES"]

#: How a text's dates are resolved: against the publication date (news) or against where the
#: story is (narrative: histories, biographies). The one definition of the modes.
Mode = Literal["news", "narrative"]
MODES: tuple[Mode, ...] = ("news", "narrative")

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
class _Resolved:
    value: str
    anchor: date | None
    reason: str


# --- REF / ANCHOR --------------------------------------------------------------------------

_REL = re.compile(r"^(REF|ANCHOR|SHIFT):([A-Z]+):([+-]?(?:\d+(?:\.\d+)?|X))(?:/(.*))?$")


def _within(story_gran: str, d: date, gran: str) -> str | None:
    """A value of granularity ``gran`` inside the period of granularity ``story_gran`` that
    holds ``d``, with the unknown part left as X: ("year", 1980-01-01, "day") ->
    ``1980-XX-XX``; ``None`` when there is no such shape."""
    prefix = {"year": f"{d.year:04d}", "month": f"{d.year:04d}-{d.month:02d}"}.get(story_gran)
    if prefix is None:
        return None
    tail = {
        ("year", "day"): "-XX-XX",
        ("year", "week"): "-WXX",
        ("year", "month"): "-XX",
        ("month", "day"): "-XX",
    }.get((story_gran, gran))
    return None if tail is None else prefix + tail


def _relative(m: Mention, tense: Tense, ctx: ResolutionContext) -> _Resolved:
    rel = _REL.match(m.value)
    if rel is None:
        return _Resolved(m.value, None, "unrecognised relative value")
    kind, unit, off, suffix = rel.group(1), rel.group(2), rel.group(3), rel.group(4) or ""
    gran = UNIT_GRAN.get(unit, "day")
    use_last = kind in ("ANCHOR", "SHIFT") or ctx.mode == "narrative"
    ref = None
    ref_gran = "day"
    source = "publication"
    if use_last:
        # a bare clock time ("at 2.30 pm") in news is on the day the text is about just then:
        # a day named shortly before, else the publication day
        clock = kind == "ANCHOR" and suffix.startswith("T") and ctx.mode == "news"
        near = (m.start, CLOCK_REACH) if clock else None
        lm = ctx.last_mention("day" if gran in ("hour", "minute", "second") else gran, near=near)
        story = ctx.story_time() if ctx.mode == "narrative" else None
        if story is not None and off.lstrip("+-") != "X" and _GRAN_RANK[story[0]] > _GRAN_RANK.get(gran, 0):
            # a history last named a coarser date ("in 1980 ... three days later"): what is
            # counted from it is known only to that precision (1980-XX-XX), never counted
            # from an older, finer date
            within = _within(story[0], story[1], gran)
            if within is not None:
                return _Resolved(within, story[1], f"{gran}s counted from the story's date {story[1]}, known only to its {story[0]}")
        if lm is not None:
            ref_gran, ref = lm
            source = "last mentioned date"
    if ref is None:
        ref = ctx.pub_day
        source = "publication"
    sign = -1 if off.startswith("-") else 1
    if off.lstrip("+-") == "X":
        return _Resolved("PAST_REF" if sign < 0 else "FUTURE_REF", ref, f"vague amount of {gran}s {'before' if sign < 0 else 'after'} {source}")
    if ref is None:
        return _Resolved(_UNDERSPEC_BY_GRAN.get(gran, "XXXX") + suffix if gran == "day" else _UNDERSPEC_BY_GRAN.get(gran, "XXXX"), None, "relative date with no reference date")
    amount = float(off)
    n = int(amount)
    if is_stand_in(ref) and gran in ("decade", "century") and amount == n:
        # BC decades and centuries run backwards: the one after the 490s BC is the 480s BC
        bc = 1 - (ref.year - BC_OFFSET)
        size, width = (10, 3) if gran == "decade" else (100, 2)
        k = bc // size - n
        if k < 0:
            return _Resolved(_UNDERSPEC_BY_GRAN[gran], None, "counted across the start of the era")
        return _Resolved(f"BC{k:0{width}d}", None, f"{abs(n)} {gran}(s) {'before' if n < 0 else 'after'} the {gran} of {bc} BC")
    if gran in ("hour", "minute", "second"):
        pub = ctx.published
        if source == "publication" and pub is not None and (pub.hour or pub.minute):
            delta = {"hour": timedelta(hours=amount), "minute": timedelta(minutes=amount), "second": timedelta(seconds=amount)}[gran]
            t = pub + delta
            return _Resolved(t.strftime("%Y-%m-%dT%H:%M"), ref, f"{abs(amount):g} {gran}(s) {'before' if amount < 0 else 'after'} publication time {pub:%Y-%m-%dT%H:%M}")
        t = datetime(ref.year, ref.month, ref.day) + {"hour": timedelta(hours=amount), "minute": timedelta(minutes=amount), "second": timedelta(seconds=amount)}[gran]
        return _Resolved(t.date().isoformat(), ref, f"{abs(amount):g} {gran}(s) from {source} {ref} (time of day unknown)")
    if amount != n:
        return _Resolved(_UNDERSPEC_BY_GRAN.get(gran, "XXXX"), ref, "fractional calendar offset")
    if kind == "SHIFT":
        # news keeps a finer reference ("a year earlier" than 1989-Q3 is 1988-Q3); a history
        # counts in the unit it names ("Fifteen months later" than May 23, 1915 is 1916-08)
        finer = _GRAN_RANK.get(ref_gran, 99) < _GRAN_RANK.get(gran, 0)
        out_gran = ref_gran if finer and ctx.mode == "news" else gran
        try:
            value = period_value(out_gran, shift_exact(gran, ref, n))
        except (ValueError, OverflowError, KeyError):
            return _Resolved(_UNDERSPEC_BY_GRAN.get(gran, "XXXX"), ref, "out of calendar range")
        return _Resolved(value, ref, f"{abs(n)} {gran}{'s' if abs(n) > 1 else ''} {'before' if n < 0 else 'after'} {source} {ref} ({out_gran} precision)")
    try:
        target = shift(gran, ref, n)
        value = period_value(gran, target) + suffix
    except (ValueError, OverflowError):
        return _Resolved(_UNDERSPEC_BY_GRAN.get(gran, "XXXX"), ref, "out of calendar range")
    if n == 0:
        how = f"same {gran} as"
    else:
        how = f"{abs(n)} {gran}{'s' if abs(n) > 1 else ''} {'before' if n < 0 else 'after'}"
    return _Resolved(value, ref, f"{how} {source} {ref}")


# --- XXXX partials: pick the year (or week) from the direction ------------------------------

_PARTIAL = re.compile(r"^XXXX-(?P<rest>(?:WXX-(?:[1-7]|WE))|\d{2}-\d{2}|XX-\d{2}|\d{2}|SP|SU|FA|WI|Q[1-4]|H[12])(?P<time>T.*)?$")


LEAP_DAY = "02-29"
#: How many years either side of the reference a "February 29" looks for a leap year (the
#: longest gap between two leap years is eight: 1896 to 1904).
LEAP_DAY_REACH = 8


def _candidates_partial(rest: str, ref: date) -> list[tuple[str, datetime, datetime]]:
    out: list[tuple[str, datetime, datetime]] = []
    if rest.startswith("WXX-"):
        wd = rest[4:]
        monday = ref - timedelta(days=ref.weekday())
        for k in (-2, -1, 0, 1, 2):
            try:
                mon = monday + timedelta(weeks=k)
                if wd == "WE":
                    v = period_value("weekend", mon)
                else:
                    v = (mon + timedelta(days=int(wd) - 1)).isoformat()
            except OverflowError:  # before year 1 or after 9999
                continue
            iv = interval_of(v)
            if iv:
                out.append((v, *iv))
        return out
    if rest.startswith("XX-"):
        # a day of the month ("on the 20th"): that day in the months around the reference
        for k in (-2, -1, 0, 1, 2):
            y, mo = divmod(ref.year * 12 + ref.month - 1 + k, 12)
            v = f"{y:04d}-{mo + 1:02d}{rest[2:]}"
            iv = interval_of(v) if 1 <= y <= 9999 else None
            if iv:
                out.append((v, *iv))
        return out
    # February 29 exists in one year of four (none of 1897-1903): look far enough for a
    # leap year on each side
    reach = LEAP_DAY_REACH if rest == LEAP_DAY else 2
    for y in range(ref.year - reach, ref.year + reach + 1):
        v = f"{y:04d}-{rest}"
        iv = interval_of(v)
        if iv:
            out.append((v, *iv))
    return out


# How the tense of the clause maps to a search direction, per kind of partial date.
# Tuned on TimeBank/AQUAINT: weekdays follow the tense closely (news reports the past
# week); month-days in business news are often coming dates even in past-tense sentences
# ("declared a dividend payable Dec. 15"), so a past clause only tilts them backwards
# ("mostly_past") and without a cue they go to the nearest occurrence.
DIRECTION_POLICY: dict[str, dict[str | None, str]] = {
    "weekday": {"past": "past", "future": "after", "present": "nearest", "conditional": "nearest", None: "past"},
    "date": {"past": "mostly_past", "future": "future", "present": "nearest", "conditional": "nearest", None: "nearest"},
    "period": {"past": "past", "future": "future", "present": "nearest", "conditional": "nearest", None: "nearest"},
    # results are reported after a quarter ends: "expects to report a third-quarter loss"
    # said in October is the quarter just ended, not next year's
    "quarter": {"past": "past", "future": "nearest", "present": "nearest", "conditional": "nearest", None: "nearest"},
    "holiday": {"past": "past", "future": "future", "present": "nearest", "conditional": "nearest", None: "nearest"},
}


MOSTLY_PAST_RATIO = 0.5

# Mods that make a weekday part of that day ("early Tuesday", "late Tuesday"), like the
# rules marked ``same_day`` ("later Tuesday", "Tuesday evening", "3 p.m. Tuesday").
DAY_PART_MODS = frozenset({"START", "MID", "END"})


def _pick(cands: list[tuple[str, datetime, datetime]], ref: date, direction: str, day_level: bool) -> tuple[str, str] | None:
    r0 = datetime(ref.year, ref.month, ref.day)
    r1 = r0 + timedelta(days=1) if r0.date() < date.max else datetime.max
    chosen = None
    if direction == "past":
        ok = [c for c in cands if c[1] < r1]
        chosen = max(ok, key=lambda c: c[1]) if ok else None
        desc = "on or before"
    elif direction == "before":
        ok = [c for c in cands if c[2] <= r0] if day_level else [c for c in cands if c[2] <= r0 and not (c[1] <= r0 < c[2])]
        chosen = max(ok, key=lambda c: c[1]) if ok else None
        desc = "before"
    elif direction == "future":
        ok = [c for c in cands if c[2] > r0]
        chosen = min(ok, key=lambda c: c[1]) if ok else None
        desc = "on or after"
    elif direction == "mostly_past":
        # past-tense evidence, but business news dates coming events in past-tense reports
        # ("declared a dividend payable Dec. 15"): the coming occurrence wins only when it is
        # much closer than the past one
        past = [c for c in cands if c[1] < r1]
        coming = [c for c in cands if c[1] >= r1]
        p = max(past, key=lambda c: c[1]) if past else None
        f = min(coming, key=lambda c: c[1]) if coming else None
        if p is not None and f is not None:
            chosen = f if (f[1] - r0) < MOSTLY_PAST_RATIO * (r0 - p[1]) else p
        else:
            chosen = p or f
        desc = "most plausibly around"
    elif direction == "after":
        ok = [c for c in cands if c[1] >= r1]
        chosen = min(ok, key=lambda c: c[1]) if ok else None
        desc = "after"
    else:
        def dist(c: tuple[str, datetime, datetime]) -> float:
            if c[1] <= r0 < c[2]:
                return 0.0
            return min(abs((c[1] - r0).total_seconds()), abs((c[2] - r1).total_seconds()))

        chosen = min(cands, key=dist) if cands else None
        desc = "nearest to"
    return (chosen[0], desc) if chosen else None


def _partial(m: Mention, tense: Tense, ctx: ResolutionContext) -> _Resolved:
    p = _PARTIAL.match(m.value)
    if p is None:
        return _Resolved(m.value, None, "underspecified value kept")
    rest, time = p.group("rest"), p.group("time") or ""
    if ctx.mode == "narrative" and not rest.startswith("WXX-"):
        story = _in_story(m, rest, time, ctx)
        if story is not None:
            return story
    if m.direction == ANCHORED:
        return _anchored(m, rest, time, ctx)
    ref = ctx.last_mentioned("day") if ctx.mode == "narrative" else None
    ref = ref or ctx.pub_day
    if ref is None:
        return _Resolved(m.value, None, "no publication date: value left underspecified")
    day_level = rest.startswith("WXX-") and not rest.endswith("WE") or bool(re.match(r"(?:\d{2}|XX)-\d{2}$", rest))
    kind = "weekday" if rest.startswith("WXX-") and rest != "WXX-WE" else "weekend" if rest == "WXX-WE" else "date" if day_level else "period"
    cands = _candidates_partial(rest, ref)
    if kind == "weekday" and m.direction is None and (m.same_day or m.mod in DAY_PART_MODS):
        # "later Tuesday", "Tuesday evening", "early Tuesday" written on a Tuesday: that
        # very day, whatever the tense
        today = [c for c in cands if c[1].date() == ref]
        if today:
            where = "publication" if ctx.mode == "news" else "reference"
            return _Resolved(today[0][0] + time, ref, f"weekday of the {where} day {ref} itself (part of that day)")
    policy = "quarter" if rest.startswith(("Q", "H")) else "weekday" if kind == "weekend" else kind
    direction = m.direction or DIRECTION_POLICY[policy][tense.direction]
    if rest == LEAP_DAY and direction == "mostly_past":
        # a coming date said in the past tense is a near one ("payable Dec. 15"); the next
        # February 29 is up to four years away: past tense, past leap day
        direction = "past"
    picked = _pick(cands, ref, direction, day_level)
    if picked is None:
        return _Resolved(m.value, ref, "no candidate date")
    value, desc = picked
    why = f"rule says {m.direction}" if m.direction else tense.describe()
    return _Resolved(value + time, ref, f"{kind} {desc} {'publication' if ctx.mode == 'news' else 'reference'} {ref} ({why})")


#: In a history, a month (or season, or day of a month) without a year is in the story's
#: current year, unless the same month of the next year is nearer to where the story is:
#: "in October 1944 ... by March" is March 1945. This factor weighs the months forward
#: against the months back (1: plain nearest; more: a stronger pull back to the current
#: year). On WikiWars 01-16 value F1: same year always 0.807, nearest 0.806, 1.5 0.807.
STORY_FORWARD_WEIGHT = 1.5


#: The direction of anaphoric rules ("that Friday"): counted from the last mentioned day.
ANCHORED = "anchored"


def _anchored(m: Mention, rest: str, time: str, ctx: ResolutionContext) -> _Resolved:
    """"that Friday" (after "Talks collapsed on May 3"): the occurrence nearest the last
    mentioned day, a later one winning a tie. Without a day-precise date before it, the
    weekday is left underspecified rather than placed in the publication week."""
    ref = ctx.last_mentioned("day")
    if ref is None:
        return _Resolved(m.value, None, "anaphoric date with no day mentioned before it")
    r0 = datetime(ref.year, ref.month, ref.day)
    cands = _candidates_partial(rest, ref)
    if not cands:
        return _Resolved(m.value, ref, "no candidate date")
    best = min(cands, key=lambda c: (abs((c[1] - r0).days), c[1] < r0))
    return _Resolved(best[0] + time, ref, f"nearest to the last mentioned day {ref}")


def _period_interval(gran: str, d: date) -> tuple[datetime, datetime] | None:
    """The interval of the period of granularity ``gran`` that holds ``d``, if it has one."""
    try:
        return interval_of(period_value(gran, d))
    except (KeyError, ValueError, OverflowError):
        return None


def _in_story(m: Mention, rest: str, time: str, ctx: ResolutionContext) -> _Resolved | None:
    """A partial date (not a weekday) in narrative mode: placed from where the story is
    (:meth:`ResolutionContext.story_time`), not from the tense of its clause. After a bare
    year ("In 1940 ... in April") it is in that year; after a month or a day, in the same
    year, or in the next when that is nearer ("December 1944 ... by January"). A rule's
    own direction ("the previous April") counts from the story's date. ``None`` before
    the story has a date."""
    story = ctx.story_time()
    if story is None:
        return None
    gran, ref = story
    cands = _candidates_partial(rest, ref)
    if m.direction is not None:
        # "the previous April": the last one starting before the story's period; "the
        # following spring": the first one starting after it ("In 1940 ... the following
        # spring" is 1941)
        start = datetime(ref.year, ref.month, ref.day)
        iv = _period_interval(gran, ref)
        end = iv[1] if iv else start + timedelta(days=1)
        if m.direction in ("before", "past"):
            ok = [c for c in cands if c[1] < start]
            chosen = max(ok, key=lambda c: c[1]) if ok else None
        else:
            ok = [c for c in cands if c[1] >= end]
            chosen = min(ok, key=lambda c: c[1]) if ok else None
        if chosen is None:
            return None
        return _Resolved(chosen[0] + time, ref, f"{'before' if m.direction in ('before', 'past') else 'after'} the story's date {ref} (rule says {m.direction})")
    if rest.startswith("XX-"):
        # "on the 20th": in the story's month, once the story has one
        if _GRAN_RANK.get(gran, 99) > _GRAN_RANK["month"]:
            return None
        month = [c for c in cands if (c[1].year, c[1].month) == (ref.year, ref.month)]
        return _Resolved(month[0][0] + time, ref, f"in the month of the story's date {ref}") if month else None
    if gran == "year":
        # the one named by that year ("In 1951 ... the winter" is 1951-WI)
        named = [c for c in cands if c[0].startswith(f"{ref.year:04d}")]
        return _Resolved(named[0][0] + time, ref, f"in the story's current year {ref.year}") if named else None
    r0 = datetime(ref.year, ref.month, ref.day)
    inside = [c for c in cands if c[1] <= r0 < c[2]]
    if inside:
        # "In January 1951 ... the winter": the one the story is in
        return _Resolved(inside[0][0] + time, ref, f"the one holding the story's date {ref}")
    same = [c for c in cands if c[1].year == ref.year]
    if not same:
        return None
    nxt = [c for c in cands if c[1].year == ref.year + 1]
    back = (r0 - same[0][1]).days
    if nxt and back > 0 and (nxt[0][1] - r0).days * STORY_FORWARD_WEIGHT < back:
        return _Resolved(nxt[0][0] + time, ref, f"the next year after the story's date {ref}: nearer than the same year")
    return _Resolved(same[0][0] + time, ref, f"in the year of the story's date {ref}")


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


def _holiday(m: Mention, tense: Tense, ctx: ResolutionContext) -> _Resolved:
    parts = m.value.split(":")
    spec = parts[1]
    if len(parts) > 2:
        return _Resolved(holiday_date(spec, int(parts[2])).isoformat(), None, "holiday in the year given")
    ref = ctx.pub_day
    if ref is None:
        return _Resolved("XXXX-XX-XX" if spec.startswith("EASTER") or not spec[3:].isdigit() else f"XXXX-{spec}", None, "holiday, no publication date")
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
        return _Resolved("XXXX-XX-XX", ref, "holiday out of calendar range (years 1 to 9999)")
    return _Resolved(picked[0], ref, f"holiday {picked[1]} publication {ref} ({tense.describe()})")


def _numeric(m: Mention, tense: Tense, ctx: ResolutionContext) -> _Resolved:
    """A numeric date ("06/05/2024"): its order from the caller, the text, or the default."""
    _, a, b, year = m.value.split(":")
    r = read_numeric(int(a), int(b), year, given=ctx.date_order, inferred=ctx.evidence.order)
    if r is None:  # the rules only let through dates that some order makes real
        return _Resolved("XXXX-XX-XX", None, "numeric date that is no real date")
    if r.ambiguous and not ctx.order_warned:
        ctx.order_warned = True
        warn(
            f"{m.text!r} could be read month first or day first and the text's other dates do "
            f"not tell; read {r.order} ({r.value.isoformat()}); choose with date_order= (command line: --date-order)",
            DateOrderWarning,
        )
    return _Resolved(r.value.isoformat(), None, r.how)


#: A year written with two digits ("'98") is the latest one ending in them up to this many
#: years after the reference year ("'27" said in 2023 is 2027; "'99" in a 1917 story, 1899).
TWO_DIGIT_YEAR_AHEAD = 5
_TWO_DIGIT = re.compile(r"^YY(\d\d)(.*)$")


def _two_digit_year(m: Mention, tense: Tense, ctx: ResolutionContext) -> _Resolved:
    """``YY98`` (or ``YY98-01``, "Jan. '98"): the century from the story's date in a
    history, else from the publication date; with neither, 1930-2029."""
    p = _TWO_DIGIT.match(m.value)
    if p is None:
        return _Resolved("XXXX", None, "unrecognised two-digit year")
    yy, rest = int(p.group(1)), p.group(2)
    story = ctx.story_time() if ctx.mode == "narrative" else None
    ref = story[1] if story is not None else ctx.pub_day
    if ref is None:
        return _Resolved(f"{1900 + yy if yy >= 30 else 2000 + yy:04d}{rest}", None, "two-digit year, no reference date: 1930-2029")
    limit = ref.year + TWO_DIGIT_YEAR_AHEAD
    year = limit - (limit - yy) % 100
    where = "story's date" if story is not None else "publication"
    return _Resolved(f"{year:04d}{rest}", ref, f"two-digit year: the latest ending in {yy:02d} up to {TWO_DIGIT_YEAR_AHEAD} years after the {where} {ref}")


def _literal(m: Mention, tense: Tense, ctx: ResolutionContext) -> _Resolved:
    if m.type in ("DURATION", "SET"):
        return _Resolved(m.value, None, m.type.lower())
    if m.value.endswith("_REF"):
        return _Resolved(m.value, ctx.pub_day, "reference to the " + m.value[:-4].lower())
    return _Resolved(m.value, None, "absolute date")


_DISPATCH: list[tuple[Callable[[str], bool], Callable[[Mention, Tense, ResolutionContext], _Resolved]]] = [
    (lambda v: v.startswith(("REF:", "ANCHOR:", "SHIFT:")), _relative),
    (lambda v: v.startswith("XXXX-"), _partial),
    (lambda v: v.startswith("HOL:"), _holiday),
    (lambda v: v.startswith("NUM:"), _numeric),
    (lambda v: v.startswith("YY"), _two_digit_year),
    (lambda v: True, _literal),
]


def _underspecified(value: str) -> str:
    """The fully underspecified value of the same granularity as ``value`` (when it can be
    told from its shape), else ``XXXX``."""
    if value.startswith(("REF:", "ANCHOR:", "SHIFT:")):
        rel = _REL.match(value)
        return _UNDERSPEC_BY_GRAN.get(UNIT_GRAN.get(rel.group(2), "day"), "XXXX") if rel else "XXXX"
    if value.startswith(("HOL:", "NUM:")):
        return "XXXX-XX-XX"
    if value.startswith("YY"):
        return "XXXX-XX" if "-" in value else "XXXX"
    gran = granularity_of(value)
    if gran is None and value.startswith("XXXX-") and is_valid_value(value):
        return value  # already underspecified ("XXXX-SP")
    coarser = {"part_of_day": "day", "season": "month", "half": "month", "millennium": "century"}
    return _UNDERSPEC_BY_GRAN.get(coarser.get(gran or "year", gran or "year"), "XXXX")


def needs_tense(m: Mention) -> bool:
    """Whether this mention's resolution depends on the clause's tense."""
    if m.direction is not None or m.type not in ("DATE", "TIME"):
        return False
    return m.value.startswith("XXXX-") or (m.value.startswith("HOL:") and m.value.count(":") == 1)


def _after_first(m: Mention, first: Timex) -> _Resolved | None:
    """The second end of a range ("from December to February"), when partial: the first
    candidate on or after the first end's day, other than the first end itself (``None``
    when the mention is not partial)."""
    p = _PARTIAL.match(m.value)
    if p is None or first.interval is None:
        return None
    rest, time = p.group("rest"), p.group("time") or ""
    day = first.interval[0].replace(hour=0, minute=0, second=0, microsecond=0)
    cands = [c for c in _candidates_partial(rest, day.date()) if c[1] >= day and c[0] + time != first.value]
    if not cands:
        return None
    value = min(cands, key=lambda c: c[1])[0]
    return _Resolved(value + time, day.date(), f"second end of a range: the first one from {first.text!r} ({first.value}) on")


def _before_last(m: Mention, last: tuple[datetime, datetime], last_text: str) -> _Resolved | None:
    """The first end of a range whose second end gives its year ("26 June - 4 August 1952",
    "from May to July 1952"): the last candidate starting on or before the second end's
    start (``None`` when the mention is not partial)."""
    p = _PARTIAL.match(m.value)
    if p is None:
        return None
    rest, time = p.group("rest"), p.group("time") or ""
    day = last[0].replace(hour=0, minute=0, second=0, microsecond=0)
    cands = [c for c in _candidates_partial(rest, day.date()) if c[1] <= day]
    if not cands:
        return None
    value = max(cands, key=lambda c: c[1])[0]
    return _Resolved(value + time, day.date(), f"the last one up to {last_text!r}, which closes its range or list")


def range_end_interval(m: Mention) -> tuple[datetime, datetime] | None:
    """The interval of a range's second end when its value needs no context ("4 August
    1952", "1952"), else ``None``."""
    return interval_of(m.value) if m.type in ("DATE", "TIME") and not m.value.startswith(DEFERRED) else None


def resolve(
    m: Mention,
    tense: Tense,
    ctx: ResolutionContext,
    *,
    after: Timex | None = None,
    before: tuple[Mention, tuple[datetime, datetime]] | None = None,
    aside: bool = False,
) -> Timex:
    """Resolve one mention in context and remember it as the last mentioned date.

    ``after`` is the first end of a range whose second end ``m`` is ("from December to
    February"): a partial second end resolved to before the first is resolved again, as the
    first candidate from the first end on. ``before`` is the second end of a range whose
    first end ``m`` is, with its interval, when that needs no context ("26 June - 4 August
    1952"): a partial first end is the last candidate up to it, whatever the tense or the
    story's date. ``aside`` says the mention is in parentheses (it does not move a
    history's current date)."""
    if m.type in ("DURATION", "SET"):
        r = _literal(m, tense, ctx)  # amounts and recurrences are not anchored
    else:
        for applies, handler in _DISPATCH:
            if applies(m.value):
                try:
                    r = handler(m, tense, ctx)
                except (ValueError, OverflowError):  # a date before year 1 or after 9999
                    r = _Resolved(_underspecified(m.value), ctx.pub_day, "out of calendar range (years 1 to 9999)")
                break
    if before is not None and m.type in ("DATE", "TIME") and m.direction is None:
        r = _before_last(m, before[1], before[0].text) or r
    if after is not None and after.interval is not None and m.type in ("DATE", "TIME") and m.direction is None:
        iv = interval_of(r.value)
        if iv is not None and iv[0] < after.interval[0]:
            r = _after_first(m, after) or r
    if r.anchor is not None and is_stand_in(r.anchor) and m.type in ("DATE", "TIME"):
        # counted from a date before Christ: written back in real years
        r = _Resolved(from_stand_in(r.value), None, r.reason.replace(str(r.anchor), from_stand_in(r.anchor.isoformat())) + " (before Christ)")
    value = r.value
    iv = interval_of(value) if m.type in ("DATE", "TIME") else None
    if iv is None and m.type in ("DATE", "TIME") and not is_valid_value(value):
        # a value naming no real date or time ("9999-W52-WE" would start in year 10000):
        # never a wrong date, an underspecified one
        r = _Resolved(_underspecified(value), r.anchor, f"{value} is not a date on the calendar (years 1 to 9999)")
        value = r.value
    gran = granularity_of(value) if iv else None
    t = Timex(
        start=m.start,
        end=m.end,
        text=m.text,
        type=m.type,  # type: ignore[arg-type]
        value=value,
        mod=m.mod,
        interval=iv,
        granularity=gran,
        anchor=r.anchor,
        reason=r.reason,
        rule=m.rule,
    )
    if m.sets_anchor:
        ctx.remember(t, aside=aside)
    return t
