"""Merging the events of many documents into one chronology, and ordering it.

Merging works on **readings**: every mention of every event given is one source's account
(its time, wording, predicate, actors, speaker and status, all public fields of
:class:`~timeline.EventMention`). Merged events are taken apart into their readings first,
so merging events read back from JSON gives exactly what building them did, and merging is
the same whether a collection arrives at once or in parts.

Two readings are the same happening when

1. their times are **compatible**: one interval contains the other ("in July" and
   "July 2023"), or a reference fits the other's interval (``PAST_REF`` an interval that
   began before the reporting article and ended within :data:`REF_HORIZON` before it,
   ``FUTURE_REF`` one that ends after it and begins within the horizon after it); two
   different days, weeks or months are never the same happening;
2. they are the same **kind**: a statement ("the Kremlin said on Monday ...") is only ever
   the same as a statement of the same speaker on the same day that reports the same thing;
3. and they tell the **same action**: the same predicate (after synonyms: "visit" and
   "trip") and enough shared content words (their stems, weighted by inverse frequency over
   the collection, so that words every article repeats weigh little), at least
   :data:`MIN_OVERLAP` of the lighter reading; with different predicates only a much
   larger overlap (:data:`PARAPHRASE_OVERLAP`) will do. Names alone never make the same
   happening; two readings whose names are all different are not the same happening
   unless almost all their words agree.

Clustering is agglomerative, most similar pairs first, and a group joins another only if
*every* pair across them is time-compatible and related (similarity at least
:data:`LINK_FLOOR`) and the pairs are similar on average (:data:`MIN_OVERLAP`): a merged
event is one happening, not a chain of things that each share a word with the next.

Ordering (:func:`order_key`): by start of the interval, then by end (of two events starting
together the shorter comes first: Sept. 1 before September), then by granularity, then by
the first source's publication date, id and position. References are placed relative to the
publication date of their first source: ``PAST_REF`` just before it, ``FUTURE_REF`` just
after it. Events dated before Christ (``BC0490``: no interval, :mod:`datetime` starts in AD
1) come before every other, in the order of their years; two BC readings are the same time
only when their values are equal (as two references).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from ._document import Document
from ._events import STATUSES, Event, EventMention, Status, reading_time
from ._timex3 import GRANULARITIES, bc_sort_key, granularity_rank
from ._blocking import MIN_OVERLAP, _candidate_pairs
from ._readings import REF_HORIZON, _Reading, _readings, _ref_fits, _refs_meet, _shift
from ._words import content_words, lexicon

__all__ = ["merge_events", "order_key", "same_time", "similarity", "MIN_OVERLAP"]

#: The same, for readings with different predicates (a paraphrase must agree on nearly all).
PARAPHRASE_OVERLAP = 0.75
#: Every pair of readings in a merged event must be at least this similar.
LINK_FLOOR = 0.3
#: A statement is the same statement when the reported words overlap at least this much.
STATEMENT_OVERLAP = 0.34
#: A predicate that at most this share of a collection's readings have is distinctive: the
#: same distinctive action at the same time is the same happening ("exploded on 20 April").
DISTINCTIVE_SHARE = 0.02
#: A single word in common makes two readings the same happening only if at most this share
#: of the collection's readings use it ("spill" in a collection about a spill does not).
RARE_SHARE = 0.1
def idf_weights(readings: Sequence[_Reading]) -> dict[str, float]:
    """Inverse document frequency of each content word over the readings, smoothed."""
    df: dict[str, int] = {}
    for r in readings:
        for w in r.words:
            df[w] = df.get(w, 0) + 1
    n = len(readings)
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


class _View:
    """The comparisons behind merging, with what they read of each reading computed once."""

    def __init__(self, readings: Sequence[_Reading], weights: dict[str, float]) -> None:
        self.r = readings
        self.weights = weights
        # math.fsum: exactly rounded, so the same whatever order a set gives its words in
        self.weight = [math.fsum(weights.get(w, 1.0) for w in r.words) for r in readings]
        self.value = [r.mention.value for r in readings]
        # names the collection mentions together ("BP" and "Deepwater Horizon"): not rivals
        together: dict[tuple[str, str], int] = {}
        for r in readings:
            names = sorted(r.names)
            for k, x in enumerate(names):
                for y in names[k + 1 : k + 12]:
                    together[(x, y)] = together.get((x, y), 0) + 1
        self.together = together
        self.df: dict[str, int] = {}
        for r in readings:
            for x in r.names:
                self.df[x] = self.df.get(x, 0) + 1

    def same_time(self, i: int, j: int) -> bool:
        a, b = self.r[i], self.r[j]
        si, ei, sj, ej = a.start, a.end, b.start, b.end
        if si is not None and sj is not None and ei is not None and ej is not None:
            if ei - si <= ej - sj:
                return sj <= si and ei <= ej
            return si <= sj and ej <= ei
        if si is None and sj is None:
            return _refs_meet(a, b)
        ref, dated = (a, b) if si is None else (b, a)
        return _ref_fits(ref, dated.start, dated.end)

    def similarity(self, i: int, j: int) -> float:
        """How much two readings tell the same happening, 0 to 1 (0: they cannot be)."""
        return self._score(i, j, MIN_OVERLAP)

    def related(self, i: int, j: int) -> float:
        """:meth:`similarity` with a lower bar."""
        return self._score(i, j, LINK_FLOOR)

    def compatible(self, i: int, j: int) -> bool:
        """Whether two readings of one merged event may tell the same happening: the same
        kind (statement or not), not rival participants, and the same action or words in
        common (:data:`LINK_FLOOR`). Every pair of a merged event must be compatible, so a
        merged event is never a chain of things that each resemble the next."""
        a, b = self.r[i], self.r[j]
        if a.statement != b.statement:
            return False
        if a.statement:
            return self._statement(a, b, LINK_FLOOR) > 0
        if self._rivals(a, b):
            return self._score(i, j, LINK_FLOOR) > 0
        lex = lexicon()
        if a.pred and a.pred == b.pred and a.pred not in lex.generic_predicates:
            return True
        return self._score(i, j, LINK_FLOOR) > 0

    def _score(self, i: int, j: int, bar: float) -> float:
        a, b = self.r[i], self.r[j]
        if a.statement != b.statement:
            return 0.0
        if a.statement:
            return self._statement(a, b, bar)
        if not (a.plain & b.plain):
            return 0.0  # names alone ("Russia", "North Korea") do not make the same happening
        lex = lexicon()
        strict = bool(a.pred) and a.pred == b.pred and a.pred not in lex.generic_predicates
        # one's predicate among the other's words, when the other's action is generic:
        # "sent high-level delegations" and "traveled to North Korea"
        loose = strict or (bool(a.pred) and a.pred not in lex.generic_predicates and a.pred in b.plain and b.pred in lex.generic_predicates) or (
            bool(b.pred) and b.pred not in lex.generic_predicates and b.pred in a.plain and a.pred in lex.generic_predicates
        )
        coarse = any(r.granularity is not None and granularity_rank(r.granularity) >= granularity_rank("year") for r in (a, b))
        if not loose:
            # other words for the action: only when nearly everything else agrees
            if len(a.plain & b.plain) < 3:
                return 0.0
            both = self._weight(a.words & b.words)
            s = both / max(min(self.weight[i], self.weight[j]), 1e-9)
            whole = both / max(max(self.weight[i], self.weight[j]), 1e-9)
            return s if s >= max(PARAPHRASE_OVERLAP, bar) and whole >= MIN_OVERLAP else 0.0
        preds = {a.pred, b.pred}
        ca, cb = a.plain - preds, b.plain - preds
        shared = ca & cb
        content = self._weight(shared) / max(min(self._weight(ca), self._weight(cb)), 1e-9) if ca and cb else 0.0
        # two words in common, or the only word one side has, if few readings use it
        enough = len(shared) >= 2 or (len(shared) == 1 and min(len(ca), len(cb)) == 1 and self._distinctive(next(iter(shared)), RARE_SHARE))
        shared_names = a.names & b.names
        if self._rivals(a, b):
            # different people and places: the same action only if the rest agrees fully
            return content if content >= max(PARAPHRASE_OVERLAP, bar) and len(shared) >= 2 else 0.0
        if content >= bar and enough:
            return min(1.0, content + 0.1 * bool(shared_names))
        if coarse or not strict:
            return 0.0  # a year, another word for the action: the words must agree
        # the same action by the same participants ("Kim plans to meet Putin", "Kim's visit
        # would take place in the coming days and might involve a meeting with Putin")
        matched = _matched(a.entities, b.entities)
        named = len(shared_names - lexicon().generic_name_words)  # names the tagger did not see as entities
        if (matched >= 2 and matched >= min(len(a.entities), len(b.entities)) / 2) or (named >= 2 and not (a.entities and b.entities)):
            return MIN_OVERLAP if MIN_OVERLAP >= bar else 0.0
        if a.start is None or b.start is None:
            return 0.0  # a vague reference: no more than that
        # the same action on the same day ("exploded on 20 April") with a word or a name in
        # common; an action few readings name, in the same week or month, with a name or two
        # words in common; or one side that says nothing else about the same participant
        day = granularity_rank(a.granularity) <= granularity_rank("day") and granularity_rank(b.granularity) <= granularity_rank("day")
        evidence = bool(shared or shared_names) or not (ca or cb)  # or both say only the action
        thin = len(ca) <= 1 or len(cb) <= 1
        strong = bool(shared_names) or len(shared) >= 2 or not (ca or cb)
        if (day and evidence) or (self._distinctive(a.pred) and strong) or (thin and shared_names):
            return MIN_OVERLAP if MIN_OVERLAP >= bar else 0.0
        return 0.0

    def _rivals(self, a: _Reading, b: _Reading) -> bool:
        """Whether two readings name different participants: both name someone, none in
        common, and the collection never names theirs together."""
        if not (a.names and b.names) or a.names & b.names:
            return False
        return not any(self._associated(x, y) for x in a.names for y in b.names)

    def _associated(self, x: str, y: str) -> bool:
        """Whether the collection names ``x`` and ``y`` together often: in at least two
        readings and a fifth of those of the rarer name ("BP" and "Deepwater Horizon")."""
        both = self.together.get((x, y) if x < y else (y, x), 0)
        return both >= 2 and both >= 0.2 * min(self.df.get(x, 1), self.df.get(y, 1))

    def _distinctive(self, word: str, share: float = 0.0) -> bool:
        """Whether a word names few readings of the collection: at most ``share`` of them
        (default :data:`DISTINCTIVE_SHARE`)."""
        n = len(self.r)
        w = self.weights.get(word)
        if w is None or n < 2:
            return False
        df = (n + 1) / math.exp(w) - 0.5
        return df <= (max(3.0, share * n) if share else max(2.0, DISTINCTIVE_SHARE * n))

    def _statement(self, a: _Reading, b: _Reading, bar: float) -> float:
        """Statements: the same speaker on the same day, reporting the same thing."""
        day = granularity_rank("day")
        fine = a.granularity is not None and b.granularity is not None and max(granularity_rank(a.granularity), granularity_rank(b.granularity)) <= day
        if not (a.speaker_words & b.speaker_words) or not fine:
            return 0.0
        if a.mention.value[:10] != b.mention.value[:10]:
            return 0.0
        said_a, said_b = _speaker_words(a), _speaker_words(b)
        ca, cb = a.words - said_a - {a.pred}, b.words - said_b - {b.pred}
        if len(ca) <= 1 or len(cb) <= 1:
            return MIN_OVERLAP  # a statement that says little ("as declared by Russia"): the day's
        s = self._weight(ca & cb) / max(min(self._weight(ca), self._weight(cb)), 1e-9)
        return s if s >= min(STATEMENT_OVERLAP, bar) else 0.0

    def _weight(self, words: frozenset[str]) -> float:
        return math.fsum(self.weights.get(x, 1.0) for x in words)


def _speaker_words(r: _Reading) -> frozenset[str]:
    """Every word of a statement's speakers: what the statement says is the rest."""
    return frozenset(f.lstrip("@") for sp in r.mention.speaker for f in content_words(sp, "", ())) | r.speaker_words


def _matched(a: tuple[frozenset[str], ...], b: tuple[frozenset[str], ...]) -> int:
    """How many of the entities of ``a`` are named in ``b`` ("Kim" and "Kim Jong Un")."""
    return sum(1 for x in a if any(x & y for y in b))


def same_time(a: Event, b: Event, docs: dict[str, Document]) -> bool:
    """Whether two single-reading events' times can denote the same moment (see the module
    docstring)."""
    rs = _readings([a, b], docs)
    return len(rs) == 2 and _View(rs, {}).same_time(0, 1)


def similarity(a: Event, b: Event, weights: dict[str, float] | None = None) -> float:
    """How much two single-reading events tell the same happening, 0 to 1."""
    rs = _readings([a, b], {})
    return _View(rs, weights or {}).similarity(0, 1) if len(rs) == 2 else 1.0


def _doc_key(doc_id: str, docs: dict[str, Document]) -> tuple[datetime, str]:
    d = docs.get(doc_id)
    return (d.published or datetime.max if d else datetime.max, doc_id)


def _published(e: Event, docs: dict[str, Document]) -> datetime | None:
    pubs = [docs[s].published for s in e.sources if s in docs and docs[s].published is not None]
    return min(pubs) if pubs else None  # type: ignore[type-var]


def order_key(e: Event, docs: dict[str, Document]) -> tuple[Any, ...]:
    """Chronological sort key (see the module docstring)."""
    first = e.mentions[0] if e.mentions else None
    doc_key = _doc_key(first.doc, docs) if first else (datetime.max, "")
    pos = first.start if first else 0
    if e.start is not None and e.end is not None:
        return (e.start, e.end, granularity_rank(e.granularity), doc_key, pos, e.text)
    bc = bc_sort_key(e.value)
    if bc is not None:  # before every AD event (whose end is after datetime.min), in BC order
        return (datetime.min, datetime.min, -1, bc, doc_key, pos, e.text)
    pub = _published(e, docs) or datetime.max
    at = pub - timedelta(microseconds=1) if e.value == "PAST_REF" else _shift(pub, timedelta(days=1)) if e.value == "FUTURE_REF" else pub
    return (at, at, len(GRANULARITIES) + 1, doc_key, pos, e.text)


def _reading_key(r: _Reading, docs: dict[str, Document]) -> tuple[Any, ...]:
    m = r.mention
    start = r.start or (r.pub or datetime.max)
    end = r.end or start
    return (start, end, granularity_rank(r.granularity), _doc_key(m.doc, docs), m.start, m.text, m.value)


def _text_score(r: _Reading) -> tuple[Any, ...]:
    """Which reading's words represent a merged event: complete (not cut), informative,
    then the most precisely dated."""
    m = r.mention
    n = len(m.text.split())
    return (m.text.endswith("..."), -min(len(r.plain), 10), abs(n - 14) // 4, granularity_rank(r.granularity), m.text)


def _combine(members: list[_Reading], docs: dict[str, Document]) -> Event:
    statuses = {m.mention.status for m in members}
    status: Status = next(s for s in STATUSES if s in statuses)
    dated = [m for m in members if m.start is not None]
    timed = min(dated, key=lambda m: (granularity_rank(m.granularity), m.end - m.start, m.start, _doc_key(m.mention.doc, docs))) if dated else members[0]  # type: ignore[operator]
    # the words come from a reading that tells it as it is (its status), dated as precisely
    same_status = [m for m in members if m.mention.status == status] or members
    best = min(same_status, key=_text_score)
    sources = sorted({m.mention.doc for m in members}, key=lambda s: _doc_key(s, docs))
    mentions = sorted({m.mention for m in members}, key=lambda mm: (_doc_key(mm.doc, docs), mm.start, mm.end, mm.text))
    actors: list[str] = []
    for m in [best, *members]:
        for a in m.mention.actors:
            if a not in actors:
                actors.append(a)
    tm = timed.mention
    start, end, gran = timed.start, timed.end, timed.granularity
    if status != tm.status and timed.start is not None:
        start, end, gran = reading_time(tm.value, tm.mod, status, timed.pub)
    return Event(
        value=tm.value, start=start, end=end, granularity=gran, text=best.mention.text, predicate=best.mention.predicate,
        actors=tuple(actors), status=status, sources=tuple(sources), mentions=tuple(mentions), mod=tm.mod,
    )


def merge_events(events: Sequence[Event], documents: Sequence[Document]) -> list[Event]:
    """One event per real-world happening, with every source, in chronological order.

    The events are taken apart into their readings (mentions); copies of one report (same
    time, words, status and speaker from articles published together: wire stories,
    repeated sentences) are joined first. Then, agglomerative: candidate pairs come from
    blocking by content and time (:func:`_candidate_pairs`); pairs similar enough at
    compatible times are joined, most similar first; two groups join only if every pair
    across them is time-compatible and related and the pairs are similar on average (see
    the module docstring).
    """
    docs = {d.id: d for d in documents}
    rs = sorted(_readings(events, docs), key=lambda r: _reading_key(r, docs))
    weights = idf_weights(rs)
    n = len(rs)
    view = _View(rs, weights)
    group = list(range(n))
    members: dict[int, list[int]] = {}
    first_of: dict[tuple[Any, ...], int] = {}
    for i, r in enumerate(rs):
        m = r.mention
        key = (m.value, m.mod, m.text, m.status, m.speaker, r.start, r.end, r.pub if r.start is None else None)
        k = first_of.setdefault(key, i)
        if k != i:
            group[i] = k
            members[k].append(i)
        else:
            members[i] = [i]
    reps = sorted(members)
    rep_rs = [rs[r] for r in reps]
    pairs: list[tuple[float, int, int]] = []
    for a, b in _candidate_pairs(rep_rs, weights):
        i, j = reps[a], reps[b]
        if view.same_time(i, j):
            s = view.similarity(i, j)
            if s > 0:
                pairs.append((-s, i, j))
    pairs.sort()

    def find(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    distinct = {r: [r] for r in reps}  # per group, one copy of each report
    for _, i, j in pairs:
        gi, gj = find(i), find(j)
        if gi == gj:
            continue
        if _can_join(view, distinct[gi], distinct[gj]):
            keep, drop = min(gi, gj), max(gi, gj)
            group[drop] = keep
            members[keep].extend(members.pop(drop))
            distinct[keep].extend(distinct.pop(drop))
    merged = [_combine([rs[k] for k in sorted(ms)], docs) for ms in members.values()]
    merged.sort(key=lambda e: order_key(e, docs))
    return merged


def _can_join(view: _View, a: list[int], b: list[int]) -> bool:
    """Complete linkage: every pair across the two groups is time-compatible and may be
    the same happening (:meth:`_View.compatible`)."""
    return all(view.same_time(x, y) and view.compatible(x, y) for x in a for y in b)
