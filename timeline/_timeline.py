"""The ``Timeline``: merged events in chronological order, with the documents they came from.

Filtering, slicing and export (JSON, CSV, pandas). ``pandas`` is imported only by
:meth:`Timeline.to_dataframe`.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, overload

from ._document import Document, check_mode
from ._io import write_atomic
from ._errors import TimelineError
from ._events import SCHEMA_VERSION, STATUSES, Event, _as_opt_str, _as_str, _required, shown, within
from ._bounds import TimeBound, bound
from .render._spec import DISPLAY_FORMATS, FIGURE_FORMATS, check_display_format

if TYPE_CHECKING:
    import pandas
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["Timeline", "EventList", "STATUSES", "CSV_COLUMNS", "DISPLAY_FORMATS"]


#: Columns of :meth:`Timeline.to_csv`, in order.
CSV_COLUMNS = ("value", "start", "end", "granularity", "status", "text", "actors", "sources", "mentions")



class EventList(tuple[Event, ...]):
    """The events of a timeline: a tuple of :class:`Event` that reads well in a notebook
    (an HTML table) and in a console.

    >>> EventList()
    EventList([])
    """

    __slots__ = ()

    def __repr__(self) -> str:
        if not self:
            return "EventList([])"
        lines = [f"EventList({len(self)} event{'' if len(self) == 1 else 's'}):"]
        for e in self[:50]:
            text = e.text if len(e.text) <= 70 else e.text[:69] + "\u2026"
            lines.append(f"  {e.value:<14} {e.status:<9} {text}  [{', '.join(e.sources)}]")
        if len(self) > 50:
            lines.append(f"  ... and {len(self) - 50} more")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        rows = []
        for e in self:
            rows.append(
                "<tr>"
                f"<td style='white-space:nowrap'>{esc(e.value)}</td><td>{esc(e.status)}</td><td>{esc(e.text)}</td>"
                f"<td>{esc(', '.join(e.actors))}</td><td>{esc(', '.join(e.sources))}</td>"
                "</tr>"
            )
        head = "".join(f"<th style='text-align:left'>{h}</th>" for h in ("when", "status", "event", "actors", "sources"))
        n = len(self)
        caption = f"<caption style='text-align:left'>{n} event{'' if n == 1 else 's'}</caption>"
        return f"<table class='timeline-events'>{caption}<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


class _NoClassSettings(type):
    """Timelines have no process-wide settings: setting the display default on the class
    (once possible) fails and says what to do instead."""

    def __setattr__(cls, name: str, value: Any) -> None:
        if name == "default_display_format":
            raise AttributeError(
                "Timeline.default_display_format is not a process-wide setting; set display_format on "
                "each timeline: t.display_format = 'svg'"
            )
        super().__setattr__(name, value)


class Timeline(metaclass=_NoClassSettings):
    """A chronology: events in chronological order and the documents they were read in.

    Built by :func:`timeline.build`; also loaded back from its JSON with
    :meth:`from_json` / :meth:`from_dict`. Immutable: :meth:`filter`, :meth:`between` and
    slicing return new timelines (with the same documents).

    >>> t = Timeline([], [])
    >>> t
    <Timeline: 0 events from 0 documents>
    >>> len(t), list(t)
    (0, [])
    """

    __slots__ = ("_events", "_documents", "_display_format")

    _events: EventList
    _documents: tuple[Document, ...]
    _display_format: str

    #: How a timeline displays itself in a notebook unless set on it with
    #: ``t.display_format = "svg"``: one image only, so that Jupyter does not draw the
    #: chronology twice. A constant: there is no process-wide setting to change it.
    default_display_format: ClassVar[str] = DISPLAY_FORMATS[0]

    def __init__(self, events: Iterable[Event] = (), documents: Iterable[Document] = ()) -> None:
        evs = tuple(events)
        docs = tuple(documents)
        for i, e in enumerate(evs):
            if not isinstance(e, Event):
                raise TypeError(f"Timeline events must be Event objects; item {i} is a {type(e).__name__}")
        for i, d in enumerate(docs):
            if not isinstance(d, Document):
                raise TypeError(f"Timeline documents must be Document objects; item {i} is a {type(d).__name__}")
        object.__setattr__(self, "_events", EventList(evs))
        object.__setattr__(self, "_documents", docs)

    # --- container protocol ---------------------------------------------------------------

    @property
    def events(self) -> EventList:
        """The events, in chronological order (a tuple; an HTML table in notebooks)."""
        return self._events

    @property
    def documents(self) -> tuple[Document, ...]:
        """The documents the timeline was built from, in input order."""
        return self._documents

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "display_format":
            object.__setattr__(self, name, value)
            return
        raise AttributeError("Timeline is immutable")

    @property
    def display_format(self) -> str:
        """``"png"`` or ``"svg"``: the image a notebook shows for this timeline (default:
        :attr:`Timeline.default_display_format`). The only attribute that can be set."""
        try:
            return self._display_format
        except AttributeError:
            return type(self).default_display_format

    @display_format.setter
    def display_format(self, value: str) -> None:
        object.__setattr__(self, "_display_format", check_display_format(value))

    def __len__(self) -> int:
        return len(self._events)

    def __iter__(self) -> Iterator[Event]:
        return iter(self._events)

    @overload
    def __getitem__(self, index: int) -> Event: ...

    @overload
    def __getitem__(self, index: slice) -> Timeline: ...

    def __getitem__(self, index: int | slice) -> Event | Timeline:
        """``t[i]`` is an event; ``t[i:j]`` a timeline with those events (same documents)."""
        if isinstance(index, slice):
            return Timeline(self._events[index], self._documents)
        return self._events[index]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Timeline):
            return NotImplemented
        return self._events == other._events and self._documents == other._documents

    def __hash__(self) -> int:
        return hash((self._events, tuple(d.id for d in self._documents)))

    def __reduce__(self) -> tuple[Any, ...]:
        return (Timeline, (self._events, self._documents))

    def __repr__(self) -> str:
        n, m = len(self._events), len(self._documents)
        s = f"<Timeline: {n} event{'' if n == 1 else 's'} from {m} document{'' if m == 1 else 's'}"
        dated = [e for e in self._events if e.start is not None]
        if dated:
            first, last = dated[0].value, dated[-1].value
            s += f", {first}" if first == last else f", {first} to {last}"
        return s + ">"

    # --- drawing --------------------------------------------------------------------------

    def plot(
        self,
        ax: Axes | None = None,
        *,
        orientation: str = "horizontal",
        scale: str = "auto",
        color_by: str | None = "status",
        max_events: int | None = None,
        title: str | None = None,
        **options: Any,
    ) -> Figure:
        """Draw the chronology; returns the matplotlib ``Figure`` (a new one, or ``ax``'s).

        - ``orientation``: ``"horizontal"`` (time left to right, labels above and below)
          or ``"vertical"`` (time top to bottom, one column of labels);
        - ``scale``: ``"linear"``, ``"compressed"`` (long empty stretches collapsed, marked
          with breaks) or ``"auto"`` (compressed when the events are bunched up);
        - ``color_by``: ``"status"``, ``"source"``, ``"actor"`` or ``None``;
        - ``max_events``: keep the most important events: those on the key days (ranked as
          :meth:`summarize` ranks them), then the most reported (the subtitle says "N of M
          events shown"). Without it, a chart of more than 25 events that does not fit in about
          3,000 pixels a side draws the key dates
          instead, one sentence each (``summarize(dates=25)``), and says so;
        - ``title``; other options: see :class:`timeline.render.PlotSpec` (``subtitle``,
          ``figsize``, ``label_width``, ``max_lines``, ``fontsize``, ``show_publications``,
          ``legend``, ``dpi``, ``palette``...).

        Returns a new ``matplotlib.figure.Figure`` (no global plotting state): a
        ``ChartFigure`` subclass that shows itself in Jupyter as exactly one image, PNG or SVG
        as the timeline's :attr:`display_format` (set ``fig.display_format`` to change it),
        whether or not matplotlib's plotting interface has been imported. With ``ax``, draws
        into that Axes (its data limits become inches) and returns its figure, untouched
        otherwise; it is not resized, so give it room.
        """
        from .render import PlotSpec, render

        spec = PlotSpec.from_options(
            orientation=orientation, scale=scale, color_by=color_by, max_events=max_events, title=title, **options
        )
        fig_format = self.display_format if self.display_format in FIGURE_FORMATS else FIGURE_FORMATS[0]
        fig, _, _ = render(self._events, self._documents, spec, ax=ax, display_format=fig_format)
        return fig

    def save(self, path: str | os.PathLike[str], **plot_options: Any) -> Path:
        """Draw the chronology to ``path``: PNG, SVG or PDF by its extension (any case).

        ``plot_options`` are those of :meth:`plot` (without ``ax``). SVG files carry each
        event's full text as a tooltip. Written atomically: a failure leaves no file. An
        unsupported extension raises :class:`timeline.RenderError`.
        """
        from .render import PlotSpec, check_path, save

        check_path(path)
        if "ax" in plot_options:
            raise TypeError("save() draws its own figure: ax is not an option here")
        spec = PlotSpec.from_options(**plot_options)
        return save(self._events, self._documents, path, spec)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """One image (PNG or SVG, see :attr:`display_format`), or the interactive view
        (``"html"``, see :meth:`to_html`), and the text form."""
        from .render import PlotSpec, render

        if self.display_format == "html":
            from ._html import fragment

            return {"text/html": fragment(self), "text/plain": repr(self)}
        fig, _, _ = render(self._events, self._documents, PlotSpec(), display_format=self.display_format)
        return {**fig._repr_mimebundle_(), "text/plain": repr(self)}  # type: ignore[attr-defined]

    # --- selection ------------------------------------------------------------------------

    def filter(
        self,
        *,
        actor: str | None = None,
        source: str | Iterable[str] | None = None,
        status: str | Iterable[str] | None = None,
        start: TimeBound = None,
        end: TimeBound = None,
    ) -> Timeline:
        """The events that match every criterion given, as a new timeline.

        - ``actor``: case-insensitive substring of any of the event's actors;
        - ``source``: a document id, or several: events reported by any of them;
        - ``status``: ``"happened"``, ``"ongoing"``, ``"expected"``, or several of them;
        - ``start``/``end``: keep events whose interval overlaps the time from ``start``
          to ``end``, both *inclusive of their whole period*, as in pandas: a string names a
          period (``"2023"`` a year, ``"2023-Q3"`` a quarter, ``"2023-09"`` a month,
          ``"2023-W37"`` a week, ``"2023-09-12"`` or ``"Sept 12, 2023"`` a day: any form
          :func:`timeline.parse_published` reads), a ``date`` its whole day; a ``datetime``,
          or a string with a time of day (``"2023-09-12T14:00"``), is an instant.
          So ``end="2023-09"`` runs through the end of September and
          ``between("2023-09-12", "2023-09-12")`` is that day. Events without an interval
          (``PAST_REF``, ``FUTURE_REF``...) are dropped as soon as a bound is given. An
          ``end`` before ``start`` is a ``ValueError``.

        >>> from timeline import Event
        >>> e = Event(value="2024-05-09", start=datetime(2024, 5, 9), end=datetime(2024, 5, 10),
        ...           granularity="day", text="Talks resumed", predicate="resume", actors=(),
        ...           status="happened", sources=("a",), mentions=())
        >>> t = Timeline([e])
        >>> len(t.between("2024-05-09", "2024-05-09")), len(t.filter(end="2024-05")), len(t.filter(start="2024-05-10"))
        (1, 1, 0)
        """
        tests: list[Any] = []
        if actor is not None:
            if not isinstance(actor, str):
                raise TypeError(f"actor must be a str, not {type(actor).__name__}")
            needle = actor.casefold()
            tests.append(lambda e: any(needle in a.casefold() for a in e.actors))
        if source is not None:
            ids = _str_set(source, "source")
            tests.append(lambda e: any(s in ids for s in e.sources))
        if status is not None:
            wanted = _str_set(status, "status")
            unknown = sorted(wanted - set(STATUSES))
            if unknown:
                raise ValueError(f"unknown status {', '.join(map(repr, unknown))}; use one of {', '.join(STATUSES)}")
            tests.append(lambda e: e.status in wanted)
        lo = bound(start, "start")
        hi = bound(end, "end", end=True)
        if lo is not None and hi is not None and hi <= lo:
            raise ValueError(f"nothing lies between start ({_shown(start)}) and end ({_shown(end)}): end must come after start")
        if lo is not None or hi is not None:
            tests.append(
                lambda e: e.start is not None
                and e.end is not None
                and (hi is None or e.start < hi)
                and (lo is None or e.end > lo)
            )
        return Timeline((e for e in self._events if all(t(e) for t in tests)), self._documents)

    def between(self, start: TimeBound, end: TimeBound) -> Timeline:
        """The events whose interval overlaps the time from ``start`` to ``end``, both
        inclusive of their whole period (``between("2024-05-09", "2024-05-09")`` is that
        day, ``between("2024-01", "2024-03")`` the first quarter): ``filter(start=start,
        end=end)``, see :meth:`filter`."""
        return self.filter(start=start, end=end)

    # --- key events -----------------------------------------------------------------------

    def summarize(
        self,
        *,
        dates: int | None = None,
        per_date: int = 1,
        query: str | Iterable[str] | None = None,
    ) -> Timeline:
        """The story's key dates and, for each, the ``per_date`` sentences that best say
        what happened: a new timeline (same documents) of day-level events whose ``text`` is
        a complete sentence from a source, with every source that gave it and the mentions
        that date it.

        - ``dates``: how many key dates (days); ``None`` lets the data decide (the days that
          matter at least a fifth as much as the most important one, at most 30);
        - ``per_date``: sentences per date (each its own event), no two saying the same;
        - ``query``: the story, as keywords (``["swine", "flu"]``) or a phrase: articles
          and sentences that do not speak of it count less.

        A day matters when many articles mention it, more so articles published after it,
        and when many articles appear on it. Its sentences are those that date something to
        it and the opening sentences of the articles published on it; the chosen ones are
        the closest to what all of them say. A sentence dated only by its article's
        publication day has a mention with an empty ``timex`` at the sentence's offset.
        Deterministic; no model and no network (see docs/summaries.md).

        >>> from timeline import Document, Event, EventMention
        >>> doc = Document("The WHO raised its pandemic alert to phase five on Wednesday.", published="2009-04-29", id="a")
        >>> m = EventMention(doc="a", sentence=doc.text, timex="Wednesday", start=51, end=60,
        ...                  value="2009-04-29", text="The WHO raised its pandemic alert", status="happened")
        >>> e = Event("2009-04-29", datetime(2009, 4, 29), datetime(2009, 4, 30), "day",
        ...           "The WHO raised its pandemic alert", "raise", ("WHO",), "happened", ("a",), (m,))
        >>> Timeline([e], [doc]).summarize(dates=1).events[0].text
        'The WHO raised its pandemic alert to phase five on Wednesday.'
        """
        from ._summarize import summarize_events

        if dates is not None and (isinstance(dates, bool) or not isinstance(dates, int) or dates < 1):
            raise ValueError(f"dates must be a positive int or None, not {dates!r}")
        if isinstance(per_date, bool) or not isinstance(per_date, int) or per_date < 1:
            raise ValueError(f"per_date must be a positive int, not {per_date!r}")
        if query is not None and not isinstance(query, str) and not isinstance(query, Iterable):
            raise TypeError(f"query must be a string, a list of strings or None, not {type(query).__name__}")
        events = summarize_events(self._events, self._documents, dates=dates, per_date=per_date, query=query)
        return Timeline(events, self._documents)

    # --- export ---------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """``{"schema": 2, "events": [...], "documents": [...]}``, JSON-ready (see
        docs/events.md)."""
        return {
            "schema": SCHEMA_VERSION,
            "events": [e.to_dict() for e in self._events],
            "documents": [d.to_dict() for d in self._documents],
        }

    def to_json(self, path: str | os.PathLike[str] | None = None, *, indent: int | None = 2) -> str:
        """The timeline as JSON text (fixed key order, UTF-8, not ASCII-escaped).

        With ``path``, also writes it there (atomically: a temporary file is renamed over
        the target, so a failed write never leaves a partial file).
        """
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=indent) + "\n"
        if path is not None:
            _write_atomic(path, text)
        return text

    def to_timelinejs(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        title: str | None = None,
        group_by: str = "status",
        indent: int | None = 2,
    ) -> str:
        """The timeline in the TimelineJS3 JSON format (Knight Lab): a title slide (``title``,
        else "Chronology", and a one-line summary) and one slide per event, dated down to its
        granularity, grouped by ``group_by`` (``"status"`` or ``"source"``). Vague events are
        placed on their source's publication date; BC years are negative (490 BC: -490).
        With ``path``, also writes it there atomically. See docs/guide.md, "Publishing:
        TimelineJS"."""
        from ._timelinejs import timelinejs_json

        return timelinejs_json(self._events, self._documents, path, title=title, group_by=group_by, indent=indent)

    def to_html(self, path: str | os.PathLike[str] | None = None, *, title: str = "Chronology") -> str:
        """The chronology as one self-contained interactive HTML page (no network: style,
        script and data inline); with ``path``, also writes it there (atomically).

        A horizontal time axis (mouse wheel or the +/- buttons zoom, dragging pans), one
        ``.event`` element per event placed by date (``data-id``, ``data-date``,
        ``data-status``, ``data-sources``, ``data-actors``), a side panel with the sentences
        and sources (titles, links) of the event clicked, and checkbox filters by source,
        status and actor. Over 40 events, the page opens on the key events
        (:meth:`summarize`) with a "show all N events" toggle. The page's URL hash sets an
        initial filter: ``page.html#status=expected&source=a,b`` (``&all=1``: every event).
        ``t.display_format = "html"`` shows the same view in a notebook.
        """
        from ._html import page

        text = page(self, title=title)
        if path is not None:
            _write_atomic(path, text)
        return text

    def to_csv(self, path: str | os.PathLike[str]) -> None:
        """One row per event, columns :data:`CSV_COLUMNS`; actors and sources joined with
        ``"; "``, ``mentions`` is the number of mentions. Written atomically."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(CSV_COLUMNS)
        for e in self._events:
            w.writerow(
                [
                    e.value,
                    e.start.isoformat() if e.start else "",
                    e.end.isoformat() if e.end else "",
                    e.granularity or "",
                    e.status,
                    e.text,
                    "; ".join(e.actors),
                    "; ".join(e.sources),
                    len(e.mentions),
                ]
            )
        _write_atomic(path, buf.getvalue())

    def to_dataframe(self) -> pandas.DataFrame:
        """A pandas DataFrame, one row per event: the CSV columns plus ``predicate``, with
        ``start``/``end`` as datetimes, ``actors``/``sources`` as lists and ``mentions`` as
        a count. Needs pandas (not a dependency of this package)."""
        try:
            import pandas
        except ImportError as e:
            raise ImportError("Timeline.to_dataframe() needs pandas: pip install pandas") from e
        rows = [
            {
                "value": e.value,
                "start": e.start,
                "end": e.end,
                "granularity": e.granularity,
                "status": e.status,
                "text": e.text,
                "predicate": e.predicate,
                "actors": list(e.actors),
                "sources": list(e.sources),
                "mentions": len(e.mentions),
            }
            for e in self._events
        ]
        columns = [*CSV_COLUMNS[:6], "predicate", *CSV_COLUMNS[6:]]
        df = pandas.DataFrame(rows, columns=columns)
        for col in ("start", "end"):
            df[col] = pandas.to_datetime(df[col])
        return df

    # --- loading --------------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Timeline:
        """Inverse of :meth:`to_dict`. The JSON does not hold the article texts, so the
        loaded documents have an empty ``text``; everything else round-trips. Files of an
        earlier schema (version 1, without a ``"schema"`` key) still load; a newer schema
        than this version of the library knows raises :class:`TimelineError`.

        Data that would fail later is refused here with a :class:`TimelineError` naming
        the field (``not a timeline: events[3].granularity: unknown granularity ...``):
        what :meth:`Event.from_dict` checks (TIMEX3 values, granularities, modifiers,
        times, offsets, lone surrogates), documents (ids unique and not empty, dates that
        exist) and, when documents are given, that every event's sources and every
        mention's document are among them. Time-zone-aware event times keep their local
        wall-clock time (every time in a timeline is naive)."""
        try:
            if not isinstance(data, Mapping):
                raise TypeError(f"expected an object, got {type(data).__name__}")
            schema = data.get("schema", 1)
            if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
                raise TypeError(f"schema: must be a positive integer, not {shown(schema)}")
            if schema > SCHEMA_VERSION:
                raise TimelineError(f"not a timeline this version can read: schema {shown(schema)} (this version reads up to {SCHEMA_VERSION}); upgrade timeline")
            if not isinstance(data["events"], list) or not isinstance(data.get("documents", []), list):
                raise TypeError("'events' and 'documents' must be lists")
            events: list[Event] = []
            for i, e in enumerate(data["events"]):
                try:
                    events.append(Event.from_dict(e))
                except (TypeError, ValueError) as err:
                    raise within(f"events[{i}]", err) from None
            documents: list[Document] = []
            first: dict[str, int] = {}
            for i, d in enumerate(data.get("documents", [])):
                try:
                    doc = _document_from_dict(d)
                except (TypeError, ValueError) as err:
                    raise within(f"documents[{i}]", err) from None
                if doc.id in first:
                    raise ValueError(f"documents[{i}].id: {shown(doc.id)} is also the id of documents[{first[doc.id]}]; ids must be unique")
                first[doc.id] = i
                documents.append(doc)
            if documents:
                _check_sources(events, first)
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            what = f"missing key {e}" if isinstance(e, KeyError) else str(e)
            raise TimelineError(f"not a timeline: {what}") from None
        return cls(events, documents)

    @classmethod
    def from_json(cls, source: str | os.PathLike[str]) -> Timeline:
        """Load a timeline written by :meth:`to_json`: from JSON text, or from a file path."""
        if isinstance(source, str) and source.lstrip().startswith("{"):
            text, where = source, "JSON text"
        else:
            p = Path(source)
            try:
                text = p.read_text(encoding="utf-8")
            except FileNotFoundError:
                raise TimelineError(f"{_short(str(p))}: no such file") from None
            except (OSError, ValueError) as e:  # ValueError: not UTF-8, or a NUL in the name
                why = e.strerror if isinstance(e, OSError) and e.strerror else e
                raise TimelineError(f"{_short(str(p))}: cannot read: {why}") from None
            where = str(p)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise TimelineError(f"{where}: not valid JSON ({e.msg} at line {e.lineno})") from None
        except ValueError as e:  # an integer of more than 4,300 digits (sys.get_int_max_str_digits)
            raise TimelineError(f"{where}: not a timeline: {str(e).split(';')[0]}") from None
        except RecursionError:
            raise TimelineError(f"{where}: not valid JSON (nested too deeply)") from None
        return cls.from_dict(data)


# --- helpers ----------------------------------------------------------------------------------


def _str_set(value: str | Iterable[str], name: str) -> frozenset[str]:
    items = [value] if isinstance(value, str) else list(value)
    for v in items:
        if not isinstance(v, str):
            raise TypeError(f"{name} must be a str or an iterable of str, not {type(v).__name__}")
    return frozenset(items)


def _shown(value: TimeBound) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _short(s: str, n: int = 80) -> str:
    return s if len(s) <= n else s[: n - 3] + "..."


def _document_from_dict(d: Mapping[str, Any]) -> Document:
    """A document of a timeline's JSON, or a ``TypeError``/``ValueError`` whose message
    starts with the field."""
    if not isinstance(d, Mapping):
        raise TypeError(f"a document must be an object, not {type(d).__name__}")
    text = d.get("text", "")
    if not isinstance(text, str):
        raise TypeError(f"text: must be a string, not {type(text).__name__}")
    id = _as_str(_required(d, "id"), "id")
    if not id.strip():
        raise ValueError("id: must not be empty")
    title, url = _as_opt_str(d.get("title"), "title"), _as_opt_str(d.get("url"), "url")
    published = d.get("published")
    if published is not None:
        _as_str(published, "published")
    try:
        mode = check_mode(d.get("mode"))
    except (TypeError, ValueError) as e:
        raise type(e)(f"mode: {e}") from None
    try:
        return Document(text, published=published, id=id, title=title, url=url, mode=mode)
    except TimelineError as e:  # a publication date that cannot be read or cannot exist
        raise ValueError(f"published: {e}") from None


def _check_sources(events: Iterable[Event], ids: Mapping[str, int]) -> None:
    """Every event's sources and every mention's document among the documents ``ids``."""
    for i, e in enumerate(events):
        for k, s in enumerate(e.sources):
            if s not in ids:
                raise ValueError(f"events[{i}].sources[{k}]: {shown(s)} is not the id of any of the documents")
        for j, m in enumerate(e.mentions):
            if m.doc not in ids:
                raise ValueError(f"events[{i}].mentions[{j}].doc: {shown(m.doc)} is not the id of any of the documents")


def _write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` atomically (see :func:`timeline._io.write_atomic`)."""
    write_atomic(path, text)
