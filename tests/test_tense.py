"""Tests generated from ``timeline/rules/en/tense.toml``: every word list and cue pattern
carries examples ``{ text, timex | span, direction, rules_only?, parsed? }``, each run with
the rules-only heuristic (``tense_from_text``) and with the spaCy parse (``tense_from_doc``).
"""

from __future__ import annotations

from typing import Any

import pytest

from timeline._errors import RuleDataError
from timeline._tense import WORD_LISTS, compile_cues, load_cues, tense_from_doc, tense_from_text
from timeline.rules import _read_toml


def _span(ex: dict[str, Any]) -> tuple[int, int]:
    if "span" in ex:
        return ex["span"][0], ex["span"][1]
    start = ex["text"].index(ex["timex"])
    return start, start + len(ex["timex"])


def _params(reading: str) -> list[Any]:
    params = []
    counts: dict[str, int] = {}
    for name, ex in load_cues().examples:
        i = counts[name] = counts.get(name, -1) + 1
        expected = ex.get(reading, ex["direction"])
        params.append(pytest.param(ex["text"], _span(ex), None if expected == "none" else expected, id=f"{name}-{i}"))
    return params


@pytest.mark.parametrize(("text", "span", "expected"), _params("rules_only"))
def test_tense_example_rules_only(text: str, span: tuple[int, int], expected: str | None) -> None:
    t = tense_from_text(text, *span)
    assert t.direction == expected, f"{text[span[0]:span[1]]!r} in {text!r}: {t.describe()}"


@pytest.mark.parametrize(("text", "span", "expected"), _params("parsed"))
def test_tense_example_parsed(nlp: Any, text: str, span: tuple[int, int], expected: str | None) -> None:
    t = tense_from_doc(nlp(text), *span)
    assert t.direction == expected, f"{text[span[0]:span[1]]!r} in {text!r}: {t.describe()}"


def test_every_list_and_cue_has_examples() -> None:
    named = {name for name, _ in load_cues().examples}
    expected = set(WORD_LISTS) | {f"cue_{d}" for d in ("future", "past", "conditional", "present")} | {"not_past", "clause_break", "right_break"}
    assert expected <= named, f"without examples: {sorted(expected - named)}"


def test_examples_are_well_formed() -> None:
    for name, ex in load_cues().examples:
        assert ("timex" in ex) != ("span" in ex), f"{name}: give `timex` or `span`: {ex}"
        if "timex" in ex:
            assert ex["timex"] in ex["text"], f"{name}: {ex['timex']!r} not in {ex['text']!r}"
        for key in ("direction", "rules_only", "parsed"):
            assert ex.get(key, "none") in ("past", "future", "present", "conditional", "none"), f"{name}: {ex}"


def test_loaded_once() -> None:
    assert load_cues() is load_cues("en")


def test_missing_word_list_is_named() -> None:
    data = _read_toml("en", "tense.toml")
    del data["words"]["planning"]
    with pytest.raises(RuleDataError, match=r"words\.planning"):
        compile_cues(data)


def test_bad_cue_pattern_is_reported() -> None:
    data = _read_toml("en", "tense.toml")
    data["cue"][0]["patterns"] = ["will("]
    with pytest.raises(RuleDataError, match="bad cue pattern"):
        compile_cues(data)
