"""The demo's pure layout helpers and its built-in example."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

import timeline
from timeline._demo import TimeScale, assign_levels, chronology_items, draw_chronology, format_table, load_example


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1000), st.floats(1, 120), st.booleans()), max_size=40))
def test_levels_never_overlap(specs: list[tuple[float, float, bool]]) -> None:
    extents = [(x, x + w) for x, w, _ in specs]
    stems = [x + w / 2 if is_point else None for x, w, is_point in specs]
    levels = assign_levels(extents, stems, pad=2.0)
    assert len(levels) == len(specs) and all(lv >= 1 for lv in levels)
    for i in range(len(specs)):
        for j in range(i + 1, len(specs)):
            if levels[i] == levels[j]:
                (a0, a1), (b0, b1) = extents[i], extents[j]
                assert a1 + 2.0 <= b0 or b1 + 2.0 <= a0


def test_levels_are_as_low_as_possible() -> None:
    assert assign_levels([(0, 10), (20, 30), (40, 50)], [5, 25, 45]) == [1, 1, 1]
    assert assign_levels([(0, 10), (5, 15), (8, 18)], [5, 10, 13]) == [1, 2, 3]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.datetimes(datetime(1900, 1, 1), datetime(2100, 1, 1)), min_size=1, max_size=30))
def test_time_scale_is_monotone(times: list[datetime]) -> None:
    scale = TimeScale(times)
    probe = sorted(times + [min(times) - timedelta(days=3), max(times) + timedelta(days=3)])
    xs = [scale(t) for t in probe]
    assert xs == sorted(xs)


def test_time_scale_keeps_days_linear_and_compresses_years() -> None:
    days = [datetime(2024, 3, d) for d in range(10, 16)]
    scale = TimeScale([datetime(1978, 1, 1), *days])
    steps = [scale(b) - scale(a) for a, b in zip(days, days[1:])]
    assert max(steps) - min(steps) < 1e-9
    assert scale(days[0]) - scale(datetime(1978, 1, 1)) < 20 * steps[0]
    assert len(scale.breaks) == 1


def test_items_and_table() -> None:
    found = timeline.tag(
        "Kim left on Sunday. He met Putin on Sunday in July 2023, and for three days. Prices fell recently.",
        published="2023-09-12",
        nlp=False,
    )
    items = chronology_items(found)
    assert [(i.label, i.end is None) for i in items] == [("July 2023", False), ("Sunday", True)]
    table = format_table(found)
    assert table.splitlines()[0].split() == ["span", "type", "value", "mod", "text", "reason"]
    assert len(table.splitlines()) == 2 + len(found)


def test_example_and_figure() -> None:
    ex = load_example()
    assert ex.title and ex.text.count(".") >= 10
    found = timeline.tag(ex.text, published=ex.published, nlp=False)
    assert len(found) >= 15
    fig = draw_chronology(found, title=ex.title, published=timeline.parse_published(ex.published))
    assert fig.axes and fig.get_size_inches()[1] > 1
    assert draw_chronology([]).axes


def test_doctests_of_the_demo_and_component_modules() -> None:
    import doctest

    import timeline._component
    import timeline._demo

    for module in (timeline._demo, timeline._component):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        assert result.failed == 0 and result.attempted > 0, module.__name__
