"""Page furniture in scraped articles: reader comments, bylines, datelines, "updated" stamps,
live-blog entry times, photo captions and credits, related links, promos, headings.

None of it is an event or dates one, so :func:`~timeline.build` masks it (blanks its
characters, keeping every offset) before parsing. A dateline, byline or stamp at the top of
an article gives its publication date (:attr:`Furniture.published`).

The rules are data: ``timeline/rules/<lang>/furniture.toml``, one ``[[zone]]`` table per
rule (see ``docs/rules.md``). The engine here applies them in one regex pass per rule, in
time linear in the text's length.

>>> f = find_furniture("MEXICO CITY | Sat Apr 25, 2009 12:51 am BST MEXICO CITY (Reuters) - "
...                    "A new flu strain has killed 20 people.")
>>> f
Furniture(1 zone: dateline 0:67; published=2009-04-25T00:51)
>>> f.mask("MEXICO CITY | Sat Apr 25, 2009 12:51 am BST MEXICO CITY (Reuters) - A new flu")[-9:]
'A new flu'
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from typing import Any, Literal

from ._nlp import once_per_process
from ._errors import RuleDataError
from ._sentences import line_end, line_start, sentence_end

__all__ = ["find_furniture", "Furniture", "Zone", "KINDS", "ZoneRule", "load_rules"]

#: The kinds of furniture, with what each is.
KINDS: dict[str, str] = {
    "comment": "a reader comment section: from its first comment stamp to the end of the text",
    "byline": "the author line, often with the publication date and time",
    "dateline": "the place (and agency, date) line that opens a report",
    "stamp": "a published / updated / print-edition stamp",
    "liveblog_time": "the time that opens a live-blog entry (the entry itself is kept)",
    "caption": "a photo or video caption",
    "credit": "a photo credit (Photograph: .../Reuters, AP Photo/...)",
    "promo": "a promotion of the outlet's other content or services",
    "related": "links to other articles (related headlines, with their own stamps)",
    "heading": "an ALL-CAPS section heading glued to the text",
    "widget": "the text of page widgets (share, report abuse, recommend, reply)",
}
#: Kinds whose date, near the top of an article, is its publication date.
PUBLISHING_KINDS = ("byline", "dateline", "stamp")
#: A publication date is read only from a zone starting in the article's first lines.
TOP_LINES = 6
TOP_CHARS = 2500
#: How far before a match its `back` and `not_after` contexts are read (characters).
LOOK_BACK = 160

Extend = Literal["match", "sentence", "line", "block", "end"]
EXTENDS = ("match", "sentence", "line", "block", "end")
#: A "block" zone (a list of links under its header) runs on over the lines after it that
#: are this short and do not end a sentence.
BLOCK_LINE = 120

_MACRO = re.compile(r"\{([a-z_][a-z_0-9]*)\}")
_FIELD = re.compile(r"^(month|day|year|hour|minute|ampm)\d*$")


@dataclass(frozen=True, slots=True)
class Zone:
    """A span of furniture: ``text[start:end]`` is of ``kind``, found by ``rule``.

    >>> Zone(0, 12, "credit", "photograph_credit")
    Zone(0:12 credit 'photograph_credit')
    """

    start: int
    end: int
    kind: str
    rule: str

    def __repr__(self) -> str:
        return f"Zone({self.start}:{self.end} {self.kind} {self.rule!r})"


@dataclass(frozen=True, slots=True)
class ZoneRule:
    """One ``[[zone]]`` rule of a furniture file, compiled."""

    name: str
    kind: str
    pattern: str
    regex: re.Pattern[str] = field(repr=False, compare=False)
    extend: Extend = "match"
    before: str | None = None
    reach: int = 400
    published: bool = False
    requires: tuple[str, ...] = ()
    within: int | None = None
    back: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    not_after: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    examples: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class Furniture:
    """The furniture of one text: its zones (sorted, non-overlapping) and the publication
    date its dateline, byline or stamp gives (or ``None``).

    >>> f = find_furniture("By Ann Lee | June 20, 2024 | 8:05 am\\nThe council voted on Monday.")
    >>> f.zones
    (Zone(0:36 byline 'byline_bar_date'),)
    >>> f.published
    datetime.datetime(2024, 6, 20, 8, 5)
    >>> f.covers(3, 10), f.covers(30, 45)
    (True, False)
    """

    zones: tuple[Zone, ...]
    published: datetime | None = None
    published_zone: Zone | None = None

    def __repr__(self) -> str:
        n = len(self.zones)
        shown = ", ".join(f"{z.kind} {z.start}:{z.end}" for z in self.zones[:4]) + (", ..." if n > 4 else "")
        pub = f"; published={self.published.isoformat(timespec='minutes')}" if self.published else ""
        return f"Furniture({n} zone{'' if n == 1 else 's'}{': ' if n else ''}{shown}{pub})"

    def __bool__(self) -> bool:
        return bool(self.zones)

    def mask(self, text: str) -> str:
        """``text`` with every zone's characters replaced by spaces, except newlines: same
        length, so every offset still holds.

        >>> find_furniture("Photo: AP\\nRain fell.").mask("Photo: AP\\nRain fell.")
        '         \\nRain fell.'
        """
        if not self.zones:
            return text
        parts: list[str] = []
        pos = 0
        for z in self.zones:
            parts.append(text[pos : z.start])
            chunk = text[z.start : z.end]
            parts.append(re.sub(r"[^\n]", " ", chunk) if "\n" in chunk else " " * len(chunk))
            pos = z.end
        parts.append(text[pos:])
        return "".join(parts)

    def covers(self, start: int, end: int) -> bool:
        """Whether every character of ``text[start:end]`` is furniture (an empty span:
        whether ``start`` is inside a zone)."""
        starts = [z.start for z in self.zones]
        i = bisect.bisect_right(starts, start) - 1
        if i < 0 or self.zones[i].end <= start:
            return False
        pos = self.zones[i].end
        while pos < end:  # zones may abut
            i += 1
            if i >= len(self.zones) or self.zones[i].start > pos:
                return False
            pos = self.zones[i].end
        return True

    def kinds(self) -> dict[str, int]:
        """How many zones of each kind."""
        out: dict[str, int] = {}
        for z in self.zones:
            out[z.kind] = out.get(z.kind, 0) + 1
        return out


# --- rules -------------------------------------------------------------------------------


def _compile(d: dict[str, Any], macros: dict[str, str], source: str) -> ZoneRule:
    try:
        name, kind, pattern = d["name"], d["kind"], d["pattern"]
    except KeyError as e:
        raise RuleDataError(f"{source}: a zone rule lacks {e.args[0]!r}") from None
    if kind not in KINDS:
        raise RuleDataError(f"{source}: zone rule {name!r} has unknown kind {kind!r}; kinds: {', '.join(KINDS)}")
    before = d.get("before")
    if before is not None and before not in KINDS:
        raise RuleDataError(f"{source}: zone rule {name!r} has unknown kind {before!r} in 'before'")
    extend = d.get("extend", "match")
    if extend not in EXTENDS:
        raise RuleDataError(f"{source}: zone rule {name!r} has unknown extend {extend!r}; one of {', '.join(EXTENDS)}")

    def expand(m: re.Match[str], depth: int = 0) -> str:
        key = m.group(1)
        if key not in macros:
            raise RuleDataError(f"{source}: zone rule {name!r} uses unknown macro {{{key}}}")
        if depth > 8:
            raise RuleDataError(f"{source}: macro {{{key}}} refers to itself")
        return "(?:" + _MACRO.sub(lambda mm: expand(mm, depth + 1), macros[key]) + ")"

    flags = re.I if d.get("ignore_case") else 0

    def compiled(key: str, suffix: str = "") -> re.Pattern[str]:
        try:
            return re.compile(_MACRO.sub(expand, d[key]) + suffix, flags)
        except re.error as e:
            raise RuleDataError(f"{source}: zone rule {name!r} has a bad {key}: {e}") from None

    regex = compiled("pattern")
    # context before the match, read backwards from it: anchored at the match's start
    back = compiled("back", r"\Z") if "back" in d else None
    not_after = compiled("not_after", r"\Z") if "not_after" in d else None
    published = bool(d.get("published", False))
    requires = d.get("requires", [])
    if not isinstance(requires, list) or not all(isinstance(r, str) and r for r in requires):
        raise RuleDataError(f"{source}: zone rule {name!r}: 'requires' must be a list of non-empty strings")
    requires = tuple(requires)
    within = d.get("within")
    if within is not None and (isinstance(within, bool) or not isinstance(within, int) or within < 1):
        raise RuleDataError(f"{source}: zone rule {name!r}: 'within' must be a positive number of characters")
    groups = set(regex.groupindex) | set(back.groupindex if back else ())
    if published and "year" not in {_FIELD.sub(r"\1", g) for g in groups}:
        raise RuleDataError(f"{source}: zone rule {name!r} gives a publication date but has no (?P<year>...) group")
    return ZoneRule(
        name=name,
        kind=kind,
        pattern=pattern,
        regex=regex,
        extend=extend,
        before=before,
        reach=int(d.get("reach", 400)),
        published=published,
        requires=requires,
        within=within,
        back=back,
        not_after=not_after,
        examples=tuple(d.get("examples", ())),
    )


@dataclass(frozen=True)
class _RuleFile:
    rules: tuple[ZoneRule, ...]
    negatives: tuple[str, ...]
    months: dict[str, int]


@once_per_process
def load_rules(lang: str = "en", /) -> _RuleFile:
    """The compiled furniture rules of ``lang`` (once per process)."""
    from .rules import LANGUAGES, Lexicon

    if lang not in LANGUAGES:
        raise RuleDataError(f"no rules for language {lang!r}; available: {', '.join(LANGUAGES)}")
    source = f"rules/{lang}/furniture.toml"
    folder = resources.files("timeline.rules").joinpath(lang)
    try:
        data = tomllib.loads(folder.joinpath("furniture.toml").read_text(encoding="utf-8"))
        lex = Lexicon(tomllib.loads(folder.joinpath("lexicon.toml").read_text(encoding="utf-8")))
    except tomllib.TOMLDecodeError as e:
        raise RuleDataError(f"{source}: {e}") from None
    macros = {k: str(v) for k, v in data.get("macros", {}).items()}
    rules: list[ZoneRule] = []
    seen: set[str] = set()
    for d in data.get("zone", []):
        rule = _compile(d, macros, source)
        if rule.name in seen:
            raise RuleDataError(f"{source}: duplicate zone rule name {rule.name!r}")
        seen.add(rule.name)
        rules.append(rule)
    negatives = tuple(str(n["text"]) for n in data.get("negative", []))
    months = {k: int(v) for k, v in lex.tables.get("month", {}).items()}
    return _RuleFile(tuple(rules), negatives, {Lexicon._key(k): v for k, v in months.items()})


# --- the engine --------------------------------------------------------------------------


def _date(groups: dict[str, str | None], months: dict[str, int]) -> datetime | None:
    """The date and time a match's named groups give, or None."""
    g: dict[str, str] = {}
    for name, value in groups.items():
        f = _FIELD.match(name)
        if f and value:
            g.setdefault(f.group(1), value)
    if "year" not in g or "month" not in g or "day" not in g:
        return None
    mo = g["month"]
    month = int(mo) if mo.isdigit() else months.get(re.sub(r"[\s.]+", "", mo.lower()))
    if month is None:
        return None
    day = int(re.sub(r"\D", "", g["day"]) or 0)
    year = int(g["year"])
    hour = int(g.get("hour", 0))
    minute = int(g.get("minute", 0))
    ampm = g.get("ampm", "").lower().replace(".", "").strip()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    try:
        return datetime(year, month, day, hour if hour < 24 else 0, minute)
    except ValueError:
        return None


def find_furniture(text: str, *, lang: str = "en") -> Furniture:
    """The page furniture of ``text``: zones of comments, bylines, datelines, stamps,
    live-blog times, captions, credits, promos, related links, headings and widgets, and
    the publication date a dateline, byline or stamp at the top gives.

    Pure and linear in the text's length: each rule is one regex pass, made only when the
    text holds one of the strings the rule requires.

    >>> text = ("Barry Greatorex has swine flu. Photograph: Ben Birchall/PA Ministers face a dilemma.\\n"
    ...         "At 2:36 pm on 24 Jun 2009, Sutara wrote: I caught it yesterday.")
    >>> for z in find_furniture(text).zones:
    ...     print(z.kind, repr(text[z.start:z.end]))
    caption 'Barry Greatorex has swine flu.'
    credit 'Photograph: Ben Birchall/PA'
    comment 'At 2:36 pm on 24 Jun 2009, Sutara wrote: I caught it yesterday.'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    return _find(text, load_rules(lang))  # positional: one cache entry per language


_Candidate = tuple[int, int, str, ZoneRule, dict[str, str | None]]  # (start, end, kind, the rule, its date groups)
_Placed = tuple[Zone, ZoneRule, dict[str, str | None]]  # a zone, its rule and its date groups


def _find(text: str, rf: _RuleFile) -> Furniture:
    """:func:`find_furniture` with the rules ``rf``."""
    zones = _select(text, _candidates(text, rf))
    out = _with_before(text, zones)
    published, published_zone = _published(text, zones, rf.months)
    return Furniture(tuple(out), published, published_zone)


def _candidates(text: str, rf: _RuleFile) -> list[_Candidate]:
    """Every rule's matches: (start, end, kind, the rule, its date groups)."""
    n = len(text)
    cands: list[_Candidate] = []
    for rule in rf.rules:
        # a rule is tried only when one of the strings it requires is in the text (a fast
        # substring search), and only over the text's first `within` characters if it says so
        if rule.requires and not any(r in text for r in rule.requires):
            continue
        for m in rule.regex.finditer(text, 0, min(n, rule.within) if rule.within else n):
            s, e = m.span("zone") if "zone" in rule.regex.groupindex else m.span()
            if e <= s:
                continue
            groups = m.groupdict()
            if rule.back is not None:
                b = rule.back.search(text, max(0, s - LOOK_BACK), s)
                if b is not None:
                    s = b.start()
                    groups = {**b.groupdict(), **{k: v for k, v in groups.items() if v}}
            if rule.extend == "sentence":
                e = sentence_end(text, e)
            elif rule.extend == "line":
                e = max(e, line_end(text, e))
            elif rule.extend == "block":
                e = _block_end(text, max(e, line_end(text, e)))
            elif rule.extend == "end":
                e = n
            cands.append((s, e, rule.kind, rule, groups))
    return cands


def _select(text: str, cands: list[_Candidate]) -> list[_Placed]:
    """The zones the candidates make, earliest first, without overlaps."""
    # earliest first; at the same start the longest
    cands.sort(key=lambda c: (c[0], -c[1]))
    zones: list[_Placed] = []
    end = 0
    for s, e, kind, rule, groups in cands:
        if e <= end:
            continue  # inside an earlier zone
        # the context a rule refuses ("on" before a date) counts only in running text:
        # right after another zone (a credit before a stamp) there is none
        if rule.not_after is not None and not (zones and text[end:s].isspace()) and rule.not_after.search(text, max(0, s - LOOK_BACK), s):
            continue
        s = max(s, end)  # overlapping: the rest of it
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        zones.append((Zone(s, e, kind, rule.name), rule, groups))
        end = e
    return zones


def _with_before(text: str, zones: list[_Placed]) -> list[Zone]:
    """The zones, with those a rule puts before its match."""
    # zones that a rule puts before its match (a caption before its credit, the headline
    # before its "Full Article" link): back to the start of the line, or to the previous
    # line when the match opens a line, and on to the previous zone when it ends on the
    # line before, within the rule's reach
    out: list[Zone] = []
    prev_end = -1  # no zone yet
    for z, rule, _ in zones:
        if rule.before is not None and z.start > prev_end:
            ls = line_start(text, z.start)
            if text[ls : z.start].strip() == "" and ls > 0:
                ls = line_start(text, ls - 1)  # the match opens its line: the line before
            start = max(ls, prev_end)
            gap = text[prev_end:start] if prev_end >= 0 else ""
            if prev_end >= 0 and start > prev_end and len(gap) <= rule.reach and gap.count("\n") <= 1:
                start = prev_end
            while start < z.start and text[start].isspace():
                start += 1
            stop = z.start
            while stop > start and text[stop - 1].isspace():
                stop -= 1
            if start < stop and stop - start <= rule.reach:
                out.append(Zone(start, stop, rule.before, rule.name))
        out.append(z)
        prev_end = z.end
    return out


def _published(text: str, zones: list[_Placed], months: dict[str, int]) -> tuple[datetime | None, Zone | None]:
    """The publication date and its zone: the first publishing zone in the article's top
    lines."""
    published: datetime | None = None
    published_zone: Zone | None = None
    top = min(TOP_CHARS, _nthline_end(text, TOP_LINES))
    for z, rule, groups in zones:
        if z.start >= top or z.kind == "comment":
            break
        if rule.published and z.kind in PUBLISHING_KINDS:
            d = _date(groups, months)
            if d is not None:
                published, published_zone = d, z
                break
    return published, published_zone


def _block_end(text: str, end: int) -> int:
    """The end of the block of short lines without a sentence's final punctuation that
    follows ``end`` (a line's end): the links listed under a "Related" header."""
    while end < len(text):
        nxt = line_end(text, end + 1)
        line = text[end + 1 : nxt].strip()
        if not line or len(line) > BLOCK_LINE or line[-1] in ".!?\"”’':;":
            break
        end = nxt
    return end


def _nthline_end(text: str, k: int) -> int:
    pos = 0
    for _ in range(k):
        nl = text.find("\n", pos)
        if nl < 0:
            return len(text)
        pos = nl + 1
    return pos
