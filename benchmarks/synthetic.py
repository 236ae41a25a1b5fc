"""A synthetic news collection for benchmarks: deterministic, any size, no external data.

Each article reports one of a few dozen running stories (actors, places, what happened,
what is expected), in about 200 words, with the temporal expressions news uses: weekdays,
"last week", "two days ago", month-days, "later this month", ranges, times of day, plus
numbers, money and percentages that must not be read as dates. Articles on the same story
repeat facts in other words, so merging has work to do.

    >>> docs = articles(3)
    >>> [d.id for d in docs]
    ['synthetic-00000', 'synthetic-00001', 'synthetic-00002']
    >>> articles(3) == docs  # the same every time
    True
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from timeline import Document

__all__ = ["articles"]

_PEOPLE = [
    "Maria Alvarez", "John Okafor", "Chen Wei", "Anna Kowalska", "Rahul Mehta", "Sophie Laurent",
    "David Cohen", "Yuki Tanaka", "Fatima Hassan", "Lars Nilsson", "Elena Petrova", "Tomás Silva",
]
_ORGS = [
    "the transport ministry", "the central bank", "the teachers' union", "Northwind Energy",
    "the city council", "the health agency", "Harbor Logistics", "the electoral commission",
    "the national railway", "Blue Ridge Mining", "the water authority", "the football federation",
]
_PLACES = ["Lisbon", "Nairobi", "Osaka", "Calgary", "Tbilisi", "Valparaíso", "Gdańsk", "Hobart", "Accra", "Tallinn"]
_STORIES = [
    ("announced", "a plan to cut fares", "will vote on", "the fare plan"),
    ("raised", "interest rates by half a point", "will review", "the rate decision"),
    ("called", "a strike over pay", "will meet", "the negotiators"),
    ("opened", "a new solar plant", "will connect", "the plant to the grid"),
    ("approved", "the budget for schools", "will publish", "the final figures"),
    ("reported", "a rise in flu cases", "will start", "a vaccination campaign"),
    ("signed", "a contract for new cranes", "will deliver", "the first cranes"),
    ("postponed", "the regional elections", "will announce", "a new date"),
    ("closed", "two branch lines", "will reopen", "the lines"),
    ("found", "copper near the coast", "will drill", "test wells"),
    ("restricted", "water use in the suburbs", "will lift", "the restrictions"),
    ("suspended", "the league coach", "will hear", "the appeal"),
]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_NUMBERS = ["two", "three", "four", "five", "six"]
_FILLER = [
    "Officials declined to comment further.",
    "The figures could not be independently verified.",
    "Critics said the decision came too late.",
    "Residents gathered outside the main office.",
    "Analysts expect the debate to continue.",
    "The opposition called the move a distraction.",
    "Several local businesses welcomed the news.",
    "A spokesperson said more details would follow.",
]


def _past_when(rng: random.Random, pub: date) -> str:
    d = pub - timedelta(days=rng.randint(1, 40))
    n = rng.choice(_NUMBERS)
    return rng.choice([
        f"on {_WEEKDAYS[(pub - timedelta(days=rng.randint(1, 6))).weekday()]}",
        "last week", f"{n} days ago", f"{n} weeks ago", "yesterday", "earlier this month",
        f"on {_MONTHS[d.month - 1]} {d.day}", f"in {_MONTHS[d.month - 1]} {d.year}",
        f"on {_MONTHS[d.month - 1]} {d.day}, {d.year}", "last month", f"at {rng.randint(1, 11)} p.m. on {_WEEKDAYS[(pub.weekday() - 1) % 7]}",
    ])


def _future_when(rng: random.Random, pub: date) -> str:
    d = pub + timedelta(days=rng.randint(3, 60))
    return rng.choice([
        "next week", "later this month", f"on {_WEEKDAYS[rng.randrange(7)]}", "next month",
        f"on {_MONTHS[d.month - 1]} {d.day}", f"in {_MONTHS[d.month - 1]}", "in the coming days",
        f"between {_MONTHS[d.month - 1]} {d.day} and {min(d.day + 3, 28)}", "tomorrow",
    ])


def _article(i: int, rng: random.Random) -> Document:
    story = rng.randrange(len(_STORIES))
    did, what, will, obj = _STORIES[story]
    org = _ORGS[story]
    person = _PEOPLE[story]
    place = _PLACES[story % len(_PLACES)]
    pub = date(2019, 1, 1) + timedelta(days=rng.randint(0, 5 * 365))
    sentences = [
        f"{org[0].upper() + org[1:]} {did} {what} {_past_when(rng, pub)}, {person} said.",
        f"The decision affects about {rng.randint(2, 90)},{rng.randint(100, 999)} people in {place}, or {rng.randint(2, 40)} percent of the region.",
        f"{person} told reporters in {place} that {org} {will} {obj} {_future_when(rng, pub)}.",
        f"The cost was put at ${rng.randint(2, 900)}.{rng.randint(1, 9)} million, up from {rng.randint(1990, 2015)} levels.",
        f"In {rng.randint(1998, 2016)}, a similar plan failed after {rng.choice(_NUMBERS)} months of talks.",
        f"Talks resumed {_past_when(rng, pub)} and lasted {rng.choice(_NUMBERS)} hours.",
        f"A second meeting is planned {_future_when(rng, pub)} in {place}.",
        f"\"We have waited long enough,\" {person} said {_past_when(rng, pub)}, adding that {org} had met {rng.choice(_NUMBERS)} times since {_MONTHS[rng.randrange(12)]}.",
        f"Figures released {_past_when(rng, pub)} showed spending rose {rng.randint(2, 30)}.{rng.randint(0, 9)}% in the first quarter.",
    ]
    sentences += rng.sample(_FILLER, 6)
    body = sentences[:3] + [sentences[3 + k] for k in rng.sample(range(len(sentences) - 3), len(sentences) - 3)]
    paragraphs = [" ".join(body[k : k + 3]) for k in range(0, len(body), 3)]
    title = f"{org[0].upper() + org[1:]} {did} {what}"
    return Document("\n\n".join([title, *paragraphs]), published=pub, id=f"synthetic-{i:05d}", title=title)


def articles(n: int, *, seed: int = 2023) -> list[Document]:
    """``n`` synthetic articles (the first ``k`` are the same for any ``n >= k``)."""
    return [_article(i, random.Random(seed * 1_000_003 + i)) for i in range(n)]
