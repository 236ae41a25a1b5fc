"""Events: what a dated clause says happened (or will happen), who did it, and where it was
read. Extraction from a parsed document lives here; merging across documents in
``_merge.py``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ._document import Document
    from ._types import Timex

__all__ = ["Event", "EventMention", "Status", "extract_events"]

Status = Literal["happened", "ongoing", "expected"]


@dataclass(frozen=True, slots=True)
class EventMention:
    """Where an event was read: document id, the sentence, and the timex that dates it
    (its text and character offsets in the document)."""

    doc: str
    sentence: str
    timex: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "sentence": self.sentence, "timex": self.timex, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world fact on the timeline.

    ``value`` is the TIMEX3 value of when it happened, ``start``/``end`` its interval (``None``
    for references such as ``FUTURE_REF``), ``text`` a short readable description,
    ``predicate`` the lemma of its main verb, ``actors`` the people, organisations and places
    involved, ``status`` whether it happened, is ongoing or is expected, ``sources`` the ids
    of the documents that report it and ``mentions`` where each of them does.
    """

    value: str
    start: datetime | None
    end: datetime | None
    granularity: str | None
    text: str
    predicate: str
    actors: tuple[str, ...]
    status: Status
    sources: tuple[str, ...]
    mentions: tuple[EventMention, ...]
    # ordering key for references and mixed granularities (see _merge.order_key)
    sort_key: tuple[Any, ...] = field(default=(), repr=False, compare=False)

    def __repr__(self) -> str:
        return f"Event({self.value} {self.status}: {self.text!r}, sources={list(self.sources)})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "granularity": self.granularity,
            "text": self.text,
            "predicate": self.predicate,
            "actors": list(self.actors),
            "status": self.status,
            "sources": list(self.sources),
            "mentions": [m.to_dict() for m in self.mentions],
        }


def extract_events(document: Document, parsed: list[tuple[int, Doc]], timexes: list[Timex]) -> list[Event]:
    """Events dated by the DATE/TIME timexes of one document.

    ``parsed`` holds the document's spaCy parse, as (character offset, Doc) pieces (one piece
    unless the text was longer than the pipeline's ``max_length``); ``timexes`` are the
    document's resolved timexes (offsets into ``document.text``). Each returned event has
    the document as its only source; merging happens later.
    """
    raise NotImplementedError  # being written
