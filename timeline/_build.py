"""From documents to a :class:`~timeline.Timeline`: parse, tag, extract events, merge.

All the documents go through one ``nlp.pipe`` stream, so the pipeline is loaded once and
spaCy batches the work (``batch_size``, ``n_process``). Texts longer than the pipeline's
``max_length`` are cut into pieces (at paragraph, line or sentence boundaries) that are
parsed separately; offsets always refer to the document's text.
"""

from __future__ import annotations

import logging
from datetime import datetime
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from . import _events, _merge, _tag
from ._document import Document
from ._errors import DocumentError
from ._nlp import default_nlp, has_parser
from ._timeline import Timeline

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from ._events import Event

__all__ = ["build", "iter_document_events"]

log = logging.getLogger("timeline")

# Longest piece handed to spaCy at once (characters), whatever the pipeline's max_length.
MAX_PIECE = 100_000


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


def _checked(documents: Iterable[Document]) -> Iterator[Document]:
    """The documents, checking types and that ids are unique, as they stream by."""
    if isinstance(documents, (str, bytes, Document)) or not isinstance(documents, Iterable):
        raise TypeError(f"documents must be an iterable of timeline.Document, not {type(documents).__name__}")
    seen: set[str] = set()
    for i, d in enumerate(documents):
        if not isinstance(d, Document):
            raise TypeError(f"documents must be timeline.Document objects; item {i} is a {type(d).__name__}: {_describe(d)}")
        if d.id in seen:
            raise DocumentError(f"duplicate document id {d.id!r} (item {i}); give each document its own id")
        seen.add(d.id)
        yield d


def iter_document_events(
    documents: Iterable[Document],
    *,
    nlp: Language | None = None,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[tuple[Document, list[Event]]]:
    """Yield ``(document, events)`` for each document, in input order, as they are parsed.

    Events are per document (not merged); each lists the document as its only source.
    Documents are read lazily from ``documents``, so arbitrarily long streams work; wrong
    types and duplicate ids raise (``TypeError``, :class:`~timeline.DocumentError`) when
    they are reached.
    """
    model = _check_nlp(nlp)
    _check_positive("batch_size", batch_size)
    _check_positive("n_process", n_process, allow_all_cpus=True)
    limit = max(1, min(model.max_length, MAX_PIECE))
    parser = has_parser(model)

    def pieces() -> Iterator[tuple[str, tuple[Document, int, bool]]]:
        for doc in _checked(documents):
            parts = _tag.split_paragraphs(doc.text, limit)
            for k, (offset, text) in enumerate(parts):
                yield text, (doc, offset, k == len(parts) - 1)

    parsed: list[tuple[int, Doc]] = []
    stream = model.pipe(pieces(), as_tuples=True, batch_size=batch_size, n_process=n_process)
    for spacy_doc, (document, offset, last) in stream:
        parsed.append((offset, spacy_doc))
        if not last:
            continue
        pieces_of_doc, parsed = parsed, []
        yield document, _document_events(document, pieces_of_doc, parser)


def _document_events(document: Document, parsed: list[tuple[int, Doc]], parser: bool) -> list[Event]:
    # Without a parser the docs carry no sentences or dependencies: the tagger then takes
    # tense from its rule-based heuristic, as tag() does with such a pipeline.
    timexes = _tag.annotate(document.text, published=document.published, parsed=parsed if parser else None)
    return _events.extract_events(document, parsed, timexes)


def build(
    documents: Iterable[Document],
    *,
    nlp: Language | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    progress: bool = False,
) -> Timeline:
    """Build the chronology of ``documents`` (an iterable of :class:`~timeline.Document`).

    Every document is parsed (one ``nlp.pipe`` stream; ``batch_size`` and ``n_process`` are
    passed to it), tagged against its publication date, its dated events are extracted,
    and the events of all documents are merged and ordered. ``nlp`` is ``None`` for the
    default pipeline (loaded once per process) or a ``spacy.Language``. ``progress=True``
    shows a progress bar when ``tqdm`` is installed, else logs progress (logger
    ``"timeline"``, level INFO).

    >>> build(["not a document"])
    Traceback (most recent call last):
    ...
    TypeError: documents must be timeline.Document objects; item 0 is a str: 'not a document'
    """
    docs = list(_checked(documents))  # checks everything before any model is loaded
    model = _check_nlp(nlp)
    stream: Iterable[tuple[Document, list[Event]]] = iter_document_events(
        docs, nlp=model, batch_size=batch_size, n_process=n_process
    )
    all_events: list[Event] = []
    bar = _progress_bar(len(docs)) if progress else None
    try:
        for i, (document, events) in enumerate(stream, start=1):
            all_events.extend(events)
            if bar is not None:
                bar.update(1)
            elif progress:
                log.info("%d/%d documents: %s (%d events)", i, len(docs), document.id, len(events))
    finally:
        if bar is not None:
            bar.close()
    merged = _merge.merge_events(all_events, docs)
    log.info("%d events from %d documents merged into %d", len(all_events), len(docs), len(merged))
    # documents in a fixed order (publication date, then id), so the same collection gives
    # the same timeline whatever order it was given in
    ordered_docs = sorted(docs, key=lambda d: (d.published is None, d.published or datetime.min, d.id))
    return Timeline(merged, ordered_docs)


def _progress_bar(total: int) -> Any:
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit="doc", desc="timeline", leave=False)
