"""The prefix index is an optimisation only: every rule must find exactly the matches a
full ``finditer`` scan finds, on the rule examples, on random text and on the corpora."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.rules import load
from timeline.rules._prefilter import PrefixIndex, find_all, first_keys, scan

RULES = load("en")
PATTERNS = [r.regex for r in [*RULES.rules, *RULES.negatives]]


def _indexed(text: str) -> list[list[tuple[int, int]]]:
    return [[m.span() for m in ms] for ms in find_all(PATTERNS, text, RULES._index)]


def _full(text: str) -> list[list[tuple[int, int]]]:
    return [[m.span() for m in p.finditer(text) if m.end() > m.start()] for p in PATTERNS]


def _differences(text: str) -> list[str]:
    names = [r.name for r in [*RULES.rules, *RULES.negatives]]
    return [f"{n}: {a} != {b}" for n, a, b in zip(names, _indexed(text), _full(text)) if a != b]


def test_every_rule_is_indexed() -> None:
    # a rule that cannot be indexed is scanned in full: correct, but slow (docs/rules.md)
    names = [r.name for i, r in enumerate([*RULES.rules, *RULES.negatives]) if i in RULES._index.unbounded]
    assert names == []


def test_keys_are_token_pairs() -> None:
    keys = first_keys(re.compile(r"(?<!\w)(?:a|the)\s+(?:week|month)s?\s+ago(?!\w)", re.I))
    assert keys == {("a ", "week"), ("a ", "mont"), ("the ", "week"), ("the ", "mont")}


def test_a_pattern_that_may_start_with_whitespace_is_not_indexed() -> None:
    assert first_keys(re.compile(r"\s*now")) is None
    assert first_keys(re.compile(r"(?:x)?")) is None


def test_scan_is_finditer_on_given_positions() -> None:
    pattern = re.compile(r"(?<!\w)a+b")
    text = "ab aab aaab b"
    assert [m.span() for m in scan(pattern, text, None)] == [m.span() for m in pattern.finditer(text)]
    assert [m.span() for m in scan(pattern, text, [0, 1, 3, 4, 7])] == [(0, 2), (3, 6), (7, 11)]


def test_short_tokens_are_whole_words() -> None:
    index = PrefixIndex([first_keys(re.compile(r"(?<!\w)a\s+week(?!\w)", re.I))])
    text = "After a week and a half, about a weekend."
    assert [text[p:].split()[0] for p in index.candidates(text)[0]] == ["a", "a"]


def test_rule_examples_scan_the_same() -> None:
    texts = [ex["text"] for r in [*RULES.rules, *RULES.negatives] for ex in r.examples]
    assert texts
    for text in texts:
        assert _differences(text) == [], text


_WORDS = st.sampled_from(
    "the a an last next this week weeks day days ago later earlier on in of at by "
    "Monday monday Sept. September 4 14 2023 1990s '90s 3 p.m. 10:30 noon night "
    "three twenty-one half quarter year-ago May may mid- early late 5% $ ( ) , . - / "
    "Christmas spring fiscal 2nd first every each now today yesterday tomorrow".split()
)
_SEPS = st.sampled_from([" ", " ", " ", "  ", "\n", ", ", "-", "", "\t", " \u00a0"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_WORDS, _SEPS), max_size=25))
def test_random_temporal_text_scans_the_same(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + s for w, s in parts)
    assert _differences(text) == []


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_random_unicode_scans_the_same(text: str) -> None:
    assert _differences(text) == []


def test_corpora_extract_the_same(shared_dir: Path) -> None:
    files = sorted((shared_dir / "corpora" / "tbaq").rglob("*.tml"))[::16]
    files += sorted((shared_dir / "corpora" / "timeline17-dev").rglob("*.txt"))[::120]
    assert files
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace")
        assert _differences(text) == [], f.name
