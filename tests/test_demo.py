"""The demo: its built-in example, its table and its chronology entries."""

from __future__ import annotations

import timeline
from timeline._demo import format_table, load_example, timex_events


def test_items_and_table() -> None:
    found = timeline.tag(
        "Kim left on Sunday. He met Putin on Sunday in July 2023, and for three days. Prices fell recently.",
        published="2023-09-12",
        nlp=False,
    )
    text = "Kim left on Sunday. He met Putin on Sunday in July 2023, and for three days. Prices fell recently."
    events = timex_events(text, found, published=timeline.parse_published("2023-09-12"), doc_id="x")
    assert [(e.value, e.text) for e in events] == [
        ("2023-07", "He met Putin on Sunday in July 2023, and for three days"),
        ("2023-09-10", "Kim left on Sunday"),
        ("2023-09-10", "He met Putin on Sunday in July 2023, and for three days"),
        ("PAST_REF", "Prices fell recently"),
    ]
    assert all(e.sources == ("x",) and e.status == "happened" for e in events)
    table = format_table(found)
    assert table.splitlines()[0].split() == ["span", "type", "value", "mod", "text", "reason"]
    assert len(table.splitlines()) == 2 + len(found)


def test_example_and_figure() -> None:
    ex = load_example()
    assert ex.title and ex.text.count(".") >= 10
    found = timeline.tag(ex.text, published=ex.published, nlp=False)
    assert len(found) >= 15
    published = timeline.parse_published(ex.published)
    tl = timeline.Timeline(timex_events(ex.text, found, published=published, doc_id=ex.name))
    assert len(tl) >= 10 and {e.status for e in tl} == {"happened", "expected"}
    fig = tl.plot(title=ex.title)
    assert fig.axes and fig.get_size_inches()[1] > 1


def test_doctests_of_the_demo_and_component_modules() -> None:
    import doctest

    import timeline._component
    import timeline._demo

    for module in (timeline._demo, timeline._component):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        assert result.failed == 0 and result.attempted > 0, module.__name__
