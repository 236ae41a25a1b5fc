"""Timeline17 collections as the TLS evaluation reads them: Penn Treebank text back to
prose, the articles by publication day, the journalists' gold timelines and keywords
(part of :mod:`timeline._tls`)."""

from __future__ import annotations

import json
import logging
import os
import re
import warnings
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ._errors import CorpusError, TimelineWarning

if TYPE_CHECKING:
    from ._document import Document

log = logging.getLogger("timeline")

_DAY_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}")
_DAY_NAME = re.compile(r"\d{4}-\d{2}-\d{2}")


# --- Penn Treebank text -> ordinary prose -------------------------------------------------------

_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_CONTRACTIONS = re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m|'S|N'T)\b")
_BEFORE = re.compile(r" ([,.;:?!%)\]}])")
_AFTER = re.compile(r"([(\[{$]) ")


def detokenize(line: str) -> str:
    """Ordinary text from one Penn-tokenized line (how Timeline17 stores its articles).

    >>> detokenize("Mexico 's flu -LRB- H1N1 -RRB- killed 20 , officials said `` today '' .")
    'Mexico\\'s flu (H1N1) killed 20, officials said "today".'
    """
    words = [_BRACKETS.get(w, w) for w in line.split()]
    out: list[str] = []
    for w in words:
        if w == "``":
            out.append('"\u0001')  # opening quote: glued to what follows
        elif w == "''":
            out.append('\u0002"')  # closing quote: glued to what precedes
        else:
            out.append(w)
    text = " ".join(out)
    text = text.replace('"\u0001 ', '"').replace('"\u0001', '"').replace(' \u0002"', '"').replace('\u0002"', '"')
    text = _CONTRACTIONS.sub(r"\1", text)
    text = _BEFORE.sub(r"\1", text)
    text = _AFTER.sub(r"\1", text)
    return text.replace(" ` ", " '").replace(" ' ", "' ")


def detokenize_article(text: str) -> str:
    """A whole Penn-tokenized article (one sentence per line) as prose, one sentence per line;
    blank lines dropped."""
    return "\n".join(detokenize(line) for line in text.splitlines() if line.strip())


# --- reading collections --------------------------------------------------------------------------


def _to_day(value: object) -> date | None:
    """The day a gold or predicted date names (its first ten characters, ``YYYY-MM-DD``), or
    ``None``. Accepts ``datetime.date`` objects too."""
    if isinstance(value, date):
        return value if type(value) is date else date(value.year, value.month, value.day)
    m = _DAY_PREFIX.match(str(value).strip())
    if m is None:
        return None
    try:
        return date.fromisoformat(m.group(0))
    except ValueError:
        return None


@dataclass(frozen=True)
class GoldTimeline:
    """One journalist-written timeline of a collection, read as news-tls reads it."""

    collection: str
    #: position among the collection's timelines (blank lines and empty timelines skipped)
    index: int
    #: day -> sentences, in date order; a date given twice keeps its last entry
    summaries: Mapping[date, tuple[str, ...]]

    @property
    def key(self) -> str:
        """``"<collection>/<index>"``, as the shared scorer names timelines."""
        return f"{self.collection}/{self.index}"

    @property
    def dates(self) -> list[date]:
        return sorted(self.summaries)

    @property
    def start(self) -> date:
        return min(self.summaries)

    @property
    def end(self) -> date:
        return max(self.summaries)

    @property
    def l(self) -> int:  # noqa: E743 - the protocol's name
        """How many dates to predict: the number of gold dates."""
        return len(self.summaries)

    @property
    def k(self) -> int:
        """How many sentences per date: the mean per gold date, rounded as Python rounds
        (half to even). A timeline whose dates have almost no sentences still asks for one."""
        sizes = [len(s) for s in self.summaries.values()]
        return max(1, round(sum(sizes) / len(sizes)))


@dataclass(frozen=True)
class Collection:
    """A Timeline17-style collection: ``InputDocs/<YYYY-MM-DD>/<file>``, ``timelines.jsonl``
    and (optional) ``keywords.json``. :meth:`documents` reads the articles."""

    name: str
    path: Path
    timelines: tuple[GoldTimeline, ...]
    #: the corpus's own query terms (``keywords.json``); ``None`` when it has none
    keywords: tuple[str, ...] | None
    #: the article files, in reading order: publication day, then numeric file name
    files: tuple[tuple[str, Path], ...] = field(repr=False)

    def documents(self) -> list[Document]:
        """The articles, detokenized, published on their folder's day, id ``day/file``."""
        from ._document import Document

        docs = []
        with warnings.catch_warnings(record=True) as caught:  # a dateline disagreeing with the folder
            warnings.simplefilter("always", TimelineWarning)
            for day, f in self.files:
                try:
                    raw = f.read_bytes().decode("utf-8", errors="replace")
                except OSError as e:
                    raise CorpusError(f"{f}: cannot read: {e.strerror or e}") from None
                docs.append(Document(detokenize_article(raw), published=day, id=f"{day}/{f.name}"))
        _log_warnings(self.name, "reading", caught)
        return docs


def _log_warnings(name: str, stage: str, caught: list[warnings.WarningMessage]) -> None:
    """The warnings of a stage, as one INFO line: the corpus's folder dates are the protocol's
    publication dates, so a dateline that disagrees is not the user's problem."""
    kinds = Counter(w.category.__name__ for w in caught)
    if kinds:
        log.info("%s: %s while %s (the folder date is used)", name, ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())), stage)


def _file_order(p: Path) -> tuple[int, int, str]:
    m = re.match(r"\d+", p.name)
    return (0, int(m.group(0)), p.name) if m else (1, 0, p.name)


def _is_collection(p: Path) -> bool:
    return (p / "InputDocs").is_dir() or (p / "timelines.jsonl").is_file()


def find_collections(path: str | os.PathLike[str]) -> list[Path]:
    """The collections at ``path``: ``path`` itself when it is one (it has ``InputDocs/`` or
    ``timelines.jsonl``), else its sub-folders that are, by name. Raises :class:`CorpusError`
    when there are none."""
    p = Path(path)
    if not p.exists():
        raise CorpusError(f"{p}: no such directory")
    if not p.is_dir():
        raise CorpusError(f"{p}: not a directory (give a Timeline17 collection or a folder of collections)")
    if _is_collection(p):
        return [p]
    found = sorted((c for c in p.iterdir() if c.is_dir() and not c.name.startswith(".") and _is_collection(c)), key=lambda c: c.name)
    if not found:
        raise CorpusError(
            f"{p}: not a Timeline17 collection (no InputDocs/ folder or timelines.jsonl) and holds none"
        )
    return found


def read_collection(path: str | os.PathLike[str]) -> Collection:
    """Read one collection's layout, gold timelines and keywords (not yet the articles).
    Raises :class:`CorpusError` naming what is wrong."""
    p = Path(path)
    name = p.name
    docs_dir = p / "InputDocs"
    if not docs_dir.is_dir():
        raise CorpusError(f"{p}: no InputDocs/ folder (articles go in InputDocs/<YYYY-MM-DD>/<file>)")
    files: list[tuple[str, Path]] = []
    for day_dir in sorted(docs_dir.iterdir(), key=lambda d: d.name):
        if day_dir.name.startswith("."):
            continue
        if not day_dir.is_dir():
            raise CorpusError(f"{day_dir}: a file directly in InputDocs/ (articles go in InputDocs/<YYYY-MM-DD>/<file>)")
        if not _DAY_NAME.fullmatch(day_dir.name) or _to_day(day_dir.name) is None:
            raise CorpusError(f"{day_dir}: folder name is not a publication date YYYY-MM-DD")
        for f in sorted(day_dir.iterdir(), key=_file_order):
            if f.name.startswith("."):
                continue
            if not f.is_file():
                raise CorpusError(f"{f}: not an article file (InputDocs/<YYYY-MM-DD>/ holds files only)")
            files.append((day_dir.name, f))
    if not files:
        raise CorpusError(f"{docs_dir}: no articles (expected InputDocs/<YYYY-MM-DD>/<file>)")
    timelines = _read_gold(name, p / "timelines.jsonl")
    keywords = _read_keywords(p / "keywords.json")
    return Collection(name, p, timelines, keywords, tuple(files))


def _read_gold(name: str, path: Path) -> tuple[GoldTimeline, ...]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise CorpusError(f"{path}: no such file (each line of timelines.jsonl is a gold timeline)") from None
    except (OSError, UnicodeDecodeError) as e:
        raise CorpusError(f"{path}: cannot read: {e}") from None
    out: list[GoldTimeline] = []
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        where = f"{path}:{n}"
        try:
            items = json.loads(raw)
        except json.JSONDecodeError as e:
            raise CorpusError(f"{where}: not valid JSON ({e.msg})") from None
        if not isinstance(items, list):
            raise CorpusError(f"{where}: a gold timeline must be a list of [date, [sentences]], not {type(items).__name__}")
        if not items:
            continue
        summaries: dict[date, tuple[str, ...]] = {}
        for i, item in enumerate(items):
            if not (isinstance(item, list) and len(item) == 2 and isinstance(item[1], list)):
                raise CorpusError(f"{where}: entry {i} is not [date, [sentences]]: {json.dumps(item)[:60]}")
            day = _to_day(item[0])
            if day is None:
                raise CorpusError(f"{where}: entry {i}: {str(item[0])[:40]!r} is not a YYYY-MM-DD date")
            if not all(isinstance(s, str) for s in item[1]):
                raise CorpusError(f"{where}: entry {i}: sentences must be strings")
            summaries[day] = tuple(s.strip() for s in item[1])  # a date given twice: the last one wins
        out.append(GoldTimeline(name, len(out), dict(sorted(summaries.items()))))
    if not out:
        raise CorpusError(f"{path}: no gold timeline in it")
    return tuple(out)


def _read_keywords(path: Path) -> tuple[str, ...] | None:
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise CorpusError(f"{path}: cannot read: {e}") from None
    if isinstance(data, str):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(w, str) for w in data):
        raise CorpusError(f"{path}: must be a list of query terms (strings)")
    return tuple(data) or None
