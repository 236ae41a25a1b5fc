"""Merging the events of many documents into one chronology, and ordering it.

Two events are the same real-world fact when

1. their times are **compatible**: one interval contains the other ("in July" and
   "July 2023"; "this month" and "Sept. 13"), or a reference fits the other's interval
   (``PAST_REF`` an interval that began before the reporting article and ended within
   :data:`REF_HORIZON` before it, ``FUTURE_REF`` one that ends after it and begins within
   the horizon after it); two different days, weeks or months are never the same fact;
2. and they say the **same thing**:

   * statements (reporting verbs: "said", "announced", "declared") are the same statement
     when they come from the same speaker on the same day, after mapping metonyms ("the
     Kremlin" speaks for Russia; ``[speakers]`` in ``rules/en/events.toml``);
   * other events share enough content words (stems of nouns, verbs, names and adjectives,
     light verbs ignored): at least two, covering at least half of the smaller event
     (``MIN_SHARED``, ``MIN_OVERLAP``); a statement never merges with a non-statement.

Merging is deterministic and agglomerative (see :func:`merge_events`): the most similar
pairs are joined first, ties broken by time, document publication date, id and position;
two groups join only if all their members are mutually time-compatible.

Ordering (:func:`order_key`): by start of the interval, then by end (of two events starting
together the shorter comes first: Sept. 1 before September), then by granularity, then by
the first source's publication date, id and position. References are placed relative to the
publication date of their first source: ``PAST_REF`` just before it, ``FUTURE_REF`` just
after it.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from ._document import Document
from ._events import Event, EventMention, Status

__all__ = ["merge_events", "order_key", "same_time", "same_content"]

MIN_OVERLAP = 0.5
# A reference ("recently", "in the coming days") speaks of the time around its article's
# publication: at most this far before (PAST_REF) or after (FUTURE_REF) it.
REF_HORIZON = timedelta(days=366)
_GRAN_ORDER = ("second", "minute", "hour", "part_of_day", "day", "weekend", "week", "month", "season", "quarter", "half", "year", "decade", "century")


def _rank(g: str | None) -> int:
    return _GRAN_ORDER.index(g) if g in _GRAN_ORDER else len(_GRAN_ORDER)


def _published(e: Event, docs: dict[str, Document]) -> datetime | None:
    pubs = [docs[s].published for s in e.sources if s in docs and docs[s].published is not None]
    return min(pubs) if pubs else None


def same_time(a: Event, b: Event, docs: dict[str, Document]) -> bool:
    """Whether two events' times can denote the same moment (see the module docstring)."""
    return _View((a, b), docs, {}).same_time(0, 1)


def _refs_meet(va: str, pa: datetime | None, vb: str, pb: datetime | None) -> bool:
    """Two references: the same kind, from articles at most :data:`REF_HORIZON` apart."""
    return va == vb and (pa is None or pb is None or abs(pa - pb) < REF_HORIZON)


def _ref_fits(value: str, pub: datetime | None, start: datetime | None, end: datetime | None) -> bool:
    """A reference and an interval: ``PAST_REF`` fits an interval that began before the
    publication and ended in the horizon before it; ``FUTURE_REF`` one that ends after the
    publication and begins in the horizon after it."""
    if pub is None or start is None or end is None:
        return False
    if value == "PAST_REF":
        return start <= pub and end > _shift(pub, -REF_HORIZON)
    if value == "FUTURE_REF":
        return end > pub and start < _shift(pub, REF_HORIZON)
    return False


def _shift(t: datetime, delta: timedelta) -> datetime:
    """``t + delta``, or the end of the calendar it would pass."""
    try:
        return t + delta
    except OverflowError:
        return datetime.max if delta > timedelta(0) else datetime.min


def same_content(a: Event, b: Event, weights: dict[str, float] | None = None) -> bool:
    """Whether two events (already at compatible times) say the same thing."""
    return similarity(a, b, weights) >= MIN_OVERLAP


def similarity(a: Event, b: Event, weights: dict[str, float] | None = None) -> float:
    """How much two events say the same thing, 0 to 1 (0 when they cannot be the same).

    ``weights`` (word -> inverse document frequency over the collection's events) makes
    words every article uses ("Russia", "Kim") count less than distinctive ones ("train",
    "invasion"); without it every word counts 1."""
    return _View((a, b), {}, weights or {}).similarity(0, 1)


def idf_weights(events: Sequence[Event]) -> dict[str, float]:
    """Inverse document frequency of each content word over the events, smoothed."""
    df: dict[str, int] = {}
    for e in events:
        for w in {f.lstrip("@") for f in e.features}:
            df[w] = df.get(w, 0) + 1
    n = len(events)
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


def order_key(e: Event, docs: dict[str, Document]) -> tuple[Any, ...]:
    """Chronological sort key (see the module docstring)."""
    first = e.mentions[0] if e.mentions else None
    doc_key = _doc_key(first.doc, docs) if first else (datetime.max, "")
    pos = first.start if first else 0
    if e.start is not None and e.end is not None:
        return (e.start, e.end, _rank(e.granularity), doc_key, pos)
    pub = _published(e, docs) or datetime.max
    eps = timedelta(microseconds=1)
    at = pub - eps if e.value == "PAST_REF" else pub + timedelta(days=1) if e.value == "FUTURE_REF" else pub
    return (at, at, len(_GRAN_ORDER) + 1, doc_key, pos)


def _doc_key(doc_id: str, docs: dict[str, Document]) -> tuple[datetime, str]:
    d = docs.get(doc_id)
    return (d.published or datetime.max if d else datetime.max, doc_id)


def _text_score(e: Event) -> tuple[Any, ...]:
    """Which member's text represents a merged event: complete (not cut), informative,
    then the most precisely dated."""
    cut = e.text.endswith("...")
    return (cut, -min(len(e.features), 12), _rank(e.granularity), -len(e.text))


def _combine(members: list[Event], docs: dict[str, Document]) -> Event:
    members = sorted(members, key=lambda m: order_key(m, docs)[3:])
    # the time: the most precise one (all are compatible with each other's clusters)
    dated = [m for m in members if m.start is not None]
    timed = min(dated, key=lambda m: (_rank(m.granularity), m.start)) if dated else members[0]
    best = min(members, key=_text_score)
    sources = sorted({s for m in members for s in m.sources}, key=lambda s: _doc_key(s, docs))
    mentions: list[EventMention] = []
    for m in members:
        for mm in m.mentions:
            if mm not in mentions:
                mentions.append(mm)
    mentions.sort(key=lambda mm: (_doc_key(mm.doc, docs), mm.start))
    actors: list[str] = []
    for m in [best, *members]:
        for a in m.actors:
            if a not in actors:
                actors.append(a)
    statuses = {m.status for m in members}
    status: Status = "happened" if "happened" in statuses else "ongoing" if "ongoing" in statuses else "expected"
    merged = Event(
        value=timed.value,
        start=timed.start,
        end=timed.end,
        granularity=timed.granularity,
        text=best.text,
        predicate=best.predicate,
        actors=tuple(actors),
        status=status,
        sources=tuple(sources),
        mentions=tuple(mentions),
        features=frozenset().union(*(m.features for m in members)),
        speaker=tuple(dict.fromkeys(s for m in members for s in m.speaker)),
    )
    return replace(merged, sort_key=order_key(merged, docs))


def _candidate_pairs(events: Sequence[Event], weights: dict[str, float], pubs: Sequence[datetime | None]) -> list[tuple[int, int]]:
    """Pairs (i < j) that may be merged: blocking by content and by time, so that merging
    stays near-linear in the number of events.

    Statements are paired only within the same speaker and day. Other events are paired
    only when they share a word of the *prefix* of the lighter one: its heaviest words, just
    enough that the rest weigh less than ``MIN_OVERLAP`` of it (prefix filtering, as in
    set-similarity joins). Any pair similar enough shares at least MIN_OVERLAP of the
    lighter event's weight, so it shares a prefix word: no such pair is missed. Among the
    events with that word, a dated event looks only at those whose interval can overlap its
    own (events of one granularity sorted by start, a window as wide as their longest
    interval): time-compatible events contain one another, so they overlap. References
    ("recently") are looked up the same way, around their publication date (``pubs``, per
    event) within :data:`REF_HORIZON`.
    """
    out: set[tuple[int, int]] = set()
    by_speaker_day: dict[tuple[str, str], list[int]] = {}
    refs: dict[str, list[int]] = {}  # word -> events without an interval (references)
    dated: dict[tuple[str, str | None], list[int]] = {}  # (word, granularity) -> events
    feats: list[list[tuple[float, str]]] = []
    for i, e in enumerate(events):
        if e.speaker:
            if e.granularity == "day":
                for sp in set(e.speaker):
                    by_speaker_day.setdefault((sp, e.value[:10]), []).append(i)
            feats.append([])
            continue
        ws = sorted(((weights.get(w, 1.0), w) for w in {f.lstrip("@") for f in e.features}), reverse=True)
        feats.append(ws)
        for _, w in ws:
            if e.start is None or e.end is None:
                refs.setdefault(w, []).append(i)
            else:
                dated.setdefault((w, e.granularity), []).append(i)
    for group in by_speaker_day.values():
        out.update((a, b) for k, a in enumerate(group) for b in group[k + 1 :])
    # per (word, granularity): members sorted by start, their starts, their longest interval
    windows: dict[str, list[tuple[list[datetime], list[int], timedelta]]] = {}
    for (w, _), members in dated.items():
        members.sort(key=lambda k: events[k].start)  # type: ignore[arg-type, return-value]
        starts = [events[k].start for k in members]
        longest = max(events[k].end - events[k].start for k in members)  # type: ignore[operator]
        windows.setdefault(w, []).append((starts, members, longest))  # type: ignore[arg-type]
    # per word: references without a publication date, and the others sorted by it
    undated_refs: dict[str, list[int]] = {}
    ref_pubs: dict[str, tuple[list[datetime], list[int]]] = {}
    for w, members in refs.items():
        undated_refs[w] = [k for k in members if pubs[k] is None]
        placed = sorted((k for k in members if pubs[k] is not None), key=lambda k: pubs[k])  # type: ignore[arg-type, return-value]
        ref_pubs[w] = ([pubs[k] for k in placed], placed)  # type: ignore[misc]
    total = [math.fsum(w for w, _ in ws) for ws in feats]

    def refs_between(word: str, lo: datetime, hi: datetime) -> list[int]:
        published, members = ref_pubs.get(word, ([], []))
        return members[bisect.bisect_right(published, lo) : bisect.bisect_left(published, hi)]

    def near(i: int, word: str) -> Iterator[int]:
        e, pub = events[i], pubs[i]
        if e.start is None or e.end is None:  # a reference
            if pub is None:  # compared by kind only
                yield from undated_refs.get(word, ())
                yield from ref_pubs.get(word, ([], []))[1]
                return
            yield from undated_refs.get(word, ())
            yield from refs_between(word, _shift(pub, -REF_HORIZON), _shift(pub, REF_HORIZON))
            for starts, members, longest in windows.get(word, ()):
                if e.value == "PAST_REF":  # began by the publication, ended within the horizon
                    lo, hi = _shift(pub, -REF_HORIZON - longest), pub
                    yield from members[bisect.bisect_right(starts, lo) : bisect.bisect_right(starts, hi)]
                elif e.value == "FUTURE_REF":  # ends after the publication, begins within it
                    lo, hi = _shift(pub, -longest), _shift(pub, REF_HORIZON)
                    yield from members[bisect.bisect_right(starts, lo) : bisect.bisect_left(starts, hi)]
            return
        yield from refs_between(word, _shift(e.start, -REF_HORIZON), _shift(e.end, REF_HORIZON))
        for starts, members, longest in windows.get(word, ()):
            lo = bisect.bisect_right(starts, _shift(e.start, -longest))
            yield from members[lo : bisect.bisect_left(starts, e.end)]

    for i, ws in enumerate(feats):
        if not ws:
            continue
        rest = total[i]
        for w, word in ws:  # the prefix: until what is left weighs under MIN_OVERLAP
            if rest < MIN_OVERLAP * total[i] - 1e-9:
                break
            rest -= w
            for j in near(i, word):
                if j != i and total[j] >= total[i] - 1e-9:
                    out.add((min(i, j), max(i, j)))
    return sorted(out)


class _View:
    """The comparisons of events behind :func:`same_time` and :func:`similarity`, with what
    they read of each event computed once, so that comparing two events of a collection is a
    few set and number operations."""

    def __init__(self, events: Sequence[Event], docs: dict[str, Document], weights: dict[str, float]) -> None:
        self.start = [e.start for e in events]
        self.end = [e.end for e in events]
        self.value = [e.value for e in events]
        self.pub = [_published(e, docs) for e in events]
        self.events = events
        self.words = [frozenset(w.lstrip("@") for w in e.features) for e in events]
        self.plain = [e.features for e in events]  # "@name" marks a name: not a common word
        # math.fsum: exactly rounded, so the same whatever order a set gives its words in
        # (a plain sum differs in the last bit from one process's hash seed to another's)
        self.weight = [math.fsum(weights.get(w, 1.0) for w in ws) for ws in self.words]
        self.weights = weights

    def same_time(self, i: int, j: int) -> bool:
        """:func:`same_time` of events ``i`` and ``j``."""
        si, ei, sj, ej = self.start[i], self.end[i], self.start[j], self.end[j]
        if si is not None and sj is not None and ei is not None and ej is not None:
            if ei - si <= ej - sj:
                return sj <= si and ei <= ej
            return si <= sj and ej <= ei
        if si is None and sj is None:
            return _refs_meet(self.value[i], self.pub[i], self.value[j], self.pub[j])
        ref, dated = (i, j) if si is None else (j, i)
        return _ref_fits(self.value[ref], self.pub[ref], self.start[dated], self.end[dated])

    def similarity(self, i: int, j: int) -> float:
        """:func:`similarity` of events ``i`` and ``j``."""
        a, b = self.events[i], self.events[j]
        if a.speaker or b.speaker:
            # statements: the same speaker on the same day, and never anything else
            if not (a.speaker and b.speaker) or a.granularity != "day" or b.granularity != "day" or a.value[:10] != b.value[:10]:
                return 0.0
            return 1.0 if set(a.speaker) & set(b.speaker) else 0.0
        shared = self.words[i] & self.words[j]
        if not shared:
            return 0.0
        pa, pb = self.plain[i], self.plain[j]
        if not any(w in pa or w in pb for w in shared):
            return 0.0  # names alone ("Russia", "North Korea") do not make the same fact
        weights = self.weights
        return math.fsum(weights.get(w, 1.0) for w in shared) / min(self.weight[i], self.weight[j])


def merge_events(events: Sequence[Event], documents: Sequence[Document]) -> list[Event]:
    """One event per real-world fact, with every source, in chronological order.

    Copies of one report (same time, same words, same speaker: wire stories, repeated
    sentences) are joined first. Then, agglomerative: candidate pairs come from blocking by
    content and time (:func:`_candidate_pairs`);
    pairs of events that are similar enough (:func:`similarity` >=
    ``MIN_OVERLAP``) at compatible times are joined, most similar pairs first; two groups are
    joined only if every member of one is time-compatible with every member of the other,
    so a vague "in the coming days" cannot bridge September and October.
    """
    docs = {d.id: d for d in documents}
    weights = idf_weights(events)
    ordered = sorted(events, key=lambda e: (order_key(e, docs), e.text))
    n = len(ordered)
    view = _View(ordered, docs, weights)
    # the same report read in several articles (same time, same words, same speaker) is one
    # event from the start: only one copy is compared with the rest
    group = list(range(n))
    members: dict[int, list[int]] = {}
    first_of: dict[tuple[Any, ...], int] = {}
    for i, e in enumerate(ordered):
        key = (e.value, e.start, e.end, e.granularity, e.speaker, e.features, view.pub[i] if e.start is None else None)
        k = first_of.setdefault(key, i)
        if k != i and view.similarity(k, k) >= MIN_OVERLAP:
            group[i] = k
            members[k].append(i)
        else:
            members[i] = [i]
    reps = sorted(members)
    pairs: list[tuple[float, int, int]] = []
    for a, b in _candidate_pairs([ordered[r] for r in reps], weights, [view.pub[r] for r in reps]):
        i, j = reps[a], reps[b]
        if view.same_time(i, j):
            s = view.similarity(i, j)
            if s >= MIN_OVERLAP:
                pairs.append((-s, i, j))
    pairs.sort()

    def find(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    same_time_ = view.same_time
    distinct = {r: [r] for r in reps}  # per group, one copy of each report: times to check
    for _, i, j in pairs:
        gi, gj = find(i), find(j)
        if gi == gj:
            continue
        if all(same_time_(x, y) for x in distinct[gi] for y in distinct[gj]):
            keep, drop = min(gi, gj), max(gi, gj)
            group[drop] = keep
            members[keep].extend(members.pop(drop))
            distinct[keep].extend(distinct.pop(drop))
    merged = [_combine([ordered[k] for k in sorted(ms)], docs) for ms in members.values()]
    merged.sort(key=lambda e: (e.sort_key, e.text))
    return merged
