"""Key events of a collection: the days that matter, and the sentences that say what happened.

What research calls news timeline summarization (TLS), done without training, in named stages:

1. **Reading** (:class:`_Collection`): each document's weight (how much it is about the
   ``query``; 1 without one), its publication day, and, from the events' mentions, which
   documents mention which day, in which sentence.
2. **Ranking days** (:func:`rank_days`): a day is important when many documents mention it,
   more so documents published after it (they look back at it), and when many documents are
   published on it (their leads report it). Every count is weighted by the documents' weights.
3. **Candidates** (:func:`_candidates`): for one day, the sentences that date something to
   it, and the lead sentences of the articles published on it that date nothing else. Each
   is cleaned (datelines, bullets, whitespace) and must be a complete sentence.
4. **Choosing** (:func:`_choose`): the sentences closest to what all the day's candidates
   say (the centroid of their TF-IDF vectors), preferring concise ones, those on the query
   and those many sources share; a sentence too like one already chosen is skipped.
5. **Events** (:func:`_event`): one :class:`~timeline.Event` per chosen sentence, with every
   source that gave it and the mentions that date it.

Everything is deterministic (ties break on day, document order and offsets) and reads only
the timeline: no model, no network. Used by :meth:`timeline.Timeline.summarize` and, to
pick what a crowded chart shows, by :func:`key_events`.
"""

from __future__ import annotations

import math
import re
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ._document import Document
from ._errors import TimelineWarning
from ._events import Event, EventMention, Status
from ._furniture import find_furniture
from ._sentences import sentence_spans
from ._summary_text import _LABEL, _QUOTE_OPEN, WORD as _WORD, _rules, clean_sentence, is_complete, is_date_label
from ._words import lexicon, stem

__all__ = ["Weights", "WEIGHTS", "summarize_events", "rank_days", "key_events", "query_terms", "clean_sentence", "is_complete", "is_date_label", "day_of"]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T|$)")


@dataclass(frozen=True)
class Weights:
    """The settings of key-event selection (tuned on the Timeline17 development collections;
    see docs/summaries.md)."""

    #: a mention of a day counts (this + its sentence's closeness to the story): mentions in
    #: sentences off the story count less, a query found in the data
    mention_off_story: float = 0.5
    #: a document mentioning a day counts this much more when published after it
    later_mention: float = 1.0
    #: a document published on a day counts this much (its lead reports the day)
    published_on: float = 0.5
    #: a document's weight when it says nothing of the query (1 when it is all about it)
    off_query: float = 0.2
    #: how many lead sentences of an article published on a day are candidates for it
    lead_sentences: int = 4
    #: a lead sentence's score is multiplied by this (mention sentences by 1)
    lead_bonus: float = 1.5
    #: a sentence without a query word is multiplied by this
    sentence_off_query: float = 0.6
    #: sentences longer than this many words are scored down in proportion
    concise_words: int = 30
    #: candidates with fewer or more words are not complete, readable sentences
    min_words: int = 6
    max_words: int = 60
    #: a sentence that leans on the one before ("It is the first ...") is multiplied by this
    dependent: float = 0.7
    #: a sentence that opens with a quotation is multiplied by this
    quotation: float = 0.7
    #: a sentence's score is its closeness to the day's candidates times (this + its
    #: closeness to the story, all dated sentences): the floor for a sentence off the story
    off_story: float = 0.05
    #: a sentence this similar (cosine) to one already chosen for its day is skipped
    redundancy: float = 0.5


WEIGHTS = Weights()


# --- 1. reading -----------------------------------------------------------------------------


def query_terms(query: str | Iterable[str] | None) -> frozenset[str]:
    """The stems a query names: keywords (a list) or a phrase (a string); stop words dropped.

    >>> sorted(query_terms("the swine flu"))
    ['flu', 'swin']
    >>> sorted(query_terms(["BP", "oil spill"]))
    ['bp', 'oil', 'spill']
    """
    if query is None:
        return frozenset()
    if isinstance(query, str):
        words = [query]
    else:
        words = list(query)
        for w in words:
            if not isinstance(w, str):
                raise TypeError(f"query must be a string or a list of strings, not a list holding {type(w).__name__}")
    stops = lexicon().stop_words
    return frozenset(stem(w) for q in words for w in _WORD.findall(q) if w.lower() not in stops)


def _terms(text: str) -> list[str]:
    stops = lexicon().stop_words
    return [stem(w) for w in _WORD.findall(text) if w.lower() not in stops and not w[0].isdigit()]


def day_of(value: str) -> date | None:
    """The day a TIMEX3 value names, or ``None`` when it names no single day.

    >>> day_of("2009-04-24"), day_of("2009-04-24T10:00"), day_of("2009-04"), day_of("2009-02-30")
    (datetime.date(2009, 4, 24), datetime.date(2009, 4, 24), None, None)
    """
    m = _DAY.match(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


@dataclass
class _Mention:
    """A mention of a day: which document, which sentence, which event."""

    doc: str
    sentence: str
    mention: EventMention
    event: Event


@dataclass
class _Collection:
    """What the stages read: documents, their weights and days, and who mentions which day."""

    order: dict[str, int]  # document id -> input position
    documents: dict[str, Document]
    published: dict[str, date]
    weight: dict[str, float]
    terms: frozenset[str]
    mentions: dict[date, list[_Mention]] = field(default_factory=dict)
    by_day: dict[date, list[str]] = field(default_factory=dict)  # publication day -> documents
    span: tuple[date, date] | None = None  # first and last day of the events
    dated_at: dict[str, list[tuple[int, date]]] = field(default_factory=dict)  # doc -> (offset, day) of its day mentions
    timexes: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (doc, sentence) -> its dating phrases

    @classmethod
    def of(cls, events: Sequence[Event], documents: Sequence[Document], terms: frozenset[str], weights: Weights) -> _Collection:
        docs = {d.id: d for d in documents}
        published = {d.id: d.published.date() for d in documents if d.published is not None}
        weight = {d.id: _doc_weight(d.text, terms, weights) for d in documents}
        c = cls({d.id: i for i, d in enumerate(documents)}, docs, published, weight, terms)
        lo: date | None = None
        hi: date | None = None
        # the span: that of the events of a day or less (a month-long event that overlaps
        # the chosen time does not stretch it), or of all events when there are none
        timed = [e for e in events if e.start is not None and e.end is not None]
        short = [e for e in timed if e.end - e.start <= timedelta(days=1)]  # type: ignore[operator]
        for e in short or timed:
            assert e.start is not None and e.end is not None
            # an event of a day or less belongs to the day it starts ("tonight" runs past midnight)
            a = e.start.date()
            b = a if short else (e.end - timedelta(microseconds=1)).date()
            lo = a if lo is None or a < lo else lo
            hi = b if hi is None or b > hi else hi
            for m in e.mentions:
                d = day_of(m.value)
                if d is not None and m.timex:
                    c.mentions.setdefault(d, []).append(_Mention(m.doc, m.sentence, m, e))
                    c.dated_at.setdefault(m.doc, []).append((m.start, d))
                    c.timexes.setdefault((m.doc, m.sentence), set()).add(m.timex)
        if lo is not None and hi is not None:
            c.span = (lo, hi)
            for doc_id, day in published.items():
                if lo <= day <= hi:
                    c.by_day.setdefault(day, []).append(doc_id)
        return c

    def in_span(self, day: date) -> bool:
        return self.span is not None and self.span[0] <= day <= self.span[1]


def _doc_weight(text: str, terms: frozenset[str], weights: Weights) -> float:
    """1 for a document about the query (three or more of its words), ``off_query`` for one
    that never names it, in proportion between."""
    if not terms:
        return 1.0
    hits = sum(1 for w in _WORD.findall(text[:20_000]) if w[0].isalpha() and stem(w) in terms)
    return weights.off_query + (1 - weights.off_query) * min(hits, 3) / 3


# --- 2. ranking days ------------------------------------------------------------------------


def rank_days(c: _Collection, weights: Weights = WEIGHTS, on_story: dict[str, float] | None = None) -> list[tuple[date, float]]:
    """Days in the events' span, most important first (ties: the earlier day). With
    ``on_story`` (sentence -> closeness to the story), a mention counts by its sentence's."""
    score: dict[date, float] = defaultdict(float)
    for day, ms in c.mentions.items():
        if not c.in_span(day):
            continue
        best: dict[str, float] = {}
        for m in ms:
            later = c.published.get(m.doc)
            bonus = weights.later_mention if later is not None and later > day else 0.0
            w = c.weight.get(m.doc, 1.0) * (1.0 + bonus)
            if on_story is not None:
                w *= weights.mention_off_story + on_story.get(m.sentence, 0.0)
            best[m.doc] = max(best.get(m.doc, 0.0), w)
        score[day] += sum(best.values())
    for day, ids in c.by_day.items():
        score[day] += weights.published_on * sum(c.weight.get(i, 1.0) for i in ids)
    return sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))


def _how_many(ranked: list[tuple[date, float]]) -> int:
    """How many key dates a collection has when the caller does not say: the days that score
    at least a fifth of the best one, at least 1 and at most 30 (a chart's worth)."""
    if not ranked:
        return 0
    best = ranked[0][1]
    return max(1, min(30, sum(1 for _, s in ranked if s >= best / 5)))


# --- 3. candidates --------------------------------------------------------------------------


@dataclass
class _Candidate:
    text: str
    key: str  # normalised text: copies of one sentence share it
    terms: Counter[str]
    sources: list[str]
    mentions: list[_Mention]
    lead: list[tuple[str, int, int]]  # (doc, start, end) of lead sentences
    first: tuple[int, int]  # (document order, offset): for stable ties
    score: float = 0.0


def _norm_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _candidates(c: _Collection, day: date, weights: Weights, leads: dict[str, list[tuple[int, int, str]]]) -> list[_Candidate]:
    out: dict[str, _Candidate] = {}

    def add(text: str, doc: str, pos: int, mention: _Mention | None, lead: tuple[str, int, int] | None) -> None:
        text = clean_sentence(text)
        if not text or not is_complete(text, weights.min_words, weights.max_words):
            return
        key = _norm_key(text)
        cand = out.get(key)
        if cand is None:
            cand = out[key] = _Candidate(text, key, Counter(_terms(text)), [], [], [], (c.order.get(doc, 1 << 30), pos))
        if doc not in cand.sources:
            cand.sources.append(doc)
        if mention is not None:
            cand.mentions.append(mention)
        if lead is not None:
            cand.lead.append(lead)

    for m in c.mentions.get(day, ()):
        text = clean_sentence(m.sentence)
        label = _LABEL.match(text)
        if label is not None and is_date_label(label.group(1)):
            if m.mention.timex not in label.group(1):
                continue  # "May 29 - BP says the top kill, started three days earlier, ...": the label dates it
            text = text[label.end() :]
        add(text, m.doc, m.mention.start, m, None)
    for doc_id in c.by_day.get(day, ()):
        for start, end, text in leads.get(doc_id, ())[: weights.lead_sentences]:
            if _dates_other_day(c, doc_id, start, end, day):
                continue
            label = _LABEL.match(clean_sentence(text))
            if label is not None and is_date_label(label.group(1)):
                continue  # a line of a chronology: its label, a mention, dates it
            add(text, doc_id, start, None, (doc_id, start, end))
    return sorted(out.values(), key=lambda x: x.first)


def _dates_other_day(c: _Collection, doc_id: str, start: int, end: int, day: date) -> bool:
    return any(start <= pos < end and d != day for pos, d in c.dated_at.get(doc_id, ()))


def _leads(c: _Collection, doc_ids: Iterable[str], n: int) -> dict[str, list[tuple[int, int, str]]]:
    """The first ``n`` sentences of each document's body: page furniture (datelines, captions,
    bylines...) masked, headings (lines without a full stop) skipped."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for doc_id in doc_ids:
        doc = c.documents.get(doc_id)
        if doc is None:
            continue
        text = doc.text
        head = text[: 6_000]
        masked = find_furniture(text).mask(text)[: len(head)]
        found: list[tuple[int, int, str]] = []
        for a, b in sentence_spans(masked):
            s = masked[a:b]
            if not s.rstrip("\"'”’)").endswith((".", "!", "?")):
                continue  # a heading or a caption fragment
            found.append((a, b, text[a:b]))
            if len(found) >= n:
                break
        out[doc_id] = found
    return out


# --- 4. choosing ----------------------------------------------------------------------------


def _idf(c: _Collection) -> dict[str, float]:
    df: Counter[str] = Counter()
    for doc in c.documents.values():
        df.update(set(_terms(doc.text[:20_000])))
    n = max(len(c.documents), 1)
    return {w: math.log((n + 1) / (k + 1)) + 1 for w, k in df.items()}


def _vector(terms: Counter[str], idf: dict[str, float], default: float) -> dict[str, float]:
    v = {w: k * idf.get(w, default) for w, k in terms.items()}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {w: x / norm for w, x in v.items()}


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def _story(c: _Collection, idf: dict[str, float]) -> dict[str, float]:
    """The normalised centroid of every sentence that dates something in the span: what the
    whole story is about, day after day (a query found in the data)."""
    default = max(idf.values(), default=1.0)
    seen: set[str] = set()
    total: dict[str, float] = defaultdict(float)
    for day, ms in c.mentions.items():
        if not c.in_span(day):
            continue
        for m in ms:
            if m.sentence in seen:
                continue
            seen.add(m.sentence)
            for t, val in _vector(Counter(_terms(m.sentence)), idf, default).items():
                total[t] += val
    norm = math.sqrt(sum(x * x for x in total.values())) or 1.0
    return {t: val / norm for t, val in total.items()}


def _choose(c: _Collection, cands: list[_Candidate], k: int, idf: dict[str, float], weights: Weights, used: set[str], story: dict[str, float]) -> list[_Candidate]:
    if not cands:
        return []
    default = max(idf.values(), default=1.0)
    vecs = [_vector(x.terms, idf, default) for x in cands]
    centroid: dict[str, float] = defaultdict(float)
    for x, v in zip(cands, vecs):
        w = sum(c.weight.get(s, 1.0) for s in x.sources)
        for t, val in v.items():
            centroid[t] += w * val
    norm = math.sqrt(sum(x * x for x in centroid.values())) or 1.0
    centroid = defaultdict(float, {t: val / norm for t, val in centroid.items()})
    for x, v in zip(cands, vecs):
        # what the day's sources say, and what the story is about
        s = _cos(v, centroid) * (weights.off_story + _cos(v, story))
        n_words = len(x.text.split())
        if n_words > weights.concise_words:
            s *= weights.concise_words / n_words
        if c.terms and not any(t in c.terms for t in x.terms):
            s *= weights.sentence_off_query
        if x.lead and not x.mentions:
            s *= weights.lead_bonus
        first = _WORD.match(x.text.lstrip(_QUOTE_OPEN))
        if first is not None and first.group(0).lower() in _rules().dependent_openers:
            s *= weights.dependent
        if x.text[0] in _QUOTE_OPEN:
            s *= weights.quotation
        s *= max(c.weight.get(src, 1.0) for src in x.sources)
        x.score = s
    order = sorted(range(len(cands)), key=lambda i: (-cands[i].score, cands[i].first))
    chosen: list[int] = []
    for i in order:
        if len(chosen) >= k:
            break
        if cands[i].key in used or cands[i].score <= 0:
            continue
        if any(_cos(vecs[i], vecs[j]) > weights.redundancy for j in chosen):
            continue
        chosen.append(i)
    return [cands[i] for i in chosen]


# --- 5. events ------------------------------------------------------------------------------


def _event(c: _Collection, day: date, x: _Candidate) -> Event:
    events: list[Event] = []
    for m in x.mentions:
        if not any(e is m.event for e in events):
            events.append(m.event)
    sources = list(x.sources)
    mentions: list[EventMention] = []
    for e in events:
        sources += [s for s in e.sources if s not in sources]
        mentions += [mm for mm in e.mentions if day_of(mm.value) == day and mm not in mentions]
    for doc_id, offset, _ in x.lead:
        mentions.append(
            EventMention(doc=doc_id, sentence=x.text, timex="", start=offset, end=offset, value=day.isoformat(), text=x.text, status="happened")
        )
    sources.sort(key=lambda s: (c.published.get(s, date.max), c.order.get(s, 1 << 30), s))
    mentions.sort(key=lambda mm: (c.order.get(mm.doc, 1 << 30), mm.start))
    status: Status = events[0].status if events else "happened"
    midnight = datetime(day.year, day.month, day.day)
    return Event(
        value=day.isoformat(),
        start=midnight,
        end=midnight + timedelta(days=1),
        granularity="day",
        text=x.text,
        predicate=events[0].predicate if events else "",
        actors=tuple(dict.fromkeys(a for e in events for a in e.actors)),
        status=status,
        sources=tuple(sources),
        mentions=tuple(mentions),
    )


# --- the whole ------------------------------------------------------------------------------


def summarize_events(
    events: Sequence[Event],
    documents: Sequence[Document],
    *,
    dates: int | None = None,
    per_date: int = 1,
    query: str | Iterable[str] | None = None,
    weights: Weights = WEIGHTS,
) -> list[Event]:
    """The key dates of ``events`` (read with their ``documents``) and, for each, the
    ``per_date`` sentences that best say what happened, as events in chronological order."""
    terms = query_terms(query)
    c = _Collection.of(events, documents, terms, weights)
    if terms and c.weight and all(w <= weights.off_query for w in c.weight.values()):
        warnings.warn(
            f"no document mentions the query {query!r} ({len(c.weight)} documents): it changes nothing", TimelineWarning, stacklevel=3
        )
    idf = _idf(c)
    story = _story(c, idf)
    default = max(idf.values(), default=1.0)
    on_story = {m.sentence: _cos(_vector(Counter(_terms(m.sentence)), idf, default), story) for ms in c.mentions.values() for m in ms}
    ranked = rank_days(c, weights, on_story)
    n = _how_many(ranked) if dates is None else dates
    out: list[Event] = []
    used: set[str] = set()
    n_days = 0
    for day, _ in ranked:
        if n_days >= n:
            break
        leads = _leads(c, c.by_day.get(day, ()), weights.lead_sentences)
        cands = _candidates(c, day, weights, leads)
        if not cands:
            continue
        chosen = _choose(c, cands, per_date, idf, weights, used, story)
        if not chosen:
            continue
        n_days += 1
        for x in chosen:
            used.add(x.key)
            out.append(_event(c, day, x))
    out.sort(key=lambda e: (e.start or datetime.min))
    return out


def key_events(events: Sequence[Event], documents: Sequence[Document], n: int) -> list[Event]:
    """The ``n`` most important of ``events``, kept in their order: events on the key days
    first (a day's rank from :func:`rank_days`), then by their number of sources; events that
    cover no single day rank by sources alone, after the dated days' events of equal support."""
    evs = list(events)
    if len(evs) <= n:
        return evs
    c = _Collection.of(evs, documents, frozenset(), WEIGHTS)
    day_score = dict(rank_days(c))
    top = max(day_score.values(), default=1.0) or 1.0

    def importance(i: int) -> tuple[float, int]:
        e = evs[i]
        s = float(len(e.sources))
        d = day_of(e.value)
        if d is not None:
            s += 4 * day_score.get(d, 0.0) / top
        return (-s, i)

    keep = sorted(sorted(range(len(evs)), key=importance)[:n])
    return [evs[i] for i in keep]
