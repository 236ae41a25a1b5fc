"""Helpers shared by several test modules: running the command line, checking offsets, a
recording stand-in for a spaCy pipeline, and odd or long texts.

``tests/conftest.py`` loads this file as the module ``timeline_tests_helpers`` (the suite
runs with ``--import-mode=importlib``, so ``tests/`` is not on ``sys.path``); test modules
import it by that name::

    from timeline_tests_helpers import run, one_error_line
"""

from __future__ import annotations

import random
from typing import Any

import timeline
from timeline.cli import main

__all__ = [
    "run",
    "one_error_line",
    "assert_offsets",
    "RecordingNlp",
    "ODD_TEXTS",
    "FILLER",
    "DATED",
    "megabytes_of_text",
]


# --- the command line ----------------------------------------------------------------------------


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    """Run ``timeline`` with ``argv`` in this process: (status, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    """The single ``timeline: error: ...`` line of ``err``: the last line, no traceback."""
    lines = err.splitlines()
    assert lines and lines[-1].startswith("timeline: error: "), err
    assert [line for line in lines if line.startswith("timeline: error")] == [lines[-1]], err
    assert "Traceback" not in err, err
    return lines[-1]


# --- tagging results -----------------------------------------------------------------------------


def assert_offsets(text: str, found: list[timeline.Timex]) -> None:
    """Every timex indexes ``text`` exactly, and they do not overlap."""
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


# --- a pipeline that records what it parses ------------------------------------------------------


class RecordingNlp:
    """A blank spaCy pipeline (fast) that records the length of every text it is given.
    With ``parser=True`` it claims a parser (it only cuts sentences): the library then
    hands it what it would parse."""

    def __init__(self, *, parser: bool = False) -> None:
        import spacy

        self._nlp = spacy.blank("en")
        if parser:
            self._nlp.add_pipe("sentencizer")  # sentences, which a parser would give
        self.max_length = self._nlp.max_length
        self.pipe_names = [*self._nlp.pipe_names, *(["parser"] if parser else [])]
        self.lengths: list[int] = []

    def pipe(self, texts: Any, **kwargs: Any) -> Any:
        def record(stream: Any) -> Any:
            for item in stream:
                self.lengths.append(len(item[0] if isinstance(item, tuple) else item))
                yield item

        return self._nlp.pipe(record(texts), **kwargs)


# --- odd and long texts --------------------------------------------------------------------------

ODD_TEXTS = {
    "control characters": "\x00\x01\x02 on Monday \x7f\x1b[31m yesterday\x07",
    "zero-width characters": "on\u200bMonday, yester\u200dday, next\u00a0week and \ufeffnext month\u2060",
    "emoji": "😀 on Monday 👩‍👩‍👧 next week 🇫🇷 yesterday",
    "mixed scripts": "Москва, 昨天, on Monday; القاهرة next week — Αθήνα yesterday",
    "combining marks": "on Monday" + "\u0301" * 40 + " and next week",
    "line separators": "on Monday\u2028next week\u2029yesterday\r\n\x0b\x0c",
    "lone surrogates": "\udcff\udcfe on Monday \ud800 next week",
    "binary junk": bytes(range(256)).decode("latin-1") * 4 + " on Monday",
    "random bytes": random.Random(6).randbytes(4000).decode("utf-8", "replace") + " next week",
    "right-to-left marks": "\u202eon Monday\u202c \u200fnext week",
    "fullwidth letters": "ＯＮ ＭＯＮＤＡＹ and on Monday",
}

FILLER = "The council discussed the budget and officials reviewed the costs of the plan. " * 40 + "\n\n"
DATED = "The minister resigned on Monday, and the report will be published next week.\n\n"


def megabytes_of_text() -> str:
    """About 3 MB: a dated paragraph every ten paragraphs of filler."""
    return "".join((DATED if i % 10 == 0 else "") + FILLER for i in range(950))
