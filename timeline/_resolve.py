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
from collections.abc import Callable
from datetime import date, datetime, timedelta

from ._context import CLOCK_REACH, MODES, _GRAN_RANK, _UNDERSPEC_BY_GRAN, Mode, Relative, ResolutionContext, Resolved
from ._dateorder import read_numeric
from ._errors import DateOrderWarning, warn
from ._holidays import _holiday, holiday_date
from ._partial import _PARTIAL, DIRECTION_POLICY, _candidates_partial, _partial
from ._tense import Tense
from ._timex3 import BC_OFFSET, from_stand_in, granularity_of, interval_of, is_stand_in, is_valid_value, period_value, shift, shift_exact
from ._types import Timex
from .rules import DEFERRED, Mention

__all__ = ["ResolutionContext", "resolve", "Mode", "MODES", "needs_tense", "range_end_interval", "holiday_date", "DIRECTION_POLICY"]


# --- REF / ANCHOR --------------------------------------------------------------------------



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


def _relative(m: Mention, tense: Tense, ctx: ResolutionContext) -> Resolved:
    rel = Relative.parse(m.value)
    if rel is None:
        return Resolved(m.value, None, "unrecognised relative value")
    kind, off, suffix, gran = rel.kind, rel.offset, rel.suffix, rel.gran
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
        if story is not None and not rel.vague and _GRAN_RANK[story[0]] > _GRAN_RANK.get(gran, 0):
            # a history last named a coarser date ("in 1980 ... three days later"): what is
            # counted from it is known only to that precision (1980-XX-XX), never counted
            # from an older, finer date
            within = _within(story[0], story[1], gran)
            if within is not None:
                return Resolved(within, story[1], f"{gran}s counted from the story's date {story[1]}, known only to its {story[0]}")
        if lm is not None:
            ref_gran, ref = lm
            source = "last mentioned date"
    if ref is None:
        ref = ctx.pub_day
        source = "publication"
    sign = -1 if off.startswith("-") else 1
    if rel.vague:
        return Resolved("PAST_REF" if sign < 0 else "FUTURE_REF", ref, f"vague amount of {gran}s {'before' if sign < 0 else 'after'} {source}")
    if ref is None:
        return Resolved(_UNDERSPEC_BY_GRAN.get(gran, "XXXX") + suffix if gran == "day" else _UNDERSPEC_BY_GRAN.get(gran, "XXXX"), None, "relative date with no reference date")
    amount = float(off)
    n = int(amount)
    if is_stand_in(ref) and gran in ("decade", "century") and amount == n:
        # BC decades and centuries run backwards: the one after the 490s BC is the 480s BC
        bc = 1 - (ref.year - BC_OFFSET)
        size, width = (10, 3) if gran == "decade" else (100, 2)
        k = bc // size - n
        if k < 0:
            return Resolved(_UNDERSPEC_BY_GRAN[gran], None, "counted across the start of the era")
        return Resolved(f"BC{k:0{width}d}", None, f"{abs(n)} {gran}(s) {'before' if n < 0 else 'after'} the {gran} of {bc} BC")
    if gran in ("hour", "minute", "second"):
        pub = ctx.published
        if source == "publication" and pub is not None and (pub.hour or pub.minute):
            delta = {"hour": timedelta(hours=amount), "minute": timedelta(minutes=amount), "second": timedelta(seconds=amount)}[gran]
            t = pub + delta
            return Resolved(t.strftime("%Y-%m-%dT%H:%M"), ref, f"{abs(amount):g} {gran}(s) {'before' if amount < 0 else 'after'} publication time {pub:%Y-%m-%dT%H:%M}")
        t = datetime(ref.year, ref.month, ref.day) + {"hour": timedelta(hours=amount), "minute": timedelta(minutes=amount), "second": timedelta(seconds=amount)}[gran]
        return Resolved(t.date().isoformat(), ref, f"{abs(amount):g} {gran}(s) from {source} {ref} (time of day unknown)")
    if amount != n:
        return Resolved(_UNDERSPEC_BY_GRAN.get(gran, "XXXX"), ref, "fractional calendar offset")
    if kind == "SHIFT":
        # news keeps a finer reference ("a year earlier" than 1989-Q3 is 1988-Q3); a history
        # counts in the unit it names ("Fifteen months later" than May 23, 1915 is 1916-08)
        finer = _GRAN_RANK.get(ref_gran, 99) < _GRAN_RANK.get(gran, 0)
        out_gran = ref_gran if finer and ctx.mode == "news" else gran
        try:
            value = period_value(out_gran, shift_exact(gran, ref, n))
        except (ValueError, OverflowError, KeyError):
            return Resolved(_UNDERSPEC_BY_GRAN.get(gran, "XXXX"), ref, "out of calendar range")
        return Resolved(value, ref, f"{abs(n)} {gran}{'s' if abs(n) > 1 else ''} {'before' if n < 0 else 'after'} {source} {ref} ({out_gran} precision)")
    try:
        target = shift(gran, ref, n)
        value = period_value(gran, target) + suffix
    except (ValueError, OverflowError):
        return Resolved(_UNDERSPEC_BY_GRAN.get(gran, "XXXX"), ref, "out of calendar range")
    if n == 0:
        how = f"same {gran} as"
    else:
        how = f"{abs(n)} {gran}{'s' if abs(n) > 1 else ''} {'before' if n < 0 else 'after'}"
    return Resolved(value, ref, f"{how} {source} {ref}")


def _numeric(m: Mention, tense: Tense, ctx: ResolutionContext) -> Resolved:
    """A numeric date ("06/05/2024"): its order from the caller, the text, or the default."""
    _, a, b, year = m.value.split(":")
    r = read_numeric(int(a), int(b), year, given=ctx.date_order, inferred=ctx.evidence.order)
    if r is None:  # the rules only let through dates that some order makes real
        return Resolved("XXXX-XX-XX", None, "numeric date that is no real date")
    if r.ambiguous and not ctx.order_warned:
        ctx.order_warned = True
        warn(
            f"{m.text!r} could be read month first or day first and the text's other dates do "
            f"not tell; read {r.order} ({r.value.isoformat()}); choose with date_order= (command line: --date-order)",
            DateOrderWarning,
        )
    return Resolved(r.value.isoformat(), None, r.how)


#: A year written with two digits ("'98") is the latest one ending in them up to this many
#: years after the reference year ("'27" said in 2023 is 2027; "'99" in a 1917 story, 1899).
TWO_DIGIT_YEAR_AHEAD = 5
_TWO_DIGIT = re.compile(r"^YY(\d\d)(.*)$")


def _two_digit_year(m: Mention, tense: Tense, ctx: ResolutionContext) -> Resolved:
    """``YY98`` (or ``YY98-01``, "Jan. '98"): the century from the story's date in a
    history, else from the publication date; with neither, 1930-2029."""
    p = _TWO_DIGIT.match(m.value)
    if p is None:
        return Resolved("XXXX", None, "unrecognised two-digit year")
    yy, rest = int(p.group(1)), p.group(2)
    story = ctx.story_time() if ctx.mode == "narrative" else None
    ref = story[1] if story is not None else ctx.pub_day
    if ref is None:
        return Resolved(f"{1900 + yy if yy >= 30 else 2000 + yy:04d}{rest}", None, "two-digit year, no reference date: 1930-2029")
    limit = ref.year + TWO_DIGIT_YEAR_AHEAD
    year = limit - (limit - yy) % 100
    where = "story's date" if story is not None else "publication"
    return Resolved(f"{year:04d}{rest}", ref, f"two-digit year: the latest ending in {yy:02d} up to {TWO_DIGIT_YEAR_AHEAD} years after the {where} {ref}")


def _literal(m: Mention, tense: Tense, ctx: ResolutionContext) -> Resolved:
    if m.type in ("DURATION", "SET"):
        return Resolved(m.value, None, m.type.lower())
    if m.value.endswith("_REF"):
        return Resolved(m.value, ctx.pub_day, "reference to the " + m.value[:-4].lower())
    return Resolved(m.value, None, "absolute date")


_DISPATCH: list[tuple[Callable[[str], bool], Callable[[Mention, Tense, ResolutionContext], Resolved]]] = [
    (lambda v: Relative.parse(v) is not None, _relative),
    (lambda v: v.startswith("XXXX-"), _partial),
    (lambda v: v.startswith("HOL:"), _holiday),
    (lambda v: v.startswith("NUM:"), _numeric),
    (lambda v: v.startswith("YY"), _two_digit_year),
    (lambda v: True, _literal),
]


def _underspecified(value: str) -> str:
    """The fully underspecified value of the same granularity as ``value`` (when it can be
    told from its shape), else ``XXXX``."""
    rel = Relative.parse(value)
    if rel is not None:
        return _UNDERSPEC_BY_GRAN.get(rel.gran, "XXXX")
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


def _after_first(m: Mention, first: Timex) -> Resolved | None:
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
    return Resolved(value + time, day.date(), f"second end of a range: the first one from {first.text!r} ({first.value}) on")


def _before_last(m: Mention, last: tuple[datetime, datetime], last_text: str) -> Resolved | None:
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
    return Resolved(value + time, day.date(), f"the last one up to {last_text!r}, which closes its range or list")


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
                    r = Resolved(_underspecified(m.value), ctx.pub_day, "out of calendar range (years 1 to 9999)")
                break
    if before is not None and m.type in ("DATE", "TIME") and m.direction is None:
        r = _before_last(m, before[1], before[0].text) or r
    if after is not None and after.interval is not None and m.type in ("DATE", "TIME") and m.direction is None:
        iv = interval_of(r.value)
        if iv is not None and iv[0] < after.interval[0]:
            r = _after_first(m, after) or r
    if r.anchor is not None and is_stand_in(r.anchor) and m.type in ("DATE", "TIME"):
        # counted from a date before Christ: written back in real years
        r = Resolved(from_stand_in(r.value), None, r.reason.replace(str(r.anchor), from_stand_in(r.anchor.isoformat())) + " (before Christ)")
    value = r.value
    iv = interval_of(value) if m.type in ("DATE", "TIME") else None
    if iv is None and m.type in ("DATE", "TIME") and not is_valid_value(value):
        # a value naming no real date or time ("9999-W52-WE" would start in year 10000):
        # never a wrong date, an underspecified one
        r = Resolved(_underspecified(value), r.anchor, f"{value} is not a date on the calendar (years 1 to 9999)")
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
