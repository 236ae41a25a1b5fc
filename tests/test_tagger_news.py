"""The tagger on the text of real news collections: numbers that are not years, names that
are not weekdays, comparatives, same-day weekdays, ranges, and the order of numeric dates.
Every sentence here is written for these tests."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline import DateOrderWarning, Document

PUB = "2010-06-15"  # a Tuesday


def _tagged(text: str, published: str = PUB, **kw: Any) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in timeline.tag(text, published=published, nlp=False, **kw)]


# --- 1. a four-digit number is a year only when the context says so -------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Health officials said over 1000 in the region were being tested.",
        "The liner was carrying 1950 passengers when it ran aground.",
        "He was taken to ward 1204 of the county hospital.",
        "The stock slipped to 1890 pence in early trading.",
        "Flight 2009 from Lagos landed safely.",
        "Guests in room 1101 complained about the noise.",
        "She ended the round with a score of 1500.",
        "Nearly 2000 homes lost power in the storm.",
        "About 1200 to 1500 stations could close.",
        "The suit was filed under Section 1983 of the civil rights code.",
        "The sinking killed 1800 sailors and 300 dockers.",
        "Police counted 2005 new cases of fraud.",
    ],
)
def test_numbers_that_are_not_years(text: str) -> None:
    assert _tagged(text) == []


def test_clock_time_with_a_zone_is_a_time() -> None:
    found = timeline.tag("Shares were down 3 percent at 1304 GMT.", published=PUB, nlp=False)
    assert [(t.text, t.type, t.value) for t in found] == [("1304 GMT", "TIME", "2010-06-15T13:04")]
    assert _tagged("Shares fell at 1304 GMT on Monday.") == [("1304 GMT on Monday", "2010-06-14T13:04")]
    assert _tagged("The valve was closed at 1425 local time.") == [("1425 local time", "2010-06-15T14:25")]


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("The dam was finished in 1887 and rebuilt since 1952.", ["1887", "1952"]),
        ("The levy will stay until 2031, officials said.", ["2031"]),
        ("The firm was founded by mid-1802.", ["1802"]),
        ("Officials compared it with the 1918 pandemic.", ["1918"]),
        ("Lawyers cited an 1851 statute on shipping.", ["1851"]),
        ("Output rose between 2040 and 2060 in the model.", ["2040", "2060"]),
        ("Exports fell in 2008 and 2009.", ["2008", "2009"]),
        ("1848's revolutions spread across Europe.", ["1848"]),
        ("The 2004-06 period was calm.", ["2004", "2006"]),
        ("Copyright 2010 The Daily Courier.", ["2010"]),
        ("Reforms must pass no later than 2031.", ["2031"]),
        ("The mill traces its roots back to 1790.", ["1790"]),
    ],
)
def test_years_the_context_names(text: str, years: list[str]) -> None:
    assert [v for _, v in _tagged(text)] == years


def test_bare_numbers_outside_the_window_need_a_cue() -> None:
    # no cue either way: a year only from 1900 to two years after publication
    assert _tagged("The answer, 2048, surprised nobody.") == []
    assert _tagged("The answer, 2011, surprised nobody.") == [("2011", "2011")]
    assert _tagged("The answer, 1875, surprised nobody.") == []
    # narrative mode (history) takes every year
    assert [t.value for t in timeline.tag("The treaty (1875) held.", published=PUB, nlp=False, mode="narrative")] == ["1875"]


# --- 2. names that look like weekdays ---------------------------------------------------------


def test_weekday_first_names() -> None:
    assert _tagged("Tuesday Vargas, a nurse, said the clinic was full.") == []
    assert _tagged('"We have no water," says Friday Mensah, a farmer.') == []
    assert _tagged("Fans of Monday Night Football were angry.") == []
    assert _tagged("London's Sunday Times reported the sale.") == []


def test_weekdays_before_names_that_are_dates() -> None:
    assert _tagged("On Tuesday Vargas, a nurse, went home.") == [("Tuesday", "2010-06-15")]
    assert _tagged("Police said Tuesday Vargas, 34, was released.") == [("Tuesday", "2010-06-15")]
    assert _tagged("Schools stay shut until Tuesday June 22, officials said.") == [("Tuesday June 22", "2010-06-22")]
    assert _tagged("The minister will speak Tuesday Night On State Television.") == [("Tuesday Night", "2010-06-15TNI")]


# --- 3. comparatives are amounts -----------------------------------------------------------


def test_comparatives_are_durations() -> None:
    found = timeline.tag("The ferry arrived two days later than residents had been promised.", published=PUB, nlp=False)
    assert [(t.text, t.type, t.value) for t in found] == [("two days", "DURATION", "P2D")]
    assert _tagged("The launch came a week earlier than planned.") == [("a week", "P1W")]
    assert _tagged("Repairs will end three months later than expected.") == [("three months", "P3M")]


def test_narrative_later_and_earlier_stay_dates() -> None:
    assert _tagged("The bridge closed on June 1, 2010. Two days later, it reopened.") == [
        ("June 1, 2010", "2010-06-01"),
        ("Two days later", "2010-06-03"),
    ]
    assert _tagged("He was sworn in on May 10, 2010. A week earlier, he had resigned.") == [
        ("May 10, 2010", "2010-05-10"),
        ("A week earlier", "2010-05-03"),
    ]


# --- 4. a weekday naming part of the publication day -------------------------------------------


@pytest.mark.parametrize(
    ("text", "timex"),
    [
        ("The court will rule later Tuesday.", "Tuesday"),
        ("The court ruled later Tuesday.", "Tuesday"),
        ("The talks will resume late Tuesday.", "late Tuesday"),
        ("Earlier Tuesday, the army shelled the port.", "Tuesday"),
        ("The vote is expected early Tuesday.", "early Tuesday"),
        ("The president will speak Tuesday evening.", "Tuesday evening"),
    ],
)
def test_same_day_weekdays(text: str, timex: str) -> None:
    [(found, value)] = _tagged(text)
    assert found == timex and value.startswith("2010-06-15")


def test_weekday_policy_is_kept() -> None:
    assert _tagged("Leaders will meet on Wednesday.") == [("Wednesday", "2010-06-16")]
    assert _tagged("The envoy arrived on Tuesday.") == [("Tuesday", "2010-06-15")]
    assert _tagged("The envoy will arrive on Tuesday.") == [("Tuesday", "2010-06-22")]
    # on another day, "later Thursday" follows the tense
    assert _tagged("The court will rule later Thursday.") == [("Thursday", "2010-06-17")]


# --- 5. ranges give both ends --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The show runs June 3-5.", [("June 3", "2010-06-03"), ("5", "2010-06-05")]),
        ("The show runs 3-5 June.", [("3", "2010-06-03"), ("5 June", "2010-06-05")]),
        ("The show runs July 3 to 6.", [("July 3", "2010-07-03"), ("6", "2010-07-06")]),
        ("The show runs 3 to 5 June 2011.", [("3", "2011-06-03"), ("5 June 2011", "2011-06-05")]),
        ("The show runs May 21-23, 2011.", [("May 21", "2011-05-21"), ("23, 2011", "2011-05-23")]),
        ("The clinic was shut from Monday to Wednesday.", [("Monday", "2010-06-14"), ("Wednesday", "2010-06-16")]),
        ("Ice covered the lake from December to February.", [("December", "2009-12"), ("February", "2010-02")]),
        ("He was mayor 2002-2006.", [("2002", "2002"), ("2006", "2006")]),
    ],
)
def test_ranges(text: str, expected: list[tuple[str, str]]) -> None:
    assert _tagged(text) == expected


# --- 6. the order of numeric dates ----------------------------------------------------------


def _no_warning(fn: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("error", DateOrderWarning)
        return fn()


def test_date_order_given() -> None:
    text = "The hearing is set for 06/05/2024."
    assert _no_warning(lambda: _tagged(text, date_order="DMY")) == [("06/05/2024", "2024-05-06")]
    assert _no_warning(lambda: _tagged(text, date_order="MDY")) == [("06/05/2024", "2024-06-05")]
    assert _no_warning(lambda: _tagged("It is set for 6.5.2024.", date_order="DMY")) == [("6.5.2024", "2024-05-06")]
    assert _no_warning(lambda: _tagged("It is set for 06/05/24.", date_order="DMY")) == [("06/05/24", "2024-05-06")]
    assert _no_warning(lambda: _tagged("It is set for 24/06/05.", date_order="YMD")) == [("24/06/05", "2024-06-05")]


def test_date_order_inferred_from_the_text() -> None:
    day_first = "The appeal of 23/11/2023 was heard on 06/05/2024."
    assert _no_warning(lambda: _tagged(day_first))[1] == ("06/05/2024", "2024-05-06")
    month_first = "The appeal of 11/23/2023 was heard on 06/05/2024."
    assert _no_warning(lambda: _tagged(month_first))[1] == ("06/05/2024", "2024-06-05")
    written = "The appeal of 23 November 2023 was heard on 06/05/2024."
    assert _no_warning(lambda: _tagged(written))[1] == ("06/05/2024", "2024-05-06")


def test_ambiguous_date_warns_once_and_reads_month_first() -> None:
    with pytest.warns(DateOrderWarning, match="06/05/2024") as record:
        found = _tagged("Filed on 06/05/2024, heard on 07/08/2024.")
    assert found == [("06/05/2024", "2024-06-05"), ("07/08/2024", "2024-07-08")]
    assert len([w for w in record if w.category is DateOrderWarning]) == 1
    assert record[0].filename == __file__  # attributed to the caller


def test_unambiguous_dates_never_warn() -> None:
    assert _no_warning(lambda: _tagged("Filed on 25/12/2023.")) == [("25/12/2023", "2023-12-25")]
    assert _no_warning(lambda: _tagged("Filed on 25/12/2023.", date_order="MDY")) == [("25/12/2023", "2023-12-25")]
    assert _no_warning(lambda: _tagged("Filed on 06/06/2024.")) == [("06/06/2024", "2024-06-06")]
    assert _tagged("Filed on 13/13/2024.") == []


def test_bad_date_order() -> None:
    with pytest.raises(ValueError, match="date_order"):
        timeline.tag("x", published=None, date_order="DM")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="date_order"):
        timeline.parse_published("2024-01-01", date_order=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="date_order"):
        Document("x", published=None, date_order="dmy")  # type: ignore[arg-type]


def test_publication_date_string() -> None:
    assert _no_warning(lambda: timeline.parse_published("06/05/2024", date_order="DMY")).day == 6
    assert _no_warning(lambda: timeline.parse_published("06/05/2024 08:30", date_order="DMY")).timetuple()[:5] == (2024, 5, 6, 8, 30)
    assert _no_warning(lambda: timeline.parse_published("25/12/2022")).month == 12
    with pytest.warns(DateOrderWarning, match="publication date"):
        assert timeline.parse_published("06/05/2024").month == 6


def test_document_date_order() -> None:
    d = _no_warning(lambda: Document("Filed on 06/05/2024.", published="07/05/2024", date_order="DMY"))
    assert d.date_order == "DMY" and d.published is not None and (d.published.month, d.published.day) == (5, 7)
    assert "date_order='DMY'" in repr(d)
    # without one, the publication string takes the order of the text's own dates
    d = _no_warning(lambda: Document("Filed on 23/04/2024.", published="07/05/2024"))
    assert d.date_order is None and d.published is not None and (d.published.month, d.published.day) == (5, 7)
    import pickle

    d = Document("x", published="2024-05-07", date_order="DMY")
    assert pickle.loads(pickle.dumps(d)) == d


def test_manifest_date_order(tmp_path: Path) -> None:
    import json

    m = tmp_path / "m.jsonl"
    m.write_text(
        json.dumps({"id": "a", "text": "Filed.", "published": "07/05/2024", "date_order": "DMY"})
        + "\n"
        + json.dumps({"id": "b", "text": "Filed.", "published": "07/05/2024"})
        + "\n"
    )
    a, b = _no_warning(lambda: timeline.read_manifest(m, date_order="MDY"))
    assert (a.date_order, a.published.month) == ("DMY", 5)
    assert (b.date_order, b.published.month) == ("MDY", 7)
    m.write_text(json.dumps({"id": "c", "text": "x", "published": "2024-01-01", "date_order": "XYZ"}) + "\n")
    with pytest.raises(timeline.ManifestError, match="date_order"):
        timeline.read_manifest(m)


def test_cli_date_order(tmp_path: Path, capsys: Any) -> None:
    from timeline.cli import main

    f = tmp_path / "a.txt"
    f.write_text("The council met on 06/05/2024.\n")
    assert main(["tag", str(f), "--published", "2024-07-01", "--no-model", "--date-order", "DMY"]) == 0
    out, err = capsys.readouterr()
    assert "2024-05-06" in out and err == ""
    assert main(["tag", str(f), "--published", "2024-07-01", "--no-model"]) == 0
    out, err = capsys.readouterr()
    assert "2024-06-05" in out and "DateOrderWarning" not in err and "could be read month first or day first" in err


def test_build_date_order_applies_to_documents_without_their_own(nlp: Any) -> None:
    text = "The council voted on 06/05/2024 to close the library."
    docs = [Document(text, published="2024-07-01", id="a"), Document(text, published="2024-07-01", id="b", date_order="MDY")]
    values = {e.sources[0]: e.value for e in _no_warning(lambda: list(timeline.iter_events(docs, nlp=nlp, date_order="DMY")))}
    assert values == {"a": "2024-05-06", "b": "2024-06-05"}
    with pytest.raises(ValueError, match="date_order"):
        timeline.build(docs, nlp=nlp, date_order="D")  # type: ignore[arg-type]


# --- 7. durations read as dates, and numbers as years ----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count of years is an amount
        ("The port has been closed for five years.", [("five years", "P5Y")]),
        ("Seven years on, the harbour is still silted up.", [("Seven years", "P7Y")]),
        ("The tunnel will open in three years' time.", [("three years' time", "2013")]),
        # counted decades in years, as TimeBank writes them
        ("Freight traffic tripled over the past decade.", [("the past decade", "P10Y")]),
        ("The canal will carry more barges over the coming decade.", [("the coming decade", "P10Y")]),
        ("Output fell for nearly two decades.", [("nearly two decades", "P20Y")]),
        # after a word of extent, "the next <unit>" is a stretch of time, not next year
        ("The yard will shed 400 jobs over the next year.", [("the next year", "P1Y")]),
        ("The levy will pay for the bridge within the next decade.", [("the next decade", "P10Y")]),
        ("The dock closed in 1998 and reopened the next year.", [("1998", "1998"), ("the next year", "1999")]),
    ],
)
def test_durations_are_not_dates(text: str, expected: list[tuple[str, str]]) -> None:
    assert _tagged(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # race and record times written like a clock
        ("The Ethiopian won the marathon in 2:06:17.", [("2:06:17", "DURATION", "PT2H6M17S")]),
        ("Her winning time of 1:58:30 was a course record.", [("1:58:30", "DURATION", "PT1H58M30S")]),
        ("He took the 1500 metres in 3:36.4.", [("3:36.4", "DURATION", "PT3M36.4S")]),
        ("The ferry ran the crossing in a time of 2:40.", []),
        # with a word of the clock they stay times of day
        ("The launch came at 10:35:20 GMT.", [("10:35:20 GMT", "TIME", "2010-06-15T10:35")]),
        ("The gates shut at 19:30.", [("19:30", "TIME", "2010-06-15T19:30")]),
    ],
)
def test_clock_form_durations(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(t.text, t.type, t.value) for t in timeline.tag(text, published=PUB, nlp=False)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Engineers built a 2000-seat stadium on the marsh.",
        "The auditors filed a 1999-page report.",
        "A 1998-strong militia guarded the pass.",
        "The batsman has scored 1998 runs this season.",
        "A record 2009 swimmers crossed the lake.",
        "Only 1997 ballots arrived in time.",
    ],
)
def test_amounts_that_are_not_years(text: str) -> None:
    assert _tagged(text) == []


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("The canal reopened in 2009.", ["2009"]),
        ("2009 was a hard year for the port.", ["2009"]),
        ("The 2009 budget cut the dredging fund.", ["2009"]),
        ("Tolls rose in 2008 and 2009.", ["2008", "2009"]),
        ("The 1998-built trawler sank.", ["1998"]),
    ],
)
def test_years_stay_years(text: str, years: list[str]) -> None:
    assert [v for _, v in _tagged(text)] == years
