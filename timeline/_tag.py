"""The tagger: rules find mentions, tense gives direction, the resolver gives values."""

from __future__ import annotations

import bisect
import itertools
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
from ._context import check_mode
from ._select import parse_spans, spans_of
from ._sentences import SENTENCE_MARKS
from ._resolve import MODES, Mode, ResolutionContext, needs_tense, range_end_interval, resolve
from ._tense import NO_TENSE, Tense, tense_from_doc, tense_from_text
from ._types import Timex
from .rules import Mention, load

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = ["tag", "annotate", "annotate_span", "find_mentions", "pieces_to_parse", "resolve_mentions", "paragraph_groups", "Mode", "MODES", "infer_date_order", "published_for"]




# Longest piece handed to spaCy at once (characters), whatever the pipeline's max_length. A
# paragraph longer than this (paragraphs separated by single newlines, as scraped text comes,
# or no line breaks at all) is cut after a line or a sentence that ends in it (see
# cut_point). Small, so that what is done per sentence or per piece costs a bounded amount
# whatever the layout of the text, and so that a batch of pieces stays small.
MAX_PIECE = 5_000
# Most words and marks (``_TOKENISH``, about spaCy's tokens) in a piece: the parser needs
# about 15 KB per token of the batch it is given, and a text of punctuation ("!!!...") has
# a token per character. English has about 1,000 in MAX_PIECE characters.
MAX_PIECE_TOKENS = 1_500
# Most tokens handed to spaCy in one batch when tagging (about 90 MB of parser memory; a
# group at once took 350 MB).
BATCH_TOKENS = 4 * MAX_PIECE_TOKENS
# A long text is tagged in groups of paragraphs of about this many characters, one after the
# other (the resolution context carries over), so that memory does not grow with its length.
GROUP_CHARS = 100_000

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_NON_BLANK = re.compile(r"\S")
_TOKENISH = re.compile(r"\w+|[^\w\s]")


def split_paragraphs(text: str, max_len: int, max_tokens: int | None = None) -> list[tuple[int, str]]:
    """Cut ``text`` at blank lines (a headline, a paragraph: sentences never cross them,
    even when the parser would join them), then cut pieces longer than ``max_len``, or
    with more than ``max_tokens`` words and marks, with :func:`split_for`. Offsets are
    kept; empty pieces are dropped."""
    return [(s, text[s:e]) for s, e in paragraph_spans(text, max_len, max_tokens)]


def paragraph_spans(text: str, max_len: int, max_tokens: int | None = None) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of :func:`split_paragraphs`' pieces, without copying
    their text."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BLANK_LINE.finditer(text):
        if m.start() > pos:
            spans.extend(_line_spans(text, pos, m.start(), max_len, max_tokens))
        pos = m.end()
    if pos < len(text):
        spans.extend(_line_spans(text, pos, len(text), max_len, max_tokens))
    return [(s, e) for s, e in spans if _NON_BLANK.search(text, s, e)] or [(0, len(text))]


def split_for(text: str, max_len: int, max_tokens: int | None = None) -> list[tuple[int, str]]:
    """Cut ``text`` into pieces no longer than ``max_len`` (and with at most ``max_tokens``
    words and marks) at paragraph, line or sentence boundaries (see :func:`cut_point`),
    keeping each piece's offset.

    >>> split_for("It rained all day long.\\nThe match was\\ncalled off.", 40)
    [(0, 'It rained all day long.\\n'), (24, 'The match was\\ncalled off.')]
    >>> split_for("Oh!!!!!!!! No!!!!!!!!", 40, max_tokens=10)
    [(0, 'Oh!!!!!!!! '), (11, 'No!!!!!!!!')]
    """
    return [(s, text[s:e]) for s, e in _line_spans(text, 0, len(text), max_len, max_tokens)]


def _line_spans(text: str, start: int, end: int, max_len: int, max_tokens: int | None) -> list[tuple[int, int]]:
    """``text[start:end]`` cut as :func:`split_for` cuts it, as spans of ``text``."""
    spans: list[tuple[int, int]] = []
    pos = start
    while True:
        window = min(end, pos + max_len)
        if max_tokens is not None:
            window = _tokens_end(text, pos, window, max_tokens)
        if window >= end:
            break
        cut = pos + cut_point(text, pos, window)
        spans.append((pos, cut))
        pos = cut
    if pos < end or not spans:
        spans.append((pos, end))
    return spans


def _tokens_end(text: str, start: int, end: int, max_tokens: int) -> int:
    """The end of the longest stretch of ``text[start:end]`` from ``start`` that holds at most
    ``max_tokens`` words and marks: where the next one starts, or ``end``."""
    after = next(itertools.islice(_TOKENISH.finditer(text, start, end), max_tokens, None), None)
    return end if after is None else after.start()


def cut_point(text: str, start: int, end: int) -> int:
    """Where to end a piece that must fit in ``text[start:end]`` (the length from ``start``),
    in the second half of that window: after the last blank line, else after the last line
    break that ends a sentence (paragraphs separated by single newlines), else after the
    last sentence end, else after the last line break, else after the last space; else at
    the window's end. Each search reads the window once: linear in its length.

    >>> cut_point("A wrapped\\nline. Next one.\\nAnd more", 0, 30)
    26
    """
    half = start + (end - start) // 2
    for after in (_after_blank_line, _after_sentence_line, _after_sentence, _after_line_break, _after_space):
        cut = after(text, half, end)
        if cut > half:
            return cut - start
    return end - start


def _after_blank_line(text: str, half: int, end: int) -> int:
    i = text.rfind("\n\n", half + 1, end)
    return i + 2 if i >= 0 else -1


def _after_line_break(text: str, half: int, end: int) -> int:
    i = text.rfind("\n", half + 1, end)
    return i + 1 if i >= 0 else -1


def _after_space(text: str, half: int, end: int) -> int:
    i = text.rfind(" ", half + 1, end)
    return i + 1 if i >= 0 else -1


def _after_sentence_line(text: str, half: int, end: int) -> int:
    """After the last line break in ``text[half + 1:end]`` that closes a line ending with a
    sentence mark, or -1."""
    i = text.rfind("\n", half + 1, end)
    while i > half:
        j = i - 1
        while j > half and text[j] in " \t\r\f\v":
            j -= 1
        if text[j] in SENTENCE_MARKS:
            return i + 1
        i = text.rfind("\n", half + 1, i)
    return -1


# a sentence end inside a line: a lower-case word of two letters or more, a full stop (or ?
# or !), a capital after the space; not "Mr. Kim", "Gov. Hochul", "U.S. officials", "Sept. 4"
_SENTENCE_END = re.compile(r"\b[a-z]{2,}[.!?][\"'\u201d\u2019)]*[ \t]+(?=[\"'\u201c\u2018(]*[A-Z])")


def _after_sentence(text: str, half: int, end: int) -> int:
    """After the last sentence end (and its spaces) in ``text[half + 1:end]``, or -1."""
    cut = -1
    for m in _SENTENCE_END.finditer(text, half + 1, end):
        cut = m.end()
    return cut


_SURROGATE = re.compile("[\ud800-\udfff]")


def parseable(text: str) -> str:
    """``text`` with lone surrogates (undecodable bytes kept by ``errors="surrogateescape"``,
    which spaCy cannot hash) replaced by U+FFFD: same length, so offsets still hold."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def pieces_to_parse(text: str, start: int, end: int, mentions: Sequence[Mention], *, max_length: int, every: bool = False) -> list[tuple[int, str]]:
    """What of ``text[start:end]`` to parse for ``mentions``: the sentences that need it
    (:func:`timeline._select.parse_spans`; ``every``: those of every mention, as in a
    history), each cut by :func:`split_for` if longer than the pipeline's ``max_length`` or
    :data:`MAX_PIECE`, as ``(offset into text, text to hand to spaCy)``."""
    limit = max(1, min(max_length - 1, MAX_PIECE))
    spans = parse_spans(text, start, end, spans_of(mentions, every=every))
    return [(a + off, parseable(piece)) for a, b in spans for off, piece in split_for(text[a:b], limit, MAX_PIECE_TOKENS)]


def _parse_pieces(nlp: Language, pieces: list[tuple[int, str]]) -> list[tuple[int, Doc]]:
    """The ``pieces`` (:func:`pieces_to_parse`) parsed, as ``(offset, Doc)``, in batches of
    at most about :data:`BATCH_TOKENS` tokens: parsing a whole group at once took memory in
    proportion to it."""
    if not pieces:
        return []
    disable = [p for p in UNNEEDED_FOR_TAGGING if p in nlp.pipe_names]
    most = max(_tokens_in(p) for _, p in pieces)
    docs = nlp.pipe((p for _, p in pieces), disable=disable, batch_size=max(1, BATCH_TOKENS // max(1, most)))
    return [(off, doc) for (off, _), doc in zip(pieces, docs)]


def _tokens_in(text: str) -> int:
    """How many words and marks ``text`` holds (about its spaCy tokens)."""
    return sum(1 for _ in _TOKENISH.finditer(text))


def doc_length(doc: Doc) -> int:
    """``len(doc.text)`` without building the text (``Doc.text`` joins every token: once
    per mention, that made tagging quadratic in the length of a piece)."""
    if len(doc) == 0:
        return 0
    last = doc[len(doc) - 1]
    return last.idx + len(last.text_with_ws)


class Pieces:
    """The pieces of a parse, ``(offset, Doc)`` in text order (offsets into the whole text),
    found by character offset in logarithmic time: a bisection over the pieces' offsets,
    then over the tokens' (:meth:`spacy.tokens.Doc.char_span`), never a scan of the pieces,
    of a doc's tokens or of its text."""

    def __init__(self, parsed: Sequence[tuple[int, Doc]]) -> None:
        self.parsed = parsed
        self.starts = [off for off, _ in parsed]
        self.ends = [off + doc_length(doc) for off, doc in parsed]

    def find(self, start: int) -> int | None:
        """The index of the last piece that starts at or before ``start``, if any."""
        k = bisect.bisect_right(self.starts, start) - 1
        return k if k >= 0 else None

    def covering(self, start: int, end: int) -> tuple[int, Doc] | None:
        """The piece (``(offset, Doc)``) that holds the characters ``start:end``: the last one
        starting at or before ``start``, if ``end`` falls inside it too."""
        k = self.find(start)
        if k is None or end > self.ends[k]:
            return None
        return self.parsed[k]

    def span(self, start: int, end: int) -> tuple[int, Span] | None:
        """The piece index and the tokens (expanded to whole tokens) of the characters
        ``start:end`` of the whole text, as ``doc.char_span(..., alignment_mode="expand")``
        of the last piece starting at or before ``start``; ``None`` when there is none or
        the span is empty."""
        k = self.find(start)
        if k is None or start >= self.ends[k]:
            return None  # in no piece: the pieces need not cover the text
        off, doc = self.parsed[k]
        span = doc.char_span(start - off, end - off, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        return k, span


# in a history, a date said of what was planned, expected or possible ("would be exposed for a
# planned campaign in 1976") does not move the story
UNREAL = frozenset({"future", "conditional"})
# nor does a date that closes or opens a span told from elsewhere: "an assault that lasted
# until the fall of Budapest in February 1945", "the worst attack since 1995"
_SPAN_BOUND = re.compile(r"\b(?:until|till|since)\b[^.;:]*$")
#: How far back (characters) :data:`_SPAN_BOUND` looks for its word.
SPAN_BOUND_REACH = 60

# what joins two coordinated dates: "August and September 1914", "May, June or July 2020"
_COORDINATED = re.compile(r"\s*(?:,\s*(?:and|or)?|and|or|&)\s*")


def _tenses(text: str, mentions: Sequence[Mention], parsed: Sequence[tuple[int, Doc]] | None, *, every: bool = False) -> list[Tense]:
    """The tense of each mention's clause (``NO_TENSE`` for those whose value does not
    depend on it, unless ``every``)."""
    out: list[Tense] = []
    pieces = Pieces(parsed) if parsed else None
    for m in mentions:
        if not every and not needs_tense(m):
            out.append(NO_TENSE)
            continue
        t = NO_TENSE
        if pieces is not None:
            found = pieces.covering(m.start, m.end)
            if found is not None:
                off, doc = found
                t = tense_from_doc(doc, m.start - off, m.end - off)
        if t.direction is None:
            t = tense_from_text(text, m.start, m.end)
        out.append(t)
    return out


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
    for off, end in paragraph_spans(text, limit):
        if off > start and end - start > limit:
            spans.append((start, off))
            start = off
    spans.append((start, len(text)))
    return spans


def annotate(
    text: str,
    *,
    published: datetime | None,
    mode: Mode = "news",
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
    sentences of the span's mentions if given; else ``nlp`` parses those sentences
    (:func:`timeline._select.parse_spans`) when some mention's value depends on tense, and
    the parse is dropped after."""
    mentions = find_mentions(text, start, end, ctx=ctx, lang=lang)
    if parsed is None and nlp is not False and any(needs_tense(m) for m in mentions):
        model = default_nlp() if nlp is None else nlp
        if has_parser(model):
            parsed = _parse_pieces(model, pieces_to_parse(text, start, end, mentions, max_length=model.max_length, every=ctx.mode == "narrative"))
    return resolve_mentions(text, mentions, ctx=ctx, parsed=parsed, lang=lang)


def find_mentions(text: str, start: int, end: int, *, ctx: ResolutionContext, lang: str = "en") -> list[Mention]:
    """The mentions the rules find in ``text[start:end]`` that stand in ``ctx``
    (:meth:`ResolutionContext.admits`), with offsets into ``text``. Nothing is resolved
    and ``ctx`` is not changed: the parse their sentences need can be made in between."""
    mentions = [m for m in load(lang).extract(text[start:end]) if ctx.admits(m)]
    if start:
        mentions = [replace(m, start=m.start + start, end=m.end + start) for m in mentions]
    return mentions


def resolve_mentions(
    text: str, mentions: list[Mention], *, ctx: ResolutionContext, parsed: Sequence[tuple[int, Doc]] | None = None, lang: str = "en"
) -> list[Timex]:
    """Resolve the mentions of one span (:func:`find_mentions`) in ``ctx``, in text order,
    reading tense from ``parsed`` where it covers a mention (else from the words around it).
    ``ctx`` takes the span's evidence about numeric dates first, then each resolved date."""
    if not mentions:
        return []
    ctx.observe(mentions)  # the order of numeric dates, from all the dates of the span
    narrative = ctx.mode == "narrative"
    tenses = _tenses(text, mentions, parsed, every=narrative)
    # the second end of a range is resolved from its first ("from December to February")
    # and the first from a second end that gives its year ("26 June - 4 August 1952")
    links = range_links(text, mentions, lang=lang)
    first_of = {j: i for i, j, _ in links}
    last_of: dict[int, tuple[Mention, tuple[datetime, datetime]]] = {}
    for i, j, _ in links:
        iv = range_end_interval(mentions[j])
        if iv is not None:
            last_of[i] = (mentions[j], iv)
    # and the first of two coordinated dates from the second ("in August and September
    # 1914", "on 3, 5 or 7 May 2021"), walking back along a list
    for k in range(len(mentions) - 2, -1, -1):
        a, b = mentions[k], mentions[k + 1]
        joined = _COORDINATED.match(text, a.end, b.start)
        if k in last_of or joined is None or joined.end() != b.start:
            continue
        if k + 1 in last_of:
            last_of[k] = last_of[k + 1]
        else:
            iv = range_end_interval(b)
            if iv is not None:
                last_of[k] = (b, iv)
    out: list[Timex] = []
    for k, (m, t) in enumerate(zip(mentions, tenses)):
        out.append(resolve(m, t, ctx, after=out[first_of[k]] if k in first_of else None, before=last_of.get(k), aside=in_parentheses(text, m.start, m.end) or in_quotes(text, m.start) or (narrative and t.direction in UNREAL) or (narrative and _SPAN_BOUND.search(text, max(0, m.start - SPAN_BOUND_REACH), m.start) is not None)))
    return out


def in_quotes(text: str, start: int) -> bool:
    """Whether ``start`` falls inside a quotation of its paragraph: an odd number of
    straight double quotes before it since the last blank line, or an opening curly quote
    not closed yet. At most :data:`ASIDE_REACH` * 4 characters are read.

    >>> t = 'He said "we met two years ago" in Paris.'
    >>> in_quotes(t, t.index("two")), in_quotes(t, t.index("Paris"))
    (True, False)
    """
    lo = max(0, start - 4 * ASIDE_REACH)
    para = text.rfind("\n\n", lo, start)
    left = text[(para + 2 if para >= 0 else lo) : start]
    if left.rfind("\u201c") > left.rfind("\u201d"):
        return True
    return left.count('"') % 2 == 1


#: How far (characters) around a mention :func:`in_parentheses` looks for its brackets.
ASIDE_REACH = 120


def in_parentheses(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands inside parentheses on its line: an opening one
    before it not closed yet, and a closing one after it not preceded by another opening
    one, both within :data:`ASIDE_REACH` characters.

    >>> t = "A study (Smith, 2003) found it."
    >>> in_parentheses(t, t.index("2003"), t.index("2003") + 4), in_parentheses(t, 0, 1)
    (True, False)
    """
    lo = max(0, start - ASIDE_REACH)
    left = text[lo:start]
    opened = left.rfind("(")
    if opened < 0 or left.rfind(")") > opened or "\n" in left[opened:]:
        return False
    right = text[end : end + ASIDE_REACH]
    closed = right.find(")")
    if closed < 0:
        return False
    inner = right[:closed]
    return "(" not in inner and "\n" not in inner


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
    check_mode(mode, optional=False)
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


