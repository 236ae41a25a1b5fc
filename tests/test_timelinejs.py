"""``Timeline.to_timelinejs``: the TimelineJS3 JSON format, and ``timeline build -o X.timelinejs.json``."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from timeline import Document, Event, EventMention, Timeline
from timeline.cli import main

# The published field list of the format: https://timeline.knightlab.com/docs/json-format.html
# (object -> {key: (required, allowed types)}). Only the keys this export may write are used.
TOP = {"events": (True, list), "title": (False, dict), "eras": (False, list), "scale": (False, str)}
SLIDE = {
    "start_date": (True, dict),  # "Yes, except for title slides"
    "end_date": (False, dict),
    "text": (False, dict),
    "media": (False, dict),
    "group": (False, str),
    "display_date": (False, str),
    "background": (False, dict),
    "autolink": (False, bool),
    "unique_id": (False, str),
}
TITLE_SLIDE = {**SLIDE, "start_date": (False, dict)}
DATE = {
    "year": (True, int),
    "month": (False, int),
    "day": (False, int),
    "hour": (False, int),
    "minute": (False, int),
    "second": (False, int),
    "millisecond": (False, int),
    "display_date": (False, str),
    "format": (False, str),
}
TEXT = {"headline": (False, str), "text": (False, str)}


def _check(obj: Any, spec: dict[str, tuple[bool, type]], where: str) -> None:
    assert isinstance(obj, dict), where
    assert set(obj) <= set(spec), f"{where}: unknown keys {set(obj) - set(spec)}"
    for key, (required, kind) in spec.items():
        if required:
            assert key in obj, f"{where}: missing {key}"
        if key in obj:
            assert isinstance(obj[key], kind) and not (kind is int and isinstance(obj[key], bool)), f"{where}.{key}"


def validate(data: dict[str, Any]) -> None:
    _check(data, TOP, "timeline")
    slides = [("title", data["title"], TITLE_SLIDE)] if "title" in data else []
    slides += [(f"events[{i}]", s, SLIDE) for i, s in enumerate(data["events"])]
    for where, slide, spec in slides:
        _check(slide, spec, where)
        for key in ("start_date", "end_date"):
            if key in slide:
                _check(slide[key], DATE, f"{where}.{key}")
                if "month" in slide[key]:
                    assert 1 <= slide[key]["month"] <= 12
        if "text" in slide:
            _check(slide["text"], TEXT, f"{where}.text")


def ev(value: str, start: datetime | None, end: datetime | None, g: str | None, text: str, status: str = "happened",
       sources: tuple[str, ...] = ("a",), mentions: tuple[EventMention, ...] = (), mod: str | None = None) -> Event:
    return Event(value, start, end, g, text, "", (), status, sources, mentions, mod=mod)  # type: ignore[arg-type]


DOCS = (
    Document("The port reopened on Monday.", published="2024-05-14", id="a", title="Port news", url="https://example.org/port?x=1&y=2"),
    Document("Talks are expected in the autumn.", published="2024-05-20", id="b"),
)


def _mixed() -> Timeline:
    m = EventMention(doc="a", sentence="Workers said <b>talks</b> & pay were \"settled\".", timex="Monday", start=0, end=6,
                     value="2024-05-13", text="The port reopened", status="happened")
    events = [
        ev("2024-05-13", datetime(2024, 5, 13), datetime(2024, 5, 14), "day", "The port reopened", mentions=(m,)),
        ev("2024-05", datetime(2024, 5, 1), datetime(2024, 6, 1), "month", "Exports rose"),
        ev("2024-W21", datetime(2024, 5, 20), datetime(2024, 5, 27), "week", "A week of talks", "ongoing", ("b",)),
        ev("2024-FA", datetime(2024, 9, 1), datetime(2024, 12, 1), "season", "Talks <resume>", "expected", ("b",)),
        ev("2024-Q3", datetime(2024, 7, 1), datetime(2024, 10, 1), "quarter", "Profits fall"),
        ev("2024-05-14T09:30", datetime(2024, 5, 14, 9, 30), datetime(2024, 5, 14, 9, 31), "minute", "Ships left"),
        ev("2024-07-03/2024-07-06", datetime(2024, 7, 3), datetime(2024, 7, 7), "day", "A strike"),
        ev("PAST_REF", None, None, None, "Earlier unrest", sources=("a", "b")),
        ev("FUTURE_REF", None, None, None, "A new deal", "expected", ("b",)),
        ev("BC0490", None, None, "year", "The battle of Marathon"),
        ev("BC0044-03-15", None, None, "day", "Caesar was killed"),
        ev("BC046", None, None, "decade", "A decade long ago"),
    ]
    return Timeline(events, DOCS)


@pytest.fixture()
def data() -> dict[str, Any]:
    return json.loads(_mixed().to_timelinejs(title="Port strike"))


def _slide(data: dict[str, Any], headline: str) -> dict[str, Any]:
    return next(s for s in data["events"] if s["text"]["headline"] == headline)


def test_validates_against_the_field_list(data: dict[str, Any], synth: Any) -> None:
    validate(data)
    assert len(data["events"]) == 12
    validate(json.loads(Timeline(synth.twenty_years(), DOCS).to_timelinejs()))
    validate(json.loads(Timeline().to_timelinejs()))


def test_title_slide(data: dict[str, Any]) -> None:
    assert data["title"]["text"]["headline"] == "Port strike"
    summary = data["title"]["text"]["text"]
    assert summary.startswith("<p>12 events from 2 sources, ")
    assert json.loads(Timeline().to_timelinejs())["title"]["text"]["headline"] == "Chronology"


def test_dates_only_down_to_granularity(data: dict[str, Any]) -> None:
    assert _slide(data, "The port reopened")["start_date"] == {"year": 2024, "month": 5, "day": 13}
    assert "end_date" not in _slide(data, "The port reopened") and "display_date" not in _slide(data, "The port reopened")
    assert _slide(data, "Exports rose")["start_date"] == {"year": 2024, "month": 5}
    week = _slide(data, "A week of talks")
    assert (week["start_date"], week["end_date"]) == ({"year": 2024, "month": 5, "day": 20}, {"year": 2024, "month": 5, "day": 26})
    assert week["display_date"] == "week of 20 May 2024 (ongoing)"
    autumn = _slide(data, "Talks &lt;resume&gt;")
    assert (autumn["start_date"], autumn["end_date"]) == ({"year": 2024, "month": 9}, {"year": 2024, "month": 11})
    assert autumn["display_date"] == "autumn 2024 (expected)"
    q = _slide(data, "Profits fall")
    assert (q["start_date"], q["end_date"], q["display_date"]) == ({"year": 2024, "month": 7}, {"year": 2024, "month": 9}, "Q3 2024")
    assert _slide(data, "Ships left")["start_date"] == {"year": 2024, "month": 5, "day": 14, "hour": 9, "minute": 30}
    strike = _slide(data, "A strike")
    assert strike["end_date"] == {"year": 2024, "month": 7, "day": 6} and strike["display_date"] == "3\u20136 Jul 2024"


def test_unique_ids(data: dict[str, Any], synth: Any) -> None:
    ids = [s["unique_id"] for s in data["events"]]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"e\d{4}-[0-9a-f]{8}", i) for i in ids)
    same = [synth.event(datetime(2023, 9, 4), text="Same")] * 3
    ids = [s["unique_id"] for s in json.loads(Timeline(same).to_timelinejs())["events"]]
    assert len(set(ids)) == 3
    assert json.loads(_mixed().to_timelinejs())["events"][0]["unique_id"] == data["events"][0]["unique_id"]  # stable


def test_groups(data: dict[str, Any], synth: Any) -> None:
    assert {s["group"] for s in data["events"]} == {"happened", "ongoing", "expected"}
    by_source = json.loads(_mixed().to_timelinejs(group_by="source"))
    assert _slide(by_source, "The port reopened")["group"] == "Port news"  # the title
    assert _slide(by_source, "A week of talks")["group"] == "b"  # no title: the id
    with pytest.raises(Exception, match="group_by"):
        _mixed().to_timelinejs(group_by="colour")


def test_html_is_escaped_and_urls_present(data: dict[str, Any]) -> None:
    body = _slide(data, "The port reopened")["text"]["text"]
    assert "&lt;b&gt;talks&lt;/b&gt; &amp; pay were &quot;settled&quot;." in body and "<b>" not in body
    assert '<a href="https://example.org/port?x=1&amp;y=2">Port news</a>' in body
    assert "14 May 2024" in body
    assert "href" not in _slide(data, "A week of talks")["text"]["text"]  # document b has no URL
    assert _slide(data, "Talks &lt;resume&gt;")["text"]["headline"] == "Talks &lt;resume&gt;"


def test_vague_events_on_the_publication_date(data: dict[str, Any]) -> None:
    past = _slide(data, "Earlier unrest")
    assert past["start_date"] == {"year": 2024, "month": 5, "day": 14}  # the earliest of its sources
    assert past["display_date"] == "recently, as of 14 May 2024"
    future = _slide(data, "A new deal")
    assert future["start_date"] == {"year": 2024, "month": 5, "day": 20}
    assert future["display_date"] == "in the future, as of 20 May 2024 (expected)"
    # no publication date known anywhere: no slide (TimelineJS needs a start_date)
    lone = Timeline([ev("PAST_REF", None, None, None, "Unrest", sources=("x",))])
    assert json.loads(lone.to_timelinejs())["events"] == []


def test_bc_events_have_negative_years(data: dict[str, Any]) -> None:
    marathon = _slide(data, "The battle of Marathon")
    assert marathon["start_date"] == {"year": -490} and marathon["display_date"] == "490 BC"
    caesar = _slide(data, "Caesar was killed")
    assert caesar["start_date"] == {"year": -44, "month": 3, "day": 15} and caesar["display_date"] == "15 Mar 44 BC"
    decade = _slide(data, "A decade long ago")
    assert (decade["start_date"], decade["end_date"], decade["display_date"]) == ({"year": -469}, {"year": -460}, "460s BC")


def test_writes_atomically_to_a_path(tmp_path: Path) -> None:
    out = tmp_path / "x.timelinejs.json"
    text = _mixed().to_timelinejs(out)
    assert out.read_text(encoding="utf-8") == text and text.endswith("\n")
    assert [p.name for p in tmp_path.iterdir()] == ["x.timelinejs.json"]


STRIKE = "Dockworkers walked off the job on Tuesday, the union said. Members will vote on the deal next week.\n"


def test_cli_timelinejs_wins_over_json(capsys: Any, tmp_path: Path) -> None:
    src = tmp_path / "strike.txt"
    src.write_text(STRIKE, encoding="utf-8")
    out = tmp_path / "chronology.timelinejs.json"
    code = main(["build", str(src), "--published", "2024-03-02", "-o", str(out), "--no-progress", "--title", "Dock strike"])
    _, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out.read_text(encoding="utf-8"))
    validate(data)
    assert "schema" not in data and data["title"]["text"]["headline"] == "Dock strike"
    assert data["events"] and err.startswith("wrote ") and err.endswith(f"to {out}\n")
