"""Event extraction: from a parsed document and its resolved timexes to the events they date.

For each dating expression (a ``DATE``/``TIME`` timex, a range of two, or a vague span such
as "in the coming days"):

1. **The time.** Ranges ("from July 3 to July 6", "between May 21 and May 23", "3-5 June")
   are one time covering both ends; the expression's preposition and modifiers ("early on
   Sunday", "at 3 a.m. local time") are part of the dating phrase.
2. **The predicate** it dates: the verb the phrase attaches to, through its preposition; an
   event noun when the phrase modifies one ("the invasion of Ukraine in February 2022"); a
   word the parser took for a noun but that heads a clause ("A water main burst early on
   Sunday"). The phrase never dates a word of another clause: climbing stops at clause
   boundaries.
3. **The clause** of that predicate: its subtree without other clauses that are events of
   their own (a conjoined clause with its own subject, a relative or adverbial clause with a
   date of its own, asides in parentheses or dashes, appositions, attributions "according
   to"), without its fronted adverbials and without *every* dating phrase. A conjoined verb
   or an xcomp borrows its subject ("Kim is expected to travel to Vladivostok").
4. **The text** is that clause as written (contiguous stretches of the sentence, so nothing
   inside a kept phrase is lost: "Cranes stood idle at Calder Bay"), cleaned of leading
   connectives and stray punctuation, capitalised, cut at a clause boundary when long.
5. **Reported speech has two times.** A phrase attached to a reporting verb dates the
   statement ("the company said on Monday"): its text is the speaker, the verb and the
   reported clause, without the reported clause's own date; the reported clause, if it has
   a date of its own ("a water main burst early on Sunday"), is an event of its own.

This module ties the steps together; they live in ``_when.py`` (the dating expressions),
``_attach.py`` (the phrase and the predicate it dates), ``_clause.py`` (the parsed piece and
the clause), ``_eventtext.py`` (the text) and ``_actors.py`` (status, actors, speakers).
"""


from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ._actors import _actors, _content_count, _speaker, _status
from ._attach import _clause_head, _phrase_tokens, _predicate, _predicate_word, _relation_object, _subject_tokens
from ._clause import _Clause, _Piece
from ._events import Event, EventMention, reading_time, time_of
from ._eventtext import _render, _stand_in, _statement_text, _with_antecedent, passive_stand_in
from ._tag import Pieces
from ._tense import tense_from_doc
from ._timex3 import granularity_rank, is_bc
from ._when import When, whens_of
from ._words import Lexicon, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ._document import Document
    from ._types import Timex

__all__ = ["extract_events", "When", "whens_of"]


# --- extraction ----------------------------------------------------------------------------------


@dataclass
class _Reading:
    when: When
    pred: Token
    noun: bool
    span: Span
    phrase: set[int]
    piece: int
    sent_start: int  # token index of the sentence of ``span``


def extract_events(document: Document, parsed: list[tuple[int, Doc]], timexes: list[Timex]) -> list[Event]:
    """Events dated by the timexes of one document, in text order, one source each.

    ``parsed`` holds the document's spaCy parse, as (character offset, Doc) pieces;
    ``timexes`` are the document's resolved timexes (offsets into ``document.text``).
    """
    lex = lexicon()
    whens = whens_of(document.text, timexes, document.published)
    located = Pieces(parsed)  # the piece and tokens of an expression, by bisection
    pieces = [_Piece(off, doc) for off, doc in parsed]
    readings: list[_Reading] = []
    for w in whens:
        found_span = located.span(w.start, w.end)
        if found_span is None:
            continue
        k, span = found_span
        phrase = _phrase_tokens(span, lex)
        root = span.root
        found = _predicate(root, phrase, lex)
        if found is None:
            continue
        pred, noun = found
        if not noun and pred.dep_ == "prep":
            continue
        after = document.text[w.end : w.end + 3]
        if re.match(r"\s*:\s*(?:\n|$)", after):
            continue  # "1957:" closing a line is the heading of the next one
        if after.startswith(":") and pred.i < span.end:
            continue  # "... badly affected 1957: the Asian flu": a label dates what follows it
        lo, hi = pieces[k].paragraph_bounds(span.root.i)
        if not (lo <= pred.i < hi):
            continue  # the parse joined two lines: a date never dates another line's words
        if _bracketed(span, pred) or _bracketed_clause(pred):
            continue  # "(in 2009, for the first time ...)", "(see 3.28 pm)": an aside's date
        if _since(root, phrase, pred, noun):
            continue
        readings.append(_Reading(w, pred, noun, span, phrase, k, pieces[k].sent(span.start)[0]))
    # dating phrases per sentence, so that a clause can leave out the others' phrases
    phrases: dict[tuple[int, int], list[set[int]]] = {}
    for r in readings:
        phrases.setdefault((r.piece, r.sent_start), []).append(r.phrase)
    # one reading per predicate: two phrases on one word ("on Monday, Sept. 4, at 3 p.m.")
    # make one time, the finer one (or the span of both when they differ)
    by_pred: dict[tuple[int, int], list[_Reading]] = {}
    for r in readings:
        by_pred.setdefault((r.piece, r.pred.i), []).append(r)
    events: list[Event] = []
    for group in by_pred.values():
        ev = _event(document, pieces, group, phrases, lex)
        if ev is not None:
            events.append(ev)
    events.sort(key=lambda e: e.mentions[0].start)
    return events


def _bracketed(span: Span, pred: Token) -> bool:
    """Whether the dating phrase sits inside brackets that its predicate is outside of."""
    doc = span.doc
    depth = 0
    opened = -1
    for i in range(span.start - 1, max(-1, span.start - 40), -1):
        t = doc[i].text
        if t in (")", "]"):
            depth += 1
        elif t in ("(", "["):
            if depth == 0:
                opened = i
                break
            depth -= 1
    if opened < 0:
        return False
    close = next((i for i in range(span.end, min(len(doc), span.end + 40)) if doc[i].text in (")", "]")), len(doc))
    return not (opened < pred.i < close)


def _bracketed_clause(pred: Token) -> bool:
    """Whether a predicate heads a clause in brackets inside another ("(see 3.28 pm)")."""
    doc = pred.doc
    left = pred.left_edge.i - 1
    right = pred.right_edge.i + 1
    opens = left >= 0 and doc[left].text in ("(", "[")
    closes = right < len(doc) and doc[right].text in (")", "]")
    inside = any(c.text in ("(", "[") for c in pred.children) and any(c.text in (")", "]") for c in pred.children)
    return (opens and closes) or inside and pred.head != pred


def _since(root: Token, phrase: set[int], pred: Token, noun: bool) -> bool:
    """ "the first strike since 2019", "has lived there since 1998", "will stay closed until
    next week": the date bounds a state or a streak, it does not date the clause."""
    preps = [root.doc[i] for i in sorted(phrase) if root.doc[i].pos_ == "ADP" or root.doc[i].dep_ == "prep"]
    if noun:
        return False
    if any(p.lower_ == "since" for p in preps):
        return True
    lex = lexicon()
    lemma = pred.lemma_.lower()
    if any(p.lower_ in ("until", "till", "through") for p in preps) and lemma in lex.state_verbs:
        return True
    # "extended to May 17", "postponed until June": the new deadline, not when it was done
    return any(p.lower_ in ("to", "until", "till", "into") for p in preps) and lemma in lex.deadline_verbs


def _combined(group: list[_Reading]) -> When:
    if len(group) == 1:
        return group[0].when
    ws = [r.when for r in group]
    bc = [w for w in ws if is_bc(w.value)]
    if bc:  # "Ten years later, in 480 BC, ...": the BC date, never an AD one counted from elsewhere
        return bc[0]
    dated = [w for w in ws if w.interval is not None]
    if not dated:
        return ws[0]
    finest = min(dated, key=lambda w: (granularity_rank(w.granularity), w.start))
    if all(w.interval[0] <= finest.interval[0] and finest.interval[1] <= w.interval[1] for w in dated):  # type: ignore[index]
        return finest
    days = [w for w in dated if w.granularity == "day" and "/" not in w.value]
    if granularity_rank(finest.granularity) < granularity_rank("day") and len(days) == 1 and "T" in finest.value:
        # "at 3 a.m. local time on Monday": the clock time of the day the clause names
        day = days[0]
        value = day.value + finest.value[finest.value.index("T") :]
        iv = time_of(value)
        if iv[0] is not None and iv[1] is not None:
            return When(min(day.start, finest.start), max(day.end, finest.end), finest.text, value, finest.mod, iv[2], (iv[0], iv[1]), finest.parts + day.parts, finest.timex_spans + day.timex_spans)
    # different times on one predicate: "talks were held on Monday and Tuesday" is the span
    # of both; otherwise ("by mid-July, rather than early August") the first one
    first = min(dated, key=lambda w: (w.interval[0], w.start))  # type: ignore[index]
    last = max(dated, key=lambda w: (w.interval[1], -w.start))  # type: ignore[index]
    lo, hi = sorted((first, last), key=lambda w: w.start)
    if first is last or first.granularity != last.granularity or not _coordinated(group, lo, hi):
        return min(ws, key=lambda w: w.start)
    return When(
        min(first.start, last.start), max(first.end, last.end), first.text, f"{first.value}/{last.value}", None, first.granularity,
        (first.interval[0], last.interval[1]), first.parts + last.parts, first.timex_spans + last.timex_spans,  # type: ignore[index]
    )


def _coordinated(group: list[_Reading], lo: When, hi: When) -> bool:
    """Whether two dates of one predicate are coordinated ("on Monday and Tuesday")."""
    doc = group[0].span.doc
    a = next(r for r in group if r.when is lo)
    b = next(r for r in group if r.when is hi)
    between = doc[max(a.phrase) + 1 : min(b.phrase)] if max(a.phrase) < min(b.phrase) else doc[0:0]
    return len(between) <= 2 and all(t.lower_ in ("and", ",") for t in between) and any(t.lower_ == "and" for t in between)


def _event(document: Document, pieces: list[_Piece], group: list[_Reading], phrases: dict[tuple[int, int], list[set[int]]], lex: Lexicon) -> Event | None:
    r = group[0]
    piece = pieces[r.piece]
    when = _combined(group)
    main = next((g for g in group if g.when is when), r)
    own = set().union(*(g.phrase for g in group))
    all_phrases = phrases.get((r.piece, r.sent_start), [])
    others = [p for p in all_phrases if not (p & own)]
    drop = set(own).union(*others) if others else set(own)
    stand_in = _stand_in(main.span, own, when.granularity, main.sent_start)
    drop -= stand_in.keys()
    pred = r.pred
    predicate = _predicate_word(pred, lex)
    reporting = not r.noun and predicate in lex.reporting_verbs
    if r.noun:
        clause = _Clause(pred, drop, False, others, lex, piece)
        others_of_noun = {t.i for c in pred.children if c.dep_ in ("conj", "cc", "appos") for t in c.subtree}
        tokens = [t for t in clause.tokens(pred) if not (t.dep_ in ("relcl", "acl") and t.head == pred) and t.i not in others_of_noun]
        text = _render(tokens, lex, stand_in=stand_in)
        pronoun_owner = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in pred.children)
        # a date inside the noun's own phrase ("the 1989 Exxon Valdez spill", "last
        # Tuesday's explosion") or after "since", "following"... is the noun's: never the
        # clause's around it
        subtree = {t.i for t in pred.subtree}
        bound = (all(i in subtree for i in main.phrase) and max(main.phrase) < pred.i) or _relation_object(pred)
        bare = not any(c.dep_ in ("poss", "prep", "compound", "amod") and c.i not in drop and c.i not in stand_in for c in pred.children)
        if not bound and (pronoun_owner or bare):
            # a bare event noun ("the meeting on Monday") says little, and "its attempt" does
            # not say whose: the clause around it
            verb = pred.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
                verb = verb.head
            if verb.pos_ in ("VERB", "AUX"):
                pred, reporting = verb, False
                predicate = pred.lemma_.lower() or pred.lower_
                r = _Reading(r.when, pred, False, r.span, r.phrase, r.piece, r.sent_start)
        if r.noun:
            return _make(document, piece, main, when, tokens, text, predicate, (), lex, pred, stand_in)
    top = _clause_head(pred)
    clause = _Clause(top, drop, reporting, others, lex, piece).dating(pred)
    tokens = clause.tokens(top)
    if not any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in tokens):
        subj = [s for s in _subject_tokens(top) if s.i not in drop and clause.lo <= s.i < clause.hi]
        if subj and top.dep_ == "conj" and not any(c.dep_ in ("aux", "neg") for c in top.children):
            # "The contract will take effect in April and run through 2027": "will run"
            subj += [c for c in top.head.children if c.dep_ in ("aux", "neg") and c.i < top.head.i and c.i not in drop]
        tokens = sorted({*subj, *tokens}, key=lambda x: x.i)
    ordered = False
    if top.dep_ in ("relcl", "acl") and top.head != top and top.pos_ in ("VERB", "AUX"):
        tokens, ordered = _with_antecedent(top, tokens, drop)
        stand_in = {**stand_in, **passive_stand_in(top)}
    speaker: tuple[str, ...] = ()
    if reporting:
        said = top if top.lemma_ in lex.reporting_verbs else pred
        speaker = _speaker(said, piece, lex)
        subject = {t.i for c in said.children if c.dep_ in ("nsubj", "nsubjpass", "agent") for t in c.subtree}
        if _content_count([t for t in tokens if t.i not in subject and t.i != said.i]) < 1:
            return None  # "the company said on Monday": a statement that says nothing here
        text = _render(tokens, lex, ordered=True, stand_in=stand_in) if ordered else _statement_text(top, tokens, lex, stand_in)
    else:
        # a thin clause is nothing without its content ("Meridian repeated that ...")
        if any(c.dep_ == "ccomp" and c.i > top.i for c in top.children) and _content_count(tokens) < 3:
            clause = _Clause(top, drop, True, others, lex, piece)
            tokens = clause.tokens(top)
            ordered = False
        text = _render(tokens, lex, ordered=ordered, stand_in=stand_in)
    return _make(document, piece, main, when, tokens, text, predicate, speaker, lex, pred, stand_in)


_UNFINISHED = re.compile(r"\b(?:is|are|was|were|be|been|being|has|have|had|will|would|can|could|may|might|should|must|to|of|the|a|an)$", re.I)


def _make(
    document: Document, piece: _Piece, main: _Reading, when: When, tokens: list[Token], text: str,
    predicate: str, speaker: tuple[str, ...], lex: Lexicon, pred: Token, stand_in: dict[int, str] | None = None,
) -> Event | None:
    if _content_count(tokens, stand_in) < 2 or len(text.split()) < 2 or _UNFINISHED.search(text.rstrip(". ")):
        return None  # too little to say what happened, or a sentence left unfinished
    doc, off = piece.doc, piece.off
    tense = tense_from_doc(doc, main.when.timex_spans[0][0] - off, main.when.timex_spans[0][1] - off)
    status = _status(tense, when, document.published)
    actors = _actors(tokens, piece)
    lo, hi = piece.paragraph_bounds(main.span.root.i)
    if hi <= lo:
        lo, hi = piece.sent(main.span.start)
    sentence = " ".join(doc[lo:hi].text.split())
    start, end, gran = reading_time(when.value, when.mod, status, document.published)
    mention = EventMention(
        doc=document.id, sentence=sentence, timex=when.text, start=when.start, end=when.end, value=when.value, mod=when.mod,
        text=text, predicate=predicate, actors=actors, speaker=speaker, status=status,
    )
    return Event(when.value, start, end, gran, text, predicate, actors, status, (document.id,), (mention,), mod=when.mod)
