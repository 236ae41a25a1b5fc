"""The resolver (timeline/_resolve.py): where a history is, and what its partial dates mean.

Every text here is our own writing. The narrative cases name a general pattern each: the
story's current year (of any granularity, not only the last day-precise date), its direction
of travel, asides that do not move it, a range's first end taking the year of its second,
counts at the unit's precision, anaphors that count from the passage's date in news too.
"""

from __future__ import annotations

from typing import Any

import pytest

import timeline
from timeline._resolve import ResolutionContext, _within

PUB = "2023-09-12"  # a Tuesday


def _values(text: str, mode: str = "narrative", published: str = PUB, nlp: Any = False) -> dict[str, str]:
    return {t.text: t.value for t in timeline.tag(text, published=published, nlp=nlp, mode=mode)}  # type: ignore[arg-type]


# --- the story's current year ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "timex", "value"),
    [
        # a bare year sets the story's year for the months after it
        ("The republic was declared in 1931. In April the army rose.", "April", "1931-04"),
        ("Fighting resumed in 1862. By early October the city had fallen.", "early October", "1862-10"),
        # a day-precise date sets it too, and a later month stays in that year
        ("On September 3, 1650 the army won at Dunbar. By early October it held Edinburgh.", "early October", "1650-10"),
        # a month before the story's month is a flashback in the same year ...
        ("In November 1805 the fleet lay in port; it had sailed from Cadiz in June.", "June", "1805-06"),
        # ... unless the same month of the next year is much nearer
        ("The siege began in December 1812. By January the garrison was starving.", "January", "1813-01"),
        # seasons follow the story too, before a noun as well
        ("In 1863 the rebels held the river. Their summer campaign failed.", "summer", "1863-SU"),
        # the winter is named by the year of its January: after December 1914, 1915-WI
        ("The offensive began in December 1914 and went on through the winter.", "the winter", "1915-WI"),
        # a bare day of the month is in the story's month
        ("The fleet left in May 1941. On the 20th it reached Crete.", "the 20th", "1941-05-20"),
        # a two-digit year takes the century of the story
        ("In 1917 the army called up the '99 class.", "'99", "1899"),
    ],
)
def test_partial_dates_follow_the_story(text: str, timex: str, value: str) -> None:
    assert _values(text)[timex] == value


def test_news_mode_keeps_the_publication_date() -> None:
    # the same month in news points from the publication date by tense, not from 1931
    values = _values("The republic was declared in 1931. In April the army rose.", mode="news")
    assert values["April"] == "2023-04"


def test_asides_in_parentheses_do_not_move_the_story() -> None:
    text = "The war began in 1950 (see Smith, 2003). In June the front collapsed."
    assert _values(text)["June"] == "1950-06"


def test_quotations_do_not_move_the_story() -> None:
    text = 'In 1975 the general said "we signed two years ago". In April the city fell.'
    assert _values(text)["April"] == "1975-04"


def test_a_range_takes_its_year_from_its_second_end() -> None:
    values = _values("The battle of the ridge (26 June - 4 August 1952) was long.", mode="news")
    assert values["26 June"] == "1952-06-26"
    assert _values("Prices rose from May to July 2019.", mode="news")["May"] == "2019-05"


# --- counted from the story -----------------------------------------------------------------


def test_counts_in_a_history_have_the_unit_precision() -> None:
    # news keeps a finer reference ("a year earlier" than a quarter is a quarter) ...
    text = "The port fell on May 23, 1915. Fifteen months later the allies landed."
    assert _values(text)["Fifteen months later"] == "1916-08"
    assert _values(text, mode="news")["Fifteen months later"] == "1916-08-23"


def test_a_count_from_a_coarser_story_date_is_known_to_that_precision() -> None:
    text = "The war broke out in 1980. Three days later the airport was bombed."
    assert _values(text)["Three days later"] == "1980-XX-XX"


def test_the_previous_and_the_following_named_period() -> None:
    values = _values("In 1940 the army held the line. The following spring it attacked.")
    assert values["The following spring"] == "1941-SP"
    values = _values("In September 1918 the Germans gave up the ground taken the previous April.")
    assert values["the previous April"] == "1918-04"


@pytest.mark.parametrize(
    ("text", "timex", "value"),
    [
        ("The strike began on 4 May 1926. Later that month the miners gave in.", "Later that month", "1926-05"),
        ("The dam burst in March 1928; that year the county was rebuilt.", "that year", "1928"),
        ("The war stalled by 1940. In August of that year the rebels struck.", "August of that year", "1940-08"),
        ("Congress met in April 1861. On July 25 of that year it voted.", "July 25 of that year", "1861-07-25"),
        ("Saigon fell in April 1975; Laos was taken that same spring.", "that same spring", "1975-SP"),
    ],
)
def test_that_month_that_year(text: str, timex: str, value: str) -> None:
    assert _values(text, mode="news")[timex] == value
    assert _values(text)[timex] == value


def test_that_weekday_counts_from_the_passage_in_news() -> None:
    # a news report about an earlier week: "that Friday" is the one of the passage
    values = _values("Talks collapsed on May 3. That Friday, the union walked out.", mode="news")
    assert values["That Friday"] == "2023-05-05"
    # with no day before it, it is left underspecified rather than put in this week
    values = _values("That Friday, the union walked out.", mode="news")
    assert values["That Friday"] == "XXXX-WXX-5"


def test_vague_counts_later_and_earlier() -> None:
    values = _values("The king fled in March 1848. Days later the republic was proclaimed.")
    assert values["Days later"] == "FUTURE_REF"


# --- the context --------------------------------------------------------------------------


def test_story_time_skips_asides_and_coarser_than_a_year() -> None:
    ctx = ResolutionContext(published=None, mode="narrative")
    assert ctx.story_time() is None
    for value, aside in (("1940", False), ("194", False), ("1952", True)):
        t = timeline.tag(value if len(value) == 4 else "the 1940s", published=None, nlp=False)[0]
        ctx.remember(t, aside=aside)
    story = ctx.story_time()
    assert story is not None and story[1].year == 1940 and story[0] == "year"


def test_within() -> None:
    from datetime import date

    assert _within("year", date(1980, 1, 1), "day") == "1980-XX-XX"
    assert _within("month", date(1980, 9, 1), "day") == "1980-09-XX"
    assert _within("day", date(1980, 9, 1), "day") is None


def test_narrative_with_the_model(nlp: Any) -> None:
    text = "Fighting resumed in 1862. By early October the city had fallen; in December it was retaken."
    values = _values(text, nlp=nlp)
    assert values["early October"] == "1862-10"
    assert values["December"] == "1862-12"


def test_coordinated_dates_take_the_year_of_the_last() -> None:
    values = _values("They fought in August and September 1914.", mode="news")
    assert values["August"] == "1914-08"
    values = _values("Votes were held in May, June or July 2019.", mode="news")
    assert (values["May"], values["June"]) == ("2019-05", "2019-06")


def test_planned_or_possible_dates_do_not_move_the_story(nlp: Any) -> None:
    text = "In January 1975 Hanoi judged that the road would be open for a campaign in 1976. On 11 March the defences collapsed."
    assert _values(text)["11 March"] == "1975-03-11"
    assert _values(text, nlp=nlp)["11 March"] == "1975-03-11"
    # a date in the past tense does move it
    text = "In January 1975 Hanoi judged the road open. The campaign began in 1976. On 11 March the defences collapsed."
    assert _values(text)["11 March"] == "1976-03-11"


def test_dates_that_bound_a_span_do_not_move_the_story() -> None:
    text = "In October 1944 the siege began; it lasted until the fall of the city in February 1945. By the start of July the army had regrouped."
    assert _values(text)["the start of July"] == "1944-07"
    text = "In 2008 the worst bombing since 1995 shook the city. In March the talks resumed."
    assert _values(text)["March"] == "2008-03"
