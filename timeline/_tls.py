"""Evaluating key events on Timeline17-style collections: news timeline summarization (TLS).

The protocol is news-tls's (Gholipour Ghalandari and Ifrim, ACL 2020), as the shared scorer
``../shared/tools/tls_score.py`` implements it. For each gold timeline of a collection:

- the gold timeline's dates are cut to the day; a date given twice keeps its last entry;
- the input is the collection's articles in [first gold date, last gold date];
- ``l`` = the number of gold dates, ``k`` = ``round(mean sentences per gold date)``;
- the prediction is ``tl.between(first, last).summarize(dates=l, per_date=k, query=...)``,
  keeping the events whose value is a day;
- the scores are Date-F1 (predicted days against gold days), AR1-F and AR2-F (ROUGE-1 and
  ROUGE-2 of the date-aligned summaries, many-to-one, Martschat and Markert 2017) and the
  "concat" ROUGE-1 and ROUGE-2 F (all summaries of a timeline joined);
- averages over timelines take the mean precision and the mean recall, and the F of those.

ROUGE is computed here, without the Perl script: ROUGE-1.5.5's text normalization (lower
case, anything but ASCII letters, digits and hyphens is a space), stop-word removal and
Porter stemming of words longer than three letters. See docs/summaries.md for the measured
agreement with the shared scorer.

>>> gold = {"2010-04-20": ["An oil rig explodes in the Gulf of Mexico ."]}
>>> pred = {"2010-04-21": ["The oil rig exploded in the Gulf of Mexico."]}
>>> s = score_timeline(pred, gold)
>>> s.date.f, round(s.ar1.f, 3), round(s.concat_r1.f, 3)
(0.0, 0.5, 1.0)
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import string
import time
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._nlp import once_per_process
from ._errors import CorpusError, TimelineError, TimelineWarning
from ._version import __version__

if TYPE_CHECKING:
    from ._document import Document
    from ._timeline import Timeline

__all__ = [
    "evaluate_tls",
    "TLSReport",
    "TLSRow",
    "TLSCollectionInfo",
    "PRF",
    "TimelineScores",
    "GoldTimeline",
    "Collection",
    "find_collections",
    "read_collection",
    "detokenize",
    "tokenize",
    "porter_stem",
    "rouge_tokens",
    "rouge_counts",
    "score_timeline",
    "score_predictions",
    "average_scores",
]

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


# --- text as the scorer sees it ---------------------------------------------------------------------


def tokenize(sentence: str) -> str:
    """Split punctuation off the words of a predicted sentence, the way the shared scorer
    does before scoring (so that the alignment, which compares whitespace-separated tokens,
    sees predictions as it sees the Penn-tokenized gold). Idempotent on Penn-tokenized text.

    >>> tokenize('BP said: "We don\\'t know (yet)."')
    "BP said : `` We do n't know ( yet ) . ''"
    """
    s = re.sub(r'(^|[\s(\[{])"', r"\1`` ", sentence)  # an opening double quote
    s = s.replace('"', " '' ")  # any other double quote closes
    s = re.sub(r"(\w)(n't)\b", r"\1 \2", s, flags=re.IGNORECASE)
    s = re.sub(r"(\w)('(?:s|re|ve|ll|d|m))\b", r"\1 \2", s, flags=re.IGNORECASE)
    s = re.sub(r"([;:!?()\[\]{}])", r" \1 ", s)
    s = re.sub(r"(?<!\d),|,(?!\d)", " , ", s)  # not the comma of 5,000
    s = s.replace("...", " ... ")
    # a sentence-final period (not of an ellipsis), before any closing quotes or brackets
    s = re.sub(r"(?<![.\s])\.((?:\s*(?:''|'|\)|\]))*)\s*$", r" .\1", s)
    return " ".join(s.split())


# Stop words. ROUGE-1.5.5's -s option removes the common words of the SMART retrieval system's
# list. That list is not reproduced here. spaCy's English stop words (spaCy is a dependency)
# stand in, adjusted where they differ in kind from a list of function words for scoring news
# summaries (each change brought the scores closer to ROUGE-1.5.5's on the development
# predictions; figures in docs/summaries.md):
# - added: single letters (what "U.S.", "BP's" and "don't" leave once punctuation is a
#   space), the verb that reports speech in nearly every news sentence and "according", the
#   bylines of the two wire services the SMART list names, and "seven" (spaCy lists one to
#   nine but seven);
# - removed: the words of position, quantity and action spaCy lists that carry the content of
#   a summary ("first", "last", "top", "amount", "part", "make"...).
_ADDED_STOP_WORDS = frozenset(
    [*string.ascii_lowercase] + "say says said saying according reuters ap seven".split()
)
_CONTENT_WORDS = frozenset(
    "first last top bottom front side back amount part full empty due call show move give make made put name".split()
)
@once_per_process
def stop_words() -> frozenset[str]:
    """The stop words ROUGE ignores here (lower case, ASCII letters and digits only).

    >>> {"the", "s", "said"} <= stop_words(), "first" in stop_words()
    (True, False)
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    words = {w.lower() for w in STOP_WORDS if re.fullmatch(r"[A-Za-z0-9]+", w)}
    return frozenset((words - _CONTENT_WORDS) | _ADDED_STOP_WORDS)


# Irregular forms. Before stemming, ROUGE-1.5.5 (-m) looks every word up in WordNet's lists of
# irregular inflections ("children" -> "child", "went" -> "go", "worst" -> "bad") and takes the
# base form it finds as is, unstemmed. The same lists (from WordNet, MIT-licensed as
# spacy-lookups-data) ship with spaCy's English pipeline, in its lemmatizer's tables; they are
# read from there. Where a form is in several lists, adverbs win over adjectives, adjectives
# over nouns and nouns over verbs (so "best" -> "well", "leaves" -> "leaf"), as in ROUGE's.
@once_per_process
def irregular_forms() -> Mapping[str, str]:
    """Irregular inflection -> base form, from the installed English pipeline's lemmatizer
    tables (empty, with a warning, when none is installed), read once."""
    return _read_irregular()


def _read_irregular() -> dict[str, str]:
    import importlib.util

    from ._nlp import MODEL_CANDIDATES

    for name in MODEL_CANDIDATES:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        for root in (spec.submodule_search_locations or []) if spec is not None else []:
            for path in sorted(Path(root).glob("*/lemmatizer/lookups/lookups.bin")):
                try:
                    from spacy.lookups import Lookups

                    table = Lookups().from_disk(path.parent).get_table("lemma_exc")
                except (OSError, KeyError, ValueError) as e:
                    log.debug("%s: no irregular forms (%s)", path, e)
                    continue
                out: dict[str, str] = {}
                for pos in ("verb", "noun", "adj", "adv"):  # the later wins
                    for form, bases in (table.get(pos) or {}).items():
                        if bases:
                            out[str(form)] = str(bases[0])
                if out:
                    return out
    log.warning(
        "no English spaCy pipeline with lemmatizer tables is installed: ROUGE stems irregular forms "
        "('went', 'children') like regular ones, and can differ a little more from ROUGE-1.5.5"
    )
    return {}


# --- the Porter stemmer ---------------------------------------------------------------------------
#
# Written from M. F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980, with the
# two changes of Porter's later reference versions (step 2: "bli" -> "ble" instead of
# "abli" -> "able", and "logi" -> "log"), and the change ROUGE-1.5.5 made to step 4 (2004):
# after the usual suffix, "ment" and then "ent" are tried again on what is left, so
# "governmental" and "government" share the stem "govern".
#
# A consonant is a letter other than a, e, i, o, u, and other than a "y" that follows a
# consonant; [C] and [V] are maximal runs of consonants and vowels, and a word has the form
# [C](VC)^m[V]; m is its "measure".

_CONS_RUN = "[^aeiou][^aeiouy]*"
_VOWEL_RUN = "[aeiouy][aeiou]*"
_M_ABOVE_0 = re.compile(f"^(?:{_CONS_RUN})?{_VOWEL_RUN}{_CONS_RUN}")
_M_IS_1 = re.compile(f"^(?:{_CONS_RUN})?{_VOWEL_RUN}{_CONS_RUN}(?:{_VOWEL_RUN})?$")
_M_ABOVE_1 = re.compile(f"^(?:{_CONS_RUN})?{_VOWEL_RUN}{_CONS_RUN}{_VOWEL_RUN}{_CONS_RUN}")
_HAS_VOWEL = re.compile(f"^(?:{_CONS_RUN})?[aeiouy]")
_SHORT_CVC = re.compile(f"^{_CONS_RUN}[aeiouy][^aeiouwxy]$")  # *o with m = 1: "hop", "trap"
_DOUBLE_END = re.compile(r"([^aeiouylsz])\1$")

_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
    "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
    "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous",
    "aliti": "al", "iviti": "ive", "biliti": "ble", "logi": "log",
}  # fmt: skip
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_STEP4 = ("al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ou", "ism", "ate", "iti", "ous", "ive", "ize")


def _longest(word: str, suffixes: Iterable[str]) -> str | None:
    found = [s for s in suffixes if word.endswith(s)]
    return max(found, key=len) if found else None


def _replace(word: str, table: Mapping[str, str]) -> str:
    """Steps 2 and 3: the longest suffix of the table that ends the word, replaced when the
    rest has measure > 0 (otherwise the word stays as it is)."""
    suffix = _longest(word, table)
    if suffix is not None:
        stem = word[: -len(suffix)]
        if _M_ABOVE_0.match(stem):
            return stem + table[suffix]
    return word


def porter_stem(word: str) -> str:
    """The Porter stem of a lower-case word, as ROUGE-1.5.5 computes it.

    >>> [porter_stem(w) for w in ("caresses", "ponies", "hopping", "relational", "generalizations")]
    ['caress', 'poni', 'hop', 'relat', 'gener']
    >>> porter_stem("government"), porter_stem("governmental")
    ('govern', 'govern')
    """
    if len(word) < 3:
        return word
    initial_y = word[0] == "y"
    w = "Y" + word[1:] if initial_y else word  # an initial y is a consonant
    # step 1a: plurals
    if w.endswith("sses") or w.endswith("ies"):
        w = w[:-2]
    elif len(w) >= 2 and w.endswith("s") and w[-2] != "s":
        w = w[:-1]
    # step 1b: -eed, -ed, -ing
    if w.endswith("eed"):
        if _M_ABOVE_0.match(w[:-3]):
            w = w[:-1]
    else:
        suffix = "ed" if w.endswith("ed") else "ing" if w.endswith("ing") else None
        if suffix is not None and _HAS_VOWEL.match(w[: -len(suffix)]):
            w = w[: -len(suffix)]
            if w.endswith(("at", "bl", "iz")):
                w += "e"
            elif _DOUBLE_END.search(w):
                w = w[:-1]
            elif _SHORT_CVC.match(w):
                w += "e"
    # step 1c: y -> i after a vowel somewhere in the stem
    if w.endswith("y") and _HAS_VOWEL.match(w[:-1]):
        w = w[:-1] + "i"
    w = _replace(w, _STEP2)
    w = _replace(w, _STEP3)
    # step 4: suffixes dropped when the rest has measure > 1 (ROUGE's version: see above)
    suffix = _longest(w, _STEP4)
    if suffix is not None and _M_ABOVE_1.match(w[: -len(suffix)]):
        w = w[: -len(suffix)]
    if w.endswith("ment") and _M_ABOVE_1.match(w[:-4]):
        w = w[:-4]
    if w.endswith("ent"):
        if _M_ABOVE_1.match(w[:-3]):
            w = w[:-3]
    elif w.endswith(("sion", "tion")) and _M_ABOVE_1.match(w[:-3]):
        w = w[:-3]
    # step 5: a final e; a final double l
    if w.endswith("e"):
        stem = w[:-1]
        if _M_ABOVE_1.match(stem) or (_M_IS_1.match(stem) and not _SHORT_CVC.match(stem)):
            w = stem
    if w.endswith("ll") and _M_ABOVE_1.match(w):
        w = w[:-1]
    return "y" + w[1:] if initial_y else w


# --- ROUGE ------------------------------------------------------------------------------------------

_NOT_WORD = re.compile(r"[^A-Za-z0-9\-]")


def rouge_tokens(sentences: Iterable[str]) -> tuple[str, ...]:
    """The words ROUGE-1.5.5 (options ``-m -s``) counts in a summary: each sentence up to a
    ``<`` (it reads sentences out of HTML), lower case, every character other than an ASCII
    letter, digit or hyphen a space, hyphens split off and dropped, stop words dropped, words
    of more than three letters stemmed (an irregular form to its base, unstemmed, else Porter's
    stem). The sentences run together: bigrams cross them.

    >>> rouge_tokens(["The U.S. Coast Guard's boats", "are co-ordinating 3.5% of rescues."])
    ('coast', 'guard', 'boat', 'co', 'ordin', '3', '5', 'rescu')
    """
    stops, irregular = stop_words(), irregular_forms()
    out: list[str] = []
    for sentence in sentences:
        text = sentence.replace("^", "&circ;").split("<", 1)[0]
        for w in _NOT_WORD.sub(" ", text.replace("-", " - ")).lower().split():
            if w in stops or w == "-":
                continue
            out.append((irregular.get(w) or porter_stem(w)) if len(w) > 3 else w)
    return tuple(out)


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_counts(summary: Sequence[str], reference: Sequence[str], n: int) -> tuple[int, int, int]:
    """ROUGE-``n`` counts of a summary against one reference (lists of sentences): (hits,
    n-grams of the summary, n-grams of the reference). Recall is hits / reference n-grams,
    precision hits / summary n-grams; a repeated n-gram hits at most as often as the
    reference has it.

    >>> rouge_counts(["Rebels captured Tripoli airport."], ["Rebels seized Tripoli airport today."], 1)
    (3, 4, 5)
    >>> rouge_counts(["Rebels captured Tripoli airport."], ["Rebels seized Tripoli airport today."], 2)
    (1, 3, 4)
    """
    return _counts(_ngrams(rouge_tokens(summary), n), _ngrams(rouge_tokens(reference), n))


def _counts(pred: Counter[tuple[str, ...]], ref: Counter[tuple[str, ...]]) -> tuple[int, int, int]:
    hits = sum(min(c, ref[g]) for g, c in pred.items() if g in ref)
    return hits, sum(pred.values()), sum(ref.values())


class _Summary:
    """A daily summary (or a whole timeline's sentences) with its n-grams, counted once."""

    __slots__ = ("sentences", "grams", "surface")

    def __init__(self, sentences: Sequence[str]) -> None:
        self.sentences = tuple(sentences)
        tokens = rouge_tokens(self.sentences)
        self.grams = (_ngrams(tokens, 1), _ngrams(tokens, 2))
        # the alignment's cheap content similarity sees raw whitespace tokens, case and all,
        # except those that are a piece of the string of ASCII punctuation (".", ",", "("...)
        self.surface = Counter(t for s in self.sentences for t in s.split() if t not in string.punctuation)


def _content_similarity(pred: _Summary, ref: _Summary) -> float:
    """The F1 of whitespace-token overlap: what the alignment uses to prefer, between two
    equally distant dates, the one whose summary says the same thing."""
    match = sum(min(c, ref.surface[t]) for t, c in pred.surface.items() if t in ref.surface)
    n_pred, n_ref = sum(pred.surface.values()), sum(ref.surface.values())
    p = match / n_pred if n_pred else 0.0
    r = match / n_ref if n_ref else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


# --- scores -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1."""

    p: float
    r: float

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r > 0 else 0.0

    @classmethod
    def of(cls, hits: float, n_pred: float, n_gold: float) -> PRF:
        return cls(hits / n_pred if n_pred else 0.0, hits / n_gold if n_gold else 0.0)

    def to_dict(self) -> dict[str, float]:
        return {"precision": self.p, "recall": self.r, "f": self.f}

    def __repr__(self) -> str:
        return f"PRF(p={self.p:.4f}, r={self.r:.4f}, f={self.f:.4f})"


_ZERO = PRF(0.0, 0.0)
METRICS = ("date", "ar1", "ar2", "concat_r1", "concat_r2")
METRIC_NAMES = {"date": "Date-F1", "ar1": "AR1-F", "ar2": "AR2-F", "concat_r1": "R1-F", "concat_r2": "R2-F"}


@dataclass(frozen=True)
class TimelineScores:
    """The scores of one predicted timeline (or their average): ``date`` (Date-F1), ``ar1``
    and ``ar2`` (ROUGE-1/2 of date-aligned summaries, many-to-one), ``concat_r1`` and
    ``concat_r2`` (ROUGE-1/2 of all summaries joined)."""

    date: PRF
    ar1: PRF
    ar2: PRF
    concat_r1: PRF
    concat_r2: PRF

    def to_dict(self) -> dict[str, dict[str, float]]:
        return {m: getattr(self, m).to_dict() for m in METRICS}


def _as_days(timeline: Mapping[Any, Any] | Iterable[Any], what: str) -> dict[date, tuple[str, ...]]:
    """``{day: sentences}`` from a mapping or a list of ``[date, sentences]`` pairs: dates cut
    to the day, a single sentence may be a string, a day given twice keeps its last entry."""
    items = timeline.items() if isinstance(timeline, Mapping) else timeline
    out: dict[date, tuple[str, ...]] = {}
    for i, item in enumerate(items):
        try:
            key, sentences = item
        except (TypeError, ValueError):
            raise TimelineError(f"{what}: entry {i} is not a (date, sentences) pair") from None
        day = _to_day(key)
        if day is None:
            raise TimelineError(f"{what}: entry {i}: {str(key)[:40]!r} is not a YYYY-MM-DD date")
        if sentences is None:
            continue
        if isinstance(sentences, str):
            sentences = [sentences]
        out[day] = tuple(str(s).strip() for s in sentences)
    return out


def _weight(a: date, b: date) -> float:
    """How much a summary aligned to a date ``|a - b|`` days away counts: 1 / (days + 1)."""
    return 1 / (abs(a.toordinal() - b.toordinal()) + 1)


def score_timeline(
    predicted: Mapping[Any, Any] | Iterable[Any],
    gold: Mapping[Any, Any] | Iterable[Any],
    *,
    tokenize_predicted: bool = True,
) -> TimelineScores:
    """Score one predicted timeline against one gold timeline. Both are ``{date: sentences}``
    mappings or lists of ``[date, sentences]`` pairs (dates ``YYYY-MM-DD...`` strings or
    ``datetime.date``). Predicted sentences are first split like the Penn-tokenized gold
    (:func:`tokenize`) unless ``tokenize_predicted=False``.

    Date-F1 compares the sets of days. For AR-n (many-to-one alignment), every predicted date
    is aligned to the gold date that costs least, and every gold date to the predicted date
    that costs least; the cost of a pair is ``(1 - 1/(days apart + 1)) * (1 - similarity)``,
    where similarity is the F1 of their shared whitespace tokens (so a date always aligns to
    itself; between dates of other days the nearer and more alike wins; ties go to the
    earliest). Precision sums over predicted dates ROUGE hits (to the aligned gold summary)
    times ``1/(days apart + 1)``, over the predicted n-grams; recall the same over gold
    dates, over the gold n-grams.

    >>> gold = {"2010-04-20": ["Rig explodes ."], "2010-04-22": ["Rig sinks ."]}
    >>> s = score_timeline({"2010-04-20": ["Rig explodes."], "2010-04-23": ["Rig sinks."]}, gold)
    >>> s.date
    PRF(p=0.5000, r=0.5000, f=0.5000)
    >>> s.ar1  # the 23rd aligns to the 22nd, one day off: its words count half
    PRF(p=0.7500, r=0.7500, f=0.7500)
    """
    pred = _as_days(predicted, "predicted timeline")
    if tokenize_predicted:
        pred = {d: tuple(tokenize(s) for s in ss) for d, ss in pred.items()}
    ref = _as_days(gold, "gold timeline")
    if not ref:
        raise TimelineError("gold timeline: no dates")
    shared = len(pred.keys() & ref.keys())
    date_prf = PRF(shared / len(pred) if pred else 0.0, shared / len(ref))
    if not pred:
        return TimelineScores(date_prf, _ZERO, _ZERO, _ZERO, _ZERO)
    pred_days, ref_days = sorted(pred), sorted(ref)
    ps = {d: _Summary(pred[d]) for d in pred_days}
    rs = {d: _Summary(ref[d]) for d in ref_days}
    cost = {
        (p, r): (1 - _weight(p, r)) * (1 - _content_similarity(ps[p], rs[r])) for p in pred_days for r in ref_days
    }
    to_ref = {p: min(ref_days, key=lambda r: cost[p, r]) for p in pred_days}  # min: first of the ties
    to_pred = {r: min(pred_days, key=lambda p: cost[p, r]) for r in ref_days}
    aligned = []
    for n in (0, 1):
        hits_p = sum(_weight(p, to_ref[p]) * _counts(ps[p].grams[n], rs[to_ref[p]].grams[n])[0] for p in pred_days)
        n_pred = sum(sum(ps[p].grams[n].values()) for p in pred_days)
        hits_r = sum(_weight(to_pred[r], r) * _counts(ps[to_pred[r]].grams[n], rs[r].grams[n])[0] for r in ref_days)
        n_ref = sum(sum(rs[r].grams[n].values()) for r in ref_days)
        aligned.append(PRF(hits_p / n_pred if n_pred else 0.0, hits_r / n_ref if n_ref else 0.0))
    all_pred = _Summary([s for d in pred_days for s in pred[d]])
    all_ref = _Summary([s for d in ref_days for s in ref[d]])
    concat = [PRF.of(*_counts(all_pred.grams[n], all_ref.grams[n])) for n in (0, 1)]
    return TimelineScores(date_prf, aligned[0], aligned[1], concat[0], concat[1])


def average_scores(scores: Sequence[TimelineScores]) -> TimelineScores:
    """The average as news-tls computes it: per metric, the mean precision and the mean
    recall over timelines, and the F1 of those two means (not the mean of the F1s).

    >>> a = TimelineScores(*[PRF(1.0, 0.0)] * 5)
    >>> b = TimelineScores(*[PRF(0.0, 1.0)] * 5)
    >>> average_scores([a, b]).ar1
    PRF(p=0.5000, r=0.5000, f=0.5000)
    """
    if not scores:
        return TimelineScores(_ZERO, _ZERO, _ZERO, _ZERO, _ZERO)
    n = len(scores)
    avg = {
        m: PRF(sum(getattr(s, m).p for s in scores) / n, sum(getattr(s, m).r for s in scores) / n) for m in METRICS
    }
    return TimelineScores(**avg)


def score_predictions(
    predictions: Mapping[str, Any],
    path: str | os.PathLike[str],
) -> dict[str, TimelineScores]:
    """Score ``{"<collection>/<index>": [[date, [sentences]], ...]}`` (the shared scorer's
    ``predictions`` file) against the gold timelines of the collections at ``path``: every
    gold timeline is scored, a missing one as an empty prediction (all 0, with a warning
    logged); predicted sentences are tokenized (:func:`tokenize`). Keys that name no gold
    timeline raise :class:`TimelineError`."""
    golds = {g.key: g for c in find_collections(path) for g in read_collection(c).timelines}
    unknown = sorted(set(predictions) - set(golds))
    if unknown:
        raise TimelineError(f"predictions for unknown timelines: {', '.join(unknown[:5])}{' ...' if len(unknown) > 5 else ''}")
    missing = [k for k in golds if k not in predictions]
    if missing:
        log.warning("%d timeline(s) without a prediction (scored 0): %s", len(missing), ", ".join(missing))
    return {k: score_timeline(predictions.get(k, {}), g.summaries) for k, g in golds.items()}


# --- the evaluation -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TLSRow:
    """One gold timeline's result."""

    key: str
    l: int  # noqa: E741 - the protocol's name
    k: int
    start: date
    end: date
    #: the predicted days, in order, with their sentences (as the summary gave them)
    predicted: Mapping[date, tuple[str, ...]] = field(repr=False)
    scores: TimelineScores = field(repr=False)
    #: summarizing and scoring this timeline (the collection's build is not included)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "timeline": self.key,
            "l": self.l,
            "k": self.k,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "scores": self.scores.to_dict(),
            "seconds": round(self.seconds, 3),
            "predicted": [[d.isoformat(), list(s)] for d, s in self.predicted.items()],
        }


@dataclass(frozen=True)
class TLSCollectionInfo:
    """How a collection was read and built."""

    name: str
    documents: int
    events: int
    #: the query handed to summarize (``keywords.json`` or the one given)
    query: str | tuple[str, ...] | None
    build_seconds: float
    cached: bool

    def to_dict(self) -> dict[str, Any]:
        q = list(self.query) if isinstance(self.query, tuple) else self.query
        return {
            "collection": self.name,
            "documents": self.documents,
            "events": self.events,
            "query": q,
            "build_seconds": round(self.build_seconds, 3),
            "cached": self.cached,
        }


@dataclass(frozen=True)
class TLSReport:
    """The result of :func:`evaluate_tls`: one row per gold timeline, the news-tls averages
    (``average``), and how each collection was built."""

    path: str
    rows: tuple[TLSRow, ...]
    collections: tuple[TLSCollectionInfo, ...]
    average: TimelineScores = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "average", average_scores([r.scores for r in self.rows]))

    @property
    def date_f1(self) -> float:
        return self.average.date.f

    @property
    def ar1_f(self) -> float:
        return self.average.ar1.f

    @property
    def ar2_f(self) -> float:
        return self.average.ar2.f

    def __repr__(self) -> str:
        n = len(self.rows)
        return (
            f"<TLSReport {self.path}: {n} timeline{'' if n == 1 else 's'} of {len(self.collections)} "
            f"collection{'' if len(self.collections) == 1 else 's'}; Date-F1 {self.date_f1:.3f}, "
            f"AR1-F {self.ar1_f:.3f}, AR2-F {self.ar2_f:.3f}>"
        )

    def summary_line(self) -> str:
        """One line: ``timelines=N date_F1=... AR1_F=... AR2_F=...`` (as the shared scorer's)."""
        return (
            f"timelines={len(self.rows)} date_F1={self.date_f1:.3f} AR1_F={self.ar1_f:.3f} "
            f"AR2_F={self.ar2_f:.3f}"
        )

    def format(self) -> str:
        """A table: one row per timeline, the averages, and the summary line."""
        width = max([len("timeline")] + [len(r.key) for r in self.rows])
        head = f"{'timeline':<{width}}  {'l':>3} {'k':>2}  " + "  ".join(f"{METRIC_NAMES[m]:>7}" for m in METRICS) + "  seconds"
        lines = [head]
        for r in self.rows:
            lines.append(
                f"{r.key:<{width}}  {r.l:>3} {r.k:>2}  "
                + "  ".join(f"{getattr(r.scores, m).f:>7.3f}" for m in METRICS)
                + f"  {r.seconds:>7.1f}"
            )
        lines.append(
            f"{'average':<{width}}  {'':>3} {'':>2}  " + "  ".join(f"{getattr(self.average, m).f:>7.3f}" for m in METRICS)
        )
        lines.append("(averages as news-tls: F of the mean precision and the mean recall; AR = date-aligned ROUGE, R = concat ROUGE)")
        lines.append(self.summary_line())
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "timelines": [r.to_dict() for r in self.rows],
            "average": self.average.to_dict(),
            "collections": [c.to_dict() for c in self.collections],
            "version": __version__,
        }


def _check_query(query: object) -> str | tuple[str, ...] | None:
    if query is None or isinstance(query, str):
        return query
    if isinstance(query, Iterable):
        words = tuple(query)
        if all(isinstance(w, str) for w in words):
            return words
    raise TypeError(f"query must be a string, a list of strings or None, not {type(query).__name__}")


def _inputs_hash(docs: Sequence[Document]) -> str:
    h = hashlib.sha256()
    for d in docs:
        for part in (d.id, d.published.isoformat() if d.published else "", d.text):
            h.update(part.encode("utf-8"))
            h.update(b"\0")
    return h.hexdigest()[:16]


def _cache_file(cache: Path, name: str, docs: Sequence[Document]) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
    return cache / f"{safe}-{__version__}-{_inputs_hash(docs)}.json"


def _load_cached(path: Path, docs: Sequence[Document]) -> Timeline | None:
    """The timeline stored at ``path``, with the article texts put back (its JSON holds only
    the documents' metadata); ``None`` when it is missing or does not fit."""
    from ._timeline import Timeline

    if not path.is_file():
        return None
    try:
        stored = Timeline.from_json(path)
    except TimelineError as e:
        log.warning("%s: ignoring the cached timeline (%s); building again", path, e)
        return None
    by_id = {d.id: d for d in docs}
    if [d.id for d in stored.documents if d.id in by_id] != [d.id for d in stored.documents] or len(stored.documents) != len(docs):
        log.warning("%s: the cached timeline's documents are not the collection's; building again", path)
        return None
    return Timeline(stored.events, [by_id[d.id] for d in stored.documents])


def _build(name: str, docs: Sequence[Document], *, n_process: int, progress: bool, cache: Path | None) -> tuple[Timeline, float, bool]:
    """The collection's timeline, from the cache when it holds it; (timeline, seconds, cached)."""
    from ._build import build

    t0 = time.perf_counter()
    target = _cache_file(cache, name, docs) if cache is not None else None
    if target is not None:
        tl = _load_cached(target, docs)
        if tl is not None:
            log.info("%s: timeline loaded from %s", name, target)
            return tl, time.perf_counter() - t0, True
    log.info("%s: building the timeline of %d articles", name, len(docs))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", TimelineWarning)
        tl = build(docs, n_process=n_process, progress=progress)
    _log_warnings(name, "building", caught)
    seconds = time.perf_counter() - t0
    if target is not None:
        tl.to_json(target, indent=None)
        log.info("%s: timeline cached in %s", name, target)
    return tl, seconds, False


def predict(tl: Timeline, gold: GoldTimeline, query: str | Sequence[str] | None) -> dict[date, tuple[str, ...]]:
    """The protocol's prediction for one gold timeline: ``tl.between(first, last)
    .summarize(dates=l, per_date=k, query=query)``, as ``{day: sentences}`` in date order;
    events whose value does not name a day are left out."""
    summary = tl.between(gold.start.isoformat(), gold.end.isoformat()).summarize(dates=gold.l, per_date=gold.k, query=query)
    out: dict[date, list[str]] = {}
    for e in summary:
        day = _to_day(e.value)  # a day, or a time of day ("2010-04-20T10:00"): its day
        if day is not None:
            out.setdefault(day, []).append(e.text)
    return {d: tuple(out[d]) for d in sorted(out)}


def _mentions_any(docs: Sequence[Document], words: Iterable[str]) -> bool:
    pattern = "|".join(re.escape(w) for w in words if w.strip())
    if not pattern:
        return False
    rx = re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)
    return any(rx.search(d.text) for d in docs)


def evaluate_tls(
    path: str | os.PathLike[str],
    *,
    query: str | Sequence[str] | None = None,
    n_process: int = 1,
    cache: str | os.PathLike[str] | None = None,
    progress: bool = False,
) -> TLSReport:
    """Evaluate :meth:`Timeline.summarize` on a Timeline17-style collection, or a folder of
    them, with the news-tls protocol (see the module's documentation and docs/summaries.md).

    ``path`` is a collection (``InputDocs/<YYYY-MM-DD>/<file>``, ``timelines.jsonl``,
    ``keywords.json``) or a folder of collections. Each collection is built once
    (:func:`timeline.build`, ``n_process`` spaCy processes) and summarized for each of its
    gold timelines. ``query`` is handed to ``summarize``; ``None`` uses each collection's
    ``keywords.json`` (the corpus's own query: in Timeline17 only the collection's topic
    name, such as ``"H1N1"`` or ``"bpoil"``; the shared scorer ``tls_score.py`` instead uses
    tilse's topic keywords, ``["bp", "oil", "spill"]``, so give ``query="bp oil spill"`` to
    reproduce its runs). ``cache`` is a folder where each collection's built timeline is kept
    as JSON, keyed by collection name, package version and a hash of the articles, so that a
    rerun skips the build. ``progress=True`` shows a progress bar while building.

    Raises :class:`CorpusError` when a collection's layout is wrong.

    >>> evaluate_tls("no/such/folder")
    Traceback (most recent call last):
    ...
    timeline.CorpusError: no/such/folder: no such directory
    """
    given_query = _check_query(query)
    if isinstance(n_process, bool) or not isinstance(n_process, int) or n_process < 1:
        raise ValueError(f"n_process must be a positive int, not {n_process!r}")
    collections = [read_collection(c) for c in find_collections(path)]  # every layout checked first
    cache_dir = None
    if cache is not None:
        cache_dir = Path(cache)
        if cache_dir.exists() and not cache_dir.is_dir():
            raise TimelineError(f"{cache_dir}: the cache must be a directory")
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise TimelineError(f"{cache_dir}: cannot create the cache directory: {e.strerror or e}") from None
    rows: list[TLSRow] = []
    infos: list[TLSCollectionInfo] = []
    bar = _collections_bar(len(collections)) if progress and len(collections) > 1 else None
    for c in collections:
        if bar is not None:
            bar.set_description(c.name)
        docs = c.documents()
        q: str | tuple[str, ...] | None = given_query if given_query is not None else c.keywords
        if given_query is None and c.keywords and not _mentions_any(docs, c.keywords):
            log.warning(
                "%s: no article mentions its keywords.json query %s; give a query (--query) that names the story",
                c.name, ", ".join(repr(w) for w in c.keywords),
            )  # fmt: skip
        tl, seconds, cached = _build(c.name, docs, n_process=n_process, progress=progress, cache=cache_dir)
        infos.append(TLSCollectionInfo(c.name, len(docs), len(tl), q, seconds, cached))
        for g in c.timelines:
            t0 = time.perf_counter()
            pred = predict(tl, g, list(q) if isinstance(q, tuple) else q)
            scores = score_timeline(pred, g.summaries)
            rows.append(TLSRow(g.key, g.l, g.k, g.start, g.end, pred, scores, time.perf_counter() - t0))
            log.info("%s: Date-F1 %.3f AR1-F %.3f AR2-F %.3f", g.key, scores.date.f, scores.ar1.f, scores.ar2.f)
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    return TLSReport(str(path), tuple(rows), tuple(infos))


def _collections_bar(total: int) -> Any:
    """A progress bar over collections (above the build's bar over documents), when tqdm is
    installed."""
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit="collection", position=0, leave=False)

