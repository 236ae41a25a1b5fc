"""Drawing (timeline/render) what is hard to draw: no dated events, only vague events without
publication dates, dates at the ends of the calendar."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from timeline import Document, Timeline

PUB = "2023-09-12"


# --- hard to draw -----------------------------------------------------------------------------------


def _texts(fig: Any) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


@pytest.mark.parametrize("orientation", ["horizontal", "vertical"])
def test_empty_timeline_renders_a_figure_that_says_so(orientation: str, tmp_path: Path) -> None:
    from matplotlib.figure import Figure

    for t in (Timeline(), Timeline([], [Document("", published=PUB, id="a")])):
        fig = t.plot(orientation=orientation)
        assert isinstance(fig, Figure) and "No dated events" in _texts(fig)
        svg = t.save(tmp_path / "empty.svg", orientation=orientation).read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    # into a given Axes as well
    fig = Figure()
    ax = fig.add_subplot()
    assert Timeline().plot(ax) is fig and "No dated events" in _texts(fig)


def test_timeline_of_vague_events_without_publication_dates_says_so() -> None:
    from timeline import Event

    vague = Event("PAST_REF", None, None, None, "Talks stalled", "", (), "happened", ("a",), ())
    fig = Timeline([vague], [Document("", published=None, id="a")]).plot()
    texts = _texts(fig)
    assert "No dated events" in texts
    assert any("without a publication date" in t for t in texts)


def test_far_dates_render() -> None:
    from timeline import Event

    def ev(value: str, start: datetime, end: datetime, g: str) -> Event:
        return Event(value, start, end, g, f"Event of {value}", "", (), "happened", ("a",), ())

    events = [ev("0001", datetime(1, 1, 1), datetime(2, 1, 1), "year"), ev("9999-12-31", datetime(9999, 12, 31), datetime.max, "day")]
    docs = [Document("", published="9999-12-31", id="a")]
    for orientation in ("horizontal", "vertical"):
        for scale in ("linear", "compressed", "auto"):
            fig = Timeline(events, docs).plot(orientation=orientation, scale=scale)
            assert any("9999" in t for t in _texts(fig))

