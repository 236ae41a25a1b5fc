"""Events: what a dated clause says happened (or will happen), who did it, and where it was
read. Extraction from a parsed document lives here; merging across documents in
``_merge.py``."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

from ._tense import Tense, tense_from_doc

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ._document import Document
    from ._types import Timex

__all__ = ["Event", "EventMention", "Status", "extract_events"]

Status = Literal["happened", "ongoing", "expected"]


@dataclass(frozen=True, slots=True)
class EventMention:
    """Where an event was read: document id, the sentence, and the timex that dates it
    (its text and character offsets in the document)."""

    doc: str
    sentence: str
    timex: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "sentence": self.sentence, "timex": self.timex, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world fact on the timeline.

    ``value`` is the TIMEX3 value of when it happened, ``start``/``end`` its interval (``None``
    for references such as ``FUTURE_REF``), ``text`` a short readable description,
    ``predicate`` the lemma of its main verb, ``actors`` the people, organisations and places
    involved, ``status`` whether it happened, is ongoing or is expected, ``sources`` the ids
    of the documents that report it and ``mentions`` where each of them does.
    """

    value: str
    start: datetime | None
    end: datetime | None
    granularity: str | None
    text: str
    predicate: str
    actors: tuple[str, ...]
    status: Status
    sources: tuple[str, ...]
    mentions: tuple[EventMention, ...]
    # internal, for merging: content lemmas, the speaker of a statement (reporting verbs),
    # and the ordering key for references and mixed granularities (see _merge)
    features: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    speaker: tuple[str, ...] = field(default=(), repr=False, compare=False)
    sort_key: tuple[Any, ...] = field(default=(), repr=False, compare=False)

    def __repr__(self) -> str:
        return f"Event({self.value} {self.status}: {self.text!r}, sources={list(self.sources)})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "granularity": self.granularity,
            "text": self.text,
            "predicate": self.predicate,
            "actors": list(self.actors),
            "status": self.status,
            "sources": list(self.sources),
            "mentions": [m.to_dict() for m in self.mentions],
        }


@functools.cache
def _lexicon(lang: str = "en") -> dict[str, Any]:
    raw = resources.files("timeline.rules").joinpath(lang, "events.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    for key in ("reporting_verbs", "event_nouns", "not_event_nouns", "leading_noise", "light_words"):
        data[key] = frozenset(data.get(key, ()))
    data["speakers"] = {k.lower(): v for k, v in data.get("speakers", {}).items()}
    data["synonym_of"] = {normalize_word(w): normalize_word(group[0]) for group in data.get("synonyms", ()) for w in group}
    data["event_noun_suffixes"] = tuple(data.get("event_noun_suffixes", ()))
    return data


# vague spans that still place an event: "in the coming days" (after publication),
# "in the past few weeks" (before it)
_VAGUE_SPAN = re.compile(r"^P(?:X|\d+)(?:D|W|M)$")
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "FAC", "LOC", "EVENT"})
_RELATIVE_WORDS = frozenset({"that", "which", "who", "whom", "whose", "where", "when"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
# dependents that start another clause or event: left out of an event's text
_OTHER_CLAUSES = frozenset({"advcl", "relcl", "parataxis", "conj", "cc", "mark", "appos", "acl", "csubj", "dep", "meta"})


def _is_event_noun(tok: Token, lex: dict[str, Any]) -> bool:
    lemma = tok.lemma_.lower() or tok.lower_
    if tok.pos_ != "NOUN" or lemma in lex["not_event_nouns"] or tok.lower_ in lex["not_event_nouns"]:
        return False
    return lemma in lex["event_nouns"] or tok.lower_ in lex["event_nouns"] or (len(lemma) > 6 and lemma.endswith(lex["event_noun_suffixes"]))


def _timex_attachment(root: Token) -> Token:
    """The word a timex modifies: through its preposition ("on Sunday" -> the verb), or
    directly ("last week" as an adverbial)."""
    head = root.head
    if head.dep_ == "prep" or head.pos_ == "ADP":
        head = head.head
    return head


def _governing_verb(tok: Token) -> Token | None:
    seen = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head != tok and seen < 10:
        tok = tok.head
        seen += 1
    return tok if tok.pos_ in ("VERB", "AUX") else None


def _clause_head(verb: Token) -> Token:
    """Climb from a verb through xcomp chains to the clause that carries its subject:
    "Kim is expected to travel" -> "expected", "Kim is likely to head" -> "is"."""
    for _ in range(6):
        head = verb.head
        if verb.dep_ != "xcomp" or head == verb:
            break
        if head.pos_ in ("VERB", "AUX"):
            verb = head
        elif head.pos_ == "ADJ" and head.dep_ in ("acomp", "xcomp") and head.head.pos_ in ("VERB", "AUX"):
            verb = head.head
        else:
            break
    return verb


def _event_noun_above(tok: Token, lex: dict[str, Any]) -> Token | None:
    """An event noun at or just above ``tok`` within its noun phrase
    ("invasion of Ukraine in February 2022": from "Ukraine" up to "invasion")."""
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX"):
            return None
        if _is_event_noun(tok, lex):
            return tok
        if tok.head == tok:
            return None
        tok = tok.head
    return None


def _noun_phrase(noun: Token, stop: Token | None = None) -> list[Token]:
    """A noun with its determiners, modifiers and "of" complements (not its clauses)."""
    out = []
    for t in noun.subtree:
        if stop is not None and t in stop.subtree:
            continue
        anc = t
        ok = True
        while anc != noun:
            if anc.dep_ in _OTHER_CLAUSES or anc.dep_ in ("relcl", "acl", "punct"):
                ok = False
                break
            anc = anc.head
        if ok:
            out.append(t)
    return sorted(out, key=lambda t: t.i)


def _subject_of(verb: Token) -> list[Token]:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "expl"):
            return list(c.subtree)
    head = verb.head
    if head == verb:
        return []
    # "Kim arrived and met Putin": a conjoined verb shares its head's subject; so does a
    # participle clause ("The meet, as declared by Russia, ...")
    if verb.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        return _subject_of(head)
    if verb.dep_ in ("acl", "advcl") and head.pos_ in ("NOUN", "PROPN"):
        return _noun_phrase(head, stop=verb)
    return []


def _breaks_paragraph(t: Token) -> bool:
    """A blank line after ``t`` (hard-wrapped lines are not paragraph breaks)."""
    ws = t.text if t.is_space else t.whitespace_
    return ws.count("\n") >= 2


def _paragraph_bounds(tok: Token) -> tuple[int, int]:
    """Token range of ``tok``'s sentence, cut at blank lines (a headline is not part of the
    first sentence even when the parser joins them)."""
    sent = tok.sent
    lo, hi = sent.start, sent.end
    doc = tok.doc
    for i in range(tok.i - 1, sent.start - 1, -1):
        if _breaks_paragraph(doc[i]):
            lo = i + 1
            break
    for i in range(tok.i, sent.end):
        if _breaks_paragraph(doc[i]):
            hi = i + (0 if doc[i].is_space else 1)
            break
    return lo, hi


def _keep_tokens(head: Token, exclude: set[int], reporting: bool, lex: dict[str, Any]) -> list[Token]:
    """The tokens of ``head``'s phrase that make a readable event: without other clauses,
    without the dating expressions, attributions and parentheticals, within one sentence."""
    out: list[Token] = []
    lo, hi = _paragraph_bounds(head)

    def walk(tok: Token, top: bool) -> None:
        if tok.i in exclude or not (lo <= tok.i < hi):
            return
        if not top:
            clause_level = tok.head.pos_ in ("VERB", "AUX")
            if tok.dep_ in ("conj", "cc") and not clause_level:
                pass  # "Putin and Kim": coordination inside a noun phrase stays
            elif tok.dep_ == "advcl" and tok.head == head and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
                pass  # an infinitival clause completes the verb: "declined to order ...", "to meet Putin"
            elif tok.dep_ in _OTHER_CLAUSES and not (reporting and tok.head == head and tok.dep_ in ("ccomp",)):
                return
            if tok.dep_ == "prep" and tok.lower_ == "according":
                return
            if tok.dep_ in ("punct",) and tok.text in ("(", ")", "\u201c", "\u201d", '"', "\u2018", "\u2019"):
                return
            if tok.dep_ == "ccomp" and not reporting:
                return
        out.append(tok)
        for c in tok.children:
            walk(c, False)

    walk(head, True)
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None:
        fronted = {
            t.i
            for c in head.children
            if c.dep_ in ("prep", "advmod", "npadvmod", "advcl") and c.i < subj.left_edge.i
            for t in c.subtree
        }
        out = [t for t in out if t.i not in fronted]
    return sorted(out, key=lambda t: t.i)


def _render(tokens: list[Token], lex: dict[str, Any]) -> str:
    tokens = [t for t in tokens if not (t.is_quote or t.text in ("(", ")", "--", "-", "\u2014", "\u2013"))]
    # a sentence break the parser missed ("... Watson said. Diplomatic isolation - ...")
    for k, t in enumerate(tokens[:-1]):
        if t.text in (".", "!", "?") and k >= 3:
            tokens = tokens[:k]
            break
    kept = {t.i for t in tokens}
    # a comma whose neighbour was left out (an aside, a fronted clause) goes too
    tokens = [t for t in tokens if not (t.text == "," and (t.i - 1 not in kept or t.i + 1 not in kept))]
    while tokens and (tokens[0].lower_ in lex["leading_noise"] or tokens[0].is_punct or tokens[0].dep_ in ("cc", "mark", "prep") and tokens[0].head.dep_ != "pobj"):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].pos_ in ("CCONJ", "SCONJ", "DET") or (tokens[-1].pos_ == "ADP" and tokens[-1].dep_ != "prt")):
        tokens = tokens[:-1]
    if len(tokens) > lex["max_words"]:
        tokens = tokens[: lex["max_words"]]
        while tokens and (tokens[-1].is_punct or tokens[-1].pos_ in ("CCONJ", "ADP", "SCONJ", "DET", "PART", "AUX")):
            tokens = tokens[:-1]
        tail = "..."
    else:
        tail = ""
    text = "".join(t.text_with_ws if i + 1 < len(tokens) and tokens[i + 1].i == t.i + 1 else t.text + " " for i, t in enumerate(tokens)).strip()
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?%])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)  # ", ," left by removed asides
    text = re.sub(r",(\s+(?:for|to|by|in|on|at|with|from))\b", r"\1", text)
    text = re.sub(r"\b(\w+)(\s+\1\b)+", r"\1", text)  # "resolutions resolutions"
    text = text.strip(" ,;:-\u2014")
    if text:
        text = text[0].upper() + text[1:]
    return text + tail


def normalize_word(lemma: str) -> str:
    """A crude stem so that "meeting"/"meet", "visits"/"visit", "Russian"/"Russia" compare
    equal when merging events."""
    w = lemma.lower().strip(".'’")
    if w.endswith("ss"):
        return w
    for suffix, repl in (("ings", ""), ("ing", ""), ("ians", "ia"), ("ian", "ia"), ("ies", "y"), ("es", "e"), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: len(w) - len(suffix)] + repl
    return w


def _features(tokens: list[Token], lex: dict[str, Any]) -> frozenset[str]:
    """Content stems of an event, synonyms mapped together; names are marked with a
    leading "@" so that merging can require more than shared names."""
    out = set()
    for t in tokens:
        if t.pos_ not in _CONTENT_POS or t.is_stop:
            continue
        if (t.lemma_.lower() or t.lower_) in lex["light_words"] or t.lower_ in lex["light_words"]:
            continue
        w = normalize_word(t.lemma_ or t.text)
        w = lex["synonym_of"].get(w, w)
        out.add("@" + w if t.pos_ == "PROPN" or t.ent_type_ in _ACTOR_LABELS or t.ent_type_ == "NORP" else w)
    return frozenset(out)


def speaker_name(name: str, lex: dict[str, Any]) -> str:
    key = re.sub(r"^the\s+", "", name.lower()).strip()
    return lex["speakers"].get(key, lex["speakers"].get(name.lower(), name))


def _speaker(head: Token, doc: Doc, lex: dict[str, Any]) -> tuple[str, ...]:
    """Who makes a statement: the subject of the reporting verb, or the agent of a passive
    ("as declared by Russia and North Korea"), as entity names mapped through the
    metonymy table."""
    toks: list[Token] = []
    for c in head.children:
        if c.dep_ in ("nsubj",):
            toks.extend(c.subtree)
        if c.dep_ == "agent":
            toks.extend(c.subtree)
    idx = {t.i for t in toks}
    names = [e.text for e in doc.ents if e.label_ in _ACTOR_LABELS | {"NORP"} and any(t.i in idx for t in e)]
    if not names:
        names = [t.text for t in toks if t.pos_ == "PROPN"]
    out: list[str] = []
    for n in names:
        s = speaker_name(n, lex)
        if s not in out:
            out.append(s)
    return tuple(out)


def _actors(tokens: list[Token], doc: Doc) -> tuple[str, ...]:
    idx = {t.i for t in tokens}
    seen: list[str] = []
    for ent in doc.ents:
        if ent.label_ in _ACTOR_LABELS and any(t.i in idx for t in ent):
            name = re.sub(r"^(?:the|The)\s+", "", ent.text)
            name = re.sub(r"[\u2019']s$", "", name).strip()
            if name and name not in seen:
                seen.append(name)
    return tuple(seen)


def _status(tense: Tense, t: Timex, value: str, published: datetime | None) -> Status:
    if value == "FUTURE_REF":
        return "expected"
    if value == "PAST_REF":
        return "happened"
    if t.interval is not None and published is not None:
        start, end = t.interval
        pub_day = datetime(published.year, published.month, published.day)
        if start >= pub_day + timedelta(days=1):
            return "expected"
        if tense.direction in ("future", "conditional") and end > pub_day:
            return "expected"
        if t.mod == "END" and start <= pub_day < end and tense.direction != "past":
            return "expected"  # "later this month"
        if tense.direction == "present" and start <= pub_day < end:
            return "ongoing"
    if tense.direction == "future":
        return "expected"
    return "happened"


def _event_time(t: Timex, published: datetime | None) -> tuple[str, datetime | None, datetime | None, str | None] | None:
    """(value, start, end, granularity) of the time a timex gives an event, or None."""
    if t.type in ("DATE", "TIME"):
        if t.value == "PRESENT_REF":
            return None
        if t.interval is not None:
            return t.value, t.interval[0], t.interval[1], t.granularity
        if t.value in ("PAST_REF", "FUTURE_REF"):
            return t.value, None, None, None
        return None
    if t.type == "DURATION" and _VAGUE_SPAN.match(t.value) and published is not None:
        low = t.text.lower()
        if re.search(r"\b(?:coming|next|following|upcoming|ahead)\b", low):
            return "FUTURE_REF", None, None, None
        if re.search(r"\b(?:past|last|recent|previous)\b", low):
            return "PAST_REF", None, None, None
    return None


def extract_events(document: Document, parsed: list[tuple[int, Doc]], timexes: list[Timex]) -> list[Event]:
    """Events dated by the DATE/TIME timexes of one document.

    ``parsed`` holds the document's spaCy parse, as (character offset, Doc) pieces (one piece
    unless the text was longer than the pipeline's ``max_length``); ``timexes`` are the
    document's resolved timexes (offsets into ``document.text``). Each returned event has
    the document as its only source; merging happens later.
    """
    lex = _lexicon()
    events: list[Event] = []
    by_predicate: dict[tuple[int, int], int] = {}
    for t in timexes:
        when = _event_time(t, document.published)
        if when is None:
            continue
        piece = next(((off, d) for off, d in reversed(parsed) if off <= t.start), None)
        if piece is None:
            continue
        off, doc = piece
        span = doc.char_span(t.start - off, t.end - off, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        root = span.root
        exclude = {tok.i for tok in span}
        # the preposition introducing the timex goes with it ("on Sunday", "shortly before
        # midnight")
        prep = root.head
        if prep.dep_ == "prep" and all(c.i in exclude or c.dep_ == "advmod" for c in prep.children):
            exclude.add(prep.i)
            exclude.update(t.i for c in prep.children if c.dep_ == "advmod" for t in c.subtree)
            for c in prep.head.children:
                if c.dep_ == "advmod" and c.i == prep.i - 1 and c.lower_ in ("shortly", "just", "right", "soon", "long", "well"):
                    exclude.add(c.i)
        attach = _timex_attachment(root)
        verb = _governing_verb(attach)
        noun = _event_noun_above(attach, lex)
        if prep.lower_ == "since" and prep.dep_ == "prep" and noun is None:
            # "the first strike since 2019", "has lived there since 1998": the date bounds a
            # state or a streak, it does not date the clause
            continue
        prefix = ""
        if noun is not None and any(c.dep_ in ("poss", "prep", "compound", "amod") and c.i not in exclude for c in noun.children):
            head, predicate, reporting = noun, noun.lemma_.lower() or noun.lower_, False
            tokens = [tok for tok in _noun_phrase(noun) if tok.i not in exclude]
        elif verb is not None:
            if verb.lower_ == "according":
                # "X will do Y, according to Z on Monday": Z's statement is what is dated
                source = next((c for c in verb.children if c.dep_ == "prep"), None)
                reporter = [tok for c in (source.children if source is not None else ()) if c.dep_ == "pobj" for tok in _noun_phrase(c) if tok.i not in exclude]
                verb = _governing_verb(verb.head) or verb
                prefix = _render(reporter, lex) + " said " if reporter else ""
                predicate, reporting = "say", True
            else:
                predicate = verb.lemma_.lower() or verb.lower_
                reporting = predicate in lex["reporting_verbs"]
            head = _clause_head(verb)
            tokens = _keep_tokens(head, exclude, reporting, lex)
            if not reporting and any(c.dep_ == "ccomp" for c in head.children) and sum(1 for tok in tokens if tok.pos_ in _CONTENT_POS) < 3:
                # "Meridian repeated that ...": a thin clause is nothing without its content
                reporting = True
                tokens = _keep_tokens(head, exclude, True, lex)
            if not any(tok.dep_ in ("nsubj", "nsubjpass") for tok in tokens):
                subj = [s for s in _subject_of(head) if s.i not in exclude]
                tokens = sorted({*subj, *tokens}, key=lambda x: x.i)
            if head.dep_ == "relcl" and head.head != head:
                # "letters they exchanged last month": the antecedent stands for the pronoun;
                # "where"/"when" relatives only locate the event: the antecedent is left out
                adverbial = any(c.lower_ in ("where", "when") for c in head.children)
                antecedent = [] if adverbial else [tok for tok in _noun_phrase(head.head, stop=head) if tok.i not in exclude]
                tokens = antecedent + [tok for tok in tokens if not (tok.lower_ in _RELATIVE_WORDS and tok.head == head)]
        else:
            continue
        if sum(1 for tok in tokens if tok.pos_ in _CONTENT_POS and tok.lemma_ not in ("be", "have")) < 2:
            continue
        text = _render(tokens, lex)
        if prefix:
            text = prefix + (text[0].lower() + text[1:] if text and not tokens[0].pos_ == "PROPN" else text)
            text = text[0].upper() + text[1:]
        if len(text.split()) < 2:
            continue
        value, start, end, gran = when
        tense = Tense("past", "according to") if prefix else tense_from_doc(doc, t.start - off, t.end - off)
        status = _status(tense, t, value, document.published)
        mention = EventMention(document.id, " ".join(span.sent.text.split()), t.text, t.start, t.end)
        speaker = _speaker(head if not prefix else verb, doc, lex) if reporting and not prefix else ()
        if prefix:
            speaker = tuple(dict.fromkeys(speaker_name(n, lex) for n in _actors(reporter, doc)))
        ev = Event(
            value, start, end, gran, text, predicate, _actors(tokens, doc), status, (document.id,), (mention,),
            features=_features(tokens, lex), speaker=speaker,
        )
        key = (off, head.i)
        if key in by_predicate:
            # two timexes on one predicate ("on Monday, Sept. 4, at 3 p.m."): keep the finer
            prev = events[by_predicate[key]]
            if _finer(ev, prev):
                events[by_predicate[key]] = replace(ev, mentions=prev.mentions + ev.mentions)
            else:
                events[by_predicate[key]] = replace(prev, mentions=prev.mentions + ev.mentions)
            continue
        by_predicate[key] = len(events)
        events.append(ev)
    return events


_GRAN_ORDER = ("second", "minute", "hour", "part_of_day", "day", "weekend", "week", "month", "season", "quarter", "half", "year", "decade", "century")


def _finer(a: Event, b: Event) -> bool:
    """Whether ``a`` is dated more precisely than ``b``."""
    ra = _GRAN_ORDER.index(a.granularity) if a.granularity in _GRAN_ORDER else 99
    rb = _GRAN_ORDER.index(b.granularity) if b.granularity in _GRAN_ORDER else 99
    return ra < rb
