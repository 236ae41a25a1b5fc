"""``n_process``: whole documents read in worker processes (timeline/_workers.py).

The result must not depend on the number of processes: the same events, the same documents
(dated by their datelines), the same warnings in the same order, the same errors.
"""

from __future__ import annotations

import threading
import warnings
from typing import Any

import pytest

import timeline
from timeline import Document, _workers

PUB = "2024-05-20"

ARTICLES = [
    Document(
        f"Dock workers in port {i} walked out on Monday over pay. The union said talks would resume next week, "
        f"and the port authority expects ships to be diverted until Friday.\n\nIn March 2023 a similar strike lasted {i % 5 + 2} days.",
        published=PUB,
        id=f"port-{i:02d}",
    )
    for i in range(24)
]
UNDATED = Document(
    "Ferry strike ends\nBy Ana Reyes | May 18, 2024 | 8:15 am\nThe ferry service resumed on Friday after a strike of nine days.\n",
    published=None,
    id="ferry",
)
GERMAN = Document(
    "Die Hafenarbeiter haben am Montag die Arbeit niedergelegt, weil sie mehr Lohn fordern. Nach Angaben der "
    "Gewerkschaft sollen die Gespräche in der nächsten Woche weitergehen, und die Hafenbehörde rechnet damit, "
    "dass die Schiffe bis Freitag umgeleitet werden. Die Reederei wollte sich nicht äußern.",
    published=PUB,
    id="hafen",
)
DOCS = [*ARTICLES[:10], UNDATED, *ARTICLES[10:], GERMAN]


def _run(n_process: int, nlp: Any) -> tuple[timeline.Timeline, list[tuple[type[Warning], str]]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        chronology = timeline.build(DOCS, nlp=nlp, n_process=n_process)
    return chronology, [(w.category, str(w.message)) for w in caught]


def test_two_processes_give_the_same_timeline_and_warnings(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_workers, "TASK_CHARS", 1_000)  # many small tasks: order is kept across them
    one, warned_one = _run(1, nlp)
    two, warned_two = _run(2, nlp)
    assert one.to_json() == two.to_json() and len(one) >= 5  # the same strikes, merged across ports
    assert warned_one == warned_two
    assert [c for c, _ in warned_two] == [timeline.PublicationDateWarning, timeline.LanguageWarning]
    assert "'ferry' has no publication date" in warned_two[0][1] and "hafen" in warned_two[1][1]
    assert [d.id for d in two.documents if d.published is None] == []  # the ferry took its dateline's


def test_iter_events_streams_in_input_order(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_workers, "TASK_CHARS", 500)
    seen = [d.id for d, _ in timeline.iter_document_events(ARTICLES, nlp=nlp, n_process=2)]
    assert seen == [d.id for d in ARTICLES]


def test_a_stream_is_read_as_the_workers_need_it(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_workers, "TASK_CHARS", 1)  # one document per task
    read: list[str] = []

    def documents() -> Any:
        for d in ARTICLES:
            read.append(d.id)
            yield d

    stream = timeline.iter_document_events(documents(), nlp=nlp, n_process=2)
    next(stream)
    # two workers, two tasks ahead each: the first result comes before the stream is read whole
    assert len(read) <= 2 * _workers.AHEAD + 1 < len(ARTICLES)
    stream.close()


def test_errors_in_the_stream_are_raised_as_without_processes(nlp: Any) -> None:
    with pytest.raises(timeline.DocumentError, match="duplicate document id 'port-00'"):
        timeline.build([ARTICLES[0], ARTICLES[0]], nlp=nlp, n_process=2)


def test_worker_count() -> None:
    assert _workers.worker_count(3) == 3
    assert _workers.worker_count(-1) >= 1


def test_spawned_workers_when_threads_run(nlp: Any) -> None:
    """Forking a process that runs threads can deadlock the child: then workers are spawned,
    and load the default pipeline themselves."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        context, shipped = _workers._start_method(nlp, default=True)
        assert context.get_start_method() == "spawn" and shipped is None  # the default: loaded by name
        assert _workers._start_method(nlp, default=False)[1] is nlp  # another pipeline: pickled
        chronology = timeline.build(ARTICLES[:3], n_process=2)
    finally:
        stop.set()
        thread.join()
    assert chronology.to_json() == timeline.build(ARTICLES[:3], nlp=nlp).to_json()
