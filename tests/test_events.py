"""Event extraction and merging on constructions the events issue names."""

from __future__ import annotations

import random

import pytest

import timeline


@pytest.fixture(scope="module")
def build(nlp: object):  # type: ignore[no-untyped-def]
    def _build(*docs: timeline.Document) -> timeline.Timeline:
        return timeline.build(list(docs), nlp=nlp)  # type: ignore[arg-type]

    return _build


def test_relative_clause_gives_two_events(build) -> None:  # type: ignore[no-untyped-def]
    t = build(timeline.Document("Kim, who last visited Russia in 2019, arrived in Vladivostok on Tuesday.", published="2023-09-12", id="a"))
    values = {e.value: e for e in t}
    assert set(values) == {"2019", "2023-09-12"}
    assert values["2023-09-12"].predicate == "arrive"
    assert values["2019"].predicate == "visit"
    assert "2019" not in values["2023-09-12"].text and "Tuesday" not in values["2019"].text


def test_reported_speech_has_two_times(build) -> None:  # type: ignore[no-untyped-def]
    t = build(timeline.Document("The Kremlin said on Monday that Kim would visit Russia in the coming days.", published="2023-09-12", id="a"))
    statement = next(e for e in t if e.value == "2023-09-11")
    visit = next(e for e in t if e.value == "FUTURE_REF")
    assert statement.status == "happened" and statement.predicate == "say"
    assert visit.status == "expected" and visit.predicate == "visit"


def test_planned_event_is_expected(build) -> None:  # type: ignore[no-untyped-def]
    t = build(timeline.Document("The two leaders are scheduled to meet on Wednesday in Vladivostok.", published="2023-09-12", id="a"))
    [e] = list(t)
    assert (e.value, e.status) == ("2023-09-13", "expected")


def test_same_fact_in_two_articles_merges_across_granularities(build) -> None:  # type: ignore[no-untyped-def]
    a = timeline.Document("Russian Defense Minister Sergei Shoigu visited North Korea in July.", published="2023-09-05", id="a")
    b = timeline.Document("Sergei Shoigu, Russia's defense minister, traveled to North Korea in July 2023 for a parade.", published="2023-09-12", id="b")
    c = timeline.Document("Separately, a Chinese trade delegation signed a grain deal in Pyongyang in July.", published="2023-09-12", id="c")
    t = build(a, b, c)
    shoigu = [e for e in t if "Shoigu" in e.text]
    assert len(shoigu) == 1 and shoigu[0].sources == ("a", "b") and shoigu[0].value == "2023-07"
    assert any(e.sources == ("c",) for e in t), "a different fact of the same month stays apart"


def test_different_facts_on_the_same_day_stay_two(build) -> None:  # type: ignore[no-untyped-def]
    d = timeline.Document(
        "Kim arrived in Vladivostok by train on Tuesday. Separately, floods killed twelve people in the south of Japan on Tuesday.",
        published="2023-09-12",
        id="a",
    )
    assert len([e for e in build(d) if e.value == "2023-09-12"]) == 2


def test_merging_does_not_depend_on_document_order(build) -> None:  # type: ignore[no-untyped-def]
    docs = [
        timeline.Document("Kim left Pyongyang on Sunday afternoon by train.", published="2023-09-12", id="a"),
        timeline.Document("North Korea's leader departed Pyongyang by train on Sunday, state media said.", published="2023-09-11", id="b"),
        timeline.Document("Kim is expected to meet Putin later this month.", published="2023-09-05", id="c"),
        timeline.Document("The Kremlin said the leaders would meet this month.", published="2023-09-11", id="d"),
    ]
    first = build(*docs).to_json()
    shuffled = docs[:]
    random.Random(7).shuffle(shuffled)
    assert build(*shuffled).to_json() == first


def test_references_merge_only_near_their_publication(build) -> None:  # type: ignore[no-untyped-def]
    expected = timeline.Document("Union members will vote on the new contract in the coming days.", published="2024-03-01", id="early")
    soon = timeline.Document("Union members voted on the new contract on Friday.", published="2024-03-09", id="soon")
    late = timeline.Document("Union members voted on the new contract on Friday.", published="2026-05-09", id="late")
    # the vote a week later is the one that was expected ...
    assert {e.sources for e in build(expected, soon)} == {("early", "soon")}
    # ... a vote two years later is another one
    assert {e.sources for e in build(expected, late)} == {("early",), ("late",)}
