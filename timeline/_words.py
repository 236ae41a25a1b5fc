"""Words of an event, as merging compares them: read from its *text*, predicate and actors
alone (no parse), so that an event read back from JSON compares exactly as it did when it
was extracted.

A word is reduced to a crude stem ("meetings" -> "meet", "pulled" -> "pull", "left" ->
"leave" through the irregular verbs of ``rules/en/events.toml``), mapped through the
synonym groups ("trip" -> "meet"), and marked with a leading ``@`` when it is a name
(a capitalised word inside the text, or a word of an actor), because names alone never make
two reports the same happening. Names that stand for another ("Pyongyang", "the Kremlin")
count as what they stand for (``[speakers]`` in the same file).

>>> sorted(content_words("Rescuers pulled the last survivor from the rubble", "pull", ()))
['pull', 'rescuer', 'rubbl', 'survivor']
>>> sorted(content_words("Kim left Pyongyang by train", "leave", ("Kim", "Pyongyang")))
['@kim', '@korea', 'leav', 'train']
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ._nlp import once_per_process

__all__ = ["Lexicon", "lexicon", "stem", "content_words", "predicate_key", "entity_key"]

_POSSESSIVE = re.compile(r"['’]s?$")
_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*\w)?|\d[\d,.]*\d|\d")


@dataclass(frozen=True)
class Lexicon:
    """The event word lists of one language (``rules/<lang>/events.toml``)."""

    reporting_verbs: frozenset[str]
    event_nouns: frozenset[str]
    not_event_nouns: frozenset[str]
    event_noun_suffixes: tuple[str, ...]
    leading_noise: frozenset[str]
    light_words: frozenset[str]
    stop_words: frozenset[str]
    irregular: dict[str, str]
    synonym_of: dict[str, str]
    speakers: dict[str, str]
    time_words: frozenset[str]
    max_words: int
    generic_name_words: frozenset[str]
    happening_verbs: frozenset[str]
    dated_nouns: frozenset[str]
    state_verbs: frozenset[str]
    timeless_references: frozenset[str]
    deadline_verbs: frozenset[str]
    reference_reach: dict[str, int]
    generic_predicates: frozenset[str]
    function_verbs: frozenset[str]  # support and aspectual verbs: not content when merging
    support_verbs: frozenset[str]
    aspectual_verbs: frozenset[str]
    raw: dict[str, Any]


def _stem_plain(w: str) -> str:
    """Suffix stripping, no lexicon: plurals, -ing, -ed, -ian."""
    if len(w) <= 3 or w.endswith("ss"):
        return w
    for suffix, repl, keep in (
        ("ings", "", 4), ("ing", "", 4), ("ians", "ia", 3), ("ian", "ia", 3), ("ies", "y", 3),
        ("ied", "y", 3), ("ees", "ee", 3), ("es", "e", 3), ("eed", "ee", 4), ("ed", "", 4), ("s", "", 3),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= keep:
            w = w[: len(w) - len(suffix)] + repl
            break
    # "pulled"/"stopped" -> "pull"/"stop"; "declared"/"declare" -> "declar"
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "lsaeiou":
        w = w[:-1]
    if len(w) > 4 and w.endswith("e") and not w.endswith(("ee", "ie", "ue")):
        w = w[:-1]
    return w


@once_per_process
def lexicon(lang: str = "en") -> Lexicon:
    """The word lists of ``lang``, read once per process (however many threads ask for them
    first)."""
    raw = resources.files("timeline.rules").joinpath(lang, "events.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    irregular = {k.lower(): v.lower() for k, v in data.get("irregular_verbs", {}).items()}

    def base(w: str) -> str:
        w = w.lower().strip(".'’")
        return _stem_plain(irregular.get(w, w))

    synonym_of = {base(w): base(group[0]) for group in data.get("synonyms", ()) for w in group}
    return Lexicon(
        reporting_verbs=frozenset(data.get("reporting_verbs", ())),
        event_nouns=frozenset(data.get("event_nouns", ())),
        not_event_nouns=frozenset(data.get("not_event_nouns", ())),
        event_noun_suffixes=tuple(data.get("event_noun_suffixes", ())),
        leading_noise=frozenset(data.get("leading_noise", ())),
        light_words=frozenset(base(w) for w in data.get("light_words", ())),
        stop_words=frozenset(w.lower() for w in data.get("stop_words", ())),
        irregular=irregular,
        synonym_of=synonym_of,
        speakers={k.lower(): v for k, v in data.get("speakers", {}).items()},
        time_words=frozenset(w.lower() for w in data.get("time_words", ())),
        max_words=int(data.get("max_words", 30)),
        generic_name_words=frozenset(w.lower() for w in data.get("generic_name_words", ())),
        happening_verbs=frozenset(w.lower() for w in data.get("happening_verbs", ())),
        dated_nouns=frozenset(w.lower() for w in data.get("dated_nouns", ())),
        state_verbs=frozenset(w.lower() for w in data.get("state_verbs", ())),
        timeless_references=frozenset(w.lower() for w in data.get("timeless_references", ())),
        deadline_verbs=frozenset(w.lower() for w in data.get("deadline_verbs", ())),
        reference_reach={k.lower(): int(v) for k, v in data.get("reference_reach", {}).items()},
        generic_predicates=frozenset(
            base(w)
            for w in (*data.get("light_words", ()), *data.get("aspectual_verbs", ()), *data.get("support_verbs", ()), *data.get("generic_predicates", ()), *data.get("happening_verbs", ()))
            if " " not in w
        ),
        function_verbs=frozenset(base(w) for w in (*data.get("support_verbs", ()), *data.get("aspectual_verbs", ()))),
        support_verbs=frozenset(w.lower() for w in data.get("support_verbs", ())),
        aspectual_verbs=frozenset(w.lower() for w in data.get("aspectual_verbs", ())),
        raw=data,
    )


def stem(word: str, lang: str = "en") -> str:
    """The merging key of one word: irregular verbs to their base, suffixes stripped,
    synonyms mapped to their group's first word.

    >>> stem("meetings"), stem("met"), stem("trip"), stem("Russians")
    ('meet', 'meet', 'meet', 'russia')
    """
    lex = lexicon(lang)
    w = word.lower().strip(".'’")
    w = _stem_plain(lex.irregular.get(w, w))
    return lex.synonym_of.get(w, w)


def predicate_key(predicate: str, lang: str = "en") -> str:
    """The merging key of an event's predicate (its lemma): :func:`stem`."""
    return stem(predicate, lang) if predicate else ""


def content_words(text: str, predicate: str, actors: Iterable[str], lang: str = "en") -> frozenset[str]:
    """The words that say which happening an event is: stems of the text's words without
    stop words, light words and time words, names marked ``@``; the predicate's key is
    always included."""
    lex = lexicon(lang)
    names = {stem(_POSSESSIVE.sub("", p), lang) for a in actors for p in _WORD.findall(_metonym(a, lex)) if p[0].isalpha()}
    out: set[str] = set()
    for k, m in enumerate(_WORD.finditer(text)):
        raw = _POSSESSIVE.sub("", m.group())
        low = raw.lower()
        if low in lex.stop_words or low in lex.time_words or not raw[0].isalpha():
            continue
        if raw.lower() in lex.speakers:  # "Moscow" speaks for Russia
            raw = lex.speakers[raw.lower()]
        w = stem(raw.split()[-1] if " " in raw else raw, lang)
        if not w or w in lex.light_words or w in lex.function_verbs:
            continue
        is_name = w in names or (k > 0 and raw[0].isupper() and not raw.isupper()) or (len(raw) > 1 and raw.isupper())
        out.add("@" + w if is_name else w)
    if predicate:
        p = predicate_key(predicate, lang)
        if p and p not in lex.light_words:
            out.add(p)
    return frozenset(out)


def entity_key(name: str, lang: str = "en") -> frozenset[str]:
    """The words that tell which entity a name is: its stems without generic words
    ("Russian President Vladimir Putin" -> {"russia", "vladimir", "putin"}; "the United
    States" -> {"united"}... see ``generic_name_words``), so that "Putin" and "Vladimir Putin"
    are the same entity.

    >>> sorted(entity_key("Kim Jong Un")), sorted(entity_key("the Department of Health"))
    (['jong', 'kim', 'un'], ['health'])
    """
    lex = lexicon(lang)
    return frozenset(
        stem(w, lang)
        for w in (_POSSESSIVE.sub("", p) for p in _WORD.findall(_metonym(name, lex)))
        if w and w[0].isalpha() and w.lower() not in lex.generic_name_words and w.lower() not in lex.stop_words
    )


def _metonym(name: str, lex: Lexicon) -> str:
    """The entity a name stands for ("the Kremlin", "Moscow" -> "Russia"; ``[speakers]``)."""
    key = re.sub(r"^the\s+", "", name.strip().lower())
    return lex.speakers.get(key, name)
