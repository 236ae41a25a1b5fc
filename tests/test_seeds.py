"""The reference scenario: five reports on the planned 2023 Kim-Putin meeting (DESIGN.md).

The facts checked here are the ones the events issue lists; the texts live in ../shared and
are read at test time (skipped when absent).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import timeline

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
PUBLISHED = {"000": "2023-09-11", "001": "2023-09-12", "002": "2023-09-05", "003": "2023-09-05", "004": "2023-09-05"}

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not available")


@pytest.fixture(scope="module")
def chronology(nlp: object) -> timeline.Timeline:
    docs = [
        timeline.Document.from_file(p, published=PUBLISHED[p.name[:3]], id=p.name[:3])
        for p in sorted(SEEDS.glob("*.txt"))
    ]
    return timeline.build(docs, nlp=nlp)  # type: ignore[arg-type]


def _one(events: list[timeline.Event], what: str) -> timeline.Event:
    assert len(events) == 1, f"expected exactly one event for {what}, got {events}"
    return events[0]


def test_size_and_span(chronology: timeline.Timeline) -> None:
    assert 15 <= len(chronology) <= 60
    dated = [e for e in chronology if e.start is not None]
    assert dated[0].start is not None and dated[0].start.year == 2011
    assert max(e.start for e in dated if e.start).strftime("%Y-%m") == "2023-09"


def test_chronological_order(chronology: timeline.Timeline) -> None:
    from timeline._merge import order_key

    docs = {d.id: d for d in chronology.documents}
    keys = [order_key(e, docs) for e in chronology]
    assert keys == sorted(keys)


def test_kim_jong_il_last_visit_2011(chronology: timeline.Timeline) -> None:
    e = _one([e for e in chronology if e.value == "2011"], "2011")
    assert "visited Russia" in e.text


def test_invasion_of_ukraine_once_with_both_articles(chronology: timeline.Timeline) -> None:
    e = _one([e for e in chronology if "invasion" in e.text.lower() and e.value.startswith("2022")], "the invasion")
    assert e.value == "2022-02"
    assert {"000", "002"} <= set(e.sources)


def test_shoigu_visit_july_once(chronology: timeline.Timeline) -> None:
    e = _one([e for e in chronology if e.value == "2023-07" and any("Shoigu" in a for a in e.actors)], "Shoigu's visit")
    assert {"002", "003"} <= set(e.sources)
    assert e.status == "happened"


def test_departure_on_the_afternoon_of_september_10(chronology: timeline.Timeline) -> None:
    e = _one([e for e in chronology if e.predicate == "depart"], "the departure")
    assert e.value == "2023-09-10TAF"
    assert "Pyongyang" in e.text


def test_kremlin_announcement_once_with_both_articles(chronology: timeline.Timeline) -> None:
    e = _one([e for e in chronology if e.value == "2023-09-11" and {"000", "001"} <= set(e.sources)], "the announcement")
    assert "Kremlin" in e.text or "Russia" in e.actors


def test_arrival_on_september_12(chronology: timeline.Timeline) -> None:
    e = _one([e for e in chronology if e.predicate == "arrive"], "the arrival")
    assert e.value == "2023-09-12"
    assert e.status == "happened"


def test_expected_meeting_once_with_every_article(chronology: timeline.Timeline) -> None:
    e = _one([e for e in chronology if e.status == "expected" and e.value == "2023-09"], "the expected meeting")
    assert "meet" in e.text.lower()
    assert {"000", "001", "002", "003"} <= set(e.sources)


def test_us_statements_on_september_11_stay_separate(chronology: timeline.Timeline) -> None:
    statements = [e for e in chronology if e.value == "2023-09-11"]
    assert len(statements) >= 3  # the Kremlin's, the Defence Department's, the State Department's


def test_mentions_index_their_documents(chronology: timeline.Timeline) -> None:
    texts = {d.id: d.text for d in chronology.documents}
    for e in chronology:
        for m in e.mentions:
            assert texts[m.doc][m.start : m.end] == m.timex
            assert m.sentence in " ".join(texts[m.doc].split())
