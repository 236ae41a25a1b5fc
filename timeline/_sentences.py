"""Sentences of a plain text, without a parse: where each one starts and ends.

A line break ends a sentence (scraped articles put one paragraph, caption or heading per
line); inside a line, a period, question or exclamation mark followed by a space ends one,
unless it closes an abbreviation ("Sept.", "U.S.", "a.m."), an initial ("George W. Bush") or
the next word is lower case. Used by page-furniture detection (where a caption ends) and by
key-event selection (an article's lead sentences, a sentence as an event's text).

>>> text = "Dr. Chan met U.S. officials on Sept. 3. Talks went on.\\nPhoto: AP"
>>> [text[a:b] for a, b in sentence_spans(text)]
['Dr. Chan met U.S. officials on Sept. 3.', 'Talks went on.', 'Photo: AP']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["sentence_end", "sentence_spans", "line_end", "line_start", "SENTENCE_MARKS", "ABBREVIATIONS"]

#: what ends a line that ends a sentence ("... said.", "... next week?\"", "Updates:")
SENTENCE_MARKS = frozenset(".!?:;\"'\u201d\u2019)]")

_END = re.compile(r"[.!?][\"'”’)]*(?=\s|$)")

#: words after which a period does not end a sentence
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st sen rep gov gen adm lt col capt sgt prof jan feb mar apr jun jul aug sep sept oct nov dec "
    "no inc co corp ltd jr sr vs u.s a.m p.m la fla calif ala miss tex ariz mass conn wash ore ky tenn".split()
)


def line_start(text: str, pos: int) -> int:
    """Offset of the start of the line holding ``pos``."""
    return text.rfind("\n", 0, pos) + 1


def line_end(text: str, pos: int) -> int:
    """Offset of the end of the line holding ``pos`` (its newline, or the end of ``text``)."""
    e = text.find("\n", pos)
    return len(text) if e < 0 else e


def sentence_end(text: str, pos: int) -> int:
    """The end of the sentence running at ``pos`` (at most the end of its line).

    >>> sentence_end("It rained at 5 a.m. Monday. Then it stopped.", 0)
    27
    """
    end = line_end(text, pos)
    for m in _END.finditer(text, pos, end):
        if text[m.start()] == ".":
            word = text[text.rfind(" ", pos, m.start()) + 1 : m.start()].lower().lstrip("(\"'“‘")
            if (len(word) == 1 and word.isalpha()) or word in ABBREVIATIONS:
                continue
        rest = text[m.end() : m.end() + 2].lstrip()
        if rest[:1].islower():
            continue
        return m.end()
    return end


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every non-blank sentence of ``text``, in order, without the
    whitespace around it: ``text[start:end]`` is the sentence as written."""
    pos, n = 0, len(text)
    while pos < n:
        while pos < n and text[pos].isspace():
            pos += 1
        if pos >= n:
            break
        end = sentence_end(text, pos)
        stop = end
        while stop > pos and text[stop - 1].isspace():
            stop -= 1
        if stop > pos:
            yield pos, stop
        pos = max(end, pos + 1)
