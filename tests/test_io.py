"""The atomic writer (timeline._io.write_atomic) and file reading (read_text_file): what is at
the path decides how it is written or read (issue 12, classes 3 and 9)."""

from __future__ import annotations

import errno
import os
import stat
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline import Document, Timeline
from timeline import _io
from timeline._document import read_text_file
from timeline._io import write_atomic

POSIX = os.name == "posix"
needs_posix = pytest.mark.skipif(not POSIX, reason="POSIX file modes, FIFOs and devices")


def _symlink(target: str, link: Path) -> None:
    try:
        os.symlink(target, link)
    except (OSError, NotImplementedError) as e:  # Windows without the privilege
        pytest.skip(f"cannot create symbolic links here: {e}")


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- symbolic links ------------------------------------------------------------------------


def test_a_symbolic_link_is_written_through_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "data" / "chronology.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    _symlink(os.path.join("data", "chronology.json"), link)
    Timeline().to_json(link)
    assert link.is_symlink() and os.readlink(link) == os.path.join("data", "chronology.json")
    assert '"events": []' in real.read_text(encoding="utf-8")
    assert _temps(tmp_path) == [] and _temps(real.parent) == []


def test_a_chain_of_links_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    _symlink("real.csv", tmp_path / "one.csv")
    _symlink("one.csv", tmp_path / "two.csv")
    write_atomic(tmp_path / "two.csv", "new")
    assert real.read_text(encoding="utf-8") == "new"
    assert (tmp_path / "one.csv").is_symlink() and (tmp_path / "two.csv").is_symlink()


def test_a_dangling_link_creates_the_file_it_names(tmp_path: Path) -> None:
    link = tmp_path / "out.json"
    _symlink("made.json", link)
    write_atomic(link, "new")
    assert link.is_symlink() and (tmp_path / "made.json").read_text(encoding="utf-8") == "new"


def test_a_dangling_link_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    link = tmp_path / "out.json"
    _symlink(os.path.join("missing", "made.json"), link)
    with pytest.raises(FileNotFoundError) as info:
        write_atomic(link, "new")
    assert info.value.filename == str(link)
    assert "symbolic link" in str(info.value) and "missing" in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"] and link.is_symlink()


def test_a_loop_of_links_names_the_file(tmp_path: Path) -> None:
    link = tmp_path / "loop.json"
    _symlink("loop.json", link)
    with pytest.raises(OSError) as info:
        write_atomic(link, "new")
    assert info.value.errno == errno.ELOOP and info.value.filename == str(link)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["loop.json"]


# --- modes -----------------------------------------------------------------------------------


@needs_posix
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_the_mode_of_a_file_is_kept(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "t.json"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, mode)
    Timeline().to_json(target)
    assert stat.S_IMODE(os.stat(target).st_mode) == mode
    assert "events" in target.read_text(encoding="utf-8")


@needs_posix
def test_a_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    target = tmp_path / "t.json"
    write_atomic(target, "new")
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o666 & ~mask


@needs_posix
def test_a_read_only_file_is_refused_and_unchanged(tmp_path: Path) -> None:
    # refused even for root, who could otherwise rename over it
    target = tmp_path / "t.csv"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o444)
    try:
        with pytest.raises(PermissionError) as info:
            Timeline().to_csv(target)
        assert info.value.filename == str(target) and "read-only" in str(info.value)
        assert target.read_text(encoding="utf-8") == "old"
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o444
        assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]
    finally:
        os.chmod(target, 0o644)


# --- what is not a regular file ------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_is_written_directly_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    # a reader first (non-blocking), so that opening the FIFO to write does not wait
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomic(fifo, "through the pipe\n")
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced"
        assert os.read(reader, 1000) == b"through the pipe\n"
    finally:
        os.close(reader)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


@needs_posix
def test_a_character_device_is_written_directly(monkeypatch: pytest.MonkeyPatch) -> None:
    device = os.devnull
    before = os.stat(device)
    if not stat.S_ISCHR(before.st_mode):
        pytest.skip(f"{device} is not a character device here")

    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a device must not get a temporary file or a rename")

    # guards: a regression fails here instead of replacing the system's device file
    monkeypatch.setattr("tempfile.mkstemp", never)
    monkeypatch.setattr("os.replace", never)
    assert write_atomic(device, "nothing") == Path(device)
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


@pytest.mark.skipif(not os.path.isdir("/dev/fd"), reason="no /dev/fd on this platform")
def test_a_file_descriptor_path_is_written_directly(tmp_path: Path) -> None:
    r, w = os.pipe()
    try:
        write_atomic(f"/dev/fd/{w}", "to the pipe")
        os.close(w)
        w = -1
        assert os.read(r, 100) == b"to the pipe"
    finally:
        os.close(r)
        if w >= 0:
            os.close(w)


# --- temporary files --------------------------------------------------------------------------


def test_an_interrupted_write_removes_its_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "t.json"
    target.write_text("old", encoding="utf-8")

    def interrupted(fd: int, raw: bytes) -> None:
        os.write(fd, raw[:3])
        os.close(fd)
        assert len(_temps(tmp_path)) == 1
        raise KeyboardInterrupt

    monkeypatch.setattr(_io, "_fill", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new content")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.json"]


def test_stale_temporary_files_of_the_target_are_removed(tmp_path: Path) -> None:
    # what a killed process leaves: .<name>.<8 random characters>.tmp
    target = tmp_path / "t.json"
    old = time.time() - 2 * _io.STALE_AFTER
    stale = tmp_path / ".t.json.a1b2c3d_.tmp"
    fresh = tmp_path / ".t.json.zzzzzzzz.tmp"  # perhaps another process writing right now
    others = [tmp_path / ".u.json.a1b2c3d_.tmp", tmp_path / ".t.json.a1b2c3d_.tmp.keep", tmp_path / ".t.json.a1b2.tmp"]
    for p in [stale, fresh, *others]:
        p.write_text("left over", encoding="utf-8")
        if p is not fresh:
            os.utime(p, (old, old))
    write_atomic(target, "new")
    assert not stale.exists()
    assert fresh.exists() and all(p.exists() for p in others)
    assert target.read_text(encoding="utf-8") == "new"


def test_write_errors_name_the_file_asked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "t.json"

    def cross_device(src: Any, dst: Any) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link", str(src), None, str(dst))

    monkeypatch.setattr("os.replace", cross_device)
    with pytest.raises(OSError) as info:
        write_atomic(target, "new")
    assert info.value.filename == str(target)
    assert list(tmp_path.iterdir()) == []


def test_a_file_name_that_cannot_exist_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a valid file name"):
        write_atomic(tmp_path / "a\x00b.json", "x")
    assert list(tmp_path.iterdir()) == []


# --- reading: newlines as stored, only files that end -----------------------------------------


CRLF = "Port strike\r\n\r\nDockworkers walked off the job on Tuesday, the union said. The\r\nstrike will end next week.\r\n"


def test_a_crlf_file_is_read_as_stored(tmp_path: Path) -> None:
    p = tmp_path / "crlf.txt"
    p.write_bytes(CRLF.encode("utf-8"))
    assert read_text_file(p) == CRLF
    doc = Document.from_file(p, published="2023-09-12")
    assert doc.text == CRLF
    found = timeline.tag(doc.text, published="2023-09-12", nlp=False)
    assert [doc.text[t.start : t.end] for t in found] == [t.text for t in found] == ["Tuesday", "next week"]
    assert found[0].start == CRLF.index("Tuesday")


def test_a_lone_cr_is_kept_too(tmp_path: Path) -> None:
    p = tmp_path / "mac.txt"
    p.write_bytes(b"Old Mac file\rThe talks began on Monday.\r")
    assert read_text_file(p) == "Old Mac file\rThe talks began on Monday.\r"


@needs_posix
def test_a_device_is_not_read(tmp_path: Path) -> None:
    # /dev/zero would never end (the audit saw a MemoryError); /dev/null is the same kind of
    # file, a character device, and a regression reads it harmlessly as empty text
    if not stat.S_ISCHR(os.stat(os.devnull).st_mode):
        pytest.skip(f"{os.devnull} is not a character device here")
    link = tmp_path / "zero.txt"
    _symlink(os.devnull, link)
    with pytest.raises(timeline.DocumentError, match="zero.txt: not a regular file [(]a character device[)]"):
        Document.from_file(link, published="2023-09-12")
    with pytest.raises(timeline.DocumentError, match="not a regular file"):
        read_text_file(Path(os.devnull))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "in.txt"
    os.mkfifo(fifo)

    def write() -> None:
        try:
            with open(fifo, "wb") as f:  # waits for the reader
                f.write(b"The talks began on Monday.\r\n")
        except OSError:
            pass

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    assert read_text_file(fifo) == "The talks began on Monday.\r\n"
    writer.join(5)


# --- writing over a directory -----------------------------------------------------------------------


def test_writing_over_a_directory_names_it_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.mkdir()
    for write in (lambda: Timeline().to_json(target), lambda: Timeline().to_csv(target)):
        with pytest.raises(IsADirectoryError) as info:
            write()
        assert info.value.filename == str(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]
    assert list(target.iterdir()) == []



def test_the_umask_is_read_without_being_set(monkeypatch: Any) -> None:
    import os

    from timeline import _io

    def no_umask(mask: int) -> int:
        raise AssertionError("os.umask sets the mask for every thread")

    _io._umask.cache_clear()
    expected = os.umask(0o022)
    os.umask(expected)
    monkeypatch.setattr(os, "umask", no_umask)
    try:
        assert _io._umask() == expected
    finally:
        _io._umask.cache_clear()
