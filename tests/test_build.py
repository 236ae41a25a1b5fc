"""build() and iter_document_events(): argument checks, batching, and a real chronology."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from timeline_tests_helpers import DATED, ODD_TEXTS, RecordingNlp, assert_offsets, megabytes_of_text

import timeline
from timeline import Document, Event, EventMention, Timeline

REPO = Path(__file__).resolve().parent.parent
MANIFEST = REPO / "examples" / "articles" / "manifest.jsonl"
PUB = "2023-09-12"

DOCS = [
    Document("The strike began on Tuesday. The judge ruled on Friday.", published="2024-03-02", id="a"),
    Document("Members will vote next week.", published="2024-03-02", id="b"),
]


# --- plumbing, with stand-ins for extraction and merging -----------------------------------------


@pytest.fixture()
def fakes(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Replace extract_events/merge_events by simple stand-ins and record their calls."""
    calls: dict[str, Any] = {"extract": [], "merge": []}

    def extract(document: Document, parsed: list[tuple[int, Any]], timexes: list[timeline.Timex]) -> list[Event]:
        calls["extract"].append((document, parsed, timexes))
        return [
            Event(
                value=t.value,
                start=t.interval[0] if t.interval else None,
                end=t.interval[1] if t.interval else None,
                granularity=t.granularity,
                text=t.text,
                predicate="",
                actors=(),
                status="happened",
                sources=(document.id,),
                mentions=(EventMention(doc=document.id, sentence="", timex=t.text, start=t.start, end=t.end, value=t.value, text=t.text, status="happened"),),
            )
            for t in timexes
            if t.type in ("DATE", "TIME")
        ]

    def merge(events: list[Event], documents: list[Document]) -> list[Event]:
        calls["merge"].append((list(events), list(documents)))
        return sorted(events, key=lambda e: (e.start is None, e.start or datetime.min))

    monkeypatch.setattr("timeline._extract.extract_events", extract)
    monkeypatch.setattr("timeline._merge.merge_events", merge)
    return calls


class CountingNlp:
    """Delegates to a real pipeline (without changing it), counting ``pipe`` calls."""

    def __init__(self, nlp: Any, max_length: int | None = None) -> None:
        self._nlp = nlp
        self.max_length = max_length or nlp.max_length
        self.pipe_names = nlp.pipe_names
        self.pipe_calls: list[dict[str, Any]] = []

    def pipe(self, texts: Any, **kwargs: Any) -> Iterator[Any]:
        self.pipe_calls.append(kwargs)
        return self._nlp.pipe(texts, **kwargs)


def test_build_plumbing(fakes: dict[str, Any], nlp: Any) -> None:
    counting = CountingNlp(nlp)
    t = timeline.build(iter(DOCS), nlp=counting, batch_size=4)  # type: ignore[arg-type]
    assert isinstance(t, Timeline) and t.documents == tuple(DOCS)
    assert len(counting.pipe_calls) == 1  # the dated sentences of up to 4 documents at once
    assert "n_process" not in counting.pipe_calls[0]  # processes take whole documents (_workers)
    assert [c[0].id for c in fakes["extract"]] == ["a", "b"]
    for document, parsed, timexes in fakes["extract"]:
        assert [off for off, _ in parsed] == [0] and parsed[0][1].text == document.text
        assert timexes == timeline.tag(document.text, published=document.published, nlp=nlp)
    [(events, documents)] = fakes["merge"]
    assert documents == DOCS and len(events) == 3
    assert [e.value for e in t] == ["2024-02-27", "2024-03-01", "2024-W10"]


def test_batch_size_is_documents_parsed_together(fakes: dict[str, Any], nlp: Any) -> None:
    counting = CountingNlp(nlp)
    timeline.build(DOCS, nlp=counting, batch_size=1)  # type: ignore[arg-type]
    assert len(counting.pipe_calls) == len(DOCS)


def test_only_the_sentences_of_dates_are_parsed(fakes: dict[str, Any], nlp: Any) -> None:
    text = (
        "Heavy rain fell across the region. The council met on Monday to discuss the floods.\n"
        "Residents were angry. Nobody knew what to do.\n\n"
        "Repairs will start next week. The mayor was not available."
    )
    docs = [Document(text, published="2024-03-06", id="a"), Document("Nothing is dated here.", published="2024-03-06", id="b")]
    timeline.build(docs, nlp=CountingNlp(nlp))  # type: ignore[arg-type]
    by_id = {c[0].id: c for c in fakes["extract"]}
    _, parsed, timexes = by_id["a"]
    assert [doc.text for _, doc in parsed] == ["The council met on Monday to discuss the floods.", "Repairs will start next week."]
    assert all(text[off : off + len(doc.text)] == doc.text for off, doc in parsed)
    assert [t.value for t in timexes] == ["2024-03-04", "2024-W11"]
    assert by_id["b"][1] == []  # nothing dated: nothing parsed


def test_long_documents_are_cut_and_regrouped(fakes: dict[str, Any], nlp: Any) -> None:
    paragraph = "The council met on Monday. Officials said the plan would be published next week.\n\n"
    long_doc = Document(paragraph * 40, published="2023-09-12", id="long")  # ~3.4k characters
    docs = [DOCS[0], long_doc, DOCS[1]]
    counting = CountingNlp(nlp, max_length=1000)
    timeline.build(docs, nlp=counting)  # type: ignore[arg-type]
    assert len(counting.pipe_calls) == 1
    by_id = {c[0].id: c for c in fakes["extract"]}
    assert list(by_id) == ["a", "long", "b"]
    _, parsed, timexes = by_id["long"]
    assert len(parsed) >= 4
    for off, doc in parsed:
        assert len(doc.text) <= 1000 and long_doc.text[off : off + len(doc.text)] == doc.text
    # pieces are in order, do not overlap, and together cover every non-blank character
    # (blank lines between paragraphs are the only gaps): every sentence is dated
    ends = [off + len(doc.text) for off, doc in parsed]
    assert all(e <= o for e, (o, _) in zip(ends, parsed[1:]))
    covered = "".join(long_doc.text[e:o] for e, (o, _) in zip([0, *ends], [*parsed, (len(long_doc.text), None)]))
    assert covered.strip() == ""
    assert len(timexes) == 80 and all(long_doc.text[t.start : t.end] == t.text for t in timexes)
    assert [t.value for t in timexes[:2]] == ["2023-09-11", "2023-W38"]


def test_iter_document_events_streams(fakes: dict[str, Any], nlp: Any) -> None:
    seen: list[str] = []

    def documents() -> Iterator[Document]:
        for d in DOCS:
            seen.append(d.id)
            yield d

    stream = timeline.iter_document_events(documents(), nlp=nlp)
    assert seen == []  # lazy
    out = list(stream)
    assert [d.id for d, _ in out] == ["a", "b"]
    assert [len(events) for _, events in out] == [2, 1]
    assert fakes["merge"] == []  # not merged


def test_progress_without_tqdm(fakes: dict[str, Any], nlp: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "tqdm", None)
    with caplog.at_level(logging.INFO, logger="timeline"):
        timeline.build(DOCS, nlp=nlp, progress=True)
    assert any("1/2 documents" in r.getMessage() for r in caplog.records)
    assert any("2/2 documents" in r.getMessage() for r in caplog.records)


def test_progress_with_tqdm(fakes: dict[str, Any], nlp: Any, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    assert len(timeline.build(DOCS, nlp=nlp, progress=True)) == 3
    err = capsys.readouterr().err
    assert "timeline" in err and "/2 " in err  # a bar on stderr (tqdm rate-limits its updates)


def test_empty_input(fakes: dict[str, Any], nlp: Any) -> None:
    t = timeline.build([], nlp=nlp)
    assert len(t) == 0 and t.documents == ()


@pytest.mark.parametrize(
    ("documents", "match"),
    [
        ("some text", "iterable of timeline.Document"),
        (DOCS[0], "iterable of timeline.Document"),
        (42, "iterable of timeline.Document"),
        ([DOCS[0], "The judge ruled on Friday."], "item 1 is a str: 'The judge ruled on Friday.'"),
        ([{"id": "a"}], "item 0 is a dict"),
    ],
)
def test_bad_documents(documents: Any, match: str) -> None:
    with pytest.raises(TypeError, match=match):
        timeline.build(documents, nlp=False)  # checked before nlp


def test_duplicate_ids() -> None:
    dup = Document("Another text.", published="2024-03-02", id="a")
    with pytest.raises(timeline.DocumentError, match="duplicate document id 'a'"):
        timeline.build([DOCS[0], DOCS[1], dup])
    with pytest.raises(timeline.DocumentError, match="'a'"):
        list(timeline.iter_document_events([DOCS[0], dup], nlp=None))


SYNDICATED = "Harbour pilots walked out on Monday. The port authority said talks would resume on Thursday."


def test_syndicated_copies_are_two_documents(nlp: Any) -> None:
    """The same text from two outlets, or from one outlet on two days, without ids of their own."""
    two_outlets = [
        Document(SYNDICATED, published="2024-05-14", url="https://one.example/pilots"),
        Document(SYNDICATED, published="2024-05-14", url="https://two.example/pilots"),
    ]
    two_days = [Document(SYNDICATED, published="2024-05-14"), Document(SYNDICATED, published="2024-05-15")]
    for docs in (two_outlets, two_days):
        chronology = timeline.build(docs, nlp=nlp)
        assert len({d.id for d in chronology.documents}) == 2
        assert {s for e in chronology for s in e.sources} == {d.id for d in docs}


def test_exact_copies_get_suffixed_ids_whatever_the_order(nlp: Any) -> None:
    copy = Document(SYNDICATED, published="2024-05-14")
    other = Document("The strike ended on Friday.", published="2024-05-18")
    first = timeline.build([copy, other, copy], nlp=nlp)
    assert sorted(d.id for d in first.documents) == sorted([copy.id, f"{copy.id}-2", other.id])
    assert any(set(e.sources) == {copy.id, f"{copy.id}-2"} for e in first)
    for order in ([copy, copy, other], [other, copy, copy]):
        assert timeline.build(order, nlp=nlp).to_json() == first.to_json()


def test_file_names_that_collide_are_suffixed_independently_of_order(tmp_path: Path, nlp: Any) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "story.txt").write_text("Harbour pilots walked out on Monday.", encoding="utf-8")
    (tmp_path / "two" / "story.txt").write_text("The port reopened on Friday.", encoding="utf-8")
    docs = [Document.from_file(tmp_path / d / "story.txt", published="2024-05-18") for d in ("one", "two")]
    built = timeline.build(docs, nlp=nlp)
    assert sorted(d.id for d in built.documents) == ["story", "story-2"]
    assert timeline.build(docs[::-1], nlp=nlp).to_json() == built.to_json()


def test_explicit_ids_are_kept_and_default_ids_make_way(nlp: Any) -> None:
    default = Document("The port reopened on Friday.", published="2024-05-18")
    chosen = Document("Harbour pilots walked out on Monday.", published="2024-05-18", id=default.id)
    built = timeline.build([default, chosen], nlp=nlp)
    assert {d.id: d.text for d in built.documents} == {default.id: chosen.text, f"{default.id}-2": default.text}
    # a stream cannot rename what it already gave out: the explicit id, second, is an error
    with pytest.raises(timeline.DocumentError, match="default id of an earlier document"):
        list(timeline.iter_document_events([default, chosen], nlp=nlp))


def test_streams_suffix_in_input_order_and_merge_agrees(nlp: Any) -> None:
    copy = Document(SYNDICATED, published="2024-05-14")
    docs = [copy, copy]
    ids = [d.id for d, _ in timeline.iter_document_events(docs, nlp=nlp)]
    assert ids == [copy.id, f"{copy.id}-2"]
    merged = timeline.merge(timeline.iter_events(docs, nlp=nlp), documents=docs)
    assert merged.to_json() == timeline.build(docs, nlp=nlp).to_json()


def test_bad_nlp_and_options(nlp: Any) -> None:
    with pytest.raises(ValueError, match="events need a spaCy parse"):
        timeline.build(DOCS, nlp=False)  # type: ignore[arg-type]
    for bad in ("en_core_web_sm", True, 1, object()):
        with pytest.raises(TypeError, match="nlp"):
            timeline.build(DOCS, nlp=bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="batch_size"):
        timeline.build(DOCS, nlp=nlp, batch_size=0)
    with pytest.raises(TypeError, match="n_process"):
        timeline.build(DOCS, nlp=nlp, n_process="2")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="n_process"):
        timeline.build(DOCS, nlp=nlp, n_process=0)


# --- the real thing: the example articles ----------------------------------------------------------


@pytest.fixture(scope="module")
def chronology(nlp: Any) -> Timeline:
    if not MANIFEST.is_file():
        pytest.skip("not running from a source checkout")
    return timeline.build(timeline.read_manifest(MANIFEST), nlp=nlp)


def test_example_chronology_is_ordered(chronology: Timeline) -> None:
    assert len(chronology) >= 8
    assert [d.id for d in chronology.documents] == ["calder-0226", "calder-0228", "calder-0302", "calder-0306"]
    starts = [e.start for e in chronology if e.start is not None]
    assert starts == sorted(starts)
    for e in chronology:
        assert (e.start is None) == (e.end is None)
        assert e.start is None or e.start < e.end  # type: ignore[operator]


def test_example_chronology_sources_and_mentions(chronology: Timeline) -> None:
    texts = {d.id: d.text for d in chronology.documents}
    for e in chronology:
        assert e.sources and len(set(e.sources)) == len(e.sources)
        assert set(e.sources) <= set(texts)
        assert e.status in ("happened", "ongoing", "expected")
        assert e.text.strip()
        assert e.mentions and {m.doc for m in e.mentions} == set(e.sources)
        for m in e.mentions:
            assert texts[m.doc][m.start : m.end] == m.timex
            assert m.timex in m.sentence
    assert any(len(e.sources) > 1 for e in chronology)


def test_example_chronology_has_past_and_expected_events(chronology: Timeline) -> None:
    statuses = {e.status for e in chronology}
    assert {"happened", "expected"} <= statuses
    # the walkout of Tuesday, Feb. 27, told by several articles
    walkout = chronology.between("2024-02-27", "2024-02-28")
    assert len(walkout) and max(len(e.sources) for e in walkout) > 1
    # the vote, "next week" in one article and "March 8" in the next
    assert any(e.status == "expected" and len(e.sources) > 1 for e in chronology.between("2024-03-04", "2024-03-11"))


def test_example_chronology_round_trips(chronology: Timeline, tmp_path: Path) -> None:
    path = tmp_path / "chronology.json"
    text = chronology.to_json(path)
    data = json.loads(text)
    assert len(data["events"]) == len(chronology)
    assert "sort_key" not in text
    loaded = Timeline.from_json(path)
    assert loaded.events == chronology.events and loaded.to_json() == text


def test_iter_document_events_gives_unmerged_events(nlp: Any) -> None:
    if not MANIFEST.is_file():
        pytest.skip("not running from a source checkout")
    docs = timeline.read_manifest(MANIFEST)[:2]
    for document, events in timeline.iter_document_events(docs, nlp=nlp):
        assert events
        for e in events:
            assert e.sources == (document.id,)
            assert all(document.text[m.start : m.end] == m.timex for m in e.mentions)


# --- page furniture (timeline/_furniture.py) is masked before parsing ----------------------

SCRAPED = (
    "Ferry service resumes\n"
    "By Lena Ortiz | March 3, 2021 | 9:10 am\n"
    "The island ferry resumed service on Tuesday after a two-week strike.\n"
    "A ferry docks in Oban, March 1, 2021. Photograph: Sam Reid/PA\n"
    "The union agreed to the deal on Monday.\n"
    "At 4:02 pm on 3 Mar 2021, islander wrote: I waited at the pier on Sunday for nothing.\n"
    "At 4:30 pm on 3 Mar 2021, Jo wrote: The strike began on Friday, not Monday.\n"
)


def test_furniture_gives_no_events(nlp: Any) -> None:
    doc = Document(SCRAPED, published="2021-03-03", id="ferry")
    [(document, events)] = list(timeline.iter_document_events([doc], nlp=nlp))
    assert document is doc
    values = sorted(e.value for e in events)
    assert values == ["2021-03-01", "2021-03-02"]  # Monday's deal, Tuesday's resumption
    for e in events:
        for m in e.mentions:  # offsets hold in the document's own text
            assert SCRAPED[m.start : m.end] == m.timex
            assert "wrote" not in m.sentence and "Photograph" not in m.sentence


def test_dateline_dates_an_undated_document(nlp: Any) -> None:
    doc = Document(SCRAPED, published=None, id="ferry")
    with pytest.warns(timeline.PublicationDateWarning, match=r"'ferry' has no publication date: its dateline's, 2021-03-03 09:10, is used"):
        [(document, events)] = list(timeline.iter_document_events([doc], nlp=nlp))
    assert document.published == datetime(2021, 3, 3, 9, 10)
    assert (document.id, document.text) == (doc.id, doc.text)
    assert sorted(e.value for e in events) == ["2021-03-01", "2021-03-02"]
    with pytest.warns(timeline.PublicationDateWarning):
        tl = timeline.build([doc], nlp=nlp)
    assert [d.published for d in tl.documents] == [datetime(2021, 3, 3, 9, 10)]
    with pytest.warns(timeline.PublicationDateWarning):
        result = timeline.extract_document(SCRAPED, None, "ferry", nlp=nlp)
    assert result["published"] == "2021-03-03T09:10:00"


def test_dateline_disagreeing_with_the_given_date(nlp: Any, recwarn: pytest.WarningsRecorder) -> None:
    doc = Document(SCRAPED, published="2021-03-09", id="ferry")
    with pytest.warns(timeline.PublicationDateWarning, match=r"'ferry': its dateline says 2021-03-03, its publication date is 2021-03-09; the publication date is kept"):
        [(document, _)] = list(timeline.iter_document_events([doc], nlp=nlp))
    assert document is doc
    # one day apart (time zones, late stamps): no warning
    list(timeline.iter_document_events([Document(SCRAPED, published="2021-03-04", id="f2")], nlp=nlp))
    assert not [w for w in recwarn if issubclass(w.category, timeline.PublicationDateWarning) and "f2" in str(w.message)]


# --- a history among the news: each document resolved in its own mode --------------------------

SPILLWAY = (
    "Engineers opened the spillway gates of the Kessel Dam on Monday after a week of heavy rain, "
    "the water authority said. The authority will publish a safety review of the dam in September."
)
DAM_HISTORY = (
    "Work on the Kessel Dam was begun in 1931. In April the river was diverted through two tunnels. "
    "The last concrete was poured in 1935. In June the gates were closed and the lake began to fill."
)
PUBLISHED = "2023-06-07"  # a Wednesday


def _by_source(t: Timeline | list[Event]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for e in t:
        for source in e.sources:  # the same sentence in two documents is one event
            out.setdefault(source, []).append(e.value)
    return {k: sorted(v) for k, v in out.items()}


def test_a_history_among_the_news(nlp: Any) -> None:
    news = Document(SPILLWAY, published=PUBLISHED, id="spillway")
    history = Document(DAM_HISTORY, published=PUBLISHED, id="history", mode="narrative")
    values = _by_source(timeline.build([news, history], nlp=nlp))
    # the history's bare months take the story's year; the report's dates stay around its publication
    assert values["history"] == ["1931", "1931-04", "1935", "1935-06"]
    assert values["spillway"] == ["2023-06-05", "2023-09"]
    # read as news, the same history puts its months in the year of publication
    as_news = Document(DAM_HISTORY, published=PUBLISHED, id="history")
    assert _by_source(timeline.build([news, as_news], nlp=nlp))["history"] == ["1931", "1935", "2023-04", "2023-06"]


def test_build_mode_applies_to_documents_without_their_own(nlp: Any) -> None:
    docs = [
        Document(DAM_HISTORY, published=PUBLISHED, id="unset"),
        Document(DAM_HISTORY, published=PUBLISHED, id="news", mode="news"),
        Document(DAM_HISTORY, published=PUBLISHED, id="narrative", mode="narrative"),
    ]
    narrative, news = ["1931", "1931-04", "1935", "1935-06"], ["1931", "1935", "2023-04", "2023-06"]
    assert _by_source(timeline.build(docs, nlp=nlp, mode="narrative")) == {"unset": narrative, "news": news, "narrative": narrative}
    assert _by_source(timeline.build(docs, nlp=nlp, mode="news")) == {"unset": news, "news": news, "narrative": narrative}
    assert _by_source(list(timeline.iter_events(docs, nlp=nlp, mode="narrative")))["unset"] == narrative
    assert _by_source([e for _, es in timeline.iter_document_events(docs, nlp=nlp) for e in es])["unset"] == news
    result = timeline.extract_document(DAM_HISTORY, PUBLISHED, "h", nlp=nlp, mode="narrative")
    assert result["mode"] == "narrative" and sorted(e["value"] for e in result["events"]) == narrative
    with pytest.raises(ValueError, match="mode must be one of 'news', 'narrative' or None, not 'history'"):
        timeline.build(docs, nlp=nlp, mode="history")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'History'"):
        list(timeline.iter_events(docs, nlp=nlp, mode="History"))  # type: ignore[arg-type]


def test_document_mode_round_trips_through_json(nlp: Any, tmp_path: Path) -> None:
    docs = [Document(SPILLWAY, published=PUBLISHED, id="spillway"), Document(DAM_HISTORY, published=PUBLISHED, id="history", mode="narrative")]
    built = timeline.build(docs, nlp=nlp)
    data = json.loads(built.to_json(tmp_path / "dam.json"))
    assert {d["id"]: d.get("mode") for d in data["documents"]} == {"history": "narrative", "spillway": None}
    loaded = Timeline.from_json(tmp_path / "dam.json")
    assert {d.id: d.mode for d in loaded.documents} == {"history": "narrative", "spillway": None}
    assert loaded.to_json() == built.to_json()
    # extract_document's results keep it through merge too
    merged = timeline.merge([timeline.extract_document(DAM_HISTORY, PUBLISHED, "history", nlp=nlp, mode="narrative")])
    assert [d.mode for d in merged.documents] == ["narrative"]
    data["documents"][0]["mode"] = "legend"
    with pytest.raises(timeline.TimelineError, match=r"^not a timeline: documents\[0\]\.mode: mode must be one of 'news', 'narrative' or None, not 'legend'"):
        Timeline.from_dict(data)


# --- junk, megabytes and determinism ----------------------------------------------------------------


def test_build_on_junk_documents_loses_none(nlp: Any) -> None:
    docs = [Document(text, published=PUB, id=kind) for kind, text in ODD_TEXTS.items()]
    docs.append(Document("The talks collapsed on Monday.", published=PUB, id="clean"))
    t = timeline.build(docs, nlp=nlp)
    assert sorted(d.id for d in t.documents) == sorted(d.id for d in docs)
    assert any("clean" in e.sources for e in t)
    for e in t:
        for m in e.mentions:
            text = next(d.text for d in docs if d.id == m.doc)
            assert text[m.start : m.end] == m.timex
    json.loads(t.to_json())



def test_three_megabyte_document_is_parsed_in_bounded_pieces() -> None:
    from timeline._build import MAX_PIECE

    text = megabytes_of_text()
    recording = RecordingNlp(parser=True)  # blank, but read as parsed: fast, and no events
    docs = [Document(text, published=PUB, id="big"), Document(DATED, published=PUB, id="small")]
    t = timeline.build(docs, nlp=recording)  # type: ignore[arg-type]
    assert [d.id for d in t.documents] == ["big", "small"]
    # only the dated paragraphs are parsed, each in pieces no longer than the limit
    assert max(recording.lengths) <= MAX_PIECE
    assert sum(recording.lengths) == (text.count(DATED) + 1) * len(DATED.strip())
    found = timeline.tag(text, published=PUB, nlp=recording)  # type: ignore[arg-type]
    assert len(found) == 190
    assert_offsets(text, found)



MEMORY_SCRIPT = """
import resource, sys, spacy, timeline
filler = "The council discussed the budget and officials reviewed the costs of the plan. " * 40 + "\\n\\n"
dated = "The minister resigned on Monday, and the report will be published next week.\\n\\n"
text = "".join((dated if i % 10 == 0 else "") + filler for i in range(int(sys.argv[1])))
nlp = spacy.blank("en")
timeline.build([timeline.Document("on Monday", published="2023-09-12", id="warm-up")], nlp=nlp)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
timeline.tag(text, published="2023-09-12", nlp=False)
timeline.build([timeline.Document(text, published="2023-09-12", id="big")], nlp=nlp)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
"""


def test_memory_does_not_grow_with_the_size_of_a_document() -> None:
    """Peak memory for a 10 MB document is about that of a 3 MB one: pieces are processed
    and released, not all kept."""
    pytest.importorskip("resource")

    def growth(paragraphs: int) -> int:
        out = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, str(paragraphs)], capture_output=True, text=True, check=True)
        return int(out.stdout.split()[-1])

    small, large = growth(950), growth(3000)  # about 3 MB and 9.5 MB of text
    assert large < 1.5 * small + 50_000, (small, large)  # kilobytes



DETERMINISM_SCRIPT = """
import random, sys, timeline
docs = timeline.read_manifest(sys.argv[1])
text = "".join(d.text for d in docs)
random.Random(int(sys.argv[2])).shuffle(docs)
sys.stdout.write(timeline.build(docs).to_json())
sys.stdout.write(timeline.cli.format_json(timeline.tag(text, published="2024-02-26", nlp=False)))
"""


def test_build_json_is_byte_identical_whatever_the_order_and_process(nlp: Any) -> None:
    if not MANIFEST.is_file():
        pytest.skip("not running from a source checkout")
    docs = timeline.read_manifest(MANIFEST)
    text = "".join(d.text for d in docs)
    tagged = timeline.cli.format_json(timeline.tag(text, published="2024-02-26", nlp=False))
    first = timeline.build(docs, nlp=nlp).to_json()
    assert len(json.loads(first)["events"]) > 10
    shuffled = docs[::-1]
    assert timeline.build(shuffled, nlp=nlp).to_json() == first
    # another process, another hash seed, another document order: the same bytes
    env = {**os.environ, "PYTHONHASHSEED": "12345"}

    out = subprocess.run(
        [sys.executable, "-c", "import timeline.cli\n" + DETERMINISM_SCRIPT, str(MANIFEST), "3"],
        capture_output=True, env=env, check=True,
    ).stdout.decode("utf-8")
    if os.environ.get("TIMELINE_SPACY_MODEL") is None:
        assert out == first + tagged
    else:  # the subprocess may load another pipeline: the tagging part still matches
        assert out.endswith(tagged)

