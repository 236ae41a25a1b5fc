"""Ranges (``timeline/_ranges.py``): the examples of ``rules/en/ranges.toml`` become tests,
and both ends of a range are tagged and resolved in order."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

import timeline
from timeline._ranges import TimexRange, find_ranges
from timeline.rules import load


def _examples() -> list[Any]:
    return [
        pytest.param(ex, p.published, id=f"{p.name}-{i}")
        for p in load("en").ranges
        for i, ex in enumerate(p.examples)
    ]


@pytest.mark.parametrize(("example", "published"), _examples())
def test_range_example(example: dict[str, Any], published: str) -> None:
    text = example["text"]
    timexes = timeline.tag(text, published=example.get("published", published), nlp=False)
    found = find_ranges(text, timexes)
    if example.get("ranges") == 0:
        assert found == [], found
        return
    assert [r.text for r in found] == [example["range"]], (found, timexes)
    r = found[0]
    assert timexes[r.first].text == example["first"]
    assert timexes[r.last].text == example["last"]
    assert text[r.start : r.end] == r.text


def test_every_range_pattern_has_examples() -> None:
    assert load("en").ranges and all(p.examples for p in load("en").ranges)


def _values(text: str, published: str) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in timeline.tag(text, published=published, nlp=False)]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # both ends are tagged, each with its own full value
        ("Roadworks close the bridge June 3-5.", "2024-04-02", [("June 3", "2024-06-03"), ("5", "2024-06-05")]),
        ("Roadworks close the bridge 3-5 June.", "2024-04-02", [("3", "2024-06-03"), ("5 June", "2024-06-05")]),
        ("The regatta is held 3 to 5 June 2025.", "2024-04-02", [("3", "2025-06-03"), ("5 June 2025", "2025-06-05")]),
        ("The regatta is held May 21-23, 2025.", "2024-04-02", [("May 21", "2025-05-21"), ("23, 2025", "2025-05-23")]),
        ("Rates rose in 2008-2010.", "2024-04-02", [("2008", "2008"), ("2010", "2010")]),
        ("The 1998-99 season was wet.", "2024-04-02", [("1998", "1998"), ("99", "1999")]),
        # the second end is resolved forward from the first
        ("The lake was frozen from December to February.", "2024-01-15", [("December", "2023-12"), ("February", "2024-02")]),
        ("The pool closed from Friday to Monday.", "2024-04-02", [("Friday", "2024-03-29"), ("Monday", "2024-04-01")]),
        ("Talks ran from Monday to Wednesday.", "2024-04-02", [("Monday", "2024-04-01"), ("Wednesday", "2024-04-03")]),
    ],
)
def test_both_ends_are_tagged(text: str, published: str, expected: list[tuple[str, str]]) -> None:
    assert _values(text, published) == expected


def test_range_interval_covers_both_ends() -> None:
    text = "The museum shuts from Dec. 24 to Jan. 2 for repairs."
    timexes = timeline.tag(text, published="2024-11-20", nlp=False)
    [r] = find_ranges(text, timexes)
    assert isinstance(r, TimexRange)
    assert r.text == "from Dec. 24 to Jan. 2"
    assert r.interval == (datetime(2024, 12, 24), datetime(2025, 1, 3))
    assert repr(r) == "TimexRange('from Dec. 24 to Jan. 2' 17:39 2024-12-24/2025-01-02)"


def test_order_that_makes_no_sense_is_no_range() -> None:
    # two absolute dates in the wrong order: nothing can be resolved forward
    text = "It moved from 2010 to 2008 in the records."
    assert find_ranges(text, timeline.tag(text, published="2024-04-02", nlp=False)) == []


def test_lists_and_durations_are_not_ranges() -> None:
    text = "They met on Friday and on Monday, for two days to three weeks."
    assert find_ranges(text, timeline.tag(text, published="2024-04-02", nlp=False)) == []


def test_indices_refer_to_the_sequence_given() -> None:
    text = "Between 2001 and 2005 prices doubled."
    timexes = list(reversed(timeline.tag(text, published="2024-04-02", nlp=False)))
    [r] = find_ranges(text, timexes)
    assert (timexes[r.first].text, timexes[r.last].text) == ("2001", "2005")
    assert r.text == "Between 2001 and 2005"


def test_text_must_be_a_string() -> None:
    with pytest.raises(TypeError):
        find_ranges(None, [])  # type: ignore[arg-type]
