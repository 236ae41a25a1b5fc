"""The first stage: the events a chart shows, as items (kind, anchor times, header, colour),
and their label texts measured. Pure Python."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from .._timex3 import is_bc
from ._metrics import text_height, text_width, wrap_label
from ._spec import PlotSpec
from ._style import categories, event_color
from ._wording import describe_span, when_text

if TYPE_CHECKING:
    from .._document import Document
    from .._events import Event

__all__ = ["Item", "Items", "select_events", "collect_items", "subtitle", "measure_text", "tooltip"]


@dataclass
class Item:
    index: int
    event: Any
    kind: str  # "point", "span", "past", "future", "present"
    t0: datetime  # anchor time (point), or start
    t1: datetime | None  # end of a span
    pub: datetime | None
    header: str
    color: str
    category: str | None
    body_lines: list[str] = field(default_factory=list)
    truncated: bool = False
    w: float = 0.0  # text width
    h_header: float = 0.0
    h_body: float = 0.0

    @property
    def h(self) -> float:
        return self.h_header + self.h_body


@dataclass(frozen=True)
class Items:
    """The items of a chart and what else the later stages need to know of its events."""

    items: list[Item]
    n_total: int
    dropped: int  # vague events without a publication date, and BC dates
    cat_colors: dict[str, str]
    published: dict[str, datetime]  # document id -> publication time
    titles: dict[str, str | None]


def select_events(events: Sequence[Event], max_events: int | None, documents: Sequence[Document] = ()) -> list[Event]:
    """At most ``max_events`` events, the most important (as :meth:`timeline.Timeline.summarize`
    ranks days, then by sources: see ``_summarize.key_events``), kept in chronological order."""
    evs = list(events)
    if max_events is None or len(evs) <= max_events:
        return evs
    from .._summarize import key_events

    return key_events(evs, documents, max_events)


def _kind(event: Event) -> str:
    if event.start is None or event.end is None:
        return {"PAST_REF": "past", "FUTURE_REF": "future"}.get(event.value, "present")
    if event.end - event.start <= timedelta(days=1):
        return "point"
    return "span"


def collect_items(events: Sequence[Event], documents: Sequence[Document], spec: PlotSpec) -> Items:
    """The items of the chosen events; vague ones hang off their article's publication date
    (left out without one), BC dates are left out (a datetime axis cannot reach them)."""
    all_events = list(events)
    chosen = select_events(all_events, spec.max_events, documents)
    # publication dates: a date without a time is placed mid-day, like day-level events
    published = {
        d.id: (d.published + timedelta(hours=12) if d.published.time() == datetime.min.time() else d.published)
        for d in documents
        if d.published is not None
    }
    items: list[Item] = []
    dropped = 0
    cats, cat_colors = categories(chosen, spec.color_by, spec.palette)
    for i, (e, cat) in enumerate(zip(chosen, cats)):
        kind = _kind(e)
        pub = next((published[s] for s in e.sources if s in published), None)
        if is_bc(e.value) or (kind in ("past", "future", "present") and pub is None):
            dropped += 1
            continue
        if kind in ("past", "future", "present"):
            assert pub is not None
            t0, t1 = pub, None
        else:
            assert e.start is not None and e.end is not None
            t0, t1 = (e.start + (e.end - e.start) / 2, None) if kind == "point" else (e.start, e.end)
        header = when_text(e, pub)
        if len(e.sources) > 1:
            header += f" · {len(e.sources)} sources"
        color = event_color(e.status, spec.color_by, cat, cat_colors)
        items.append(Item(i, e, kind, t0, t1, pub, header, color, cat))
    titles = {d.id: d.title for d in documents}
    return Items(items, len(all_events), dropped, cat_colors, published, titles)


def subtitle(found: Items, documents: Sequence[Document], all_events: Sequence[Event]) -> str:
    """The default subtitle: how many events are shown, of how many, from how many articles,
    the time they cover, and what was left out."""
    n, m, shown, dropped = len(all_events), len(documents), len(found.items), found.dropped
    parts = [f"{shown} of {n} events shown" if shown + dropped < n or shown < n else f"{n} event{'' if n == 1 else 's'}"]
    if m:
        parts[0] += f" from {m} article{'' if m == 1 else 's'}"
    span = describe_span(all_events)
    if span:
        parts.append(span)
    if dropped:
        parts.append(f"{dropped} vague event{'' if dropped == 1 else 's'} without a publication date not shown")
    return " · ".join(parts)


def measure_text(spec: PlotSpec, it: Item, chars: int) -> None:
    """Wrap the item's text at ``chars`` characters and measure its label."""
    fs = spec.fontsize
    lines, cut = wrap_label(it.event.text or it.event.value, chars, spec.max_lines)
    it.body_lines, it.truncated = lines, cut
    hfs = fs - 0.5
    it.w = max(text_width("\n".join(lines), fs), text_width(it.header, hfs, bold=True) if spec.show_dates else 0.0) + 0.06
    it.h_header = text_height(1, hfs) - 0.2 * hfs / 72 if spec.show_dates else 0.0
    it.h_body = text_height(len(lines), fs)


def tooltip(it: Item) -> str:
    e = it.event
    src = ", ".join(e.sources)
    return f"{it.header}: {e.text}" + (f" (sources: {src})" if src else "") + (f" [{e.status}]" if e.status != "happened" else "")
