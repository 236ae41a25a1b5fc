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
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ._events import Event, EventMention, Status, reading_time, time_of
from ._ranges import find_ranges
from ._tag import Pieces
from ._tense import Tense, tense_from_doc
from ._timex3 import granularity_rank, is_bc
from ._words import Lexicon, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ._document import Document
    from ._types import Timex

__all__ = ["extract_events", "When", "whens_of"]

# vague spans that still place an event: "in the coming days" (after publication), "in the
# past few weeks" (before it)
_VAGUE_SPAN = re.compile(r"^P(?:X|\d+)(?:D|W|M)$")
_FORWARD = re.compile(r"\b(?:coming|next|following|upcoming|ahead)\b", re.I)
_BACKWARD = re.compile(r"\b(?:past|last|recent|previous)\b", re.I)
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "FAC", "LOC", "EVENT", "NORP"})
_ACTOR_NAME_LABELS = _ACTOR_LABELS - {"NORP"}  # actors are named; speakers may be a people
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
# dependencies that start a clause of its own
_CLAUSAL = frozenset({"advcl", "relcl", "ccomp", "conj", "parataxis", "xcomp", "csubj", "acl", "ROOT"})
# words inside a prepositional dating phrase besides the timex ("at 3 a.m. local time")
_TIME_PHRASE_WORDS = frozenset({"local", "time", "gmt", "utc", "et", "est", "edt", "pt", "bst", "cet", "hrs", "hours", "about", "around", "approximately", "roughly", "some", "as", "early", "late", "as", "of", "the", "until", "till"})
# the words among them that say something of time themselves
_TIME_CONTENT = frozenset({"local", "time", "gmt", "utc", "et", "est", "edt", "pt", "bst", "cet", "hrs", "hours", "early", "late"})
# words right before a dating phrase that belong to it ("in late July", "later in the summer")
_TIME_PREPOSITIONS = frozenset({"in", "on", "at", "by", "during", "until", "till", "from", "since", "before", "after", "within", "through", "throughout", "over", "around", "about", "as", "of"})
_TIME_MODIFIERS = frozenset({"early", "late", "later", "earlier", "mid", "shortly", "just", "soon", "right", "only", "as", "recently"})


@dataclass(frozen=True, slots=True)
class When:
    """A dating expression as events see it: one timex, or a range of two."""

    start: int  # character offsets of the whole expression in the document
    end: int
    text: str
    value: str
    mod: str | None
    granularity: str | None
    interval: tuple[datetime, datetime] | None
    parts: tuple[int, ...]  # indices of its timexes
    timex_spans: tuple[tuple[int, int], ...]



def _event_time(t: Timex, published: datetime | None) -> tuple[str, tuple[datetime, datetime] | None] | None:
    """(value, interval) of the time a timex gives an event, or None if it dates nothing
    ("in the future", "in the past" speak of no time in particular)."""
    if " ".join(t.text.lower().split()) in lexicon().timeless_references:
        return None
    if t.type in ("DATE", "TIME"):
        if t.value == "PRESENT_REF":
            return None
        if t.interval is not None:
            return t.value, t.interval
        if t.value in ("PAST_REF", "FUTURE_REF") or is_bc(t.value):
            return t.value, None  # a BC date has no interval: the event comes first (_merge)
        return None
    if t.type == "DURATION" and _VAGUE_SPAN.match(t.value) and published is not None:
        if _FORWARD.search(t.text):
            return "FUTURE_REF", None
        if _BACKWARD.search(t.text):
            return "PAST_REF", None
    return None


def whens_of(text: str, timexes: Sequence[Timex], published: datetime | None) -> list[When]:
    """The dating expressions of a text: each timex that places something in time, and
    ranges of two joined into one ("from July 3 to July 6": the 3rd to the 6th; which
    connectors make a range is the tagger's data, see :func:`timeline._ranges.find_ranges`).

    >>> from timeline import tag
    >>> s = "The fair runs from July 3 to July 6."
    >>> [(w.text, w.value) for w in whens_of(s, tag(s, published="2024-05-01", nlp=False), None)]
    [('from July 3 to July 6', '2024-07-03/2024-07-06')]
    """
    ranges = {r.first: r for r in find_ranges(text, timexes)}
    out: list[When] = []
    skip: set[int] = set()
    for i, t in enumerate(timexes):
        if i in skip:
            continue
        placed = _event_time(t, published)
        if placed is None:
            continue
        value, iv = placed
        r = ranges.get(i)
        if r is not None and iv is not None:
            u = timexes[r.last]
            end = _event_time(u, published)
            if end is not None and end[1] is not None and end[1][1] > iv[0] and u.granularity == t.granularity:
                out.append(When(r.start, r.end, r.text, f"{value}/{end[0]}", None, t.granularity, (iv[0], end[1][1]), (i, r.last), ((t.start, t.end), (u.start, u.end))))
                skip.add(r.last)
                continue
        out.append(When(t.start, t.end, t.text, value, t.mod, t.granularity if iv is not None else None, iv, (i,), ((t.start, t.end),)))
    return out


# --- finding things in the parse ---------------------------------------------------------------


def _is_event_noun(tok: Token, lex: Lexicon) -> bool:
    lemma = tok.lemma_.lower() or tok.lower_
    if tok.pos_ != "NOUN" or lemma in lex.not_event_nouns or tok.lower_ in lex.not_event_nouns:
        return False
    return lemma in lex.event_nouns or tok.lower_ in lex.event_nouns or (len(lemma) > 6 and lemma.endswith(lex.event_noun_suffixes))


def _phrase_tokens(span: Span, lex: Lexicon) -> set[int]:
    """The tokens of a dating phrase: the timex, the prepositions that introduce only it
    ("on Sunday", "at early on Tuesday local time"), and modifiers of either ("early on
    Sunday", "shortly before midnight", "late Tuesday")."""
    out = {t.i for t in span}

    def timeish(t: Token) -> bool:
        return t.i in out or t.lower_ in _TIME_PHRASE_WORDS or t.lower_ in lex.time_words or t.dep_ in ("punct", "cc") or t.like_num or (t.pos_ == "ADP" and t.i + 1 in out)

    tok = span.root
    for _ in range(3):  # the prepositions above the timex, while they hold nothing else
        prep = tok.head
        if prep == tok or prep.dep_ not in ("prep", "pobj", "npadvmod") or prep.pos_ not in ("ADP", "NOUN", "ADV"):
            break
        if not all(timeish(t) or t.dep_ == "advmod" for t in prep.subtree if t.i != prep.i):
            break
        if prep.pos_ == "NOUN" and not timeish(prep):
            break
        out.update(t.i for t in prep.subtree)
        for c in prep.head.children:
            if c.dep_ == "advmod" and c.i == prep.left_edge.i - 1 and c.lower_ in ("shortly", "just", "right", "soon", "long", "well", "early", "late", "later", "earlier"):
                out.add(c.i)
        tok = prep
    # what hangs on the phrase or sits right beside it and is only time words ("at early on
    # Tuesday local time")
    for _ in range(2):
        for i in sorted(out):
            t = span.doc[i]
            for c in list(t.children) + ([x for x in t.head.children if x != t] if t.head != t else []):
                if c.i in out:
                    continue
                sub = list(c.subtree)
                near = sub[0].i == max(out) + 1 or sub[-1].i == min(out) - 1 or c.head.i in out
                if near and all(timeish(x) for x in sub) and any(x.lower_ in _TIME_CONTENT or x.lower_ in lex.time_words or x.like_num for x in sub):
                    out.update(x.i for x in sub)
    # "Monday's": the possessive ending goes with the date
    for t in list(span):
        out.update(c.i for c in t.children if c.dep_ == "case")
    # a preposition or modifier right before the phrase ("in late July", "later in the
    # summer"), whatever the parser made of it, unless the date only modifies what follows
    # ("at Monday's hearing")
    doc = span.doc
    if span.root.dep_ in ("poss", "nummod", "compound", "amod", "nmod") and span.root.head.i not in out:
        return out
    k = min(out) - 1
    while k >= 0 and k not in out and (doc[k].lower_ in _TIME_PREPOSITIONS and doc[k].pos_ in ("ADP", "SCONJ") or doc[k].lower_ in _TIME_MODIFIERS):
        out.add(k)
        k -= 1
    return out


_RELATION_PREPS = frozenset({"since", "after", "before", "following", "amid", "during", "until", "ahead", "prior", "despite"})


def _event_noun_before(phrase: set[int], doc: Doc, lex: Lexicon) -> Token | None:
    """An event noun whose phrase ends right before the dating phrase, inside "since",
    "after", "following"... ("since Moscow's invasion of Ukraine in February 2022"): the
    date is the noun's, whatever the parser attached it to."""
    k = min(phrase) - 1
    if k < 0:
        return None
    tok = doc[k]
    for _ in range(6):
        head = tok.head
        if head == tok or head.right_edge.i != k:
            break
        tok = head
        if _relation_object(tok) and _is_event_noun(tok, lex):
            return tok
    # "put any deal to a vote of its members next week": an event noun that is an argument
    # of the verb a bare date (no preposition of its own) attaches to is what it dates
    first = doc[min(phrase)]
    if first.pos_ != "ADP" and first.lower_ not in _TIME_PREPOSITIONS:
        verb = next((doc[i].head for i in phrase if doc[i].head.i not in phrase), None)
        tok = doc[k]
        for _ in range(6):
            argument = tok.dep_ in ("dobj", "attr") and tok.head == verb or (tok.dep_ == "pobj" and tok.head.head == verb)
            if argument and _is_event_noun(tok, lex) and tok.right_edge.i == k:
                return tok
            if tok.head == tok or tok.head.right_edge.i != k:
                break
            tok = tok.head
    return None


def _relation_object(tok: Token) -> bool:
    """Whether a noun is the object of "since", "after", "ahead of", "prior to"... (or
    coordinated with one: "ahead of a trip and an address")."""
    while tok.dep_ == "conj" and tok.head != tok:
        tok = tok.head
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    return prep.lower_ in _RELATION_PREPS or (prep.lower_ in ("of", "to") and prep.head.lower_ in _RELATION_PREPS)


def _predicate(root: Token, phrase: set[int], lex: Lexicon) -> tuple[Token, bool] | None:
    """The word a dating phrase dates, and whether it is a noun-phrase event."""
    noun = _event_noun_before(phrase, root.doc, lex)
    if noun is not None:
        return noun, True
    if root.dep_ in ("nummod", "compound", "amod", "nmod", "poss", "npadvmod") and root.head.pos_ in ("NOUN", "PROPN") and root.i < root.head.i and root.head.i not in phrase:
        # a date inside a noun phrase dates that noun ("the 1918 pandemic", "a 2003 letter",
        # "Monday's hearing"), never the verb around it; a thing that is no event ("the 1918
        # virus", "its 2009 sales target") has no date to give
        thing = root.head
        if _is_event_noun(thing, lex) or (thing.lemma_.lower() or thing.lower_) in lex.dated_nouns:
            return thing, True
        return None
    head = root.head
    if head.dep_ == "prep" or head.pos_ == "ADP":
        if head.i in phrase or head.head != head:
            head = head.head if head.head != head else head
    if head == root:  # the phrase is the root of its sentence: dates nothing
        return None
    for _ in range(8):
        if head.pos_ in ("VERB", "AUX"):
            return head, False
        if head.pos_ in ("NOUN", "PROPN") and head.i not in phrase and (_is_event_noun(head, lex) or (head.lemma_.lower() or head.lower_) in lex.dated_nouns):
            return head, True
        if head.pos_ == "NOUN" and head.dep_ in ("advcl", "ccomp", "ROOT", "parataxis", "relcl") and any(c.dep_ in ("nsubj", "nmod", "amod", "det") for c in head.children):
            # a verb the parser took for a noun: "A water main burst early on Sunday, ..."
            if head.dep_ != "ROOT" or any(c.dep_ in ("prep", "advmod") for c in head.children):
                return head, False
        if head.dep_ in _CLAUSAL and head.pos_ not in ("ADJ", "ADV", "ADP") or head.head == head:
            break
        if head.dep_ == "prep" and head.lower_ == "since":
            return None  # "visits since the start of the pandemic in 2020": a bound, not this clause's date
        head = head.head
    if head.pos_ in ("VERB", "AUX"):
        return head, False
    if head.pos_ == "ADJ" and head.head.pos_ in ("VERB", "AUX"):
        return head.head, False
    return None


def _clause_head(verb: Token) -> Token:
    """Climb from a verb through xcomp chains to the clause that carries its subject:
    "Kim is expected to travel" -> "expected", "Kim is likely to head" -> "is"; an
    infinitive cannot stand alone either ("Forecasters expect the river to fall")."""
    for _ in range(8):
        head = verb.head
        to_form = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and not _has_subject(verb)
        if verb.dep_ == "acl" and to_form and head.pos_ == "NOUN" and head.head.pos_ in ("VERB", "AUX") and head.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
            verb = head.head  # "began its attempt to seal the well": the attempt's clause
            continue
        infinitive = verb.dep_ in ("ccomp", "advcl") and to_form
        if verb.dep_ in ("xcomp", "advcl") and to_form and head.pos_ == "ADJ" and head.dep_ in ("ccomp", "xcomp", "oprd", "acomp") and head.head.pos_ in ("VERB", "AUX"):
            verb = head.head  # "to make it easier to get a tight fit": the making
            continue
        participle = verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN") and not _has_subject(verb) and not any(c.dep_ in ("mark", "aux") for c in verb.children)
        if participle and verb.i < head.i and head.pos_ in ("VERB", "AUX"):
            verb = head  # "Speaking on television on Wednesday, Hayward said ...": the saying
            continue
        if (verb.dep_ != "xcomp" and not infinitive) or head == verb:
            break
        if head.pos_ in ("VERB", "AUX"):
            verb = head
        elif head.pos_ == "ADJ" and head.dep_ in ("acomp", "xcomp") and head.head.pos_ in ("VERB", "AUX"):
            verb = head.head
        else:
            break
    return verb


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in tok.children)


def _subject_tokens(verb: Token) -> list[Token]:
    """The subject a verb without one borrows: a conjoined or participial verb's head's."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "expl"):
            return list(c.subtree)
    if verb.pos_ not in ("VERB", "AUX"):
        return []  # a verb taken for a noun carries its subject as a modifier
    head = verb.head
    for _ in range(4):
        if head == verb or verb.dep_ not in ("conj", "xcomp", "advcl"):
            return []
        if head.pos_ in ("VERB", "AUX"):
            for c in head.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    return list(c.subtree)
        verb, head = head, head.head
    return []


class _Piece:
    """One parsed piece, indexed once for all the dating expressions in it: the starts of its
    sentences, the line breaks that end a line (:func:`_breaks_line`) and its named entities,
    as sorted arrays searched by bisection. ``Span.sent`` and a walk to a line break cost the
    length of a sentence, ``doc.ents`` the length of the doc, at every call: per expression,
    that was quadratic in the length of a sentence or a piece. Each index is built on first
    use."""

    def __init__(self, off: int, doc: Doc) -> None:
        self.off = off  # of the piece in the document's text
        self.doc = doc
        self._sent_starts: list[int] | None = None
        self._breaks: list[int] | None = None
        self._ents: list[tuple[int, int, str, str]] | None = None
        self._ent_ends: list[int] = []

    def sent(self, i: int) -> tuple[int, int]:
        """Token range of the sentence of token ``i`` (that of ``doc[i].sent``, and of any
        span starting at ``i``)."""
        if self._sent_starts is None:
            # a sentence starts where SENT_START is 1 (what Span.sent looks for)
            flags = self.doc.to_array("SENT_START").tolist() if len(self.doc) else []
            self._sent_starts = [k for k, f in enumerate(flags) if f == 1]
        starts = self._sent_starts
        k = bisect.bisect_right(starts, i)  # the first sentence starting after the token
        return (starts[k - 1] if k > 0 else 0), (starts[k] if k < len(starts) else len(self.doc))

    def paragraph_bounds(self, i: int) -> tuple[int, int]:
        """Token range of token ``i``'s sentence, cut at line breaks after a complete line (a
        headline or a caption is not part of the next sentence even when the parser joins
        them)."""
        lo, hi = self.sent(i)
        if self._breaks is None:
            self._breaks = [t.i for t in self.doc if ("\n" in t.whitespace_ or t.is_space) and _breaks_line(t)]
        breaks = self._breaks
        k = bisect.bisect_left(breaks, i) - 1  # the last break before the token
        if k >= 0 and breaks[k] >= lo:
            lo = breaks[k] + 1
        k += 1  # the first break at or after it
        if k < len(breaks) and breaks[k] < hi:
            hi = breaks[k] + (0 if self.doc[breaks[k]].is_space else 1)
        return lo, hi

    def entities(self, tokens: set[int], labels: frozenset[str]) -> list[str]:
        """The texts of the named entities with one of ``labels`` that share a token with
        ``tokens``, in text order (``doc.ents`` is built anew at each call)."""
        if not tokens:
            return []
        if self._ents is None:
            self._ents = [(e.start, e.end, e.label_, e.text) for e in self.doc.ents]
            self._ent_ends = [e for _, e, _, _ in self._ents]  # entities never overlap: sorted too
        lo, hi = min(tokens), max(tokens)
        out: list[str] = []
        for k in range(bisect.bisect_right(self._ent_ends, lo), len(self._ents)):
            start, end, label, text = self._ents[k]
            if start > hi:
                break
            if label in labels and any(i in tokens for i in range(start, end)):
                out.append(text)
        return out


def _breaks_line(t: Token) -> bool:
    ws = t.text if t.is_space else t.whitespace_
    if "\n" not in ws:
        return False
    if ws.count("\n") >= 2:
        return True
    # a single line break ends a sentence when the line is complete (ends with a sentence
    # mark) or when the next line starts a new one after a line without one (a headline)
    prev = t if not t.is_space else (t.doc[t.i - 1] if t.i > 0 else t)
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    if prev.text in (".", "!", "?", ":", "\u201d", '"') :
        return True
    return nxt is not None and nxt.text[:1].isupper() and not prev.is_punct and prev.pos_ not in ("ADP", "DET", "CCONJ", "SCONJ", "PRON", "AUX")


# --- the clause of a predicate -------------------------------------------------------------------


class _Clause:
    """Which tokens of a sentence make a predicate's event: computed once per predicate."""

    def __init__(self, pred: Token, drop: set[int], reporting: bool, others: list[set[int]], lex: Lexicon, piece: _Piece) -> None:
        self.pred = pred
        self.lex = lex
        self.drop = set(drop)  # dating phrases: never in the text
        self.others: set[int] = set().union(*others)  # tokens of other events' dating phrases in the sentence
        self.reporting = reporting
        self.lo, self.hi = piece.paragraph_bounds(pred.i)
        self.path: set[int] = set()

    def dating(self, word: Token) -> _Clause:
        """Keep the way from the clause's head down to ``word`` (the word the date is
        attached to), whatever the clause leaves out on the way."""
        tok = word
        while tok != self.pred and tok.head != tok:
            self.path.add(tok.i)
            tok = tok.head
        return self

    @staticmethod
    def _is_content(tok: Token, top: Token) -> bool:
        """Whether ``tok`` heads what a reporting verb reports."""
        return tok.head == top and tok.dep_ in ("ccomp", "advcl", "parataxis") and tok.pos_ in ("VERB", "AUX", "NOUN")

    def _separate(self, tok: Token, top: Token) -> bool:
        """Whether a dependent of the clause is an event or an aside of its own."""
        if tok.i in self.path:
            return False  # the way down to the dated word itself
        dep = tok.dep_
        if self.reporting and self._is_content(tok, top):
            return False  # what is said: kept, without its own date
        has_other_date = any(t.i in self.others for t in tok.subtree)
        if dep == "conj":
            if tok.head.pos_ not in ("VERB", "AUX"):
                return has_other_date  # "Putin and Kim": coordination inside a phrase
            return has_other_date or _has_subject(tok) or tok.pos_ not in ("VERB", "AUX")
        if dep in ("parataxis", "meta", "dep"):
            return True
        if dep == "advcl":
            if has_other_date:
                return True
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
                return False  # a purpose: "to meet Putin"
            if tok.pos_ in ("ADJ", "ADV", "NOUN"):
                return False  # "stood idle"
            return _has_subject(tok) or any(c.dep_ == "mark" for c in tok.children)
        if dep in ("relcl", "acl"):
            size = sum(1 for _ in tok.subtree)
            return has_other_date or size > 8 or (dep == "relcl" and tok.head == top)
        if dep == "appos":
            return sum(1 for _ in tok.subtree) > 2
        if dep == "ccomp":
            # what was decided, found, calculated is part of the event; a clause before its
            # verb is a clause of its own ("Most were moved out; most returned home")
            return tok.i < tok.head.i and not self.reporting
        if dep == "prep" and tok.lower_ == "according":
            return True
        if dep == "cc":
            conj = next((c for c in tok.head.children if c.dep_ == "conj" and c.i > tok.i), None)
            return conj is None or self._separate(conj, top)
        return False

    def tokens(self, top: Token) -> list[Token]:
        """The clause's tokens: the walk's, then holes filled (see :meth:`_fill`)."""
        out: list[Token] = []
        cut: list[list[Token]] = []

        def walk(tok: Token, is_top: bool) -> None:
            if not (self.lo <= tok.i < self.hi):
                return
            if not is_top and self._separate(tok, top):
                cut.append(list(tok.subtree))
                return
            if tok.i not in self.drop:
                out.append(tok)
            for c in tok.children:
                walk(c, False)

        walk(top, True)
        # fronted adverbials ("In a statement, the WHO said"; "After talks, ...") go
        subj = next((c for c in top.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        fronted: set[int] = set()
        if subj is not None:
            fronted = {
                t.i
                for c in top.children
                if c.dep_ in ("prep", "advmod", "npadvmod", "advcl", "dep", "intj") and c.i < subj.left_edge.i and not (self.reporting and self._is_content(c, top))
                for t in c.subtree
            }
            out = [t for t in out if t.i not in fronted]
        out = self._fill(sorted(out, key=lambda t: t.i), cut, fronted)
        # parentheses and dashes set off asides
        return sorted(_without_asides(out), key=lambda t: t.i)

    def _fill(self, out: list[Token], cut: list[list[Token]], fronted: set[int]) -> list[Token]:
        """Holes the walk left inside the clause are filled back, so that a kept stretch
        reads as written, unless the hole is an aside set off by punctuation (", who ...,")
        or a dating phrase: the parser's mistakes then cost a word too many, not a garbled
        sentence."""
        words = [t for t in out if not t.is_punct]
        if len(words) < 2:
            return out
        doc = out[0].doc
        lo, hi = words[0].i, words[-1].i
        asides: set[int] = set()
        for sub in cut:
            a, b = sub[0].i, sub[-1].i
            if b < lo or a > hi:
                continue
            before = doc[a - 1] if a > 0 else None
            after = doc[b + 1].text if b + 1 < len(doc) else ""
            if before is not None and before.dep_ == "cc" and before.i >= lo:
                asides.add(before.i)  # "... and no new meeting has been arranged"
                asides.update(t.i for t in sub)
            elif (before is not None and before.text in (",", "(", "--", "\u2014", "\u2013", ";", ":")) or after in (")", "--", "\u2014", "\u2013") or b >= hi:
                asides.update(t.i for t in sub)
        return [doc[i] for i in range(lo, hi + 1) if i not in self.drop and i not in asides and i not in fronted]


def _without_asides(tokens: list[Token]) -> list[Token]:
    if not tokens:
        return tokens
    doc = tokens[0].doc
    keep = {t.i for t in tokens}
    lo, hi = min(keep), max(keep)
    depth = 0
    inside: set[int] = set()
    for i in range(lo, hi + 1):
        t = doc[i]
        if t.text in ("(", "["):
            depth += 1
        if depth:
            inside.add(i)
        if t.text in (")", "]") and depth:
            depth -= 1
    return [t for t in tokens if t.i not in inside]


# the word that stands in for a date that is an argument of its clause ("spent a gray
# Saturday at the beach" -> "spent a gray day at the beach")
_STAND_IN = {"day": "day", "part_of_day": "day", "hour": "time", "minute": "time", "second": "time", "weekend": "weekend", "week": "week", "month": "month", "season": "season", "quarter": "quarter", "half": "half-year", "year": "year", "decade": "decade", "century": "century"}


def _render(tokens: list[Token], lex: Lexicon, *, ordered: bool = False, stand_in: dict[int, str] | None = None) -> str:
    """Readable text from tokens of one sentence: contiguous stretches keep their spacing.
    The tokens are read in text order unless ``ordered`` (then as given: "they exchanged"
    + "letters")."""
    if not ordered:
        tokens = sorted(tokens, key=lambda t: t.i)
    tokens = [t for t in tokens if not (t.is_quote or t.text in ("--", "\u2014", "\u2013") or t.is_space)]
    if not tokens:
        return ""
    # a sentence break the parser missed ("... Watson said. Diplomatic isolation ...")
    for k, t in enumerate(tokens[:-1]):
        if t.text in (".", "!", "?") and k >= 3 and t.i + 1 < len(t.doc) and t.doc[t.i + 1].text[:1].isupper():
            tokens = tokens[: k + 1]
            break
    kept = {t.i for t in tokens}
    # a comma whose neighbour was left out (an aside, a fronted clause) goes too
    tokens = [t for t in tokens if not (t.text in (",", ";", ":") and (t.i - 1 not in kept or t.i + 1 not in kept))]
    while tokens and (tokens[0].lower_ in lex.leading_noise or tokens[0].is_punct or (tokens[0].dep_ in ("cc", "mark") and tokens[0].pos_ in ("CCONJ", "SCONJ"))):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].pos_ in ("CCONJ", "SCONJ", "DET") or (tokens[-1].pos_ == "ADP" and tokens[-1].dep_ != "prt")):
        tokens = tokens[:-1]
    if not tokens:
        return ""
    tail = ""
    words = [t for t in tokens if not t.is_punct]
    if len(words) > lex.max_words:
        pos = {t.i: k for k, t in enumerate(tokens)}
        limit = pos[words[lex.max_words - 1].i]
        commas = [pos[t.i] for t in tokens if t.text in (",", ";") and pos[words[5].i] < pos[t.i] <= limit]
        cut_at = commas[-1] if commas else limit + 1
        tokens = tokens[:cut_at]
        while tokens and (tokens[-1].is_punct or tokens[-1].pos_ in ("CCONJ", "ADP", "SCONJ", "DET", "PART", "AUX", "PRON")):
            tokens = tokens[:-1]
        tail = "..."
    parts: list[str] = []
    for k, t in enumerate(tokens):
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        parts.append(stand_in.get(t.i, t.text) if stand_in else t.text)
        if nxt is not None:
            parts.append(t.whitespace_ if nxt.i == t.i + 1 else " ")
    text = "".join(parts)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?%])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    text = re.sub(r"\b(\w+)(\s+\1\b)+", r"\1", text)  # "resolutions resolutions"
    text = text.strip(" ,;:-\u2014")
    text = _ARTICLE.sub(_agree, text)
    if text:
        text = text[0].upper() + text[1:]
    return text + tail


_ARTICLE = re.compile(r"\b([Aa]n?)\s+([A-Za-z][\w'-]*)")
_VOWEL_SOUND = re.compile(r"^(?:[aeio]|u(?!ni|se|su|ti|ra|re|ro)|hour|honest|hon[o]|heir)", re.I)


def _agree(m: re.Match[str]) -> str:
    """ "a"/"an" agreeing with the next word, once a removed date left the wrong one ("An
    Oct. 21 meeting" -> "A meeting"). Acronyms are left as they are."""
    article, word = m.group(1), m.group(2)
    if not word[0].islower():
        return m.group(0)  # names and acronyms ("a U.S. court", "an FBI agent") keep theirs
    an = bool(_VOWEL_SOUND.match(word))
    want = ("An" if an else "A") if article[0] == "A" else ("an" if an else "a")
    return f"{want} {word}"


def _lower_first(text: str, first: Token) -> str:
    if not text or first.pos_ == "PROPN" or (first.text.isupper() and len(first.text) > 1) or first.ent_type_ or first.text == "I":
        return text
    return text[0].lower() + text[1:]


# --- statuses, actors, speakers ------------------------------------------------------------------


def _status(tense: Tense, w: When, published: datetime | None) -> Status:
    if w.value == "FUTURE_REF":
        return "expected"
    if w.value == "PAST_REF":
        return "happened"
    if w.interval is not None and published is not None:
        start, end = w.interval
        pub_day = datetime(published.year, published.month, published.day)
        if start >= pub_day + timedelta(days=1):
            return "expected"
        if tense.direction in ("future", "conditional") and end > pub_day:
            return "expected"
        if w.mod == "END" and start <= pub_day < end and tense.direction != "past":
            return "expected"  # "later this month"
        if tense.direction == "present" and start <= pub_day < end:
            return "ongoing"
    if tense.direction == "future":
        return "expected"
    return "happened"


def _actors(tokens: list[Token], piece: _Piece) -> tuple[str, ...]:
    seen: list[str] = []
    for text in piece.entities({t.i for t in tokens}, _ACTOR_NAME_LABELS):
        name = re.sub(r"^(?:the|The)\s+", "", text)
        name = re.sub(r"[\u2019']s$", "", name).strip()
        if name and name not in seen:
            seen.append(name)
    return tuple(seen)


def speaker_name(name: str, lex: Lexicon) -> str:
    """The speaker a name stands for ("the Kremlin" speaks for Russia)."""
    key = re.sub(r"^the\s+", "", name.lower()).strip()
    return lex.speakers.get(key, lex.speakers.get(name.lower(), name))


def _speaker(verb: Token, piece: _Piece, lex: Lexicon) -> tuple[str, ...]:
    """Who makes a statement: the subject of the reporting verb, or the agent of a passive,
    as entity names mapped through the metonymy table (or the subject's head noun)."""
    toks: list[Token] = []
    for c in verb.children:
        if c.dep_ in ("nsubj", "agent"):
            toks.extend(c.subtree)
    idx = {t.i for t in toks}
    names = piece.entities(idx, _ACTOR_LABELS)
    if not names:
        names = [t.text for t in toks if t.pos_ == "PROPN"] or [t.lemma_.lower() for t in toks if t.dep_ in ("nsubj",) and t.pos_ == "NOUN"]
    out: list[str] = []
    for n in names:
        s = speaker_name(n, lex)
        if s not in out:
            out.append(s)
    return tuple(out)


def _content_count(tokens: list[Token], stand_in: dict[int, str] | None = None) -> int:
    return sum(1 for t in tokens if t.pos_ in _CONTENT_POS and t.lemma_ not in ("be", "have") and not t.is_stop and not (stand_in and t.i in stand_in))


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


_RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})


def _stand_in(span: Span, phrase: set[int], granularity: str | None, sent_start: int) -> dict[int, str]:
    """A date that is an argument of its clause, with words of its own around it ("spent a
    gray Saturday at the beach"), is replaced by its unit ("a gray day"), not cut out; a
    possessive date gives way to "the" ("at Monday's hearing" -> "at the hearing")."""
    root = span.root
    if root.dep_ == "poss" and not any(c.dep_ == "det" for c in root.head.children):
        return {root.i: "the"}
    if root.dep_ not in ("dobj", "nsubj", "nsubjpass", "attr", "oprd", "npadvmod", "pobj") or root.pos_ not in ("NOUN", "PROPN"):
        return {}
    own_words = any(c.dep_ in ("det", "amod", "poss") and c.i not in phrase for c in root.children)
    opening = root.dep_ == "npadvmod" and span.start == sent_start and not _has_subject(root.head)
    if (root.dep_ == "nsubj" or opening) and not own_words and root.head.pos_ in ("VERB", "AUX"):
        unit = _STAND_IN.get(granularity or "", "time")
        return {root.i: f"that {unit}"}  # "Wednesday saw a crew set fire": "That day saw ..."
    if root.dep_ == "dobj" and not own_words and root.head.pos_ in ("VERB", "AUX"):
        return {root.i: "a date" if granularity in ("day", "part_of_day", None) else "a time"}  # "set July 8 for talks"
    if not own_words:
        return {}
    if root.lower_ in _STAND_IN.values() or root.lower_ in ("morning", "afternoon", "evening", "night"):
        return {root.i: root.text}  # "a warm Friday evening": "a warm evening"
    return {root.i: _STAND_IN.get(granularity or "", "time")}


def passive_stand_in(verb: Token, status: str | None = None) -> dict[int, str]:
    """A participle that modifies a noun ("a petition filed on Wednesday") reads as a passive
    sentence: "A petition was filed"."""
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "dobj") for c in verb.children):
        return {}
    plural = verb.head.tag_ in ("NNS", "NNPS")
    aux = "will be" if status == "expected" else ("were" if plural else "was")
    return {verb.i: f"{aux} {verb.text}"}


def _with_antecedent(verb: Token, tokens: list[Token], drop: set[int]) -> tuple[list[Token], bool]:
    """A relative clause as a sentence: its antecedent takes the relative pronoun's place
    ("Kim, who arrived on Tuesday" -> "Kim arrived"; "letters they exchanged last month" ->
    "they exchanged letters"). "Where" and "when" clauses only locate the event: the
    antecedent is left out. Returns the tokens in reading order, and whether they were
    reordered."""
    if any(c.lower_ in ("where", "when") for c in verb.children):
        return [t for t in tokens if t.lower_ not in ("where", "when")], False
    ante = verb.head
    asides = {t.i for c in ante.children if c.dep_ in ("relcl", "acl", "appos", "punct") or c.i > verb.i for t in c.subtree}
    antecedent = [t for t in ante.subtree if t.i not in asides and t.i not in drop and t.i < verb.left_edge.i]
    rel = [t for t in verb.children if t.lower_ in _RELATIVE or t.tag_ in ("WDT", "WP", "WP$")]
    body = [t for t in tokens if t not in rel and t.i not in {a.i for a in antecedent}]
    subject_rel = any(t.dep_ in ("nsubj", "nsubjpass") for t in rel)
    if subject_rel or not _has_subject(verb):
        return sorted(antecedent, key=lambda t: t.i) + sorted(body, key=lambda t: t.i), True
    # an object relative: the antecedent goes after the verb (and its particle)
    body = sorted(body, key=lambda t: t.i)
    cut = max((k for k, t in enumerate(body) if t.i <= verb.i or (t.head == verb and t.dep_ in ("prt", "neg") and t.i == verb.i + 1)), default=-1) + 1
    return body[:cut] + sorted(antecedent, key=lambda t: t.i) + body[cut:], True


def _subject_head(pred: Token) -> Token | None:
    """The head word of a verb's subject, borrowed from the verb it is conjoined to if
    need be; a relative pronoun stands for its antecedent ("a meeting that would take
    place")."""
    subj = [t for t in _subject_tokens(pred) if t.dep_ in ("nsubj", "nsubjpass")]
    if not subj:
        return None
    if subj[0].lower_ in _RELATIVE and pred.dep_ == "relcl":
        return pred.head
    return subj[0]


def _predicate_word(pred: Token, lex: Lexicon) -> str:
    """The lemma that names the event: the verb's, or for "the meeting would take place",
    "the vote happened", the subject's."""
    lemma = pred.lemma_.lower() or pred.lower_
    if lemma in lex.aspectual_verbs:
        # "began to collect oil": collecting; "ended the strike": the strike
        comp = next((c for c in pred.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if comp is not None:
            return comp.lemma_.lower() or comp.lower_
        obj = next((c for c in pred.children if c.dep_ == "dobj" and _is_event_noun(c, lex)), None)
        if obj is not None:
            return obj.lemma_.lower() or obj.lower_
        # "the walkout began", "the walkout, which started on Tuesday": the walkout
        head = _subject_head(pred)
        if head is not None and _is_event_noun(head, lex) and not any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in pred.children):
            return head.lemma_.lower() or head.lower_
    if lemma in lex.support_verbs:
        obj = next((c for c in pred.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and (_is_event_noun(c, lex) or c.lemma_.lower() in lex.synonym_of)), None)
        if obj is not None:
            return obj.lemma_.lower() or obj.lower_
    particle = " ".join([lemma] + [c.lower_ for c in pred.children if c.dep_ in ("dobj", "prt") and c.lower_ in ("place", "ahead")])
    if particle in lex.happening_verbs or lemma in lex.happening_verbs:
        head = _subject_head(pred)
        if head is not None and head.pos_ == "NOUN":
            return head.lemma_.lower() or head.lower_
    return lemma


def _statement_text(verb: Token, tokens: list[Token], lex: Lexicon, stand_in: dict[int, str] | None = None) -> str:
    """A statement as "Speaker said <content>": a reported clause that comes first
    ("Dockworkers will stop work, the union said") is moved after the verb."""
    comp = next((c for c in verb.children if _Clause._is_content(c, verb) and c.i < verb.i), None)
    if comp is None:
        return _render(tokens, lex, stand_in=stand_in)
    kept = {t.i for t in tokens}
    content = [t for t in comp.subtree if t.i in kept]
    # the speaker and the verb ("the IRS said"), not the verb's other words
    speaker_part = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "agent", "aux", "neg", "dative", "iobj") or c.dep_ == "dobj" for t in c.subtree} | {verb.i}
    rest = [t for t in tokens if t.i in speaker_part]
    head_text = _render(rest, lex, stand_in=stand_in)
    body = _render(content, lex, stand_in=stand_in)
    if not body:
        return head_text
    first = next((t for t in content if not (t.is_punct or t.is_quote)), None)
    if first is not None:
        body = _lower_first(body, first)
    return f"{head_text} {body}".strip() if head_text else body


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
