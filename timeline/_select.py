"""What to parse: the sentences that hold a date, found without a parse.

Parsing is nearly the whole cost of :func:`timeline.build`, and only the sentences that carry
a date need it: an event is read from the clause its date is in, and a date's tense from its
own clause. Key-event selection reads events and the texts' own sentences
(:mod:`timeline._sentences`), never a parse. So the rules tag a text first; then each run of
sentences holding a mention that needs the parse (:func:`needs_parse`) is handed to spaCy
alone, and the rest of the text is never parsed (about 60% of a news article).

The sentences here are cut cautiously, because a sentence cut short would be parsed, and
read for its event, without its end. A sentence ends at a blank line; at a line break after a
line that ends with a sentence mark, or before a capital after a line that does not end with
a word that asks for more (a headline; not "... said the\\nPresident"); and inside a line
after a word closed by ``.``, ``?`` or ``!`` before a capital ("... talks. The", "... in
2009. He", "... on Monday. It"), never after an abbreviation or an initial ("Mr. Kim",
"U.S. officials", "Sept. 4", "George W. Bush"). When in doubt two sentences stay one: that
costs a little time, never a word of an event.

>>> text = "Officials met on Monday. Nothing else happened.\\nTalks resume next week."
>>> [text[a:b] for a, b in parse_spans(text, 0, len(text), [(17, 23), (61, 70)])]
['Officials met on Monday.', 'Talks resume next week.']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from ._sentences import ABBREVIATIONS, SENTENCE_MARKS
from ._when import VAGUE_SPAN
from .rules import Mention

__all__ = ["needs_parse", "sentence_bounds", "parse_spans", "spans_of", "EVENT_TYPES"]

#: Mention types whose sentence is parsed: they date events.
EVENT_TYPES = frozenset({"DATE", "TIME"})

# inside a line: a word closed by a sentence mark (and quotes or a bracket), spaces, then a
# capital (after opening quotes or a bracket); see _ends_inline for the words that do not
_INLINE_END = re.compile(r"(\w+)([.!?])[\"'\u201d\u2019)]*[ \t]+(?=[\"'\u201c\u2018(]*[A-Z])")
_LINE_BREAK = re.compile(r"\n")
_BLANK = re.compile(r"\n[ \t\r\f\v]*\n")
# words that ask for more: a line ending with one goes on on the next line
_CONTINUING = frozenset(
    "a an the of to in on at for with by from and or but nor that which who whom whose as than if "
    "because while when after before since until into onto over under about against between through "
    "during without within is are was were be been being has have had will would can could may might "
    "shall should must do does did not its his her their our your my this these those said says".split()
)
_LAST_WORD = re.compile(r"(\w+)\W*$")
# a line that starts by closing a bracket it did not open continues the line before, as
# does one that starts with a mark no sentence starts with
_CONTINUED = re.compile(r"[^\s()]{0,12}\)")
_NO_START = frozenset(",;:.)]%")


def needs_parse(m: Mention, *, every: bool = False) -> bool:
    """Whether the sentence of ``m`` must be parsed: it can date an event (a date or a time,
    or a duration such as "the past few weeks"), or its value depends on its clause's tense
    (``every``: in a history, where every date's tense is read).

    >>> from timeline.rules import load
    >>> [needs_parse(m) for m in load("en").extract("for three years, on Monday, every week")]
    [False, True, False]
    """
    return every or m.type in EVENT_TYPES or (m.type == "DURATION" and VAGUE_SPAN.match(m.value) is not None)


def sentence_bounds(text: str, start: int, end: int) -> list[int]:
    """The offsets in ``text[start:end]`` where a sentence starts, cautiously (see the module's
    docstring), ``start`` first, in order.

    >>> t = "Mr. Kim met U.S. officials.\\nIn 2009. He left\\nthe city.\\nStorm hits\\nThe storm"
    >>> [t[a:b].strip() for a, b in zip(sentence_bounds(t, 0, len(t)), sentence_bounds(t, 0, len(t))[1:] + [len(t)])]
    ['Mr. Kim met U.S. officials.', 'In 2009.', 'He left\\nthe city.', 'Storm hits', 'The storm']
    """
    cuts = {start}
    for m in _INLINE_END.finditer(text, start, end):
        word, mark = m.group(1), m.group(2)
        if mark != "." or (len(word) > 1 and word.lower() not in ABBREVIATIONS):
            cuts.add(m.end())  # not "Mr. Kim", "Sept. 4", "U.S. officials", "George W. Bush"
    for m in _LINE_BREAK.finditer(text, start, end):
        i = m.start()
        if _BLANK.match(text, i) or _line_ends_sentence(text, start, i):
            cuts.add(i + 1)
    return sorted(c for c in cuts if c < end)


def _line_ends_sentence(text: str, start: int, i: int) -> bool:
    """Whether the line break at ``i`` ends a sentence."""
    j = i - 1
    while j >= start and text[j] in " \t\r\f\v":
        j -= 1
    if j < start or text[j] == "\n":
        return False  # an empty line: the line break before it has cut
    k = i + 1
    while k < len(text) and text[k] in " \t\r\f\v":
        k += 1
    if k >= len(text):
        return True
    if text[k].islower() or text[k] in _NO_START or _CONTINUED.match(text, k):
        return False  # "(D-Md.)\n, who visited", "(BP.\nL) said": the next line goes on
    word = _LAST_WORD.search(text, max(start, j - 40), j + 1)
    last = word.group(1) if word is not None else ""
    if text[j] in SENTENCE_MARKS:
        # not after an initial or an abbreviation: "the U.\nS. Coast Guard"
        return text[j] != "." or word is None or word.end(1) != j or (len(last) > 1 and last.lower() not in ABBREVIATIONS)
    return text[k].isupper() and last.lower() not in _CONTINUING


def parse_spans(text: str, start: int, end: int, mentions: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of ``text[start:end]`` to parse: every sentence that overlaps
    one of ``mentions`` (``(start, end)`` offsets into ``text``), neighbours joined into one
    span when nothing but spaces and single line breaks separates them, without the
    whitespace around. A mention across two sentences selects both. Empty when no mention
    is given."""
    spots = sorted(mentions)
    if not spots:
        return []
    bounds = sentence_bounds(text, start, end)
    chosen: set[int] = set()
    for a, b in spots:
        first = bisect.bisect_right(bounds, a) - 1
        last = bisect.bisect_left(bounds, b) - 1
        chosen.update(range(max(first, 0), max(last, first, 0) + 1))
    spans: list[tuple[int, int]] = []
    for k in sorted(chosen):
        a = bounds[k]
        b = bounds[k + 1] if k + 1 < len(bounds) else end
        if spans and spans[-1][1] == a and not _BLANK.search(text, *_gap(text, spans[-1][0], a)):
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return [s for s in (_stripped(text, a, b) for a, b in spans) if s[1] > s[0]]


def _gap(text: str, a: int, b: int) -> tuple[int, int]:
    """The whitespace around ``b``, where the sentence from ``a`` meets the next one."""
    j, k = b, b
    while j > a and text[j - 1].isspace():
        j -= 1
    while k < len(text) and text[k].isspace():
        k += 1
    return j, k


def _stripped(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def spans_of(mentions: Sequence[Mention], *, every: bool = False) -> list[tuple[int, int]]:
    """The offsets of the mentions whose sentence must be parsed (:func:`needs_parse`)."""
    return [(m.start, m.end) for m in mentions if needs_parse(m, every=every)]
