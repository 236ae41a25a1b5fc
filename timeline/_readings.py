"""One event mention as merging sees it (:class:`_Reading`: its time, words, names, speakers
and, for a reference, its reach), derived from public fields only (part of
:mod:`timeline._merge`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from ._document import Document
from ._events import Event, EventMention, reading_time
from ._words import content_words, entity_key, lexicon, predicate_key, stem

# A reference ("recently", "in the coming days") speaks of the time around its article's
# publication: at most this far before (PAST_REF) or after (FUTURE_REF) it.
REF_HORIZON = timedelta(days=366)


@dataclass(frozen=True, slots=True)
class _Reading:
    """One mention as merging sees it (derived from public fields only)."""

    mention: EventMention
    start: datetime | None
    end: datetime | None
    granularity: str | None
    pub: datetime | None
    words: frozenset[str]  # stems, without the "@" of names
    plain: frozenset[str]  # stems that are not names
    names: frozenset[str]
    pred: str
    statement: bool
    speaker: frozenset[str]
    speaker_words: frozenset[str]  # stems of the speaker's names
    entities: tuple[frozenset[str], ...]  # per actor, the distinctive stems of its name
    reach: timedelta  # for references: how far from publication they reach


def _readings(events: Sequence[Event], docs: dict[str, Document]) -> list[_Reading]:
    lex = lexicon()
    out: list[_Reading] = []
    seen: set[EventMention] = set()
    for e in events:
        mentions = e.mentions or (
            EventMention(doc=e.sources[0] if e.sources else "", sentence="", timex="", start=0, end=0, value=e.value, mod=e.mod,
                         text=e.text, predicate=e.predicate, actors=e.actors, status=e.status),
        )
        for m in mentions:
            if m in seen:
                continue
            seen.add(m)
            d = docs.get(m.doc)
            pub = d.published if d is not None else None
            start, end, gran = reading_time(m.value, m.mod, m.status, pub)
            feats = content_words(m.text, m.predicate, m.actors)
            statement = bool(m.speaker) or (m.predicate.lower() in lex.reporting_verbs)
            out.append(
                _Reading(
                    mention=m, start=start, end=end, granularity=gran, pub=pub,
                    words=frozenset(f.lstrip("@") for f in feats), plain=frozenset(f for f in feats if not f.startswith("@")),
                    names=frozenset(f[1:] for f in feats if f.startswith("@")), pred=predicate_key(m.predicate),
                    statement=statement, speaker=frozenset(m.speaker),
                    speaker_words=frozenset(w for sp in m.speaker for w in _speaker_keys(sp)),
                    entities=tuple(k for k in (entity_key(a) for a in m.actors) if k),
                    reach=_reach(m.timex) if start is None else REF_HORIZON,
                )
            )
    return out


def _reach(timex: str) -> timedelta:
    """How far from its article's publication a reference reaches: "in the coming days" a
    fortnight, "in the coming weeks" two months, "in the coming months" a year
    (``reference_reach`` in ``rules/en/events.toml``); at most :data:`REF_HORIZON`."""
    words = timex.lower().split()
    table = lexicon().reference_reach
    days = next((table[w] for w in reversed(words) if w in table), table.get("default", REF_HORIZON.days))
    return min(timedelta(days=days), REF_HORIZON)


def _refs_meet(a: _Reading, b: _Reading) -> bool:
    """Two references: the same kind, from articles close enough for both to reach."""
    if a.mention.value != b.mention.value:
        return False
    return a.pub is None or b.pub is None or abs(a.pub - b.pub) < min(a.reach, b.reach)


def _ref_fits(ref: _Reading, start: datetime | None, end: datetime | None) -> bool:
    """A reference and an interval: ``PAST_REF`` fits an interval that began before the
    publication and ended within the reference's reach before it; ``FUTURE_REF`` one that
    ends after the publication and begins within its reach after it."""
    pub = ref.pub
    if pub is None or start is None or end is None:
        return False
    if ref.mention.value == "PAST_REF":
        return start <= pub and end > _shift(pub, -ref.reach)
    if ref.mention.value == "FUTURE_REF":
        return end > pub and start < _shift(pub, ref.reach)
    return False


def _shift(t: datetime, delta: timedelta) -> datetime:
    """``t + delta``, or the end of the calendar it would pass."""
    try:
        return t + delta
    except OverflowError:
        return datetime.max if delta > timedelta(0) else datetime.min


def _speaker_keys(name: str) -> frozenset[str]:
    """The words that tell a speaker ("the health ministry" -> {"health", "ministry"}): its
    distinctive words, and its head word, so that "the ministry" and "the health ministry"
    are one speaker."""
    words = [w for w in name.lower().split() if w not in ("the", "a", "an")]
    head = {stem(words[-1])} if words else set()
    return frozenset(entity_key(name) | head)
