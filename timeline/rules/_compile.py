"""Compiling rule data (the tables of the rule files) into :class:`Rule`,
:class:`Modifier` and :class:`RangePattern` objects: macro expansion and template checks."""

from __future__ import annotations

import re
import string
from typing import Any

from .._errors import RuleDataError
from ._lexicon import _KINDS, Lexicon
from ._model import Modifier, RangePattern, Rule

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
#: The direction of anaphoric rules ("that Friday"): nearest to the last mentioned day, in
#: news too ("talks collapsed on May 3; that Friday ..."), not the publication date.
ANCHORED = "anchored"
DIRECTIONS = ("past", "future", "before", "after", ANCHORED)

_MACRO = re.compile(r"\{([a-z_]+)(?::([a-z_0-9]+))?\}")


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

