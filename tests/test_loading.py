"""Loading what was written or scraped (issue 12, classes 6 and 11): timeline JSON that would
fail later is refused on load, naming the field; web pages too deep or too large for the
HTML parser keep their text."""

from __future__ import annotations

import copy
import json
import warnings
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

import timeline
from timeline import Document, Event, EventMention, Timeline, TimelineError
from timeline._events import time_of

# --- timeline JSON: a small hand-made timeline, then one field corrupted ---------------------------


def _timeline() -> Timeline:
    doc = Document("Kim arrived in Vladivostok on Tuesday.", published="2023-09-13", id="a")
    m = EventMention(doc="a", sentence=doc.text, timex="Tuesday", start=30, end=37, value="2023-09-12", text="Kim arrived in Vladivostok", status="happened")
    e = Event("2023-09-12", datetime(2023, 9, 12), datetime(2023, 9, 13), "day", "Kim arrived in Vladivostok", "arrive", ("Kim",), "happened", ("a",), (m,))
    return Timeline([e], [doc])


def _corrupt(change: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    data = copy.deepcopy(_timeline().to_dict())
    change(data)
    return data


def _event(data: dict[str, Any]) -> dict[str, Any]:
    return data["events"][0]  # type: ignore[no-any-return]


def _mention(data: dict[str, Any]) -> dict[str, Any]:
    return data["events"][0]["mentions"][0]  # type: ignore[no-any-return]


def test_the_hand_made_timeline_round_trips() -> None:
    t = _timeline()
    loaded = Timeline.from_json(t.to_json())
    assert loaded.events == t.events
    assert [d.to_dict() for d in loaded.documents] == [d.to_dict() for d in t.documents]


def test_time_zone_aware_times_load_as_their_local_wall_clock_time() -> None:
    def aware(d: dict[str, Any]) -> None:
        _event(d).update(start="2023-09-12T00:00:00+09:00", end="2023-09-13T00:00:00+09:00")

    t = Timeline.from_dict(_corrupt(aware))
    e = t[0]
    assert (e.start, e.end) == (datetime(2023, 9, 12), datetime(2023, 9, 13))
    assert e.start is not None and e.start.tzinfo is None
    assert len(t.between("2023-09-12", "2023-09-12")) == 1  # comparing with naive bounds works
    assert Timeline.from_json(t.to_json()) == t


@pytest.mark.parametrize(
    "field, change",
    [
        ("events[0].text", lambda d: _event(d).update(text="Kim \ud800arrived")),
        ("events[0].actors[0]", lambda d: _event(d).update(actors=["K\udc80im"])),
        ("events[0].mentions[0].sentence", lambda d: _mention(d).update(sentence="Kim \udcff")),
        ("documents[0].title", lambda d: d["documents"][0].update(title="T\ud83d")),
    ],
)
def test_lone_surrogates_are_refused_naming_the_field(field: str, change: Callable[[dict[str, Any]], Any]) -> None:
    with pytest.raises(TimelineError, match=rf"^not a timeline: {_re(field)}: holds a lone surrogate"):
        Timeline.from_dict(_corrupt(change))


@pytest.mark.parametrize(
    "field, change",
    [
        ("events[0].value", lambda d: _event(d).update(value="x")),
        ("events[0].value", lambda d: _event(d).update(value="2023-02-30")),
        ("events[0].value", lambda d: _event(d).update(value="2023-09-12/2023-09-10")),
        ("events[0].mentions[0].value", lambda d: _mention(d).update(value="soon")),
        ("events[0].granularity", lambda d: _event(d).update(granularity="fortnight")),
        ("events[0].mod", lambda d: _event(d).update(mod="SOONISH")),
    ],
)
def test_values_the_package_cannot_read_are_refused(field: str, change: Callable[[dict[str, Any]], Any]) -> None:
    with pytest.raises(TimelineError, match=rf"^not a timeline: {_re(field)}: "):
        Timeline.from_dict(_corrupt(change))


@pytest.mark.parametrize(
    "value, granularity",
    [("PAST_REF", None), ("FUTURE_REF", None), ("XXXX-WXX-1", None), ("P3D", None), ("2023-09-12/2023-09-14", "day"), ("2023-Q3", "quarter"), ("2023-09-12TMO", "part_of_day")],
)
def test_every_kind_of_value_the_package_writes_still_loads(value: str, granularity: str | None) -> None:
    def change(d: dict[str, Any]) -> None:
        start, end, _ = time_of(value)
        _event(d).update(value=value, granularity=granularity, start=start and start.isoformat(), end=end and end.isoformat())
        _mention(d).update(value=value)

    assert Timeline.from_dict(_corrupt(change))[0].value == value


def test_sources_must_be_among_the_documents() -> None:
    with pytest.raises(TimelineError, match=r"^not a timeline: events\[0\]\.sources\[1\]: 'b' is not the id of any of the documents"):
        Timeline.from_dict(_corrupt(lambda d: _event(d).update(sources=["a", "b"])))
    with pytest.raises(TimelineError, match=r"^not a timeline: events\[0\]\.mentions\[0\]\.doc: 'b' is not the id"):
        Timeline.from_dict(_corrupt(lambda d: _mention(d).update(doc="b")))
    # without documents, sources are not checked (events written without their documents)
    assert Timeline.from_dict(_corrupt(lambda d: d.update(documents=[]))).events == _timeline().events


def test_duplicate_document_ids_are_refused() -> None:
    with pytest.raises(TimelineError, match=r"^not a timeline: documents\[1\]\.id: 'a' is also the id of documents\[0\]"):
        Timeline.from_dict(_corrupt(lambda d: d["documents"].append(dict(d["documents"][0]))))


@pytest.mark.parametrize(
    "field, change, why",
    [
        ("start", lambda d: _mention(d).update(start=-1), "must not be negative"),
        ("end", lambda d: _mention(d).update(end=-5), "must not be negative"),
        ("end", lambda d: _mention(d).update(start=30, end=20), r"ends \(20\) before it starts \(30\)"),
        ("start", lambda d: _mention(d).update(start=10**5000), "at most"),
    ],
)
def test_bad_offsets_are_refused(field: str, change: Callable[[dict[str, Any]], Any], why: str) -> None:
    with pytest.raises(TimelineError, match=rf"^not a timeline: events\[0\]\.mentions\[0\]\.{field}: .*{why}") as info:
        Timeline.from_dict(_corrupt(change))
    assert len(str(info.value)) < 200


def test_a_five_thousand_digit_integer_is_a_timeline_error() -> None:
    text = _timeline().to_json().replace('"start": 30', '"start": ' + "9" * 5000)
    assert text != _timeline().to_json()
    with pytest.raises(TimelineError, match="not a timeline: .*4300 digits") as info:
        Timeline.from_json(text)
    assert len(str(info.value)) < 200
    with pytest.raises(TimelineError, match="schema"):
        Timeline.from_dict({"schema": 10**5000, "events": []})


def test_errors_name_the_event_index() -> None:
    t = _timeline()
    data = t.to_dict()
    data["events"] = [data["events"][0], {**data["events"][0], "granularity": "fortnight"}]
    with pytest.raises(TimelineError, match=r"events\[1\]\.granularity: unknown granularity 'fortnight'"):
        Timeline.from_json(json.dumps(data))


def _re(field: str) -> str:
    return field.replace("[", r"\[").replace("]", r"\]").replace(".", r"\.")


# --- web pages too deep or too large for the HTML parser --------------------------------------------

PARAGRAPH = "<p>Kim Jong Un arrived in Vladivostok on Tuesday for talks with Vladimir Putin about weapons and satellites.</p>\n"


def _page(body: str) -> str:
    return f"<html><head><title>Kim in Russia</title><meta name='date' content='2023-09-12'></head><body>{body}</body></html>"


def _from_html(html: str) -> tuple[Document, list[str]]:
    pytest.importorskip("trafilatura")
    pytest.importorskip("htmldate")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        d = Document.from_html(html)
    return d, [str(w.message) for w in caught if issubclass(w.category, timeline.TimelineWarning)]


def test_a_page_nested_a_thousand_tags_deep_keeps_its_text() -> None:
    d, warned = _from_html(_page("<div>" * 1000 + PARAGRAPH * 3 + "</div>" * 1000))
    assert d.text.count("arrived in Vladivostok") == 3
    assert d.published == datetime(2023, 9, 12)
    assert warned == []  # parsed again without the parser's limits: the main text is found


def test_a_page_nested_deeper_than_any_parser_limit_keeps_its_text_with_a_warning() -> None:
    d, warned = _from_html(_page("<nav>Home | World</nav>" + "<div>" * 5000 + PARAGRAPH * 3 + "</div>" * 5000))
    assert d.text.count("arrived in Vladivostok") == 3
    assert "Home | World" in d.text  # the whole text: the main text could not be isolated
    [w] = warned
    assert "could not be isolated" in w and "2,048 levels" in w


def test_a_ten_megabyte_article_keeps_its_text() -> None:
    sentence = "Kim Jong Un arrived in Vladivostok on Tuesday for talks with Putin. "
    body = "<article><p>" + sentence * (10_200_000 // len(sentence)) + "</p></article>"
    assert len(body) > 10_000_000  # over libxml2's limit for one text
    d, warned = _from_html(_page(body))
    assert len(d.text) > 10_000_000 and d.text.startswith("Kim Jong Un arrived")
    assert warned == []


def test_a_page_whose_main_text_cannot_be_isolated_gives_its_whole_text_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    trafilatura = pytest.importorskip("trafilatura")
    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)
    d, warned = _from_html(_page("<script>var x = 'no';</script><h1>Kim in Russia</h1>" + PARAGRAPH))
    assert d.text == "Kim in Russia\n\nKim Jong Un arrived in Vladivostok on Tuesday for talks with Vladimir Putin about weapons and satellites."
    [w] = warned
    assert "could not be isolated (trafilatura found none)" in w
    with pytest.raises(timeline.DocumentError, match="no article text found"):
        _from_html(_page("<script>var x = 1;</script>"))


def test_a_web_page_path_that_is_a_device_is_not_read(tmp_path: Path) -> None:
    import os

    from timeline import Document, DocumentError

    link = tmp_path / "page.html"
    os.symlink(os.devnull, link)
    with pytest.raises(DocumentError, match="not a regular file"):
        Document.from_html(link)
