"""Tagging and building stay linear whatever the layout of a text (issue 12, classes 2 and
10), shown by structure rather than by timing:

* a text whose paragraphs are separated by single newlines (as ``Document.from_html`` and
  most scrapers give them), or with no line breaks at all, is cut into pieces no longer than
  ``MAX_PIECE``, after a line or a sentence that ends there, so that a batch of pieces holds
  about one group;
* what is looked up per date expression (its piece, its tokens, its sentence, the entities
  of its clause) is found through indexes built once per piece, never by reading a doc's
  whole text, sentences or entities again;
* the process-wide loaders (the spaCy pipeline, the rules, the word lists) load once, even
  when threads make their first call together.
"""

from __future__ import annotations

import random
import threading
import time
from typing import Any

import pytest
from timeline_tests_helpers import RecordingNlp

import timeline
from timeline import Document, _extract, _nlp, _tag, _words
from timeline._resolve import ResolutionContext
from timeline import rules as _rules

PUB = "2023-09-12"

PARAGRAPHS = (
    "Kim Jong Un left Pyongyang by armoured train on Sunday and arrived in Vladivostok on Tuesday, state media said.",
    "The summit is expected to take place next week, officials said, after talks in Moscow on Sept. 4, 2023 ended without a deal.",
    "A water main burst early on Monday, flooding streets in the city centre; repairs will continue until Friday, the utility said.",
    "In March 2020, the council closed the bridge for repairs. It reopened on 14 June 2021 after a review of the costs.",
    "The minister resigned on Wednesday, and the report will be published in the coming days, according to two officials.",
)


def _news(copies: int, sep: str) -> str:
    return "".join(p + sep for _ in range(copies) for p in PARAGRAPHS)


# --- pieces ----------------------------------------------------------------------------------------


BATCH = 16  # pieces build() parses at once by default


def _fits_a_batch(lengths: list[int]) -> bool:
    """Whether a batch of the longest pieces holds at most about one group (two)."""
    return BATCH * max(lengths) <= 2 * _tag.GROUP_CHARS


def test_a_batch_of_pieces_holds_about_one_group() -> None:
    """``build`` parses 16 pieces at once by default: memory is bounded by one group only if
    16 pieces are about one group (they were 16 x 100,000 characters)."""
    assert _fits_a_batch([_tag.MAX_PIECE])
    assert timeline.build.__kwdefaults__["batch_size"] == BATCH  # type: ignore[index]


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_single_newline_paragraphs_are_parsed_in_bounded_pieces(sep: str) -> None:
    text = _news(700, sep)  # about 400,000 characters
    recording = RecordingNlp(parser=True)
    timeline.build([Document(text, published=PUB, id="big")], nlp=recording)  # type: ignore[arg-type]
    assert max(recording.lengths) <= _tag.MAX_PIECE and _fits_a_batch(recording.lengths)
    # every sentence is dated: all the text is parsed, but the line breaks between pieces
    assert sum(recording.lengths) >= len(text) - 2 * len(text.splitlines())
    # tag() parses the dated sentences of each group (when some date needs a tense) as
    # these pieces
    recording.lengths.clear()
    for start, end in _tag.paragraph_groups(text):
        mentions = _tag.find_mentions(text, start, end, ctx=ResolutionContext(published=None))
        pieces = _tag.pieces_to_parse(text, start, end, mentions, max_length=recording.max_length)
        for off, doc in _tag._parse_pieces(recording, pieces):  # type: ignore[arg-type]
            assert text[off : off + len(doc.text)] == doc.text
    assert max(recording.lengths) <= _tag.MAX_PIECE and _fits_a_batch(recording.lengths)


def test_single_newline_paragraphs_are_cut_after_a_sentence() -> None:
    text = _news(200, "\n")
    pieces = _tag.split_paragraphs(text, _tag.MAX_PIECE)
    assert len(pieces) > len(text) // _tag.MAX_PIECE
    assert all(len(p) <= _tag.MAX_PIECE for _, p in pieces) and _fits_a_batch([len(p) for _, p in pieces])
    assert all(p.endswith(".\n") for _, p in pieces[:-1])  # never inside a paragraph
    assert "".join(p for _, p in pieces) == text and all(text[o : o + len(p)] == p for o, p in pieces)


def test_a_cut_prefers_a_line_that_ends_a_sentence() -> None:
    # a hard-wrapped paragraph after a complete one: the cut goes after the complete one,
    # not after the last line break (inside the wrapped sentence)
    text = "It rained all day long.\nThe match was\ncalled off."
    assert _tag.cut_point(text, 0, 40) == len("It rained all day long.\n")
    assert _tag.split_for(text, 40) == [(0, "It rained all day long.\n"), (24, "The match was\ncalled off.")]
    # no line break: after a sentence (not after "Mr."), else after a word, else anywhere
    assert _tag.cut_point("The rain fell all day. Mr. Kim left", 0, 30) == len("The rain fell all day. ")
    assert _tag.cut_point("It rained. Then it stopped and Mr. Kim left", 0, 38) == len("It rained. Then it stopped and Mr. ")
    assert _tag.cut_point("x" * 50, 0, 20) == 20


@pytest.mark.parametrize("unit", ["2023-09-12", "the ", "1,"])
def test_text_without_line_breaks_is_parsed_in_bounded_pieces(unit: str) -> None:
    text = unit * (250_000 // len(unit)) + " on Monday"  # one sentence, dated
    recording = RecordingNlp(parser=True)
    timeline.build([Document(text, published=PUB, id="run")], nlp=recording)  # type: ignore[arg-type]
    assert max(recording.lengths) <= _tag.MAX_PIECE and _fits_a_batch(recording.lengths)
    # the text is cut into groups; only the group of the date (the last) is parsed, whole
    start, end = _tag.paragraph_groups(text)[-1]
    assert sum(recording.lengths) == end - start


def test_groups_are_unchanged_by_the_smaller_pieces() -> None:
    """Groups (what rules-only tagging resolves together) are still cut at about
    ``GROUP_CHARS``: results without a model cannot depend on the size of pieces."""
    text = _news(800, "\n")
    groups = _tag.paragraph_groups(text)
    assert len(groups) == len(text) // _tag.GROUP_CHARS + 1
    assert all(e - s <= _tag.GROUP_CHARS for s, e in groups)
    assert groups[0][0] == 0 and groups[-1][1] == len(text) and all(a[1] == b[0] for a, b in zip(groups, groups[1:]))


def test_single_and_double_newlines_give_the_same_dates() -> None:
    """The same paragraphs, separated by one newline or by two, give the same dates at the
    same places (rules only: the parse may differ)."""
    copies = 400  # over two groups
    one, two = _news(copies, "\n"), _news(copies, "\n\n")

    def by_paragraph(text: str, sep: str) -> list[tuple[int, int, str, str]]:
        starts = [0]
        for line in text.split(sep)[:-1]:
            starts.append(starts[-1] + len(line) + len(sep))
        out = []
        k = 0
        for t in timeline.tag(text, published=PUB, nlp=False):
            while k + 1 < len(starts) and starts[k + 1] <= t.start:
                k += 1
            out.append((k, t.start - starts[k], t.text, t.value))
        return out

    assert by_paragraph(one, "\n") == by_paragraph(two, "\n\n")


# --- indexes -------------------------------------------------------------------------------------------


class _NoScanDoc:
    """A parsed Doc that refuses to be read whole (``text``, ``ents``, ``sents``) more than
    ``allowed`` times: what is needed per expression must come from indexes."""

    def __init__(self, doc: Any, allowed: int = 0) -> None:
        self._doc = doc
        self.allowed = allowed
        self.reads: dict[str, int] = {}

    def __getattr__(self, name: str) -> Any:
        if name in ("text", "ents", "sents"):
            self.reads[name] = self.reads.get(name, 0) + 1
            if self.reads[name] > self.allowed:
                raise AssertionError(f"doc.{name} read {self.reads[name]} times")
        return getattr(self._doc, name)

    def __len__(self) -> int:
        return len(self._doc)

    def __getitem__(self, i: Any) -> Any:
        return self._doc[i]

    def __iter__(self) -> Any:
        return iter(self._doc)


def _blank_pieces(text: str, limit: int) -> list[tuple[int, Any]]:
    import spacy

    nlp = spacy.blank("en")
    return [(off, nlp(piece)) for off, piece in _tag.split_paragraphs(text, limit)]


def test_pieces_index_matches_char_span_on_random_spans() -> None:
    text = _news(12, "\n\n") + _news(12, "\n")
    parsed = _blank_pieces(text, 300)
    assert len(parsed) > 20
    pieces = _tag.Pieces([(off, _NoScanDoc(doc)) for off, doc in parsed])
    rng = random.Random(12)
    for _ in range(2000):
        start = rng.randrange(len(text))
        end = min(len(text), start + rng.randrange(1, 40))
        # what a scan of the pieces gives: the last piece starting at or before ``start``
        k = max((i for i, (off, _) in enumerate(parsed) if off <= start), default=None)
        expected = None
        if k is not None:
            off, doc = parsed[k]
            span = doc.char_span(start - off, end - off, alignment_mode="expand")
            if span is not None and len(span):
                expected = (k, span.start, span.end)
        got = pieces.span(start, end)
        assert (got and (got[0], got[1].start, got[1].end)) == expected, (start, end)
        covering = pieces.covering(start, end)
        fits = k is not None and end - parsed[k][0] <= len(parsed[k][1].text)
        assert (covering is not None and covering[0] == parsed[k][0]) == fits  # type: ignore[index]


def test_tenses_never_read_a_whole_piece(nlp: Any) -> None:
    """Finding the tense of each expression used ``len(doc.text)`` of its piece: once per
    expression, quadratic in the length of a piece."""
    text = _news(6, "\n")
    mentions = _rules.load().extract(text)
    assert len(mentions) > 40
    parsed = [(off, _NoScanDoc(doc)) for off, doc in zip([0], nlp.pipe([text]))]
    tenses = _tag._tenses(text, mentions, parsed)  # type: ignore[arg-type]
    assert sum(t.direction is not None for t in tenses) > 10


def test_events_read_entities_and_sentences_once_per_piece(nlp: Any) -> None:
    """Each event's actors, speaker, sentence and clause come from per-piece indexes: the
    doc's entities are read once per piece (they were read once per event)."""
    text = _news(3, "\n")
    document = Document(text, published=PUB, id="d")
    timexes = timeline.tag(text, published=PUB, nlp=nlp)
    doc = _NoScanDoc(nlp(text), allowed=1)
    events = _extract.extract_events(document, [(0, doc)], timexes)  # type: ignore[list-item]
    assert len(events) > 5 and any(e.actors for e in events)
    assert doc.reads.get("ents", 0) <= 1
    # the same events as from the plain doc
    assert [(e.value, e.text, e.actors) for e in events] == [(e.value, e.text, e.actors) for e in _extract.extract_events(document, [(0, nlp(text))], timexes)]


def test_piece_sentences_and_paragraphs_match_spacy(nlp: Any) -> None:
    text = "Kim left on Sunday.\nHe arrived on Tuesday, officials said\nThe summit is next week. Talks ended on Monday."
    doc = nlp(text)
    piece = _extract._Piece(0, doc)
    for tok in doc:
        sent = tok.sent
        assert piece.sent(tok.i) == (sent.start, sent.end), tok.i
        lo, hi = piece.paragraph_bounds(tok.i)
        assert sent.start <= lo <= tok.i < hi <= sent.end or (hi == tok.i and doc[hi].is_space)


# --- loaded once per process, whatever the threads ------------------------------------------------


def _at_once(call: Any, n: int = 8) -> list[Any]:
    """``call()`` from ``n`` threads released together; their results."""
    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n
    errors: list[BaseException] = []

    def run(k: int) -> None:
        barrier.wait()
        try:
            results[k] = call()
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return results


class _SlowCount:
    """A slow loader that counts its calls and returns a new object each time."""

    def __init__(self, value: Any = None) -> None:
        self.calls = 0
        self.value = value
        self.lock = threading.Lock()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        with self.lock:
            self.calls += 1
        time.sleep(0.2)  # long enough for every thread to arrive while it loads
        return self.value if self.value is not None else object()


def test_once_per_process_loads_once_under_concurrent_first_use() -> None:
    slow = _SlowCount()

    @_nlp.once_per_process
    def load(lang: str = "en") -> object:
        return slow(lang)

    results = _at_once(load)
    assert slow.calls == 1 and all(r is results[0] for r in results)
    assert load("en") is load(lang="en") is results[0] and slow.calls == 1  # one value per language
    assert load("fr") is not results[0] and slow.calls == 2


def test_a_failed_load_is_not_cached() -> None:
    calls: list[int] = []

    @_nlp.once_per_process
    def load() -> int:
        calls.append(1)
        if len(calls) == 1:
            raise OSError("not yet")
        return len(calls)

    with pytest.raises(OSError):
        load()
    assert load() == 2 and load() == 2


def test_default_pipeline_loads_once_under_concurrent_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    import spacy

    saved = _nlp.default_nlp()  # the real pipeline, put back in the cache afterwards
    slow = _SlowCount()
    monkeypatch.setattr(spacy, "load", slow)
    monkeypatch.setattr(spacy, "blank", slow)
    _nlp.default_nlp.cache_clear()  # type: ignore[attr-defined]
    try:
        results = _at_once(_nlp.default_nlp)
        assert slow.calls == 1 and all(r is results[0] for r in results)
    finally:
        _nlp.default_nlp.cache_clear()  # type: ignore[attr-defined]
        monkeypatch.setattr(spacy, "load", lambda *a, **k: saved)
        monkeypatch.setattr(spacy, "blank", lambda *a, **k: saved)
        assert _nlp.default_nlp() is saved


@pytest.mark.parametrize("loader, module, expensive", [(_rules.load, _rules, "Lexicon"), (_words.lexicon, _words, "Lexicon")])
def test_rules_and_word_lists_load_once_under_concurrent_first_use(loader: Any, module: Any, expensive: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real = getattr(module, expensive)
    calls = _SlowCount()

    def slow(*args: Any, **kwargs: Any) -> Any:
        calls()
        return real(*args, **kwargs)

    monkeypatch.setattr(module, expensive, slow)
    loader.cache_clear()
    try:
        results = _at_once(loader)
        assert calls.calls == 1 and all(r is results[0] for r in results)
    finally:
        monkeypatch.undo()
        loader.cache_clear()  # the next call loads the real ones again
