"""The extraction engine: a compiled :class:`RuleSet` finds the mentions in a text (the
prefilter picks the rules worth trying; overlaps resolve to the longest match)."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from datetime import date
from typing import Iterator

from .._dateorder import readings
from .._timex3 import is_valid_value
from ._lexicon import _KINDS, Lexicon, _Blank, _derive
from ._model import Mention, Modifier, RangePattern, Rule
from ._prefilter import PrefixIndex, find_all, first_keys


class RuleSet:
    """The compiled rules of one language. Build with :func:`load` (cached per process)."""

    def __init__(
        self,
        lang: str,
        lexicon: Lexicon,
        rules: list[Rule],
        negatives: list[Rule],
        modifiers: list[Modifier] | None = None,
        ranges: list[RangePattern] | None = None,
    ) -> None:
        self.lang = lang
        self.lexicon = lexicon
        self.rules = rules
        self.negatives = negatives
        self.modifiers = modifiers or []
        self.ranges = ranges or []
        self._priority = {r.name: r.priority for r in rules}
        # one index over rules and negatives: each is tried only where its match can start
        self._patterns = [r.regex for r in [*rules, *negatives]]
        self._index = PrefixIndex([first_keys(p) for p in self._patterns])

    def _modify(self, text: str, taken: list[Mention]) -> list[Mention]:
        out: list[Mention] = []
        prev_end = 0
        for c in taken:
            for mod in self.modifiers:
                if c.type not in mod.types or c.mod:
                    continue
                window_start = max(prev_end, c.start - 40)
                m = mod.regex.search(text, window_start, c.start)
                if m is None:
                    continue
                groups = {name: _KINDS[kind][1](m.group(actual), self.lexicon) for actual, kind, name in mod.groups if m.group(actual)}
                value = mod.mod.format_map(_Blank({k: v for k, v in groups.items() if v}))
                start = m.start() if mod.extend else c.start
                c = replace(c, start=start, text=text[start : c.end], mod=value or None)
                break
            out.append(c)
            prev_end = c.end
        return out

    def __repr__(self) -> str:
        return f"<RuleSet {self.lang!r}: {len(self.rules)} rules, {len(self.negatives)} negatives>"

    def _matches(self, text: str, found: list[list[re.Match[str]]], impossible: list[tuple[int, int]] | None = None) -> Iterator[Mention]:
        """The candidate mentions; the spans of matches whose date cannot exist ("February
        30, 2021") go to ``impossible``: no part of them may be tagged either."""
        lex = self.lexicon
        for rule, matches in zip(self.rules, found):
            for m in matches:
                groups: dict[str, str] = dict(rule.defaults)
                ok = True
                unit_raw = ""
                for actual, kind, name in rule.groups:
                    raw = m.group(actual)
                    if raw is None:
                        continue
                    norm = _KINDS[kind][1](raw, lex)
                    if norm is None:
                        ok = False
                        break
                    groups[name] = norm
                    if name == "unit":
                        unit_raw = raw
                if not ok:
                    continue
                if "unit" in groups and "num" not in groups:
                    # "the coming days", "years": a plural unit with no number is X of them
                    groups["num"] = "X" if unit_raw.lower().endswith("s") else "1"
                derived = _derive(groups)
                if derived is None:
                    continue
                try:
                    value = rule.value.format_map(derived)
                except KeyError:
                    # every field of the template is checked at load (`_check_templates`):
                    # only an optional group that did not take part, with no `defaults`, lands here
                    continue
                mod = rule.mod.format_map(_Blank(derived)) if rule.mod else None
                s, e = m.span("span") if rule.has_span_group else m.span()
                if not _plausible(value) or (not value.startswith(DEFERRED) and not is_valid_value(value)):
                    if impossible is not None:
                        impossible.append((s, e))
                    continue
                yield Mention(s, e, text[s:e], rule.type, value, mod or None, rule.name, rule.direction, rule.sets_anchor, rule.year_window, rule.same_day, rule.order_hint)

    def extract(self, text: str) -> list[Mention]:
        """All non-overlapping mentions in ``text``, in text order (longest match wins)."""
        found = find_all(self._patterns, text, self._index)
        blocked = [m.span() for ms in found[len(self.rules) :] for m in ms]
        cands = list(self._matches(text, found, blocked))  # adds the spans of impossible dates
        spans = _Spans(blocked)
        cands = [c for c in cands if not spans.overlaps(c.start, c.end)]
        prio = self._priority
        cands.sort(key=lambda c: (-(c.end - c.start), -prio[c.rule], c.start))
        # taken spans never overlap: kept sorted by start, a candidate only needs checking
        # against its two neighbours (linear time on long texts, not quadratic)
        starts: list[int] = []
        taken: list[Mention] = []
        for c in cands:
            i = bisect.bisect_left(starts, c.start)
            if (i == 0 or taken[i - 1].end <= c.start) and (i == len(taken) or c.end <= taken[i].start):
                starts.insert(i, c.start)
                taken.insert(i, c)
        return self._modify(text, taken) if self.modifiers else taken


class _Spans:
    """Spans (which may overlap each other), asked whether any overlaps a given span, in
    logarithmic time: among the spans starting before its end, does one end after its start?"""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end: list[int] = []
        top = -1
        for _, e in spans:
            top = max(top, e)
            self.max_end.append(top)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.starts, end)
        return k > 0 and self.max_end[k - 1] > start


#: How the values the resolver completes begin (see timeline/_resolve.py): relative
#: (REF/ANCHOR/SHIFT), holidays, numeric dates, two-digit years. Defined here only.
DEFERRED = ("REF:", "ANCHOR:", "SHIFT:", "HOL:", "NUM:", "YY")
_FULL_DATE = re.compile(r"(?<!BC)(\d{4}|XXXX)-(\d{2})-(\d{2})")  # BC dates: is_valid_value


def _plausible(value: str) -> bool:
    """Reject impossible calendar dates ("February 30", "13/13/2024") before they become
    values."""
    if value.startswith("NUM:"):
        _, a, b, yy = value.split(":")
        return bool(readings(int(a), int(b), yy))
    m = _FULL_DATE.search(value)
    if not m:
        return True
    year = 2000 if m.group(1) == "XXXX" else int(m.group(1))  # 2000 is a leap year
    try:
        date(year, int(m.group(2)), int(m.group(3)))
    except ValueError:
        return False
    return True
