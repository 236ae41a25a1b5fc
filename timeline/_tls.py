"""Evaluating key events on Timeline17-style collections: news timeline summarization (TLS).

The protocol is news-tls's (Gholipour Ghalandari and Ifrim, ACL 2020), as the shared scorer
``../shared/tools/tls_score.py`` implements it. For each gold timeline of a collection:

- the gold timeline's dates are cut to the day; a date given twice keeps its last entry;
- the input is the collection's articles in [first gold date, last gold date];
- ``l`` = the number of gold dates, ``k`` = ``round(mean sentences per gold date)``;
- the prediction is ``tl.between(first, last).summarize(dates=l, per_date=k, query=...)``,
  keeping the events whose value is a day;
- the scores are Date-F1 (predicted days against gold days), AR1-F and AR2-F (ROUGE-1 and
  ROUGE-2 of the date-aligned summaries, many-to-one, Martschat and Markert 2017) and the
  "concat" ROUGE-1 and ROUGE-2 F (all summaries of a timeline joined);
- averages over timelines take the mean precision and the mean recall, and the F of those.

ROUGE is computed here, without the Perl script: ROUGE-1.5.5's text normalization (lower
case, anything but ASCII letters, digits and hyphens is a space), stop-word removal and
Porter stemming of words longer than three letters. See docs/summaries.md for the measured
agreement with the shared scorer.

>>> gold = {"2010-04-20": ["An oil rig explodes in the Gulf of Mexico ."]}
>>> pred = {"2010-04-21": ["The oil rig exploded in the Gulf of Mexico."]}
>>> s = score_timeline(pred, gold)
>>> s.date.f, round(s.ar1.f, 3), round(s.concat_r1.f, 3)
(0.0, 0.5, 1.0)
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import time
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._errors import CorpusError, TimelineError, TimelineWarning
from ._version import __version__
from ._rouge import (
    METRIC_NAMES,
    METRICS,
    PRF,
    TimelineScores,
    average_scores,
    irregular_forms,
    porter_stem,
    rouge_counts,
    rouge_tokens,
    score_predictions,
    score_timeline,
    stop_words,
    tokenize,
)
from ._tls_read import Collection, GoldTimeline, _log_warnings, _to_day, detokenize, detokenize_article, find_collections, read_collection

if TYPE_CHECKING:
    from ._document import Document
    from ._timeline import Timeline

__all__ = [
    "evaluate_tls",
    "TLSReport",
    "TLSRow",
    "TLSCollectionInfo",
    "PRF",
    "TimelineScores",
    "GoldTimeline",
    "Collection",
    "find_collections",
    "read_collection",
    "detokenize",
    "tokenize",
    "porter_stem",
    "rouge_tokens",
    "rouge_counts",
    "score_timeline",
    "score_predictions",
    "average_scores",
    "METRICS",
    "METRIC_NAMES",
    "stop_words",
    "irregular_forms",
    "detokenize_article",
]

log = logging.getLogger("timeline")


# --- the evaluation -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TLSRow:
    """One gold timeline's result."""

    key: str
    l: int  # noqa: E741 - the protocol's name
    k: int
    start: date
    end: date
    #: the predicted days, in order, with their sentences (as the summary gave them)
    predicted: Mapping[date, tuple[str, ...]] = field(repr=False)
    scores: TimelineScores = field(repr=False)
    #: summarizing and scoring this timeline (the collection's build is not included)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "timeline": self.key,
            "l": self.l,
            "k": self.k,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "scores": self.scores.to_dict(),
            "seconds": round(self.seconds, 3),
            "predicted": [[d.isoformat(), list(s)] for d, s in self.predicted.items()],
        }


@dataclass(frozen=True)
class TLSCollectionInfo:
    """How a collection was read and built."""

    name: str
    documents: int
    events: int
    #: the query handed to summarize (``keywords.json`` or the one given)
    query: str | tuple[str, ...] | None
    build_seconds: float
    cached: bool

    def to_dict(self) -> dict[str, Any]:
        q = list(self.query) if isinstance(self.query, tuple) else self.query
        return {
            "collection": self.name,
            "documents": self.documents,
            "events": self.events,
            "query": q,
            "build_seconds": round(self.build_seconds, 3),
            "cached": self.cached,
        }


@dataclass(frozen=True)
class TLSReport:
    """The result of :func:`evaluate_tls`: one row per gold timeline, the news-tls averages
    (``average``), and how each collection was built."""

    path: str
    rows: tuple[TLSRow, ...]
    collections: tuple[TLSCollectionInfo, ...]
    average: TimelineScores = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "average", average_scores([r.scores for r in self.rows]))

    @property
    def date_f1(self) -> float:
        return self.average.date.f

    @property
    def ar1_f(self) -> float:
        return self.average.ar1.f

    @property
    def ar2_f(self) -> float:
        return self.average.ar2.f

    def __repr__(self) -> str:
        n = len(self.rows)
        return (
            f"<TLSReport {self.path}: {n} timeline{'' if n == 1 else 's'} of {len(self.collections)} "
            f"collection{'' if len(self.collections) == 1 else 's'}; Date-F1 {self.date_f1:.3f}, "
            f"AR1-F {self.ar1_f:.3f}, AR2-F {self.ar2_f:.3f}>"
        )

    def summary_line(self) -> str:
        """One line: ``timelines=N date_F1=... AR1_F=... AR2_F=...`` (as the shared scorer's)."""
        return (
            f"timelines={len(self.rows)} date_F1={self.date_f1:.3f} AR1_F={self.ar1_f:.3f} "
            f"AR2_F={self.ar2_f:.3f}"
        )

    def format(self) -> str:
        """A table: one row per timeline, the averages, and the summary line."""
        width = max([len("timeline")] + [len(r.key) for r in self.rows])
        head = f"{'timeline':<{width}}  {'l':>3} {'k':>2}  " + "  ".join(f"{METRIC_NAMES[m]:>7}" for m in METRICS) + "  seconds"
        lines = [head]
        for r in self.rows:
            lines.append(
                f"{r.key:<{width}}  {r.l:>3} {r.k:>2}  "
                + "  ".join(f"{getattr(r.scores, m).f:>7.3f}" for m in METRICS)
                + f"  {r.seconds:>7.1f}"
            )
        lines.append(
            f"{'average':<{width}}  {'':>3} {'':>2}  " + "  ".join(f"{getattr(self.average, m).f:>7.3f}" for m in METRICS)
        )
        lines.append("(averages as news-tls: F of the mean precision and the mean recall; AR = date-aligned ROUGE, R = concat ROUGE)")
        lines.append(self.summary_line())
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "timelines": [r.to_dict() for r in self.rows],
            "average": self.average.to_dict(),
            "collections": [c.to_dict() for c in self.collections],
            "version": __version__,
        }


def _check_query(query: object) -> str | tuple[str, ...] | None:
    if query is None or isinstance(query, str):
        return query
    if isinstance(query, Iterable):
        words = tuple(query)
        if all(isinstance(w, str) for w in words):
            return words
    raise TypeError(f"query must be a string, a list of strings or None, not {type(query).__name__}")


def _inputs_hash(docs: Sequence[Document]) -> str:
    h = hashlib.sha256()
    for d in docs:
        for part in (d.id, d.published.isoformat() if d.published else "", d.text):
            h.update(part.encode("utf-8"))
            h.update(b"\0")
    return h.hexdigest()[:16]


def _cache_file(cache: Path, name: str, docs: Sequence[Document]) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
    return cache / f"{safe}-{__version__}-{_inputs_hash(docs)}.json"


def _load_cached(path: Path, docs: Sequence[Document]) -> Timeline | None:
    """The timeline stored at ``path``, with the article texts put back (its JSON holds only
    the documents' metadata); ``None`` when it is missing or does not fit."""
    from ._timeline import Timeline

    if not path.is_file():
        return None
    try:
        stored = Timeline.from_json(path)
    except TimelineError as e:
        log.warning("%s: ignoring the cached timeline (%s); building again", path, e)
        return None
    by_id = {d.id: d for d in docs}
    if [d.id for d in stored.documents if d.id in by_id] != [d.id for d in stored.documents] or len(stored.documents) != len(docs):
        log.warning("%s: the cached timeline's documents are not the collection's; building again", path)
        return None
    return Timeline(stored.events, [by_id[d.id] for d in stored.documents])


def _build(name: str, docs: Sequence[Document], *, n_process: int, progress: bool, cache: Path | None) -> tuple[Timeline, float, bool]:
    """The collection's timeline, from the cache when it holds it; (timeline, seconds, cached)."""
    from ._build import build

    t0 = time.perf_counter()
    target = _cache_file(cache, name, docs) if cache is not None else None
    if target is not None:
        tl = _load_cached(target, docs)
        if tl is not None:
            log.info("%s: timeline loaded from %s", name, target)
            return tl, time.perf_counter() - t0, True
    log.info("%s: building the timeline of %d articles", name, len(docs))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", TimelineWarning)
        tl = build(docs, n_process=n_process, progress=progress)
    _log_warnings(name, "building", caught)
    seconds = time.perf_counter() - t0
    if target is not None:
        tl.to_json(target, indent=None)
        log.info("%s: timeline cached in %s", name, target)
    return tl, seconds, False


def predict(tl: Timeline, gold: GoldTimeline, query: str | Sequence[str] | None) -> dict[date, tuple[str, ...]]:
    """The protocol's prediction for one gold timeline: ``tl.between(first, last)
    .summarize(dates=l, per_date=k, query=query)``, as ``{day: sentences}`` in date order;
    events whose value does not name a day are left out."""
    summary = tl.between(gold.start.isoformat(), gold.end.isoformat()).summarize(dates=gold.l, per_date=gold.k, query=query)
    out: dict[date, list[str]] = {}
    for e in summary:
        day = _to_day(e.value)  # a day, or a time of day ("2010-04-20T10:00"): its day
        if day is not None:
            out.setdefault(day, []).append(e.text)
    return {d: tuple(out[d]) for d in sorted(out)}


def _mentions_any(docs: Sequence[Document], words: Iterable[str]) -> bool:
    pattern = "|".join(re.escape(w) for w in words if w.strip())
    if not pattern:
        return False
    rx = re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)
    return any(rx.search(d.text) for d in docs)


def evaluate_tls(
    path: str | os.PathLike[str],
    *,
    query: str | Sequence[str] | None = None,
    n_process: int = 1,
    cache: str | os.PathLike[str] | None = None,
    progress: bool = False,
) -> TLSReport:
    """Evaluate :meth:`Timeline.summarize` on a Timeline17-style collection, or a folder of
    them, with the news-tls protocol (see the module's documentation and docs/summaries.md).

    ``path`` is a collection (``InputDocs/<YYYY-MM-DD>/<file>``, ``timelines.jsonl``,
    ``keywords.json``) or a folder of collections. Each collection is built once
    (:func:`timeline.build`, ``n_process`` worker processes) and summarized for each of its
    gold timelines. ``query`` is handed to ``summarize``; ``None`` uses each collection's
    ``keywords.json`` (the corpus's own query: in Timeline17 only the collection's topic
    name, such as ``"H1N1"`` or ``"bpoil"``; the shared scorer ``tls_score.py`` instead uses
    tilse's topic keywords, ``["bp", "oil", "spill"]``, so give ``query="bp oil spill"`` to
    reproduce its runs). ``cache`` is a folder where each collection's built timeline is kept
    as JSON, keyed by collection name, package version and a hash of the articles, so that a
    rerun skips the build. ``progress=True`` shows a progress bar while building.

    Raises :class:`CorpusError` when a collection's layout is wrong.

    >>> evaluate_tls("no/such/folder")
    Traceback (most recent call last):
    ...
    timeline.CorpusError: no/such/folder: no such directory
    """
    given_query = _check_query(query)
    if isinstance(n_process, bool) or not isinstance(n_process, int) or (n_process < 1 and n_process != -1):
        raise ValueError(f"n_process must be a positive int (or -1 for one per CPU), not {n_process!r}")
    collections = [read_collection(c) for c in find_collections(path)]  # every layout checked first
    cache_dir = None
    if cache is not None:
        cache_dir = Path(cache)
        if cache_dir.exists() and not cache_dir.is_dir():
            raise TimelineError(f"{cache_dir}: the cache must be a directory")
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise TimelineError(f"{cache_dir}: cannot create the cache directory: {e.strerror or e}") from None
    rows: list[TLSRow] = []
    infos: list[TLSCollectionInfo] = []
    bar = _collections_bar(len(collections)) if progress and len(collections) > 1 else None
    for c in collections:
        if bar is not None:
            bar.set_description(c.name)
        docs = c.documents()
        q: str | tuple[str, ...] | None = given_query if given_query is not None else c.keywords
        if given_query is None and c.keywords and not _mentions_any(docs, c.keywords):
            log.warning(
                "%s: no article mentions its keywords.json query %s; give a query (--query) that names the story",
                c.name, ", ".join(repr(w) for w in c.keywords),
            )  # fmt: skip
        tl, seconds, cached = _build(c.name, docs, n_process=n_process, progress=progress, cache=cache_dir)
        infos.append(TLSCollectionInfo(c.name, len(docs), len(tl), q, seconds, cached))
        for g in c.timelines:
            t0 = time.perf_counter()
            pred = predict(tl, g, list(q) if isinstance(q, tuple) else q)
            scores = score_timeline(pred, g.summaries)
            rows.append(TLSRow(g.key, g.l, g.k, g.start, g.end, pred, scores, time.perf_counter() - t0))
            log.info("%s: Date-F1 %.3f AR1-F %.3f AR2-F %.3f", g.key, scores.date.f, scores.ar1.f, scores.ar2.f)
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    return TLSReport(str(path), tuple(rows), tuple(infos))


def _collections_bar(total: int) -> Any:
    """A progress bar over collections (above the build's bar over documents), when tqdm is
    installed."""
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit="collection", position=0, leave=False)
