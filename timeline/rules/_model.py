"""The records of the rules engine: a found :class:`Mention` and the compiled
:class:`Rule`, :class:`Modifier` and :class:`RangePattern` of the rule files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Mention:
    """A temporal expression found by a rule, before resolution.

    ``value`` may be underspecified (``XXXX-WXX-1``, ``REF:W:-1``...); ``direction`` is the
    rule's own direction ("last Friday" is always before), or ``None`` to take it from the
    clause's tense.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None
    rule: str
    direction: str | None = None
    sets_anchor: bool = True
    # a bare number read as a year only in this window: (first year, years after the
    # publication year); applied by the tagger, which knows the publication date
    year_window: tuple[int, int] | None = None
    # names part of a day ("later Tuesday", "Tuesday evening"): on that weekday's
    # publication day, it is that day whatever the tense
    same_day: bool = False
    # a written date's order ("5 June 2024": DMY), evidence for reading numeric dates
    order_hint: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: str
    type: str
    value: str
    mod: str | None = None
    direction: str | None = None
    priority: int = 0
    case_sensitive: bool = False
    sets_anchor: bool = True
    year_window: tuple[int, int] | None = None
    same_day: bool = False
    order_hint: str | None = None
    examples: tuple[dict[str, Any], ...] = ()
    defaults: tuple[tuple[str, str], ...] = ()
    source: str = ""
    published: str | None = None  # the file's reference date for its examples
    regex: re.Pattern[str] = field(default=None, repr=False, compare=False)  # type: ignore[arg-type]
    groups: tuple[tuple[str, str, str], ...] = ()  # (regex group, kind, field name)

    @property
    def has_span_group(self) -> bool:
        """A group named ``span`` marks the part of the match that is tagged; the rest of
        the pattern is context (a variable-width lookbehind, in effect)."""
        return "span" in self.regex.groupindex


@dataclass(frozen=True, slots=True)
class Modifier:
    """A premodifier ("early", "mid-", "nearly") that may precede a mention: it sets the
    mention's TIMEX3 mod and, when ``extend``, becomes part of its span."""

    name: str
    regex: re.Pattern[str]
    types: tuple[str, ...]
    mod: str
    extend: bool
    groups: tuple[tuple[str, str, str], ...]
    examples: tuple[dict[str, Any], ...] = ()
    published: str | None = None


@dataclass(frozen=True, slots=True)
class RangePattern:
    """How two dates form a range ("from July 3 to July 6", "between 2001 and 2005"):
    ``between`` must match the whole gap between them; ``before`` is the word that may open
    the range before its first end (required if ``before_required``); ``not_after`` may not
    follow its second end."""

    name: str
    between: re.Pattern[str]
    before: re.Pattern[str] | None
    before_required: bool
    not_after: re.Pattern[str] | None
    examples: tuple[dict[str, Any], ...] = ()
    published: str | None = None

    def opener(self, text: str, start: int) -> int | None:
        """Where the opening word before ``start`` begins, if there is one."""
        if self.before is None:
            return None
        m = self.before.search(text, max(0, start - 40), start)
        return m.start() if m else None

    def joins(self, text: str, first: tuple[int, int], last: tuple[int, int]) -> bool:
        """Whether what stands between two dates (character spans ``first`` and ``last``)
        joins them into a range."""
        if self.between.fullmatch(text, first[1], last[0]) is None:
            return False
        return self.not_after is None or self.not_after.match(text, last[1]) is None

