"""The text of an event: readable text from a clause's tokens, words that stand in for a
removed date, a relative clause read as a sentence, a statement as "Speaker said ...".
Part of event extraction (``_extract.py``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ._attach import _RELATIVE, _has_subject
from ._clause import _Clause
from ._words import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


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
