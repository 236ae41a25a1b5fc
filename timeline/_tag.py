"""The tagger: rules find mentions, tense gives direction, the resolver gives values."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from ._errors import LanguageWarning, warn
from ._language import language_message, not_english
from ._nlp import UNNEEDED_FOR_TAGGING, default_nlp, has_parser
from ._dateorder import DateOrder, check_date_order
from ._published import Published, is_ambiguous_date_string, parse_published
from ._ranges import range_links
from ._resolve import ResolutionContext, needs_tense, resolve
from ._tense import NO_TENSE, Tense, tense_from_doc, tense_from_text
from ._types import Timex
from .rules import Mention, load

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["tag", "annotate", "annotate_span", "paragraph_groups", "Mode", "infer_date_order", "published_for"]

Mode = Literal["news", "narrative"]
MODES = ("news", "narrative")


def _check_mode(mode: str) -> None:
    if not isinstance(mode, str):
        raise TypeError(f"mode must be a string, not {type(mode).__name__}")
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def split_paragraphs(text: str, max_len: int) -> list[tuple[int, str]]:
    """Cut ``text`` at blank lines (a headline, a paragraph: sentences never cross them,
    even when the parser would join them), then cut pieces longer than ``max_len`` with
    :func:`split_for`. Offsets are kept; empty pieces are dropped."""
    pieces: list[tuple[int, str]] = []
    pos = 0
    for m in _BLANK_LINE.finditer(text):
        if m.start() > pos:
            pieces.extend((pos + o, p) for o, p in split_for(text[pos : m.start()], max_len))
        pos = m.end()
    if pos < len(text):
        pieces.extend((pos + o, p) for o, p in split_for(text[pos:], max_len))
    return [(o, p) for o, p in pieces if p.strip()] or [(0, text)]


def split_for(text: str, max_len: int) -> list[tuple[int, str]]:
    """Cut ``text`` into pieces shorter than ``max_len`` at paragraph, line or sentence
    boundaries, keeping each piece's offset."""
    if len(text) <= max_len:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + max_len)
        if end < len(text):
            window = text[pos:end]
            cut = -1
            for sep in ("\n\n", "\n", ". ", " "):
                cut = window.rfind(sep)
                if cut > max_len // 2:
                    cut += len(sep)
                    break
            end = pos + (cut if cut > max_len // 2 else len(window))
        pieces.append((pos, text[pos:end]))
        pos = end
    return pieces


_SURROGATE = re.compile("[\ud800-\udfff]")


def parseable(text: str) -> str:
    """``text`` with lone surrogates (undecodable bytes kept by ``errors="surrogateescape"``,
    which spaCy cannot hash) replaced by U+FFFD: same length, so offsets still hold."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _parse(nlp: Language, text: str) -> list[tuple[int, Doc]]:
    limit = max(1, min(nlp.max_length - 1, MAX_PIECE))
    disable = [p for p in UNNEEDED_FOR_TAGGING if p in nlp.pipe_names]
    pieces = split_paragraphs(text, limit)
    docs = nlp.pipe((p for _, p in pieces), disable=disable)
    return [(off, doc) for (off, _), doc in zip(pieces, docs)]


def _tenses(text: str, mentions: Sequence[Mention], parsed: list[tuple[int, Doc]] | None) -> list[Tense]:
    out: list[Tense] = []
    for m in mentions:
        if not needs_tense(m):
            out.append(NO_TENSE)
            continue
        t = NO_TENSE
        if parsed:
            for off, doc in reversed(parsed):
                if off <= m.start:
                    if m.end - off <= len(doc.text):
                        t = tense_from_doc(doc, m.start - off, m.end - off)
                    break
        if t.direction is None:
            t = tense_from_text(text, m.start, m.end)
        out.append(t)
    return out


# Longest piece handed to spaCy at once (characters), whatever the pipeline's max_length.
MAX_PIECE = 100_000
# A long text is tagged in groups of paragraphs of about this many characters, one after the
# other (the resolution context carries over), so that memory does not grow with its length.
GROUP_CHARS = MAX_PIECE


def paragraph_groups(text: str, limit: int = GROUP_CHARS) -> list[tuple[int, int]]:
    """Contiguous ``(start, end)`` spans covering ``text``, cut where
    :func:`split_paragraphs` cuts, each about ``limit`` characters at most. A text shorter
    than ``limit`` is one span.

    >>> paragraph_groups("One.\\n\\nTwo.\\n\\nThree.", limit=8)
    [(0, 6), (6, 12), (12, 18)]
    """
    if len(text) <= limit:
        return [(0, len(text))]
    spans: list[tuple[int, int]] = []
    start = 0
    for off, piece in split_paragraphs(text, limit):
        if off > start and off + len(piece) - start > limit:
            spans.append((start, off))
            start = off
    spans.append((start, len(text)))
    return spans


def annotate(
    text: str,
    *,
    published: datetime | None,
    mode: str = "news",
    parsed: list[tuple[int, Doc]] | None = None,
    nlp: Language | Literal[False] | None = False,
    lang: str = "en",
    date_order: str | None = None,
) -> list[Timex]:
    """Core of :func:`tag`, without argument checks. Callers that already parsed the text
    (the spaCy component) pass ``parsed``; otherwise ``nlp`` parses it, only when some
    mention's resolution depends on tense. Long texts are tagged group by group
    (:func:`paragraph_groups`)."""
    ctx = ResolutionContext(published=published, mode=mode, date_order=date_order)
    out: list[Timex] = []
    for start, end in paragraph_groups(text):
        out.extend(annotate_span(text, start, end, ctx=ctx, parsed=parsed, nlp=nlp, lang=lang))
    return out


def annotate_span(
    text: str,
    start: int,
    end: int,
    *,
    ctx: ResolutionContext,
    parsed: list[tuple[int, Doc]] | None = None,
    nlp: Language | Literal[False] | None = False,
    lang: str = "en",
) -> list[Timex]:
    """The timexes of ``text[start:end]`` (offsets into ``text``), resolved in ``ctx``, which
    carries what earlier spans mentioned. ``parsed`` (offsets into ``text``) must cover the
    span if given; else ``nlp`` parses the span when needed, and the parse is dropped after."""
    mentions = [m for m in load(lang).extract(text[start:end]) if ctx.admits(m)]
    if not mentions:
        return []
    ctx.observe(mentions)  # the order of numeric dates, from all the dates of the span
    if start:
        mentions = [replace(m, start=m.start + start, end=m.end + start) for m in mentions]
    if parsed is None and nlp is not False and any(needs_tense(m) for m in mentions):
        model = default_nlp() if nlp is None else nlp
        if has_parser(model):
            parsed = [(start + off, doc) for off, doc in _parse(model, parseable(text[start:end]))]
    tenses = _tenses(text, mentions, parsed)
    # the second end of a range is resolved from its first ("from December to February")
    first_of = {j: i for i, j, _ in range_links(text, mentions, lang=lang)}
    out: list[Timex] = []
    for k, (m, t) in enumerate(zip(mentions, tenses)):
        out.append(resolve(m, t, ctx, after=out[first_of[k]] if k in first_of else None))
    return out


def infer_date_order(text: str, *, lang: str = "en") -> str | None:
    """The order of numeric dates ``text``'s own dates show (``"MDY"`` or ``"DMY"``), or
    ``None`` when they do not tell (see ``timeline/_dateorder.py``).

    >>> infer_date_order("Filed on 25/12/2022, heard on 03/01/2023.")
    'DMY'
    """
    ctx = ResolutionContext(published=None)
    ctx.observe(load(lang).extract(text))
    inferred = ctx.evidence.order
    return inferred[0] if inferred else None


def published_for(published: Published, text: str, date_order: str | None, *, lang: str = "en") -> datetime | None:
    """The publication date of ``text``: a numeric date string that could be read either
    way takes ``date_order``, else the order the text's own dates show, else month first
    (with a warning)."""
    if date_order is None and is_ambiguous_date_string(published):
        date_order = infer_date_order(text, lang=lang)
    return parse_published(published, date_order=check_date_order(date_order))


def tag(
    text: str,
    *,
    published: Published,
    nlp: Language | Literal[False] | None = None,
    mode: Mode = "news",
    date_order: DateOrder | None = None,
) -> list[Timex]:
    """Find the temporal expressions in ``text`` and resolve them.

    ``published`` (a ``date``, ``datetime`` or string in any common format or language,
    or ``None``) anchors relative expressions. ``nlp`` is ``None`` for the default spaCy
    pipeline (loaded once per process), a ``spacy.Language``, or ``False`` for rules only.
    ``mode="narrative"`` anchors relative expressions on the last mentioned date instead
    of the publication date. ``date_order`` (``"MDY"``, ``"DMY"``, ``"YMD"``) says how to
    read numeric dates that could be day first or month first, in the text and in
    ``published`` ("06/05/2024"); with ``None`` it is inferred from the text's other dates,
    else month first with a :class:`~timeline.DateOrderWarning`. A text that is clearly not
    English gets a :class:`~timeline.LanguageWarning` (the rules are English only).

    >>> for t in tag("Kim left on Sunday and will meet Putin next week.", published="2023-09-12", nlp=False):
    ...     print(t.text, t.value)
    Sunday 2023-09-10
    next week 2023-W38
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    _check_mode(mode)
    date_order = check_date_order(date_order)
    pub = published_for(published, text, date_order)
    if nlp is not None and nlp is not False and not hasattr(nlp, "pipe"):
        raise TypeError(f"nlp must be a spacy Language, False or None, not {type(nlp).__name__}")
    if not text.strip():
        return []
    what = not_english(text)
    if what is not None:
        warn(language_message(what), LanguageWarning)
    return annotate(text, published=pub, mode=mode, nlp=nlp, date_order=date_order)


