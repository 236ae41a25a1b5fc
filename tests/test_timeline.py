"""The Timeline object on hand-made events: selection, export, loading back."""

from __future__ import annotations

import csv
import json
import pickle
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline import Document, Event, EventMention, Timeline

DOCS = (
    Document("The union said on Sunday that the strike would begin on Tuesday. It last struck in 2019.", published="2024-02-26", id="a", title="Strike called"),
    Document("The walkout began on Feb. 27. A hearing is set for Friday.", published="2024-02-28", id="b"),
    Document("The judge ruled on Friday. Members will vote next week. Talks may resume soon.", published="2024-03-02", id="c", url="https://example.org/c"),
)


def _event(doc: Document, timex: str, value: str, start: datetime | None, end: datetime | None, granularity: str | None, text: str, actors: tuple[str, ...], status: str, *more: Document) -> Event:
    mentions = []
    for d in (doc, *more):
        i = d.text.index(timex) if timex in d.text else 0
        mentions.append(
            EventMention(
                doc=d.id, sentence=d.text.split(". ")[0], timex=timex, start=i, end=i + len(timex), value=value, text=text,
                status=status,  # type: ignore[arg-type]
                actors=actors,
            )
        )
    return Event(
        value=value,
        start=start,
        end=end,
        granularity=granularity,
        text=text,
        predicate=text.split()[1] if len(text.split()) > 1 else "",
        actors=actors,
        status=status,  # type: ignore[arg-type]
        sources=tuple(d.id for d in (doc, *more)),
        mentions=tuple(mentions),
    )


A, B, C = DOCS
EVENTS = (
    _event(A, "2019", "2019", datetime(2019, 1, 1), datetime(2020, 1, 1), "year", "union struck", ("Harbour Workers' Union",), "happened"),
    _event(A, "Sunday", "2024-02-25", datetime(2024, 2, 25), datetime(2024, 2, 26), "day", "union said", ("Harbour Workers' Union",), "happened"),
    _event(A, "Tuesday", "2024-02-27", datetime(2024, 2, 27), datetime(2024, 2, 28), "day", "walkout began", ("Calder Bay",), "happened", B),
    _event(B, "Friday", "2024-03-01", datetime(2024, 3, 1), datetime(2024, 3, 2), "day", "judge ruled", ("Judge Okafor", "Meridian Terminals"), "happened", C),
    _event(C, "next week", "2024-W10", datetime(2024, 3, 4), datetime(2024, 3, 11), "week", "members vote", ("Union members",), "expected"),
    _event(C, "soon", "FUTURE_REF", None, None, None, "talks resume", (), "expected"),
)


@pytest.fixture()
def tl() -> Timeline:
    return Timeline(EVENTS, DOCS)


# --- container --------------------------------------------------------------------------------


def test_container(tl: Timeline) -> None:
    assert len(tl) == 6
    assert list(tl) == list(EVENTS) and tl.events == EVENTS
    assert tl.documents == DOCS
    assert tl[0] is EVENTS[0] and tl[-1] is EVENTS[-1]
    part = tl[1:3]
    assert isinstance(part, Timeline) and part.events == EVENTS[1:3] and part.documents == DOCS
    with pytest.raises(IndexError):
        tl[99]


def test_immutable_and_picklable(tl: Timeline) -> None:
    with pytest.raises(AttributeError):
        tl.events = ()  # type: ignore[misc]
    assert isinstance(tl.events, tuple) and isinstance(tl.documents, tuple)
    assert pickle.loads(pickle.dumps(tl)) == tl


def test_type_checks() -> None:
    with pytest.raises(TypeError, match="item 0"):
        Timeline(["not an event"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="item 1"):
        Timeline([], [DOCS[0], "b"])  # type: ignore[list-item]


def test_repr(tl: Timeline) -> None:
    assert repr(tl) == "<Timeline: 6 events from 3 documents, 2019 to 2024-W10>"
    assert repr(Timeline()) == "<Timeline: 0 events from 0 documents>"
    assert repr(tl[1:2]) == "<Timeline: 1 event from 3 documents, 2024-02-25>"
    assert repr(Timeline([EVENTS[-1]], [C])) == "<Timeline: 1 event from 1 document>"


# --- filter -------------------------------------------------------------------------------------


def _texts(t: Timeline) -> list[str]:
    return [e.text for e in t]


def test_filter_nothing_is_everything(tl: Timeline) -> None:
    assert tl.filter() == tl


def test_filter_actor(tl: Timeline) -> None:
    assert _texts(tl.filter(actor="union")) == ["union struck", "union said", "members vote"]
    assert _texts(tl.filter(actor="OKAFOR")) == ["judge ruled"]
    assert len(tl.filter(actor="nobody")) == 0
    with pytest.raises(TypeError):
        tl.filter(actor=3)  # type: ignore[arg-type]


def test_filter_source(tl: Timeline) -> None:
    assert _texts(tl.filter(source="b")) == ["walkout began", "judge ruled"]
    assert _texts(tl.filter(source=["a", "c"])) == [e.text for e in EVENTS]
    assert _texts(tl.filter(source={"c"})) == ["judge ruled", "members vote", "talks resume"]
    assert len(tl.filter(source="zzz")) == 0
    assert tl.filter(source="b").documents == DOCS  # the documents stay


def test_filter_status(tl: Timeline) -> None:
    assert _texts(tl.filter(status="expected")) == ["members vote", "talks resume"]
    assert len(tl.filter(status=("happened", "expected"))) == 6
    assert len(tl.filter(status="ongoing")) == 0
    with pytest.raises(ValueError, match="planned"):
        tl.filter(status="planned")
    with pytest.raises(ValueError):
        tl.filter(status=["happened", "maybe"])


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2024-02-27", "2024-03-02", ["walkout began", "judge ruled"]),
        (date(2024, 2, 27), date(2024, 3, 2), ["walkout began", "judge ruled"]),
        (datetime(2024, 2, 27, 12), datetime(2024, 3, 1), ["walkout began"]),  # half-open: March 1 excluded
        ("2024-03-05", None, ["members vote"]),  # the week overlaps
        (None, "2020", ["union struck"]),
        ("2019-06", "2019-07", ["union struck"]),  # a year overlaps one of its months
        ("Feb 25, 2024", "Feb 26, 2024", ["union said"]),
        ("2030", None, []),
    ],
)
def test_filter_time(tl: Timeline, start: object, end: object, expected: list[str]) -> None:
    assert _texts(tl.filter(start=start, end=end)) == expected  # type: ignore[arg-type]


def test_references_only_without_time_bounds(tl: Timeline) -> None:
    assert "talks resume" in _texts(tl.filter(status="expected"))
    assert "talks resume" not in _texts(tl.filter(start="2000-01-01"))
    assert "talks resume" not in _texts(tl.filter(end="2100-01-01"))


def test_between(tl: Timeline) -> None:
    assert tl.between("2024-02-25", "2024-02-28") == tl.filter(start="2024-02-25", end="2024-02-28")
    assert _texts(tl.between("2024-02-25", "2024-02-28")) == ["union said", "walkout began"]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2024-02-27", "2024-02-27", ["walkout began"]),  # one day: that day
        (date(2024, 2, 27), date(2024, 2, 27), ["walkout began"]),
        ("Feb 27, 2024", "27 février 2024", ["walkout began"]),
        ("2019", "2019", ["union struck"]),  # a year: the whole year
        ("2024-03", "2024-03", ["judge ruled", "members vote"]),  # a month: the whole month
        ("2024-W10", "2024-W10", ["members vote"]),  # an ISO week
        ("2024-Q1", "2024-Q1", ["union said", "walkout began", "judge ruled", "members vote"]),
        ("2024-02-26", "2024-02", ["walkout began"]),  # a month end: through February 29
        (None, "2024-02-27", ["union struck", "union said", "walkout began"]),
        (None, date(2024, 2, 27), ["union struck", "union said", "walkout began"]),  # a date: the whole day
        (None, datetime(2024, 2, 27), ["union struck", "union said"]),  # a datetime: an instant
        (None, "2024-02-27T00:00", ["union struck", "union said"]),  # a time of day: an instant
        (datetime(2024, 2, 27, 23, 59), "2024-02-27", ["walkout began"]),
    ],
)
def test_bounds_are_inclusive_of_their_whole_period(tl: Timeline, start: object, end: object, expected: list[str]) -> None:
    assert _texts(tl.between(start, end)) == expected  # type: ignore[arg-type]
    assert _texts(tl.filter(start=start, end=end)) == expected  # type: ignore[arg-type]


def test_bad_bounds(tl: Timeline) -> None:
    with pytest.raises(ValueError, match=r"start \(2024-03-01\) and end \(2024-02-01\): end must come after start"):
        tl.between("2024-03-01", "2024-02-01")
    with pytest.raises(ValueError, match="after"):
        tl.between("2024-02-28", "2024-02-27")  # whole days, but end's is over before start's begins
    with pytest.raises(ValueError, match="after"):
        tl.between(datetime(2024, 2, 27, 12), datetime(2024, 2, 27, 12))  # two equal instants: nothing between
    with pytest.raises(ValueError, match="after"):
        tl.between("2024-03", "2024-02")
    with pytest.raises(timeline.DateInputError):
        tl.between("not a date", "2024-02-01")
    with pytest.raises(TypeError):
        tl.filter(start=2024)  # type: ignore[arg-type]


def test_filters_combine(tl: Timeline) -> None:
    assert _texts(tl.filter(source="c", status="happened", start="2024-01-01")) == ["judge ruled"]


# --- export ------------------------------------------------------------------------------------

EVENT_KEYS = ["value", "start", "end", "granularity", "mod", "text", "predicate", "actors", "status", "sources", "mentions"]
MENTION_KEYS = ["doc", "sentence", "timex", "start", "end", "value", "mod", "text", "predicate", "actors", "speaker", "status"]


def test_to_dict_schema(tl: Timeline) -> None:
    d = tl.to_dict()
    assert list(d) == ["schema", "events", "documents"] and d["schema"] == 2
    assert len(d["events"]) == 6
    for e in d["events"]:
        assert list(e) == EVENT_KEYS  # the keys, plus "predicate"; never "sort_key"
        for m in e["mentions"]:
            assert list(m) == MENTION_KEYS
    assert d["events"][2]["start"] == "2024-02-27T00:00:00" and d["events"][2]["sources"] == ["a", "b"]
    assert d["events"][-1]["start"] is None and d["events"][-1]["value"] == "FUTURE_REF"
    assert d["documents"][0] == {"id": "a", "published": "2024-02-26T00:00:00", "title": "Strike called", "url": None}
    json.dumps(d)  # JSON-ready


def test_json_is_deterministic_and_round_trips(tl: Timeline, tmp_path: Path) -> None:
    text = tl.to_json()
    assert text == Timeline(EVENTS, DOCS).to_json()
    assert json.loads(text) == tl.to_dict()
    path = tmp_path / "t.json"
    assert tl.to_json(path) == text
    assert path.read_text(encoding="utf-8") == text
    for loaded in (Timeline.from_json(path), Timeline.from_json(str(path)), Timeline.from_json(text)):
        assert loaded.events == tl.events
        assert loaded.to_json() == text
        assert [d.id for d in loaded.documents] == ["a", "b", "c"]
        assert loaded.documents[2].url == "https://example.org/c"
    assert [p.name for p in tmp_path.iterdir()] == ["t.json"]  # no temporary file left


def test_json_keeps_unicode(tmp_path: Path) -> None:
    e = _event(A, "Sunday", "2024-02-25", datetime(2024, 2, 25), datetime(2024, 2, 26), "day", "Müller signed the accord — again", ("Zoë Müller",), "happened")
    text = Timeline([e], [A]).to_json(indent=None)
    assert "Müller signed the accord — again" in text and "\n" not in text.rstrip("\n")


def test_from_json_errors(tmp_path: Path) -> None:
    with pytest.raises(timeline.TimelineError, match="no such file"):
        Timeline.from_json(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(timeline.TimelineError, match="not valid JSON"):
        Timeline.from_json(bad)
    with pytest.raises(timeline.TimelineError, match="not a timeline"):
        Timeline.from_dict({"documents": []})
    with pytest.raises(timeline.TimelineError, match="status"):
        Timeline.from_dict({"events": [{**EVENTS[0].to_dict(), "status": "rumoured"}]})


def test_csv(tl: Timeline, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    tl.to_csv(path)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["value", "start", "end", "granularity", "status", "text", "actors", "sources", "mentions"]
    assert len(rows) == 7
    assert rows[3] == ["2024-02-27", "2024-02-27T00:00:00", "2024-02-28T00:00:00", "day", "happened", "walkout began", "Calder Bay", "a; b", "2"]
    assert rows[4][6] == "Judge Okafor; Meridian Terminals"
    assert rows[6] == ["FUTURE_REF", "", "", "", "expected", "talks resume", "", "c", "1"]
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_write_into_missing_folder(tl: Timeline, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        tl.to_csv(tmp_path / "nowhere" / "t.csv")
    with pytest.raises(FileNotFoundError):
        tl.to_json(tmp_path / "nowhere" / "t.json")
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_the_old_file(tl: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "t.json"
    path.write_text("old", encoding="utf-8")

    def boom(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("timeline._timeline.os.replace", boom)
    with pytest.raises(OSError, match="disk full"):
        tl.to_json(path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.json"]


def test_to_dataframe(tl: Timeline) -> None:
    pd = pytest.importorskip("pandas")
    df = tl.to_dataframe()
    assert list(df.columns) == ["value", "start", "end", "granularity", "status", "text", "predicate", "actors", "sources", "mentions"]
    assert len(df) == 6
    assert df["start"].iloc[2] == pd.Timestamp("2024-02-27")
    assert pd.isna(df["start"].iloc[-1])
    assert df["sources"].iloc[2] == ["a", "b"] and df["mentions"].iloc[2] == 2


def test_to_dataframe_without_pandas(tl: Timeline, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pandas(name: str, *args: object, **kwargs: object) -> object:
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ImportError, match="pip install pandas"):
        tl.to_dataframe()


# --- malformed and unreadable JSON ------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        [],
        {},
        {"events": None},
        {"events": [[1]]},
        {"events": [{"status": "happened", "value": 5, "text": "t", "sources": ["a"]}]},
        {"events": [{"status": "maybe", "value": "2023", "text": "t", "sources": ["a"]}]},
        {"events": [{"status": "happened", "value": "2023", "text": "t", "sources": "ab"}]},
        {"events": [{"status": "happened", "value": "x", "text": "t", "sources": ["a"], "start": "2023-02-30"}]},
        {"events": [{"status": "happened", "value": "x", "text": "t", "sources": ["a"], "start": "2023-09-13", "end": "2023-09-12"}]},
        {"events": [{"status": "happened", "value": "x", "text": "t", "sources": ["a"], "mentions": [{"doc": "a", "sentence": "s", "timex": "t", "start": "0", "end": 1}]}]},
        {"events": [], "documents": [{"id": 5}]},
        {"events": [], "documents": [{"id": "a", "published": "2023-02-30"}]},
    ],
)
def test_malformed_timeline_json_is_a_timeline_error(data: Any) -> None:
    with pytest.raises(timeline.TimelineError, match="not a timeline"):
        Timeline.from_dict(data)
    with pytest.raises(timeline.TimelineError):
        Timeline.from_json(json.dumps(data))


@pytest.mark.parametrize("source", ["abc\x00def", "x" * 5000, "[" * 100_000, "{" + "[" * 100_000, "/"])
def test_unreadable_timeline_json_is_a_timeline_error(source: str) -> None:
    with pytest.raises(timeline.TimelineError) as info:
        Timeline.from_json(source)
    assert len(str(info.value)) < 300



def test_no_process_wide_display_setting() -> None:
    with pytest.raises(AttributeError, match="display_format"):
        Timeline.default_display_format = "svg"  # type: ignore[misc]
    t = Timeline()
    assert t.display_format == "png"
    t.display_format = "svg"
    assert t.display_format == "svg" and Timeline().display_format == "png"
