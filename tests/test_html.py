"""Timeline.to_html: the self-contained interactive page (pure-Python checks run everywhere;
the browser checks run in headless Chromium and skip when none is installed)."""

from __future__ import annotations

import html.parser
import json
import os
import re
import shutil
import subprocess
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from timeline import Document, Event, EventMention, Timeline

HOSTILE = "</script><script>alert(1)</script>"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium binary (chromium, chromium-browser or google-chrome) on PATH: browser tests skipped")


def _timeline(n: int, *, hostile: bool = False) -> Timeline:
    """``n`` dated events over ``n`` days from three documents, plus one undated event;
    statuses cycle happened/ongoing/expected, sources a/b/c."""
    docs = []
    for k, ident in enumerate("abc"):
        text = " ".join(f"On day {i} the council met about item {i}." for i in range(n))
        docs.append(Document(text, published=f"2024-0{k + 1}-01", id=ident, title=f"Title {ident}" + (HOSTILE if hostile else ""), url=f"https://example.org/{ident}"))
    events = []
    statuses = ("happened", "ongoing", "expected")
    for i in range(n):
        doc = docs[i % 3]
        sentence = f"On day {i} the council met about item {i}."
        offset = doc.text.index(sentence)
        day = datetime(2024, 1, 1) + timedelta(days=i)
        text = (HOSTILE if hostile and i == 0 else "") + f"The council met about item {i}"
        status = statuses[i % 3]
        m = EventMention(doc=doc.id, sentence=sentence, timex=f"day {i}", start=offset + 3, end=offset + 3 + len(f"day {i}"),
                         value=f"{day:%Y-%m-%d}", text=text, status=status)  # type: ignore[arg-type]
        events.append(Event(f"{day:%Y-%m-%d}", day, day + timedelta(days=1), "day", text, "meet", ("Council", f"Member {i % 2}"),
                            status, (doc.id,), (m,)))  # type: ignore[arg-type]
    events.append(Event("PAST_REF", None, None, None, "Long ago something", "", (), "happened", ("a",), ()))  # type: ignore[arg-type]
    return Timeline(events, docs)


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in = ""

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self._in += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in is not None:
            self.scripts.append(self._in)
            self._in = None


def _parse(page: str) -> _Tags:
    p = _Tags()
    p.feed(page)
    return p


# --- pure Python ----------------------------------------------------------------------------


def test_page_structure_and_embedded_json(tmp_path: Path) -> None:
    t = _timeline(6)
    out = tmp_path / "c.html"
    page = t.to_html(out)
    assert out.read_text(encoding="utf-8") == page
    assert page.startswith("<!DOCTYPE html>")
    p = _parse(page)
    data_tags = [a for tag, a in p.tags if tag == "script" and a.get("type") == "application/json"]
    assert len(data_tags) == 1
    data = json.loads(next(s for s in p.scripts if s.lstrip().startswith("{")))
    assert len(data["events"]) == len(t) and data["key"] == []
    assert data["documents"]["a"] == {"title": "Title a", "url": "https://example.org/a", "published": "2024-01-01"}
    assert data["events"][0]["mentions"][0]["sentence"] == "On day 0 the council met about item 0."


def test_self_contained() -> None:
    page = _timeline(50).to_html()
    for tag, attrs in _parse(page).tags:
        if tag in ("script", "link", "img", "iframe"):
            assert not any(k in ("src", "href") for k in attrs), (tag, attrs)
    assert "@import" not in page and "url(" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)


def test_hostile_text_is_escaped() -> None:
    page = _timeline(5, hostile=True).to_html(title=HOSTILE)
    assert "alert(1)</script>" not in page
    assert page.count("</script>") == page.count("<script")
    p = _parse(page)
    data = json.loads(next(s for s in p.scripts if s.lstrip().startswith("{")))
    assert data["events"][0]["text"].startswith(HOSTILE)  # the text is intact once read
    assert data["documents"]["a"]["title"] == "Title a" + HOSTILE
    assert "<title>&lt;/script&gt;" in page


def test_key_events_data_over_40() -> None:
    small, big = _timeline(39), _timeline(60)  # 40 and 61 events
    assert json.loads(_data(small.to_html()))["key"] == []
    key = json.loads(_data(big.to_html()))["key"]
    # as many key dates as a crowded chart shows, not the one or two summarize() keeps alone
    assert len(key) == len(big.summarize(dates=25)) == 25


def _data(page: str) -> str:
    return next(s for s in _parse(page).scripts if s.lstrip().startswith("{"))


def test_display_format_html() -> None:
    t = _timeline(4)
    t.display_format = "html"
    bundle = t._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}
    assert 'class="tl-root"' in bundle["text/html"] and "<!DOCTYPE" not in bundle["text/html"]
    fig = t.plot()  # a figure stays an image
    assert fig.display_format == "png"  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="figure"):
        fig.display_format = "html"  # type: ignore[attr-defined]


def test_cli_build_html(tmp_path: Path) -> None:
    from timeline.cli import main

    src = tmp_path / "a.txt"
    src.write_text("The summit opened on 12 September 2023 in Vladivostok.\n", encoding="utf-8")
    out = tmp_path / "chronology.html"
    assert main(["build", str(src), "-o", str(out), "--no-progress"]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# --- in a browser -----------------------------------------------------------------------------


def _chromium(page: Path, fragment: str = "") -> tuple[str, str]:
    """The DOM after the page's scripts ran, and Chromium's log (console messages)."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
               "--virtual-time-budget=5000", "--dump-dom", page.resolve().as_uri() + fragment]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": profile})
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout, r.stderr


def _console_errors(log: str) -> list[str]:
    return [line for line in log.splitlines() if "CONSOLE" in line and ("Uncaught" in line or "rror" in line)] + [
        line for line in log.splitlines() if "Uncaught" in line]


def _events(dom: str, set_: str = "all") -> list[dict[str, str | None]]:
    return [a for tag, a in _parse(dom).tags if tag == "div" and "event" in (a.get("class") or "").split() and a.get("data-set") == set_]


def _hidden(a: dict[str, str | None]) -> bool:
    classes = (a.get("class") or "").split()
    return "hidden" in classes or "tl-hidden-set" in classes


@needs_browser
def test_browser_loads_one_element_per_event(tmp_path: Path) -> None:
    t = _timeline(12, hostile=True)
    path = tmp_path / "p.html"
    t.to_html(path)
    dom, log = _chromium(path)
    assert not _console_errors(log), _console_errors(log)
    evs = _events(dom)
    assert [a["data-id"] for a in evs if a["data-date"] != "PAST_REF"] == [f"e{i}" for i in range(12)]
    assert len(evs) == len(t)
    assert evs[0]["data-status"] == "happened" and evs[0]["data-sources"] == "a" and evs[0]["data-actors"] == "Council|Member 0"
    assert not any(_hidden(a) for a in evs)
    assert "alert(1)" not in dom.split("tl-data")[0]  # no injected script ran or was added
    assert dom.count("<script>alert(1)") == 0
    assert re.search(r"12 of 13 shown|13 of 13 shown", dom)


@needs_browser
@pytest.mark.parametrize("fragment, keep", [("#status=expected", lambda a: a["data-status"] == "expected"),
                                             ("#source=b,c", lambda a: a["data-sources"] in ("b", "c")),
                                             ("#actor=Member%201", lambda a: "Member 1" in (a["data-actors"] or "").split("|"))])
def test_browser_filter_from_hash(tmp_path: Path, fragment: str, keep: object) -> None:
    t = _timeline(12)
    path = tmp_path / "p.html"
    t.to_html(path)
    dom, log = _chromium(path, fragment)
    assert not _console_errors(log)
    evs = _events(dom)
    assert len(evs) == len(t)
    shown = [a["data-id"] for a in evs if not _hidden(a)]
    assert shown and shown == [a["data-id"] for a in evs if keep(a)]  # type: ignore[operator]


@needs_browser
def test_browser_key_events_toggle(tmp_path: Path) -> None:
    t = _timeline(60)
    n_key = len(t.summarize(dates=25))
    path = tmp_path / "p.html"
    t.to_html(path)
    dom, log = _chromium(path)
    assert not _console_errors(log)
    assert len(_events(dom)) == len(t) and all(_hidden(a) for a in _events(dom))
    key = _events(dom, "key")
    assert len(key) == n_key and not any(_hidden(a) for a in key)
    assert f"show all {len(t)} events" in dom
    dom, _ = _chromium(path, "#all=1")  # the toggle's state, from the hash
    assert not any(_hidden(a) for a in _events(dom)) and all(_hidden(a) for a in _events(dom, "key"))


@needs_browser
def test_browser_opens_on_the_story_not_on_background_dates(tmp_path: Path) -> None:
    # twelve events in January 2024 and one background date in 1978: the page opens on the
    # twelve, spread across the axis, not squeezed against one edge by the 1978 one
    t = _timeline(12)
    old = Event("1978", datetime(1978, 1, 1), datetime(1979, 1, 1), "year", "The bridge first opened", "open", (), "happened", ("a",), ())  # type: ignore[arg-type]
    t = Timeline([old, *t.events], t.documents)
    path = tmp_path / "p.html"
    t.to_html(path)
    dom, log = _chromium(path)
    assert not _console_errors(log), _console_errors(log)
    lefts = []
    for a in _events(dom):
        m = re.search(r"left:\s*(-?[\d.]+)px", a.get("style") or "")
        if m and (a.get("data-date") or "").startswith("2024"):
            lefts.append(float(m.group(1)))
    assert len(lefts) == 12
    assert max(lefts) - min(lefts) > 300, lefts  # spread over the view (800 px wide by default)


@needs_browser
def test_browser_boxes_never_overlap(tmp_path: Path) -> None:
    # thirty events a day apart: dense at the opening view; boxes (at most 210px wide) on
    # one lane keep their distance, the axis growing to hold the lanes
    t = _timeline(30)
    path = tmp_path / "p.html"
    t.to_html(path)
    dom, log = _chromium(path)
    assert not _console_errors(log), _console_errors(log)
    boxes = []
    for a in _events(dom):
        m = re.search(r"left:\s*(-?[\d.]+)px;\s*top:\s*(-?[\d.]+)px", a.get("style") or "")
        if m and not _hidden(a):
            boxes.append((float(m.group(2)), float(m.group(1))))
    assert len(boxes) == 30
    by_lane: dict[float, list[float]] = {}
    for top, left in boxes:
        by_lane.setdefault(top, []).append(left)
    for lefts in by_lane.values():
        lefts.sort()
        assert all(b - a >= 210 for a, b in zip(lefts, lefts[1:])), lefts
