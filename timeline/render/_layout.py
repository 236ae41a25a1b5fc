"""The layout of a chronology: where everything goes, in inches, before anything is drawn.

Pure Python (no matplotlib): a :class:`Layout` is computed from the events, the documents
they came from and a :class:`~timeline.render._spec.PlotSpec`, and can be tested on its own
(positions, levels, no overlapping label boxes, everything inside the figure). The drawing
step (``_draw.py``) only follows it.

Coordinates are inches from the figure's bottom-left corner. Text sizes are estimated from
the advance widths of DejaVu Sans (the font the drawing uses), so the estimated boxes hold
the rendered text.
"""

from __future__ import annotations

import math
import textwrap
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from .._events import time_of
from .._timex3 import is_bc
from ._spec import PlotSpec

if TYPE_CHECKING:
    from .._document import Document
    from .._events import Event

__all__ = [
    "Box",
    "TimeScale",
    "Layout",
    "EventLayout",
    "Label",
    "Tick",
    "Publication",
    "LegendEntry",
    "compute_layout",
    "select_events",
    "text_width",
    "text_height",
    "wrap_label",
    "when_text",
    "STATUS_COLORS",
]

FONT = "DejaVu Sans"
INK = "#222222"
MUTED = "#555555"
OTHER = "#8C8C8C"
NEUTRAL = "#33415C"
STATUS_COLORS = {"happened": "#0072B2", "ongoing": "#009E73", "expected": "#D55E00"}
STATUS_LABELS = {"happened": "happened", "ongoing": "ongoing", "expected": "expected / planned"}
MARKERS = {"happened": "o", "ongoing": "D", "expected": "o"}

# advance widths of DejaVu Sans (regular, bold) for ASCII 32..126, in em
_W_REGULAR = (
    0.318, 0.401, 0.46, 0.838, 0.636, 0.95, 0.78, 0.275, 0.39, 0.39, 0.5, 0.838, 0.318, 0.361, 0.318, 0.337,
    0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337, 0.337, 0.838, 0.838, 0.838,
    0.531, 1.0, 0.684, 0.686, 0.698, 0.77, 0.632, 0.575, 0.775, 0.752, 0.295, 0.295, 0.656, 0.557, 0.863,
    0.748, 0.787, 0.603, 0.787, 0.695, 0.635, 0.611, 0.732, 0.684, 0.989, 0.685, 0.611, 0.685, 0.39, 0.337,
    0.39, 0.838, 0.5, 0.5, 0.613, 0.635, 0.55, 0.635, 0.615, 0.352, 0.635, 0.634, 0.278, 0.278, 0.579,
    0.278, 0.974, 0.634, 0.612, 0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592, 0.818, 0.592, 0.592, 0.525,
    0.636, 0.337, 0.636, 0.838,
)
_W_BOLD = (
    0.348, 0.456, 0.521, 0.838, 0.696, 1.002, 0.872, 0.306, 0.457, 0.457, 0.523, 0.838, 0.38, 0.415, 0.38,
    0.365, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.4, 0.4, 0.838, 0.838,
    0.838, 0.58, 1.0, 0.774, 0.762, 0.734, 0.83, 0.683, 0.683, 0.821, 0.837, 0.372, 0.372, 0.775, 0.637,
    0.995, 0.837, 0.85, 0.733, 0.85, 0.77, 0.72, 0.682, 0.812, 0.774, 1.103, 0.771, 0.724, 0.725, 0.457,
    0.365, 0.457, 0.838, 0.5, 0.5, 0.675, 0.716, 0.593, 0.716, 0.678, 0.435, 0.716, 0.712, 0.343, 0.343,
    0.665, 0.343, 1.042, 0.712, 0.687, 0.716, 0.716, 0.493, 0.595, 0.478, 0.712, 0.652, 0.924, 0.645, 0.652,
    0.582, 0.712, 0.365, 0.712, 0.838,
)


# --- text metrics ------------------------------------------------------------------------------


def _char_em(c: str, table: tuple[float, ...]) -> float:
    o = ord(c)
    if 32 <= o <= 126:
        return table[o - 32]
    if unicodedata.east_asian_width(c) in ("W", "F"):
        return 1.05
    if unicodedata.combining(c):
        return 0.0
    return 0.8 if c.isupper() else 0.7


def text_width(text: str, fontsize: float, *, bold: bool = False) -> float:
    """Estimated width in inches of the widest line of ``text`` (a little generous).

    >>> round(text_width("Kim", 10), 3)
    0.273
    """
    table = _W_BOLD if bold else _W_REGULAR
    widest = max((sum(_char_em(c, table) for c in line) for line in text.split("\n")), default=0.0)
    return widest * 1.03 * fontsize / 72


def text_height(lines: int, fontsize: float) -> float:
    """Estimated height in inches of ``lines`` lines of text (line spacing 1.2, generous)."""
    return (1.25 * lines + 0.25) * fontsize / 72 if lines else 0.0


def wrap_label(text: str, width: int, max_lines: int) -> tuple[list[str], bool]:
    """``text`` wrapped at ``width`` characters, at most ``max_lines`` lines; the last line
    ends with an ellipsis when text was cut. Returns the lines and whether it was cut.

    >>> wrap_label("Kim left Pyongyang by train on Sunday afternoon", 12, 2)
    (['Kim left', 'Pyongyang b…'], True)
    """
    # only the first few lines are shown: wrap a bounded head of the text, so that a label
    # costs the same for a sentence and for a 10 MB text
    limit = (max_lines + 1) * max(width, 1) * 2
    head = text[: limit * 4]
    words = " ".join(head.split())
    more = len(text) > len(head) or len(words) > limit
    lines = textwrap.wrap(words[:limit], width, break_long_words=True, break_on_hyphens=True) or [""]
    if len(lines) <= max_lines and not more:
        return lines, False
    kept = lines[:max_lines]
    rest = " ".join([kept[-1], *lines[max_lines:]])
    last = rest[: max(width - 1, 1)].rstrip(" ,;:-")
    kept[-1] = last + "…"
    return kept, True


# --- dates in words ------------------------------------------------------------------------------

_PARTS_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "MI": "midday", "DT": "daytime"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


def _day(t: datetime, year: bool = True) -> str:
    return f"{t.day} {t:%b}" + (f" {t.year}" if year else "")


_MOD_WORDS = {"START": "early", "MID": "mid", "END": "late"}


def _range_text(s: datetime, e: datetime, g: str | None) -> str:
    """A range of days, months or years as a reader writes it: "3–6 Jul 2024",
    "28 Jun – 2 Jul 2024", "Mar–May 2010", "2008–2010"."""
    last = e - timedelta(days=1) if g in ("day", None) else e - timedelta(microseconds=1)
    if g == "year" or g in ("decade", "century"):
        return f"{s.year}\u2013{last.year}"
    if g in ("month", "season", "quarter", "half"):
        if s.year == last.year:
            return f"{s:%b}\u2013{last:%b} {s.year}"
        return f"{s:%b %Y} \u2013 {last:%b %Y}"
    if s.year == last.year and s.month == last.month:
        return f"{s.day}\u2013{last.day} {last:%b %Y}"
    if s.year == last.year:
        return f"{_day(s, year=False)} \u2013 {_day(last)}"
    return f"{_day(s)} \u2013 {_day(last)}"


_BC_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_BC_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _bc_text(value: str) -> str:
    """ "BC0490" -> "490 BC", "BC0044-03-15" -> "15 Mar 44 BC", "BC046" -> "460s BC",
    "BC04" -> "5th century BC" (the value as written for any other shape).

    >>> [_bc_text(v) for v in ("BC0490", "BC0044-03-15", "BC0480-SP", "BC046", "BC04", "BC0480-W12")]
    ['490 BC', '15 Mar 44 BC', 'spring 480 BC', '460s BC', '5th century BC', 'BC0480-W12']
    """
    rest = value[2:]
    if rest.isdigit() and len(rest) == 2:
        n = int(rest) + 1
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix} century BC"
    if rest.isdigit() and len(rest) == 3:
        return f"{int(rest) * 10}s BC"
    year, _, tail = rest.partition("-")
    if not (year.isdigit() and len(year) == 4):
        return value
    y = f"{int(year)} BC"
    if not tail:
        return y
    if tail in _BC_SEASONS:
        return f"{_BC_SEASONS[tail]} {y}"
    parts = tail.split("-")
    if all(p.isdigit() and len(p) == 2 for p in parts) and 1 <= int(parts[0]) <= 12 and len(parts) <= 2:
        month = _BC_MONTHS[int(parts[0]) - 1]
        return f"{int(parts[1])} {month} {y}" if len(parts) == 2 else f"{month} {y}"
    return value


def when_text(event: Event, published: datetime | None = None) -> str:
    """The date of an event as a reader says it, at its own granularity.

    >>> from timeline import Event
    >>> e = Event("2023-09-11", datetime(2023, 9, 11), datetime(2023, 9, 12), "day", "", "", (), "happened", (), ())
    >>> when_text(e)
    'Mon 11 Sep 2023'
    >>> when_text(Event("2024-07-03/2024-07-06", datetime(2024, 7, 3), datetime(2024, 7, 7), "day", "", "", (), "expected", (), ()))
    '3–6 Jul 2024'
    >>> when_text(Event("2024-06", datetime(2024, 6, 1), datetime(2024, 6, 11), "month", "", "", (), "happened", (), (), mod="START"))
    'early Jun 2024'
    """
    g, v, s, e = event.granularity, event.value, event.start, event.end
    if s is not None and e is not None and "/" in v:
        return _range_text(s, e, g)
    mod = _MOD_WORDS.get(event.mod or "")
    if mod and s is not None and g in ("week", "month", "season", "quarter", "half", "year", "decade", "century"):
        start, end, _ = time_of(v)
        plain = when_text(replace(event, mod=None, start=start, end=end), published)
        return f"{mod} {plain}"
    if (s is None or e is None) and is_bc(v):
        return _bc_text(v)
    if s is None or e is None:
        at = f" {_day(published)}" if published is not None else ""
        if v == "PAST_REF":
            return f"before{at or ' publication'} (vague)"
        if v == "FUTURE_REF":
            return f"after{at or ' publication'} (vague)"
        return f"around{at or ' publication'} (vague)"
    if g == "day":
        return f"{s:%a} {_day(s)}"
    if g == "part_of_day":
        part = _PARTS_OF_DAY.get(v.rsplit("T", 1)[-1], "")
        return f"{s:%a} {_day(s)}" + (f", {part}" if part else "")
    if g in ("hour", "minute", "second", "time"):
        return f"{_day(s)}, {s:%H:%M}"
    if g == "weekend":
        return f"weekend of {_day(s)}"
    if g == "week":
        return f"week of {_day(s)}"
    if g == "month":
        return f"{s:%b %Y}"
    if g == "season":
        return f"{_SEASONS.get(v[-2:], 'season')} {s.year}"
    if g == "quarter":
        return f"Q{(s.month - 1) // 3 + 1} {s.year}"
    if g == "half":
        return f"H{1 if s.month <= 6 else 2} {s.year}"
    if g == "year":
        return str(s.year)
    if g in ("decade", "century"):
        return f"{s.year}s"
    if (e - s) <= timedelta(days=1):
        return f"{s:%a} {_day(s)}"
    return f"{_day(s)} to {_day(e - timedelta(seconds=1))}"


# --- time scale ---------------------------------------------------------------------------------

_EPOCH = datetime(1970, 1, 1)


def _days(t: datetime) -> float:
    return (t.replace(tzinfo=None) - _EPOCH).total_seconds() / 86400


def _from_days(d: float) -> datetime:
    try:
        return _EPOCH + timedelta(days=d)
    except OverflowError:  # beyond what datetime holds (years 1 to 9999)
        return datetime.max if d > 0 else datetime.min


@dataclass(frozen=True)
class Segment:
    """A stretch of the axis where time runs linearly: ``[start, end]`` -> ``[x0, x1]``."""

    start: datetime
    end: datetime
    x0: float
    x1: float


@dataclass(frozen=True)
class Gap:
    """A collapsed stretch of empty time ``[start, end]``, drawn ``[x0, x1]`` with a break."""

    start: datetime
    end: datetime
    x0: float
    x1: float

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


class TimeScale:
    """A monotone map from datetimes to ``[0, 1]`` along the time axis (pure).

    ``kind="linear"`` is proportional time. ``kind="compressed"`` keeps time linear where
    things happen and collapses every empty stretch longer than ``min_gap`` (that would take
    more than ``gap_width`` of the axis) into a short piece of the axis: those are listed in
    :attr:`gaps`, and the drawing marks them with breaks. ``kind="auto"`` compresses
    when the times are skewed: half of them fall within ``1 / auto_ratio`` of the whole span.

    >>> week = [datetime(2023, 9, d) for d in range(4, 12)]
    >>> s = TimeScale([datetime(2011, 1, 1), datetime(2012, 1, 1), *week])
    >>> s.kind, len(s.gaps), round(s(week[-1]) - s(week[0]), 2)
    ('compressed', 2, 0.91)
    >>> TimeScale([datetime(2000 + y, 1, 1) for y in range(20)]).kind
    'linear'
    """

    def __init__(
        self,
        times: Sequence[datetime],
        *,
        weak: Sequence[datetime] = (),
        kind: str = "auto",
        gap_width: float = 0.045,
        min_gap: timedelta = timedelta(days=3),
        auto_ratio: float = 20.0,
    ) -> None:
        ds = sorted({_days(t) for t in times})
        if not ds:
            ds = [0.0]
        # weak times (ends of spans) shape the scale only beyond the strong ones
        ds = sorted({*ds, *(w for w in map(_days, weak) if w < ds[0] or w > ds[-1])})
        if ds[-1] - ds[0] < 1e-9:
            ds = [ds[0] - 1, ds[0] + 1]
        self.lo, self.hi = ds[0], ds[-1]
        total = self.hi - self.lo
        gaps = [b - a for a, b in zip(ds, ds[1:])]
        lin = [g / total for g in gaps]
        comp = _compress(gaps, gap_width, min_gap.total_seconds() / 86400)
        ratio = max((c / w for c, w in zip(comp, lin) if w > 0), default=1.0)
        if kind == "auto":
            # skewed: half of the times fall within a twentieth of the whole span
            every = sorted(_days(t) for t in times)
            m = max(2, (len(every) + 1) // 2)
            window = min((every[i + m - 1] - every[i] for i in range(len(every) - m + 1)), default=total)
            skewed = window < total / auto_ratio
            kind = "compressed" if skewed and ratio > 1.5 else "linear"
        self.kind = kind
        widths = comp if kind == "compressed" else lin
        self._ds = ds
        self._xs = [0.0]
        for w in widths:
            self._xs.append(self._xs[-1] + w)
        top = self._xs[-1] or 1.0
        self._xs = [x / top for x in self._xs]
        # collapsed gaps and the linear segments between them
        self.gaps: list[Gap] = []
        self.segments: list[Segment] = []
        seg_start = 0
        norm = [w / top for w in widths]
        k_max = max((w / g for g, w in zip(gaps, norm) if g > 0), default=0.0)
        for i, (g, w) in enumerate(zip(gaps, norm)):
            if kind == "compressed" and g > 0 and w < g * k_max * 0.98:
                self.segments.append(self._segment(seg_start, i))
                self.gaps.append(Gap(_from_days(ds[i]), _from_days(ds[i + 1]), self._xs[i], self._xs[i + 1]))
                seg_start = i + 1
        self.segments.append(self._segment(seg_start, len(ds) - 1))
        # slope beyond the ends: that of the nearest linear piece
        self._slope = max((s.x1 - s.x0) / max(_days(s.end) - _days(s.start), 1e-9) for s in self.segments if s.end > s.start) if any(
            s.end > s.start for s in self.segments
        ) else 1.0 / total

    def _segment(self, i: int, j: int) -> Segment:
        return Segment(_from_days(self._ds[i]), _from_days(self._ds[j]), self._xs[i], self._xs[j])

    @property
    def start(self) -> datetime:
        return _from_days(self.lo)

    @property
    def end(self) -> datetime:
        return _from_days(self.hi)

    def __call__(self, t: datetime) -> float:
        d = _days(t)
        ds, xs = self._ds, self._xs
        if d <= ds[0]:
            return xs[0] - (ds[0] - d) * self._slope
        if d >= ds[-1]:
            return xs[-1] + (d - ds[-1]) * self._slope
        i = bisect_right(ds, d) - 1
        a, b = ds[i], ds[i + 1]
        return xs[i] + (d - a) / (b - a) * (xs[i + 1] - xs[i])

    def in_gap(self, t: datetime) -> bool:
        return any(g.start < t < g.end for g in self.gaps)


def _compress(gaps: list[float], cap: float, min_gap: float) -> list[float]:
    """Widths (summing to 1) of the gaps: linear with one slope ``k`` except for the gaps of
    at least ``min_gap`` days that would be wider than ``cap``, which get ``cap``."""
    if not gaps:
        return []
    long_ = [g >= min_gap for g in gaps]
    n_long = sum(long_)
    short_total = sum(g for g, is_long in zip(gaps, long_) if not is_long)
    cap = min(cap, 0.4 / max(n_long, 1))
    if short_total <= 0:  # every gap is long: an ordinal axis, all the same width
        return [1.0 / len(gaps)] * len(gaps)

    def total(k: float) -> float:
        return sum(min(g * k, cap) if is_long else g * k for g, is_long in zip(gaps, long_))

    lo, hi = 0.0, 1.0 / short_total  # total(hi) >= 1
    for _ in range(100):
        mid = (lo + hi) / 2
        if total(mid) < 1:
            lo = mid
        else:
            hi = mid
    k = hi
    widths = [min(g * k, cap) if is_long else g * k for g, is_long in zip(gaps, long_)]
    s = sum(widths)
    return [w / s for w in widths]


# --- layout types --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """An axis-aligned box in inches: ``x0 <= x1``, ``y0 <= y1``."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def intersects(self, other: Box, pad: float = 0.0) -> bool:
        return self.x0 < other.x1 + pad and other.x0 < self.x1 + pad and self.y0 < other.y1 + pad and other.y0 < self.y1 + pad

    def inside(self, other: Box, tol: float = 1e-6) -> bool:
        return self.x0 >= other.x0 - tol and self.y0 >= other.y0 - tol and self.x1 <= other.x1 + tol and self.y1 <= other.y1 + tol


@dataclass(frozen=True)
class Label:
    """The label of an event: a header (its date, bold) over the wrapped text."""

    header: str
    header_xy: tuple[float, float]
    body: str
    body_xy: tuple[float, float]
    ha: str  # "left" or "right"; both texts are top-aligned at their xy
    box: Box  # the whole label (texts, and the bar of a span)
    full_text: str
    truncated: bool
    header_box: Box
    body_box: Box


@dataclass(frozen=True)
class EventLayout:
    """How one event is drawn."""

    index: int
    event: Any  # an Event
    kind: str  # "point", "span", "past", "future", "present"
    status: str
    color: str
    category: str | None
    anchor: tuple[float, float]  # on the axis
    marker: str
    filled: bool
    dashed: bool
    stem: tuple[tuple[float, float], ...]  # polyline from the anchor to the label
    bar: tuple[tuple[float, float], tuple[float, float]] | None  # spans and vague refs
    bar_gaps: tuple[tuple[tuple[float, float], tuple[float, float]], ...]  # parts of the bar over collapsed time
    label: Label
    tooltip: str


@dataclass(frozen=True)
class Tick:
    pos: tuple[float, float]  # the tick mark, on the axis
    text: str
    text_xy: tuple[float, float]
    ha: str
    va: str
    box: Box


@dataclass(frozen=True)
class Publication:
    doc_id: str
    title: str | None
    published: datetime
    pos: tuple[float, float]
    color: str


@dataclass(frozen=True)
class LegendEntry:
    kind: str  # "status", "span", "vague", "publication", "category"
    label: str
    color: str
    status: str | None = None


@dataclass(frozen=True)
class TextItem:
    text: str
    xy: tuple[float, float]
    fontsize: float
    ha: str
    va: str
    box: Box
    bold: bool = False
    color: str = INK


@dataclass
class Layout:
    """Everything the drawing needs, in inches from the figure's bottom-left corner."""

    spec: PlotSpec
    width: float
    height: float
    orientation: str
    scale_kind: str
    axis: tuple[tuple[float, float], tuple[float, float]] | None
    axis_pieces: list[tuple[tuple[float, float], tuple[float, float]]] = field(default_factory=list)
    breaks: list[tuple[tuple[float, float], tuple[float, float]]] = field(default_factory=list)  # collapsed gaps
    ticks: list[Tick] = field(default_factory=list)
    events: list[EventLayout] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    legend: list[LegendEntry] = field(default_factory=list)
    legend_box: Box | None = None
    legend_ncols: int = 1
    texts: list[TextItem] = field(default_factory=list)  # title, subtitle, message
    n_total: int = 0
    n_shown: int = 0

    @property
    def bounds(self) -> Box:
        return Box(0.0, 0.0, self.width, self.height)

    def text_boxes(self) -> list[tuple[str, Box]]:
        """Every estimated text box: labels (header and body), ticks, title, legend."""
        out: list[tuple[str, Box]] = []
        for ev in self.events:
            out.append((f"header {ev.index}", ev.label.header_box))
            out.append((f"label {ev.index}", ev.label.body_box))
        out += [(f"tick {t.text}", t.box) for t in self.ticks]
        out += [(f"text {t.text[:20]}", t.box) for t in self.texts]
        if self.legend_box is not None:
            out.append(("legend", self.legend_box))
        return out

    def label_boxes(self) -> list[Box]:
        return [ev.label.box for ev in self.events]


# --- selecting and describing events ------------------------------------------------------------


def select_events(events: Sequence[Event], max_events: int | None, documents: Sequence[Document] = ()) -> list[Event]:
    """At most ``max_events`` events, the most important (as :meth:`timeline.Timeline.summarize`
    ranks days, then by sources: see ``_summarize.key_events``), kept in chronological order."""
    evs = list(events)
    if max_events is None or len(evs) <= max_events:
        return evs
    from .._summarize import key_events

    return key_events(evs, documents, max_events)


def _categories(events: Sequence[Event], color_by: str | None, palette: tuple[str, ...]) -> tuple[list[str | None], dict[str, str]]:
    if color_by in (None, "status"):
        return [None] * len(events), {}
    if color_by == "source":
        cats = [e.sources[0] if e.sources else "(unknown)" for e in events]
    else:
        cats = [e.actors[0] if e.actors else "(no actor)" for e in events]
    counts = Counter(cats)
    ordered = [c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    n = len(palette)
    if len(ordered) > n:
        named = ordered[: n - 1]
        colors = {c: palette[i] for i, c in enumerate(named)}
        colors.update({c: OTHER for c in ordered[n - 1 :]})
        colors["other"] = OTHER
    else:
        colors = {c: palette[i] for i, c in enumerate(ordered)}
    return cats, colors  # type: ignore[return-value]


def _kind(event: Event) -> str:
    if event.start is None or event.end is None:
        return {"PAST_REF": "past", "FUTURE_REF": "future"}.get(event.value, "present")
    if event.end - event.start <= timedelta(days=1):
        return "point"
    return "span"


# --- the layout -----------------------------------------------------------------------------------


@dataclass
class _Item:
    index: int
    event: Any
    kind: str
    t0: datetime  # anchor time (point), or start
    t1: datetime | None  # end of a span
    pub: datetime | None
    header: str
    body_lines: list[str]
    truncated: bool
    color: str
    category: str | None
    w: float = 0.0  # text width
    h_header: float = 0.0
    h_body: float = 0.0


def compute_layout(
    events: Sequence[Event],
    documents: Sequence[Document] = (),
    spec: PlotSpec | None = None,
    *,
    size: tuple[float, float] | None = None,
) -> Layout:
    """The layout of a chronology of ``events`` (in chronological order).

    ``documents`` give the publication dates (marked on the axis, and the anchor of vague
    references such as "in the coming days"). ``size`` overrides the spec's figure size
    (width, minimum height) in inches, e.g. to fill a given Axes.
    """
    spec = spec or PlotSpec()
    width, min_height = size or spec.size
    fs = spec.fontsize
    all_events = list(events)
    chosen = select_events(all_events, spec.max_events, documents)
    # publication dates: a date without a time is placed mid-day, like day-level events
    published = {
        d.id: (d.published + timedelta(hours=12) if d.published.time() == datetime.min.time() else d.published)
        for d in documents
        if d.published is not None
    }
    titles = {d.id: d.title for d in documents}

    items: list[_Item] = []
    dropped = 0
    cats, cat_colors = _categories(chosen, spec.color_by, spec.palette)
    for i, (e, cat) in enumerate(zip(chosen, cats)):
        kind = _kind(e)
        pub = next((published[s] for s in e.sources if s in published), None)
        if is_bc(e.value):  # no interval, and an axis of datetimes cannot reach it
            dropped += 1
            continue
        if kind in ("past", "future", "present"):
            if pub is None:
                dropped += 1
                continue
            t0, t1 = pub, None
        elif kind == "point":
            assert e.start is not None and e.end is not None
            t0, t1 = e.start + (e.end - e.start) / 2, None
        else:
            assert e.start is not None and e.end is not None
            t0, t1 = e.start, e.end
        header = when_text(e, pub)
        if len(e.sources) > 1:
            header += f" · {len(e.sources)} sources"
        if spec.color_by == "status":
            color = STATUS_COLORS.get(e.status, NEUTRAL)
        elif spec.color_by is None:
            color = NEUTRAL
        else:
            color = cat_colors.get(cat or "", OTHER)
        items.append(_Item(i, e, kind, t0, t1, pub, header, [], False, color, cat))

    n_shown = len(items)
    title = spec.title if spec.title is not None else "Chronology"
    subtitle = spec.subtitle if spec.subtitle is not None else _subtitle(all_events, n_shown, dropped, documents)

    if not items:
        return _empty_layout(spec, width, max(min_height, 2.5), title, subtitle, len(all_events))

    # publications on the axis
    pubs: list[tuple[str, datetime]] = []
    if spec.show_publications:
        used = {s for it in items for s in it.event.sources}
        pubs = sorted(((d, p) for d, p in published.items() if d in used or not used), key=lambda dp: (dp[1], dp[0]))

    times: list[datetime] = []
    weak: list[datetime] = []
    for it in items:
        e = it.event
        if it.kind == "point":
            times += [e.start, e.end]
        elif it.kind == "span":
            times.append(e.start)
            weak.append(e.end)
        else:
            times.append(it.t0)
    times += [p for _, p in pubs]
    scale = TimeScale(times, weak=weak, kind=spec.scale)

    if spec.orientation == "horizontal":
        layout = _horizontal(spec, items, scale, width, min_height, title, subtitle, fs, bool(pubs))
    else:
        layout = _vertical(spec, items, scale, width, min_height, title, subtitle, fs, bool(pubs))
    layout.n_total, layout.n_shown = len(all_events), n_shown

    # publications, legend entries
    pub_color = MUTED
    for doc_id, p in pubs:
        color = cat_colors.get(doc_id, pub_color) if spec.color_by == "source" else pub_color
        layout.publications.append(Publication(doc_id, titles.get(doc_id), p, _axis_point(layout, scale, p), color))
    return layout


def _subtitle(events: Sequence[Event], shown: int, dropped: int, documents: Sequence[Document]) -> str:
    n, m = len(events), len(documents)
    parts = [f"{shown} of {n} events shown" if shown + dropped < n or shown < n else f"{n} event{'' if n == 1 else 's'}"]
    if m:
        parts[0] += f" from {m} article{'' if m == 1 else 's'}"
    span = describe_span(events)
    if span:
        parts.append(span)
    if dropped:
        parts.append(f"{dropped} vague event{'' if dropped == 1 else 's'} without a publication date not shown")
    return " · ".join(parts)


def describe_span(events: Sequence[Event]) -> str:
    """The time the events cover, in words ("April 2009 to 2010"); empty without dates."""
    dated = [(e, e.start, e.end or e.start) for e in events if e.start is not None]
    if not dated:
        return ""
    first = min(dated, key=lambda d: d[1])[0]
    last = max(dated, key=lambda d: d[2])[0]
    a, b = when_text(first), when_text(last)
    return a if a == b else f"{a} to {b}"


def _title_block(spec: PlotSpec, width: float, top: float, title: str, subtitle: str) -> tuple[list[TextItem], float]:
    """Title and subtitle at the top-left; returns them and the y below them."""
    fs = spec.fontsize
    out: list[TextItem] = []
    x, y = 0.15, top - 0.12
    for text, size, bold, color in ((title, fs + 4, True, INK), (subtitle, fs, False, MUTED)):
        if not text:
            continue
        lines, _ = wrap_label(text, max(int((width - 0.3) / (0.62 * size / 72)), 10), 2)
        text = "\n".join(lines)
        h = text_height(len(lines), size)
        w = text_width(text, size, bold=bold)
        out.append(TextItem(text, (x, y), size, "left", "top", Box(x, y - h, x + w, y), bold, color))
        y -= h + 0.04
    return out, y


def _legend(spec: PlotSpec, items: list[_Item], cat_colors: dict[str, str], has_pubs: bool, width: float, y_top: float) -> tuple[list[LegendEntry], Box | None, int, float]:
    if not spec.legend:
        return [], None, 1, y_top
    entries: list[LegendEntry] = []
    statuses = [s for s in ("happened", "ongoing", "expected") if any(it.event.status == s for it in items)]
    for s in statuses:
        color = STATUS_COLORS[s] if spec.color_by == "status" else NEUTRAL
        entries.append(LegendEntry("status", STATUS_LABELS[s], color, s))
    if any(it.kind == "span" for it in items):
        entries.append(LegendEntry("span", "week, month or year", MUTED))
    if any(it.kind in ("past", "future", "present") for it in items):
        entries.append(LegendEntry("vague", "vague (\u201cin the coming days\u201d)", MUTED))
    if has_pubs:
        entries.append(LegendEntry("publication", "article published", MUTED))
    if spec.color_by in ("source", "actor"):
        named = [c for c in dict.fromkeys(it.category for it in items) if c is not None]
        if len(set(cat_colors.get(c, OTHER) for c in named)) <= 8:
            seen: dict[str, str] = {}
            for c in named:
                col = cat_colors.get(c, OTHER)
                name = "other" if col == OTHER and len(cat_colors) > len(spec.palette) else c
                seen.setdefault(name, col)
            entries += [LegendEntry("category", n, c) for n, c in seen.items()]
    if not entries:
        return [], None, 1, y_top
    fs = spec.fontsize - 0.5
    em = fs / 72
    cols = [text_width(e.label, fs) + 2.0 * em + 0.8 * em + 2.0 * em for e in entries]
    avail = width - 0.3
    ncols = len(entries)
    while ncols > 1:
        rows = math.ceil(len(entries) / ncols)
        col_w = [max(cols[r * ncols + c] for r in range(rows) if r * ncols + c < len(entries)) for c in range(ncols)]
        if sum(col_w) + 2 * em <= avail:
            break
        ncols -= 1
    rows = math.ceil(len(entries) / ncols)
    col_w = [max(cols[r * ncols + c] for r in range(rows) if r * ncols + c < len(entries)) for c in range(ncols)]
    w = min(sum(col_w) + 2 * em, avail)
    h = rows * 1.6 * em + 0.9 * em
    box = Box(0.15, y_top - h, 0.15 + w, y_top)
    return entries, box, ncols, y_top - h - 0.05


def _empty_layout(spec: PlotSpec, width: float, height: float, title: str, subtitle: str, n_total: int) -> Layout:
    texts, _ = _title_block(spec, width, height, title, subtitle)
    msg = "No dated events"
    fs = spec.fontsize + 3
    w, h = text_width(msg, fs), text_height(1, fs)
    cx, cy = width / 2, height / 2 - 0.2
    texts.append(TextItem(msg, (cx, cy), fs, "center", "center", Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), False, MUTED))
    return Layout(spec, width, height, spec.orientation, "linear", None, texts=texts, n_total=n_total, n_shown=0)


def _axis_point(layout: Layout, scale: TimeScale, t: datetime) -> tuple[float, float]:
    assert layout.axis is not None
    (ax0, ay0), (ax1, ay1) = layout.axis
    f = scale(t)
    return (ax0 + f * (ax1 - ax0), ay0 + f * (ay1 - ay0))


def _prepare_text(spec: PlotSpec, it: _Item, chars: int) -> None:
    fs = spec.fontsize
    lines, cut = wrap_label(it.event.text or it.event.value, chars, spec.max_lines)
    it.body_lines, it.truncated = lines, cut
    hfs = fs - 0.5
    it.w = max(text_width("\n".join(lines), fs), text_width(it.header, hfs, bold=True) if spec.show_dates else 0.0) + 0.06
    it.h_header = text_height(1, hfs) - 0.2 * hfs / 72 if spec.show_dates else 0.0
    it.h_body = text_height(len(lines), fs)



def _event_layout(it: Any, anchor: Any, stem: Any, bar: Any, bar_gaps: list[Any], label: Any) -> EventLayout:
    """An event's placed geometry, styled by its status (one rule for both orientations:
    expected events are hollow with dashed stems)."""
    status = it.event.status
    return EventLayout(
        index=it.index,
        event=it.event,
        kind=it.kind,
        status=status,
        color=it.color,
        category=it.category,
        anchor=anchor,
        marker=MARKERS.get(status, "o"),
        filled=status != "expected",
        dashed=status == "expected",
        stem=stem,
        bar=bar,
        bar_gaps=tuple(bar_gaps),
        label=label,
        tooltip=_tooltip(it),
    )

def _tooltip(it: _Item) -> str:
    e = it.event
    src = ", ".join(e.sources)
    return f"{it.header}: {e.text}" + (f" (sources: {src})" if src else "") + (f" [{e.status}]" if e.status != "happened" else "")


# --- ticks ----------------------------------------------------------------------------------------

_UNITS: tuple[tuple[str, int, float], ...] = (
    ("hour", 1, 1 / 24), ("hour", 3, 3 / 24), ("hour", 6, 0.25), ("hour", 12, 0.5),
    ("day", 1, 1.0), ("day", 2, 2.0), ("week", 1, 7.0), ("month", 1, 30.44), ("month", 3, 91.3),
    ("month", 6, 182.6), ("year", 1, 365.25), ("year", 2, 730.5), ("year", 5, 1826.0), ("year", 10, 3652.5),
    ("year", 20, 7305.0), ("year", 50, 18262.0), ("year", 100, 36525.0), ("year", 500, 182625.0),
)


def _tick_times(unit: str, n: int, a: datetime, b: datetime) -> list[tuple[datetime, datetime]]:
    """(position, date named) pairs of the ticks of ``unit`` x ``n`` within ``[a, b]``."""
    out: list[tuple[datetime, datetime]] = []
    try:
        _add_tick_times(out, unit, n, a, b)
    except (OverflowError, ValueError):  # the calendar ends (year 9999): no further ticks
        pass
    return out


def _add_tick_times(out: list[tuple[datetime, datetime]], unit: str, n: int, a: datetime, b: datetime) -> None:
    if unit == "hour":
        t = a.replace(minute=0, second=0, microsecond=0)
        while t <= b:
            if t >= a and t.hour % n == 0:
                out.append((t, t))
            t += timedelta(hours=1)
    elif unit == "day":
        t = a.replace(hour=0, minute=0, second=0, microsecond=0)
        while t <= b:
            mid = t + timedelta(hours=12)
            if a <= mid <= b and (t - datetime(2000, 1, 1)).days % n == 0:
                out.append((mid, t))
            t += timedelta(days=1)
    elif unit == "week":
        t = a.replace(hour=0, minute=0, second=0, microsecond=0)
        t -= timedelta(days=t.weekday())
        while t <= b:
            if t >= a:
                out.append((t, t))
            t += timedelta(days=7)
    elif unit == "month":
        y, m = a.year, a.month
        while True:
            t = datetime(y, m, 1)
            if t > b:
                break
            if t >= a and (m - 1) % n == 0:
                out.append((t, t))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        y = a.year
        while y <= b.year and y <= 9999:
            t = datetime(y, 1, 1)
            if t >= a and y % n == 0:
                out.append((t, t))
            y += 1


def _tick_label(unit: str, t: datetime, full: bool) -> str:
    if unit == "hour":
        return f"{_day(t, False)} {t:%H:%M}" if full or t.hour == 0 else f"{t:%H:%M}"
    if unit in ("day", "week"):
        return _day(t, full or (t.month == 1 and t.day == 1))
    if unit == "month":
        return f"{t:%b %Y}" if full or t.month == 1 else f"{t:%b}"
    return str(t.year)


def _ticks(scale: TimeScale, items: list[_Item], length: float, fs: float, horizontal: bool) -> list[tuple[float, str]]:
    """Tick positions (0..1 along the axis) and labels: each linear segment with a unit that
    fits its own length; a lone point between two collapsed gaps gets its own date."""
    out: list[tuple[float, str]] = []
    fine = any(it.event.granularity in ("hour", "minute", "second", "time") for it in items)
    starts: dict[float, str] = {}
    for it in items:
        if it.kind == "span":
            g = it.event.granularity
            short = str(it.t0.year) if g in ("year", "decade", "century") else f"{it.t0:%b %Y}" if g in ("month", "quarter", "half", "season") else _day(it.t0)
            starts.setdefault(round(_days(it.t0), 5), short)
        elif it.kind == "point" and it.event.start is not None:
            starts.setdefault(round(_days(it.event.start), 5), _day(it.event.start))
    for seg in scale.segments:
        seg_len = (seg.x1 - seg.x0) * length
        dur = _days(seg.end) - _days(seg.start)
        if dur <= 0 or seg_len < 0.3:
            # a lone point: name it after what starts there
            for d, x in ((round(_days(seg.start), 5), seg.x0), (round(_days(seg.end), 5), seg.x1)):
                if d in starts:
                    out.append((x, starts.pop(d)))
            continue
        k = seg_len / dur  # inches per day
        chosen = None
        for unit, n, step in _UNITS:
            if unit == "hour" and not fine:
                continue
            sample = _tick_label(unit, seg.start, False)
            need = (text_width(sample, fs) + 0.25) if horizontal else (text_height(1, fs) + 0.08)
            if step * k >= need:
                chosen = (unit, n)
                break
        if chosen is None:
            chosen = ("year", 1000)
        ticks = _tick_times(chosen[0], chosen[1], seg.start, seg.end)
        if not ticks:  # nothing of the unit inside: name the segment's start
            if round(_days(seg.start), 5) in starts:
                out.append((seg.x0, starts.pop(round(_days(seg.start), 5))))
            continue
        for j, (pos, named) in enumerate(ticks):
            out.append((scale(pos), _tick_label(chosen[0], named, j == 0)))
    out.sort()
    return out


def _place_ticks(raw: list[tuple[float, str]], fs: float, place: Any, horizontal: bool) -> list[Tick]:
    """Tick objects from (fraction, text), dropping those whose text would touch the last kept."""
    ticks: list[Tick] = []
    for f, text in raw:
        t = place(f, text)
        if ticks and (t.box.intersects(ticks[-1].box, 0.08)):
            continue
        ticks.append(t)
    return ticks


# --- horizontal -----------------------------------------------------------------------------------

_GAP = 0.07  # inches between levels
_PAD = 0.06  # horizontal padding between label boxes
_BAR_H = 0.07
_FUZZ = 0.45


def _pack_lanes(intervals: list[tuple[float, float, Any]], pad: float) -> list[int]:
    """Lane of each interval (x0, x1, key): the lowest lane where it overlaps nothing;
    intervals with the same key and ends share a lane."""
    lanes: list[list[tuple[float, float, Any]]] = []
    out = [0] * len(intervals)
    for i in sorted(range(len(intervals)), key=lambda i: (intervals[i][0], -intervals[i][1])):
        a, b, key = intervals[i]
        for li, lane in enumerate(lanes):
            if all((x0, x1, k) == (a, b, key) or b + pad <= x0 or a >= x1 + pad for x0, x1, k in lane):
                lane.append((a, b, key))
                out[i] = li
                break
        else:
            lanes.append([(a, b, key)])
            out[i] = len(lanes) - 1
    return out


def _horizontal(spec: PlotSpec, items: list[_Item], scale: TimeScale, width: float, min_height: float, title: str, subtitle: str, fs: float, has_pubs: bool) -> Layout:
    margin = 0.45
    ax0, ax1 = margin, width - margin
    length = ax1 - ax0
    chars = spec.label_chars
    for it in items:
        _prepare_text(spec, it, chars)

    def X(t: datetime) -> float:
        return ax0 + scale(t) * length

    lo_bound, hi_bound = 0.08, width - 0.08
    # bars of spans and vague references go on lanes just above the axis
    bars: dict[int, tuple[float, float]] = {}
    for j, it in enumerate(items):
        if it.kind == "span":
            assert it.t1 is not None
            bars[j] = (X(it.t0), X(it.t1))
        elif it.kind == "future":
            bars[j] = (X(it.t0), X(it.t0) + _FUZZ)
        elif it.kind == "past":
            bars[j] = (X(it.t0) - _FUZZ, X(it.t0))
    bar_keys = list(bars)
    lane_list = _pack_lanes([(round(bars[j][0], 4), round(bars[j][1], 4), (items[j].kind, items[j].color, items[j].event.status)) for j in bar_keys], 0.03)
    lane_of = dict(zip(bar_keys, lane_list))
    n_lanes = max(lane_list, default=-1) + 1
    lane_step = 0.1

    # horizontal extent of each label and the x of its stem
    placed: list[dict[str, Any]] = []
    for j, it in enumerate(items):
        x = X(it.t0)
        if it.kind == "past":
            stem_x = x
            tx0, ha = x + 0.03 - it.w, "right"
            if tx0 < lo_bound:
                tx0, ha = x - 0.03, "left"
        else:
            stem_x = bars[j][0] if j in bars else x
            stem_x = min(max(stem_x, lo_bound), hi_bound)
            tx0, ha = stem_x - 0.03, "left"
            if tx0 + it.w > hi_bound:
                tx0, ha = stem_x + 0.03 - it.w, "right"
        tx0 = min(max(tx0, lo_bound), hi_bound - it.w)
        h = it.h_header + it.h_body
        placed.append({"it": it, "j": j, "x0": tx0, "x1": tx0 + it.w, "stem": stem_x, "tx0": tx0, "ha": ha, "h": h})

    # levels: +1, -1, +2, -2 ... ; a label never covers a stem and no stem crosses a label
    occupied: dict[int, list[tuple[float, float]]] = {}
    stems_at: dict[int, list[float]] = {}

    def free(level: int, a: float, b: float, stem: float, crossing: bool = True) -> bool:
        if any(b + _PAD > x0 and a < x1 + _PAD for x0, x1 in occupied.get(level, ())):
            return False
        if any(a - 0.03 < s < b + 0.03 for s in stems_at.get(level, ())):
            return False
        if crossing:
            side = 1 if level > 0 else -1
            for k in range(1, abs(level)):
                if any(x0 - 0.02 < stem < x1 + 0.02 for x0, x1 in occupied.get(side * k, ())):
                    return False
        return True

    # right to left: a stem then lies left of the labels already placed, so it crosses none
    order = sorted(range(len(placed)), key=lambda i: (-placed[i]["stem"], -placed[i]["x1"], -i))
    for i in order:
        p = placed[i]
        top = max((abs(lv) for lv in occupied), default=0) + 1
        candidates = [lv for k in range(1, top + 1) for lv in (k, -k)]
        level = next((lv for lv in candidates if free(lv, p["x0"], p["x1"], p["stem"])), None)
        if level is None:  # every level would cross a label: accept a crossing rather than fail
            level = next(lv for lv in [*candidates, top + 1] if free(lv, p["x0"], p["x1"], p["stem"], crossing=False))
        p["level"] = level
        occupied.setdefault(level, []).append((p["x0"], p["x1"]))
        side = 1 if level > 0 else -1
        for kk in range(1, abs(level)):
            stems_at.setdefault(side * kk, []).append(p["stem"])

    # level heights, then y positions
    levels = sorted({p["level"] for p in placed})
    height_of = {lv: max(p["h"] for p in placed if p["level"] == lv) for lv in levels}
    n_up = max((lv for lv in levels if lv > 0), default=0)
    n_down = -min((lv for lv in levels if lv < 0), default=0)
    lanes_h = n_lanes * lane_step + 0.08
    up_h = lanes_h + sum(height_of.get(k, 0) + _GAP for k in range(1, n_up + 1))
    down_h = sum(height_of.get(-k, 0) + _GAP for k in range(1, n_down + 1))
    tick_band = text_height(1, fs - 0.5) + 0.2 if spec.show_dates else 0.15

    # the top: title, subtitle, legend
    cat_colors = _categories([it.event for it in items], spec.color_by, spec.palette)[1]
    _, y_after_title = _title_block(spec, width, 100.0, title, subtitle)
    entries, lbox, ncols, y_after_legend = _legend(spec, items, cat_colors, has_pubs, width, y_after_title)
    top_band = 100.0 - y_after_legend + 0.1
    bottom_margin = 0.12
    needed = top_band + up_h + tick_band + down_h + bottom_margin
    height = max(min_height, needed)
    extra = height - needed
    axis_y = bottom_margin + down_h + tick_band + extra / 2

    texts, _ = _title_block(spec, width, height, title, subtitle)
    shift_top = height - 100.0
    if lbox is not None:
        lbox = Box(lbox.x0, lbox.y0 + shift_top, lbox.x1, lbox.y1 + shift_top)

    base_up: dict[int, float] = {}
    y = axis_y + lanes_h
    for k in range(1, n_up + 1):
        base_up[k] = y
        y += height_of.get(k, 0) + _GAP
    base_down: dict[int, float] = {}
    y = axis_y - tick_band
    for k in range(1, n_down + 1):
        base_down[k] = y
        y -= height_of.get(-k, 0) + _GAP

    out_events: list[EventLayout] = []
    hfs = fs - 0.5
    for p in placed:
        it = p["it"]
        j = p["j"]
        lv = p["level"]
        if lv > 0:
            y0 = base_up[lv]
            y1 = y0 + p["h"]
            stem_end = y0
        else:
            y1 = base_down[-lv]
            y0 = y1 - p["h"]
            stem_end = y1
        text_top = y1
        tx = p["tx0"] + 0.03 if p["ha"] == "left" else p["tx0"] + it.w - 0.03
        header = it.header if spec.show_dates else ""
        body = "\n".join(it.body_lines)
        body_top = text_top - it.h_header
        label = Label(
            header=header,
            header_xy=(tx, text_top),
            body=body,
            body_xy=(tx, body_top),
            ha=p["ha"],
            box=Box(p["x0"], y0, p["x1"], y1),
            full_text=it.event.text,
            truncated=it.truncated,
            header_box=_tbox(tx, text_top, header, hfs, True, p["ha"], 1),
            body_box=_tbox(tx, body_top, body, fs, False, p["ha"], len(it.body_lines)),
        )
        bar_geom = None
        bar_gaps: list[tuple[tuple[float, float], tuple[float, float]]] = []
        if j in bars:
            bar_y = axis_y + 0.1 + lane_of[j] * lane_step
            bx0, bx1 = bars[j]
            bar_geom = ((bx0, bar_y), (bx1, bar_y))
            anchor = (p["stem"], bar_y)
            if it.kind == "span":
                for g in scale.gaps:
                    if it.t0 <= g.start and g.end <= (it.t1 or it.t0):
                        bar_gaps.append(((ax0 + g.x0 * length, bar_y), (ax0 + g.x1 * length, bar_y)))
        else:
            anchor = (p["stem"], axis_y)
        stem = (anchor, (p["stem"], stem_end))
        out_events.append(_event_layout(it, anchor, stem, bar_geom, bar_gaps, label))

    layout = Layout(spec, width, height, "horizontal", scale.kind, ((ax0, axis_y), (ax1, axis_y)))
    layout.events = out_events
    layout.texts = texts
    layout.legend, layout.legend_box, layout.legend_ncols = entries, lbox, ncols
    layout.axis_pieces, layout.breaks = _axis_pieces(scale, lambda f: (ax0 + f * length, axis_y))
    if spec.show_dates:
        tfs = fs - 0.5
        th = text_height(1, tfs)

        def place(f: float, text: str) -> Tick:
            x = ax0 + f * length
            w = text_width(text, tfs)
            ty = axis_y - 0.1
            x_text = min(max(x, lo_bound + w / 2), hi_bound - w / 2)
            return Tick((x, axis_y), text, (x_text, ty), "center", "top", Box(x_text - w / 2, ty - th, x_text + w / 2, ty))

        layout.ticks = _place_ticks(_ticks(scale, items, length, tfs, True), tfs, place, True)
    return layout


def _tbox(x: float, top: float, text: str, fontsize: float, bold: bool, ha: str, lines: int) -> Box:
    if not text:
        return Box(x, top, x, top)
    w = text_width(text, fontsize, bold=bold)
    h = text_height(lines, fontsize) - 0.2 * fontsize / 72
    x0 = x if ha == "left" else x - w
    return Box(x0, top - h, x0 + w, top)


def _axis_pieces(scale: TimeScale, at: Any) -> tuple[list[tuple[tuple[float, float], tuple[float, float]]], list[tuple[tuple[float, float], tuple[float, float]]]]:
    """The solid pieces of the axis (linear segments) and the collapsed gaps (start, end)."""
    pieces = [(at(s.x0), at(s.x1)) for s in scale.segments]
    gaps = [(at(g.x0), at(g.x1)) for g in scale.gaps]
    return pieces, gaps


# --- vertical -------------------------------------------------------------------------------------


def _vertical(spec: PlotSpec, items: list[_Item], scale: TimeScale, width: float, min_height: float, title: str, subtitle: str, fs: float, has_pubs: bool) -> Layout:
    tfs = fs - 0.5
    # the date column on the left, then the axis, the span lanes and the labels
    sample = max((text_width(s, tfs) for s in ("28 Sep 2023", "Sep 2023", "00:00")), default=0.8)
    axis_x = 0.15 + sample + 0.2
    # span lanes (interval packing along time)
    lanes: list[list[tuple[float, float]]] = []
    lane_of: dict[int, int] = {}
    spans = [it for it in items if it.kind in ("span", "past", "future")]
    for it in sorted(spans, key=lambda it: (scale(it.t0), -scale(it.t1 or it.t0))):
        a, b = _span_fracs(it, scale)
        for li, lane in enumerate(lanes):
            if all(b < x0 - 0.002 or a > x1 + 0.002 for x0, x1 in lane):
                lane.append((a, b))
                lane_of[it.index] = li
                break
        else:
            lanes.append([(a, b)])
            lane_of[it.index] = len(lanes) - 1
    lane_w = 0.09
    lanes_x = axis_x + 0.1
    col_x = lanes_x + len(lanes) * lane_w + 0.35
    avail = width - col_x - 0.15
    chars = spec.label_chars
    # keep the labels inside the width
    while chars > 8 and text_width("n" * chars, fs) > avail - 0.1:
        chars -= 2
    for it in items:
        _prepare_text(spec, it, chars)
        it.w = min(it.w, avail)

    cat_colors = _categories([it.event for it in items], spec.color_by, spec.palette)[1]
    _, y_after_title = _title_block(spec, width, 100.0, title, subtitle)
    entries, lbox, ncols, y_after_legend = _legend(spec, items, cat_colors, has_pubs, width, y_after_title)
    top_band = 100.0 - y_after_legend + 0.25
    bottom_margin = 0.25

    heights = [it.h_header + it.h_body for it in items]
    total_h = sum(h + _GAP for h in heights)
    length = max(min_height - top_band - bottom_margin, 0.85 * total_h, 2.0)

    # 1-D placement of the labels along the axis, in order, as close to their dates as possible
    def U(t: datetime) -> float:
        return scale(t) * length

    desired = []
    for it in items:
        if it.kind == "span":
            desired.append(U(it.t0))
        else:
            desired.append(U(it.t0))
    order = sorted(range(len(items)), key=lambda i: (desired[i], i))
    tops = _repel([desired[i] for i in order], [heights[i] + _GAP for i in order], lo=-0.05)
    top_of = {order[j]: tops[j] for j in range(len(order))}
    bottom_u = max(max(top_of[i] + heights[i] + _GAP for i in range(len(items))), length + 0.1)
    height = top_band + bottom_u + bottom_margin + 0.15
    height = max(height, min_height)
    axis_top = height - top_band

    def Y(u: float) -> float:
        return axis_top - u

    texts, _ = _title_block(spec, width, height, title, subtitle)
    shift_top = height - 100.0
    if lbox is not None:
        lbox = Box(lbox.x0, lbox.y0 + shift_top, lbox.x1, lbox.y1 + shift_top)

    hfs = fs - 0.5
    out_events: list[EventLayout] = []
    for i, it in enumerate(items):
        top = Y(top_of[i])
        h = heights[i]
        tx = col_x + 0.03
        header = it.header if spec.show_dates else ""
        body = "\n".join(it.body_lines)
        label = Label(
            header=header,
            header_xy=(tx, top),
            body=body,
            body_xy=(tx, top - it.h_header),
            ha="left",
            box=Box(col_x, top - h, col_x + it.w, top),
            full_text=it.event.text,
            truncated=it.truncated,
            header_box=_tbox(tx, top, header, hfs, True, "left", 1),
            body_box=_tbox(tx, top - it.h_header, body, fs, False, "left", len(it.body_lines)),
        )
        ya = Y(desired[i])
        anchor = (axis_x, ya)
        bar = None
        bar_gaps: list[tuple[tuple[float, float], tuple[float, float]]] = []
        start_x = axis_x
        if it.index in lane_of:
            lx = lanes_x + lane_of[it.index] * lane_w + lane_w / 2
            a, b = _span_fracs(it, scale)
            bar = ((lx, Y(a * length)), (lx, Y(b * length)))
            start_x = lx
            if it.kind == "span":
                for g in scale.gaps:
                    if it.t0 <= g.start and g.end <= (it.t1 or it.t0):
                        bar_gaps.append(((lx, Y(g.x0 * length)), (lx, Y(g.x1 * length))))
            if it.kind == "past":
                ya = Y(b * length)
            anchor = (axis_x, ya)
        mid = top - min(h / 2, it.h_header / 2 + 0.02) if spec.show_dates else top - h / 2
        elbow = col_x - 0.22
        stem = (anchor, (start_x, ya), (elbow, ya), (col_x - 0.02, mid))
        out_events.append(_event_layout(it, anchor, stem, bar, bar_gaps, label))

    layout = Layout(spec, width, height, "vertical", scale.kind, ((axis_x, Y(0.0)), (axis_x, Y(length))))
    layout.events = out_events
    layout.texts = texts
    layout.legend, layout.legend_box, layout.legend_ncols = entries, lbox, ncols
    layout.axis_pieces, layout.breaks = _axis_pieces(scale, lambda f: (axis_x, Y(f * length)))
    if spec.show_dates:
        th = text_height(1, tfs)

        def place(f: float, text: str) -> Tick:
            y = Y(f * length)
            w = text_width(text, tfs)
            tx = axis_x - 0.12
            return Tick((axis_x, y), text, (tx, y), "right", "center", Box(tx - w, y - th / 2, tx, y + th / 2))

        layout.ticks = _place_ticks(_ticks(scale, items, length, tfs, False), tfs, place, False)
    return layout


def _span_fracs(it: _Item, scale: TimeScale) -> tuple[float, float]:
    f = scale(it.t0)
    if it.kind == "span":
        return f, scale(it.t1 or it.t0)
    fuzz = 0.06
    return (f, f + fuzz) if it.kind == "future" else (f - fuzz, f)


def _repel(desired: list[float], sizes: list[float], lo: float) -> list[float]:
    """Tops of boxes of ``sizes`` in order, not overlapping, centred as close as possible to
    ``desired`` (least squares: pool adjacent violators), none above ``lo``."""
    clusters: list[list[Any]] = []  # [top, total size, sum of (desired - offset - size/2), count, members]
    for d, s in zip(desired, sizes):
        clusters.append([d - s / 2, s, d - s / 2, 1, [s]])
        clusters[-1][0] = max(clusters[-1][0], lo)
        while len(clusters) > 1 and clusters[-2][0] + clusters[-2][1] > clusters[-1][0]:
            b = clusters.pop()
            a = clusters[-1]
            # offsets of b's members shift by a's size
            a[2] += b[2] - b[3] * a[1]
            a[3] += b[3]
            a[1] += b[1]
            a[4] += b[4]
            a[0] = max(a[2] / a[3], lo)
    tops: list[float] = []
    for c in clusters:
        t = c[0]
        for s in c[4]:
            tops.append(t)
            t += s
    return tops
