"""Partial dates ("XXXX-07", "XXXX-WXX-5", "XXXX-SP"): their candidates and the one a
direction picks; in a history, the one where the story is (part of the resolver)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from ._context import _GRAN_RANK, ResolutionContext, Resolved
from ._tense import Tense
from ._timex3 import interval_of, period_value
from .rules import Mention
from .rules._compile import ANCHORED


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


def _partial(m: Mention, tense: Tense, ctx: ResolutionContext) -> Resolved:
    p = _PARTIAL.match(m.value)
    if p is None:
        return Resolved(m.value, None, "underspecified value kept")
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
        return Resolved(m.value, None, "no publication date: value left underspecified")
    day_level = rest.startswith("WXX-") and not rest.endswith("WE") or bool(re.match(r"(?:\d{2}|XX)-\d{2}$", rest))
    kind = "weekday" if rest.startswith("WXX-") and rest != "WXX-WE" else "weekend" if rest == "WXX-WE" else "date" if day_level else "period"
    cands = _candidates_partial(rest, ref)
    if kind == "weekday" and m.direction is None and (m.same_day or m.mod in DAY_PART_MODS):
        # "later Tuesday", "Tuesday evening", "early Tuesday" written on a Tuesday: that
        # very day, whatever the tense
        today = [c for c in cands if c[1].date() == ref]
        if today:
            where = "publication" if ctx.mode == "news" else "reference"
            return Resolved(today[0][0] + time, ref, f"weekday of the {where} day {ref} itself (part of that day)")
    policy = "quarter" if rest.startswith(("Q", "H")) else "weekday" if kind == "weekend" else kind
    direction = m.direction or DIRECTION_POLICY[policy][tense.direction]
    if rest == LEAP_DAY and direction == "mostly_past":
        # a coming date said in the past tense is a near one ("payable Dec. 15"); the next
        # February 29 is up to four years away: past tense, past leap day
        direction = "past"
    picked = _pick(cands, ref, direction, day_level)
    if picked is None:
        return Resolved(m.value, ref, "no candidate date")
    value, desc = picked
    why = f"rule says {m.direction}" if m.direction else tense.describe()
    return Resolved(value + time, ref, f"{kind} {desc} {'publication' if ctx.mode == 'news' else 'reference'} {ref} ({why})")


#: In a history, a month (or season, or day of a month) without a year is in the story's
#: current year, unless the same month of the next year is nearer to where the story is:
#: "in October 1944 ... by March" is March 1945. This factor weighs the months forward
#: against the months back (1: plain nearest; more: a stronger pull back to the current
#: year). On WikiWars 01-16 value F1: same year always 0.807, nearest 0.806, 1.5 0.807.
STORY_FORWARD_WEIGHT = 1.5




def _anchored(m: Mention, rest: str, time: str, ctx: ResolutionContext) -> Resolved:
    """"that Friday" (after "Talks collapsed on May 3"): the occurrence nearest the last
    mentioned day, a later one winning a tie. Without a day-precise date before it, the
    weekday is left underspecified rather than placed in the publication week."""
    ref = ctx.last_mentioned("day")
    if ref is None:
        return Resolved(m.value, None, "anaphoric date with no day mentioned before it")
    r0 = datetime(ref.year, ref.month, ref.day)
    cands = _candidates_partial(rest, ref)
    if not cands:
        return Resolved(m.value, ref, "no candidate date")
    best = min(cands, key=lambda c: (abs((c[1] - r0).days), c[1] < r0))
    return Resolved(best[0] + time, ref, f"nearest to the last mentioned day {ref}")


def _period_interval(gran: str, d: date) -> tuple[datetime, datetime] | None:
    """The interval of the period of granularity ``gran`` that holds ``d``, if it has one."""
    try:
        return interval_of(period_value(gran, d))
    except (KeyError, ValueError, OverflowError):
        return None


def _in_story(m: Mention, rest: str, time: str, ctx: ResolutionContext) -> Resolved | None:
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
        return Resolved(chosen[0] + time, ref, f"{'before' if m.direction in ('before', 'past') else 'after'} the story's date {ref} (rule says {m.direction})")
    if rest.startswith("XX-"):
        # "on the 20th": in the story's month, once the story has one
        if _GRAN_RANK.get(gran, 99) > _GRAN_RANK["month"]:
            return None
        month = [c for c in cands if (c[1].year, c[1].month) == (ref.year, ref.month)]
        return Resolved(month[0][0] + time, ref, f"in the month of the story's date {ref}") if month else None
    if gran == "year":
        # the one named by that year ("In 1951 ... the winter" is 1951-WI)
        named = [c for c in cands if c[0].startswith(f"{ref.year:04d}")]
        return Resolved(named[0][0] + time, ref, f"in the story's current year {ref.year}") if named else None
    r0 = datetime(ref.year, ref.month, ref.day)
    inside = [c for c in cands if c[1] <= r0 < c[2]]
    if inside:
        # "In January 1951 ... the winter": the one the story is in
        return Resolved(inside[0][0] + time, ref, f"the one holding the story's date {ref}")
    same = [c for c in cands if c[1].year == ref.year]
    if not same:
        return None
    nxt = [c for c in cands if c[1].year == ref.year + 1]
    back = (r0 - same[0][1]).days
    if nxt and back > 0 and (nxt[0][1] - r0).days * STORY_FORWARD_WEIGHT < back:
        return Resolved(nxt[0][0] + time, ref, f"the next year after the story's date {ref}: nearer than the same year")
    return Resolved(same[0][0] + time, ref, f"in the year of the story's date {ref}")
