"""Reliability (issue 6): every bad input gets a clear answer, nothing is lost, results are
reproducible. docs/errors.md lists each bad-input class with the test here that shows it."""

from __future__ import annotations

import io
import json
import os
import random
import re
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline import Document, Timeline
from timeline import _errors
from timeline._timex3 import interval_of, is_valid_value
from timeline.cli import main

REPO = Path(__file__).resolve().parent.parent
MANIFEST = REPO / "examples" / "articles" / "manifest.jsonl"
ERRORS_DOC = REPO / "docs" / "errors.md"
PUB = "2023-09-12"


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    """The single ``timeline: error: ...`` line of ``err`` (it must be the last line)."""
    lines = err.splitlines()
    assert lines and lines[-1].startswith("timeline: error: "), err
    assert [line for line in lines if line.startswith("timeline: error")] == [lines[-1]], err
    return lines[-1]


def assert_offsets(text: str, found: list[timeline.Timex]) -> None:
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


# --- the error hierarchy -------------------------------------------------------------------------


def _documented_tree(which: int = 0) -> dict[str, str | None]:
    """class name -> parent name, read from a tree drawn in docs/errors.md (0: the errors,
    1: the warnings)."""
    text = ERRORS_DOC.read_text(encoding="utf-8")
    block = text.split("```text")[1 + which].split("```", 1)[0]
    parents: dict[str, str | None] = {}
    stack: list[tuple[int, str]] = []
    for line in block.strip("\n").splitlines():
        m = re.match(r"^([\s│├└─]*)([A-Z]\w+)", line)
        assert m, line
        depth, name = len(m.group(1)), m.group(2)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parents[name] = stack[-1][1] if stack else None
        stack.append((depth, name))
    return parents


def test_error_hierarchy_is_the_documented_tree() -> None:
    tree = _documented_tree()
    assert set(tree) == set(_errors.__all__)
    assert tree["TimelineError"] is None
    for name, parent in tree.items():
        cls = getattr(timeline, name)
        assert cls is getattr(_errors, name)
        if parent is not None:
            assert cls.__bases__[0] is getattr(_errors, parent), name
            assert issubclass(cls, timeline.TimelineError)


def test_warning_hierarchy_is_the_documented_tree() -> None:
    tree = _documented_tree(1)
    assert set(tree) == set(_errors.WARNINGS)
    assert tree["TimelineWarning"] is None
    assert issubclass(timeline.TimelineWarning, UserWarning)
    for name, parent in tree.items():
        cls = getattr(timeline, name)
        assert cls is getattr(_errors, name) and name in timeline.__all__
        if parent is not None:
            assert cls.__bases__[0] is getattr(_errors, parent), name


def test_errors_doc_table_names_existing_tests() -> None:
    """Every test the table in docs/errors.md cites exists (in this file or another)."""
    text = ERRORS_DOC.read_text(encoding="utf-8")
    cited = set(re.findall(r"`(test_\w+)`", text))
    assert len(cited) >= 20
    defined = {
        m.group(1)
        for p in (REPO / "tests").glob("test_*.py")
        for m in re.finditer(r"^(?:async )?def (test_\w+)", p.read_text(encoding="utf-8"), re.M)
    }
    assert cited <= defined, sorted(cited - defined)
    assert "errors.md" in (REPO / "docs" / "index.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "call",
    [
        lambda: timeline.tag(b"on Monday", published=PUB, nlp=False),
        lambda: timeline.tag("on Monday", published=20230912, nlp=False),
        lambda: timeline.tag("on Monday", published=PUB, nlp="en_core_web_sm"),
        lambda: timeline.tag("on Monday", published=PUB, nlp=False, mode=1),
        lambda: timeline.parse_published(1.5),
        lambda: Document(b"text", published=PUB),
        lambda: Document("text", published=PUB, id=3),
        lambda: Document("text", published=PUB, title=["t"]),
        lambda: timeline.build("not documents"),
        lambda: timeline.build([Document("x", published=PUB), "y"]),
        lambda: timeline.build([Document("x", published=PUB)], nlp=3),
        lambda: Timeline([1]),
        lambda: Timeline().filter(actor=3),
        lambda: Timeline().filter(start=20230912),
        lambda: Timeline().plot(title=3),
        lambda: Document.from_html(3.5),
    ],
    ids=lambda c: "",
)
def test_wrong_argument_types_raise_type_error(call: Any) -> None:
    with pytest.raises(TypeError):
        call()


@pytest.mark.parametrize(
    "value",
    [
        "2023-02-30",
        "2023-13-01",
        "0000-00-00",
        "2023-09-12T25:00",
        "2023-09-12T23:60",
        "2023-09-12T02:00:00+25:00",
        "Feb 30, 2023",
        "yesterday",
        "next Monday",
        "not a date",
        "",
        "   ",
        "\x00\x01",
        "10000-01-01",
    ],
)
def test_bad_publication_dates_name_the_value(value: str) -> None:
    with pytest.raises(timeline.DateInputError) as info:
        timeline.tag("It rained yesterday.", published=value, nlp=False)
    assert isinstance(info.value, timeline.TimelineError) and isinstance(info.value, ValueError)
    assert info.value.value == value
    assert repr(value) in str(info.value)
    for where in (lambda: Document("x", published=value), lambda: timeline.parse_published(value)):
        with pytest.raises(timeline.DateInputError):
            where()


def test_a_huge_bad_date_gives_a_short_message_quickly() -> None:
    value = "not a date " * 10_000
    t0 = time.perf_counter()
    with pytest.raises(timeline.DateInputError) as info:
        timeline.parse_published(value)
    assert time.perf_counter() - t0 < 1.0
    assert info.value.value == value and len(str(info.value)) < 200
    assert repr(value[:20])[:-1] in str(info.value)


# --- publication dates: time zones and None --------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "yesterday"),
    [
        ("2023-09-12T02:00+09:00", "2023-09-11"),
        ("2023-09-12T02:00:00.5+09", "2023-09-11"),
        ("20230912T0200+0900", "2023-09-11"),
        (datetime(2023, 9, 12, 2, 0, tzinfo=timezone(timedelta(hours=9))), "2023-09-11"),
        ("2023-09-11T23:00:00-05:00", "2023-09-10"),
        (datetime(2023, 9, 11, 23, 0, tzinfo=timezone(timedelta(hours=-5))), "2023-09-10"),
        ("Tue, 12 Sep 2023 02:00:00 +0900", "2023-09-11"),
        ("Sept 12, 2023 02:00 KST", "2023-09-11"),
        ("Mon, 11 Sep 2023 23:00:00 -0500", "2023-09-10"),
    ],
)
def test_time_zone_aware_publication_dates_use_their_local_date(published: Any, yesterday: str) -> None:
    [t] = timeline.tag("It rained yesterday.", published=published, nlp=False)
    assert t.value == yesterday


def test_local_date_does_not_depend_on_the_machine_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is not available")
    try:
        for zone in ("UTC", "America/Los_Angeles", "Asia/Tokyo"):
            monkeypatch.setenv("TZ", zone)
            time.tzset()
            for published in ("Sept 12, 2023 02:00 KST", "2023-09-12T02:00+09:00", "Mon, 11 Sep 2023 23:00:00 -0500"):
                local = timeline.parse_published(published)
                assert local is not None and local.tzinfo is None
                assert local.hour in (2, 23)
                assert local.date() == (date(2023, 9, 12) if local.hour == 2 else date(2023, 9, 11))
    finally:
        monkeypatch.undo()
        time.tzset()


RELATIVE = [
    "yesterday",
    "tomorrow",
    "on Monday",
    "last Friday",
    "next week",
    "last month",
    "next year",
    "three days ago",
    "two weeks ago",
    "this morning",
    "at Christmas",
    "next spring",
    "later this month",
    "last quarter",
]


@pytest.mark.parametrize("phrase", RELATIVE)
def test_without_publication_date_relative_values_stay_underspecified(phrase: str) -> None:
    text = f"Officials said it happened {phrase}."
    [t] = timeline.tag(text, published=None, nlp=False)
    assert t.text in phrase
    assert "X" in t.value and is_valid_value(t.value)
    assert t.interval is None and t.granularity is None and t.anchor is None
    [dated] = timeline.tag(text, published=PUB, nlp=False)
    assert (dated.start, dated.end) == (t.start, t.end) and "X" not in dated.value


def test_without_publication_date_absolute_values_are_kept() -> None:
    text = "The treaty was signed on Sept. 4, 2023, and ratified in March 2024, then on Monday."
    undated = timeline.tag(text, published=None, nlp=False)
    dated = timeline.tag(text, published=PUB, nlp=False)
    assert [t.value for t in undated][:2] == [t.value for t in dated][:2] == ["2023-09-04", "2024-03"]
    assert undated[2].value == "XXXX-WXX-1"
    # a chronology without publication dates keeps its documents and dates only what it can
    doc = Document(text, published=None, id="undated")
    assert doc.published is None and doc.to_dict()["published"] is None


def test_what_follows_an_unplaced_date_is_not_counted_from_an_earlier_one() -> None:
    text = "The talks opened on Sept. 4, 2023. They collapsed yesterday, and resumed the following day."
    found = {t.text: t for t in timeline.tag(text, published=None, nlp=False)}
    assert found["Sept. 4, 2023"].value == "2023-09-04"
    assert found["yesterday"].interval is None
    # "the following day" follows "yesterday", which has no date: it cannot be 2023-09-05
    assert found["the following day"].interval is None
    dated = {t.text: t.value for t in timeline.tag(text, published=PUB, nlp=False)}
    assert dated["the following day"] == PUB
    # the same in narrative mode, where relative phrases count from the story's date: with
    # none, nothing is counted
    text = "They collapsed yesterday. Five months ago they had resumed."
    found = {t.text: t for t in timeline.tag(text, published=None, nlp=False, mode="narrative")}
    assert found["yesterday"].interval is None
    assert found["Five months ago"].interval is None
    # a history told by months places "yesterday" only to its month (2021-03-XX), and what
    # follows counts from that month, never from an older day
    text = "The talks opened on Sept. 4, 2020. In March 2021 they collapsed yesterday. Five months ago they had resumed."
    found = {t.text: t for t in timeline.tag(text, published=None, nlp=False, mode="narrative")}
    assert found["yesterday"].value == "2021-03-XX"
    assert found["Five months ago"].value == "2020-10"


# --- odd text ------------------------------------------------------------------------------------

ODD_TEXTS = {
    "control characters": "\x00\x01\x02 on Monday \x7f\x1b[31m yesterday\x07",
    "zero-width characters": "on\u200bMonday, yester\u200dday, next\u00a0week and \ufeffnext month\u2060",
    "emoji": "😀 on Monday 👩‍👩‍👧 next week 🇫🇷 yesterday",
    "mixed scripts": "Москва, 昨天, on Monday; القاهرة next week — Αθήνα yesterday",
    "combining marks": "on Monday" + "\u0301" * 40 + " and next week",
    "line separators": "on Monday\u2028next week\u2029yesterday\r\n\x0b\x0c",
    "lone surrogates": "\udcff\udcfe on Monday \ud800 next week",
    "binary junk": bytes(range(256)).decode("latin-1") * 4 + " on Monday",
    "random bytes": random.Random(6).randbytes(4000).decode("utf-8", "replace") + " next week",
    "right-to-left marks": "\u202eon Monday\u202c \u200fnext week",
    "fullwidth letters": "ＯＮ ＭＯＮＤＡＹ and on Monday",
}


@pytest.mark.parametrize("kind", list(ODD_TEXTS))
def test_odd_text_never_crashes_and_keeps_offsets(kind: str, nlp: Any) -> None:
    text = ODD_TEXTS[kind]
    for model in (False, nlp):
        found = timeline.tag(text, published=PUB, nlp=model)
        assert_offsets(text, found)
        assert any(t.value in ("2023-09-11", "2023-09-18", "2023-W38") for t in found), (kind, found)


@pytest.mark.parametrize("text", ["", " ", "\n\n\t \u3000\u00a0", "\u200b", "\x00"])
def test_empty_text_gives_empty_results(text: str, nlp: Any) -> None:
    assert timeline.tag(text, published=PUB, nlp=False) == []
    assert timeline.tag(text, published=None, nlp=nlp) == []
    t = timeline.build([Document(text, published=PUB, id="empty")], nlp=nlp)
    assert len(t) == 0 and [d.id for d in t.documents] == ["empty"]


def test_documents_replace_lone_surrogates_keeping_offsets(nlp: Any, tmp_path: Path) -> None:
    raw = b"\xff\xfe The president visited Paris on Monday.\n".decode("utf-8", "surrogateescape")
    doc = Document(raw, published=PUB)  # the default id hashes the text: it must encode
    assert len(doc.text) == len(raw) and doc.text[:2] == "\ufffd\ufffd" and doc.text[2:] == raw[2:]
    t = timeline.build([doc], nlp=nlp)
    assert [e.value for e in t] == ["2023-09-11"]
    [m] = t[0].mentions
    assert doc.text[m.start : m.end] == m.timex == "Monday"
    out = t.to_json(tmp_path / "t.json")
    assert json.loads((tmp_path / "t.json").read_text(encoding="utf-8")) == json.loads(out)


def test_build_on_junk_documents_loses_none(nlp: Any) -> None:
    docs = [Document(text, published=PUB, id=kind) for kind, text in ODD_TEXTS.items()]
    docs.append(Document("The talks collapsed on Monday.", published=PUB, id="clean"))
    t = timeline.build(docs, nlp=nlp)
    assert sorted(d.id for d in t.documents) == sorted(d.id for d in docs)
    assert any("clean" in e.sources for e in t)
    for e in t:
        for m in e.mentions:
            text = next(d.text for d in docs if d.id == m.doc)
            assert text[m.start : m.end] == m.timex
    json.loads(t.to_json())


# --- dates that cannot exist, years far away ----------------------------------------------------

@pytest.mark.parametrize(
    ("text", "impossible"),
    [
        ("The bomb went off at 25:61 on the square.", "25:61"),
        ("The bomb went off at 12:75 on the square.", "12:75"),
        ("The bomb went off at 24:30 on the square.", "24:30"),
        ("The deal was dated 2021-02-30 in the files.", "2021-02-30"),
        ("The deal was dated 2021-13-01 in the files.", "2021-13-01"),
        ("It was filed on 02/30/2021.", "02/30/2021"),
        ("It was filed on 30/02/2021.", "30/02/2021"),
        ("The week 54 of 2021 was busy.", "week 54"),
        ("The treaty was signed on February 30, 2021.", "February 30"),
        ("The treaty was signed on 32 January.", "32 January"),
        ("The treaty was signed on June 31.", "June 31"),
        ("The treaty was signed on Feb. 29, 2023.", "Feb. 29"),
    ],
)
def test_impossible_dates_never_become_real_dates(text: str, impossible: str) -> None:
    """No timex overlapping a date or time that cannot exist gets a calendar interval (it
    may be left untagged or stay underspecified), and every value is valid."""
    start = text.index(impossible)
    end = start + len(impossible)
    for published in (PUB, None):
        found = timeline.tag(text, published=published, nlp=False)
        assert_offsets(text, found)
        assert all(is_valid_value(t.value) for t in found)
        overlapping = [t for t in found if t.start < end and start < t.end]
        assert all(t.interval is None for t in overlapping), overlapping


@pytest.mark.parametrize(
    ("text", "expression", "interval", "required"),
    [
        ("Rome was founded in 753 BC.", "753 BC", None, False),
        ("Caesar died in 44 BC.", "44 BC", None, False),
        ("The city was built in the year 9999.", "9999", (datetime(9999, 1, 1), datetime.max), False),
        ("It will be finished by 2150.", "2150", (datetime(2150, 1, 1), datetime(2151, 1, 1)), False),
        ("Nothing will happen in 10000.", "10000", None, False),
        ("It was a 1st century town.", "1st century", (datetime(1, 1, 1), datetime(100, 1, 1)), True),
        ("In 1066 the battle was fought.", "1066", (datetime(1066, 1, 1), datetime(1067, 1, 1)), True),
        ("Caesar died on March 15, 44 BC.", "March 15, 44 BC", None, False),
        ("The colony is planned for 1 May 2100.", "1 May 2100", (datetime(2100, 5, 1), datetime(2100, 5, 2)), False),
        ("The archive closes on December 31, 9999.", "December 31, 9999", (datetime(9999, 12, 31), datetime.max), False),
        ("Vesuvius erupted on 24 August 79 AD.", "24 August 79 AD", (datetime(79, 8, 24), datetime(79, 8, 25)), True),
    ],
)
def test_far_years_are_right_or_untagged(
    text: str, expression: str, interval: tuple[datetime, datetime] | None, required: bool
) -> None:
    """Whatever overlaps the expression and gets a calendar interval has the right one
    (``interval``; ``None``: nothing may get one); ``required``: it must be tagged."""
    start = text.index(expression)
    end = start + len(expression)
    found = timeline.tag(text, published=PUB, nlp=False)
    assert_offsets(text, found)
    placed = [t.interval for t in found if t.start < end and start < t.end and t.interval is not None]
    assert placed == [interval] if required else placed in ([], [interval]), placed


@pytest.mark.parametrize("published", [date(1, 1, 1), date(1, 1, 3), "0001-01-01T01:00", date(9999, 12, 31), "9999-12-29", datetime(9999, 12, 31, 23, 59)])
def test_publication_dates_at_the_ends_of_the_calendar(published: Any) -> None:
    text = (
        "Yesterday and tomorrow, on Monday, last Friday and next Friday, this weekend and next weekend, "
        "at Christmas, next spring, last summer, this week, next week, this month, next month, next quarter, "
        "last year, next year, next century, the last decade, 100 years ago, in 3 hours, 3 hours ago, 30 minutes "
        "ago, the following day, two weeks later, the day after tomorrow, this morning, tonight."
    )
    for mode in ("news", "narrative"):
        found = timeline.tag(text, published=published, nlp=False, mode=mode)
        assert len(found) >= 25
        assert_offsets(text, found)
        for t in found:
            assert is_valid_value(t.value), t
            if t.interval is not None:
                assert t.interval[0] < t.interval[1] and t.interval == interval_of(t.value)


def test_timex3_values_at_the_ends_of_the_calendar() -> None:
    assert interval_of("9999") == (datetime(9999, 1, 1), datetime.max)
    assert interval_of("9999-12-31") == (datetime(9999, 12, 31), datetime.max)
    assert interval_of("0001-01-01") == (datetime(1, 1, 1), datetime(1, 1, 2))
    assert interval_of("00") == (datetime(1, 1, 1), datetime(100, 1, 1))
    assert interval_of("0000") is None and not is_valid_value("0000")
    for value in ("2021-02-30", "2023-09-12T24:30", "2023-09-12T12:60", "2021-W54", "XXXX-02-30", "XXXX-13", "9999-W52-WE"):
        assert not is_valid_value(value), value
    for value in ("XX", "XXX", "XXXX-02-29", "2023-09-12T24:00", "9999-W52"):
        assert is_valid_value(value), value


# --- long texts (the lead owns the piece-wise processing inside build) ---------------------------

FILLER = "The council discussed the budget and officials reviewed the costs of the plan. " * 40 + "\n\n"
DATED = "The minister resigned on Monday, and the report will be published next week.\n\n"


def _megabytes_of_text() -> str:
    """About 3 MB: a dated paragraph every ten paragraphs of filler."""
    return "".join((DATED if i % 10 == 0 else "") + FILLER for i in range(950))


def test_three_megabyte_text_keeps_offsets() -> None:
    text = _megabytes_of_text()
    assert len(text) > 3_000_000
    found = timeline.tag(text, published=PUB, nlp=False)
    assert len(found) == 2 * 95
    assert_offsets(text, found)
    assert {t.value for t in found} == {"2023-09-11", "2023-W38"}


class _RecordingNlp:
    """A blank spaCy pipeline (fast) that records the length of every text it is given."""

    def __init__(self) -> None:
        import spacy

        self._nlp = spacy.blank("en")
        self.max_length = self._nlp.max_length
        self.pipe_names = self._nlp.pipe_names
        self.lengths: list[int] = []

    def pipe(self, texts: Any, **kwargs: Any) -> Any:
        def record(stream: Any) -> Any:
            for item in stream:
                self.lengths.append(len(item[0] if isinstance(item, tuple) else item))
                yield item

        return self._nlp.pipe(record(texts), **kwargs)


def test_three_megabyte_document_is_parsed_in_bounded_pieces() -> None:
    from timeline._build import MAX_PIECE

    text = _megabytes_of_text()
    recording = _RecordingNlp()
    docs = [Document(text, published=PUB, id="big"), Document(DATED, published=PUB, id="small")]
    with pytest.warns(timeline.ModelWarning, match="no parser"):  # blank: fast, and no events
        t = timeline.build(docs, nlp=recording)  # type: ignore[arg-type]
    assert [d.id for d in t.documents] == ["big", "small"]
    # many pieces, none longer than the limit, together all the text but the blank lines
    assert len(recording.lengths) > len(text) // MAX_PIECE
    assert max(recording.lengths) <= MAX_PIECE
    assert sum(recording.lengths) >= len(text) - 2 * text.count("\n\n")
    found = timeline.tag(text, published=PUB, nlp=recording)  # type: ignore[arg-type]
    assert len(found) == 190
    assert_offsets(text, found)


def test_dense_three_megabyte_text_in_linear_time() -> None:
    """Three megabytes where every sentence has a date: should take seconds, not minutes."""
    paragraph = (
        "The council met on Monday to discuss the budget, and officials said the plan would be "
        "published next week after a long review of costs. Critics said in 2019 that it was late.\n\n"
    )
    text = paragraph * 16_000
    t0 = time.perf_counter()
    found = timeline.tag(text, published=PUB, nlp=False)
    assert len(found) == 48_000
    assert_offsets(text, found)
    assert time.perf_counter() - t0 < 20


MEMORY_SCRIPT = """
import resource, sys, spacy, timeline
filler = "The council discussed the budget and officials reviewed the costs of the plan. " * 40 + "\\n\\n"
dated = "The minister resigned on Monday, and the report will be published next week.\\n\\n"
text = "".join((dated if i % 10 == 0 else "") + filler for i in range(int(sys.argv[1])))
nlp = spacy.blank("en")
timeline.build([timeline.Document("on Monday", published="2023-09-12", id="warm-up")], nlp=nlp)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
timeline.tag(text, published="2023-09-12", nlp=False)
timeline.build([timeline.Document(text, published="2023-09-12", id="big")], nlp=nlp)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
"""


def test_memory_does_not_grow_with_the_size_of_a_document() -> None:
    """Peak memory for a 10 MB document is about that of a 3 MB one: pieces are processed
    and released, not all kept."""
    pytest.importorskip("resource")

    def growth(paragraphs: int) -> int:
        out = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, str(paragraphs)], capture_output=True, text=True, check=True)
        return int(out.stdout.split()[-1])

    small, large = growth(950), growth(3000)  # about 3 MB and 9.5 MB of text
    assert large < 1.5 * small + 50_000, (small, large)  # kilobytes


# --- determinism -------------------------------------------------------------------------------

DETERMINISM_SCRIPT = """
import random, sys, timeline
docs = timeline.read_manifest(sys.argv[1])
text = "".join(d.text for d in docs)
random.Random(int(sys.argv[2])).shuffle(docs)
sys.stdout.write(timeline.build(docs).to_json())
sys.stdout.write(timeline.cli.format_json(timeline.tag(text, published="2024-02-26", nlp=False)))
"""


def test_build_json_is_byte_identical_whatever_the_order_and_process(nlp: Any) -> None:
    if not MANIFEST.is_file():
        pytest.skip("not running from a source checkout")
    docs = timeline.read_manifest(MANIFEST)
    text = "".join(d.text for d in docs)
    tagged = timeline.cli.format_json(timeline.tag(text, published="2024-02-26", nlp=False))
    first = timeline.build(docs, nlp=nlp).to_json()
    assert len(json.loads(first)["events"]) > 10
    shuffled = docs[::-1]
    assert timeline.build(shuffled, nlp=nlp).to_json() == first
    # another process, another hash seed, another document order: the same bytes
    env = {**os.environ, "PYTHONHASHSEED": "12345"}

    out = subprocess.run(
        [sys.executable, "-c", "import timeline.cli\n" + DETERMINISM_SCRIPT, str(MANIFEST), "3"],
        capture_output=True, env=env, check=True,
    ).stdout.decode("utf-8")
    if os.environ.get("TIMELINE_SPACY_MODEL") is None:
        assert out == first + tagged
    else:  # the subprocess may load another pipeline: the tagging part still matches
        assert out.endswith(tagged)


# --- Timeline JSON, manifests and files -------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        [],
        {},
        {"events": None},
        {"events": [[1]]},
        {"events": [{"status": "happened", "value": 5, "text": "t", "sources": ["a"]}]},
        {"events": [{"status": "maybe", "value": "2023", "text": "t", "sources": ["a"]}]},
        {"events": [{"status": "happened", "value": "2023", "text": "t", "sources": "ab"}]},
        {"events": [{"status": "happened", "value": "x", "text": "t", "sources": ["a"], "start": "2023-02-30"}]},
        {"events": [{"status": "happened", "value": "x", "text": "t", "sources": ["a"], "start": "2023-09-13", "end": "2023-09-12"}]},
        {"events": [{"status": "happened", "value": "x", "text": "t", "sources": ["a"], "mentions": [{"doc": "a", "sentence": "s", "timex": "t", "start": "0", "end": 1}]}]},
        {"events": [], "documents": [{"id": 5}]},
        {"events": [], "documents": [{"id": "a", "published": "2023-02-30"}]},
    ],
)
def test_malformed_timeline_json_is_a_timeline_error(data: Any) -> None:
    with pytest.raises(timeline.TimelineError, match="not a timeline"):
        Timeline.from_dict(data)
    with pytest.raises(timeline.TimelineError):
        Timeline.from_json(json.dumps(data))


@pytest.mark.parametrize("source", ["abc\x00def", "x" * 5000, "[" * 100_000, "{" + "[" * 100_000, "/"])
def test_unreadable_timeline_json_is_a_timeline_error(source: str) -> None:
    with pytest.raises(timeline.TimelineError) as info:
        Timeline.from_json(source)
    assert len(str(info.value)) < 300


def test_manifest_oddities_name_their_line(tmp_path: Path) -> None:
    m = tmp_path / "m.jsonl"
    m.write_text(
        json.dumps({"id": "ok", "text": "on Monday", "published": PUB}) + "\n"
        + "[" * 100_000 + "\n"
        + json.dumps({"id": "nul", "path": "a\x00b.txt", "published": PUB}) + "\n"
        + json.dumps({"id": "zone", "text": "x", "published": "2023-09-12T02:00+25:00"}) + "\n"
        + json.dumps({"id": "sur", "text": "\ud800 on Monday", "published": PUB}) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(timeline.ManifestError) as info:
        timeline.read_manifest(m)
    assert info.value.line == 2 and str(info.value).startswith(f"{m}:2: ")
    items = list(timeline._manifest.iter_manifest(m))
    assert [getattr(i, "line", None) for i in items] == [None, 2, 3, 4, None]
    assert "+25:00" in str(items[3])
    docs = timeline.read_manifest(m, skip_bad=True)
    assert [d.id for d in docs] == ["ok", "sur"] and docs[1].text == "\ufffd on Monday"


def test_csv_manifest_with_a_whole_article_in_a_cell(tmp_path: Path) -> None:
    import csv

    article = "The strike began on Monday. " * 20_000  # 560 kB: over the csv module's default limit
    m = tmp_path / "m.csv"
    with m.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerows([["id", "text", "published"], ["long", article, PUB], ["short", "on Monday", PUB]])
    limit = csv.field_size_limit()
    assert [d.id for d in timeline.read_manifest(m)] == ["long", "short"]
    assert csv.field_size_limit() == limit  # the process-wide setting is restored


def test_file_names_that_cannot_exist_are_document_errors() -> None:
    with pytest.raises(timeline.DocumentError, match="not a valid file name"):
        Document.from_file("a\x00b.txt", published=PUB)
    with pytest.raises(timeline.DocumentError):
        timeline.read_manifest("a\x00b.jsonl")


def test_writing_over_a_directory_names_it_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.mkdir()
    for write in (lambda: Timeline().to_json(target), lambda: Timeline().to_csv(target)):
        with pytest.raises(IsADirectoryError) as info:
            write()
        assert info.value.filename == str(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]
    assert list(target.iterdir()) == []


# --- the command line ---------------------------------------------------------------------------

STRIKE = "Dockworkers walked off the job on Tuesday, the union said.\n"


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(STRIKE, encoding="utf-8")
    (d / "other.txt").write_text("The judge ruled on Friday.\n", encoding="utf-8")
    (d / "latin1.txt").write_bytes("Caf\xe9 on Monday".encode("latin-1"))
    (d / "binary.txt").write_bytes(bytes(range(256)))
    (d / "folder.txt").mkdir()
    return d


def _no_output(out_dir: Path) -> None:
    assert [p.name for p in out_dir.iterdir()] == [], "no output and no temporary file left"


@pytest.mark.parametrize(
    ("argv", "names"),
    [
        (["tag", "{in}/missing.txt"], ["missing.txt", "no such file"]),
        (["tag", "{in}/latin1.txt", "--no-model"], ["latin1.txt", "utf-8"]),
        (["tag", "{in}/binary.txt", "--no-model"], ["binary.txt", "utf-8"]),
        (["tag", "{in}/folder.txt", "--no-model"], ["folder.txt"]),
        (["tag", "{in}/good.txt", "--published", "2023-02-30"], ["'2023-02-30'"]),
        (["build", "{in}/good.txt", "{in}/missing.txt", "--published", PUB, "-o", "{out}/o.json"], ["missing.txt"]),
        (["build", "{in}/good.txt", "{in}/latin1.txt", "--published", PUB, "-o", "{out}/o.json"], ["latin1.txt", "utf-8"]),
        (["build", "{in}/good.txt", "--published", PUB, "-o", "{out}/o.gif"], ["o.gif", "'.gif'", ".json"]),
        (["build", "{in}/good.txt", "--published", PUB, "-o", "{out}/o"], ["no extension"]),
        (["build", "{in}/good.txt", "--published", PUB, "-o", "{out}/no/o.json"], ["no such directory"]),
        (["build", "--manifest", "{in}/missing.jsonl", "-o", "{out}/o.json"], ["missing.jsonl", "no such file"]),
        (["build", "--manifest", "{in}/good.txt", "-o", "{out}/o.json"], ["good.txt", "manifest format"]),
        (["build", "--manifest", "{in}/latin1.jsonl", "-o", "{out}/o.json"], ["latin1.jsonl", "utf-8"]),
    ],
)
def test_cli_bad_inputs_give_one_line_and_no_output(capsys: Any, inputs: Path, tmp_path: Path, argv: list[str], names: list[str]) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (inputs / "latin1.jsonl").write_bytes('{"id": "caf\xe9"}\n'.encode("latin-1"))
    args = [a.format(**{"in": inputs, "out": out_dir}) for a in argv]
    code, stdout, err = run(capsys, *args)
    assert code == 2 and stdout == ""
    line = one_error_line(err)
    for name in names:
        assert name in line, line
    _no_output(out_dir)


def test_cli_stdin_that_is_not_utf8(capsys: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"\xff\xfe on Monday the talks began"), encoding="utf-8", errors="surrogateescape")
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, err = run(capsys, "tag", "-", "--published", PUB)
    assert code == 2 and out == ""
    assert "<stdin>" in one_error_line(err) and "utf-8" in err


def test_cli_malformed_manifest_names_every_bad_line(capsys: Any, inputs: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    m = inputs / "m.jsonl"
    m.write_text(
        "\n".join(
            [
                json.dumps({"id": "good", "path": "good.txt", "published": PUB}),
                json.dumps({"id": "bin", "path": "binary.txt", "published": PUB}),
                "{not json",
                json.dumps({"id": "date", "text": "x", "published": "2023-02-30"}),
                json.dumps({"id": "other", "path": "other.txt", "published": PUB}),
                json.dumps({"id": "good", "path": "other.txt", "published": PUB}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    out = out_dir / "o.json"
    code, _, err = run(capsys, "build", "--manifest", str(m), "-o", str(out), "--no-progress")
    assert code == 2
    line = one_error_line(err)
    assert f"{m}:2: " in line and "binary.txt" in line
    assert "lines 3, 4, 6" in line and "--skip-bad" in line
    _no_output(out_dir)

    code, _, err = run(capsys, "build", "--manifest", str(m), "-o", str(out), "--no-progress", "--skip-bad")
    assert code == 0, err
    warned = [line for line in err.splitlines() if "WARNING" in line]
    assert [re.search(r":(\d+): ", w).group(1) for w in warned] == ["2", "3", "4", "6"]  # type: ignore[union-attr]
    assert "skipped 4 bad inputs of 6" in err
    assert [d["id"] for d in json.loads(out.read_text(encoding="utf-8"))["documents"]] == ["good", "other"]


def test_cli_bad_files_are_all_named(capsys: Any, inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.json"
    files = [str(inputs / n) for n in ("good.txt", "missing.txt", "latin1.txt", "other.txt")]
    code, _, err = run(capsys, "build", *files, "--published", PUB, "-o", str(out))
    assert code == 2 and not out.exists()
    line = one_error_line(err)
    assert "missing.txt: no such file" in line and "also bad: " in line and "latin1.txt" in line
    code, _, err = run(capsys, "build", *files, "--published", PUB, "-o", str(out), "--skip-bad", "--no-progress")
    assert code == 0 and "skipped 2 bad inputs of 4" in err
    assert [d["id"] for d in json.loads(out.read_text(encoding="utf-8"))["documents"]] == ["good", "other"]


def test_cli_output_that_is_a_directory(capsys: Any, inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "chronology.json"
    out.mkdir()
    code, _, err = run(capsys, "build", str(inputs / "good.txt"), "--published", PUB, "-o", str(out))
    assert code == 2 and "is a directory" in one_error_line(err) and str(out) in err
    assert list(out.iterdir()) == []


def test_cli_failure_while_drawing_leaves_no_file(capsys: Any, inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()

    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise timeline.RenderError("the figure could not be drawn")

    monkeypatch.setattr("timeline.render.figure_bytes", broken)
    code, _, err = run(capsys, "build", str(inputs / "good.txt"), "--published", PUB, "-o", str(out_dir / "c.svg"), "--no-progress")
    assert code == 2 and "could not be drawn" in one_error_line(err)
    _no_output(out_dir)


# --- drawing -------------------------------------------------------------------------------------


def _texts(fig: Any) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


@pytest.mark.parametrize("orientation", ["horizontal", "vertical"])
def test_empty_timeline_renders_a_figure_that_says_so(orientation: str, tmp_path: Path) -> None:
    from matplotlib.figure import Figure

    for t in (Timeline(), Timeline([], [Document("", published=PUB, id="a")])):
        fig = t.plot(orientation=orientation)
        assert isinstance(fig, Figure) and "No dated events" in _texts(fig)
        svg = t.save(tmp_path / "empty.svg", orientation=orientation).read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    # into a given Axes as well
    fig = Figure()
    ax = fig.add_subplot()
    assert Timeline().plot(ax) is fig and "No dated events" in _texts(fig)


def test_timeline_of_vague_events_without_publication_dates_says_so() -> None:
    from timeline import Event

    vague = Event("PAST_REF", None, None, None, "Talks stalled", "", (), "happened", ("a",), ())
    fig = Timeline([vague], [Document("", published=None, id="a")]).plot()
    texts = _texts(fig)
    assert "No dated events" in texts
    assert any("without a publication date" in t for t in texts)


def test_far_dates_render() -> None:
    from timeline import Event

    def ev(value: str, start: datetime, end: datetime, g: str) -> Event:
        return Event(value, start, end, g, f"Event of {value}", "", (), "happened", ("a",), ())

    events = [ev("0001", datetime(1, 1, 1), datetime(2, 1, 1), "year"), ev("9999-12-31", datetime(9999, 12, 31), datetime.max, "day")]
    docs = [Document("", published="9999-12-31", id="a")]
    for orientation in ("horizontal", "vertical"):
        for scale in ("linear", "compressed", "auto"):
            fig = Timeline(events, docs).plot(orientation=orientation, scale=scale)
            assert any("9999" in t for t in _texts(fig))


SIMILARITY_SCRIPT = """
import random
from datetime import datetime
from timeline._events import Event, EventMention
from timeline._merge import _View, _readings, idf_weights
rng = random.Random(5)
vocab = [f"word{chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(400)]
zipf = [1 / (k + 1) for k in range(400)]
events = []
for k in range(1500):
    text = " ".join(rng.choices(vocab, weights=zipf, k=rng.randint(3, 12)))
    m = EventMention(doc="d", sentence=text, timex="today", start=k, end=k + 5, value="2024-03-01", text=text, predicate=rng.choice(vocab[:20]), status="happened")
    events.append(Event("2024-03-01", datetime(2024, 3, 1), datetime(2024, 3, 2), "day", text, m.predicate, (), "happened", ("d",), (m,)))
rs = _readings(events, {})
view = _View(rs, idf_weights(rs))
print([view.similarity(i, i + 1).hex() for i in range(len(rs) - 1)])
"""


def test_similarity_does_not_depend_on_the_hash_seed() -> None:
    # sums over a set's words must not depend on the order the set gives them in: a last-bit
    # difference reorders tied pairs, and merging then differs from one process to another
    runs = {
        subprocess.run([sys.executable, "-c", SIMILARITY_SCRIPT], capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\u0085"])
def test_manifests_keep_unicode_line_separators_inside_their_text(tmp_path: Path, sep: str) -> None:
    import csv

    text = f"The strike began on Monday.{sep}Talks resumed on Friday."
    jsonl = tmp_path / "m.jsonl"
    jsonl.write_text("\n".join(json.dumps({"id": i, "text": text, "published": PUB}, ensure_ascii=False) for i in ("a", "b")), encoding="utf-8")
    assert sep in jsonl.read_text(encoding="utf-8")  # written raw, as ensure_ascii=False does
    m = tmp_path / "m.csv"
    with m.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["id", "text", "published"], ["a", text, PUB], ["b", text, PUB]])
    for path in (jsonl, m):
        docs = timeline.read_manifest(path)
        assert [d.id for d in docs] == ["a", "b"] and all(d.text == text for d in docs), path
