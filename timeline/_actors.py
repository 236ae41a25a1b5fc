"""Statuses, actors and speakers of an event. Part of event extraction (``_extract.py``)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ._clause import _Piece
from ._events import Status
from ._tense import Tense
from ._when import When
from ._words import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "FAC", "LOC", "EVENT", "NORP"})
_ACTOR_NAME_LABELS = _ACTOR_LABELS - {"NORP"}  # actors are named; speakers may be a people
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})


def _status(tense: Tense, w: When, published: datetime | None) -> Status:
    if w.value == "FUTURE_REF":
        return "expected"
    if w.value == "PAST_REF":
        return "happened"
    if w.interval is not None and published is not None:
        start, end = w.interval
        pub_day = datetime(published.year, published.month, published.day)
        if start >= pub_day + timedelta(days=1):
            return "expected"
        if tense.direction in ("future", "conditional") and end > pub_day:
            return "expected"
        if w.mod == "END" and start <= pub_day < end and tense.direction != "past":
            return "expected"  # "later this month"
        if tense.direction == "present" and start <= pub_day < end:
            return "ongoing"
    if tense.direction == "future":
        return "expected"
    return "happened"


def _actors(tokens: list[Token], piece: _Piece) -> tuple[str, ...]:
    seen: list[str] = []
    for text in piece.entities({t.i for t in tokens}, _ACTOR_NAME_LABELS):
        name = re.sub(r"^(?:the|The)\s+", "", text)
        name = re.sub(r"[\u2019']s$", "", name).strip()
        if name and name not in seen:
            seen.append(name)
    return tuple(seen)


def speaker_name(name: str, lex: Lexicon) -> str:
    """The speaker a name stands for ("the Kremlin" speaks for Russia)."""
    key = re.sub(r"^the\s+", "", name.lower()).strip()
    return lex.speakers.get(key, lex.speakers.get(name.lower(), name))


def _speaker(verb: Token, piece: _Piece, lex: Lexicon) -> tuple[str, ...]:
    """Who makes a statement: the subject of the reporting verb, or the agent of a passive,
    as entity names mapped through the metonymy table (or the subject's head noun)."""
    toks: list[Token] = []
    for c in verb.children:
        if c.dep_ in ("nsubj", "agent"):
            toks.extend(c.subtree)
    idx = {t.i for t in toks}
    names = piece.entities(idx, _ACTOR_LABELS)
    if not names:
        names = [t.text for t in toks if t.pos_ == "PROPN"] or [t.lemma_.lower() for t in toks if t.dep_ in ("nsubj",) and t.pos_ == "NOUN"]
    out: list[str] = []
    for n in names:
        s = speaker_name(n, lex)
        if s not in out:
            out.append(s)
    return tuple(out)


def _content_count(tokens: list[Token], stand_in: dict[int, str] | None = None) -> int:
    return sum(1 for t in tokens if t.pos_ in _CONTENT_POS and t.lemma_ not in ("be", "have") and not t.is_stop and not (stand_in and t.i in stand_in))
