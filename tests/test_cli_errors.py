"""The command line on hostile input (issue 12, classes 3, 4 and 9): one line
``timeline: error: ...`` and status 2 instead of a traceback, SIGTERM cleans up like Ctrl-C,
and offsets do not depend on how a file is read."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import stat
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import pytest
from timeline_tests_helpers import one_error_line, run

import timeline
from timeline.cli import main

PUB = "2023-09-12"
STRIKE = "Dockworkers walked off the job on Tuesday, the union said."
JUDGE = "The judge ruled on Friday."


def _manifest(folder: Path, bad_line: str) -> Path:
    """A manifest whose line 2 is ``bad_line`` between two good entries."""
    m = folder / "m.jsonl"
    good = [json.dumps({"id": "strike", "text": STRIKE, "published": PUB}), json.dumps({"id": "judge", "text": JUDGE, "published": PUB})]
    m.write_text("\n".join([good[0], bad_line, good[1]]) + "\n", encoding="utf-8")
    return m


# --- class 4: bad manifests give one line ----------------------------------------------------

BAD_LINES = {
    # json.loads reads "\ud800" as a lone surrogate, which cannot be written as UTF-8
    "surrogate id": ('{"id": "bad\\ud800", "text": "On Monday.", "published": "2023-09-12"}', ["'id'", "lone surrogate"]),
    "surrogate title": ('{"id": "bad", "text": "On Monday.", "published": "2023-09-12", "title": "\\udcff"}', ["'title'", "lone surrogate"]),
    "surrogate url": ('{"id": "bad", "text": "On Monday.", "published": "2023-09-12", "url": "http://x/\\udfff"}', ["'url'", "lone surrogate"]),
    # more digits than Python converts to an int (4,300 by default): a ValueError in json.loads
    "5000-digit integer": ('{"id": "bad", "text": "On Monday.", "published": "2023-09-12", "n": 1' + "0" * 5000 + "}", ["not valid JSON", "number"]),
}


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_a_bad_manifest_line_is_one_line_and_status_2(capsys: Any, tmp_path: Path, case: str) -> None:
    bad_line, words = BAD_LINES[case]
    m = _manifest(tmp_path, bad_line)
    out = tmp_path / "out.json"
    code, stdout, err = run(capsys, "build", "--manifest", str(m), "-o", str(out), "--no-progress")
    assert code == 2 and stdout == ""
    line = one_error_line(err)
    assert f"{m}:2: " in line, line
    for word in words:
        assert word in line, line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.jsonl"]


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_skip_bad_skips_the_bad_manifest_line_with_a_warning(capsys: Any, tmp_path: Path, case: str) -> None:
    m = _manifest(tmp_path, BAD_LINES[case][0])
    out = tmp_path / "out.json"
    code, _, err = run(capsys, "build", "--manifest", str(m), "-o", str(out), "--no-progress", "--skip-bad")
    assert code == 0, err
    assert "Traceback" not in err
    warned = [line for line in err.splitlines() if line.startswith("timeline: WARNING: ")]
    assert len(warned) == 1 and f"{m}:2: " in warned[0] and "(skipped)" in warned[0], err
    assert "skipped 1 bad input of 3" in err
    assert [d["id"] for d in json.loads(out.read_text(encoding="utf-8"))["documents"]] == ["judge", "strike"]


@pytest.mark.skipif(os.name != "posix", reason="needs a character device")
def test_a_manifest_that_is_a_device_is_one_line(capsys: Any, tmp_path: Path) -> None:
    # the audit's /dev/zero ran out of memory; /dev/null is the same kind of file and cannot
    # hurt if a regression reads it
    if not stat.S_ISCHR(os.stat(os.devnull).st_mode):
        pytest.skip(f"{os.devnull} is not a character device here")
    m = tmp_path / "m.jsonl"
    try:
        os.symlink(os.devnull, m)
    except OSError as e:
        pytest.skip(f"cannot create symbolic links here: {e}")
    code, _, err = run(capsys, "build", "--manifest", str(m), "-o", str(tmp_path / "o.json"), "--no-progress")
    assert code == 2 and "m.jsonl: not a regular file (a character device)" in one_error_line(err)
    code, _, err = run(capsys, "tag", str(m), "--published", PUB, "--no-model")
    assert code == 2 and "not a regular file" in one_error_line(err)
    # an article of a manifest that is a device: that line, skipped with --skip-bad
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "dev.txt").symlink_to(os.devnull)
    m2 = _manifest(sub, json.dumps({"id": "dev", "path": "dev.txt", "published": PUB}))
    out = sub / "o.json"
    code, _, err = run(capsys, "build", "--manifest", str(m2), "-o", str(out), "--no-progress")
    assert code == 2 and f"{m2}:2: " in one_error_line(err) and "dev.txt" in err
    code, _, err = run(capsys, "build", "--manifest", str(m2), "-o", str(out), "--no-progress", "--skip-bad")
    assert code == 0 and "skipped 1 bad input of 3" in err


@pytest.mark.skipif(not os.path.exists("/dev/zero") or sys.platform != "linux", reason="needs /dev/zero and RLIMIT_AS")
def test_standard_input_that_never_ends_is_one_line() -> None:
    # in a child process whose memory is capped: a regression ends in a MemoryError there,
    # not in a machine out of memory
    import resource

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    with open("/dev/zero", "rb") as zero:
        run = subprocess.run(
            [sys.executable, "-m", "timeline", "tag", "-", "--published", PUB, "--no-model"],
            stdin=zero, capture_output=True, text=True, preexec_fn=cap, timeout=120,
        )
    assert run.returncode == 2 and run.stdout == ""
    assert "<stdin>" in one_error_line(run.stderr) and "/dev/zero" in run.stderr
    with open(os.devnull, "rb") as null:  # a device that ends at once is empty text
        run = subprocess.run(
            [sys.executable, "-m", "timeline", "tag", "-", "--published", PUB, "--no-model"],
            stdin=null, capture_output=True, text=True, timeout=120,
        )
    assert run.returncode == 0 and run.stdout == "", run.stderr


# --- class 4: other failures on output and unforeseen errors ------------------------------------


def test_output_the_terminal_cannot_encode_is_one_line(capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "cafe.txt"
    p.write_text("The café opened on Monday — at last.\n", encoding="utf-8")
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="ascii"))  # LANG=C without UTF-8 mode
    code = main(["tag", str(p), "--published", PUB, "--no-model", "--format", "timeml"])
    sys.stdout.flush()
    err = capsys.readouterr().err
    assert code == 2
    line = one_error_line(err)
    assert "ascii" in line and "PYTHONIOENCODING=utf-8" in line
    assert raw.getvalue() == b"", "nothing half written"


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs file names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_written_in_timeml(capsys: Any, tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xff.txt")  # a lone surrogate, as Python holds undecodable bytes
    try:
        (tmp_path / name).write_text("The talks began on Monday.\n", encoding="utf-8")
    except (OSError, UnicodeError) as e:
        pytest.skip(f"the file system refuses the name: {e}")
    code, out, err = run(capsys, "tag", str(tmp_path / name), "--published", PUB, "--no-model", "--format", "timeml")
    assert code == 0, err
    assert "<DOCID>caf\ufffd.txt</DOCID>" in out


@pytest.mark.parametrize("exc", [RecursionError("maximum recursion depth exceeded"), MemoryError(), UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")])
def test_an_unforeseen_exception_is_one_line(capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exc: Exception) -> None:
    p = tmp_path / "a.txt"
    p.write_text("The talks began on Monday.\n", encoding="utf-8")

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise exc

    monkeypatch.setattr("timeline._tag.tag", broken)
    code, out, err = run(capsys, "tag", str(p), "--published", PUB, "--no-model")
    assert code == 2 and out == ""
    assert type(exc).__name__ in one_error_line(err)
    code, _, err = run(capsys, "--verbose", "tag", str(p), "--published", PUB, "--no-model")
    assert code == 2 and "Traceback" in err and err.splitlines()[-1].startswith("timeline: error: ")


# --- class 3: the output file ------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_read_only_output_fails_before_the_build_and_is_kept(capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    m = _manifest(tmp_path, json.dumps({"id": "x", "text": "On Monday.", "published": PUB}))
    out = tmp_path / "o.json"
    out.write_text("old", encoding="utf-8")
    os.chmod(out, 0o444)

    def no_build(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the output is checked before the documents are read")

    monkeypatch.setattr("timeline.cli._load_documents", no_build)
    try:
        code, _, err = run(capsys, "build", "--manifest", str(m), "-o", str(out), "--no-progress")
        assert code == 2 and f"{out}: read-only file" in one_error_line(err)
        assert out.read_text(encoding="utf-8") == "old"
    finally:
        os.chmod(out, 0o644)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.jsonl", "o.json"]


# --- class 3: SIGTERM takes the way out of Ctrl-C --------------------------------------------


def _long_manifest(folder: Path, n: int = 3) -> Path:
    m = folder / "m.jsonl"
    m.write_text("".join(json.dumps({"id": f"d{i}", "text": STRIKE, "published": PUB}) + "\n" for i in range(n)), encoding="utf-8")
    return m


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="needs POSIX signals")
def test_sigterm_during_a_write_leaves_no_temporary_file(capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    m = _long_manifest(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    received: list[int] = []

    def safety(signum: int, frame: Any) -> None:  # so that a regression cannot kill pytest
        received.append(signum)

    previous = signal.signal(signal.SIGTERM, safety)
    try:
        from timeline import _io

        real_fill = _io._fill
        temps: list[str] = []

        def fill_then_sigterm(fd: int, raw: bytes) -> None:
            os.write(fd, raw[: len(raw) // 2])
            temps.extend(p.name for p in out_dir.iterdir())
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(100):  # the handler runs between two bytecodes
                threading.Event().wait(0.01)
            real_fill(fd, raw[len(raw) // 2 :])

        monkeypatch.setattr(_io, "_fill", fill_then_sigterm)
        code, _, err = run(capsys, "build", "--manifest", str(m), "-o", str(out_dir / "o.json"), "--no-progress")
        assert received == [], "main() did not handle SIGTERM"
        assert len(temps) == 1 and temps[0].startswith(".o.json.") and temps[0].endswith(".tmp")
        assert code == 1 and "terminated" in err and "Traceback" not in err, err
        assert list(out_dir.iterdir()) == [], "no output and no temporary file"
        assert signal.getsignal(signal.SIGTERM) is safety, "main() restores the handler it found"
    finally:
        signal.signal(signal.SIGTERM, previous)


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="needs POSIX signals")
def test_sigterm_to_the_cli_process_leaves_no_temporary_file(tmp_path: Path) -> None:
    # a real process and a real signal: the write is paused half-way (so that the signal
    # surely comes while the temporary file exists), then SIGTERM is sent from outside
    m = _long_manifest(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    script = textwrap.dedent(
        """
        import os, sys, time
        from timeline import _io
        from timeline.cli import main

        def slow_fill(fd, raw):
            os.write(fd, raw[: len(raw) // 2])
            print("writing", flush=True)
            time.sleep(60)
            os.write(fd, raw[len(raw) // 2 :])
            os.close(fd)

        _io._fill = slow_fill
        sys.exit(main(sys.argv[1:]))
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, "build", "--manifest", str(m), "-o", str(out_dir / "o.json"), "--no-progress"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(120, proc.kill)
    watchdog.start()
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if line != "writing\n":
            proc.kill()
            pytest.fail(f"the CLI did not reach the write: {line!r} {proc.communicate()[1]}")
        assert [p.name.endswith(".tmp") for p in out_dir.iterdir()] == [True]
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        watchdog.cancel()
    assert proc.returncode == 1, (proc.returncode, err)
    assert "Traceback" not in err and "terminated" in err, err
    assert list(out_dir.iterdir()) == [], "no output and no temporary file"


# --- class 9: offsets index the file as stored, however it is read ------------------------------


CRLF = "Port strike\r\n\r\nDockworkers walked off the job on Tuesday, the union said. The\r\nstrike will end next week.\r\n"


def test_crlf_offsets_are_the_same_from_a_path_and_from_stdin(capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "crlf.txt"
    p.write_bytes(CRLF.encode("utf-8"))
    code, from_path, err = run(capsys, "tag", str(p), "--published", PUB, "--no-model", "--format", "json")
    assert code == 0, err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(p.read_bytes()), encoding="utf-8"))
    code, from_stdin, err = run(capsys, "tag", "-", "--published", PUB, "--no-model", "--format", "json")
    assert code == 0, err
    assert json.loads(from_path) == json.loads(from_stdin)
    held = p.read_bytes().decode("utf-8")  # what the user holds
    found = json.loads(from_path)
    assert [t["text"] for t in found] == ["Tuesday", "next week"]
    assert all(held[t["start"] : t["end"]] == t["text"] for t in found)
    assert found[0]["start"] == held.index("Tuesday")


def test_crlf_offsets_in_a_built_chronology_index_the_file(capsys: Any, tmp_path: Path) -> None:
    p = tmp_path / "crlf.txt"
    p.write_bytes(CRLF.encode("utf-8"))
    out = tmp_path / "o.json"
    code, _, err = run(capsys, "build", str(p), "--published", PUB, "-o", str(out), "--no-progress")
    assert code == 0, err
    events = json.loads(out.read_text(encoding="utf-8"))["events"]
    mentions = [mention for e in events for mention in e["mentions"]]
    assert mentions
    held = p.read_bytes().decode("utf-8")
    for mention in mentions:
        assert held[mention["start"] : mention["end"]] == mention["timex"], mention


# --- bad files, stdin and manifests (issue 6) -------------------------------------------------------




@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(STRIKE + "\n", encoding="utf-8")
    (d / "other.txt").write_text("The judge ruled on Friday.\n", encoding="utf-8")
    (d / "latin1.txt").write_bytes("Caf\xe9 on Monday".encode("latin-1"))
    (d / "binary.txt").write_bytes(bytes(range(256)))
    (d / "folder.txt").mkdir()
    return d


def _no_output(out_dir: Path) -> None:
    assert [p.name for p in out_dir.iterdir()] == [], "no output and no temporary file left"


@pytest.mark.parametrize(
    ("argv", "names"),
    [
        (["tag", "{in}/missing.txt"], ["missing.txt", "no such file"]),
        (["tag", "{in}/latin1.txt", "--no-model"], ["latin1.txt", "utf-8"]),
        (["tag", "{in}/binary.txt", "--no-model"], ["binary.txt", "utf-8"]),
        (["tag", "{in}/folder.txt", "--no-model"], ["folder.txt"]),
        (["tag", "{in}/good.txt", "--published", "2023-02-30"], ["'2023-02-30'"]),
        (["build", "{in}/good.txt", "{in}/missing.txt", "--published", PUB, "-o", "{out}/o.json"], ["missing.txt"]),
        (["build", "{in}/good.txt", "{in}/latin1.txt", "--published", PUB, "-o", "{out}/o.json"], ["latin1.txt", "utf-8"]),
        (["build", "{in}/good.txt", "--published", PUB, "-o", "{out}/o.gif"], ["o.gif", "'.gif'", ".json"]),
        (["build", "{in}/good.txt", "--published", PUB, "-o", "{out}/o"], ["no extension"]),
        (["build", "{in}/good.txt", "--published", PUB, "-o", "{out}/no/o.json"], ["no such directory"]),
        (["build", "--manifest", "{in}/missing.jsonl", "-o", "{out}/o.json"], ["missing.jsonl", "no such file"]),
        (["build", "--manifest", "{in}/good.txt", "-o", "{out}/o.json"], ["good.txt", "manifest format"]),
        (["build", "--manifest", "{in}/latin1.jsonl", "-o", "{out}/o.json"], ["latin1.jsonl", "utf-8"]),
    ],
)
def test_cli_bad_inputs_give_one_line_and_no_output(capsys: Any, inputs: Path, tmp_path: Path, argv: list[str], names: list[str]) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (inputs / "latin1.jsonl").write_bytes('{"id": "caf\xe9"}\n'.encode("latin-1"))
    args = [a.format(**{"in": inputs, "out": out_dir}) for a in argv]
    code, stdout, err = run(capsys, *args)
    assert code == 2 and stdout == ""
    line = one_error_line(err)
    for name in names:
        assert name in line, line
    _no_output(out_dir)


def test_cli_stdin_that_is_not_utf8(capsys: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"\xff\xfe on Monday the talks began"), encoding="utf-8", errors="surrogateescape")
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, err = run(capsys, "tag", "-", "--published", PUB)
    assert code == 2 and out == ""
    assert "<stdin>" in one_error_line(err) and "utf-8" in err


def test_cli_malformed_manifest_names_every_bad_line(capsys: Any, inputs: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    m = inputs / "m.jsonl"
    m.write_text(
        "\n".join(
            [
                json.dumps({"id": "good", "path": "good.txt", "published": PUB}),
                json.dumps({"id": "bin", "path": "binary.txt", "published": PUB}),
                "{not json",
                json.dumps({"id": "date", "text": "x", "published": "2023-02-30"}),
                json.dumps({"id": "other", "path": "other.txt", "published": PUB}),
                json.dumps({"id": "good", "path": "other.txt", "published": PUB}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    out = out_dir / "o.json"
    code, _, err = run(capsys, "build", "--manifest", str(m), "-o", str(out), "--no-progress")
    assert code == 2
    line = one_error_line(err)
    assert f"{m}:2: " in line and "binary.txt" in line
    assert "lines 3, 4, 6" in line and "--skip-bad" in line
    _no_output(out_dir)

    code, _, err = run(capsys, "build", "--manifest", str(m), "-o", str(out), "--no-progress", "--skip-bad")
    assert code == 0, err
    warned = [line for line in err.splitlines() if "WARNING" in line]
    assert [re.search(r":(\d+): ", w).group(1) for w in warned] == ["2", "3", "4", "6"]  # type: ignore[union-attr]
    assert "skipped 4 bad inputs of 6" in err
    assert [d["id"] for d in json.loads(out.read_text(encoding="utf-8"))["documents"]] == ["good", "other"]


def test_cli_bad_files_are_all_named(capsys: Any, inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.json"
    files = [str(inputs / n) for n in ("good.txt", "missing.txt", "latin1.txt", "other.txt")]
    code, _, err = run(capsys, "build", *files, "--published", PUB, "-o", str(out))
    assert code == 2 and not out.exists()
    line = one_error_line(err)
    assert "missing.txt: no such file" in line and "also bad: " in line and "latin1.txt" in line
    code, _, err = run(capsys, "build", *files, "--published", PUB, "-o", str(out), "--skip-bad", "--no-progress")
    assert code == 0 and "skipped 2 bad inputs of 4" in err
    assert [d["id"] for d in json.loads(out.read_text(encoding="utf-8"))["documents"]] == ["good", "other"]


def test_cli_output_that_is_a_directory(capsys: Any, inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "chronology.json"
    out.mkdir()
    code, _, err = run(capsys, "build", str(inputs / "good.txt"), "--published", PUB, "-o", str(out))
    assert code == 2 and "is a directory" in one_error_line(err) and str(out) in err
    assert list(out.iterdir()) == []


def test_cli_failure_while_drawing_leaves_no_file(capsys: Any, inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()

    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise timeline.RenderError("the figure could not be drawn")

    monkeypatch.setattr("timeline.render.figure_bytes", broken)
    code, _, err = run(capsys, "build", str(inputs / "good.txt"), "--published", PUB, "-o", str(out_dir / "c.svg"), "--no-progress")
    assert code == 2 and "could not be drawn" in one_error_line(err)
    _no_output(out_dir)

