"""tag() (timeline/_tag.py) on hard input: no publication date, odd and empty text, dates that
cannot exist, far years, publication dates at the ends of the calendar, megabytes of text."""

from __future__ import annotations

import time
from datetime import date, datetime
from typing import Any

import pytest
from timeline_tests_helpers import ODD_TEXTS, assert_offsets, megabytes_of_text

import timeline
from timeline import Document
from timeline._timex3 import interval_of, is_valid_value

PUB = "2023-09-12"


# --- without a publication date ---------------------------------------------------------------------


RELATIVE = [
    "yesterday",
    "tomorrow",
    "on Monday",
    "last Friday",
    "next week",
    "last month",
    "next year",
    "three days ago",
    "two weeks ago",
    "this morning",
    "at Christmas",
    "next spring",
    "later this month",
    "last quarter",
]


@pytest.mark.parametrize("phrase", RELATIVE)
def test_without_publication_date_relative_values_stay_underspecified(phrase: str) -> None:
    text = f"Officials said it happened {phrase}."
    [t] = timeline.tag(text, published=None, nlp=False)
    assert t.text in phrase
    assert "X" in t.value and is_valid_value(t.value)
    assert t.interval is None and t.granularity is None and t.anchor is None
    [dated] = timeline.tag(text, published=PUB, nlp=False)
    assert (dated.start, dated.end) == (t.start, t.end) and "X" not in dated.value


def test_without_publication_date_absolute_values_are_kept() -> None:
    text = "The treaty was signed on Sept. 4, 2023, and ratified in March 2024, then on Monday."
    undated = timeline.tag(text, published=None, nlp=False)
    dated = timeline.tag(text, published=PUB, nlp=False)
    assert [t.value for t in undated][:2] == [t.value for t in dated][:2] == ["2023-09-04", "2024-03"]
    assert undated[2].value == "XXXX-WXX-1"
    # a chronology without publication dates keeps its documents and dates only what it can
    doc = Document(text, published=None, id="undated")
    assert doc.published is None and doc.to_dict()["published"] is None


def test_what_follows_an_unplaced_date_is_not_counted_from_an_earlier_one() -> None:
    text = "The talks opened on Sept. 4, 2023. They collapsed yesterday, and resumed the following day."
    found = {t.text: t for t in timeline.tag(text, published=None, nlp=False)}
    assert found["Sept. 4, 2023"].value == "2023-09-04"
    assert found["yesterday"].interval is None
    # "the following day" follows "yesterday", which has no date: it cannot be 2023-09-05
    assert found["the following day"].interval is None
    dated = {t.text: t.value for t in timeline.tag(text, published=PUB, nlp=False)}
    assert dated["the following day"] == PUB
    # the same in narrative mode, where relative phrases count from the story's date: with
    # none, nothing is counted
    text = "They collapsed yesterday. Five months ago they had resumed."
    found = {t.text: t for t in timeline.tag(text, published=None, nlp=False, mode="narrative")}
    assert found["yesterday"].interval is None
    assert found["Five months ago"].interval is None
    # a history told by months places "yesterday" only to its month (2021-03-XX), and what
    # follows counts from that month, never from an older day
    text = "The talks opened on Sept. 4, 2020. In March 2021 they collapsed yesterday. Five months ago they had resumed."
    found = {t.text: t for t in timeline.tag(text, published=None, nlp=False, mode="narrative")}
    assert found["yesterday"].value == "2021-03-XX"
    assert found["Five months ago"].value == "2020-10"


# --- odd text ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(ODD_TEXTS))
def test_odd_text_never_crashes_and_keeps_offsets(kind: str, nlp: Any) -> None:
    text = ODD_TEXTS[kind]
    for model in (False, nlp):
        found = timeline.tag(text, published=PUB, nlp=model)
        assert_offsets(text, found)
        assert any(t.value in ("2023-09-11", "2023-09-18", "2023-W38") for t in found), (kind, found)


@pytest.mark.parametrize("text", ["", " ", "\n\n\t \u3000\u00a0", "\u200b", "\x00"])
def test_empty_text_gives_empty_results(text: str, nlp: Any) -> None:
    assert timeline.tag(text, published=PUB, nlp=False) == []
    assert timeline.tag(text, published=None, nlp=nlp) == []
    t = timeline.build([Document(text, published=PUB, id="empty")], nlp=nlp)
    assert len(t) == 0 and [d.id for d in t.documents] == ["empty"]


# --- dates that cannot exist, years far away --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "impossible"),
    [
        ("The bomb went off at 25:61 on the square.", "25:61"),
        ("The bomb went off at 12:75 on the square.", "12:75"),
        ("The bomb went off at 24:30 on the square.", "24:30"),
        ("The deal was dated 2021-02-30 in the files.", "2021-02-30"),
        ("The deal was dated 2021-13-01 in the files.", "2021-13-01"),
        ("It was filed on 02/30/2021.", "02/30/2021"),
        ("It was filed on 30/02/2021.", "30/02/2021"),
        ("The week 54 of 2021 was busy.", "week 54"),
        ("The treaty was signed on February 30, 2021.", "February 30"),
        ("The treaty was signed on 32 January.", "32 January"),
        ("The treaty was signed on June 31.", "June 31"),
        ("The treaty was signed on Feb. 29, 2023.", "Feb. 29"),
    ],
)
def test_impossible_dates_never_become_real_dates(text: str, impossible: str) -> None:
    """No timex overlapping a date or time that cannot exist gets a calendar interval (it
    may be left untagged or stay underspecified), and every value is valid."""
    start = text.index(impossible)
    end = start + len(impossible)
    for published in (PUB, None):
        found = timeline.tag(text, published=published, nlp=False)
        assert_offsets(text, found)
        assert all(is_valid_value(t.value) for t in found)
        overlapping = [t for t in found if t.start < end and start < t.end]
        assert all(t.interval is None for t in overlapping), overlapping


@pytest.mark.parametrize(
    ("text", "expression", "interval", "required"),
    [
        ("Rome was founded in 753 BC.", "753 BC", None, False),
        ("Caesar died in 44 BC.", "44 BC", None, False),
        ("The city was built in the year 9999.", "9999", (datetime(9999, 1, 1), datetime.max), False),
        ("It will be finished by 2150.", "2150", (datetime(2150, 1, 1), datetime(2151, 1, 1)), False),
        ("Nothing will happen in 10000.", "10000", None, False),
        ("It was a 1st century town.", "1st century", (datetime(1, 1, 1), datetime(100, 1, 1)), True),
        ("In 1066 the battle was fought.", "1066", (datetime(1066, 1, 1), datetime(1067, 1, 1)), True),
        ("Caesar died on March 15, 44 BC.", "March 15, 44 BC", None, False),
        ("The colony is planned for 1 May 2100.", "1 May 2100", (datetime(2100, 5, 1), datetime(2100, 5, 2)), False),
        ("The archive closes on December 31, 9999.", "December 31, 9999", (datetime(9999, 12, 31), datetime.max), False),
        ("Vesuvius erupted on 24 August 79 AD.", "24 August 79 AD", (datetime(79, 8, 24), datetime(79, 8, 25)), True),
    ],
)
def test_far_years_are_right_or_untagged(
    text: str, expression: str, interval: tuple[datetime, datetime] | None, required: bool
) -> None:
    """Whatever overlaps the expression and gets a calendar interval has the right one
    (``interval``; ``None``: nothing may get one); ``required``: it must be tagged."""
    start = text.index(expression)
    end = start + len(expression)
    found = timeline.tag(text, published=PUB, nlp=False)
    assert_offsets(text, found)
    placed = [t.interval for t in found if t.start < end and start < t.end and t.interval is not None]
    assert placed == [interval] if required else placed in ([], [interval]), placed


@pytest.mark.parametrize("published", [date(1, 1, 1), date(1, 1, 3), "0001-01-01T01:00", date(9999, 12, 31), "9999-12-29", datetime(9999, 12, 31, 23, 59)])
def test_publication_dates_at_the_ends_of_the_calendar(published: Any) -> None:
    text = (
        "Yesterday and tomorrow, on Monday, last Friday and next Friday, this weekend and next weekend, "
        "at Christmas, next spring, last summer, this week, next week, this month, next month, next quarter, "
        "last year, next year, next century, the last decade, 100 years ago, in 3 hours, 3 hours ago, 30 minutes "
        "ago, the following day, two weeks later, the day after tomorrow, this morning, tonight."
    )
    for mode in ("news", "narrative"):
        found = timeline.tag(text, published=published, nlp=False, mode=mode)
        assert len(found) >= 25
        assert_offsets(text, found)
        for t in found:
            assert is_valid_value(t.value), t
            if t.interval is not None:
                assert t.interval[0] < t.interval[1] and t.interval == interval_of(t.value)


# --- long texts -------------------------------------------------------------------------------------


def test_three_megabyte_text_keeps_offsets() -> None:
    text = megabytes_of_text()
    assert len(text) > 3_000_000
    found = timeline.tag(text, published=PUB, nlp=False)
    assert len(found) == 2 * 95
    assert_offsets(text, found)
    assert {t.value for t in found} == {"2023-09-11", "2023-W38"}



def test_dense_three_megabyte_text_in_linear_time() -> None:
    """Three megabytes where every sentence has a date: should take seconds, not minutes."""
    paragraph = (
        "The council met on Monday to discuss the budget, and officials said the plan would be "
        "published next week after a long review of costs. Critics said in 2019 that it was late.\n\n"
    )
    text = paragraph * 16_000
    t0 = time.perf_counter()
    found = timeline.tag(text, published=PUB, nlp=False)
    assert len(found) == 48_000
    assert_offsets(text, found)
    assert time.perf_counter() - t0 < 20

