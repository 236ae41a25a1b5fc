"""Timeline summarization evaluation (`timeline eval-tls`, `timeline.evaluate_tls`): reading
Timeline17-style collections, the scorer (ROUGE, Porter, date alignment, averages) and the
command. The collections here are written by the tests; only the last tests read ../shared."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline import CorpusError, Event, Timeline, TimelineError
from timeline._tls import (
    PRF,
    TimelineScores,
    average_scores,
    detokenize,
    evaluate_tls,
    find_collections,
    porter_stem,
    read_collection,
    rouge_counts,
    rouge_tokens,
    score_predictions,
    score_timeline,
    tokenize,
)
from timeline.cli import main

D = date.fromisoformat


# --- ROUGE ------------------------------------------------------------------------------------------


def test_rouge_counts_unigrams_and_bigrams() -> None:
    # rebel, captur, tripoli, airport  vs  rebel, seiz, tripoli, airport, todai
    assert rouge_counts(["Rebels captured Tripoli airport."], ["Rebels seized Tripoli airport today."], 1) == (3, 4, 5)
    # (rebel captur) (captur tripoli) (tripoli airport)  vs  4 bigrams; only (tripoli airport) is shared
    assert rouge_counts(["Rebels captured Tripoli airport."], ["Rebels seized Tripoli airport today."], 2) == (1, 3, 4)


def test_rouge_hits_are_clipped_by_the_reference() -> None:
    # "pipeline" three times, the reference has it twice: 2 hits, not 3
    assert rouge_counts(["pipeline pipeline pipeline"], ["pipeline leak pipeline"], 1) == (2, 3, 3)
    # (pipelin pipelin) twice against (pipelin leak) and (leak pipelin): nothing shared
    assert rouge_counts(["pipeline pipeline pipeline"], ["pipeline leak pipeline"], 2) == (0, 2, 2)


def test_rouge_drops_stop_words_and_bigrams_skip_them() -> None:
    assert rouge_tokens(["The rig was on fire"]) == ("rig", "fire")
    # "rig fire" is a bigram of both once "was on" is gone
    assert rouge_counts(["The rig was on fire."], ["Rig fire!"], 2) == (1, 1, 1)


def test_rouge_normalizes_like_rouge_155() -> None:
    # case, punctuation, hyphens and non-ASCII letters become spaces; single letters are stop
    # words; words of three letters or fewer are not stemmed
    assert rouge_tokens(["U.S.-led RIGS' co-owner, café"]) == ("led", "rig", "co", "owner", "caf")
    # text after a "<" is lost (ROUGE-1.5.5 reads sentences out of HTML); "^" reads as "circ"
    assert rouge_tokens(["pipeline leak <b>ignored</b>"]) == ("pipelin", "leak")
    assert rouge_tokens(["pipe^line"]) == ("pipe", "circ", "line")


def test_rouge_bigrams_cross_sentences() -> None:
    assert rouge_counts(["Rig exploded.", "Fire spread."], ["exploded fire"], 2) == (1, 3, 1)


def test_irregular_forms_are_mapped_before_stemming() -> None:
    # WordNet's exceptions: "children" -> "child" (matches), "went" -> "go"
    assert rouge_counts(["children"], ["child"], 1) == (1, 1, 1)
    assert rouge_tokens(["went"]) == ("go",)


# --- Porter ------------------------------------------------------------------------------------------

PORTER = {
    # from Porter (1980), steps 1-5
    "caresses": "caress", "ponies": "poni", "ties": "ti", "caress": "caress", "cats": "cat",
    "feed": "feed", "agreed": "agre", "plastered": "plaster", "bled": "bled", "motoring": "motor",
    "sing": "sing", "conflated": "conflat", "troubled": "troubl", "sized": "size", "hopping": "hop",
    "tanned": "tan", "falling": "fall", "hissing": "hiss", "fizzed": "fizz", "failing": "fail",
    "filing": "file", "happy": "happi", "sky": "sky", "relational": "relat", "conditional": "condit",
    "rational": "ration", "valenci": "valenc", "hesitanci": "hesit", "digitizer": "digit",
    "conformabli": "conform", "radicalli": "radic", "differentli": "differ", "vileli": "vile",
    "analogousli": "analog", "vietnamization": "vietnam", "predication": "predic", "operator": "oper",
    "feudalism": "feudal", "decisiveness": "decis", "hopefulness": "hope", "callousness": "callous",
    "formaliti": "formal", "sensitiviti": "sensit", "sensibiliti": "sensibl", "triplicate": "triplic",
    "formative": "form", "formalize": "formal", "electriciti": "electr", "electrical": "electr",
    "hopeful": "hope", "goodness": "good", "revival": "reviv", "allowance": "allow", "inference": "infer",
    "airliner": "airlin", "gyroscopic": "gyroscop", "adjustable": "adjust", "defensible": "defens",
    "irritant": "irrit", "replacement": "replac", "adjustment": "adjust", "dependent": "depend",
    "adoption": "adopt", "homologou": "homolog", "communism": "commun", "activate": "activ",
    "angulariti": "angular", "homologous": "homolog", "effective": "effect", "bowdlerize": "bowdler",
    "probate": "probat", "rate": "rate", "cease": "ceas", "controll": "control", "roll": "roll",
    "generalizations": "gener", "oscillators": "oscil",
    # Porter's later versions: "logi" -> "log"; an initial y is a consonant
    "analogies": "analog", "yelling": "yell", "youth": "youth",
    # ROUGE-1.5.5's step 4: "ment" and "ent" are tried again after another suffix
    "agreement": "agreem", "governmental": "govern", "government": "govern",
}  # fmt: skip


@pytest.mark.parametrize(("word", "stem"), sorted(PORTER.items()))
def test_porter_stem(word: str, stem: str) -> None:
    assert porter_stem(word) == stem


def test_porter_leaves_short_words() -> None:
    assert [porter_stem(w) for w in ("is", "as", "a")] == ["is", "as", "a"]


# --- tokenizing predictions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("BP's well, the U.S. said, isn't sealed.", "BP 's well , the U.S. said , is n't sealed ."),
        ('He said "no" (again).', "He said `` no '' ( again ) ."),
        ("It cost $5,000...", "It cost $5,000 ..."),
        ("BP 's well , he said .", "BP 's well , he said ."),  # Penn-tokenized text stays as it is
    ],
)
def test_tokenize(text: str, tokens: str) -> None:
    assert tokenize(text) == tokens


def test_detokenize() -> None:
    assert detokenize("BP -LRB- London -RRB- said it could n't `` stop '' the leak .") == 'BP (London) said it couldn\'t "stop" the leak.'


# --- one timeline's scores ---------------------------------------------------------------------------


def test_same_day_aligns_and_a_day_off_counts_half() -> None:
    gold = {"2010-04-20": ["Rig explodes ."], "2010-04-22": ["Rig sinks ."]}
    s = score_timeline({"2010-04-20": ["Rig explodes."], "2010-04-23": ["Rig sinks."]}, gold)
    assert (s.date.p, s.date.r) == (0.5, 0.5)
    # precision: the 20th matches itself (2 hits), the 23rd the 22nd, one day off (2 hits x 1/2)
    assert s.ar1.p == pytest.approx(3 / 4) and s.ar1.r == pytest.approx(3 / 4)
    # bigrams: (rig explod) on the 20th, (rig sink) at half weight
    assert s.ar2.p == pytest.approx(1.5 / 2) and s.ar2.r == pytest.approx(1.5 / 2)
    # concat ignores dates: everything matches
    assert (s.concat_r1.f, s.concat_r2.f) == (1.0, 1.0)


def test_content_decides_the_alignment_over_distance() -> None:
    """A predicted date 4 days after one gold date and 6 before another aligns to the one whose
    summary it shares words with; the weight is then 1/7."""
    gold = {"2010-04-20": ["Rig explodes ."], "2010-04-30": ["Leak capped ."]}
    s = score_timeline({"2010-04-24": ["Leak capped."]}, gold)
    assert s.date.f == 0.0
    assert s.ar1.p == pytest.approx((2 / 7) / 2)  # leak, cap: 2 hits x 1/7 over 2 predicted words
    # recall: the 20th aligns to the only prediction (0 hits), the 30th too (2 x 1/7), over 4 words
    assert s.ar1.r == pytest.approx((2 / 7) / 4)
    assert (s.ar2.p, s.ar2.r) == (pytest.approx(1 / 7), pytest.approx(1 / 14))
    assert (s.concat_r1.p, s.concat_r1.r) == (1.0, 0.5)


def test_many_to_one_alignment_and_ties_go_to_the_earliest() -> None:
    gold = {"2010-04-20": ["Rig explodes ."]}
    s = score_timeline({"2010-04-20": ["Rig explodes."], "2010-04-21": ["Rig explodes."]}, gold)
    # both predicted dates align to the one gold date: 2 hits at weight 1, 2 at weight 1/2
    assert s.ar1.p == pytest.approx(3 / 4)
    # the gold date's two candidates both cost 0 (same day; same words): the earlier wins
    assert s.ar1.r == 1.0
    assert (s.date.p, s.date.r) == (0.5, 1.0)


def test_empty_prediction_scores_zero() -> None:
    s = score_timeline({}, {"2010-04-20": ["Rig explodes ."]})
    assert all(getattr(s, m) == PRF(0.0, 0.0) for m in ("date", "ar1", "ar2", "concat_r1", "concat_r2"))


def test_prediction_forms() -> None:
    gold = {"2010-04-20": ["Rig explodes ."]}
    as_pairs = score_timeline([["2010-04-20T09:00", "Rig explodes."], ["2010-04-25", ["x"]], ["2010-04-25", ["Rig explodes."]]], gold)
    as_dict = score_timeline({date(2010, 4, 20): ["Rig explodes."], "2010-04-25": ["Rig explodes."]}, gold)
    assert as_pairs == as_dict  # a date given twice keeps the last; a lone string is one sentence
    assert as_pairs.date.p == 0.5
    with pytest.raises(TimelineError, match="'April 20' is not a YYYY-MM-DD date"):
        score_timeline({"April 20": ["x"]}, gold)


def test_perfect_prediction() -> None:
    gold = {"2010-04-20": ["Rig explodes , killing 11 ."], "2010-07-15": ["The leak is capped ."]}
    s = score_timeline({"2010-04-20": ["Rig explodes, killing 11."], "2010-07-15": ["The leak is capped."]}, gold)
    assert all(getattr(s, m).f == 1.0 for m in ("date", "ar1", "ar2", "concat_r1", "concat_r2"))


# --- averages ----------------------------------------------------------------------------------------


def test_average_is_f_of_mean_precision_and_mean_recall() -> None:
    a = TimelineScores(*[PRF(0.2, 0.6)] * 5)
    b = TimelineScores(*[PRF(0.4, 0.0)] * 5)
    avg = average_scores([a, b]).ar1
    assert (avg.p, avg.r) == (pytest.approx(0.3), pytest.approx(0.3))
    assert avg.f == pytest.approx(0.3)  # the mean of the F1s would be (0.3 + 0) / 2
    assert average_scores([]).date.f == 0.0


# --- reading collections -----------------------------------------------------------------------------

ARTICLES = {
    # Penn-tokenized, one sentence per line, as Timeline17 stores them (sentences of the tests')
    "2024-03-01/2.txt": "The ferry workers ' union called a strike on Friday .\nTalks with the operator broke down on Thursday .\n",
    "2024-03-01/10.txt": "Commuters braced for delays -LRB- again -RRB- .\n",
    "2024-03-02/1.txt": "The strike began at dawn on Saturday , halting `` all '' crossings .\nThe operator said it was n't consulted .\n",
    "2024-03-04/7.txt": "A court ordered the strikers back to work on Monday .\n",
    "2024-03-05/3.txt": "Ferries resumed sailing on Tuesday on the island routes .\n",
}
GOLD = [
    # a date given twice: the last entry wins; dates may carry a time
    [["2024-03-01", ["Old entry ."]], ["2024-03-02T00:00:00", ["The strike began at dawn , halting all crossings ."]],
     ["2024-03-01", ["The union called a strike .", "Talks broke down ."]]],
    [],  # an empty timeline is skipped (and takes no index)
    [["2024-03-04", ["A court ordered the strikers back to work on Monday ."]], ["2024-03-05", ["Ferries resumed sailing on Tuesday ."]]],
]  # fmt: skip


def write_collection(root: Path, name: str = "ferry_strike", keywords: object = ("ferry", "strike")) -> Path:
    c = root / name
    for rel, text in ARTICLES.items():
        f = c / "InputDocs" / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(text, encoding="utf-8")
    (c / "InputDocs" / ".DS_Store").write_bytes(b"\0")  # hidden files are ignored
    lines = [json.dumps(t) for t in GOLD]
    (c / "timelines.jsonl").write_text("\n".join(lines[:1] + [""] + lines[1:]) + "\n", encoding="utf-8")
    if keywords is not None:
        (c / "keywords.json").write_text(json.dumps(list(keywords) if isinstance(keywords, tuple) else keywords), encoding="utf-8")
    return c


def test_read_collection(tmp_path: Path) -> None:
    c = read_collection(write_collection(tmp_path))
    assert c.name == "ferry_strike" and c.keywords == ("ferry", "strike")
    assert [g.key for g in c.timelines] == ["ferry_strike/0", "ferry_strike/1"]
    first, second = c.timelines
    assert first.dates == [D("2024-03-01"), D("2024-03-02")]
    assert first.summaries[D("2024-03-01")] == ("The union called a strike .", "Talks broke down .")
    assert (first.start, first.end, first.l, first.k) == (D("2024-03-01"), D("2024-03-02"), 2, 2)  # mean 1.5 -> 2
    assert (second.l, second.k) == (2, 1)
    docs = c.documents()
    assert [d.id for d in docs] == ["2024-03-01/2.txt", "2024-03-01/10.txt", "2024-03-02/1.txt", "2024-03-04/7.txt", "2024-03-05/3.txt"]
    assert docs[0].published == datetime(2024, 3, 1)
    assert docs[0].text == "The ferry workers' union called a strike on Friday.\nTalks with the operator broke down on Thursday."
    assert docs[2].text == 'The strike began at dawn on Saturday, halting "all" crossings.\nThe operator said it wasn\'t consulted.'


def test_k_rounds_half_to_even(tmp_path: Path) -> None:
    c = write_collection(tmp_path)
    (c / "timelines.jsonl").write_text(json.dumps([["2024-03-01", ["a", "b", "c"]], ["2024-03-02", ["d", "e", "f", "g", "h"]]]) + "\n")
    assert read_collection(c).timelines[0].k == 4  # 8 / 2 = 4
    (c / "timelines.jsonl").write_text(json.dumps([["2024-03-01", ["a", "b"]], ["2024-03-02", ["c", "d", "e"]]]) + "\n")
    assert read_collection(c).timelines[0].k == 2  # 2.5 rounds to 2, as Python's round


def test_find_collections(tmp_path: Path) -> None:
    a = write_collection(tmp_path, "b_second")
    b = write_collection(tmp_path, "a_first")
    (tmp_path / "notes").mkdir()  # not a collection: ignored
    (tmp_path / "README.txt").write_text("x")
    assert find_collections(tmp_path) == [b, a]
    assert find_collections(a) == [a]


def test_keywords_are_optional(tmp_path: Path) -> None:
    assert read_collection(write_collection(tmp_path, keywords=None)).keywords is None
    assert read_collection(write_collection(tmp_path, "one", keywords="H1N1")).keywords == ("H1N1",)


def _layout_error(tmp_path: Path, change: Any) -> str:
    c = write_collection(tmp_path)
    change(c)
    with pytest.raises(CorpusError) as e:
        read_collection(find_collections(c)[0])
    return str(e.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda c: (c / "InputDocs" / "March 6").mkdir(), r"March 6: folder name is not a publication date YYYY-MM-DD"),
        (lambda c: (c / "InputDocs" / "2024-02-30").mkdir(), r"2024-02-30: folder name is not a publication date"),
        (lambda c: (c / "InputDocs" / "stray.txt").write_text("x"), r"stray.txt: a file directly in InputDocs/"),
        (lambda c: (c / "timelines.jsonl").unlink(), r"timelines.jsonl: no such file"),
        (lambda c: (c / "timelines.jsonl").write_text('[["2024-03-01", ["a"]]]\n{oops\n'), r"timelines.jsonl:2: not valid JSON"),
        (lambda c: (c / "timelines.jsonl").write_text('[["March 1", ["a"]]]\n'), r"timelines.jsonl:1: entry 0: 'March 1' is not a YYYY-MM-DD date"),
        (lambda c: (c / "timelines.jsonl").write_text('[["2024-03-01", "a"]]\n'), r"timelines.jsonl:1: entry 0 is not \[date, \[sentences\]\]"),
        (lambda c: (c / "timelines.jsonl").write_text("\n[]\n"), r"timelines.jsonl: no gold timeline in it"),
        (lambda c: (c / "keywords.json").write_text('{"q": 1}'), r"keywords.json: must be a list of query terms"),
    ],
)
def test_bad_layouts(tmp_path: Path, change: Any, message: str) -> None:
    assert re.search(message, _layout_error(tmp_path, change))


def test_no_input_docs_and_no_articles(tmp_path: Path) -> None:
    c = tmp_path / "empty"
    (c / "InputDocs" / "2024-03-01").mkdir(parents=True)
    (c / "timelines.jsonl").write_text('[["2024-03-01", ["a"]]]\n')
    with pytest.raises(CorpusError, match=r"InputDocs: no articles"):
        read_collection(c)
    (c / "InputDocs" / "2024-03-01").rmdir()
    (c / "InputDocs").rmdir()
    with pytest.raises(CorpusError, match=r"empty: no InputDocs/ folder"):
        read_collection(c)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "absent", r"absent: no such directory"),
        (lambda p: (p / "f.txt").write_text("x") and p / "f.txt", r"f.txt: not a directory"),
        (lambda p: p, r"not a Timeline17 collection \(no InputDocs/ folder or timelines.jsonl\) and holds none"),
    ],
)
def test_not_a_collection(tmp_path: Path, make: Any, message: str) -> None:
    with pytest.raises(CorpusError, match=message):
        find_collections(make(tmp_path))


# --- the evaluation, with a fast stand-in for build and summarize ----------------------------------


def _fake_build(documents: Any, **options: Any) -> Timeline:
    """One event per document: its first sentence, on its publication day."""
    docs = list(documents)
    events = []
    for d in docs:
        day = d.published
        first = d.text.split("\n")[0]
        events.append(Event(day.date().isoformat(), day, day + timedelta(days=1), "day", first, "x", (), "happened", (d.id,), ()))
    _fake_build.calls += 1  # type: ignore[attr-defined]
    return Timeline(sorted(events, key=lambda e: e.value), docs)


def _fake_summarize(self: Timeline, *, dates: int | None = None, per_date: int = 1, query: Any = None) -> Timeline:
    """The ``dates`` days with most events (ties: earlier), ``per_date`` event texts each."""
    _fake_summarize.calls.append((dates, per_date, query, [e.value for e in self]))  # type: ignore[attr-defined]
    assert all(d.text for d in self.documents), "summarize needs the article texts"
    by_day: dict[str, list[Event]] = defaultdict(list)
    for e in self:
        by_day[e.value].append(e)
    days = sorted(by_day, key=lambda d: (-len(by_day[d]), d))[:dates]
    return Timeline([e for d in sorted(days) for e in by_day[d][:per_date]], self.documents)


@pytest.fixture()
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    import timeline._build

    _fake_build.calls = 0  # type: ignore[attr-defined]
    _fake_summarize.calls = []  # type: ignore[attr-defined]
    monkeypatch.setattr(timeline._build, "build", _fake_build)
    monkeypatch.setattr(Timeline, "summarize", _fake_summarize)


def test_evaluate_tls_follows_the_protocol(tmp_path: Path, fake: None) -> None:
    report = evaluate_tls(write_collection(tmp_path))
    calls = _fake_summarize.calls  # type: ignore[attr-defined]
    # per gold timeline: l dates, k sentences, the keywords; only the events in its range
    assert [c[:3] for c in calls] == [(2, 2, ["ferry", "strike"]), (2, 1, ["ferry", "strike"])]
    assert calls[0][3] == ["2024-03-01", "2024-03-01", "2024-03-02"]
    assert calls[1][3] == ["2024-03-04", "2024-03-05"]
    assert _fake_build.calls == 1  # type: ignore[attr-defined]  # once per collection
    first, second = report.rows
    assert (first.key, first.l, first.k) == ("ferry_strike/0", 2, 2)
    assert list(first.predicted) == [D("2024-03-01"), D("2024-03-02")]
    assert first.predicted[D("2024-03-01")] == ("The ferry workers' union called a strike on Friday.", "Commuters braced for delays (again).")
    assert first.scores.date.f == 1.0
    # court order striker back work mondai: all 6; ferri resum sail tuesdai island rout: 4 of 6
    assert second.scores.date.f == 1.0
    assert (second.scores.ar1.p, second.scores.ar1.r) == (pytest.approx(10 / 12), pytest.approx(1.0))
    assert report.average.date.f == 1.0
    assert report.collections[0].documents == 5 and report.collections[0].query == ("ferry", "strike")
    assert "2 timelines of 1 collection; Date-F1 1.000" in repr(report)
    data = report.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["timelines"][0]["predicted"][1] == ["2024-03-02", ["The strike began at dawn on Saturday, halting \"all\" crossings."]]


def test_query_overrides_keywords(tmp_path: Path, fake: None) -> None:
    evaluate_tls(write_collection(tmp_path), query="ferry walkout")
    assert {c[2] for c in _fake_summarize.calls} == {"ferry walkout"}  # type: ignore[attr-defined]


def test_a_query_no_article_mentions_is_warned(tmp_path: Path, fake: None, caplog: pytest.LogCaptureFixture) -> None:
    evaluate_tls(write_collection(tmp_path, keywords=["ferrystrike"]))
    assert "ferry_strike: no article mentions its keywords.json query 'ferrystrike'" in caplog.text


def test_cache_skips_the_build(tmp_path: Path, fake: None) -> None:
    c = write_collection(tmp_path / "corpus")
    cache = tmp_path / "cache"
    one = evaluate_tls(c, cache=cache)
    files = list(cache.iterdir())
    assert len(files) == 1 and re.fullmatch(rf"ferry_strike-{re.escape(timeline.__version__)}-[0-9a-f]{{16}}\.json", files[0].name)
    two = evaluate_tls(c, cache=cache)
    assert _fake_build.calls == 1  # type: ignore[attr-defined]
    assert two.collections[0].cached and not one.collections[0].cached
    assert [r.scores for r in two.rows] == [r.scores for r in one.rows]
    # another article: another key
    (c / "InputDocs" / "2024-03-05" / "4.txt").write_text("Ferries ran late .\n")
    evaluate_tls(c, cache=cache)
    assert _fake_build.calls == 2 and len(list(cache.iterdir())) == 2  # type: ignore[attr-defined]


def test_a_broken_cache_file_is_rebuilt(tmp_path: Path, fake: None, caplog: pytest.LogCaptureFixture) -> None:
    c = write_collection(tmp_path / "corpus")
    cache = tmp_path / "cache"
    evaluate_tls(c, cache=cache)
    next(cache.iterdir()).write_text("{not json")
    evaluate_tls(c, cache=cache)
    assert _fake_build.calls == 2 and "ignoring the cached timeline" in caplog.text  # type: ignore[attr-defined]


def test_bad_arguments(tmp_path: Path) -> None:
    c = write_collection(tmp_path)
    with pytest.raises(ValueError, match="n_process"):
        evaluate_tls(c, n_process=0)
    with pytest.raises(TypeError, match="query"):
        evaluate_tls(c, query=5)  # type: ignore[arg-type]
    (tmp_path / "file").write_text("x")
    with pytest.raises(TimelineError, match="the cache must be a directory"):
        evaluate_tls(c, cache=tmp_path / "file")


def test_score_predictions(tmp_path: Path) -> None:
    write_collection(tmp_path)
    preds = {"ferry_strike/0": [["2024-03-01", ["The union called a strike.", "Talks broke down."]]]}
    scores = score_predictions(preds, tmp_path)
    assert scores["ferry_strike/0"].date == PRF(1.0, 0.5)
    assert scores["ferry_strike/1"].date == PRF(0.0, 0.0)  # missing: scored 0
    with pytest.raises(TimelineError, match="unknown timelines: other/0"):
        score_predictions({"other/0": []}, tmp_path)


# --- the command ---------------------------------------------------------------------------------


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_table(capsys: Any, tmp_path: Path, fake: None) -> None:
    write_collection(tmp_path / "corpus", "a_strike")
    write_collection(tmp_path / "corpus", "b_strike")
    code, out, err = run(capsys, "eval-tls", str(tmp_path / "corpus"), "--no-progress")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["timeline", "l", "k", "Date-F1", "AR1-F", "AR2-F", "R1-F", "R2-F", "seconds"]
    assert [line.split()[0] for line in lines[1:6]] == ["a_strike/0", "a_strike/1", "b_strike/0", "b_strike/1", "average"]
    assert lines[1].split()[1:4] == ["2", "2", "1.000"]
    assert re.fullmatch(r"timelines=4 date_F1=1\.000 AR1_F=0\.\d{3} AR2_F=0\.\d{3}", lines[-1])


def test_cli_json_query_and_cache(capsys: Any, tmp_path: Path, fake: None) -> None:
    c = write_collection(tmp_path)
    argv = ["eval-tls", str(c), "--json", "--query", "ferry", "--cache", str(tmp_path / "cache"), "--no-progress"]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    data = json.loads(out)
    assert [t["timeline"] for t in data["timelines"]] == ["ferry_strike/0", "ferry_strike/1"]
    assert data["collections"][0]["query"] == "ferry" and data["collections"][0]["cached"] is False
    assert set(data["average"]) == {"date", "ar1", "ar2", "concat_r1", "concat_r2"}
    code, out, _ = run(capsys, *argv)
    assert json.loads(out)["collections"][0]["cached"] is True


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["eval-tls", "{tmp}/absent"], r"absent: no such directory"),
        (["eval-tls", "{tmp}"], r"not a Timeline17 collection"),
        (["eval-tls", "{tmp}", "--n-process", "0"], r"--n-process must be at least 1 \(or -1 for one per CPU\), not 0"),
    ],
)
def test_cli_errors(capsys: Any, tmp_path: Path, argv: list[str], message: str) -> None:
    code, out, err = run(capsys, *[a.format(tmp=tmp_path) for a in argv])
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("timeline: error: ")
    assert re.search(message, err)


def test_cli_bad_layout_names_the_file(capsys: Any, tmp_path: Path) -> None:
    c = write_collection(tmp_path)
    (c / "timelines.jsonl").write_text("{oops\n")
    code, _, err = run(capsys, "eval-tls", str(c))
    assert code == 2 and "timelines.jsonl:1: not valid JSON" in err


# --- with the real build and summarize ----------------------------------------------------------


def test_real_build_and_summarize_with_cache(tmp_path: Path, nlp: Any) -> None:
    if not hasattr(Timeline, "summarize"):
        pytest.skip("Timeline.summarize is not there yet")
    c = write_collection(tmp_path / "corpus")
    fresh = evaluate_tls(c, cache=tmp_path / "cache")
    cached = evaluate_tls(c, cache=tmp_path / "cache")
    assert cached.collections[0].cached
    # the cached timeline (its JSON has no article texts; they are put back) summarizes the same
    assert [r.predicted for r in cached.rows] == [r.predicted for r in fresh.rows]
    assert any(r.predicted for r in fresh.rows)
    for row, gold in zip(fresh.rows, read_collection(c).timelines):
        assert len(row.predicted) <= row.l and all(len(s) <= row.k for s in row.predicted.values())
        assert all(gold.start <= d <= gold.end for d in row.predicted)
        assert all(0.0 <= getattr(row.scores, m).f <= 1.0 for m in ("date", "ar1", "ar2", "concat_r1", "concat_r2"))


# --- the development collections (../shared) ------------------------------------------------------


def _pubcount(collection: Any) -> dict[str, list[list[object]]]:
    """The shared scorer's pubcount baseline: the l days in range with most articles (ties:
    earlier), each with the first k sentences of that day's articles."""
    by_day: dict[date, list[list[str]]] = defaultdict(list)
    for day, f in collection.files:
        by_day[D(day)].append([s.strip() for s in f.read_text(encoding="utf-8", errors="replace").splitlines() if s.strip()])
    out = {}
    for g in collection.timelines:
        counts = Counter({d: len(a) for d, a in by_day.items() if g.start <= d <= g.end})
        days = sorted(counts, key=lambda d: (-counts[d], d))[: g.l]
        out[g.key] = [[d.isoformat(), [s for a in by_day[d] for s in a][: g.k]] for d in sorted(days)]
    return out


def test_dev_collections_agree_with_rouge_155(shared_dir: Path) -> None:
    """The pubcount baseline's scores, against those of the shared scorer with the original
    ROUGE-1.5.5 (tls_score.py predictions ... --split dev, recorded): within 0.01 on average."""
    dev = shared_dir / "corpora" / "timeline17-dev"
    if not dev.is_dir():
        pytest.skip(f"{dev} is not available")
    collections = [read_collection(c) for c in find_collections(dev)]
    assert [c.name for c in collections][:3] == ["H1N1_bbc", "H1N1_guardian", "H1N1_reuters"]
    lk = {g.key: (g.l, g.k) for c in collections for g in c.timelines}
    assert lk["H1N1_bbc/0"] == (7, 5) and lk["bpoil_guardian/0"] == (102, 3)  # as tls_score.py reads them
    preds: dict[str, Any] = {}
    for c in collections:
        preds.update(_pubcount(c))
    avg = average_scores(list(score_predictions(preds, dev).values()))
    assert avg.date.f == pytest.approx(0.5910, abs=5e-5)
    assert avg.ar1.f == pytest.approx(0.1059, abs=0.01)
    assert avg.ar2.f == pytest.approx(0.0278, abs=0.01)
    assert avg.concat_r1.f == pytest.approx(0.3328, abs=0.01)
