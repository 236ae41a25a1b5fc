"""Result types: frozen, typed, with helpful reprs."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any, Literal

__all__ = ["Timex", "TimexType"]

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression found in a text and resolved to a TIMEX3 value.

    ``text[t.start:t.end] == t.text`` always holds for the ``text`` it was found in.

    >>> from timeline import tag
    >>> [t] = tag("Kim left Pyongyang on Sunday.", published="2023-09-12", nlp=False)
    >>> t
    Timex('Sunday' 22:28 DATE 2023-09-10)
    >>> t.interval
    (datetime.datetime(2023, 9, 10, 0, 0), datetime.datetime(2023, 9, 11, 0, 0))
    >>> t.reason
    "weekday on or before publication 2023-09-12 (past tense: 'left')"
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None
    interval: tuple[datetime, datetime] | None = None
    granularity: str | None = None
    anchor: date | None = None
    reason: str = ""
    rule: str = ""

    def __repr__(self) -> str:
        mod = f" mod={self.mod}" if self.mod else ""
        return f"Timex({self.text!r} {self.start}:{self.end} {self.type} {self.value}{mod})"

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Timex:
        """Inverse of :meth:`to_dict`.

        >>> t = Timex(0, 6, "Sunday", "DATE", "2023-09-10", granularity="day")
        >>> Timex.from_dict(t.to_dict()) == t
        True
        """
        iv = d.get("interval")
        anchor = d.get("anchor")
        return cls(
            start=int(d["start"]),
            end=int(d["end"]),
            text=d["text"],
            type=d["type"],
            value=d["value"],
            mod=d.get("mod"),
            interval=(datetime.fromisoformat(iv[0]), datetime.fromisoformat(iv[1])) if iv else None,
            granularity=d.get("granularity"),
            anchor=date.fromisoformat(anchor) if anchor else None,
            reason=d.get("reason", ""),
            rule=d.get("rule", ""),
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (dates as ISO strings)."""
        d = asdict(self)
        if self.interval is not None:
            d["interval"] = [self.interval[0].isoformat(), self.interval[1].isoformat()]
        if self.anchor is not None:
            d["anchor"] = self.anchor.isoformat()
        return d
