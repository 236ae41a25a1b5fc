"""Documents (construction, files, HTML) and manifests (JSONL, CSV, malformed lines)."""

from __future__ import annotations

import json
import logging
import pickle
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline import Document, DocumentError, ManifestError, read_manifest

PUB = "2023-09-12"
TEXT = "The union said on Sunday that the strike would begin on Tuesday."


# --- Document --------------------------------------------------------------------------------


def test_document_fields() -> None:
    d = Document(TEXT, published="2024-02-26", id="a", title="Strike", url="https://example.org/a")
    assert (d.text, d.id, d.title, d.url) == (TEXT, "a", "Strike", "https://example.org/a")
    assert d.published == datetime(2024, 2, 26)
    assert d.to_dict() == {"id": "a", "published": "2024-02-26T00:00:00", "title": "Strike", "url": "https://example.org/a"}
    assert "id='a'" in repr(d) and "2024-02-26" in repr(d)


@pytest.mark.parametrize("published", ["2024-02-26", date(2024, 2, 26), datetime(2024, 2, 26), "Feb 26, 2024", "26 février 2024"])
def test_document_published_forms(published: object) -> None:
    assert Document(TEXT, published=published).published == datetime(2024, 2, 26)  # type: ignore[arg-type]


def test_document_without_date() -> None:
    assert Document(TEXT, published=None).published is None


def test_default_id_is_a_stable_hash() -> None:
    a = Document(TEXT, published="2024-01-01")
    assert a.id == Document(TEXT, published="Jan 1, 2024").id and len(a.id) == 12
    assert Document(TEXT + " ", published="2024-01-01").id != a.id


def test_default_id_hashes_the_text_and_its_metadata() -> None:
    """The same text published on two days, or by two outlets, is two articles."""
    a = Document(TEXT, published="2024-01-01")
    others = [
        Document(TEXT, published="2024-01-02"),
        Document(TEXT, published=None),
        Document(TEXT, published="2024-01-01", title="Port strike"),
        Document(TEXT, published="2024-01-01", url="https://another.example/strike"),
    ]
    assert len({a.id, *(d.id for d in others)}) == 5
    assert Document(TEXT, published="2024-01-01", id="mine").id == "mine"


def test_default_ids_survive_pickling_as_default_ids() -> None:
    a, b = Document(TEXT, published=None), Document(TEXT, published=None, id="chosen")
    assert pickle.loads(pickle.dumps(a))._default_id and not pickle.loads(pickle.dumps(b))._default_id


def test_document_errors() -> None:
    with pytest.raises(TypeError):
        Document(b"bytes", published=None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Document(TEXT, published=None, id=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Document(TEXT)  # type: ignore[call-arg]  # published is required
    with pytest.raises(DocumentError):
        Document(TEXT, published=None, id="  ")
    with pytest.raises(timeline.DateInputError):
        Document(TEXT, published="someday")
    assert issubclass(DocumentError, timeline.TimelineError)
    assert issubclass(ManifestError, DocumentError)


def test_document_is_immutable_hashable_picklable() -> None:
    d = Document(TEXT, published="2024-02-26", id="a", title="t", url="u")
    with pytest.raises(AttributeError):
        d.text = "x"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(d)) == d
    assert len({d, Document(TEXT, published="2024-02-26", id="a", title="t", url="u")}) == 1
    assert d != Document(TEXT, published="2024-02-27", id="a", title="t", url="u")


HISTORY = "Work on the Kessel Dam was begun in 1931. In April the river was diverted through two tunnels."


def test_document_mode() -> None:
    d = Document(HISTORY, published="2023-06-07", id="h")
    assert d.mode is None and "mode" not in repr(d) and "mode" not in d.to_dict()  # unset: news
    n = Document(HISTORY, published="2023-06-07", id="h", mode="news")
    assert n.mode == "news" and "mode" not in repr(n) and n.to_dict()["mode"] == "news"
    h = Document(HISTORY, published="2023-06-07", id="h", title="The dam", mode="narrative")
    assert h.mode == "narrative" and "mode='narrative'" in repr(h)
    assert h.to_dict() == {"id": "h", "published": "2023-06-07T00:00:00", "title": "The dam", "url": None, "mode": "narrative"}
    assert h != Document(HISTORY, published="2023-06-07", id="h", title="The dam") and d != n
    assert pickle.loads(pickle.dumps(h)) == h and pickle.loads(pickle.dumps(h)).mode == "narrative"
    # the copies build makes (a dateline's date, a suffixed default id) keep it
    assert h._with_published(datetime(2023, 6, 8)).mode == "narrative"
    assert Document(HISTORY, published=None, mode="narrative")._with_default_id("x-2").mode == "narrative"


def test_document_bad_mode() -> None:
    with pytest.raises(ValueError, match=r"mode must be one of 'news', 'narrative' or None, not 'history'"):
        Document(HISTORY, published=None, mode="history")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not 'Narrative'"):
        Document(HISTORY, published=None, mode="Narrative")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="mode must be a string or None, not int"):
        Document(HISTORY, published=None, mode=1)  # type: ignore[arg-type]


def test_from_file_and_from_html_take_a_mode(tmp_path: Path) -> None:
    p = tmp_path / "kessel-dam.txt"
    p.write_text(HISTORY, encoding="utf-8")
    assert Document.from_file(p, published="2023-06-07", mode="narrative").mode == "narrative"
    assert Document.from_file(p, published="2023-06-07").mode is None
    with pytest.raises(ValueError, match="'epic'"):
        Document.from_html("<p>x</p>", published="2023-06-07", mode="epic")  # type: ignore[arg-type]
    pytest.importorskip("trafilatura")
    page = f"<html><head><title>The dam</title></head><body><article><h1>The dam</h1><p>{HISTORY}</p><p>{HISTORY}</p></article></body></html>"
    d = Document.from_html(page, published="2023-06-07", mode="narrative")
    assert d.mode == "narrative" and "1931" in d.text


def test_from_file(tmp_path: Path) -> None:
    p = tmp_path / "strike-day.txt"
    p.write_text(TEXT, encoding="utf-8")
    d = Document.from_file(p, published="2024-02-26")
    assert d.id == "strike-day" and d.text == TEXT
    d = Document.from_file(str(p), published="2024-02-26", id="x", title="T", url="https://e.org")
    assert (d.id, d.title, d.url) == ("x", "T", "https://e.org")


def test_from_file_errors(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="missing.txt: no such file"):
        Document.from_file(tmp_path / "missing.txt", published=None)
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("café".encode("latin-1"))
    with pytest.raises(DocumentError, match="latin1.txt: not valid utf-8"):
        Document.from_file(bad, published=None)
    with pytest.raises(DocumentError, match="cannot read"):
        Document.from_file(tmp_path, published=None)  # a directory


# --- Document.from_html ---------------------------------------------------------------------

PARAGRAPH = (
    "Dockworkers at the port of Calder Bay returned to work on Wednesday after their union reached "
    "a tentative agreement with Meridian Terminals. Members will vote on the deal on March 8. "
)


def _page(meta_date: str | None) -> str:
    meta = f'<meta property="article:published_time" content="{meta_date}">' if meta_date else ""
    return (
        f"<html><head><title>Strike ends</title>{meta}</head><body><nav>Home | News</nav>"
        f"<article><h1>Strike ends</h1><p>{PARAGRAPH * 3}</p><p>{PARAGRAPH}</p></article>"
        "<footer>All rights reserved</footer></body></html>"
    )


def test_from_html() -> None:
    pytest.importorskip("trafilatura")
    pytest.importorskip("htmldate")
    d = Document.from_html(_page("2024-03-06"))
    assert "tentative agreement" in d.text and "Home | News" not in d.text
    assert d.published == datetime(2024, 3, 6)
    assert d.title == "Strike ends"


def test_from_html_file_and_explicit_date(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    pytest.importorskip("htmldate")
    p = tmp_path / "deal.html"
    p.write_text(_page(None), encoding="utf-8")
    d = Document.from_html(p, published="2024-03-06")
    assert d.id == "deal" and d.published == datetime(2024, 3, 6)
    with pytest.raises(DocumentError, match=r"deal\.html: no publication date found in the HTML"):
        Document.from_html(p)
    with pytest.raises(DocumentError, match="no publication date found in the HTML"):
        Document.from_html(_page(None))
    with pytest.raises(DocumentError, match="no such file"):
        Document.from_html(tmp_path / "missing.html")


def test_from_html_without_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # makes `import trafilatura` fail
    with pytest.raises(ImportError, match=r"pip install 'timeline\[html\]'"):
        Document.from_html("<html></html>", published="2024-03-06")


def test_from_html_keeps_the_headline_out_of_the_first_sentence() -> None:
    pytest.importorskip("trafilatura")
    d = Document.from_html(_page("2024-03-06"))
    assert d.text.startswith("Strike ends\n\nDockworkers at the port")


# --- web pages in manifests ---------------------------------------------------------------------

FERRY = (
    "The ferry between Calder Bay and Port Elin will run again from Saturday, the operator said on "
    "Tuesday, after engineers finished repairs to the vessel's rudder. "
)


def _ferry_page(*, published: str | None = "2024-05-14T08:00:00+01:00", title: str = "Ferry service to resume") -> str:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Harbour News</title>'
        f'<meta property="og:title" content="{title}">{meta}'
        '<link rel="canonical" href="https://harbour.example/ferry-to-resume"></head><body>'
        '<nav><a href="/">Home</a> | <a href="/weather">Weather</a> | <a href="/tides">Tides</a></nav>'
        f"<article><h1>{title}</h1><p>{FERRY * 2}</p><p>{FERRY}Passengers with tickets for the cancelled "
        "crossings can claim a refund until the end of the month.</p></article>"
        "<aside>Most read: <a href='/x'>Lifeboat crew honoured</a></aside><footer>Harbour News</footer></body></html>"
    )


def test_manifest_reads_web_pages(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    pytest.importorskip("htmldate")
    (tmp_path / "ferry.html").write_text(_ferry_page(), encoding="utf-8")
    (tmp_path / "FERRY2.HTM").write_text(_ferry_page(published=None), encoding="utf-8")
    p = _jsonl(
        tmp_path,
        {"id": "page", "path": "ferry.html"},  # published, title, url from the page
        {"id": "given", "path": "ferry.html", "published": "2024-05-15", "title": "Ferry back", "url": "https://mine.example/f"},
        {"id": "upper", "path": "FERRY2.HTM", "published": "2024-05-16"},
    )
    page, given, upper = read_manifest(p)
    assert "<" not in page.text and "rudder" in page.text and "Weather" not in page.text
    assert (page.published, page.title, page.url) == (datetime(2024, 5, 14, 0, 0), "Ferry service to resume", "https://harbour.example/ferry-to-resume")
    # what the manifest says wins over what the page says
    assert (given.published, given.title, given.url) == (datetime(2024, 5, 15), "Ferry back", "https://mine.example/f")
    assert given.text == page.text and upper.published == datetime(2024, 5, 16)


def test_manifest_web_page_errors_name_the_line(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    pytest.importorskip("htmldate")
    (tmp_path / "undated.html").write_text(_ferry_page(published=None), encoding="utf-8")
    (tmp_path / "note.txt").write_text(FERRY, encoding="utf-8")
    p = _jsonl(tmp_path, {"id": "a", "path": "undated.html"}, {"id": "b", "path": "note.txt"})
    from timeline._manifest import iter_manifest

    errors = [e for e in iter_manifest(p) if isinstance(e, ManifestError)]
    assert errors[0].line == 1 and str(errors[0]).endswith("undated.html: no publication date found in the HTML; pass published=... (e.g. '2023-09-12')")
    assert errors[1].line == 2 and "missing field 'published'" in str(errors[1])  # a text file has no date of its own


def test_manifest_web_pages_without_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    (tmp_path / "ferry.html").write_text(_ferry_page(), encoding="utf-8")
    p = _jsonl(tmp_path, {"id": "page", "path": "ferry.html", "published": "2024-05-14"})
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # makes `import trafilatura` fail
    with pytest.raises(ManifestError) as info:
        read_manifest(p)
    message = str(info.value)
    assert message == (
        f"{p}:1: {tmp_path / 'ferry.html'}: a web page, and reading web pages needs the optional "
        "dependencies trafilatura and htmldate: pip install 'timeline[html]'"
    )


# --- manifests -------------------------------------------------------------------------------


@pytest.fixture()
def articles(tmp_path: Path) -> Path:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "one.txt").write_text("The strike began on Tuesday.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("The judge ruled on Friday.", encoding="utf-8")
    return tmp_path


def _jsonl(folder: Path, *rows: object, name: str = "manifest.jsonl") -> Path:
    p = folder / name
    p.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return p


def test_manifest_jsonl(articles: Path) -> None:
    p = _jsonl(
        articles,
        {"id": "one", "path": "texts/one.txt", "published": "2024-02-28", "title": "Walkout"},
        "",
        {"id": "two", "path": str(articles / "two.txt"), "published": "March 2, 2024", "url": "https://e.org/2", "extra": 1},
        {"id": "three", "text": "Members will vote next week.", "published": "2024-03-06"},
    )
    docs = read_manifest(p)
    assert [d.id for d in docs] == ["one", "two", "three"]
    assert docs[0].text == "The strike began on Tuesday." and docs[0].title == "Walkout"
    assert docs[1].published == datetime(2024, 3, 2) and docs[1].url == "https://e.org/2"
    assert docs[2].text == "Members will vote next week." and docs[2].title is None
    assert read_manifest(str(p)) == docs


def test_manifest_csv(articles: Path) -> None:
    p = articles / "manifest.csv"
    p.write_text(
        "id,path,text,published,title\n"
        "one,texts/one.txt,,2024-02-28,Walkout\n"
        'three,,"Members will vote\nnext week.",2024-03-06,\n'
        "\n"
        "two,two.txt,,2024-03-02,\"Ruling, at last\"\n",
        encoding="utf-8",
    )
    docs = read_manifest(p)
    assert [d.id for d in docs] == ["one", "three", "two"]
    assert docs[1].text == "Members will vote\nnext week." and docs[1].title is None
    assert docs[2].title == "Ruling, at last"


def test_manifest_mode(articles: Path) -> None:
    (articles / "dam.txt").write_text(HISTORY, encoding="utf-8")
    p = _jsonl(
        articles,
        {"id": "dam", "path": "dam.txt", "published": "2023-06-07", "mode": "narrative"},
        {"id": "news", "text": "The gates were opened on Monday.", "published": "2023-06-07", "mode": "news"},
        {"id": "plain", "text": "The gates were shut on Tuesday.", "published": "2023-06-07"},
    )
    assert [d.mode for d in read_manifest(p)] == ["narrative", "news", None]
    # read_manifest's mode is that of the entries without a mode field of their own
    assert [d.mode for d in read_manifest(p, mode="narrative")] == ["narrative", "news", "narrative"]
    with pytest.raises(ValueError, match="'saga'"):
        read_manifest(p, mode="saga")  # type: ignore[arg-type]
    from timeline._manifest import MANIFEST_FIELDS

    assert "mode" in MANIFEST_FIELDS
    c = articles / "manifest.csv"
    c.write_text(f"id,text,published,mode\ndam,{HISTORY},2023-06-07,narrative\nnews,The gates opened on Monday.,2023-06-07,\n", encoding="utf-8")
    assert [d.mode for d in read_manifest(c)] == ["narrative", None]


def test_manifest_bad_mode_names_the_line_and_can_be_skipped(articles: Path, caplog: pytest.LogCaptureFixture) -> None:
    c = articles / "manifest.csv"
    c.write_text("id,path,published,mode\none,texts/one.txt,2024-02-28,\ntwo,two.txt,2024-03-02,chronicle\n", encoding="utf-8")
    with pytest.raises(ManifestError) as info:
        read_manifest(c)
    assert info.value.line == 3
    assert str(info.value) == f"{c}:3: bad 'mode': mode must be one of 'news', 'narrative' or None, not 'chronicle'"
    with caplog.at_level(logging.WARNING, logger="timeline"):
        docs = read_manifest(c, skip_bad=True)
    assert [d.id for d in docs] == ["one"]
    assert [r.getMessage() for r in caplog.records] == [f"{c}:3: bad 'mode': mode must be one of 'news', 'narrative' or None, not 'chronicle' (skipped)"]


def test_the_example_manifest_reads() -> None:
    manifest = Path(__file__).resolve().parent.parent / "examples" / "articles" / "manifest.jsonl"
    if not manifest.is_file():
        pytest.skip("not running from a source checkout")
    docs = read_manifest(manifest)
    assert len(docs) == 4 and all(d.published and d.title and len(d.text.split()) > 150 for d in docs)
    assert len({d.published for d in docs}) == 4


BAD_JSONL = [
    ('{"id": "x", "path": "two.txt", "published": "2024-03-02"', "not valid JSON"),
    ('["x", "two.txt"]', "expected a JSON object"),
    ({"path": "two.txt", "published": "2024-03-02"}, "missing field 'id'"),
    ({"id": "x", "path": "two.txt"}, "missing field 'published'"),
    ({"id": "x", "published": "2024-03-02"}, "missing field 'path' (or 'text')"),
    ({"id": "x", "path": "two.txt", "text": "hi", "published": "2024-03-02"}, "either 'path' or 'text', not both"),
    ({"id": "x", "path": "missing.txt", "published": "2024-03-02"}, "missing.txt: no such file"),
    ({"id": "x", "path": "two.txt", "published": "the day after"}, "bad 'published' date"),
    ({"id": 7, "path": "two.txt", "published": "2024-03-02"}, "'id' must be a string"),
    ({"id": "", "path": "two.txt", "published": "2024-03-02"}, "'id' is empty"),
    ({"id": "one", "path": "two.txt", "published": "2024-03-02"}, "duplicate id 'one' (first on line 1)"),
    ({"id": "x", "path": "two.txt", "published": "2024-03-02", "mode": "history"}, "bad 'mode': mode must be one of 'news', 'narrative' or None, not 'history'"),
    ({"id": "x", "path": "two.txt", "published": "2024-03-02", "mode": 2}, "field 'mode' must be a string"),
]


@pytest.mark.parametrize(("row", "why"), BAD_JSONL)
def test_malformed_jsonl_line(articles: Path, row: object, why: str) -> None:
    p = _jsonl(articles, {"id": "one", "path": "texts/one.txt", "published": "2024-02-28"}, "", row)
    with pytest.raises(ManifestError) as info:
        read_manifest(p)
    assert info.value.line == 3 and info.value.path == str(p)
    assert str(info.value).startswith(f"{p}:3: ")
    assert why in str(info.value)


@pytest.mark.parametrize(
    ("row", "why"),
    [
        ("x,,,2024-03-02,", "missing field 'path' (or 'text')"),
        ("x,two.txt,hello,2024-03-02,", "not both"),
        (",two.txt,,2024-03-02,", "missing field 'id'"),
        ("x,two.txt,,not a date at all,", "bad 'published' date"),
        ("x,nope.txt,,2024-03-02,", "nope.txt: no such file"),
        ("x,two.txt,,2024-03-02,t,surplus", "6 values for 5 columns"),
    ],
)
def test_malformed_csv_line(articles: Path, row: str, why: str) -> None:
    p = articles / "m.csv"
    p.write_text(f"id,path,text,published,title\none,texts/one.txt,,2024-02-28,\n{row}\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=f"{p.name}:3: ") as info:
        read_manifest(p)
    assert info.value.line == 3 and why in str(info.value)


def test_csv_line_numbers_count_multiline_cells(articles: Path) -> None:
    p = articles / "m.csv"
    p.write_text('id,text,published\na,"one\ntwo\nthree",2024-02-28\nb,hi,someday\n', encoding="utf-8")
    with pytest.raises(ManifestError) as info:
        read_manifest(p)
    assert info.value.line == 5


def test_csv_header_must_have_the_fields(articles: Path) -> None:
    p = articles / "m.csv"
    p.write_text("name,path,date\nx,two.txt,2024-03-02\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=r"m\.csv:1: .*id, published") as info:
        read_manifest(p)
    assert info.value.line == 1


def test_manifest_file_errors(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        read_manifest(tmp_path / "missing.jsonl")
    p = tmp_path / "manifest.txt"
    p.write_text("", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"unknown manifest format '\.txt'.*\.jsonl.*\.csv"):
        read_manifest(p)
    assert read_manifest(_jsonl(tmp_path, "")) == []


def test_skip_bad(articles: Path, caplog: pytest.LogCaptureFixture) -> None:
    p = _jsonl(
        articles,
        {"id": "one", "path": "texts/one.txt", "published": "2024-02-28"},
        "{oops",
        {"id": "x", "path": "missing.txt", "published": "2024-03-02"},
        {"id": "two", "path": "two.txt", "published": "2024-03-02"},
    )
    with caplog.at_level(logging.WARNING, logger="timeline"):
        docs = read_manifest(p, skip_bad=True)
    assert [d.id for d in docs] == ["one", "two"]
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert f"{p}:2: " in messages[0] and f"{p}:3: " in messages[1] and "skipped" in messages[1]


# --- odd text and file names ------------------------------------------------------------------------


def test_documents_replace_lone_surrogates_keeping_offsets(nlp: Any, tmp_path: Path) -> None:
    raw = b"\xff\xfe The president visited Paris on Monday.\n".decode("utf-8", "surrogateescape")
    doc = Document(raw, published=PUB)  # the default id hashes the text: it must encode
    assert len(doc.text) == len(raw) and doc.text[:2] == "\ufffd\ufffd" and doc.text[2:] == raw[2:]
    t = timeline.build([doc], nlp=nlp)
    assert [e.value for e in t] == ["2023-09-11"]
    [m] = t[0].mentions
    assert doc.text[m.start : m.end] == m.timex == "Monday"
    out = t.to_json(tmp_path / "t.json")
    assert json.loads((tmp_path / "t.json").read_text(encoding="utf-8")) == json.loads(out)



def test_file_names_that_cannot_exist_are_document_errors() -> None:
    with pytest.raises(timeline.DocumentError, match="not a valid file name"):
        Document.from_file("a\x00b.txt", published=PUB)
    with pytest.raises(timeline.DocumentError):
        timeline.read_manifest("a\x00b.jsonl")

