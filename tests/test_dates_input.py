"""Dates given or scraped that cannot be right (issue 12, class 8): impossible meta dates are
not shifted to another day, negative years are refused, a weekday that is not the date's is
named, and "February 29" goes to the leap year the tense points to."""

from __future__ import annotations

import warnings
from datetime import datetime

import pytest

import timeline
from timeline import DateInputError, Document, PublicationDateWarning, parse_published, tag

PARAGRAPH = "<p>Kim Jong Un arrived in Vladivostok on Tuesday for talks with Vladimir Putin about weapons and satellites.</p>"


def _page(meta: str, extra: str = "") -> str:
    return (
        f"<html><head><title>Kim in Russia</title>{meta}</head>"
        f"<body><article><h1>Kim in Russia</h1>{PARAGRAPH}{extra}</article></body></html>"
    )


@pytest.mark.parametrize(
    "meta",
    [
        '<meta property="article:published_time" content="2023-02-30">',
        '<meta name="date" content="2023-13-01">',
        '<meta itemprop="datePublished" content="2023-02-29T10:00:00Z">',
    ],
)
def test_an_impossible_meta_date_is_not_shifted_to_another_day(meta: str) -> None:
    pytest.importorskip("trafilatura")
    pytest.importorskip("htmldate")
    # htmldate alone reads 2023-02-30 as 2023-02-01 and 2023-13-01 as 2023-01-13
    with pytest.raises(timeline.DocumentError, match=r"no publication date found in the HTML \(its date metadata '2023-.*' names no real date\)"):
        Document.from_html(_page(meta))


def test_an_impossible_meta_date_beside_a_real_one_is_ignored_with_a_warning() -> None:
    pytest.importorskip("trafilatura")
    pytest.importorskip("htmldate")
    page = _page('<meta name="date" content="2023-02-30">', "<p>Published on September 12, 2023.</p>")
    with pytest.warns(PublicationDateWarning, match=r"date metadata '2023-02-30' names no real date: ignored; the page's other dates give 2023-09-12"):
        d = Document.from_html(page)
    assert d.published == datetime(2023, 9, 12)


def test_a_real_meta_date_gives_no_warning() -> None:
    pytest.importorskip("trafilatura")
    pytest.importorskip("htmldate")
    with warnings.catch_warnings():
        warnings.simplefilter("error", timeline.TimelineWarning)
        d = Document.from_html(_page('<meta name="date" content="2024-02-29">'))
    assert d.published == datetime(2024, 2, 29)


@pytest.mark.parametrize("value", ["-0044-03-15", "\u22120044-03-15", "-44-03-15"])
def test_negative_years_are_a_date_input_error(value: str) -> None:
    with pytest.raises(DateInputError, match="negative years"):
        parse_published(value)
    with pytest.raises(DateInputError, match="negative years"):
        Document("Caesar was killed.", published=value)


def test_a_weekday_that_is_not_the_dates_is_named() -> None:
    with pytest.warns(PublicationDateWarning, match=r"'Mon, 12 Sep 2023': 2023-09-12 is a Tuesday, not a Monday"):
        assert parse_published("Mon, 12 Sep 2023") == datetime(2023, 9, 12)  # the date wins
    with pytest.warns(PublicationDateWarning, match="is a Tuesday, not a Sunday"):
        Document("Kim left on Sunday.", published="Sunday, September 12, 2023")


@pytest.mark.parametrize("value", ["Tue, 12 Sep 2023", "Tuesday, September 12, 2023", "Tue, 12 Sep 2023 02:00:00 +0900", "Sept 12, 2023"])
def test_a_right_weekday_gives_no_warning(value: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", timeline.TimelineWarning)
        assert parse_published(value).date() == datetime(2023, 9, 12).date()  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "sentence, published, value, direction",
    [
        ("They met on February 29.", "2023-03-01", "2020-02-29", "on or before"),  # past: the last leap day
        ("They will meet on February 29.", "2023-03-01", "2024-02-29", "on or after"),  # future: the next one
        ("They met on February 29.", "1901-06-01", "1896-02-29", "on or before"),  # 1900 was no leap year
        ("They will meet on February 29.", "1901-06-01", "1904-02-29", "on or after"),
        ("They met on February 29.", "2024-03-01", "2024-02-29", "on or before"),
    ],
)
def test_february_29_goes_to_the_leap_year_the_tense_points_to(sentence: str, published: str, value: str, direction: str) -> None:
    [t] = tag(sentence, published=published, nlp=False)
    assert t.value == value
    assert f"date {direction} publication {published}" in t.reason
