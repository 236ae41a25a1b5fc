"""The built-in demo: tag the example article, print its timexes, draw its chronology
(with :mod:`timeline.render`). Imported lazily by ``timeline demo``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._types import Timex

if TYPE_CHECKING:
    from ._events import Event

__all__ = ["Example", "load_example", "timex_events", "format_table", "run_demo"]

EXAMPLE = "harbour_bridge"


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    published: str
    text: str


def load_example(name: str = EXAMPLE) -> Example:
    """The built-in example article (``timeline/examples/<name>.json`` + its text file)."""
    folder = resources.files("timeline").joinpath("examples")
    meta: dict[str, Any] = json.loads(folder.joinpath(f"{name}.json").read_text(encoding="utf-8"))
    text = folder.joinpath(meta.get("text", f"{name}.txt")).read_text(encoding="utf-8")
    return Example(name=name, title=meta["title"], published=meta["published"], text=text)


def format_table(timexes: Sequence[Timex]) -> str:
    """The timexes as an aligned plain-text table."""
    header = ("span", "type", "value", "mod", "text", "reason")
    rows = [
        (f"{t.start}-{t.end}", t.type, t.value, t.mod or "", " ".join(t.text.split()), t.reason)
        for t in timexes
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    lines = []
    for r in [header, *rows]:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[-1])
    lines.insert(1, "  ".join("-" * w for w in widths) + "  " + "-" * len(header[-1]))
    return "\n".join(line.rstrip() for line in lines)


def timex_events(text: str, timexes: Sequence[Timex], *, published: datetime | None, doc_id: str) -> list[Event]:
    """Chronology entries straight from timexes, for a rules-only run (no parse, so no real
    events): each dated expression with the sentence it is in; those that start after
    publication are ``expected``. Durations and sets date nothing and are skipped."""
    from ._events import Event, EventMention, Status

    found: dict[tuple[str, str], Event] = {}
    for t in timexes:
        if t.type not in ("DATE", "TIME"):
            continue
        if t.interval is None and t.value not in ("PAST_REF", "FUTURE_REF"):
            continue
        sentence = _sentence(text, t.start, t.end)
        start, end = t.interval if t.interval is not None else (None, None)
        later = (start is not None and published is not None and start > published) or t.value == "FUTURE_REF"
        key = (t.value, sentence)
        if key in found:
            continue
        status: Status = "expected" if later else "happened"
        found[key] = Event(
            value=t.value,
            start=start,
            end=end,
            granularity=t.granularity,
            text=sentence,
            predicate="",
            actors=(),
            status=status,
            sources=(doc_id,),
            mentions=(
                EventMention(
                    doc=doc_id, sentence=sentence, timex=t.text, start=t.start, end=t.end, value=t.value, mod=t.mod, text=sentence, status=status
                ),
            ),
            mod=t.mod,
        )
    events = list(found.values())
    far = datetime.max
    events.sort(key=lambda e: (e.start or published or far, e.end or published or far))
    return events


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence (or line) of ``text`` around ``start:end``.

    >>> t = "Kim left. He met Putin on Sunday. Then"
    >>> _sentence(t, t.index("Sunday"), t.index("Sunday") + 6)
    'He met Putin on Sunday'
    """
    a = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    b_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    b = min(b_candidates) if b_candidates else len(text)
    return " ".join(text[a + 1 : b].split()).rstrip(".")


def run_demo(out: str | Path, *, nlp: Any = None) -> tuple[list[Timex], Path]:
    """Tag the built-in example, save its chronology to ``out`` (PNG, SVG or PDF); return
    the timexes and the path. With a spaCy pipeline (``nlp`` not ``False``) the chronology
    holds real events (:func:`timeline.build`); rules only, one entry per dated expression."""
    from ._document import Document
    from ._published import parse_published
    from ._tag import tag
    from ._timeline import Timeline
    from .render import check_path

    check_path(out)  # fail before any work on a bad extension
    ex = load_example()
    published = parse_published(ex.published)
    timexes = tag(ex.text, published=published, nlp=nlp)
    doc = Document(ex.text, published=published, id=ex.name, title=ex.title)
    if nlp is False:
        chronology = Timeline(timex_events(ex.text, timexes, published=published, doc_id=ex.name), [doc])
    else:
        from ._build import build

        chronology = build([doc], nlp=nlp)
    path = chronology.save(out, title=ex.title, subtitle=f"{ex.name}, published {ex.published}")
    return timexes, path
