"""The clause of a predicate: a parsed piece indexed for sentences, line breaks and
entities (:class:`_Piece`), and the tokens of a sentence that make a predicate's event
(:class:`_Clause`). Part of event extraction (``_extract.py``)."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from ._attach import _has_subject
from ._words import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


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
