"""Is a text clearly not English? A cheap, conservative check, so that a French or Russian
article gets a :class:`~timeline.LanguageWarning` rather than a silent empty result (the
rules are English only).

Two tests, both driven by ``timeline/rules/languages.toml`` (profiles, thresholds and the
examples the tests are generated from):

* **script**: most letters outside the Latin script (Cyrillic, Arabic, CJK...);
* **function words**: the share of the words that are function words of each language
  profile; a foreign profile counts only its words that are not English function words. A
  text is flagged when it is long enough, its best foreign profile covers enough of its
  words and clearly more than English does. Short texts, mixed texts and English with
  foreign names or quotes are not flagged.

>>> not_english("Le syndicat a annoncé mardi que la grève se poursuivrait jusqu'à la "
...             "signature d'un nouvel accord avec les exploitants du port, et que les "
...             "négociations doivent reprendre la semaine prochaine.")
'French'
>>> not_english("The union said on Tuesday that the strike would go on.") is None
True
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ._nlp import once_per_process
from ._errors import RuleDataError

__all__ = ["not_english", "profiles", "Profiles", "language_message", "documents_message"]

_SOURCE = "rules/languages.toml"
_WORD = re.compile(r"[^\W\d_]+")
# letters of the Latin script: ASCII, Latin-1, Latin Extended-A/B, IPA, Latin Extended
# Additional (Vietnamese); anything else that is a letter counts as another script
_NOT_LATIN_LETTER = re.compile(r"[^\W\d_A-Za-z\u00aa\u00b5\u00ba\u00c0-\u02af\u1e00-\u1eff]")


@dataclass(frozen=True)
class Profiles:
    """The language data: function words per language and the thresholds."""

    english: frozenset[str]
    #: language code -> (name, its function words)
    foreign: dict[str, tuple[str, frozenset[str]]]
    #: word -> the indices (in ``foreign`` order) of the languages that have it
    index: dict[str, tuple[int, ...]]
    min_words: int
    min_share: float
    dominance: float
    min_letters: int
    max_latin_share: float
    max_chars: int
    #: first word of a letter's Unicode name -> the script's name, where it is not that word
    script_names: dict[str, str]
    #: the raw data, for the tests generated from its examples
    data: dict[str, Any]


def _words(s: str) -> frozenset[str]:
    return frozenset(s.lower().split())


@once_per_process
def profiles() -> Profiles:
    """The profiles of ``rules/languages.toml`` (read once per process)."""
    try:
        raw = resources.files("timeline.rules").joinpath("languages.toml").read_text(encoding="utf-8")
        data = tomllib.loads(raw)
        settings = data["settings"]
        langs = data["profiles"]
        english = _words(langs["en"]["words"])
        foreign = {
            code: (str(p["name"]), _words(p["words"])) for code, p in langs.items() if code != "en"
        }
        index: dict[str, list[int]] = {}
        for i, (_, fw) in enumerate(foreign.values()):
            for w in fw:
                index.setdefault(w, []).append(i)
        return Profiles(
            english=english,
            foreign=foreign,
            index={w: tuple(ix) for w, ix in index.items()},
            min_words=int(settings["min_words"]),
            min_share=float(settings["min_share"]),
            dominance=float(settings["dominance"]),
            min_letters=int(settings["min_letters"]),
            max_latin_share=float(settings["max_latin_share"]),
            max_chars=int(settings["max_chars"]),
            script_names={str(k): str(v) for k, v in data.get("scripts", {}).get("names", {}).items()},
            data=data,
        )
    except tomllib.TOMLDecodeError as e:
        raise RuleDataError(f"{_SOURCE}: {e}") from None
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise RuleDataError(f"{_SOURCE}: malformed ({e!r})") from None


def _script(text: str, letters: int, p: Profiles) -> str | None:
    """The name of the script most of the ``letters`` of ``text`` are written in, when it is
    not Latin."""
    if letters < p.min_letters or text.isascii():
        return None
    others = _NOT_LATIN_LETTER.findall(text)
    if len(others) <= (1 - p.max_latin_share) * letters:
        return None
    names: Counter[str] = Counter()
    for c in others:
        word = unicodedata.name(c, "OTHER").split()[0]
        names[p.script_names.get(word, word.title())] += 1
    return names.most_common(1)[0][0]


def not_english(text: str) -> str | None:
    """What ``text`` clearly is instead of English ("French", or a script such as
    "Cyrillic"), or ``None`` when it is English, too short or too mixed to tell."""
    p = profiles()
    sample = text[: p.max_chars].lower()
    tokens = _WORD.findall(sample)
    script = _script(sample, sum(map(len, tokens)), p)
    if script is not None:
        return script
    n = len(tokens)
    if n < p.min_words:
        return None
    # each language against English: words both have ("a", "in", "die"...) count for neither
    k = len(p.foreign)
    hits, shared, english = [0] * k, [0] * k, 0
    for w, c in Counter(tokens).items():
        langs = p.index.get(w, ())
        if w in p.english:
            english += c
            for i in langs:
                shared[i] += c
        else:
            for i in langs:
                hits[i] += c
    best = max(range(k), key=lambda i: hits[i])
    if hits[best] == 0 or hits[best] < p.min_share * n or hits[best] < p.dominance * (english - shared[best]):
        return None
    return list(p.foreign.values())[best][0]


def language_message(what: str) -> str:
    """The warning for one text that looks like ``what``."""
    looks = f"looks {what}" if _is_language(what) else f"is written in {what} script"
    return f"the text {looks}, not English: the rules are English only, so few or no dates will be found in it"


def documents_message(found: Sequence[tuple[str, str]], *, shown: int = 3) -> str:
    """The warning for a run whose documents ``found`` (``(id, what)`` pairs) are not English."""
    n = len(found)
    listed = ", ".join(f"{i!r} ({w if _is_language(w) else w + ' script'})" for i, w in found[:shown])
    more = f" and {n - shown} more" if n > shown else ""
    return (
        f"{n} document{' does' if n == 1 else 's do'} not look English: {listed}{more}; "
        "the rules are English only, so few or no events will be found in "
        f"{'it' if n == 1 else 'them'}"
    )


def _is_language(what: str) -> bool:
    """Whether ``what`` names a language ("French") rather than a script ("Cyrillic")."""
    return what in {name for name, _ in profiles().foreign.values()}
