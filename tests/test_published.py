"""Publication dates (timeline/_published.py, parse_published): bad values are named, time
zones give the local date, whatever the machine's own time zone."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

import timeline
from timeline import Document

PUB = "2023-09-12"


# --- bad values -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2023-02-30",
        "2023-13-01",
        "0000-00-00",
        "2023-09-12T25:00",
        "2023-09-12T23:60",
        "2023-09-12T02:00:00+25:00",
        "Feb 30, 2023",
        "yesterday",
        "next Monday",
        "not a date",
        "",
        "   ",
        "\x00\x01",
        "10000-01-01",
    ],
)
def test_bad_publication_dates_name_the_value(value: str) -> None:
    with pytest.raises(timeline.DateInputError) as info:
        timeline.tag("It rained yesterday.", published=value, nlp=False)
    assert isinstance(info.value, timeline.TimelineError) and isinstance(info.value, ValueError)
    assert info.value.value == value
    assert repr(value) in str(info.value)
    for where in (lambda: Document("x", published=value), lambda: timeline.parse_published(value)):
        with pytest.raises(timeline.DateInputError):
            where()


def test_a_huge_bad_date_gives_a_short_message_quickly() -> None:
    value = "not a date " * 10_000
    t0 = time.perf_counter()
    with pytest.raises(timeline.DateInputError) as info:
        timeline.parse_published(value)
    assert time.perf_counter() - t0 < 1.0
    assert info.value.value == value and len(str(info.value)) < 200
    assert repr(value[:20])[:-1] in str(info.value)


# --- time zones -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "yesterday"),
    [
        ("2023-09-12T02:00+09:00", "2023-09-11"),
        ("2023-09-12T02:00:00.5+09", "2023-09-11"),
        ("20230912T0200+0900", "2023-09-11"),
        (datetime(2023, 9, 12, 2, 0, tzinfo=timezone(timedelta(hours=9))), "2023-09-11"),
        ("2023-09-11T23:00:00-05:00", "2023-09-10"),
        (datetime(2023, 9, 11, 23, 0, tzinfo=timezone(timedelta(hours=-5))), "2023-09-10"),
        ("Tue, 12 Sep 2023 02:00:00 +0900", "2023-09-11"),
        ("Sept 12, 2023 02:00 KST", "2023-09-11"),
        ("Mon, 11 Sep 2023 23:00:00 -0500", "2023-09-10"),
    ],
)
def test_time_zone_aware_publication_dates_use_their_local_date(published: Any, yesterday: str) -> None:
    [t] = timeline.tag("It rained yesterday.", published=published, nlp=False)
    assert t.value == yesterday


def test_local_date_does_not_depend_on_the_machine_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is not available")
    try:
        for zone in ("UTC", "America/Los_Angeles", "Asia/Tokyo"):
            monkeypatch.setenv("TZ", zone)
            time.tzset()
            for published in ("Sept 12, 2023 02:00 KST", "2023-09-12T02:00+09:00", "Mon, 11 Sep 2023 23:00:00 -0500"):
                local = timeline.parse_published(published)
                assert local is not None and local.tzinfo is None
                assert local.hour in (2, 23)
                assert local.date() == (date(2023, 9, 12) if local.hour == 2 else date(2023, 9, 11))
    finally:
        monkeypatch.undo()
        time.tzset()

