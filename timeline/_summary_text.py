"""What a sentence of a summary must be: one clean line (no dateline, bullet or dash), a whole
sentence of the body (not a question, a caption, page text, a teaser or a byline glued on),
and what a chronology line's date label is (part of :mod:`timeline._summarize`). The word
lists are data: ``rules/<lang>/summaries.toml``."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from ._nlp import once_per_process

__all__ = ["clean_sentence", "is_complete", "is_date_label", "WORD"]

#: A word of a sentence (letters, or a number).
WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*\d|\d")


_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.'’-]*(?:[ /][A-Z][A-Za-z.'’-]*)*,?(?: [A-Z][a-z]+\.?)?\s*(?:\((?:[A-Z][\w .&-]{1,30})\))?\s*[-–—]+\s+)"
)
# a date label opening a line of a chronology: "May 19 - ", "April 20: "
_LABEL = re.compile(r"^([^-–—:]{2,30}?)\s*(?:[-–—]+|:)\s+(?=[A-Z\"“‘'])")
_LEADING_JUNK = re.compile(r"^(?:[-–—•*>|]+\s*)+")
# a sentence opens with a word, a number or a quotation, not with a bracket's tail
_OPENING = re.compile(r"^[\"'“‘`]?(?:[^\W_]{2,}|[AI]\b|\d)")
_QUOTE_OPEN = "\"'“‘`"


def clean_sentence(text: str) -> str:
    """A sentence as a reader should see it: one line, without a leading dateline
    ("LONDON (Reuters) - "), bullet or dash.

    >>> clean_sentence("MEXICO CITY (Reuters) -  Mexico closed   its schools.")
    'Mexico closed its schools.'
    >>> clean_sentence("• The WHO raised its alert.")
    'The WHO raised its alert.'
    """
    s = " ".join(text.split())
    s = _LEADING_JUNK.sub("", s)
    m = _DATELINE.match(s)
    if m and m.end() < len(s) and s[m.end()].isupper():
        s = s[m.end() :]
    return s


def is_complete(text: str, min_words: int = 6, max_words: int = 60) -> bool:
    """Whether a cleaned sentence reads as a whole sentence of the body: it opens with a
    capital, digit or quote, ends with a full stop or a closing quote, is neither a question
    nor shouting, and has between ``min_words`` and ``max_words`` words.

    >>> is_complete("The WHO raised its pandemic alert to phase five."), is_complete("raised its alert to phase five and")
    (True, False)
    """
    words = text.split()
    if not min_words <= len(words) <= max_words:
        return False
    first = text[0]
    if not (first.isupper() or first.isdigit() or first in _QUOTE_OPEN) or not _OPENING.match(text):
        return False  # "L) said ...": the tail of a cut-off sentence
    tail = text.rstrip("\"'”’)")
    if not tail.endswith((".", "!")):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if sum(ch.isupper() for ch in letters) > 0.5 * len(letters):
        return False
    words_ = _rules()
    low = text.lower()
    if any(w in low for w in words_.junk_phrases) or _STAMP.search(text) or _GLUED.search(text) or "|" in text:
        return False
    unquoted = _QUOTED.sub(" ", low)
    return not any(w.lower() in words_.reader_words for w in WORD.findall(unquoted))


@dataclass(frozen=True)
class _Rules:
    junk_phrases: tuple[str, ...]
    reader_words: frozenset[str]
    dependent_openers: frozenset[str]


@once_per_process
def _rules(lang: str = "en") -> _Rules:
    """The word lists of ``rules/<lang>/summaries.toml``."""
    data = tomllib.loads(resources.files("timeline.rules").joinpath(lang, "summaries.toml").read_text(encoding="utf-8"))
    return _Rules(
        tuple(data["junk_phrases"]), frozenset(data["reader_words"]), frozenset(data["dependent_openers"])
    )


# a time of day with its zone or half ("6:20 PM", "9:15 pm IST", "22.09 BST"): a byline or
# stamp glued on
_STAMP = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|gmt|bst|[ecmp][sd]?t|ist|utc)\b", re.IGNORECASE)
# a headline or caption run into the next sentence: "... reaches Mexico The widow of ..."
_GLUED = re.compile(r"[a-z]\s(?:The|A|An)\s[a-z]")
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")


@functools.lru_cache(maxsize=4096)
def is_date_label(label: str) -> bool:
    """Whether the label of a line ("May 29 - ...", "April 29, 2010: ...") is a date and
    nothing else, as the tagger reads it.

    >>> is_date_label("May 29"), is_date_label("Apr. 21"), is_date_label("AP Apr. 21"), is_date_label("Fox News")
    (True, True, False, False)
    """
    from ._tag import tag

    body = label.rstrip(" .,")
    return any(t.start == 0 and t.end >= len(body) and t.type == "DATE" for t in tag(body, published=None, nlp=False))
