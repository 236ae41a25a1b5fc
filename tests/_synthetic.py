"""Synthetic events for the layout and rendering tests (built directly, no parsing)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from timeline import Document, Event

WORDS = "Kim Putin met talks train Vladivostok summit officials said envoy weapons deal sanctions visit ministers".split()


def _end(start: datetime, granularity: str) -> datetime:
    if granularity == "day":
        return start + timedelta(days=1)
    if granularity == "week":
        return start + timedelta(days=7)
    if granularity == "month":
        return datetime(start.year + start.month // 12, start.month % 12 + 1, 1)
    if granularity == "year":
        return datetime(start.year + 1, 1, 1)
    raise ValueError(granularity)


def event(start: datetime | str, granularity: str = "day", *, text: str = "Something happened", status: str = "happened", sources: tuple[str, ...] = ("a",)) -> Event:
    if isinstance(start, str):  # PAST_REF / FUTURE_REF
        return Event(start, None, None, None, text, "", (), status, sources, ())  # type: ignore[arg-type]
    value = {"day": f"{start:%Y-%m-%d}", "week": f"{start:%G-W%V}", "month": f"{start:%Y-%m}", "year": f"{start:%Y}"}[granularity]
    return Event(value, start, _end(start, granularity), granularity, text, "", (), status, sources, ())  # type: ignore[arg-type]


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 22)))


def dense_week(n: int = 50, seed: int = 1) -> list[Event]:
    rng = random.Random(seed)
    evs = [
        event(datetime(2023, 9, 4) + timedelta(days=rng.randrange(7)), text=_text(rng), status=rng.choice(["happened", "happened", "expected", "ongoing"]), sources=tuple(rng.sample("abcde", rng.randint(1, 3))))
        for _ in range(n)
    ]
    return sorted(evs, key=lambda e: e.start)  # type: ignore[arg-type, return-value]


def twenty_years(n: int = 200, seed: int = 2) -> list[Event]:
    rng = random.Random(seed)
    evs = []
    for _ in range(n):
        start = datetime(2000, 1, 1) + timedelta(days=rng.randrange(365 * 20))
        g = rng.choice(["day", "day", "day", "month", "year"])
        if g == "month":
            start = start.replace(day=1)
        elif g == "year":
            start = start.replace(month=1, day=1)
        evs.append(event(start, g, text=_text(rng), status=rng.choice(["happened", "expected"])))
    return sorted(evs, key=lambda e: (e.start, e.end))  # type: ignore[arg-type, return-value]


def seeds_like() -> list[Event]:
    """2011, 2019 and 2022 background, then 30 events in one week of September 2023."""
    rng = random.Random(3)
    background = [event(datetime(2011, 1, 1), "year", text="Kim's father last visited Russia"), event(datetime(2019, 4, 25), text="Kim met Putin in Vladivostok"), event(datetime(2022, 2, 1), "month", text="Russia invaded Ukraine")]
    week = [event(datetime(2023, 9, 4) + timedelta(days=rng.randrange(7)), text=_text(rng)) for _ in range(30)]
    return background + sorted(week, key=lambda e: e.start)  # type: ignore[arg-type, return-value]


DOCS = [Document("", published="2023-09-05", id="a"), Document("", published="2023-09-11", id="b"), Document("", published="2023-09-12", id="c")]
