"""Rules are data: this package holds the rule files (``<lang>/*.toml``) and the engine that
compiles them.

A rule file is a TOML document with ``[[rule]]`` tables::

    [[rule]]
    name = "month_day_year"
    pattern = '{month}\\s+{day},?\\s+{year}'
    type = "DATE"
    value = "{year}-{month}-{day}"
    examples = [{ text = "Sept. 4, 2023", value = "2023-09-04" }]

A group ``(?P<span>...)`` in a pattern limits the tagged text to that group (the rest of
the match is context). ``{kind}`` / ``{kind:name}`` in a pattern is a macro: it expands to the alternation of the
lexicon entries (or the regex) of that kind, captured in a group called ``name`` (default:
the kind), whose text the engine normalises (``"Sept."`` -> ``"09"``). The normalised groups
then fill the ``value`` template, which may be an underspecified value that the resolver
completes (see ``timeline/_resolve.py``). ``negatives.toml`` lists patterns whose matches must
never be tagged; every rule file carries examples and the negatives carry their own, and the
test-suite is generated from them.

>>> rs = load("en")
>>> [m.value for m in rs.extract("They met on Sept. 4, 2023 and again last week.")]
['2023-09-04', 'REF:W:-1']
"""

from __future__ import annotations

import bisect
import re
import string
import tomllib
from datetime import date
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any, Callable, Iterator

from .._dateorder import readings
from .._errors import RuleDataError
from .._nlp import once_per_process
from .._timex3 import is_valid_value
from ._prefilter import PrefixIndex, find_all, first_keys

__all__ = ["Mention", "Rule", "RangePattern", "RuleSet", "load", "LANGUAGES"]

LANGUAGES = ("en",)
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
# "anchored": nearest to the last mentioned day, in news too ("talks collapsed on May 3;
# that Friday ..."): the passage's date, not the publication date
DIRECTIONS = ("past", "future", "before", "after", "anchored")

_MACRO = re.compile(r"\{([a-z_]+)(?::([a-z_0-9]+))?\}")


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


def _alternation(forms: list[str], case_sensitive: set[str], dotted: set[str]) -> str:
    """Regex alternation of lexicon forms, longest first, honouring case and dots."""
    parts = []
    for form in sorted(set(forms), key=lambda f: (-len(f), f)):
        esc = re.escape(form).replace(r"\ ", r"\s+").replace(r"\-", r"[-\s]?")
        esc = esc.replace("'", "['’]")
        if form.lower() in dotted:
            esc += r"\.?"
        if form in case_sensitive:
            esc = f"(?-i:{esc}|{re.escape(form.upper())})"
        parts.append(esc)
    return "(?:" + "|".join(parts) + ")"


class Lexicon:
    """The lexicon tables of one language, with case-insensitive lookup."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.case_sensitive: set[str] = set(data.get("case_sensitive", []))
        self.dotted: set[str] = {d.lower() for d in data.get("dotted", [])}
        self.tables: dict[str, dict[str, Any]] = {k: v for k, v in data.items() if isinstance(v, dict)}
        numbers = dict(self.tables.get("numbers", {}))
        units_words = {k: v for k, v in numbers.items() if isinstance(v, int) and 1 <= v <= 9 and " " not in k and k not in ("a", "an")}
        for tw, tv in self.tables.get("tens", {}).items():
            numbers[tw] = tv
            for uw, uv in units_words.items():
                numbers[f"{tw}-{uw}"] = tv + uv
        self.tables["numbers"] = numbers
        self._lookup = {name: {self._key(k): v for k, v in table.items()} for name, table in self.tables.items()}

    @staticmethod
    def _key(s: str) -> str:
        return re.sub(r"[\s\-]+", " ", s.lower().replace("’", "'")).strip(" .")

    def get(self, table: str, text: str) -> Any:
        return self._lookup[table].get(self._key(text))

    def regex(self, *tables: str) -> str:
        forms: list[str] = []
        for t in tables:
            forms.extend(self.tables.get(t, {}))
        return _alternation(forms, self.case_sensitive, self.dotted)


# --- macro kinds: regex builder + normaliser ------------------------------------------------

# at most three digits: "1988 quarter" is a year, not 1,988 quarters
_NUM_DIGITS = r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d+)?"
_DAY_NUM = r"(?:0?[1-9]|[12]\d|3[01])"


def _norm_int(width: int) -> Callable[[str, Lexicon], str | None]:
    def f(text: str, lex: Lexicon) -> str | None:
        digits = re.sub(r"\D", "", text)
        return digits.zfill(width) if digits else None

    return f


def _norm_table(table: str, fmt: str = "{}") -> Callable[[str, Lexicon], str | None]:
    def f(text: str, lex: Lexicon) -> str | None:
        v = lex.get(table, text)
        return None if v is None else fmt.format(v)

    return f


def _norm_num(text: str, lex: Lexicon) -> str | None:
    t = text.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return t.rstrip("0").rstrip(".") if "." in t else str(int(t))
    v = lex.get("numbers", text)
    if v is None:
        v = lex.get("vague_numbers", text)
    return None if v is None else str(v)


def _norm_ord(text: str, lex: Lexicon) -> str | None:
    m = re.match(r"(\d+)", text)
    if m:
        return str(int(m.group(1)))
    v = lex.get("ordinals", text)
    return None if v is None else str(v)


def _norm_day(text: str, lex: Lexicon) -> str | None:
    v = _norm_ord(text, lex)
    return None if v is None or not 1 <= int(v) <= 31 else v.zfill(2)


def _norm_yy(text: str, lex: Lexicon) -> str:
    """"'98" -> ``YY98``: the century is the resolver's choice (from the publication date,
    or in a history from the story's date)."""
    return "YY" + re.sub(r"\D", "", text)


def _norm_decade(text: str, lex: Lexicon) -> str | None:
    m = re.search(r"(\d+)0s", text)
    if m:
        d = m.group(1)
        if len(d) == 3:
            return d
        if len(d) == 1:  # '90s / 90s -> the 1990s
            return "19" + d
        return None
    v = lex.get("decades", re.sub(r"^the\s+", "", text, flags=re.I))
    return None if v is None else f"19{v}"


def _yearword_regex(lx: Lexicon) -> str:
    tens = lx.regex("tens")[3:-1]
    units = "one|two|three|four|five|six|seven|eight|nine"
    teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    two_digits = rf"(?:(?:{tens})(?:[-\s](?:{units}))?|{teens}|(?:oh|o)[-\s](?:{units}))"
    return rf"(?:(?:nineteen|eighteen|twenty)[-\s]+{two_digits}|two\s+thousand(?:\s+(?:and\s+)?(?:{units}|{teens}))?)"


def _norm_yearword(text: str, lex: Lexicon) -> str | None:
    """ "nineteen ninety-six" -> "1996", "two thousand and one" -> "2001"."""
    words = re.split(r"[-\s]+", text.lower())
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        n = lex.get("numbers", rest[0]) if rest else 0
        return None if n is None else str(2000 + n)
    century = {"eighteen": 18, "nineteen": 19, "twenty": 20}[words[0]]
    rest = [w for w in words[1:] if w not in ("oh", "o")]
    n = lex.get("numbers", "-".join(rest)) if len(rest) > 1 else lex.get("numbers", rest[0])
    return None if n is None else str(century * 100 + n)


def _norm_era_year(text: str, lex: Lexicon) -> str | None:
    """A year written with its era ("241" of "241 BC", "79" of "AD 79") -> "0241", "0079"."""
    digits = re.sub(r"\D", "", text)
    return digits.zfill(4) if digits and int(digits) > 0 else None


def _norm_era_decade(text: str, lex: Lexicon) -> str | None:
    """A decade written with its era ("460s" of "the 460s BC") -> "046"."""
    digits = re.sub(r"\D", "", text)
    return digits[:-1].zfill(3) if digits else None


def _norm_century(text: str, lex: Lexicon) -> str | None:
    v = _norm_ord(text, lex)
    return None if v is None else f"{int(v) - 1:02d}"


def _norm_ampm(text: str, lex: Lexicon) -> str:
    return "pm" if text.strip().lower().startswith("p") else "am"


_KINDS: dict[str, tuple[Callable[[Lexicon], str], Callable[[str, Lexicon], str | None]]] = {
    "month": (lambda lx: lx.regex("month"), _norm_table("month", "{:02d}")),
    "weekday": (lambda lx: lx.regex("weekday"), _norm_table("weekday")),
    "num": (lambda lx: f"(?:{_NUM_DIGITS}|{lx.regex('numbers', 'vague_numbers')[3:-1]})", _norm_num),
    "ord": (lambda lx: r"(?:\d{1,2}(?:st|nd|rd|th)|" + lx.regex("ordinals")[3:-1] + ")", _norm_ord),
    "unit": (lambda lx: lx.regex("units"), _norm_table("units")),
    "cunit": (lambda lx: lx.regex("calendar_units"), _norm_table("calendar_units")),
    "rel": (lambda lx: lx.regex("relative_offsets"), _norm_table("relative_offsets", "{:+d}")),
    "season": (lambda lx: lx.regex("seasons"), _norm_table("seasons")),
    "pod": (lambda lx: lx.regex("parts_of_day"), _norm_table("parts_of_day")),
    "mod": (lambda lx: lx.regex("mods"), _norm_table("mods")),
    "qmod": (lambda lx: lx.regex("quantity_mods"), _norm_table("quantity_mods")),
    "qmod_outside": (lambda lx: lx.regex("quantity_mods_outside"), _norm_table("quantity_mods_outside")),
    "holiday": (lambda lx: lx.regex("holidays"), _norm_table("holidays")),
    "decade": (
        lambda lx: r"(?:1\d\d0s|20\d0s|['’]\d0s|\d0s|" + lx.regex("decades")[3:-1] + ")",
        _norm_decade,
    ),
    "century": (lambda lx: r"(?:\d{1,2}(?:st|nd|rd|th)|" + lx.regex("ordinals")[3:-1] + ")", _norm_century),
    "year": (lambda lx: r"(?:1[0-9]\d\d|20\d\d)", _norm_int(4)),
    "yearword": (lambda lx: _yearword_regex(lx), _norm_yearword),
    # a year or decade of any size, for rules that also match its era ("241 BC", "AD 79")
    "era_year": (lambda lx: r"(?<![\d,.])[1-9]\d{0,3}(?!\d|,\d)", _norm_era_year),
    "era_decade": (lambda lx: r"(?<![\d,.])[1-9]\d{0,2}0s", _norm_era_decade),
    "yy": (lambda lx: r"['’]\d\d", _norm_yy),
    "short_year": (lambda lx: r"\d\d", _norm_int(2)),
    "mm": (lambda lx: r"(?:0?[1-9]|1[0-2])", _norm_int(2)),
    "digit": (lambda lx: r"\d", _norm_int(1)),
    "dd": (lambda lx: _DAY_NUM, _norm_int(2)),
    "day": (
        lambda lx: rf"(?:{_DAY_NUM}(?:st|nd|rd|th)?|" + lx.regex("ordinals")[3:-1] + ")",
        _norm_day,
    ),
    "hh": (lambda lx: r"(?:[01]?\d|2[0-4])", _norm_int(2)),
    "mins": (lambda lx: r"[0-5]\d", _norm_int(2)),
    "ampm": (lambda lx: r"(?:[ap]\.\s?m\.?|[ap]m\b|[ap]\s?m\b)", _norm_ampm),
}

_TIME_UNITS = {"H": "H", "MI": "M", "S": "S"}


def _derive(g: dict[str, str]) -> dict[str, str] | None:
    """Fields computed from several groups: ``dur`` (ISO duration), ``clock`` (Thh:mm),
    ``year_end`` (the first year from ``year`` on that ends in ``short_year``: "1998-99" -> 1999)."""
    if "short_year" in g and "year" in g:
        start = int(g["year"])
        end = start - start % 100 + int(g["short_year"])
        g["year_end"] = str(end if end >= start else end + 100)
    unit = g.get("unit")
    num = g.get("num", "1")
    if unit:
        if unit == "2W":
            unit, num = "W", ("X" if num == "X" else _fmt_num(float(num) * 2))
        if unit in _TIME_UNITS:
            g["dur"] = f"PT{num}{_TIME_UNITS[unit]}"
        else:
            g["dur"] = f"P{num}{unit}"
        g["unit"] = unit
        g["num"] = num
    if "hh" in g:
        hour = int(g["hh"])
        ampm = g.get("ampm")
        if ampm:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if ampm == "pm" else 0)
        if hour > 24:
            return None
        g["clock"] = f"T{hour:02d}:{g.get('mins', '00')}"
    return g


class _Blank(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return ""


def _fmt_num(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


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


def _compile_range(d: dict[str, Any], source: str, published: str | None) -> RangePattern:
    name = d.get("name", "?")
    try:
        between = re.compile(rf"\s*(?:{d['between']})\s*", re.I)
        before = re.compile(rf"(?<!\w)(?:{d['before']})\s+$", re.I) if d.get("before") else None
        not_after = re.compile(d["not_after"], re.I) if d.get("not_after") else None
    except KeyError as e:
        raise RuleDataError(f"{source}: range {name!r} lacks {e.args[0]!r}") from None
    except re.error as e:
        raise RuleDataError(f"{source}: range {name!r} has a bad pattern: {e}") from None
    required = bool(d.get("before_required", False))
    if required and before is None:
        raise RuleDataError(f"{source}: range {name!r} requires a `before` word but gives none")
    return RangePattern(name, between, before, required, not_after, tuple(d.get("examples", ())), published)


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


def _expand(pattern: str, name: str, lex: Lexicon, source: str, macros: dict[str, str]) -> tuple[str, list[tuple[str, str, str]]]:
    """Expand ``{kind}`` / ``{kind:name}`` macros into named groups."""
    groups: list[tuple[str, str, str]] = []

    def expand(m: re.Match[str]) -> str:
        kind, gname = m.group(1), m.group(2) or m.group(1)
        if kind in macros:
            return _MACRO.sub(expand, macros[kind])
        if kind not in _KINDS:
            raise RuleDataError(f"{source}: rule {name!r} uses unknown macro {{{kind}}}")
        # the same group may appear in several alternatives: later ones get a suffix
        actual = gname if all(a != gname for a, _, _ in groups) else f"{gname}__{len(groups)}"
        groups.append((actual, kind, gname))
        return f"(?P<{actual}>{_KINDS[kind][0](lex)})"

    return _MACRO.sub(expand, pattern), groups


def _compile_modifier(d: dict[str, Any], lex: Lexicon, source: str, macros: dict[str, str], published: str | None = None) -> Modifier:
    name = d.get("name", "?")
    body, groups = _expand(d["pattern"], name, lex, source, macros)
    try:
        regex = re.compile(rf"(?<![\w\-])(?:{body})$", 0 if d.get("case_sensitive") else re.I)
    except re.error as e:
        raise RuleDataError(f"{source}: modifier {name!r} has a bad pattern: {e}") from None
    return Modifier(
        name, regex, tuple(d.get("types", ("DATE", "TIME"))), d.get("mod", ""), bool(d.get("extend", True)), tuple(groups), tuple(d.get("examples", ())), published
    )


# fields computed by `_derive` and the groups they need: {dur} needs {unit}...
_DERIVED = {"dur": ("unit",), "num": ("unit",), "clock": ("hh",), "year_end": ("year", "short_year")}


def _template_fields(template: str) -> set[str]:
    """The fields a value or mod template names (``"{year}-{month}"`` -> year, month);
    :class:`ValueError` for a malformed template."""
    fields = set()
    for _, field_name, _, _ in string.Formatter().parse(template):
        if field_name is not None:
            fields.add(re.split(r"[.\[]", field_name, maxsplit=1)[0])
    return fields


def _check_templates(rule_data: dict[str, Any], groups: list[tuple[str, str, str]], source: str) -> None:
    """Every field of a rule's ``value`` and ``mod`` templates must come from a group of its
    pattern, its ``defaults`` or a field derived from them: a misspelt one would silently
    disable the rule."""
    name = rule_data["name"]
    known = {g for _, _, g in groups} | {str(k) for k in rule_data.get("defaults", {})}
    known |= {f for f, needs in _DERIVED.items() if all(n in known for n in needs)}
    for key in ("value", "mod"):
        template = rule_data.get(key)
        if not isinstance(template, str):
            continue
        try:
            fields = _template_fields(template)
        except ValueError as e:
            raise RuleDataError(f"{source}: rule {name!r}: malformed {key} template {template!r}: {e}") from None
        unknown = sorted(f for f in fields if f not in known)
        if unknown:
            have = ", ".join(sorted(known)) or "none"
            raise RuleDataError(
                f"{source}: rule {name!r}: {key} template {template!r} names {', '.join('{' + f + '}' for f in unknown)}, "
                f"which the pattern does not define (groups, defaults and derived fields: {have})"
            )


def _compile(rule_data: dict[str, Any], lex: Lexicon, source: str, macros: dict[str, str], published: str | None = None) -> Rule:
    try:
        name = rule_data["name"]
        pattern = rule_data["pattern"]
    except KeyError as e:
        raise RuleDataError(f"{source}: a rule lacks {e.args[0]!r}") from None
    body, groups = _expand(pattern, name, lex, source, macros)
    flags = 0 if rule_data.get("case_sensitive") else re.I
    try:
        regex = re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)
    except re.error as e:
        raise RuleDataError(f"{source}: rule {name!r} has a bad pattern: {e}") from None
    rtype = rule_data.get("type", "DATE")
    if rtype not in TIMEX_TYPES and rtype != "NEGATIVE":
        raise RuleDataError(f"{source}: rule {name!r} has unknown type {rtype!r}")
    direction = rule_data.get("direction")
    if direction is not None and direction not in DIRECTIONS:
        raise RuleDataError(f"{source}: rule {name!r} has unknown direction {direction!r}")
    order_hint = rule_data.get("order_hint")
    if order_hint is not None and order_hint not in ("MDY", "DMY"):
        raise RuleDataError(f"{source}: rule {name!r}: order_hint must be 'MDY' or 'DMY', not {order_hint!r}")
    window = rule_data.get("year_window")
    if window is not None and not (isinstance(window, list) and len(window) == 2 and all(isinstance(w, int) for w in window)):
        raise RuleDataError(f"{source}: rule {name!r}: year_window must be [first year, years after publication]")
    _check_templates(rule_data, groups, source)
    return Rule(
        name=name,
        pattern=pattern,
        type=rtype,
        value=rule_data.get("value", ""),
        mod=rule_data.get("mod"),
        direction=direction,
        priority=int(rule_data.get("priority", 0)),
        case_sensitive=bool(rule_data.get("case_sensitive", False)),
        sets_anchor=bool(rule_data.get("sets_anchor", True)),
        year_window=None if window is None else (window[0], window[1]),
        same_day=bool(rule_data.get("same_day", False)),
        order_hint=order_hint,
        examples=tuple(rule_data.get("examples", ())),
        defaults=tuple((str(k), str(v)) for k, v in rule_data.get("defaults", {}).items()),
        source=source,
        published=published,
        regex=regex,
        groups=tuple(groups),
    )


def _read_toml(lang: str, filename: str) -> dict[str, Any]:
    try:
        raw = resources.files(__package__).joinpath(lang, filename).read_text(encoding="utf-8")
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as e:
        raise RuleDataError(f"rules/{lang}/{filename}: {e}") from None


@once_per_process
def load(lang: str = "en") -> RuleSet:
    """Load and compile the rules of ``lang`` (once per process, however many threads ask
    for them first)."""
    if lang not in LANGUAGES:
        raise RuleDataError(f"no rules for language {lang!r}; available: {', '.join(LANGUAGES)}")
    lex = Lexicon(_read_toml(lang, "lexicon.toml"))
    rules: list[Rule] = []
    negatives: list[Rule] = []
    modifiers: list[Modifier] = []
    ranges: list[RangePattern] = []
    folder = resources.files(__package__).joinpath(lang)
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml") and p.name != "lexicon.toml")
    seen: set[str] = set()
    for filename in names:
        data = _read_toml(lang, filename)
        macros = {k: v for k, v in data.get("macros", {}).items()}
        for rd in data.get("rule", []):
            rule = _compile(rd, lex, f"rules/{lang}/{filename}", macros, data.get("published"))
            if rule.name in seen:
                raise RuleDataError(f"rules/{lang}/{filename}: duplicate rule name {rule.name!r}")
            seen.add(rule.name)
            (negatives if filename == "negatives.toml" else rules).append(rule)
        for md in data.get("modifier", []):
            modifiers.append(_compile_modifier(md, lex, f"rules/{lang}/{filename}", macros, data.get("published")))
        for rg in data.get("range", []):
            ranges.append(_compile_range(rg, f"rules/{lang}/{filename}", data.get("published")))
    return RuleSet(lang, lex, rules, negatives, modifiers, ranges)
