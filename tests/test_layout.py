"""The pure layout step of the chronology plots: scale, granularity, no overlaps."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.render import PlotSpec, TimeScale, compute_layout
from timeline.render._layout import Box, select_events, wrap_label

SETS = ["dense_week", "twenty_years", "seeds_like"]


def _no_overlaps(boxes: list[tuple[str, Box]]) -> None:
    boxes = [(n, b) for n, b in boxes if b.width > 0 and b.height > 0]
    for i, (na, a) in enumerate(boxes):
        for nb, b in boxes[i + 1 :]:
            assert not a.intersects(b), f"{na} {a} overlaps {nb} {b}"


SIZES = [None, (6.0, 2.0), (20.0, 12.0)]


def _points(p: Any) -> list[tuple[float, float]]:
    """The points a primitive is drawn through (a legend: its anchor)."""
    from timeline.render._model import Bar, Legend, Line, Marker, Text

    if isinstance(p, Line):
        return list(zip(p.xs, p.ys))
    if isinstance(p, Bar):
        return [(p.x, p.y), (p.x + p.w, p.y + p.h)]
    if isinstance(p, (Marker, Text)):
        return [p.xy]
    assert isinstance(p, Legend)
    return [p.anchor]


@pytest.mark.parametrize("size", SIZES, ids=["default", "small", "large"])
@pytest.mark.parametrize("orientation", ["horizontal", "vertical"])
@pytest.mark.parametrize("name", SETS)
def test_label_boxes_never_overlap_and_stay_inside(synth: Any, name: str, orientation: str, size: tuple[float, float] | None) -> None:
    events = getattr(synth, name)()
    spec = PlotSpec(orientation=orientation, figsize=size)
    layout = compute_layout(events, synth.DOCS, spec)
    assert len(layout.events) == len(events)
    _no_overlaps(layout.text_boxes())
    _no_overlaps([(f"label {e.index}", e.label.box) for e in layout.events])
    for name_, box in layout.text_boxes() + [(f"label {e.index}", e.label.box) for e in layout.events]:
        assert box.inside(layout.bounds), (name_, box, layout.bounds)
    # the figure keeps its width and grew to hold the labels
    assert layout.width == spec.size[0] and layout.height >= spec.size[1]
    # every primitive is drawn inside the figure
    for p in layout.primitives:
        for x, y in _points(p):
            assert 0 <= x <= layout.width and 0 <= y <= layout.height, p


@pytest.mark.parametrize("size", SIZES, ids=["default", "small", "large"])
@pytest.mark.parametrize("orientation", ["horizontal", "vertical"])
@pytest.mark.parametrize("name", SETS)
def test_the_layout_follows_time(synth: Any, name: str, orientation: str, size: tuple[float, float] | None) -> None:
    """Along the axis, events, publications and ticks come in time order (a monotone scale)."""
    layout = compute_layout(getattr(synth, name)(), synth.DOCS, PlotSpec(orientation=orientation, figsize=size))
    along = 0 if orientation == "horizontal" else 1
    sign = 1 if orientation == "horizontal" else -1  # time runs down a vertical chart

    def pos(xy: tuple[float, float]) -> float:
        return sign * xy[along]

    points = sorted((e.event.start + (e.event.end - e.event.start) / 2, pos(e.anchor)) for e in layout.events if e.kind == "point")
    assert [u for _, u in points] == sorted(u for _, u in points)
    pubs = sorted((p.published, pos(p.pos)) for p in layout.publications)
    assert [u for _, u in pubs] == sorted(u for _, u in pubs)
    ticks = [pos(t.pos) for t in layout.ticks]
    assert ticks == sorted(ticks) and len(set(ticks)) == len(ticks)
    assert layout.axis is not None and pos(layout.axis[0]) < pos(layout.axis[1])
    # the anchors lie on the axis (or on a span's lane beside it)
    for e in layout.events:
        across = e.anchor[1 - along] - layout.axis[0][1 - along]
        assert 0 <= sign * across <= 1.0 if e.bar is not None else across == 0


@pytest.mark.parametrize("orientation", ["horizontal", "vertical"])
def test_primitives_follow_the_records(synth: Any, orientation: str) -> None:
    """The primitives draw what the records say, each event styled by its status (one rule)."""
    from dataclasses import FrozenInstanceError

    from timeline.render._model import Legend, Line, Marker, Text
    from timeline.render._style import status_style

    layout = compute_layout(synth.dense_week(20), synth.DOCS, PlotSpec(orientation=orientation))
    by_gid = {p.gid: p for p in layout.primitives if not isinstance(p, Legend) and p.gid}
    statuses = set()
    for e in layout.events:
        style = status_style(e.status)
        statuses.add(e.status)
        assert (e.marker, e.filled, e.dashed) == (style.marker, style.filled, style.dashed)
        marker, stem = by_gid[f"tl-marker-{e.index}"], by_gid[f"tl-stem-{e.index}"]
        assert isinstance(marker, Marker) and isinstance(stem, Line)
        assert marker.xy == e.anchor and marker.style.marker == ("|" if e.kind == "span" else style.marker)
        assert (marker.style.face == "white") is (not style.filled)
        assert (stem.style.dash == "--") is style.dashed and tuple(zip(stem.xs, stem.ys)) == e.stem
        body = by_gid[f"tl-label-{e.index}"]
        assert isinstance(body, Text) and body.xy == e.label.body_xy and body.text == e.label.body
    assert statuses == {"happened", "expected", "ongoing"}
    with pytest.raises(FrozenInstanceError):
        layout.height = 1.0  # type: ignore[misc]
    hash(layout.primitives)  # frozen all the way down


def test_lane_packing() -> None:
    from timeline.render._place import pack_lanes

    ivs = [(0.0, 1.0), (0.5, 1.5), (1.2, 2.0), (2.5, 3.0), (0.2, 0.3)]

    def fits(a: tuple[float, float], b: tuple[float, float]) -> bool:
        return a[1] <= b[0] or a[0] >= b[1]

    lanes = pack_lanes(ivs, sorted(range(len(ivs)), key=lambda i: ivs[i]), fits)
    assert lanes == [0, 1, 0, 0, 1]  # (0.2, 0.3) takes lane 1 first, (0.5, 1.5) fits beside it
    for i, a in enumerate(ivs):
        for j, b in enumerate(ivs[:i]):
            assert lanes[i] != lanes[j] or fits(a, b)


def test_dense_week_is_not_crushed(synth: Any) -> None:
    events = synth.seeds_like()
    layout = compute_layout(events, (), PlotSpec())
    assert layout.scale_kind == "compressed" and layout.breaks
    week = [e for e in layout.events if e.event.start.year == 2023]
    xs = [e.anchor[0] for e in week]
    (x0, _), (x1, _) = layout.axis  # type: ignore[misc]
    assert (max(xs) - min(xs)) / (x1 - x0) > 0.5
    linear = compute_layout(events, (), PlotSpec(scale="linear"))
    assert linear.scale_kind == "linear" and not linear.breaks
    xs = [e.anchor[0] for e in linear.events if e.event.start.year == 2023]
    assert (max(xs) - min(xs)) / (x1 - x0) < 0.01


def test_auto_scale_is_linear_for_evenly_spread_events(synth: Any) -> None:
    assert compute_layout(synth.twenty_years(), (), PlotSpec()).scale_kind == "linear"


def test_granularity_is_shown(synth: Any) -> None:
    events = [
        synth.event(datetime(2023, 9, 4), text="a day"),
        synth.event(datetime(2023, 7, 1), "month", text="a month"),
        synth.event("PAST_REF", text="in the past weeks"),
        synth.event("FUTURE_REF", text="in the coming days", status="expected"),
    ]
    events.sort(key=lambda e: e.start or datetime(2023, 9, 5))
    layout = compute_layout(events, synth.DOCS, PlotSpec())
    by_text = {e.event.text: e for e in layout.events}
    assert by_text["a day"].kind == "point" and by_text["a day"].bar is None
    month = by_text["a month"]
    assert month.kind == "span" and month.bar is not None and month.bar[0][0] < month.bar[1][0]
    past, future = by_text["in the past weeks"], by_text["in the coming days"]
    assert past.kind == "past" and future.kind == "future"
    assert past.bar[1][0] <= future.bar[0][0] + 1e-9  # both hang off the same publication date
    assert past.bar[0][0] < past.bar[1][0] and future.bar[0][0] < future.bar[1][0]
    assert future.filled is False and future.dashed is True
    # without a publication date a vague reference cannot be placed: it is left out and said so
    layout = compute_layout(events, (), PlotSpec())
    assert len(layout.events) == 2 and "without a publication date" in layout.texts[1].text


def test_long_labels_are_truncated_with_the_full_text_kept(synth: Any) -> None:
    long = "Kim Jong Un arrived in Vladivostok by armoured train " * 6
    layout = compute_layout([synth.event(datetime(2023, 9, 12), text=long)], (), PlotSpec(max_lines=2))
    label = layout.events[0].label
    assert label.truncated and label.body.endswith("…") and label.body.count("\n") == 1
    assert label.full_text == long
    assert wrap_label("short", 20, 3) == (["short"], False)


def test_max_events_keeps_the_most_reported(synth: Any) -> None:
    evs = [synth.event(datetime(2023, 9, d), sources=tuple("abc"[: 1 + d % 3])) for d in range(1, 10)]
    kept = select_events(evs, 3)
    assert [len(e.sources) for e in kept] == [3, 3, 3] and kept == sorted(kept, key=lambda e: e.start)
    layout = compute_layout(evs, (), PlotSpec(max_events=3))
    assert layout.n_shown == 3 and "3 of 9 events shown" in layout.texts[1].text


def test_empty() -> None:
    layout = compute_layout([], (), PlotSpec())
    assert not layout.events and any(t.text == "No dated events" for t in layout.texts)


@pytest.mark.parametrize(
    ("options", "error", "name"),
    [
        ({"orientation": "diagonal"}, ValueError, "orientation"),
        ({"scale": "log"}, ValueError, "scale"),
        ({"color_by": "colour"}, ValueError, "color_by"),
        ({"max_events": 0}, ValueError, "max_events"),
        ({"max_events": 2.5}, TypeError, "max_events"),
        ({"title": 3}, TypeError, "title"),
        ({"figsize": (2,)}, TypeError, "figsize"),
        ({"label_width": 2}, ValueError, "label_width"),
        ({"show_publications": "yes"}, TypeError, "show_publications"),
        ({"colour": "red"}, TypeError, "colour"),
    ],
)
def test_spec_validation(options: dict[str, Any], error: type[Exception], name: str) -> None:
    with pytest.raises(error, match=name):
        PlotSpec.from_options(**options)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.datetimes(datetime(1900, 1, 1), datetime(2100, 1, 1)), min_size=1, max_size=30), st.sampled_from(["auto", "linear", "compressed"]))
def test_time_scale_is_monotone(times: list[datetime], kind: str) -> None:
    scale = TimeScale(times, kind=kind)
    probe = sorted(times + [min(times) - timedelta(days=3), max(times) + timedelta(days=3)])
    xs = [scale(t) for t in probe]
    assert xs == sorted(xs)
    assert scale(min(times)) == pytest.approx(0.0, abs=1e-9) or len(set(times)) == 1


def test_layout_does_not_import_matplotlib() -> None:
    import subprocess

    code = "import sys, timeline.render._layout, timeline.render; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_a_huge_label_text_wraps_only_what_is_shown(monkeypatch: Any) -> None:
    import textwrap

    from timeline.render import _layout

    seen: list[int] = []
    real = textwrap.wrap

    def spy(text: str, *args: Any, **kwargs: Any) -> list[str]:
        seen.append(len(text))
        return real(text, *args, **kwargs)

    monkeypatch.setattr(_layout.textwrap, "wrap", spy)
    lines, cut = wrap_label("flood " * 2_000_000, 26, 3)  # 12 MB
    assert cut and len(lines) == 3 and lines[-1].endswith("…")
    assert max(seen) <= 4 * 26 * 2  # (max_lines + 1) lines of width, twice over
    lines, cut = wrap_label("x" + " " * 1_000_000 + "tail", 26, 3)  # whitespace beyond the head: still said to be cut
    assert cut


def test_max_events_beyond_what_a_chart_can_show_warns(synth: Any) -> None:
    from timeline import TimelineWarning
    from timeline.render import MAX_DRAWN, render

    evs = synth.twenty_years(MAX_DRAWN + 50)
    with pytest.warns(TimelineWarning, match=f"drawing the {MAX_DRAWN} most important of {MAX_DRAWN + 50}"):
        _, layout, _ = render(evs, (), PlotSpec(max_events=MAX_DRAWN + 50))
    assert layout.n_shown <= MAX_DRAWN
