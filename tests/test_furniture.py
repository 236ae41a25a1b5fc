"""Page furniture: tests generated from the rule file's examples and negatives, then
whole-article zoning and masking on short scraped-looking articles of our own."""

from __future__ import annotations

import re
import time
from datetime import datetime
from typing import Any

import pytest

from timeline._errors import RuleDataError
from timeline._furniture import KINDS, Furniture, Zone, _compile, _find, _RuleFile, find_furniture, load_rules
from timeline._sentences import sentence_end as _sentence_end

RULES = load_rules("en")


def _examples() -> list[Any]:
    return [
        pytest.param(ex["text"], list(ex["zones"]), rule.name, id=f"{rule.name}-{i}")
        for rule in RULES.rules
        for i, ex in enumerate(rule.examples)
    ]


@pytest.mark.parametrize(("text", "expected", "rule"), _examples())
def test_rule_example(text: str, expected: list[str], rule: str) -> None:
    f = find_furniture(text)
    found = [text[z.start : z.end] for z in f.zones]
    assert found == expected, f"{rule}: {f.zones}"
    assert any(z.rule == rule for z in f.zones), f"{rule} found nothing in {text!r}: {f.zones}"


@pytest.mark.parametrize("text", RULES.negatives)
def test_negative(text: str) -> None:
    f = find_furniture(text)
    assert not f.zones, [(z, text[z.start : z.end]) for z in f.zones]
    assert f.published is None


def test_every_rule_has_an_example() -> None:
    assert [r.name for r in RULES.rules if not r.examples] == []
    assert len(RULES.negatives) >= 10


def test_kinds_are_the_vocabulary() -> None:
    assert {r.kind for r in RULES.rules} <= set(KINDS)


def test_the_timex_loader_ignores_the_file() -> None:
    from timeline.rules import load

    names = {r.name for r in load("en").rules} | {r.name for r in load("en").negatives}
    assert not names & {r.name for r in RULES.rules}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "x", "kind": "advert", "pattern": "a"}, "unknown kind 'advert'"),
        ({"name": "x", "kind": "promo", "pattern": "a", "extend": "page"}, "unknown extend 'page'"),
        ({"name": "x", "kind": "promo", "pattern": "{nope}"}, "unknown macro {nope}"),
        ({"name": "x", "kind": "promo", "pattern": "(a"}, "bad pattern"),
        ({"name": "x", "kind": "stamp", "pattern": "a", "published": True}, "no (?P<year>...) group"),
        ({"name": "x", "kind": "promo"}, "lacks 'pattern'"),
        ({"name": "x", "kind": "promo", "pattern": "a", "requires": "a"}, "'requires' must be a list"),
        ({"name": "x", "kind": "promo", "pattern": "a", "within": 0}, "'within' must be a positive"),
        ({"name": "x", "kind": "promo", "pattern": "a", "back": "(a"}, "bad back"),
        ({"name": "x", "kind": "promo", "pattern": "a", "before": "ad"}, "unknown kind 'ad' in 'before'"),
    ],
)
def test_bad_rules_are_refused(data: dict[str, Any], message: str) -> None:
    with pytest.raises(RuleDataError, match=re.escape(message)):
        _compile(data, {}, "test.toml")


def test_unknown_language() -> None:
    with pytest.raises(RuleDataError, match="no rules for language 'xx'"):
        find_furniture("text", lang="xx")


def test_wrong_type() -> None:
    with pytest.raises(TypeError, match="text must be a str"):
        find_furniture(b"bytes")  # type: ignore[arg-type]


# --- whole articles (our own wording) ----------------------------------------------------

WIRE = (
    "Storm closes ports Full Article Dockers strike ends early\n"
    "By Ann Lee and Tom Hale, Energy Correspondent HOUSTON | Tue Jun 8, 2010 6:40 pm EDT "
    "HOUSTON (Reuters) - Three ports on the Texas coast closed on Tuesday as a storm moved ashore.\n"
    "The port authority said the ports would reopen on Thursday.\n"
    "A worker ties a boat in Galveston, Texas, June 7, 2010. REUTERS/Jane Roe\n"
    "The storm is the second this month.\n"
)

BLOG = (
    "Why the fund matters\n"
    "Sam Park | 14:05 UK time, Monday, 14 June 2010\n"
    "The compensation fund was agreed yesterday after four hours of talks.\n"
    "Lawyers said it could pay out by August.\n"
    "At 3:10 pm on 14 Jun 2010, reader42 wrote: I heard about it yesterday on the radio.\n"
    "Nobody asked us in March.\n"
    "Report abuse\n"
    "At 3:45 pm on 14 Jun 2010, Mo wrote: The talks began on Sunday, not Monday.\n"
)

GUARDIAN_LIKE = (
    "Ports shut as storm nears Tuesday 8 June 2010 21.15 BST Workers tie boats in Galveston.\n"
    "Photograph: Jane Roe/AP Three ports on the Texas coast closed today as a storm moved ashore.\n"
    "HOW LONG WILL THEY STAY SHUT?\n"
    "Officials said the ports would reopen on Thursday.\n"
    "4.05pm: The coastguard says all ships are safe.\n"
    "A version appeared on p3 of the Main section of the Guardian on Wednesday 9 June 2010\n"
)


def _texts(text: str, f: Furniture) -> list[tuple[str, str]]:
    return [(z.kind, text[z.start : z.end]) for z in f.zones]


def test_wire_article() -> None:
    f = find_furniture(WIRE)
    assert _texts(WIRE, f) == [
        ("related", "Storm closes ports"),
        ("related", "Full Article"),
        ("byline", "By Ann Lee and Tom Hale, Energy Correspondent"),
        ("dateline", "HOUSTON | Tue Jun 8, 2010 6:40 pm EDT HOUSTON (Reuters) -"),
        ("caption", "A worker ties a boat in Galveston, Texas, June 7, 2010."),
        ("credit", "REUTERS/Jane Roe"),
    ]
    assert f.published == datetime(2010, 6, 8, 18, 40)
    assert f.published_zone is not None and f.published_zone.kind == "dateline"
    masked = f.mask(WIRE)
    assert "Three ports on the Texas coast closed on Tuesday" in masked
    assert "June 7, 2010" not in masked and "Reuters" not in masked


def test_blog_with_comments() -> None:
    f = find_furniture(BLOG)
    kinds = [z.kind for z in f.zones]
    assert kinds == ["byline", "comment"]
    comment = f.zones[-1]
    assert BLOG[comment.start :].startswith("At 3:10 pm") and BLOG[comment.end :] == "\n"
    assert f.published == datetime(2010, 6, 14, 14, 5)
    masked = f.mask(BLOG)
    # the readers' "yesterday" and "Sunday" are gone; the article's "yesterday" is kept
    assert masked.count("yesterday") == 1 and "Sunday" not in masked and "March" not in masked
    assert "after four hours of talks" in masked


def test_guardian_like_article() -> None:
    f = find_furniture(GUARDIAN_LIKE)
    assert _texts(GUARDIAN_LIKE, f) == [
        ("stamp", "Tuesday 8 June 2010 21.15 BST"),
        ("caption", "Workers tie boats in Galveston."),
        ("credit", "Photograph: Jane Roe/AP"),
        ("heading", "HOW LONG WILL THEY STAY SHUT?"),
        ("liveblog_time", "4.05pm:"),
        ("stamp", "A version appeared on p3 of the Main section of the Guardian on Wednesday 9 June 2010"),
    ]
    assert f.published == datetime(2010, 6, 8, 21, 15)
    masked = f.mask(GUARDIAN_LIKE)
    assert "Three ports on the Texas coast closed today" in masked
    assert "The coastguard says all ships are safe." in masked


def test_plain_article_has_no_furniture() -> None:
    text = (
        "The council voted on Monday to close the bridge.\n"
        "At 3 pm on Tuesday, engineers began the inspection, the mayor wrote in a letter.\n"
        "NATO and the WHO were not involved.\n"
    )
    f = find_furniture(text)
    assert f == Furniture(())
    assert f.mask(text) is text
    assert repr(f) == "Furniture(0 zones)"
    assert not f


def test_published_only_from_the_top() -> None:
    body = "".join(f"Paragraph {i} says the work goes on.\n" for i in range(10))
    text = body + "Updated: June 3, 2010 10:00 GMT\n"
    f = find_furniture(text)
    assert [z.kind for z in f.zones] == ["stamp"]
    assert f.published is None
    f = find_furniture("Updated: June 3, 2010 10:00 GMT\n" + body)
    assert f.published == datetime(2010, 6, 3, 10, 0)


def test_mask_keeps_lengths_and_newlines() -> None:
    for text in (WIRE, BLOG, GUARDIAN_LIKE):
        f = find_furniture(text)
        masked = f.mask(text)
        assert len(masked) == len(text)
        assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
        for i, (a, b) in enumerate(zip(text, masked)):
            assert b == (a if not f.covers(i, i + 1) or a == "\n" else " ")


def test_zones_are_sorted_and_disjoint() -> None:
    for text in (WIRE, BLOG, GUARDIAN_LIKE):
        zones = find_furniture(text).zones
        assert all(z.start < z.end for z in zones)
        assert all(a.end <= b.start for a, b in zip(zones, zones[1:]))


def test_covers() -> None:
    f = Furniture((Zone(0, 5, "credit", "r"), Zone(5, 9, "caption", "r"), Zone(20, 30, "promo", "r")))
    assert f.covers(0, 9) and f.covers(6, 8) and f.covers(25, 30)
    assert not f.covers(8, 12) and not f.covers(10, 11) and not f.covers(29, 31)
    assert f.covers(3, 3) and not f.covers(9, 9)
    assert f.kinds() == {"credit": 1, "caption": 1, "promo": 1}


def test_repr() -> None:
    f = find_furniture(WIRE)
    assert repr(f).startswith("Furniture(6 zones: related 0:18, related 19:31, byline 58:103, dateline 104:161, ...")
    assert repr(f).endswith("published=2010-06-08T18:40)")
    assert repr(f.zones[0]) == "Zone(0:18 related 'full_article_link')"


@pytest.mark.parametrize(
    "text",
    [
        "wrote: " * 150_000,
        "12:34:" * 180_000,
        "1" * 1_000_000,
        "A" * 1_000_000,
        "Photograph: " + "a/" * 300_000,
        "At 2:36 pm on 24 Jun 2009, " * 40_000,
        ("By Ann Lee | " * 80_000),
        "HOW MANY " * 120_000,
    ],
    ids=["wrote", "digits-colons", "digits", "capitals", "slashes", "stamps", "bylines", "caps-words"],
)
def test_pathological_text_is_fast(text: str) -> None:
    t = time.perf_counter()
    find_furniture(text)
    assert time.perf_counter() - t < 3.0


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("Seen at 12:23 a.m. EDT, Saturday Sept. 4, 2010, the cap rose. Next one.", "Seen at 12:23 a.m. EDT, Saturday Sept. 4, 2010, the cap rose."),
        ("Adm. Thad W. Allen spoke in the U.S. Senate. Then he left.", "Adm. Thad W. Allen spoke in the U.S. Senate."),
        ("It ended. at last, not. Then more.", "It ended. at last, not."),
        ("No end on this line\nNext line.", "No end on this line"),
    ],
)
def test_sentence_end(text: str, sentence: str) -> None:
    assert text[: _sentence_end(text, 0)] == sentence


def test_requires_within_back_and_not_after() -> None:
    def zones(rule: dict[str, Any], text: str) -> list[str]:
        rf = _RuleFile((_compile({"name": "x", "kind": "promo", **rule}, {}, "t"),), (), RULES.months)
        return [text[z.start : z.end] for z in _find(text, rf).zones]

    text = "Buy now! Then, much later in the text: Buy now!"
    assert zones({"pattern": "Buy now!"}, text) == ["Buy now!", "Buy now!"]
    assert zones({"pattern": "Buy now!", "within": 20}, text) == ["Buy now!"]
    assert zones({"pattern": "Buy now!", "requires": ["Sell"]}, text) == []
    assert zones({"pattern": "Buy now!", "not_after": ":\\s*"}, text) == ["Buy now!"]
    assert zones({"pattern": "now!", "back": "Buy\\s+"}, text) == ["Buy now!", "Buy now!"]


# other outlets' layouts (our own wording): the kinds generalise beyond the dev sites

OUTLETS = {
    "wire_cnn": (
        "Story highlights\n"
        "PENSACOLA, Florida (CNN) -- Tar balls washed ashore on Friday, officials said.\n"
        '"We are ready," the mayor said on Thursday.\n'
        "Watch Anderson Cooper 360 weeknights at 10 ET\n"
        "CNN's Ann Lee contributed to this report.\n",
        ["Story highlights", "PENSACOLA, Florida (CNN) --", "Watch Anderson Cooper 360 weeknights at 10 ET", "CNN's Ann Lee", "contributed to this report."],
        None,
    ),
    "newspaper": (
        "Oil Reaches Florida\n"
        "By JOHN DOE and JANE ROE\n"
        "Published: June 3, 2010\n"
        "WASHINGTON — The administration said on Thursday that the cap was holding.\n"
        "A version of this article appeared in print on June 4, 2010, on page A1 of the New York edition.\n",
        ["By JOHN DOE and JANE ROE", "Published: June 3, 2010", "WASHINGTON —", "A version of this article appeared in print on June 4, 2010, on page A1 of the New York edition."],
        datetime(2010, 6, 3),
    ),
    "broadsheet": (
        "BP cap holds\n"
        "By Ann Lee in Washington\n"
        "7:00PM BST 20 Jun 2010\n"
        "The cap held through Saturday, engineers said.\n"
        "Related Articles\n"
        "BP shares rise 20 Jun 2010\n"
        "Obama visits the Gulf\n",
        ["By Ann Lee in Washington", "7:00PM BST 20 Jun 2010", "Related Articles\nBP shares rise 20 Jun 2010\nObama visits the Gulf"],
        datetime(2010, 6, 20, 19, 0),
    ),
    "news_site": (
        "Last Modified: 20 Jun 2010 14:32 GMT\n"
        "The cap held on Saturday, engineers said.\n"
        "Comments (3)\n"
        "JaneQ 2 hours ago\n"
        "The cap failed last week!\n",
        ["Last Modified: 20 Jun 2010 14:32 GMT", "Comments (3)", "JaneQ 2 hours ago\nThe cap failed last week!"],
        datetime(2010, 6, 20, 14, 32),
    ),
}


@pytest.mark.parametrize("name", OUTLETS)
def test_other_outlets(name: str) -> None:
    text, expected, published = OUTLETS[name]
    f = find_furniture(text)
    assert [text[z.start : z.end] for z in f.zones] == expected
    assert f.published == published
    masked = f.mask(text)
    assert "engineers said" in masked or "officials said" in masked or "the cap was holding" in masked
