"""``n_process``: whole documents read in worker processes.

Each worker runs the one-process path (:func:`timeline._build.document_events`: furniture,
rules, the parse of the dates' sentences, events) on a task of several documents and sends
back the documents and their events, which are small; the parent only merges. spaCy's own
``n_process`` sends every parsed ``Doc`` back to the parent instead, which cost more than
the parse saved (:file:`docs/performance.md`).

Workers are forked where the platform allows it and the process runs no other thread: they
then share the loaded pipeline and rules with the parent, and start at once. Elsewhere they
are spawned and load them (the default pipeline by name, another one from a pickled copy),
about a second each. Tasks are submitted a few at a time, so that a stream of documents is
read as the workers need it, never all at once. Warnings raised in a worker are raised
again in the parent, in document order.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

from ._nlp import default_nlp

if TYPE_CHECKING:
    from spacy.language import Language

    from ._build import RunStats, _Options
    from ._document import Document
    from ._events import Event

__all__ = ["parallel_document_events", "worker_count", "TASK_CHARS"]

#: Characters of text per task sent to a worker (about 15 news articles).
TASK_CHARS = 60_000
#: Tasks waiting or running per worker: enough to keep each busy, few enough to bound memory.
AHEAD = 2

_Result = tuple[list[tuple["Document", list["Event"]]], "RunStats", list[tuple[type[Warning], str]]]

# the worker's pipeline and options, set once by _start
_state: dict[str, Any] = {}


def worker_count(n_process: int) -> int:
    """The number of worker processes ``n_process`` asks for: ``-1`` is one per CPU this
    process may use."""
    if n_process != -1:
        return n_process
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def parallel_document_events(
    documents: Iterable[Document], model: Language, options: _Options, stats: RunStats, *, n_process: int, default: bool = False
) -> Iterator[tuple[Document, list[Event]]]:
    """``(document, events)`` for each of ``documents``, in order, read by ``n_process``
    worker processes (``-1``: one per CPU). ``default`` says that ``model`` is the default
    pipeline (a spawned worker then loads it by name). What the workers read is added to
    ``stats``."""
    workers = worker_count(n_process)
    context, shipped = _start_method(model, default=default)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start, initargs=(shipped, options))
    try:
        pending: deque[Future[_Result]] = deque()
        for task in _tasks(documents):
            pending.append(pool.submit(_run, task))
            if len(pending) >= AHEAD * workers:
                yield from _collect(pending.popleft(), stats)
        while pending:
            yield from _collect(pending.popleft(), stats)
    finally:
        # on an error, an interrupt or a consumer that stops early, the tasks not started
        # are dropped rather than run
        pool.shutdown(wait=True, cancel_futures=True)


def _start_method(model: Language, *, default: bool) -> tuple[Any, Language | None]:
    """The multiprocessing context, and the pipeline as the workers receive it (``None``:
    the default pipeline, which a spawned worker loads itself)."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork"), model  # inherited, not copied
    return multiprocessing.get_context("spawn"), None if default else model


def _tasks(documents: Iterable[Document]) -> Iterator[list[Document]]:
    task: list[Document] = []
    size = 0
    for d in documents:
        task.append(d)
        size += len(d.text)
        if size >= TASK_CHARS:
            yield task
            task, size = [], 0
    if task:
        yield task


def _collect(future: Future[_Result], stats: RunStats) -> Iterator[tuple[Document, list[Event]]]:
    results, read, caught = future.result()
    stats.add(read)
    for category, message in caught:
        warnings.warn(message, category, stacklevel=4)
    yield from results


def _start(model: Language | None, options: _Options) -> None:
    _state["model"] = model if model is not None else default_nlp()
    _state["options"] = options


def _run(task: list[Document]) -> _Result:
    from ._build import RunStats, document_events

    stats = RunStats()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        results = list(document_events(task, _state["model"], _state["options"], stats))
    return results, stats, [(w.category, str(w.message)) for w in caught]
