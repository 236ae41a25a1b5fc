"""Event extraction (timeline/_extract.py) on the failure classes of real news: the date of
another clause, statements dated instead of facts, garbled texts, ranges and modifiers.
Every sentence here is our own."""

from __future__ import annotations

from datetime import datetime

import pytest

import timeline


@pytest.fixture(scope="module")
def events(nlp: object):  # type: ignore[no-untyped-def]
    def _events(text: str, published: str = "2024-05-07") -> list[timeline.Event]:
        doc = timeline.Document(text, published=published, id="d")
        return list(timeline.build([doc], nlp=nlp))  # type: ignore[arg-type]

    return _events


def _by_value(evs: list[timeline.Event]) -> dict[str, timeline.Event]:
    return {e.value: e for e in evs}


# --- each clause has its own date -------------------------------------------------------------


def test_conjoined_clauses_keep_their_own_dates(events) -> None:  # type: ignore[no-untyped-def]
    # published Tuesday 2024-05-07
    evs = _by_value(events("The ferry captain left Harwick on Sunday and will reach the islands on Thursday."))
    assert "left Harwick" in evs["2024-05-05"].text and "Thursday" not in evs["2024-05-05"].text
    assert "reach the islands" in evs["2024-05-09"].text and evs["2024-05-09"].status == "expected"
    assert "Sunday" not in evs["2024-05-09"].text


def test_fact_and_statement_are_two_events(events) -> None:  # type: ignore[no-untyped-def]
    evs = _by_value(events("A water main burst early on Sunday, the utility said on Monday."))
    fact, statement = evs["2024-05-05"], evs["2024-05-06"]
    assert fact.text == "A water main burst"
    assert statement.text.startswith("The utility said") and "burst" in statement.text
    assert "Sunday" not in statement.text and "Monday" not in statement.text
    assert statement.mentions[0].speaker and not fact.mentions[0].speaker


def test_statement_with_a_fronted_report_reads_speaker_first(events) -> None:  # type: ignore[no-untyped-def]
    evs = _by_value(events("Bus drivers in the valley will stop work on Thursday, their union said on Monday."))
    assert evs["2024-05-09"].text == "Bus drivers in the valley will stop work"
    assert evs["2024-05-09"].status == "expected"
    assert evs["2024-05-06"].text.startswith("Their union said bus drivers")
    assert "Thursday" not in evs["2024-05-06"].text


def test_a_date_bounding_a_state_dates_nothing(events) -> None:  # type: ignore[no-untyped-def]
    evs = events("Ferry fares have stayed the same since 2019.")
    assert not evs


def test_a_date_after_an_event_noun_is_the_noun_s(events) -> None:  # type: ignore[no-untyped-def]
    evs = _by_value(events("Trade between the two towns has grown since the opening of the bridge in March 2021."))
    assert "opening of the bridge" in evs["2021-03"].text
    assert "grown" not in evs["2021-03"].text


def test_a_headline_is_not_part_of_the_first_sentence(events) -> None:  # type: ignore[no-untyped-def]
    evs = events("Council approves harbour budget\nThe harbour council approved the budget on Monday.")
    [e] = [e for e in evs if e.value == "2024-05-06"]
    assert e.text == "The harbour council approved the budget"


# --- readable texts --------------------------------------------------------------------------


def test_texts_keep_what_the_event_is(events) -> None:  # type: ignore[no-untyped-def]
    evs = _by_value(events("Cranes stood idle at the north quay on Monday."))
    assert evs["2024-05-06"].text == "Cranes stood idle at the north quay"


def test_a_clock_time_phrase_leaves_no_debris(events) -> None:  # type: ignore[no-untyped-def]
    [e] = events("The night ferry left at 3 a.m. local time on Monday.")
    assert e.text == "The night ferry left"
    assert e.value == "2024-05-06T03:00"  # the clock time of the day the clause names


def test_a_date_that_is_an_argument_keeps_a_stand_in(events) -> None:  # type: ignore[no-untyped-def]
    [e] = events("Hundreds of families spent a rainy Saturday at the lake.")
    assert "spent a rainy day at the lake" in e.text


def test_a_conjoined_verb_keeps_its_modal(events) -> None:  # type: ignore[no-untyped-def]
    evs = _by_value(events("The new timetable will take effect in June and be reviewed in 2026."))
    assert evs["2026"].text == "The new timetable will be reviewed"


def test_a_date_ending_a_state_dates_nothing(events) -> None:  # type: ignore[no-untyped-def]
    evs = events("The bridge will stay closed until next Wednesday.")
    assert not evs


def test_an_aside_with_its_own_date_is_left_out(events) -> None:  # type: ignore[no-untyped-def]
    evs = _by_value(events("Mira Dobson, who founded the choir in 1998, retired on Friday.", published="2024-05-07"))
    assert evs["2024-05-03"].text == "Mira Dobson retired"
    assert evs["1998"].text == "Mira Dobson founded the choir"


def test_object_relative_clauses_read_as_sentences(events) -> None:  # type: ignore[no-untyped-def]
    evs = _by_value(events("The mayor praised the plan that the council adopted last week."))
    assert evs["2024-W18"].text == "The council adopted the plan"


# --- ranges and modifiers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "first", "last"),
    [
        ("The lantern fair runs from July 3 to July 6.", datetime(2024, 7, 3), datetime(2024, 7, 7)),
        ("Voting is open between May 21 and May 23.", datetime(2024, 5, 21), datetime(2024, 5, 24)),
        ("The regatta is held on 3-5 June.", datetime(2024, 6, 3), datetime(2024, 6, 6)),
    ],
)
def test_a_range_is_one_event_covering_it(events, sentence: str, first: datetime, last: datetime) -> None:  # type: ignore[no-untyped-def]
    [e] = events(sentence)
    assert (e.start, e.end) == (first, last)
    assert "/" in e.value and e.granularity == "day"
    assert not any(w in e.text.split() for w in ("from", "to", "between", "and", "on"))


def test_a_modifier_narrows_the_period(events) -> None:  # type: ignore[no-untyped-def]
    [e] = events("Earlier this month the harbour council voted to sell the old pier.", published="2024-06-20")
    assert (e.value, e.mod) == ("2024-06", "START")
    assert e.start == datetime(2024, 6, 1) and e.end is not None and e.end <= datetime(2024, 6, 11)
    assert e.mentions[0].mod == "START"


def test_what_happened_this_month_ends_at_publication(events) -> None:  # type: ignore[no-untyped-def]
    [e] = events("The harbour council sold the old pier this month.", published="2024-06-20")
    assert (e.value, e.status) == ("2024-06", "happened")
    assert e.end == datetime(2024, 6, 21)


# --- dates that belong to something else -------------------------------------------------------


def test_a_date_in_brackets_stays_in_them(events) -> None:  # type: ignore[no-untyped-def]
    evs = events("The ferry company has grown fast (in 2019, for the first time, it carried a million people) and is hiring.")
    assert not evs


def test_a_new_deadline_is_not_when_it_was_set(events) -> None:  # type: ignore[no-untyped-def]
    assert not events("The fishing ban was extended to May 17.")


def test_a_date_modifying_a_thing_dates_that_thing_or_nothing(events) -> None:  # type: ignore[no-untyped-def]
    assert not events("Doctors compared the samples with the 1918 virus.")
    evs = _by_value(events("Investigators cited a 2003 letter from the port authority."))
    assert evs["2003"].text == "A letter from the port authority"


def test_an_event_noun_before_a_bare_date_takes_it(events) -> None:  # type: ignore[no-untyped-def]
    evs = _by_value(events("Ahead of a televised address to the nation tomorrow, the mayor said the river would fall.", published="2024-05-07"))
    assert evs["2024-05-08"].text == "A televised address to the nation"


def test_timeless_references_date_nothing(events) -> None:  # type: ignore[no-untyped-def]
    assert not events("Ferry operators will be responsible for much larger losses in the future.")


# --- texts that say what happened ----------------------------------------------------------------


def test_a_statement_reads_speaker_and_verb_first(events) -> None:  # type: ignore[no-untyped-def]
    [e] = events("Under the new rules, ferry tickets are refundable -- just as rail tickets have been, the ministry said Friday.")
    assert e.text.startswith("The ministry said")


def test_an_infinitive_reads_with_the_clause_it_completes(events) -> None:  # type: ignore[no-untyped-def]
    [e] = events("The harbour board hopes to begin its attempt to dredge the channel on Tuesday.")
    assert e.text == "The harbour board hopes to begin its attempt to dredge the channel"
    assert e.status == "expected"


def test_an_unfinished_sentence_is_no_event(events) -> None:  # type: ignore[no-untyped-def]
    assert not events("The only thing the captain knew of the storm was in mid-April.")


# --- years before Christ ----------------------------------------------------------------------


def test_bc_events_come_first_and_are_never_dated_ad(events, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The colonists founded the port in 734 BC. Ten years later, in 724 BC, raiders sacked the port. "
        "The emperor rebuilt its walls in AD 122. A museum opened there on 3 May 2009."
    )
    evs = events(text, published="2010-01-04")
    values = [e.value for e in evs]
    assert values[:2] == ["BC0734", "BC0724"]
    assert "0122" in values and "2009-05-03" in values
    sacked = next(e for e in evs if "sacked" in e.text)
    assert sacked.value == "BC0724" and sacked.start is None  # not "ten years" after anything AD
    tl = timeline.Timeline(evs)
    assert timeline.Timeline.from_json(tl.to_json()).events == tl.events
    assert tl.save(tmp_path / "bc.svg").exists()
