"""Key events of a collection (timeline/_summarize.py, Timeline.summarize, crowded charts).

The articles here are written for these tests: a small invented story about a river flood
in the town of Marlow, told by several outlets over a week, with an off-topic article.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from timeline import Document, Event, EventMention, Timeline
from timeline._summarize import clean_sentence, day_of, is_complete, key_events, query_terms, summarize_events
from timeline.render import AUTO_MAX_EVENTS, PlotSpec, chart_events


def _doc(id: str, published: str, text: str) -> Document:
    return Document(text, published=published, id=id)


def _event(doc: Document, sentence: str, timex: str, value: str, text: str | None = None, status: str = "happened") -> Event:
    """An event dated by ``timex`` inside ``sentence`` of ``doc`` (offsets checked)."""
    s = doc.text.index(sentence)
    start = doc.text.index(timex, s)
    m = EventMention(doc=doc.id, sentence=sentence, timex=timex, start=start, end=start + len(timex), value=value,
                     text=text or sentence.rstrip("."), status=status)  # type: ignore[arg-type]
    day = datetime.fromisoformat(value[:10])
    return Event(value, day, day + timedelta(days=1), "day", text or sentence.rstrip("."), "", (), status, (doc.id,), (m,))  # type: ignore[arg-type]


S1 = "The River Thame burst its banks at Marlow on Monday, flooding two hundred homes."
S2 = "Hundreds of residents were moved to the leisure centre on Monday night as the water rose."
S3 = "The flood that hit Marlow on Monday was the worst in forty years, the Environment Agency said."
S4 = "Engineers finished a temporary flood barrier along the High Street on Thursday afternoon."
S5 = "The town council approved a new budget for its parks department on Monday evening."


@pytest.fixture()
def story() -> Timeline:
    a = _doc("a", "2024-02-05", f"Marlow flood\n{S1}\n{S2}")
    b = _doc("b", "2024-02-07", f"{S3}\nCleaning up began in the town centre.")
    c = _doc("c", "2024-02-09", f"{S4}\nThe river level fell through the night.\nIt was the first time since Monday that it dropped.")
    d = _doc("d", "2024-02-06", f"The River Thame flood at Marlow on Monday forced schools to close.\nSchools reopened on Wednesday.")
    off = _doc("x", "2024-02-08", f"{S5}\nThe budget meeting lasted three hours.")
    events = [
        _event(a, S1, "Monday", "2024-02-05"),
        _event(a, S2, "Monday night", "2024-02-05TNI"),
        _event(b, S3, "Monday", "2024-02-05"),
        _event(d, "The River Thame flood at Marlow on Monday forced schools to close.", "Monday", "2024-02-05"),
        _event(c, S4, "Thursday afternoon", "2024-02-08TAF"),
        _event(off, S5, "Monday evening", "2024-02-05TEV"),
        _event(d, "Schools reopened on Wednesday.", "Wednesday", "2024-02-07", status="expected"),
    ]
    events.sort(key=lambda e: (e.start, e.value))
    return Timeline(events, [a, b, c, d, off])


def test_the_most_mentioned_day_comes_first(story: Timeline) -> None:
    [e] = story.summarize(dates=1).events
    assert e.value == "2024-02-05" and e.granularity == "day"
    assert e.start == datetime(2024, 2, 5) and e.end == datetime(2024, 2, 6)


def test_each_event_is_a_whole_sentence_of_a_source_with_its_mentions(story: Timeline) -> None:
    texts = {d.id: d.text for d in story.documents}
    for e in story.summarize(dates=3, per_date=2):
        assert any(e.text in t for t in texts.values()), e.text
        assert e.text[0].isupper() and e.text.endswith(".")
        assert e.sources and all(s in texts for s in e.sources)
        for m in e.mentions:  # offsets always hold; a lead sentence's dating is its publication day
            assert texts[m.doc][m.start : m.end] == m.timex
            assert day_of(m.value) == date.fromisoformat(e.value)


def test_per_date_sentences_differ_and_a_day_keeps_its_order(story: Timeline) -> None:
    out = story.summarize(dates=1, per_date=3)
    assert 2 <= len(out) <= 3
    assert len({e.text for e in out}) == len(out)
    assert all(e.value == "2024-02-05" for e in out)


def test_a_query_keeps_off_topic_sentences_out(story: Timeline) -> None:
    with_query = story.summarize(dates=1, per_date=4, query="Marlow flood")
    assert S5 not in {e.text for e in with_query}
    assert all(re.search(r"flood|Thame|river|water", e.text, re.I) for e in with_query)


def test_a_query_lowers_days_that_only_off_topic_articles_mention() -> None:
    on = [_doc(f"on{i}", "2024-03-04", f"The flood at Marlow closed the bridge on Sunday, officials said {i}.") for i in range(2)]
    off = [_doc(f"off{i}", "2024-03-04", f"The council budget for the parks was agreed on Saturday, number {i}.") for i in range(3)]
    evs = [_event(d, d.text, "Sunday", "2024-03-03") for d in on] + [_event(d, d.text, "Saturday", "2024-03-02") for d in off]
    tl = Timeline(sorted(evs, key=lambda e: e.value), on + off)
    assert tl.summarize(dates=1)[0].value == "2024-03-02"  # three articles beat two
    assert tl.summarize(dates=1, query=["flood", "Marlow"])[0].value == "2024-03-03"


def test_copies_of_a_sentence_are_one_event_with_every_source() -> None:
    text = "Rescuers reached the last stranded family in Marlow on Tuesday."
    docs = [_doc(f"w{i}", "2024-02-07", text + f"\nOther news {i}.") for i in range(3)]
    tl = Timeline([_event(d, text, "Tuesday", "2024-02-06") for d in docs], docs)
    [e] = tl.summarize(dates=1)
    assert e.text == text and set(e.sources) == {"w0", "w1", "w2"} and len(e.mentions) == 3


def test_a_lead_sentence_speaks_for_its_publication_day() -> None:
    lead = "Marlow residents began returning to their homes after the floodwater drained away."
    doc = _doc("p", "2024-02-10", f"Back home\n{lead}\nThe clean-up will take weeks.")
    other = _doc("q", "2024-02-05", "The River Thame burst its banks on Monday, flooding the town of Marlow.")
    ev = _event(other, other.text, "Monday", "2024-02-05")
    later = Event("2024-02-12", datetime(2024, 2, 12), datetime(2024, 2, 13), "day", "x", "", (), "expected", ("p",), ())
    tl = Timeline([ev, later], [doc, other])
    out = tl.summarize(dates=3)
    [e] = [e for e in out if e.value == "2024-02-10"]
    assert e.text == lead and e.sources == ("p",)
    [m] = e.mentions
    assert m.timex == "" and m.start == m.end == doc.text.index(lead) and m.value == "2024-02-10"


def test_a_chronology_line_is_dated_by_its_label_only() -> None:
    line = "May 29 - Engineers say the barrier, started three days earlier, is complete."
    doc = _doc("c", "2024-06-01", f"Key dates\n{line}")
    s = doc.text.index(line)
    mk = lambda timex, value: EventMention(doc="c", sentence=line, timex=timex, start=doc.text.index(timex, s),  # noqa: E731
                                           end=doc.text.index(timex, s) + len(timex), value=value, text=line, status="happened")
    e26 = Event("2024-05-26", datetime(2024, 5, 26), datetime(2024, 5, 27), "day", "barrier started", "", (), "happened", ("c",), (mk("three days earlier", "2024-05-26"),))
    e29 = Event("2024-05-29", datetime(2024, 5, 29), datetime(2024, 5, 30), "day", "barrier complete", "", (), "happened", ("c",), (mk("May 29", "2024-05-29"),))
    out = Timeline([e26, e29], [doc]).summarize(dates=2)
    assert [(e.value, e.text) for e in out] == [("2024-05-29", "Engineers say the barrier, started three days earlier, is complete.")]


def test_deterministic_sorted_and_round_trips(story: Timeline, tmp_path: Path) -> None:
    a, b = story.summarize(per_date=2), story.summarize(per_date=2)
    assert a == b and len(a) >= 1
    assert [e.start for e in a] == sorted(e.start for e in a)  # type: ignore[type-var]
    path = tmp_path / "key.json"
    a.to_json(path)
    assert Timeline.from_json(path).events == a.events  # the JSON keeps documents without their text


def test_dates_none_lets_the_data_decide(story: Timeline) -> None:
    n = len({e.value for e in story.summarize()})
    assert 1 <= n <= 30
    assert len(Timeline([], story.documents).summarize()) == 0


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [({"dates": 0}, ValueError), ({"dates": True}, ValueError), ({"per_date": 0}, ValueError), ({"query": 5}, TypeError), ({"query": ["flu", 3]}, TypeError)],
)
def test_bad_arguments_are_named(story: Timeline, kwargs: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error, match="dates|per_date|query"):
        story.summarize(**kwargs)


def test_sentences_fit_to_stand_alone() -> None:
    assert is_complete("The council approved the flood defence plan on Tuesday.")
    for bad in (
        "approved the flood defence plan on Tuesday and",  # a fragment
        "Did the council approve the flood defence plan on Tuesday?",  # a question
        "Click here to read more about the flood defence plan.",  # page furniture
        "I think the council was right to approve the plan on Tuesday.",  # a reader's comment
        "Flood plan approved Tuesday, May 25, 2010; 6:20 PM The council approved the plan.",  # byline glued on
        "L) said the council approved the flood defence plan.",  # the tail of a cut sentence
        "Short one.",
    ):
        assert not is_complete(bad), bad
    assert clean_sentence("MARLOW (Reuters) - The river  rose.") == "The river rose."
    assert query_terms(None) == frozenset() and query_terms("Floods in Marlow") == query_terms(["flood", "marlow"])


def test_key_events_rank_key_days_then_sources(synth: Any) -> None:
    evs = [synth.event(datetime(2023, 9, d), sources=tuple("abc"[: 1 + d % 3])) for d in range(1, 10)]
    kept = key_events(evs, (), 3)
    assert len(kept) == 3 and kept == sorted(kept, key=lambda e: e.start)
    assert [len(e.sources) for e in kept] == [3, 3, 3]


def test_a_crowded_chart_draws_the_key_dates(story: Timeline) -> None:
    base = list(story.events)
    filler = [
        Event(f"2023-{m:02d}", datetime(2023, m, 1), datetime(2023, m, 28), "month", f"Background item {m}", "", (), "happened", ("x",), ())
        for m in range(1, 13)
    ] * 3
    events = sorted(base + filler, key=lambda e: e.start)  # type: ignore[arg-type, return-value]
    assert len(events) > AUTO_MAX_EVENTS
    shown, spec = chart_events(events, story.documents, PlotSpec())
    assert 1 <= len(shown) <= AUTO_MAX_EVENTS
    assert spec.subtitle is not None and f"key date{'s' if len(shown) > 1 else ''} of {len(events)} events" in spec.subtitle
    kept, spec2 = chart_events(events, story.documents, PlotSpec(max_events=5))
    assert kept is events and spec2.max_events == 5  # max_events: the layout keeps the top five
    few, same = chart_events(base, story.documents, PlotSpec())
    assert few is base and same.subtitle is None


def test_a_crowded_chart_stays_within_3000_pixels(synth: Any) -> None:
    from timeline.render import render

    evs = synth.twenty_years(300)
    for orientation in ("horizontal", "vertical"):
        fig, layout, _ = render(evs, (), PlotSpec(orientation=orientation))
        assert layout.n_shown <= AUTO_MAX_EVENTS
        w, h = (v * 150 for v in fig.get_size_inches())
        assert w <= 3000 and h <= 3000, (orientation, w, h)


def test_cli_build_summary(tmp_path: Path, nlp: Any) -> None:
    from timeline.cli import main

    manifest = tmp_path / "m.jsonl"
    arts = [
        ("a", "2024-02-05", f"{S1}\n{S2}"),
        ("b", "2024-02-07", f"{S3}\nCleaning up began in the town centre on Tuesday."),
        ("x", "2024-02-08", S5),
    ]
    manifest.write_text("\n".join(json.dumps({"id": i, "published": p, "text": t}) for i, p, t in arts), encoding="utf-8")
    out = tmp_path / "key.json"
    assert main(["build", "--manifest", str(manifest), "-o", str(out), "--summary", "1", "--query", "flood", "--no-progress"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len({e["value"] for e in data["events"]}) == 1 and data["events"][0]["value"].startswith("2024-02-05")
    png = tmp_path / "key.png"
    assert main(["build", "--manifest", str(manifest), "-o", str(png), "--title", "Marlow flood", "--orientation", "vertical", "--max-events", "2", "--no-progress"]) == 0
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert main(["build", "--manifest", str(manifest), "-o", str(out), "--summary", "0"]) == 2


def test_a_query_no_document_mentions_warns_and_changes_nothing(story: Timeline) -> None:
    from timeline import TimelineWarning

    with pytest.warns(TimelineWarning, match="no document mentions the query 'bpoil'"):
        out = story.summarize(dates=2, query="bpoil")
    assert out == story.summarize(dates=2)


def test_more_than_25_events_that_fit_are_all_drawn(synth: Any) -> None:
    evs = [synth.event(datetime(2023, 9, 1) + timedelta(days=i), text="Talks resumed") for i in range(30)]
    shown, spec = chart_events(evs, (), PlotSpec())
    assert shown is evs and spec.subtitle is None  # 30 short labels fit within 20 inches
