"""The example scripts run as a user would run them, and say what they promise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import timeline

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

pytestmark = pytest.mark.skipif(not EXAMPLES.is_dir(), reason="not running from a source checkout")


def test_incremental_chronology_equals_building_at_once(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(EXAMPLES / "incremental_chronology.py"), str(tmp_path)], capture_output=True, text=True, check=True, timeout=300
    )
    assert run.stdout.rstrip().endswith("same as building both at once: True"), run.stdout
    assert "comment  At 9:12 am" in run.stdout and (tmp_path / "chronology.json").is_file()


def test_scraped_pages_give_no_furniture_events(nlp: object) -> None:
    docs = timeline.read_manifest(EXAMPLES / "scraped" / "manifest.jsonl")
    chronology = timeline.build(docs, nlp=nlp)  # type: ignore[arg-type]
    texts = " ".join(e.text for e in chronology)
    for furniture in ("garden", "barrier", "sandbags", "Tomas Reyes", "insurance", "Report abuse"):
        assert furniture not in texts, furniture
    # the byline's time is the publication date, not an event; the comments' "Tuesday" and
    # "Yesterday" date nothing
    assert not any(e.value.endswith("T07:45") for e in chronology)
    assert all(e.granularity != "minute" for e in chronology)
    # a fact and the statement reporting it, each with its own date
    [rose] = [e for e in chronology if e.value == "2024-06-11" and "rose" in e.text]
    [said] = [e for e in chronology if e.value == "2024-06-12"]
    assert said.text.startswith("Officials said") and "Tuesday" not in said.text
    # an inspection announced before and reported after is one happened event
    [inspection] = [e for e in chronology if e.predicate == "inspect"]
    assert inspection.sources == ("herald-0612", "gazette-0614") and inspection.status == "happened"
    assert rose.status == "happened"


def test_key_events_example_prints_key_dates_and_draws_them(tmp_path: Path) -> None:
    out = tmp_path / "key.png"
    run = subprocess.run(
        [sys.executable, str(EXAMPLES / "key_events.py"), "-o", str(out), "--dates", "3"], capture_output=True, text=True, check=True, timeout=300
    )
    lines = run.stdout.splitlines()
    assert lines[0].startswith("3 key dates of ") and len([ln for ln in lines if ln[:4] == "2024"]) == 3
    assert out.read_bytes()[:4] == b"\x89PNG"


def test_history_among_news_resolves_the_history_in_its_own_years() -> None:
    run = subprocess.run([sys.executable, str(EXAMPLES / "history_among_news.py")], capture_output=True, text=True, check=True, timeout=300)
    narrative, news = run.stdout.split("\nthe history read as news")
    events = [line.split(None, 3) for line in narrative.splitlines()[1:]]
    # the history's months and seasons take the story's years; the report's dates its own
    assert [(value, source) for value, _, source, _ in events] == [
        ("1931", "history"), ("1931-04", "history"), ("1935", "history"), ("1935-06", "history"),
        ("1936-SP", "history"), ("2023-06-05", "spillway"), ("2023-09", "spillway"),
    ]
    # read as news, the same history lands in the year of publication
    assert "2023-04 " in news and "2024-SP " in news and "1931-04" not in news


def test_publish_example_writes_timelinejs_page_and_editable_svg(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, str(EXAMPLES / "publish.py"), "-o", str(tmp_path)], capture_output=True, text=True, check=True, timeout=300)
    import json

    data = json.loads((tmp_path / "chronology.timelinejs.json").read_text(encoding="utf-8"))
    assert data["title"]["text"]["headline"] == "The Calder Bay dock strike" and data["events"]
    page = (tmp_path / "chronology.html").read_text(encoding="utf-8")
    assert "<script" in page and "http://" not in page.split("application/json")[0]
    svg = (tmp_path / "chronology.svg").read_text(encoding="utf-8")
    assert svg.count("<text") > 10 and 'data-date="' in svg
    assert f"{len(data['events'])} slides" in run.stdout


def test_large_collection_example_gives_the_same_chronology_on_every_core() -> None:
    run = subprocess.run(
        [sys.executable, str(EXAMPLES / "large_collection.py"), "--copies", "3"], capture_output=True, text=True, check=True, timeout=300
    )
    assert run.stdout.rstrip().endswith("same chronology: True"), run.stdout
    assert "12 articles, n_process=-1" in run.stdout
    assert "spaCy parsed" in run.stdout and "the sentences of their dates" in run.stdout
