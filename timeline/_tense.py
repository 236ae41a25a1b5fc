"""Which way an underspecified date points: from the tense and modality of its clause.

Two implementations with one result type:

* :func:`tense_from_doc` reads a spaCy parse: the governing verb of the expression, its
  morphology and auxiliaries, and verbs of planning above it ("expected to travel");
* :func:`tense_from_text` is the rule-based fallback used with ``nlp=False`` (or a pipeline
  without a parser): the nearest tense cue in the same clause.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._errors import RuleDataError
from ._nlp import once_per_process

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Tense", "TenseCues", "load_cues", "tense_from_doc", "tense_from_text"]


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

# The word lists and cue patterns are data: ``rules/<lang>/tense.toml``.
WORD_LISTS = (
    "attribution", "planned_things", "phrasal_particles", "future_participles", "pluperfect", "future_modals", "weak_modals",
    "infinitive", "future_to_heads", "copula", "planning", "directive", "past_auxiliaries", "perfect_auxiliaries",
)  # fmt: skip
CUE_DIRECTIONS = ("future", "past", "conditional", "present")


@dataclass(frozen=True, slots=True)
class TenseCues:
    """The compiled ``tense.toml`` of one language."""

    words: dict[str, frozenset[str]]
    cues: re.Pattern[str]  # one pass for all cues, a named group per direction
    clause_break: re.Pattern[str]
    right_break: re.Pattern[str]
    not_past: frozenset[str]
    left_window: int = 160
    right_window: int = 80
    right_weight: float = 1.5
    examples: tuple[tuple[str, dict[str, Any]], ...] = ()  # (list name, example)


def _fragments(data: dict[str, Any], key: str, source: str) -> list[str]:
    items = data.get(key, {}).get("patterns") if isinstance(data.get(key), dict) else None
    if not isinstance(items, list) or not items or not all(isinstance(p, str) for p in items):
        raise RuleDataError(f"{source}: [{key}] needs a non-empty list of `patterns`")
    return items


def compile_cues(data: dict[str, Any], source: str = "tense.toml") -> TenseCues:
    """Check and compile the data of a ``tense.toml``; :class:`RuleDataError` names what is wrong."""
    words: dict[str, frozenset[str]] = {}
    examples: list[tuple[str, dict[str, Any]]] = []
    for name in WORD_LISTS:
        entry = data.get("words", {}).get(name)
        if not isinstance(entry, dict) or not isinstance(entry.get("words"), list):
            raise RuleDataError(f"{source}: [words.{name}] is missing or has no `words` list")
        words[name] = frozenset(entry["words"])
        examples += [(name, ex) for ex in entry.get("examples", ())]
    unknown = set(data.get("words", {})) - set(WORD_LISTS)
    if unknown:
        raise RuleDataError(f"{source}: unknown word lists {sorted(unknown)} (known: {', '.join(WORD_LISTS)})")
    groups = []
    for cue in data.get("cue", []):
        d = cue.get("direction")
        if d not in CUE_DIRECTIONS or not cue.get("patterns"):
            raise RuleDataError(f"{source}: a [[cue]] needs a direction among {CUE_DIRECTIONS} and `patterns`, got {d!r}")
        groups.append(f"(?P<{d}>\\b(?:{'|'.join(cue['patterns'])})\\b)")
        examples += [(f"cue_{d}", ex) for ex in cue.get("examples", ())]
    for key in ("not_past", "clause_break", "right_break"):
        examples += [(key, ex) for ex in data.get(key, {}).get("examples", ())]
    clause = "|".join(_fragments(data, "clause_break", source))
    settings = data.get("settings", {})
    try:
        return TenseCues(
            words=words,
            cues=re.compile("|".join(groups), re.I),
            clause_break=re.compile(clause, re.I),
            right_break=re.compile(clause + "|" + "|".join(_fragments(data, "right_break", source)), re.I),
            not_past=frozenset(data.get("not_past", {}).get("words", ())),
            left_window=int(settings.get("left_window", 160)),
            right_window=int(settings.get("right_window", 80)),
            right_weight=float(settings.get("right_weight", 1.5)),
            examples=tuple(examples),
        )
    except re.error as e:
        raise RuleDataError(f"{source}: bad cue pattern: {e}") from None


@once_per_process
def load_cues(lang: str = "en") -> TenseCues:
    """The tense cues of ``lang`` (``rules/<lang>/tense.toml``), compiled once per process."""
    from .rules import _read_toml

    return compile_cues(_read_toml(lang, "tense.toml"), f"rules/{lang}/tense.toml")


def _verb_of(tok: Token) -> Token:
    """Climb the dependency tree to the verb governing ``tok``. An attribution on the way
    ("according to X on Monday") is returned as is: it dates the report, not the news."""
    attribution = load_cues().words["attribution"]
    seen = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head != tok and seen < 12:
        if tok.lower_ in attribution:
            return tok
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ not in ("VERB", "AUX"):
            break
        tok = tok.head
        seen += 1
    return tok


# --- the checks of a verb, in order: the first that gives a tense decides ----------------------
# Each takes the verb, its auxiliaries and the word lists; ``None`` means "no evidence here".

_Check = Callable[["Token", "list[Token]", "dict[str, frozenset[str]]"], "Tense | None"]


def _attribution(verb: Token, auxes: list[Token], w: dict[str, frozenset[str]]) -> Tense | None:
    return Tense("past", "according to") if verb.lower_ in w["attribution"] else None


def _phrasal(verb: Token, w: dict[str, frozenset[str]]) -> bool:
    """ "set up the fund", "set aside $20bn": a phrasal verb, not a plan."""
    return any(c.dep_ == "prt" or (c.lower_ in w["phrasal_particles"] and c.i == verb.i + 1) for c in verb.children)


def _planned_thing(verb: Token, auxes: list[Token], w: dict[str, frozenset[str]]) -> Tense | None:
    """ "a rally planned for Saturday", "talks were scheduled for Monday"."""
    if verb.lemma_ in w["planned_things"] and verb.tag_ in ("VBN", "VBD", "JJ") and not _phrasal(verb, w):
        if not any(c.dep_ == "xcomp" for c in verb.children):
            return Tense("future", verb.text)
    return None


def _future_participle(verb: Token, auxes: list[Token], w: dict[str, frozenset[str]]) -> Tense | None:
    """ "the meeting, scheduled for Friday" / "is expected on Friday" (not "had expected")."""
    if verb.lower_ in w["future_participles"] and verb.tag_ in ("VBN", "JJ") and not _phrasal(verb, w):
        if not any(c.lower_ in w["pluperfect"] for c in verb.children):
            return Tense("future", verb.text)
    return None


def _modal_auxiliary(verb: Token, auxes: list[Token], w: dict[str, frozenset[str]]) -> Tense | None:
    for a in auxes:
        if a.lower_ in w["future_modals"]:
            return Tense("future", a.text)
        if a.lower_ in w["weak_modals"]:
            return Tense("conditional", a.text)
    return None


def _future_infinitive(verb: Token, auxes: list[Token], w: dict[str, frozenset[str]]) -> Tense | None:
    """ "is going to meet", "is to meet", "expected to meet"."""
    head = verb.head
    if head != verb and any(a.lower_ in w["infinitive"] for a in auxes):
        if head.lemma_ in w["planning"] or head.lower_ in w["future_to_heads"] or head.lemma_ in w["copula"]:
            return Tense("future", f"{head.text} to")
    return None


def _plans_to(verb: Token, auxes: list[Token], w: dict[str, frozenset[str]]) -> Tense | None:
    """ "he plans to return on Tuesday": the date belongs to the planned action."""
    if verb.lemma_ in w["planning"] and verb.tag_ in ("VBZ", "VBP") and any(c.dep_ == "xcomp" for c in verb.children):
        return Tense("future", f"{verb.text} to")
    return None


def _directed(verb: Token, auxes: list[Token], w: dict[str, frozenset[str]]) -> Tense | None:
    """ "urged both sides to return by Tuesday"."""
    return Tense("future", f"{verb.head.text} to") if verb.dep_ == "xcomp" and verb.head.lemma_ in w["directive"] else None


def _planned_complement(verb: Token, auxes: list[Token], w: dict[str, frozenset[str]]) -> Tense | None:
    """ "agreed to meet on Friday" (xcomp); a ccomp only when the planning verb is not past."""
    if verb.dep_ not in ("xcomp", "ccomp") or verb.head.lemma_ not in w["planning"]:
        return None
    if verb.dep_ == "xcomp" or verb.head == verb or _tense_of_verb(verb.head).direction != "past":
        return Tense("future", f"{verb.head.text} to")
    return None


def _past_auxiliary(verb: Token, auxes: list[Token], w: dict[str, frozenset[str]]) -> Tense | None:
    for a in auxes:
        if a.tag_ == "VBD" or a.lower_ in w["past_auxiliaries"]:
            return Tense("past", a.text)
        if a.lower_ in w["perfect_auxiliaries"] and verb.tag_ == "VBN":
            return Tense("past", f"{a.text} {verb.text}")
    return None


def _verb_form(verb: Token, auxes: list[Token], w: dict[str, frozenset[str]]) -> Tense | None:
    """The verb's own tag: past (VBD, VBN), present (VBZ, VBP), progressive, modal."""
    tag = verb.tag_
    if tag in ("VBD", "VBN"):
        return Tense("past", verb.text)
    if tag in ("VBZ", "VBP"):
        return Tense("present", verb.text)
    if tag == "VBG":
        present = [a for a in auxes if a.tag_ in ("VBZ", "VBP")]
        return Tense("present", f"{present[0].text} {verb.text}") if present else None
    if tag == "MD":
        if verb.lower_ in w["future_modals"]:
            return Tense("future", verb.text)
        return Tense("conditional", verb.text) if verb.lower_ in w["weak_modals"] else None
    return None


VERB_CHECKS: tuple[tuple[str, _Check], ...] = (
    ("attribution", _attribution),
    ("planned_thing", _planned_thing),
    ("future_participle", _future_participle),
    ("modal_auxiliary", _modal_auxiliary),
    ("future_infinitive", _future_infinitive),
    ("plans_to", _plans_to),
    ("directed", _directed),
    ("planned_complement", _planned_complement),
    ("past_auxiliary", _past_auxiliary),
    ("verb_form", _verb_form),
)


def _tense_of_verb(verb: Token) -> Tense:
    """Tense of a single verb from its auxiliaries, morphology and planning heads: the first
    of :data:`VERB_CHECKS` that finds evidence."""
    words = load_cues().words
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    for _name, check in VERB_CHECKS:
        t = check(verb, auxes, words)
        if t is not None:
            return t
    return NO_TENSE


def tense_from_doc(doc: Doc, start: int, end: int) -> Tense:
    """Tense governing the characters ``start:end`` of ``doc`` (needs a dependency parse)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return NO_TENSE
    verb = _verb_of(span.root)
    if verb.lower_ in load_cues().words["attribution"]:
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


def tense_from_text(text: str, start: int, end: int) -> Tense:
    """Nearest tense cue around ``text[start:end]`` within its clause (no model needed).

    >>> tense_from_text("Kim will meet Putin on Wednesday.", 23, 32)
    Tense(direction='future', cue='will')
    >>> tense_from_text("Kim left Pyongyang on Sunday.", 22, 28)
    Tense(direction='past', cue='left')
    """
    cues = load_cues()
    left = text[max(0, start - cues.left_window) : start]
    breaks = list(cues.clause_break.finditer(left))
    if breaks:
        left = left[breaks[-1].end() :]
    right = text[end : end + cues.right_window]
    b = cues.right_break.search(right)
    if b:
        right = right[: b.start()]
    best: tuple[float, Tense] | None = None
    for side, chunk in (("L", left), ("R", right)):
        for m in cues.cues.finditer(chunk):
            direction = m.lastgroup
            word = m.group(0)
            if direction == "past" and word.lower() in cues.not_past:
                continue
            dist = (len(chunk) - m.end()) if side == "L" else m.start() * cues.right_weight
            if best is None or dist < best[0]:
                best = (dist, Tense(direction, word))
    return best[1] if best else NO_TENSE
