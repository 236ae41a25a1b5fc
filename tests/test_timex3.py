"""TIMEX3 values (timeline/_timex3.py): years before Christ. Every sentence here is our own."""

from __future__ import annotations

from datetime import date, datetime

import pytest

import timeline
from timeline._timex3 import bc_sort_key, bc_year, granularity_of, interval_of, is_bc, is_valid_value, period_value, shift, shift_exact

STORY = (
    "Around 1200 BC the palaces of the coast burned. In 490 BC the raiders landed on the island, "
    "and in the summer of 480 BC they came back. The harbour was silted up by the 460s BC and "
    "abandoned in the 4th century BCE. Monks rebuilt the shrine in AD 79."
)


@pytest.mark.parametrize(
    ("value", "granularity"),
    [("BC0241", "year"), ("BC046", "decade"), ("BC04", "century"), ("BC0480-SP", "season"), ("BC0480-09", "month"), ("BC0044-03-15", "day")],
)
def test_bc_values_are_valid_with_a_granularity_and_no_interval(value: str, granularity: str) -> None:
    assert is_bc(value) and is_valid_value(value)
    assert granularity_of(value) == granularity
    assert interval_of(value) is None  # datetime starts in AD 1


def test_bc_values_that_do_not_exist() -> None:
    # no year 0 in either era; 45 BC (astronomical -44) is a leap year, 44 BC is not
    for value in ("BC0000", "BC0044-02-29", "BC0241-13", "BC0241-02-30", "BC1", "BC0241-W54"):
        assert not is_valid_value(value), value
    assert is_valid_value("BC0045-02-29")


def test_bc_order() -> None:
    assert bc_year("BC0001") == 0 and bc_year("BC0241") == -240 and bc_year("0241") is None
    values = ["BC0479", "BC0480-SU", "BC048", "BC0480", "BC0481-WI", "BC05"]
    assert sorted(values, key=bc_sort_key) == ["BC05", "BC048", "BC0481-WI", "BC0480", "BC0480-SU", "BC0479"]


@pytest.mark.parametrize("mode", ["news", "narrative"])
@pytest.mark.parametrize("published", [None, "2009-12-19"])
def test_a_bc_story_is_tagged_with_bc_values(mode: str, published: str | None) -> None:
    found = {t.text: t for t in timeline.tag(STORY, published=published, nlp=False, mode=mode)}
    assert found["1200 BC"].value == "BC1200"  # "around" stays outside, as for any year
    assert found["490 BC"].value == "BC0490"
    assert found["the summer of 480 BC"].value == "BC0480-SU"
    assert found["the 460s BC"].value == "BC046"
    assert found["the 4th century BCE"].value == "BC03"
    assert found["AD 79"].value == "0079" and found["AD 79"].granularity == "year"
    for t in found.values():
        assert is_valid_value(t.value)
        if is_bc(t.value):
            assert t.interval is None and t.granularity is None
            assert timeline.Timex.from_dict(t.to_dict()) == t


def test_a_far_future_date_stays_untagged_and_a_bc_one_is_tagged() -> None:
    found = [t.text for t in timeline.tag("The colony is planned for 1 May 2100; a tablet dated 1 May 2100 BC was found.", published="2023-09-12", nlp=False)]
    assert found == ["1 May 2100 BC"]


# --- the ends of the calendar -----------------------------------------------------------------------


def test_timex3_values_at_the_ends_of_the_calendar() -> None:
    assert interval_of("9999") == (datetime(9999, 1, 1), datetime.max)
    assert interval_of("9999-12-31") == (datetime(9999, 12, 31), datetime.max)
    assert interval_of("0001-01-01") == (datetime(1, 1, 1), datetime(1, 1, 2))
    assert interval_of("00") == (datetime(1, 1, 1), datetime(100, 1, 1))
    assert interval_of("0000") is None and not is_valid_value("0000")
    for value in ("2021-02-30", "2023-09-12T24:30", "2023-09-12T12:60", "2021-W54", "XXXX-02-30", "XXXX-13", "9999-W52-WE"):
        assert not is_valid_value(value), value
    for value in ("XX", "XXX", "XXXX-02-29", "2023-09-12T24:00", "9999-W52"):
        assert is_valid_value(value), value



# --- ordinary values: weeks across year ends, leap days, seasons, quarters, decades ----------------


@pytest.mark.parametrize(
    ("value", "granularity", "start", "end"),
    [
        ("2020-W53", "week", datetime(2020, 12, 28), datetime(2021, 1, 4)),  # ISO week 53 ends in the next year
        ("2021-W01", "week", datetime(2021, 1, 4), datetime(2021, 1, 11)),
        ("2026-W01", "week", datetime(2025, 12, 29), datetime(2026, 1, 5)),  # week 1 begins in the year before
        ("2020-W53-WE", "weekend", datetime(2021, 1, 2), datetime(2021, 1, 4)),
        ("2024-02-29", "day", datetime(2024, 2, 29), datetime(2024, 3, 1)),
        ("2023-02", "month", datetime(2023, 2, 1), datetime(2023, 3, 1)),
        ("2023-WI", "season", datetime(2022, 12, 1), datetime(2023, 3, 1)),  # winter begins in the December before
        ("2024-SP", "season", datetime(2024, 3, 1), datetime(2024, 6, 1)),
        ("2023-SU", "season", datetime(2023, 6, 1), datetime(2023, 9, 1)),
        ("2023-FA", "season", datetime(2023, 9, 1), datetime(2023, 12, 1)),
        ("2023-Q1", "quarter", datetime(2023, 1, 1), datetime(2023, 4, 1)),
        ("2023-Q4", "quarter", datetime(2023, 10, 1), datetime(2024, 1, 1)),
        ("2023-H2", "half", datetime(2023, 7, 1), datetime(2024, 1, 1)),
        ("199", "decade", datetime(1990, 1, 1), datetime(2000, 1, 1)),
        ("19", "century", datetime(1900, 1, 1), datetime(2000, 1, 1)),
        ("2023-09-12T14", "hour", datetime(2023, 9, 12, 14), datetime(2023, 9, 12, 15)),
        ("2023-09-12T14:30", "minute", datetime(2023, 9, 12, 14, 30), datetime(2023, 9, 12, 14, 31)),
        ("2023-09-12TMO", "part_of_day", datetime(2023, 9, 12, 6), datetime(2023, 9, 12, 12)),
    ],
)
def test_granularity_and_interval_of_ordinary_values(value: str, granularity: str, start: datetime, end: datetime) -> None:
    assert is_valid_value(value)
    assert granularity_of(value) == granularity
    assert interval_of(value) == (start, end)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2024-02-29", True), ("2000-02-29", True), ("2023-02-29", False), ("1900-02-29", False),  # leap years
        ("2020-W53", True), ("2021-W53", False),  # 2021 has 52 ISO weeks
        ("2023-Q4", True), ("2023-Q5", False), ("2023-H2", True), ("2023-H3", False),
        ("2023-WI", True), ("2023-XX", True),
    ],
)
def test_is_valid_value_on_ordinary_values(value: str, valid: bool) -> None:
    assert is_valid_value(value) is valid
    if not valid:
        assert interval_of(value) is None


@pytest.mark.parametrize(
    ("gran", "day", "value"),
    [
        ("day", date(2024, 2, 29), "2024-02-29"),
        ("week", date(2021, 1, 1), "2020-W53"),  # 1 January 2021 is in the last ISO week of 2020
        ("week", date(2024, 2, 29), "2024-W09"),
        ("weekend", date(2021, 1, 1), "2020-W53-WE"),
        ("month", date(2024, 2, 29), "2024-02"),
        ("quarter", date(2023, 12, 15), "2023-Q4"),
        ("quarter", date(2024, 2, 29), "2024-Q1"),
        ("half", date(2023, 12, 15), "2023-H2"),
        ("season", date(2023, 12, 15), "2024-WI"),  # December is in the winter of the next year
        ("season", date(2024, 2, 29), "2024-WI"),
        ("year", date(2023, 12, 15), "2023"),
        ("decade", date(2023, 12, 15), "202"),
        ("century", date(2023, 12, 15), "20"),
    ],
)
def test_period_value_contains_its_day(gran: str, day: date, value: str) -> None:
    assert period_value(gran, day) == value
    if gran == "weekend":  # the weekend of the day's week, which may not contain the day
        value = value.removesuffix("-WE")
    start, end = interval_of(value)  # type: ignore[misc]
    assert start.date() <= day < end.date()


@pytest.mark.parametrize(
    ("gran", "day", "n", "moved"),
    [
        ("day", date(2024, 2, 28), 1, date(2024, 2, 29)),
        ("week", date(2020, 12, 31), 1, date(2021, 1, 7)),
        ("month", date(2024, 1, 31), 1, date(2024, 2, 1)),  # to the start of the period
        ("quarter", date(2023, 11, 15), 1, date(2024, 1, 1)),
        ("season", date(2023, 12, 15), 1, date(2024, 3, 1)),  # winter 2024 to spring 2024
        ("year", date(2024, 2, 29), 1, date(2025, 1, 1)),
        ("decade", date(2023, 5, 5), -1, date(2010, 1, 1)),
    ],
)
def test_shift_moves_by_whole_periods(gran: str, day: date, n: int, moved: date) -> None:
    assert shift(gran, day, n) == moved


@pytest.mark.parametrize(
    ("gran", "day", "n", "moved"),
    [
        ("month", date(2024, 1, 31), 1, date(2024, 2, 29)),  # clamped to the leap day
        ("month", date(2023, 1, 31), 1, date(2023, 2, 28)),
        ("year", date(2024, 2, 29), 1, date(2025, 2, 28)),
        ("year", date(2024, 2, 29), 4, date(2028, 2, 29)),
        ("quarter", date(2023, 11, 30), 1, date(2024, 2, 29)),
        ("week", date(2020, 12, 31), 1, date(2021, 1, 7)),
        ("decade", date(2020, 2, 29), 1, date(2030, 2, 28)),
    ],
)
def test_shift_exact_keeps_the_day_of_month_where_it_exists(gran: str, day: date, n: int, moved: date) -> None:
    assert shift_exact(gran, day, n) == moved
