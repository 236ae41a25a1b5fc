"""Blocking for merging: the pairs of readings that may be the same happening, found without
comparing every pair (prefix filtering on word weights, windows on time); no pair similar
enough is missed (part of :mod:`timeline._merge`; checked against brute force in
tests/test_merge.py)."""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta

from ._readings import REF_HORIZON, _Reading, _shift

#: Share of the lighter reading's word weight two readings with the same predicate must
#: share to be the same happening.
MIN_OVERLAP = 0.5


def _candidate_pairs(rs: Sequence[_Reading], weights: dict[str, float]) -> Iterator[tuple[int, int]]:
    """Pairs (i < j) that may be merged: blocking by content and by time, so that merging
    stays near-linear in the number of readings.

    Statements are paired only within the same speaker and day. Other readings are paired
    sharing a predicate (one's predicate among the other's words) are paired; others only
    when they share a word of the *prefix* of the lighter one: its heaviest words,
    just enough that the rest weigh less than ``MIN_OVERLAP`` of it (prefix filtering, as
    in set-similarity joins). Any pair similar enough shares at least MIN_OVERLAP of the
    lighter reading's weight, so it shares a prefix word: no such pair is missed. Among the
    readings with that word, a dated one looks only at those whose interval can overlap its
    own (readings of one granularity sorted by start, a window as wide as their longest
    interval): time-compatible readings contain one another, so they overlap. References
    ("recently") are looked up the same way, around their publication date, within
    :data:`REF_HORIZON`.
    """
    index = _BlockIndex(rs, weights)
    n = len(rs)
    out: set[int] = set()  # a pair as one int, a * n + b: half the memory of a set of tuples
    for group in index.by_speaker_day.values():
        out.update(a * n + b for k, a in enumerate(group) for b in group[k + 1 :])
    for i, ws in enumerate(index.feats):
        if ws:
            out.update(a * n + b for a, b in index.pairs_of(i))
    return _decoded(sorted(out), n)


def _decoded(keys: list[int], n: int) -> Iterator[tuple[int, int]]:
    for p in keys:
        yield divmod(p, n)


class _BlockIndex:
    """The indexes of :func:`_candidate_pairs`: readings by speaker and day (statements), by
    word and granularity sorted by start (dated readings), by word and publication date
    (references)."""

    def __init__(self, rs: Sequence[_Reading], weights: dict[str, float]) -> None:
        self.rs = rs
        self.by_speaker_day: dict[tuple[str, str], list[int]] = {}
        refs: dict[str, list[int]] = {}
        dated: dict[tuple[str, str | None], list[int]] = {}
        self.feats: list[list[tuple[float, str]]] = []
        for i, r in enumerate(rs):
            if r.statement:
                for sp in r.speaker_words:
                    self.by_speaker_day.setdefault((sp, r.mention.value[:10]), []).append(i)
                self.feats.append([])
                continue
            ws = sorted(((weights.get(w, 1.0), w) for w in r.words), reverse=True)
            self.feats.append(ws)
            for _, w in ws:
                if r.start is None or r.end is None:
                    refs.setdefault(w, []).append(i)
                else:
                    dated.setdefault((w, r.granularity), []).append(i)
        self.windows: dict[str, list[tuple[list[datetime], list[int], timedelta]]] = {}
        for (w, _), members in dated.items():
            members.sort(key=lambda k: rs[k].start)  # type: ignore[arg-type, return-value]
            starts = [rs[k].start for k in members]
            longest = max(rs[k].end - rs[k].start for k in members)  # type: ignore[operator]
            self.windows.setdefault(w, []).append((starts, members, longest))  # type: ignore[arg-type]
        self.undated_refs: dict[str, list[int]] = {}
        self.ref_pubs: dict[str, tuple[list[datetime], list[int]]] = {}
        for w, members in refs.items():
            self.undated_refs[w] = [k for k in members if rs[k].pub is None]
            placed = sorted((k for k in members if rs[k].pub is not None), key=lambda k: rs[k].pub)  # type: ignore[arg-type, return-value]
            self.ref_pubs[w] = ([rs[k].pub for k in placed], placed)  # type: ignore[misc]
        self.total = [math.fsum(w for w, _ in ws) for ws in self.feats]

    def pairs_of(self, i: int) -> Iterator[tuple[int, int]]:
        """The candidate pairs of reading ``i`` with readings at least as heavy."""
        rs, total = self.rs, self.total
        # the same predicate can make the same happening with few other words shared
        if rs[i].pred and rs[i].pred in rs[i].words:
            for j in self.near(i, rs[i].pred):
                if j != i:
                    yield (min(i, j), max(i, j))
        rest = total[i]
        for weight, word in self.feats[i]:  # the prefix: until what is left weighs under MIN_OVERLAP
            if rest < MIN_OVERLAP * total[i] - 1e-9:
                break
            rest -= weight
            for j in self.near(i, word):
                if j != i and total[j] >= total[i] - 1e-9:
                    yield (min(i, j), max(i, j))

    def refs_between(self, word: str, lo: datetime, hi: datetime) -> list[int]:
        published, members = self.ref_pubs.get(word, ([], []))
        return members[bisect.bisect_right(published, lo) : bisect.bisect_left(published, hi)]

    def near(self, i: int, word: str) -> Iterator[int]:
        """The readings with ``word`` whose time can overlap reading ``i``'s."""
        r, pub = self.rs[i], self.rs[i].pub
        if r.start is None or r.end is None:  # a reference
            yield from self._near_reference(r, pub, word)
            return
        yield from self.refs_between(word, _shift(r.start, -REF_HORIZON), _shift(r.end, REF_HORIZON))
        rs, start = self.rs, r.start
        for starts, members, longest in self.windows.get(word, ()):
            first = bisect.bisect_right(starts, _shift(start, -longest))
            # those that start before this one ends and end after it starts: they overlap
            # (the window holds readings of other months, quarters... that end before it)
            yield from (k for k in members[first : bisect.bisect_left(starts, r.end)] if rs[k].end > start)  # type: ignore[operator]

    def _near_reference(self, r: _Reading, pub: datetime | None, word: str) -> Iterator[int]:
        yield from self.undated_refs.get(word, ())
        if pub is None:
            yield from self.ref_pubs.get(word, ([], []))[1]
            return
        yield from self.refs_between(word, _shift(pub, -REF_HORIZON), _shift(pub, REF_HORIZON))
        for starts, members, longest in self.windows.get(word, ()):
            if r.mention.value == "PAST_REF":
                lo, hi = _shift(pub, -REF_HORIZON - longest), pub
                yield from members[bisect.bisect_right(starts, lo) : bisect.bisect_right(starts, hi)]
            elif r.mention.value == "FUTURE_REF":
                lo, hi = _shift(pub, -longest), _shift(pub, REF_HORIZON)
                yield from members[bisect.bisect_right(starts, lo) : bisect.bisect_left(starts, hi)]
