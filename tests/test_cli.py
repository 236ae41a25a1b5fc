"""The command line, run in-process (plus one run of the installed script)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline.cli import main

TEXT = "Kim left Pyongyang on Sunday & arrived <Tuesday>. He will meet Putin next week.\n"

DOC_A = """<?xml version="1.0" ?>
<TimeML>
<DOCID>a</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2023-09-12" temporalFunction="false" functionInDocument="CREATION_TIME">2023-09-12</TIMEX3></DCT>
<TEXT>
The ferry left the harbour on <TIMEX3 tid="t1" type="DATE" value="2023-09-10">Sunday</TIMEX3> and will return <TIMEX3 tid="t2" type="DATE" value="2023-W38">next week</TIMEX3>.
</TEXT>
</TimeML>
"""

DOC_B = """<?xml version="1.0" ?>
<TimeML>
<DOCID>b</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
The mill closed in <TIMEX3 tid="t1" type="DATE" value="1996">1996</TIMEX3>. Its owners said <TIMEX3 tid="t2" type="DATE" value="1998-01-07">yesterday</TIMEX3> that the site would be sold.
</TEXT>
</TimeML>
"""


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    p = tmp_path / "article.txt"
    p.write_text(TEXT, encoding="utf-8")
    return p


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.tml").write_text(DOC_A, encoding="utf-8")
    (d / "b.tml").write_text(DOC_B, encoding="utf-8")
    return d


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: Any) -> None:
    assert run(capsys, "--version") == (0, f"timeline {timeline.__version__}\n", "")


def test_no_command_prints_help(capsys: Any) -> None:
    code, out, _ = run(capsys)
    assert code == 0 and "tag" in out and "eval" in out and "demo" in out


def test_tag_text(capsys: Any, article: Path) -> None:
    code, out, err = run(capsys, "tag", str(article), "--published", "2023-09-12", "--no-model")
    assert code == 0 and err == ""
    lines = [line.split("\t") for line in out.splitlines()]
    assert [(r[2], r[3]) for r in lines] == [("2023-09-10", "Sunday"), ("2023-09-12", "Tuesday"), ("2023-W38", "next week")]
    for span, type_, _value, text, reason in lines:
        start, end = map(int, span.split("-"))
        assert TEXT[start:end] == text and type_ == "DATE" and reason


def test_tag_json_from_stdin(capsys: Any, monkeypatch: Any) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("It rained yesterday."))
    code, out, _ = run(capsys, "tag", "-", "--published", "Sept 12, 2023", "--format", "json", "--no-model")
    assert code == 0
    [d] = json.loads(out)
    assert d["text"] == "yesterday" and d["value"] == "2023-09-11" and d["interval"][0] == "2023-09-11T00:00:00"


def test_tag_timeml_round_trip(capsys: Any, article: Path, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "tag", str(article), "--published", "2023-09-12", "--format", "timeml", "--no-model")
    assert code == 0
    import xml.etree.ElementTree as ET

    root = ET.fromstring(out)
    assert root.find("DCT/TIMEX3").get("value") == "2023-09-12"  # type: ignore[union-attr]
    text_el = root.find("TEXT")
    assert text_el is not None and "".join(text_el.itertext()) == TEXT  # escaping kept the text
    assert [(t.text, t.get("value"), t.get("tid")) for t in text_el.iter("TIMEX3")] == [
        ("Sunday", "2023-09-10", "t1"),
        ("Tuesday", "2023-09-12", "t2"),
        ("next week", "2023-W38", "t3"),
    ]
    # the output is a corpus the evaluator can read: tagging it again scores perfectly
    d = tmp_path / "round"
    d.mkdir()
    (d / "article.tml").write_text(out, encoding="utf-8")
    report = timeline.evaluate(d, nlp=False)
    assert (report.strict_f1, report.value_f1) == (1.0, 1.0)


def test_tag_timeml_without_published_and_with_mod(capsys: Any, tmp_path: Path) -> None:
    p = tmp_path / "x.txt"
    p.write_text("Prices rose late last year.", encoding="utf-8")
    code, out, _ = run(capsys, "tag", str(p), "--format", "timeml", "--no-model")
    assert code == 0 and "<DCT>" not in out
    assert 'value="XXXX" mod="END">late last year<' in out


def test_tag_with_model_and_narrative_mode(capsys: Any, article: Path, nlp: Any) -> None:
    code, out, _ = run(capsys, "tag", str(article), "--published", "2023-09-12", "--mode", "narrative")
    assert code == 0 and len(out.splitlines()) == 3


def test_eval(capsys: Any, corpus: Path) -> None:
    code, out, err = run(capsys, "eval", str(corpus), "--no-model", "--errors", "5")
    assert code == 0 and err == ""
    expected = timeline.evaluate(corpus, nlp=False).format(max_errors=5)
    assert out == expected.rstrip("\n") + "\n"


def test_demo(capsys: Any, tmp_path: Path) -> None:
    out_png = tmp_path / "chronology.png"
    code, out, err = run(capsys, "demo", "-o", str(out_png), "--no-model")
    assert code == 0, err
    data = out_png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    assert "later this month" in out and "2024-03" in out and str(out_png) in out


def test_demo_default_output_in_cwd(capsys: Any, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "demo", "--no-model")
    assert code == 0, err
    assert (tmp_path / "timeline-demo.png").read_bytes()[:4] == b"\x89PNG"


# --- errors: one line on stderr, status 2 -------------------------------------------------


def _one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("timeline: error: ")
    return lines[0]


def test_missing_file(capsys: Any, tmp_path: Path) -> None:
    code, out, err = run(capsys, "tag", str(tmp_path / "nope.txt"), "--published", "2023-09-12", "--no-model")
    assert code == 2 and out == ""
    assert "nope.txt" in _one_error_line(err)


def test_bad_published(capsys: Any, article: Path) -> None:
    code, out, err = run(capsys, "tag", str(article), "--published", "the day after", "--no-model")
    assert code == 2 and out == ""
    assert "'the day after'" in _one_error_line(err)


def test_not_utf8(capsys: Any, tmp_path: Path) -> None:
    p = tmp_path / "latin1.txt"
    p.write_bytes("Caf\xe9 on Monday".encode("latin-1"))
    code, _, err = run(capsys, "tag", str(p), "--published", "2023-09-12", "--no-model")
    assert code == 2
    _one_error_line(err)


def test_eval_bad_directory(capsys: Any, tmp_path: Path) -> None:
    code, out, err = run(capsys, "eval", str(tmp_path / "missing"), "--no-model")
    assert code == 2 and out == ""
    _one_error_line(err)


def test_demo_unwritable_output(capsys: Any, tmp_path: Path) -> None:
    code, _, err = run(capsys, "demo", "-o", str(tmp_path / "no" / "such" / "dir.png"), "--no-model")
    assert code == 2
    _one_error_line(err)


def test_usage_error(capsys: Any) -> None:
    code, out, err = run(capsys, "tag")
    assert code == 2 and out == ""
    assert err.splitlines()[-1].startswith("timeline: error: ")


def test_installed_script_version() -> None:
    script = Path(sys.executable).with_name("timeline")
    if not script.exists():
        found = shutil.which("timeline")
        if found is None:
            pytest.skip("the timeline console script is not installed")
        script = Path(found)
    out = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout == f"timeline {timeline.__version__}\n" and out.stderr == ""


def test_python_m_timeline() -> None:
    out = subprocess.run([sys.executable, "-m", "timeline", "--version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout == f"timeline {timeline.__version__}\n"
