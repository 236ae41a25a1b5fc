"""Scoring timelines the news-tls way: text as ROUGE-1.5.5 sees it (tokens, stop words, the
Porter stemmer), ROUGE counts, and the date-F1 / alignment-based ROUGE scores (part of
:mod:`timeline._tls`)."""

from __future__ import annotations

import logging
import os
import re
import string
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ._nlp import once_per_process
from ._errors import TimelineError
from ._tls_read import _to_day, find_collections, read_collection

log = logging.getLogger("timeline")


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
