"""Which way an underspecified date points: from the tense and modality of its clause.

Two implementations with one result type:

* :func:`tense_from_doc` reads a spaCy parse: the governing verb of the expression, its
  morphology and auxiliaries, and verbs of planning above it ("expected to travel");
* :func:`tense_from_text` is the rule-based fallback used with ``nlp=False`` (or a pipeline
  without a parser): the nearest tense cue in the same clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Tense", "tense_from_doc", "tense_from_text"]


@dataclass(frozen=True, slots=True)
class Tense:
    """``direction`` is ``"past"``, ``"future"``, ``"present"``, ``"conditional"`` (would,
    could, may...) or ``None`` (no evidence);
    ``cue`` is the word that decided, for the human-readable reason."""

    direction: str | None
    cue: str = ""

    def describe(self) -> str:
        if self.direction is None:
            return "no tense cue"
        return f"{self.direction} tense: {self.cue!r}" if self.cue else f"{self.direction} tense"


NO_TENSE = Tense(None)

# Verbs (lemmas) whose complement is planned or expected: "expected to travel on Friday".
PLANNING_LEMMAS = frozenset(
    "expect plan schedule set due intend aim hope prepare slate promise vow threaten propose "
    "agree decide arrange anticipate forecast predict seek want wish try".split()
)
# directives point their complement forward: "urged both sides to return by Tuesday"
DIRECTIVE_LEMMAS = frozenset("urge ask order demand instruct invite press encourage".split())
FUTURE_MODALS = frozenset({"will", "'ll", "shall", "wo"})
# Weaker modals: "would" is often the future of a past report ("said he would visit"),
# "could/may" are possibilities. They give the direction "conditional".
WEAK_MODALS = frozenset({"would", "'d", "may", "might", "could", "should", "must", "can", "ca"})
# "is going to / likely to / poised to / due to meet"
_FUTURE_TO_HEADS = frozenset({"going", "gon", "likely", "unlikely", "poised", "ready", "due", "set", "about", "certain", "sure"})
_PLANNED_THING_LEMMAS = frozenset({"plan", "schedule", "slate", "reschedule", "postpone", "set"})
_FUTURE_PARTICIPLES = frozenset({"scheduled", "expected", "slated", "planned", "set", "due", "upcoming", "forthcoming"})


def _verb_of(tok: Token) -> Token:
    """Climb the dependency tree to the verb governing ``tok``. An attribution on the way
    ("according to X on Monday") is returned as is: it dates the report, not the news."""
    seen = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head != tok and seen < 12:
        if tok.lower_ == "according":
            return tok
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ not in ("VERB", "AUX"):
            break
        tok = tok.head
        seen += 1
    return tok


def _tense_of_verb(verb: Token) -> Tense:
    """Tense of a single verb from its auxiliaries, morphology and planning heads."""
    if verb.lower_ == "according":
        return Tense("past", "according to")
    # "set up the fund", "set aside $20bn": a phrasal verb, not a plan
    phrasal = any(c.dep_ == "prt" or (c.lower_ in ("up", "aside", "out", "off", "about") and c.i == verb.i + 1) for c in verb.children)
    if verb.lemma_ in _PLANNED_THING_LEMMAS and verb.tag_ in ("VBN", "VBD", "JJ") and not phrasal and not any(c.dep_ == "xcomp" for c in verb.children):
        # a time attached to "planned"/"scheduled" itself dates the planned thing:
        # "a rally planned for Saturday", "talks were scheduled for Monday"
        return Tense("future", verb.text)
    if verb.lower_ in _FUTURE_PARTICIPLES and verb.tag_ in ("VBN", "JJ") and not phrasal:
        # "the meeting, scheduled for Friday" / "is expected on Friday"
        if not any(c.lower_ in ("had",) for c in verb.children):
            return Tense("future", verb.text)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    for a in auxes:
        if a.lower_ in FUTURE_MODALS:
            return Tense("future", a.text)
        if a.lower_ in WEAK_MODALS:
            return Tense("conditional", a.text)
    # "is going to meet", "is to meet"
    for a in auxes:
        if a.lower_ == "to" and verb.head != verb:
            head = verb.head
            if head.lemma_ in PLANNING_LEMMAS or head.lower_ in _FUTURE_TO_HEADS or head.lemma_ == "be":
                return Tense("future", f"{head.text} to")
    if verb.lemma_ in PLANNING_LEMMAS and verb.tag_ in ("VBZ", "VBP") and any(c.dep_ == "xcomp" for c in verb.children):
        # "he plans to return on Tuesday": the date belongs to the planned action
        return Tense("future", f"{verb.text} to")
    if verb.dep_ == "xcomp" and verb.head.lemma_ in DIRECTIVE_LEMMAS:
        return Tense("future", f"{verb.head.text} to")
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_ in PLANNING_LEMMAS:
        head_tense = _tense_of_verb(verb.head) if verb.head != verb else NO_TENSE
        if verb.dep_ == "xcomp" or head_tense.direction != "past":
            return Tense("future", f"{verb.head.text} to")
    for a in auxes:
        if a.tag_ in ("VBD",) or a.lower_ in ("had", "did", "was", "were"):
            return Tense("past", a.text)
        if a.lower_ in ("has", "have", "'ve", "'s") and verb.tag_ == "VBN":
            return Tense("past", f"{a.text} {verb.text}")
    if verb.tag_ == "VBD":
        return Tense("past", verb.text)
    if verb.tag_ == "VBN":
        return Tense("past", verb.text)
    if verb.tag_ in ("VBZ", "VBP"):
        if verb.lemma_ == "be":
            return Tense("present", verb.text)
        return Tense("present", verb.text)
    if verb.tag_ == "VBG":
        for a in auxes:
            if a.tag_ in ("VBZ", "VBP"):
                return Tense("present", f"{a.text} {verb.text}")
        return NO_TENSE
    if verb.tag_ == "MD":
        if verb.lower_ in FUTURE_MODALS:
            return Tense("future", verb.text)
        return Tense("conditional", verb.text) if verb.lower_ in WEAK_MODALS else NO_TENSE
    return NO_TENSE


def tense_from_doc(doc: Doc, start: int, end: int) -> Tense:
    """Tense governing the characters ``start:end`` of ``doc`` (needs a dependency parse)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return NO_TENSE
    verb = _verb_of(span.root)
    if verb.lower_ == "according":
        return _tense_of_verb(verb)
    if verb.pos_ not in ("VERB", "AUX"):
        # nominal clause ("Sunday's talks"): use the sentence's main verb
        root = span.sent.root
        verb = root if root.pos_ in ("VERB", "AUX") else verb
        if verb.pos_ not in ("VERB", "AUX"):
            return NO_TENSE
    t = _tense_of_verb(verb)
    if t.direction is None and verb.dep_ in ("conj", "xcomp", "advcl", "relcl", "ccomp") and verb.head != verb:
        t = _tense_of_verb(verb.head)
    return t


# --- rules-only heuristic ------------------------------------------------------------------

_FUTURE_CUES = re.compile(
    r"\b(?:will|shall|won't|['’]ll|going\s+to|expected\s+to|expected|scheduled|slated|planned|plans?\s+to|"
    r"set\s+to|due\s+to|is\s+to|are\s+to|to\s+be\s+held|upcoming|next|intends?\s+to|aims?\s+to|hopes?\s+to)\b",
    re.I,
)
_CONDITIONAL_CUES = re.compile(r"\b(?:would|could|may|might|should|must|can)\b", re.I)
_PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|been|ago|last|said|told|met|left|went|came|took|began|made|held|gave|saw|"
    r"got|won|lost|fell|rose|sent|spent|paid|put|brought|bought|sold|built|struck|hit|shot|led|ran|"
    r"found|thought|felt|kept|heard|meant|became|wrote|spoke|broke|chose|drove|flew|grew|knew|"
    r"threw|wore|stood|sat|fled|fought|sought|taught|caught|announced|[a-z]{2,}ed)\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[.;:!?]\s|\n|\bthat\b|\bbut\b|\bwhile\b|\bwhich\b|\bwho\b|,\s*(?:and|but)\b", re.I)
# on the right, a coordinated verb phrase starts a new clause: "left on Sunday and will meet"
_RIGHT_BREAK = re.compile(_CLAUSE_BREAK.pattern + r"|,|\band\b|\bor\b", re.I)
_PRESENT_CUES = re.compile(r"\b(?:is|are|am)\b", re.I)
# one pass for all cues; where two kinds match at one place the earlier kind wins
_CUES = re.compile(
    "|".join(f"(?P<{d}>{rx.pattern})" for rx, d in ((_FUTURE_CUES, "future"), (_PAST_CUES, "past"), (_CONDITIONAL_CUES, "conditional"), (_PRESENT_CUES, "present"))),
    re.I,
)
_NOT_PAST = frozenset({"need", "needed", "speed", "seed", "feed", "indeed", "red", "bed", "hundred", "shed", "united", "based", "related", "limited", "expected", "scheduled", "planned", "proposed", "supposed"})


def tense_from_text(text: str, start: int, end: int) -> Tense:
    """Nearest tense cue around ``text[start:end]`` within its clause (no model needed).

    >>> tense_from_text("Kim will meet Putin on Wednesday.", 23, 32)
    Tense(direction='future', cue='will')
    >>> tense_from_text("Kim left Pyongyang on Sunday.", 22, 28)
    Tense(direction='past', cue='left')
    """
    lo = max(0, start - 160)
    left = text[lo:start]
    breaks = list(_CLAUSE_BREAK.finditer(left))
    if breaks:
        left = left[breaks[-1].end():]
    right = text[end : end + 80]
    b = _RIGHT_BREAK.search(right)
    if b:
        right = right[: b.start()]
    best: tuple[float, Tense] | None = None
    for side, chunk in (("L", left), ("R", right)):
        for m in _CUES.finditer(chunk):
            direction = m.lastgroup
            word = m.group(0)
            if direction == "past" and word.lower() in _NOT_PAST:
                continue
            dist = (len(chunk) - m.end()) if side == "L" else m.start() * 1.5
            if best is None or dist < best[0]:
                best = (dist, Tense(direction, word))
    return best[1] if best else NO_TENSE
