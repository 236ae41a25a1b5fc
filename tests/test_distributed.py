"""Streaming and distributed extraction: iter_events, extract_document, merge, and Dask."""

from __future__ import annotations

import importlib.util
import json
import pickle
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline import Document, DocumentError, TimelineError

REPO = Path(__file__).resolve().parent.parent
MANIFEST = REPO / "examples" / "articles" / "manifest.jsonl"


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    if not MANIFEST.is_file():
        pytest.skip("not running from a source checkout")
    return timeline.read_manifest(MANIFEST)


@pytest.fixture(scope="module")
def built(documents: list[Document], nlp: Any) -> timeline.Timeline:
    return timeline.build(documents, nlp=nlp)


@pytest.fixture(scope="module")
def results(documents: list[Document], nlp: Any) -> list[dict[str, Any]]:
    return [timeline.extract_document(d.text, d.published, d.id, title=d.title, url=d.url, nlp=nlp) for d in documents]


def test_iter_events_streams_documents_lazily(nlp: Any) -> None:
    pulled: list[int] = []

    def stream() -> Iterator[Document]:
        for i in range(50):
            pulled.append(i)
            yield Document(f"Report {i}. The port reopened on Monday after a strike.", published="2024-03-06", id=f"d{i}")

    events = timeline.iter_events(stream(), nlp=nlp, batch_size=2)
    first = next(events)
    assert first.sources == ("d0",)
    assert len(pulled) < 10  # the rest of the collection has not been read yet
    rest = list(events)
    assert len(pulled) == 50 and len(rest) == 49


def test_iter_events_then_merge_is_build(documents: list[Document], built: timeline.Timeline, nlp: Any) -> None:
    events = list(timeline.iter_events(documents, nlp=nlp))
    assert all(len(e.sources) == 1 for e in events)
    assert len(events) > len(built)  # some events are reported by several articles
    assert timeline.merge(events, documents=documents).to_json() == built.to_json()


def test_extract_document_returns_plain_data(results: list[dict[str, Any]]) -> None:
    for r in results:
        assert json.loads(json.dumps(r)) == r  # only JSON types
        assert set(r) == {"id", "published", "title", "url", "events"}
    assert sum(len(r["events"]) for r in results) > 0
    event = results[0]["events"][0]
    assert {"value", "text", "sources", "mentions", "mod"} <= set(event)
    assert not any(k.startswith("_") for k in event)  # nothing hidden: mentions carry what merging compares


def test_extract_document_is_picklable_and_pure(documents: list[Document], results: list[dict[str, Any]], nlp: Any) -> None:
    f = pickle.loads(pickle.dumps(timeline.extract_document))
    d = documents[1]
    assert f(d.text, d.published, d.id, title=d.title, url=d.url, nlp=nlp) == results[1]
    assert pickle.loads(pickle.dumps(results)) == results


def test_merge_of_results_is_build_in_any_order(results: list[dict[str, Any]], built: timeline.Timeline) -> None:
    assert timeline.merge(results).to_json() == built.to_json()
    shuffled = results[:]
    random.Random(7).shuffle(shuffled)
    assert timeline.merge(shuffled).to_json() == built.to_json()
    # results that went through JSON (a file, a queue, another language) merge the same
    assert timeline.merge(json.loads(json.dumps(results))).to_json() == built.to_json()


def test_merge_rejects_bad_input(results: list[dict[str, Any]]) -> None:
    with pytest.raises(TypeError, match="iterable"):
        timeline.merge(results[0])  # a single result, not a list of them
    with pytest.raises(TypeError, match="item 0 is a str"):
        timeline.merge(["not a result"])
    with pytest.raises(TimelineError, match="missing key 'events'"):
        timeline.merge([{"id": "x", "published": None}])
    with pytest.raises(TimelineError, match="result 0"):
        timeline.merge([{"id": "x", "published": "not a date", "events": []}])
    events = [e for r in results for e in timeline.merge([r])]
    with pytest.raises(DocumentError, match="not given"):
        timeline.merge(events)  # events without their documents
    clash = [{**results[0], "events": []}, {**results[0], "published": "1999-01-01", "events": []}]
    with pytest.raises(DocumentError, match="twice"):
        timeline.merge(clash)


@pytest.mark.skipif(importlib.util.find_spec("dask") is None, reason="dask is not installed")
def test_dask_example_extracts_in_worker_processes(built: timeline.Timeline) -> None:
    spec = importlib.util.spec_from_file_location("dask_chronology", REPO / "examples" / "dask_chronology.py")
    assert spec is not None and spec.loader is not None
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    # local scheduler, two worker processes: the function and the results cross process
    # boundaries by pickling, as on a cluster
    result = example.chronology(example.records(), workers=2, scheduler="processes")
    assert result.to_json() == built.to_json()
