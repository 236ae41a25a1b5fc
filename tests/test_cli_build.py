"""`timeline build`, end to end and in-process."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from timeline.cli import main

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "examples" / "articles"

STRIKE = "Dockworkers walked off the job on Tuesday, the union said. Members will vote on the deal next week.\n"
RULING = "A judge ruled on Friday that the strike was lawful. The walkout began on Tuesday.\n"


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def files(tmp_path: Path) -> list[Path]:
    a, b = tmp_path / "strike.txt", tmp_path / "ruling.txt"
    a.write_text(STRIKE, encoding="utf-8")
    b.write_text(RULING, encoding="utf-8")
    return [a, b]


@pytest.fixture()
def articles(tmp_path: Path) -> Path:
    """A copy of the example articles and their manifest."""
    if not ARTICLES.is_dir():
        pytest.skip("not running from a source checkout")
    return Path(shutil.copytree(ARTICLES, tmp_path / "articles"))


def _one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert lines and lines[-1].startswith("timeline: error: "), err
    assert [line for line in lines if line.startswith("timeline: error")] == [lines[-1]]
    return lines[-1]


# --- success ------------------------------------------------------------------------------------


def test_build_files_to_json(capsys: Any, files: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "chronology.json"
    code, stdout, err = run(capsys, "build", *map(str, files), "--published", "2024-03-02", "-o", str(out), "--no-progress")
    assert code == 0 and stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    # documents are listed by publication date, then id (the same output whatever the order given)
    assert [d["id"] for d in data["documents"]] == ["ruling", "strike"]
    assert all(d["published"] == "2024-03-02T00:00:00" for d in data["documents"])
    assert data["events"]
    texts = {"strike": STRIKE, "ruling": RULING}
    for e in data["events"]:
        for m in e["mentions"]:
            assert texts[m["doc"]][m["start"] : m["end"]] == m["timex"]
    assert err == f"wrote {len(data['events'])} events from 2 documents to {out}\n"


def test_build_files_of_the_same_name_from_two_folders(capsys: Any, tmp_path: Path) -> None:
    """Two outlets' copies saved under one file name are two documents, named the same way
    whatever the order they are given in; the same file named twice is read once."""
    for folder, text in (("wire", STRIKE), ("paper", RULING)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text, encoding="utf-8")
    one, two = str(tmp_path / "wire" / "story.txt"), str(tmp_path / "paper" / "story.txt")
    outputs = []
    for order in ((one, two), (two, one)):
        out = tmp_path / f"chronology-{len(outputs)}.json"
        code, _, err = run(capsys, "build", *order, "--published", "2024-03-02", "-o", str(out), "--no-progress")
        assert code == 0 and "from 2 documents" in err
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    assert sorted(d["id"] for d in json.loads(outputs[0])["documents"]) == ["story", "story-2"]
    out = tmp_path / "twice.json"
    code, _, err = run(capsys, "build", one, one, "--published", "2024-03-02", "-o", str(out), "--no-progress")
    assert code == 0 and "given twice; read once" in err and "from 1 document " in err


PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Lock gates fixed | Canal Post</title>
<meta property="og:title" content="Lock gates fixed">{meta}
<link rel="canonical" href="https://canal.example/lock-gates"></head><body>
<nav><a href="/">Home</a> | <a href="/boats">Boats</a></nav>
<article><h1>Lock gates fixed</h1>
<p>Engineers replaced the upper gates of the Millbrook lock on Monday, ending a closure that had stranded
dozens of narrowboats on the canal since the start of the month.</p>
<p>The canal trust said on Tuesday that boats would be let through in both directions from Wednesday
morning, and that the towpath would reopen to walkers and cyclists next week.</p>
</article><footer>Canal Post</footer></body></html>
"""


@pytest.fixture()
def page(tmp_path: Path) -> Path:
    pytest.importorskip("trafilatura")
    pytest.importorskip("htmldate")
    p = tmp_path / "lock.html"
    p.write_text(PAGE.format(meta='<meta property="article:published_time" content="2024-05-14">'), encoding="utf-8")
    return p


def test_build_web_pages_given_as_paths(capsys: Any, page: Path, files: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "chronology.json"
    code, _, err = run(capsys, "build", str(page), "-o", str(out), "--no-progress")
    assert code == 0 and "no --published" not in err  # the page gives its own date
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["documents"] == [{"id": "lock", "published": "2024-05-14T00:00:00", "title": "Lock gates fixed", "url": "https://canal.example/lock-gates"}]
    assert {e["value"] for e in data["events"]} >= {"2024-05-13", "2024-05-14", "2024-W21"}  # Monday, Tuesday, next week
    assert all("<" not in m["sentence"] for e in data["events"] for m in e["mentions"])
    # --published wins over the page's date; text files and pages mix
    code, _, err = run(capsys, "build", str(page), str(files[0]), "--published", "2024-05-21", "-o", str(out), "--no-progress")
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {d["id"]: d["published"] for d in data["documents"]} == {"lock": "2024-05-21T00:00:00", "strike": "2024-05-21T00:00:00"}


def test_build_web_pages_from_a_manifest(capsys: Any, page: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "pages.jsonl"
    manifest.write_text(json.dumps({"id": "canal", "path": "lock.html", "published": "2024-05-15", "title": "Mine"}) + "\n", encoding="utf-8")
    out = tmp_path / "chronology.json"
    code, _, _ = run(capsys, "build", "--manifest", str(manifest), "-o", str(out), "--no-progress")
    assert code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))["documents"][0]
    assert doc == {"id": "canal", "published": "2024-05-15T00:00:00", "title": "Mine", "url": "https://canal.example/lock-gates"}


def test_build_web_pages_without_the_extra(capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    p = tmp_path / "lock.htm"
    p.write_text(PAGE.format(meta=""), encoding="utf-8")
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # makes `import trafilatura` fail
    out = tmp_path / "chronology.json"
    code, _, err = run(capsys, "build", str(p), "--published", "2024-05-14", "-o", str(out), "--no-progress")
    assert code == 2 and not out.exists()
    assert _one_error_line(err) == (
        f"timeline: error: {p}: a web page, and reading web pages needs the optional dependencies "
        "trafilatura and htmldate: pip install 'timeline[html]'"
    )


def test_build_files_to_csv(capsys: Any, files: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "chronology.csv"
    code, _, err = run(capsys, "build", *map(str, files), "--published", "March 2, 2024", "-o", str(out), "--no-progress")
    assert code == 0, err
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["value", "start", "end", "granularity", "status", "text", "actors", "sources", "mentions"]
    assert len(rows) > 1 and all(r[7] for r in rows[1:])
    assert err.startswith(f"wrote {len(rows) - 1} event") and err.endswith(f"from 2 documents to {out}\n")


def test_build_from_the_manifest(capsys: Any, articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "strike.json"
    code, _, err = run(capsys, "build", "--manifest", str(articles / "manifest.jsonl"), "-o", str(out), "--no-progress")
    assert code == 0, err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [d["published"][:10] for d in data["documents"]] == ["2024-02-26", "2024-02-28", "2024-03-02", "2024-03-06"]
    assert any(len(e["sources"]) > 1 for e in data["events"])
    assert err.splitlines() == [f"wrote {len(data['events'])} events from 4 documents to {out}"]


@pytest.mark.parametrize(("name", "magic"), [("chronology.svg", b"<?xml"), ("chronology.PNG", b"\x89PNG"), ("chronology.pdf", b"%PDF")])
def test_build_to_a_chart(capsys: Any, articles: Path, tmp_path: Path, name: str, magic: bytes) -> None:
    out = tmp_path / name
    code, stdout, err = run(capsys, "build", "--manifest", str(articles / "manifest.jsonl"), "-o", str(out), "--no-progress")
    assert code == 0 and stdout == "", err
    assert out.read_bytes().startswith(magic)
    assert err.startswith("wrote ") and err.endswith(f"from 4 documents to {out}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["articles", name])


def test_skip_bad_continues(capsys: Any, articles: Path, tmp_path: Path) -> None:
    manifest = articles / "manifest.jsonl"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    lines.insert(1, '{"id": "gone", "path": "no-such-article.txt", "published": "2024-02-27"}')
    lines.insert(3, "{broken")
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"

    code, _, err = run(capsys, "build", "--manifest", str(manifest), "-o", str(out), "--no-progress")
    assert code == 2 and not out.exists()
    assert ":2: " in _one_error_line(err) and "no-such-article.txt" in err

    code, _, err = run(capsys, "build", "--manifest", str(manifest), "-o", str(out), "--no-progress", "--skip-bad")
    assert code == 0 and out.exists()
    warnings = [line for line in err.splitlines() if "warning" in line.lower()]
    assert len(warnings) == 2
    assert f"{manifest}:2: " in warnings[0] and "no-such-article.txt" in warnings[0]
    assert f"{manifest}:4: " in warnings[1]
    assert err.splitlines()[-1].endswith(f"from 4 documents to {out}")


def test_skip_bad_files(capsys: Any, files: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    missing = tmp_path / "missing.txt"
    code, _, err = run(capsys, "build", str(files[0]), str(missing), "--published", "2024-03-02", "-o", str(out), "--no-progress", "--skip-bad")
    assert code == 0, err
    assert len([line for line in err.splitlines() if "missing.txt" in line]) == 1
    assert [d["id"] for d in json.loads(out.read_text(encoding="utf-8"))["documents"]] == ["strike"]


# --- a history among the news: --mode and the manifest's mode field -----------------------------

SPILLWAY = "Engineers opened the spillway gates of the Kessel Dam on Monday after a week of heavy rain, the water authority said.\n"
DAM_HISTORY = "Work on the Kessel Dam was begun in 1931. In April the river was diverted through two tunnels.\n"


def _values(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for e in json.loads(path.read_text(encoding="utf-8"))["events"]:
        for source in e["sources"]:
            out.setdefault(source, []).append(e["value"])
    return {k: sorted(v) for k, v in out.items()}


def test_build_mode_option(capsys: Any, tmp_path: Path) -> None:
    history = tmp_path / "dam.txt"
    history.write_text(DAM_HISTORY, encoding="utf-8")
    out = tmp_path / "out.json"
    code, _, err = run(capsys, "build", str(history), "--published", "2023-06-07", "--mode", "narrative", "-o", str(out), "--no-progress")
    assert code == 0, err
    assert _values(out) == {"dam": ["1931", "1931-04"]}
    code, _, err = run(capsys, "build", str(history), "--published", "2023-06-07", "-o", str(out), "--no-progress")
    assert code == 0, err
    assert _values(out) == {"dam": ["1931", "2023-04"]}  # news by default
    code, _, err = run(capsys, "build", str(history), "--published", "2023-06-07", "--mode", "history", "-o", str(out))
    assert code == 2 and "--mode: invalid choice: 'history'" in _one_error_line(err)


def test_build_manifest_mode_field(capsys: Any, tmp_path: Path) -> None:
    (tmp_path / "dam.txt").write_text(DAM_HISTORY, encoding="utf-8")
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(
        json.dumps({"id": "spillway", "text": SPILLWAY, "published": "2023-06-07"}) + "\n"
        + json.dumps({"id": "dam", "path": "dam.txt", "published": "2023-06-07", "mode": "narrative"}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    code, _, err = run(capsys, "build", "--manifest", str(manifest), "-o", str(out), "--no-progress")
    assert code == 0, err
    assert _values(out) == {"dam": ["1931", "1931-04"], "spillway": ["2023-06-05"]}
    assert {d["id"]: d.get("mode") for d in json.loads(out.read_text(encoding="utf-8"))["documents"]} == {"dam": "narrative", "spillway": None}
    # --mode is the default of the entries without a mode field: the entry's own comes first
    manifest.write_text(
        json.dumps({"id": "dam", "path": "dam.txt", "published": "2023-06-07", "mode": "news"}) + "\n"
        + json.dumps({"id": "dam2", "text": DAM_HISTORY.replace("Kessel", "Arlo"), "published": "2023-06-07"}) + "\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "build", "--manifest", str(manifest), "--mode", "narrative", "-o", str(out), "--no-progress")
    assert code == 0, err
    assert _values(out) == {"dam": ["1931", "2023-04"], "dam2": ["1931", "1931-04"]}


def test_build_manifest_bad_mode(capsys: Any, files: list[Path], tmp_path: Path) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(
        json.dumps({"id": "a", "path": "strike.txt", "published": "2024-03-02"}) + "\n"
        + json.dumps({"id": "b", "path": "ruling.txt", "published": "2024-03-02", "mode": "memoir"}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    code, _, err = run(capsys, "build", "--manifest", str(manifest), "-o", str(out), "--no-progress")
    assert code == 2 and not out.exists()
    assert _one_error_line(err) == f"timeline: error: {manifest}:2: bad 'mode': mode must be one of 'news', 'narrative' or None, not 'memoir'"
    assert len(err.splitlines()) == 1
    code, _, err = run(capsys, "build", "--manifest", str(manifest), "-o", str(out), "--no-progress", "--skip-bad")
    assert code == 0 and [d["id"] for d in json.loads(out.read_text(encoding="utf-8"))["documents"]] == ["a"]
    assert len([line for line in err.splitlines() if "'memoir'" in line]) == 1


# --- errors: one line, status 2, nothing written -------------------------------------------------


@pytest.mark.parametrize("name", ["out.jpg", "out.txt", "out"])
def test_unsupported_output_format(capsys: Any, files: list[Path], tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    code, stdout, err = run(capsys, "build", str(files[0]), "--published", "2024-03-02", "-o", str(out))
    assert code == 2 and stdout == "" and not out.exists()
    line = _one_error_line(err)
    assert all(ext in line for ext in (".json", ".csv", ".png", ".svg", ".pdf"))
    assert (Path(name).suffix or "no extension") in line


def test_missing_input_file(capsys: Any, files: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    code, _, err = run(capsys, "build", str(files[0]), str(tmp_path / "missing.txt"), "--published", "2024-03-02", "-o", str(out))
    assert code == 2 and not out.exists()
    assert _one_error_line(err) == f"timeline: error: {tmp_path / 'missing.txt'}: no such file"
    assert len(err.splitlines()) == 1


def test_malformed_manifest_line(capsys: Any, files: list[Path], tmp_path: Path) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(
        json.dumps({"id": "a", "path": "strike.txt", "published": "2024-03-02"}) + "\n"
        + json.dumps({"id": "b", "path": "ruling.txt"}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    code, _, err = run(capsys, "build", "--manifest", str(manifest), "-o", str(out))
    assert code == 2 and not out.exists()
    assert _one_error_line(err) == f"timeline: error: {manifest}:2: missing field 'published'"


def test_malformed_csv_manifest(capsys: Any, files: list[Path], tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text("id,path,published\na,strike.txt,2024-03-02\nb,ruling.txt,not-a-date\n", encoding="utf-8")
    code, _, err = run(capsys, "build", "--manifest", str(manifest), "-o", str(tmp_path / "o.csv"))
    assert code == 2 and f"{manifest}:3: bad 'published' date" in _one_error_line(err)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--published", "someday"], "cannot understand the date 'someday'"),
        (["--manifest", "m.jsonl"], "not both"),
        (["--n-process", "0", "--published", "2024-03-02"], "--n-process"),
    ],
)
def test_bad_arguments(capsys: Any, files: list[Path], tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "out.json"
    code, _, err = run(capsys, "build", str(files[0]), *args, "-o", str(out))
    assert code == 2 and not out.exists()
    assert message in _one_error_line(err)


def test_nothing_to_build(capsys: Any, tmp_path: Path) -> None:
    code, _, err = run(capsys, "build", "-o", str(tmp_path / "o.json"))
    assert code == 2 and "nothing to build" in _one_error_line(err)


def test_published_and_manifest_are_exclusive(capsys: Any, tmp_path: Path) -> None:
    code, _, err = run(capsys, "build", "--manifest", "m.jsonl", "--published", "2024-03-02", "-o", str(tmp_path / "o.json"))
    assert code == 2 and "not allowed with" in _one_error_line(err)


def test_output_folder_must_exist(capsys: Any, files: list[Path], tmp_path: Path) -> None:
    code, _, err = run(capsys, "build", str(files[0]), "--published", "2024-03-02", "-o", str(tmp_path / "no" / "o.json"))
    assert code == 2 and "no such directory" in _one_error_line(err)
    assert not (tmp_path / "no").exists()


def test_output_is_required(capsys: Any, files: list[Path]) -> None:
    code, _, err = run(capsys, "build", str(files[0]), "--published", "2024-03-02")
    assert code == 2 and "-o/--output" in _one_error_line(err)


def test_one_progress_display_covers_the_whole_run(capsys: Any) -> None:
    from timeline.cli import _RunProgress

    with _RunProgress(3, ["merging", "summarizing", "drawing"], enabled=True) as run:
        assert run.bar is not None and run.bar.total == 6
        for _ in range(3):
            run.document()
        for stage in ("merging", "summarizing", "drawing"):
            run.stage(stage)
            assert run.bar.desc.startswith(stage)
        bar = run.bar
    assert bar.n == 6  # every document and every stage counted once
    with _RunProgress(3, ["writing"], enabled=False) as quiet:
        quiet.document()
        quiet.stage("writing")
        assert quiet.bar is None
