"""What to parse (timeline/_select.py): the sentences that hold a date, found without a parse.

A sentence cut short would be parsed, and read for its event, without its end; so the cuts
are cautious, and these tests hold both sides: where a sentence ends, and where it must not.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline._select import needs_parse, parse_spans, sentence_bounds
from timeline.rules import load


def sentences(text: str) -> list[str]:
    bounds = sentence_bounds(text, 0, len(text))
    return [text[a:b].strip() for a, b in zip(bounds, [*bounds[1:], len(text)])]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The talks ended. The envoys left.", ["The talks ended.", "The envoys left."]),
        ("Prices rose in 2009. They fell again.", ["Prices rose in 2009.", "They fell again."]),
        ("They met on Monday. Nothing came of it.", ["They met on Monday.", "Nothing came of it."]),
        ("Was it over? \"No,\" she said.", ["Was it over?", '"No," she said.']),
        ("Ferry strike ends\nThe ferry sailed again on Friday.", ["Ferry strike ends", "The ferry sailed again on Friday."]),
        ("It rained.\nThe match was called off.", ["It rained.", "The match was called off."]),
        ("One paragraph\n\nanother one", ["One paragraph", "another one"]),
    ],
)
def test_where_a_sentence_ends(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Kim met Dr. Lee in St. Petersburg.",  # titles and abbreviations
        "U.S. officials met on Sept. 4 at 5 p.m. Tuesday.",  # initials, months, times of day
        "George W. Bush spoke.",  # a middle initial
        "The minister said the\nPresident would resign.",  # a wrapped line ending in a word that asks for more
        "The company said\nit would appeal.",  # a wrapped line, the next in lower case
        "Sen. Ben Cardin (D-Md.)\n, who visited the coast, spoke.",  # a line that starts with a comma
        "BP Plc (BP.\nL) said it would pay.",  # a line that closes a bracket the last one opened
        "Crews from the U.\nS. Coast Guard arrived.",  # an initial at the end of a line
        "The index fell 2.5 percent.",  # a decimal point
    ],
)
def test_where_a_sentence_does_not_end(text: str) -> None:
    assert sentences(text) == [text.strip()]


def test_needs_parse() -> None:
    found = load("en").extract("For three years, every week, on Monday, in the past few weeks, at 5 p.m.")
    assert [(m.text, needs_parse(m)) for m in found] == [
        ("three years", False),  # an amount of time dates nothing
        ("every week", False),
        ("Monday", True),
        ("the past few weeks", True),  # a vague span dates what happened in it
        ("5 p.m.", True),
    ]
    assert all(needs_parse(m, every=True) for m in found)  # a history reads every tense


TEXT = (
    "Heavy rain fell overnight. The river burst its banks on Monday. Crews worked through the night.\n"
    "Officials said on Tuesday that the road would reopen next week. Nobody was hurt.\n\n"
    "The council will meet. It has not said when."
)


def spans_of(*words: str) -> list[tuple[int, int]]:
    return [(TEXT.index(w), TEXT.index(w) + len(w)) for w in words]


def test_only_dated_sentences_are_chosen() -> None:
    spans = parse_spans(TEXT, 0, len(TEXT), spans_of("on Monday"))
    assert [TEXT[a:b] for a, b in spans] == ["The river burst its banks on Monday."]


def test_neighbouring_sentences_are_parsed_together() -> None:
    spans = parse_spans(TEXT, 0, len(TEXT), spans_of("on Monday", "on Tuesday", "next week"))
    # "Crews worked..." is not dated: two spans; the second joins two lines' dated sentences
    assert [TEXT[a:b] for a, b in spans] == [
        "The river burst its banks on Monday.",
        "Officials said on Tuesday that the road would reopen next week.",
    ]
    spans = parse_spans(TEXT, 0, len(TEXT), spans_of("on Monday", "overnight"))
    assert [TEXT[a:b] for a, b in spans] == ["Heavy rain fell overnight. The river burst its banks on Monday."]


def test_a_blank_line_is_never_crossed() -> None:
    spans = parse_spans(TEXT, 0, len(TEXT), spans_of("Nobody was hurt", "The council"))
    assert [TEXT[a:b] for a, b in spans] == ["Nobody was hurt.", "The council will meet."]


def test_a_mention_across_a_cut_selects_both_sentences() -> None:
    text = "It ended. Monday came."
    assert parse_spans(text, 0, len(text), [(3, 14)]) == [(0, len(text))]


def test_nothing_to_parse() -> None:
    assert parse_spans(TEXT, 0, len(TEXT), []) == []


def test_only_the_given_stretch_is_read() -> None:
    start = TEXT.index("Officials")
    spans = parse_spans(TEXT, start, len(TEXT), spans_of("on Tuesday"))
    assert spans == [(start, TEXT.index("Nobody") - 1)]


WORDS = ["The", "talks", "ended", "on", "Monday", "Mr.", "U.S.", "said", "the", "in", "2009", "(BP.", "L)", ",", "it", "\n", "\n\n", ".", "?", " "]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60), st.randoms(use_true_random=False))
def test_spans_cover_each_mention_once_in_order(words: list[str], rnd: random.Random) -> None:
    text = " ".join(words)
    if not text.strip():
        return
    mentions = []
    for _ in range(rnd.randint(0, 4)):
        a = rnd.randrange(len(text))
        mentions.append((a, min(len(text), a + rnd.randint(1, 12))))
    spans = parse_spans(text, 0, len(text), mentions)
    assert spans == sorted(spans) and all(a < b for a, b in spans)
    assert all(b <= c for (_, b), (c, _) in zip(spans, spans[1:]))  # no overlap
    assert all(not text[a].isspace() and not text[b - 1].isspace() for a, b in spans)
    for a, b in mentions:
        for i in range(a, b):
            if not text[i].isspace():  # every character of a mention is parsed
                assert any(s <= i < e for s, e in spans), (text, mentions, spans, i)
