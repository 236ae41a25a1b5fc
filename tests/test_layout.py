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


@pytest.mark.parametrize("orientation", ["horizontal", "vertical"])
@pytest.mark.parametrize("name", SETS)
def test_label_boxes_never_overlap_and_stay_inside(synth: Any, name: str, orientation: str) -> None:
    events = getattr(synth, name)()
    layout = compute_layout(events, synth.DOCS, PlotSpec(orientation=orientation))
    assert len(layout.events) == len(events)
    _no_overlaps(layout.text_boxes())
    _no_overlaps([(f"label {e.index}", e.label.box) for e in layout.events])
    for name_, box in layout.text_boxes() + [(f"label {e.index}", e.label.box) for e in layout.events]:
        assert box.inside(layout.bounds), (name_, box, layout.bounds)
    # the figure grew to hold the labels
    assert layout.height >= PlotSpec(orientation=orientation).size[1]


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
