"""TempEval-3 style evaluation on TimeML corpora.

A prediction matches a gold TIMEX3 when their spans overlap (relaxed) or are identical
(strict), one-to-one. Value F1 counts a hit only when the spans overlap *and* the values are
equal (after writing both in canonical form: ISO week numbers zero-padded, ``2000-W8`` ->
``2000-W08``). Type accuracy is over relaxed matches.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.tml").write_text('<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2023-09-12" '
...     'functionInDocument="CREATION_TIME">x</TIMEX3></DCT><TEXT>He left on '
...     '<TIMEX3 tid="t1" type="DATE" value="2023-09-10">Sunday</TIMEX3>.</TEXT></TimeML>')
>>> r = evaluate(d, nlp=False)
>>> (r.strict_f1, r.value_f1)
(1.0, 1.0)
"""

from __future__ import annotations

import html
import logging
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ._errors import CorpusError
from ._published import parse_published
from ._tag import Mode, tag

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["evaluate", "EvalReport", "GoldTimex", "TimeMLDocument", "read_timeml", "canonical_value", "category_of"]

log = logging.getLogger("timeline")


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    """A TimeML document: its plain text, creation time and gold TIMEX3 annotations."""

    path: str
    text: str
    dct: str | None
    timexes: tuple[GoldTimex, ...]


_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_:]+)\s*=\s*"([^"]*)"')


def read_timeml(path: str | Path) -> TimeMLDocument:
    """Parse one ``.tml`` file: the text inside ``<TEXT>`` with tags removed, the DCT from
    the TIMEX3 whose ``functionInDocument`` is ``CREATION_TIME``, and the gold TIMEX3s with
    offsets into that text."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise CorpusError(f"{p}: cannot read: {e}") from None
    dct = None
    for m in re.finditer(r"<TIMEX3([^>]*)>", raw):
        attrs = dict(_ATTR.findall(m.group(1)))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            dct = attrs.get("value")
            break
    tm = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if tm is None:
        raise CorpusError(f"{p}: no <TEXT> element")
    body = tm.group(1)
    out: list[str] = []
    pos = 0
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    golds: list[GoldTimex] = []
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attr_text = m.group(1), m.group(2), m.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(attr_text))))
        elif open_timex:
            start, a = open_timex.pop()
            golds.append(GoldTimex(start, length, "", a.get("type", ""), a.get("value", ""), a.get("mod")))
    chunk = html.unescape(body[pos:])
    out.append(chunk)
    text = "".join(out)
    golds = [GoldTimex(g.start, g.end, text[g.start : g.end], g.type, g.value, g.mod) for g in golds]
    return TimeMLDocument(str(p), text, dct, tuple(sorted(golds, key=lambda g: g.start)))


def canonical_value(v: str) -> str:
    """Canonical spelling of a TIMEX3 value for comparison: ``2000-W8`` -> ``2000-W08``."""
    return re.sub(r"W(\d)(?!\d)", r"W0\1", v.strip())


def category_of(value: str, type_: str) -> str:
    """A coarse category of a value, for the error table."""
    if type_ == "SET":
        return "set"
    if type_ == "DURATION" or value.startswith("P"):
        return "duration"
    if value.endswith("_REF"):
        return "reference"
    if "T" in value:
        return "time of day"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if "-W" in value:
        return "week/weekend"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.search(r"-(?:Q|H)\w$", value):
        return "quarter/half"
    if re.search(r"-(?:SP|SU|FA|WI)$", value):
        return "season"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if re.fullmatch(r"\d{2,3}", value):
        return "decade/century"
    return "other"


@dataclass
class _Counts:
    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


@dataclass
class EvalReport:
    """Scores of one evaluation run, with the errors behind them."""

    n_docs: int = 0
    seconds: float = 0.0
    counts: _Counts = field(default_factory=_Counts)
    by_category: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    by_rule: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    errors: list[dict[str, Any]] = field(default_factory=list)

    def _prf(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.counts.pred if self.counts.pred else 0.0
        r = hits / self.counts.gold if self.counts.gold else 0.0
        return p, r, _f1(p, r)

    @property
    def strict_f1(self) -> float:
        return round(self._prf(self.counts.strict)[2], 4)

    @property
    def relaxed_f1(self) -> float:
        return round(self._prf(self.counts.relaxed)[2], 4)

    @property
    def value_f1(self) -> float:
        return round(self._prf(self.counts.value)[2], 4)

    @property
    def type_accuracy(self) -> float:
        return round(self.counts.type / self.counts.relaxed, 4) if self.counts.relaxed else 0.0

    def __repr__(self) -> str:
        return (
            f"<EvalReport {self.n_docs} docs: strict F1 {self.strict_f1:.3f}, relaxed F1 "
            f"{self.relaxed_f1:.3f}, value F1 {self.value_f1:.3f}>"
        )

    def to_dict(self) -> dict[str, Any]:
        c = self.counts
        return {
            "documents": self.n_docs,
            "seconds": round(self.seconds, 2),
            "gold": c.gold,
            "predicted": c.pred,
            "strict": dict(zip(("precision", "recall", "f1"), map(lambda x: round(x, 4), self._prf(c.strict)))),
            "relaxed": dict(zip(("precision", "recall", "f1"), map(lambda x: round(x, 4), self._prf(c.relaxed)))),
            "value": dict(zip(("precision", "recall", "f1"), map(lambda x: round(x, 4), self._prf(c.value)))),
            "type_accuracy": self.type_accuracy,
            "by_category": {k: dict(v) for k, v in sorted(self.by_category.items())},
            "by_rule": {k: dict(v) for k, v in sorted(self.by_rule.items())},
        }

    def format(self, max_errors: int = 20) -> str:
        """A plain-text report: scores, the per-category error table, sample errors."""
        c = self.counts
        lines = [f"{self.n_docs} documents, {c.gold} gold TIMEX3, {c.pred} predicted, {self.seconds:.1f} s", ""]
        lines.append(f"{'':<10}{'precision':>10}{'recall':>10}{'F1':>8}")
        for name, hits in (("strict", c.strict), ("relaxed", c.relaxed), ("value", c.value)):
            p, r, f = self._prf(hits)
            lines.append(f"{name:<10}{p:>10.3f}{r:>10.3f}{f:>8.3f}")
        lines.append(f"type accuracy (over relaxed matches): {self.type_accuracy:.3f}")
        lines.append("")
        lines.append(f"{'category (gold value)':<22}{'gold':>6}{'found':>7}{'value ok':>9}{'missed':>8}{'wrong':>7}{'spurious':>10}")
        for cat in sorted(self.by_category, key=lambda k: -self.by_category[k]["gold"]):
            k = self.by_category[cat]
            lines.append(
                f"{cat:<22}{k['gold']:>6}{k['found']:>7}{k['value_ok']:>9}{k['missed']:>8}{k['wrong_value']:>7}{k['spurious']:>10}"
            )
        if max_errors and self.errors:
            lines.append("")
            lines.append(f"first {min(max_errors, len(self.errors))} of {len(self.errors)} errors:")
            for e in self.errors[:max_errors]:
                lines.append(
                    f"  {e['kind']:<11} {Path(e['doc']).name} dct={e['dct']} gold={e.get('gold_text')!r}:{e.get('gold_value')} "
                    f"pred={e.get('pred_text')!r}:{e.get('pred_value')}"
                )
        return "\n".join(lines)


def _match(golds: list[GoldTimex], preds: list[Any]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index) of overlapping spans, largest overlap first."""
    pairs = []
    for i, g in enumerate(golds):
        for j, p in enumerate(preds):
            ov = min(g.end, p.end) - max(g.start, p.start)
            if ov > 0:
                pairs.append((-ov, i, j))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def _files(path: str | Path) -> list[Path]:
    p = Path(path)
    if p.is_file():
        return [p]
    if not p.is_dir():
        raise CorpusError(f"{p}: no such file or directory")
    files = sorted(p.rglob("*.tml"))
    if not files:
        raise CorpusError(f"{p}: no .tml files found")
    return files


def evaluate(
    path: str | Path | Iterable[str | Path],
    *,
    mode: Mode = "news",
    nlp: Language | Literal[False] | None = None,
) -> EvalReport:
    """Tag every TimeML document under ``path`` with its DCT and score against the gold.

    Prints nothing; returns an :class:`EvalReport` (``format()`` renders it).
    """
    if isinstance(path, (str, Path)):
        files = _files(path)
    else:
        files = [f for p in path for f in _files(p)]
    report = EvalReport()
    t0 = time.perf_counter()
    c = report.counts
    for f in files:
        doc = read_timeml(f)
        dct = None
        if doc.dct:
            try:
                dct = parse_published(doc.dct)
            except Exception:
                log.warning("%s: unreadable DCT %r, tagging without it", f, doc.dct)
        golds = list(doc.timexes)
        preds = tag(doc.text, published=dct, nlp=nlp, mode=mode)
        report.n_docs += 1
        c.gold += len(golds)
        c.pred += len(preds)
        pairs = _match(golds, preds)
        matched_g = {i for i, _ in pairs}
        matched_p = {j for _, j in pairs}
        for i, j in pairs:
            g, p = golds[i], preds[j]
            cat = category_of(g.value, g.type)
            report.by_category[cat]["gold"] += 1
            report.by_category[cat]["found"] += 1
            c.relaxed += 1
            if (g.start, g.end) == (p.start, p.end):
                c.strict += 1
            else:
                report.by_rule[p.rule]["span_differs"] += 1
                report.errors.append(dict(kind="span", doc=str(f), dct=doc.dct, gold_text=g.text, gold_value=g.value, pred_text=p.text, pred_value=p.value, rule=p.rule))
            if g.type == p.type:
                c.type += 1
            if canonical_value(g.value) == canonical_value(p.value):
                c.value += 1
                report.by_rule[p.rule]["value_ok"] += 1
                report.by_category[cat]["value_ok"] += 1
            else:
                report.by_category[cat]["wrong_value"] += 1
                report.by_rule[p.rule]["wrong_value"] += 1
                report.errors.append(dict(kind="wrong", doc=str(f), dct=doc.dct, gold_text=g.text, gold_value=g.value, pred_text=p.text, pred_value=p.value, rule=p.rule, reason=p.reason))
        for i, g in enumerate(golds):
            if i not in matched_g:
                cat = category_of(g.value, g.type)
                report.by_category[cat]["gold"] += 1
                report.by_category[cat]["missed"] += 1
                ctx = doc.text[max(0, g.start - 40) : g.end + 40].replace("\n", " ")
                report.errors.append(dict(kind="missed", doc=str(f), dct=doc.dct, gold_text=g.text, gold_value=g.value, context=ctx))
        for j, p in enumerate(preds):
            if j not in matched_p:
                report.by_category[category_of(p.value, p.type)]["spurious"] += 1
                report.by_rule[p.rule]["spurious"] += 1
                ctx = doc.text[max(0, p.start - 40) : p.end + 40].replace("\n", " ")
                report.errors.append(dict(kind="spurious", doc=str(f), dct=doc.dct, pred_text=p.text, pred_value=p.value, rule=p.rule, context=ctx))
    report.seconds = time.perf_counter() - t0
    return report
