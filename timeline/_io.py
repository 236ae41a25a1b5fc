"""Writing files so that a failure never leaves a partial file behind.

What :func:`write_atomic` does depends on what is at the path:

- nothing, or a regular file: the data go to a temporary file ``.<name>.<8 characters>.tmp``
  in the same folder, renamed over the target once complete, so readers see the old file or
  the new one, never half of one. An existing file keeps its permission bits (and, where the
  system allows it, its owner and group). A file that cannot be written (no write
  permission for this user, or none for anyone, even when running as root) is refused with
  a ``PermissionError`` naming it, and left unchanged.
- a symbolic link: followed (a chain of links too); the file it points to is written as
  above and the link stays a link. A dangling link creates the file it names, if that
  file's folder exists; otherwise ``FileNotFoundError`` naming the link.
- a character device (``/dev/null``, a terminal), a FIFO, or a file-descriptor link
  (``/dev/stdout``, ``/dev/fd/N``, ``/proc/self/fd/N``): written directly, not atomically,
  as a shell redirection would; a device is never replaced. Opening a FIFO waits for a
  reader.
- a directory: ``IsADirectoryError``; a block device or a socket: refused with an
  ``OSError`` naming it.

Every error is an ``OSError`` naming the path asked for, not the temporary file (a name
that cannot exist, with a NUL character, is a ``ValueError``). A file with other hard links
is replaced under this name only: the other names keep the old content.

A write interrupted by an exception (``KeyboardInterrupt``; on the command line also
SIGTERM) removes its temporary file. A process killed outright (SIGKILL, power loss) may
leave one behind: the next write of the same target removes that target's temporary files
that are more than an hour old.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import stat
import tempfile
import time
from pathlib import Path

__all__ = ["write_atomic", "check_writable"]

#: Temporary files of a target older than this (seconds) are left over by a killed process.
STALE_AFTER = 3600.0
_MAX_LINKS = 40
# the random part of tempfile.mkstemp names
_TEMP_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
# links to an open file descriptor: their "target" is no path to rename over
_DESCRIPTOR = re.compile(r"/(?:dev/fd|proc/(?:self|thread-self|\d+)/fd)/\d+")


_UMASK_LINE = re.compile(r"^Umask:\s*([0-7]+)$", re.M)


@functools.cache
def _umask() -> int:
    """The process's umask, read without setting it (``os.umask`` sets it for every thread
    while it is read): from ``/proc/self/status`` on Linux, else from the mode a new file is
    given."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            m = _UMASK_LINE.search(f.read())
        if m:
            return int(m.group(1), 8)
    except OSError:
        pass
    with tempfile.TemporaryDirectory() as d:
        probe = os.path.join(d, "probe")
        fd = os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
        try:
            return 0o666 & ~stat.S_IMODE(os.fstat(fd).st_mode)
        finally:
            os.close(fd)


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` via a temporary file in the same folder and
    a rename: readers see the old file or the new one, never half of one. Symbolic links are
    written through, character devices and FIFOs written directly (see the module's
    documentation). Returns ``path`` as a :class:`~pathlib.Path`."""
    target = Path(path)
    real, st, direct = _prepare(target)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if direct:
        return _write_directly(target, raw)
    mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask()
    _remove_stale_temps(real)
    try:
        fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
    except OSError as e:  # name the file asked for, not the temporary one
        raise _named(e, target) from None
    try:
        _fill(fd, raw)
        if st is not None and hasattr(os, "chown") and (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
            try:  # keep the owner and group where allowed (root; a group one belongs to)
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:
                pass
        os.chmod(tmp, mode)  # mkstemp makes the file private: use the target's mode, or the usual one
        os.replace(tmp, real)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise _named(e, target) from None
        raise
    return target


def check_writable(path: str | os.PathLike[str]) -> None:
    """Raise the ``OSError`` that :func:`write_atomic` would raise before writing (missing
    folder, a directory, a read-only file, a dangling link into a missing folder...), so that
    a long job can fail before it starts. Writes nothing."""
    _prepare(Path(path))


def _prepare(target: Path) -> tuple[Path, os.stat_result | None, bool]:
    """Where a write of ``target`` goes: the file to rename over (links followed), its
    status if it exists, and whether to write ``target`` directly (a device, a FIFO, a
    file descriptor). Raises the errors that make the write impossible."""
    try:
        if b"\x00" in os.fsencode(target):
            raise ValueError("NUL character")
    except ValueError as e:  # also a lone surrogate the file system cannot encode
        raise ValueError(f"{str(target)!r}: not a valid file name ({e})") from None
    try:
        st: os.stat_result | None = os.stat(target)  # follows links
    except FileNotFoundError:
        st = None
    except OSError as e:  # a loop of links, a file where a folder should be, no access
        if e.errno == errno.ENOTDIR:
            raise FileNotFoundError(errno.ENOENT, "no such directory", str(target.parent)) from None
        raise _named(e, target) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", str(target))
        if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
            return target, st, True
        if not stat.S_ISREG(st.st_mode):
            kind = "a block device" if stat.S_ISBLK(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) else "not a file"
            raise OSError(errno.EINVAL, f"{kind}, not a regular file: not written", str(target))
    real, descriptor = _follow(target)
    if descriptor:
        return target, st, True
    if not real.parent.is_dir():
        if real != target:
            raise FileNotFoundError(
                errno.ENOENT, f"a symbolic link to {real}, whose folder does not exist", str(target)
            )
        raise FileNotFoundError(errno.ENOENT, "no such directory", str(target.parent))
    if st is not None:
        if not (st.st_mode & 0o222):
            raise PermissionError(errno.EACCES, "read-only file: not replaced", str(target))
        if not os.access(real, os.W_OK):
            raise PermissionError(errno.EACCES, "no permission to write this file: not replaced", str(target))
    return real, st, False


def _fill(fd: int, raw: bytes) -> None:
    """Write ``raw`` to the open temporary file ``fd`` and close it."""
    with os.fdopen(fd, "wb") as f:
        f.write(raw)


def _write_directly(target: Path, raw: bytes) -> Path:
    """Write to a device, a FIFO or a file descriptor as a shell redirection would."""
    try:
        with open(target, "wb") as f:
            f.write(raw)
    except OSError as e:
        raise _named(e, target) from None
    return target


def _follow(target: Path) -> tuple[Path, bool]:
    """The file a write of ``target`` really writes, its symbolic links followed, and whether
    it is a file-descriptor link (``/dev/stdout`` -> ``/proc/self/fd/1``), to be written
    directly."""
    p = target
    for _ in range(_MAX_LINKS):
        if _DESCRIPTOR.fullmatch(os.path.abspath(p)):
            return p, True
        if not os.path.islink(p):
            return p, False
        try:
            link = os.readlink(p)
        except OSError as e:
            raise _named(e, target) from None
        p = Path(os.path.join(os.path.dirname(p), link))
    raise OSError(errno.ELOOP, "too many levels of symbolic links", str(target))


def _remove_stale_temps(real: Path) -> None:
    """Remove the temporary files of ``real`` left by a killed process (older than
    :data:`STALE_AFTER`); never anything else, never a link."""
    prefix = f".{real.name}."
    size = len(prefix) + 8 + len(".tmp")
    now = time.time()
    try:
        with os.scandir(real.parent) as entries:
            for entry in entries:
                name = entry.name
                if len(name) != size or not name.startswith(prefix) or not name.endswith(".tmp"):
                    continue
                if not set(name[len(prefix) : -4]) <= _TEMP_CHARS:
                    continue
                try:
                    info = entry.stat(follow_symlinks=False)
                    if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_AFTER:
                        os.unlink(entry.path)
                except OSError:
                    pass
    except OSError:
        pass


def _named(e: OSError, target: Path) -> OSError:
    """``e`` naming ``target`` (not a temporary file); unchanged if it has no error number."""
    if e.errno is None:
        return e
    return OSError(e.errno, e.strerror, str(target))  # the subclass the number names
