"""TIMEX3 values (timeline/_timex3.py): years before Christ. Every sentence here is our own."""

from __future__ import annotations

import pytest

import timeline
from timeline._timex3 import bc_sort_key, bc_year, granularity_of, interval_of, is_bc, is_valid_value

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
