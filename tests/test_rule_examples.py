"""Tests generated from the rule data: every rule's examples, every negative's examples.

Adding a rule to ``timeline/rules/<lang>/*.toml`` with its ``examples`` adds its tests here.
An example is ``{ text, value, timex?, published?, date_order?, mode? }``: ``timex`` is the
substring that must be tagged (default: the whole text), ``published`` defaults to the rule
file's top-level ``published`` key, ``date_order`` and ``mode`` (default ``"news"``; ``"narrative"``
for histories) are passed to ``tag``.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

import timeline
from timeline.rules import load

LANG = "en"

# Rules (and negatives) that have no example yet: each one should get one, then leave this list.
UNTESTED: frozenset[str] = frozenset()


def _examples() -> list[Any]:
    params = []
    for rule in load(LANG).rules:
        for i, ex in enumerate(rule.examples):
            published = ex.get("published", rule.published)
            params.append(
                pytest.param(
                    ex["text"], ex.get("timex", ex["text"]), ex["value"], published, ex.get("date_order"), ex.get("mode", "news"), id=f"{rule.name}-{i}"
                )
            )
    return params


def _modifier_examples() -> list[Any]:
    return [
        pytest.param(ex["text"], ex.get("timex", ex["text"]), ex["value"], ex["mod"], ex.get("published", m.published), id=f"{m.name}-{i}")
        for m in load(LANG).modifiers
        for i, ex in enumerate(m.examples)
    ]


def _negatives() -> list[Any]:
    params = []
    for rule in load(LANG).negatives:
        for i, ex in enumerate(rule.examples):
            published = ex.get("published", rule.published)
            params.append(pytest.param(ex["text"], tuple(ex.get("tagged", ())), published, id=f"{rule.name}-{i}"))
    return params


EXAMPLES = _examples()
MODIFIER_EXAMPLES = _modifier_examples()
NEGATIVES = _negatives()


def _check(text: str, expected_text: str, expected_value: str, found: list[timeline.Timex]) -> None:
    hits = [t for t in found if t.text == expected_text]
    assert hits, f"{expected_text!r} not tagged in {text!r}; got {found}"
    assert any(t.value == expected_value for t in hits), (
        f"{expected_text!r}: expected {expected_value}, got {[t.value for t in hits]} "
        f"({'; '.join(t.reason for t in hits)})"
    )


_PARAMS = ("text", "expected_text", "expected_value", "published", "date_order", "mode")


@pytest.mark.parametrize(_PARAMS, EXAMPLES)
def test_rule_example_rules_only(text: str, expected_text: str, expected_value: str, published: str | None, date_order: Any, mode: Any) -> None:
    _check(text, expected_text, expected_value, timeline.tag(text, published=published, nlp=False, date_order=date_order, mode=mode))


@pytest.mark.parametrize(_PARAMS, EXAMPLES)
def test_rule_example_with_model(
    nlp: Any, text: str, expected_text: str, expected_value: str, published: str | None, date_order: Any, mode: Any
) -> None:
    _check(text, expected_text, expected_value, timeline.tag(text, published=published, nlp=nlp, date_order=date_order, mode=mode))


@pytest.mark.parametrize(("text", "allowed", "published"), NEGATIVES)
def test_negative_example(text: str, allowed: tuple[str, ...], published: str | None) -> None:
    found = timeline.tag(text, published=published, nlp=False)
    unexpected = [t for t in found if t.text not in allowed]
    assert not unexpected, f"negative example {text!r} tagged {unexpected}"


def test_every_rule_has_an_example() -> None:
    rules = [*load(LANG).rules, *load(LANG).negatives]
    missing = {r.name for r in rules if not r.examples}
    assert missing - UNTESTED == set(), f"rules without examples: {sorted(missing - UNTESTED)}"
    # keep UNTESTED honest: its names must exist and still lack examples
    names = {r.name for r in rules}
    assert UNTESTED <= names, f"unknown rule names in UNTESTED: {sorted(UNTESTED - names)}"
    assert UNTESTED <= missing, f"these rules have examples now, remove them from UNTESTED: {sorted(UNTESTED - missing)}"


def test_examples_were_generated() -> None:
    assert len(EXAMPLES) > 100
    assert len(NEGATIVES) >= len(load(LANG).negatives)


@pytest.mark.parametrize(("text", "expected_text", "expected_value", "expected_mod", "published"), MODIFIER_EXAMPLES)
def test_modifier_example(text: str, expected_text: str, expected_value: str, expected_mod: str, published: str | None) -> None:
    found = timeline.tag(text, published=published, nlp=False)
    _check(text, expected_text, expected_value, found)
    assert any(t.text == expected_text and t.mod == expected_mod for t in found), found


def test_every_modifier_has_examples() -> None:
    assert all(m.examples for m in load(LANG).modifiers)


# An alternative that opens with a digit run ("\d[\d,.]*", "\d+") may be tried at every digit
# of a long chain ("1,1,1,...", a scraped number array): each try rescans the chain, which is
# quadratic. A lookbehind that refuses to start inside a run keeps every rule linear.
_RUN_START = re.compile(r"(?:^|\||\((?:\?:)?)(?:\\b)?\\d(?:\[\\d[^\]]*\][*+]|\+|\*)")


def test_no_rule_starts_a_match_inside_a_run_of_digits() -> None:
    unguarded = []
    for r in [*load(LANG).rules, *load(LANG).negatives]:
        for m in _RUN_START.finditer(r.regex.pattern):
            before = r.regex.pattern[max(0, m.start() - 12) : m.start() + 1]
            if "(?<![" not in before and "(?<!\\d" not in before:
                unguarded.append((r.name, r.regex.pattern[m.start() : m.start() + 30]))
    assert not unguarded, unguarded


# A value (or mod) template naming a field the pattern does not define used to disable its
# rule silently; loading now refuses it, naming the file and the rule.
@pytest.mark.parametrize(
    ("key", "template", "pattern"),
    [("value", "XXXX-{month}-{dya}", r"{month}\s+{day}"), ("mod", "{mood}", r"{mod}\s+{month}"), ("value", "{dur}", r"{num}\s+years")],
)
def test_a_template_naming_an_undefined_group_is_refused(key: str, template: str, pattern: str) -> None:
    from timeline._errors import RuleDataError
    from timeline.rules import _compile

    data = {"name": "misspelt_rule", "pattern": pattern, "value": "XXXX-{month}", key: template, "examples": []}
    with pytest.raises(RuleDataError, match=r"rules/en/dates\.toml: rule 'misspelt_rule'.*" + re.escape(key)):
        _compile(data, load(LANG).lexicon, "rules/en/dates.toml", {})


def test_defaults_and_derived_fields_satisfy_a_template() -> None:
    from timeline.rules import _compile

    lex = load(LANG).lexicon
    _compile({"name": "ok_defaults", "pattern": r"{month}(?:\s+{year})?", "value": "{year}-{month}", "defaults": {"year": "XXXX"}}, lex, "x.toml", {})
    _compile({"name": "ok_derived", "pattern": r"{num}\s+{unit}", "value": "{dur}"}, lex, "x.toml", {})
