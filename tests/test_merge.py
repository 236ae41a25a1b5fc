"""Merging (timeline/_merge.py): one happening per event, paraphrases joined, and merging
closed under serialization. Every sentence here is our own."""

from __future__ import annotations

import dataclasses
import json

import pytest

import timeline
from timeline import Document


@pytest.fixture(scope="module")
def build(nlp: object):  # type: ignore[no-untyped-def]
    def _build(*docs: Document) -> timeline.Timeline:
        return timeline.build(list(docs), nlp=nlp)  # type: ignore[arg-type]

    return _build


def test_two_wordings_of_one_fact_merge(build) -> None:  # type: ignore[no-untyped-def]
    a = Document("Rescuers pulled the last survivor from the collapsed building on Wednesday.", published="2024-05-09", id="a")
    b = Document("The final survivor was pulled from the rubble of the building on Wednesday, officials said.", published="2024-05-09", id="b")
    [e] = [e for e in build(a, b) if e.value == "2024-05-08"]
    assert e.sources == ("a", "b")


def test_the_same_action_by_other_people_stays_apart(build) -> None:  # type: ignore[no-untyped-def]
    a = Document("The COBRA emergency committee met on Monday to discuss the flu outbreak.", published="2009-04-28", id="a")
    b = Document("The Federal Reserve met on Monday to discuss interest rates.", published="2009-04-28", id="b")
    assert {e.sources for e in build(a, b)} == {("a",), ("b",)}


def test_a_vague_reference_does_not_absorb_other_news(build) -> None:  # type: ignore[no-untyped-def]
    a = Document("The World Health Organization declared a pandemic on Thursday.", published="2009-06-12", id="a")
    b = Document("Traffic to the agency's website will keep rising in the coming days.", published="2009-06-12", id="b")
    c = Document("Drug makers will ship the first vaccine doses in the coming months.", published="2009-06-13", id="c")
    t = build(a, b, c)
    assert all(len(e.sources) == 1 for e in t), t.events


def test_no_merged_event_chains_different_happenings(build) -> None:  # type: ignore[no-untyped-def]
    docs = [
        Document("Fishermen in Port Lark protested against the oil leak on Friday.", published="2024-05-11", id="a"),
        Document("Fishermen protested on Friday in Port Lark against the leak.", published="2024-05-12", id="b"),
        Document("Fishermen repaired their nets in Port Lark on Friday.", published="2024-05-12", id="c"),
        Document("The oil leak reached the beaches of Port Lark on Friday.", published="2024-05-11", id="d"),
    ]
    t = build(*docs)
    merged = [e for e in t if len(e.sources) > 1]
    assert [e.sources for e in merged] == [("a", "b")]


def test_a_merged_event_reads_in_the_tense_of_its_status(build) -> None:  # type: ignore[no-untyped-def]
    before = Document("The harbour council will hold a public meeting on Thursday.", published="2024-05-06", id="before")
    after = Document("The harbour council held a public meeting on Thursday.", published="2024-05-10", id="after")
    [e] = list(build(before, after))
    assert e.sources == ("before", "after") and e.status == "happened"
    assert "held" in e.text and "will" not in e.text


def test_statements_of_one_speaker_on_one_day_merge_only_when_they_say_the_same(build) -> None:  # type: ignore[no-untyped-def]
    a = Document("The health ministry said on Monday that schools in the capital would close for a week.", published="2009-04-28", id="a")
    b = Document("Schools in the capital will close for a week, the health ministry said on Monday.", published="2009-04-28", id="b")
    c = Document("The health ministry said on Monday that pork was safe to eat.", published="2009-04-28", id="c")
    statements = [e for e in build(a, b, c) if e.value == "2009-04-27" and e.mentions[0].speaker]
    assert sorted(e.sources for e in statements) == [("a", "b"), ("c",)]


# --- the data model: what a reader sees is all there is -----------------------------------------


def test_events_carry_no_hidden_state() -> None:
    for cls in (timeline.Event, timeline.EventMention):
        names = {f.name for f in dataclasses.fields(cls)}
        e = _event()
        obj = e if cls is timeline.Event else e.mentions[0]
        assert names == set(obj.to_dict()), cls


def test_merging_is_closed_under_serialization(build, tmp_path) -> None:  # type: ignore[no-untyped-def]
    docs = timeline.read_manifest("examples/articles/manifest.jsonl")
    whole = build(*docs)
    # each article built alone, written to JSON, read back, then merged with the others
    parts = []
    for d in docs:
        path = tmp_path / f"{d.id}.json"
        build(d).to_json(path)
        parts.extend(timeline.Timeline.from_json(path).events)
    again = timeline.merge(parts, documents=docs)
    assert again.to_json() == whole.to_json()


def test_version_1_files_still_load() -> None:
    old = {
        "events": [
            {
                "value": "2024-02-27", "start": "2024-02-27T00:00:00", "end": "2024-02-28T00:00:00", "granularity": "day",
                "text": "The walkout began", "predicate": "begin", "actors": [], "status": "happened", "sources": ["a"],
                "mentions": [{"doc": "a", "sentence": "The walkout began on Tuesday.", "timex": "Tuesday", "start": 22, "end": 29}],
            }
        ],
        "documents": [{"id": "a", "published": "2024-02-28T00:00:00", "title": None, "url": None}],
    }
    t = timeline.Timeline.from_dict(old)
    [m] = t[0].mentions
    assert (m.value, m.text, m.status) == ("2024-02-27", "The walkout began", "happened")
    assert json.loads(t.to_json())["schema"] == 2
    assert timeline.merge(t.events, documents=t.documents)[0].text == "The walkout began"


def test_a_newer_schema_is_refused() -> None:
    with pytest.raises(timeline.TimelineError, match="schema 99"):
        timeline.Timeline.from_dict({"schema": 99, "events": [], "documents": []})


def _event() -> timeline.Event:
    from datetime import datetime

    m = timeline.EventMention(doc="a", sentence="s", timex="Tuesday", start=0, end=7, value="2024-02-27", text="t", status="happened")
    return timeline.Event("2024-02-27", datetime(2024, 2, 27), datetime(2024, 2, 28), "day", "t", "p", (), "happened", ("a",), (m,))
