"""The ``timeline`` command: ``tag``, ``build``, ``eval`` and ``demo``.

Errors in the input (unreadable files, dates that cannot be understood, unusable corpora or
models) end the program with status 2 and a one-line message. Warnings about doubtful input
(:class:`~timeline.TimelineWarning`) are one line each, ``timeline: WARNING: ...``; nothing
else is printed on stderr unless ``--verbose`` is given.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
import warnings
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from ._cli_parser import PROG, _UsageError
from ._cli_parser import build_parser as _build_parser
from ._errors import DocumentError, TimelineError
from ._version import __version__
from .render._spec import IMAGE_FORMATS as _IMAGE_FORMATS

if TYPE_CHECKING:
    from datetime import datetime

    from ._types import Timex

__all__ = ["main", "format_text", "format_json", "format_timeml"]

log = logging.getLogger("timeline")


# --- output formats -----------------------------------------------------------------------


def _one_line(s: str) -> str:
    return " ".join(s.split())


def format_text(timexes: Sequence[Timex]) -> str:
    """One line per timex: ``start-end<TAB>TYPE<TAB>value<TAB>text<TAB>reason``."""
    return "".join(
        f"{t.start}-{t.end}\t{t.type}\t{t.value}\t{_one_line(t.text)}\t{_one_line(t.reason)}\n" for t in timexes
    )


def format_json(timexes: Sequence[Timex]) -> str:
    """A JSON list of :meth:`Timex.to_dict` objects."""
    return json.dumps([t.to_dict() for t in timexes], ensure_ascii=False, indent=2) + "\n"


def format_timeml(text: str, timexes: Sequence[Timex], *, published: datetime | None = None, doc_id: str = "") -> str:
    """``text`` with inline ``<TIMEX3>`` tags in a minimal TimeML document."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<TimeML>\n']
    if doc_id:
        parts.append(f"<DOCID>{escape(doc_id)}</DOCID>\n")
    if published is not None:
        day = published.date().isoformat()
        parts.append(
            f'<DCT><TIMEX3 tid="t0" type="DATE" value="{day}" temporalFunction="false" '
            f'functionInDocument="CREATION_TIME">{day}</TIMEX3></DCT>\n'
        )
    parts.append("<TEXT>")
    pos = 0
    for i, t in enumerate(sorted(timexes, key=lambda t: t.start), start=1):
        if t.start < pos:  # overlapping results cannot be nested in XML: skip
            continue
        parts.append(escape(text[pos : t.start]))
        mod = f" mod={quoteattr(t.mod)}" if t.mod else ""
        parts.append(f'<TIMEX3 tid="t{i}" type={quoteattr(t.type)} value={quoteattr(t.value)}{mod}>')
        parts.append(escape(text[t.start : t.end]))
        parts.append("</TIMEX3>")
        pos = t.end
    parts.append(escape(text[pos:]))
    parts.append("</TEXT>\n</TimeML>\n")
    return "".join(parts)


# --- commands -------------------------------------------------------------------------------


def _print(s: str) -> None:
    """Write ``s`` on standard output: text its encoding cannot hold (a non-UTF-8 locale)
    is a one-line error, and nothing is written."""
    try:
        sys.stdout.write(s)
    except UnicodeEncodeError as e:
        encoding = getattr(sys.stdout, "encoding", None) or e.encoding
        raise TimelineError(
            f"cannot write the output in the encoding of standard output ({encoding}): "
            f"{e.reason} ({e.object[e.start : e.start + 1]!a}); set PYTHONIOENCODING=utf-8"
        ) from None


#: Standard input that is a device but not a terminal (``< /dev/zero``) is read up to this size.
STDIN_DEVICE_LIMIT = 64 * 1024 * 1024


def _read_stdin_bytes(buffer: Any) -> bytes:
    """All of standard input; from a device other than a terminal (``/dev/null`` is fine,
    ``/dev/zero`` never ends) at most :data:`STDIN_DEVICE_LIMIT` bytes."""
    import stat

    try:
        fd = buffer.fileno()
        device = stat.S_ISCHR(os.fstat(fd).st_mode) and not os.isatty(fd)
    except (AttributeError, OSError, ValueError):  # not a file (tests, embedding programs)
        device = False
    if not device:
        return bytes(buffer.read())
    raw = bytes(buffer.read(STDIN_DEVICE_LIMIT + 1))
    if len(raw) > STDIN_DEVICE_LIMIT:
        raise DocumentError(f"<stdin>: a device that does not end (such as /dev/zero): not read past {STDIN_DEVICE_LIMIT:,} bytes")
    return raw


def _read_input(path: str) -> str:
    """The text of ``path`` (``-``: standard input), strictly UTF-8, with its newlines as
    stored (a CRLF stays two characters) whichever way it is read."""
    if path == "-":
        if sys.stdin is None:  # started with standard input closed
            raise DocumentError("<stdin>: standard input is closed")
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is None:  # a text stream (tests, embedding programs)
            return sys.stdin.read()
        raw: bytes = _read_stdin_bytes(buffer)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise DocumentError(f"<stdin>: not valid utf-8 text ({e.reason} at byte {e.start})") from None
    from pathlib import Path

    from ._document import read_text_file

    return read_text_file(Path(path))


def _nlp_arg(args: argparse.Namespace) -> Any:
    return False if args.no_model else None


def _cmd_tag(args: argparse.Namespace) -> int:
    from ._published import is_ambiguous_date_string, parse_published
    from ._tag import published_for, tag

    # before reading: fail fast on a bad date (an ambiguous numeric one, with no
    # --date-order, takes the order of the text's own dates)
    ambiguous = args.date_order is None and is_ambiguous_date_string(args.published)
    published = None if ambiguous else parse_published(args.published, date_order=args.date_order)
    text = _read_input(args.file)
    if ambiguous:
        published = published_for(args.published, text, None)
    timexes = tag(text, published=published, nlp=_nlp_arg(args), mode=args.mode, date_order=args.date_order)
    if args.format == "json":
        out = format_json(timexes)
    elif args.format == "timeml":
        from ._tag import parseable

        # a file name's undecodable bytes (lone surrogates) cannot be written as UTF-8
        doc_id = "" if args.file == "-" else parseable(args.file.rsplit("/", 1)[-1])
        out = format_timeml(text, timexes, published=published, doc_id=doc_id)
    else:
        out = format_text(timexes)
    _print(out)
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from ._evaluate import evaluate

    report = evaluate(args.dir, mode=args.mode, nlp=_nlp_arg(args))
    _print(report.format(max_errors=args.errors).rstrip("\n") + "\n")
    return 0


def _cmd_eval_tls(args: argparse.Namespace) -> int:
    from ._tls import evaluate_tls

    if args.n_process < 1 and args.n_process != -1:
        raise TimelineError(f"--n-process must be at least 1 (or -1 for one per CPU), not {args.n_process}")
    progress = not args.no_progress and sys.stderr.isatty()
    report = evaluate_tls(args.dir, query=args.query, n_process=args.n_process, cache=args.cache, progress=progress)
    if args.json:
        _print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        _print(report.format())
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from ._demo import format_table, load_example, run_demo

    ex = load_example()
    timexes, path = run_demo(args.output, nlp=_nlp_arg(args))
    _print(f"{ex.title}\npublished {ex.published}\n\n{format_table(timexes)}\n\nchronology written to {path}\n")
    return 0


IMAGE_FORMATS = tuple(_IMAGE_FORMATS)
BUILD_FORMATS = (".json", ".timelinejs.json", ".csv", ".html", *IMAGE_FORMATS)


def _check_output(out: str) -> str:
    """The output format (its extension); fails before any work is done."""
    from pathlib import Path

    ext = Path(out).suffix.lower()
    if Path(out).name.lower().endswith(".timelinejs.json"):  # wins over .json
        ext = ".timelinejs.json"
    if ext not in BUILD_FORMATS:
        shown = repr(Path(out).suffix) if Path(out).suffix else "no extension"
        raise TimelineError(
            f"cannot write {out}: unsupported output format ({shown}); use one of "
            f"{', '.join(BUILD_FORMATS)}"
        )
    parent = Path(out).parent
    if not parent.is_dir():
        raise TimelineError(f"cannot write {out}: no such directory {str(parent)!r}")
    if Path(out).is_dir():
        raise TimelineError(f"cannot write {out}: it is a directory")
    from ._io import check_writable

    check_writable(out)  # a read-only file, a link into a missing folder...: an OSError naming it
    return ext


def _load_documents(args: argparse.Namespace) -> tuple[list[Any], int]:
    """The documents named on the command line (files or a manifest), and how many inputs
    were skipped. Every input is tried: without --skip-bad, any failure is an error that
    names the first bad input and counts the others; with it, each is a warning."""
    from pathlib import Path

    from ._document import Document, is_web_page, read_web_page
    from ._manifest import iter_manifest

    docs: list[Document] = []
    bad: list[DocumentError] = []
    if args.manifest is not None:
        for item in iter_manifest(args.manifest, date_order=args.date_order):
            if isinstance(item, DocumentError):
                bad.append(item)
            else:
                docs.append(item)
    else:
        published = None
        if args.published is not None:
            from ._published import parse_published

            published = parse_published(args.published, date_order=args.date_order)  # fail fast on a bad date
        elif not all(is_web_page(Path(p)) for p in args.paths):  # a web page may give its own
            log.warning("no --published date: relative dates ('on Monday') stay unresolved; give --published or --manifest")
        seen: set[Path] = set()
        for path in args.paths:
            # the same file named twice (overlapping globs) is read once; two files of the
            # same name in two folders are two documents (build names the second <name>-2)
            try:
                resolved = Path(path).resolve()
            except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13): reading says so
                resolved = Path(path).absolute()
            if resolved in seen:
                log.warning("%s: given twice; read once", path)
                continue
            seen.add(resolved)
            try:
                if is_web_page(Path(path)):
                    doc = read_web_page(Path(path), published=published, id=None, title=None, url=None, date_order=args.date_order)
                else:
                    doc = Document.from_file(path, published=published, date_order=args.date_order)
            except DocumentError as e:
                bad.append(e)
                continue
            docs.append(doc)
    if bad and not args.skip_bad:
        if len(bad) == 1:
            raise bad[0]
        raise DocumentError(f"{bad[0]} (also bad: {_where(bad[1:])}; --skip-bad builds without them)")
    for failure in bad:
        log.warning("%s (skipped)", failure)
    return docs, len(bad)


def _where(errors: Sequence[DocumentError]) -> str:
    """Where bad inputs are: ``lines 3, 5`` of the manifest, or the file names."""
    from ._errors import ManifestError

    lines = [str(e.line) for e in errors if isinstance(e, ManifestError)]
    names = [str(e).split(": ", 1)[0] for e in errors if not isinstance(e, ManifestError)]
    places = ([f"line{'s' if len(lines) > 1 else ''} {', '.join(lines[:10])}{', ...' if len(lines) > 10 else ''}"] if lines else [])
    places += names[:5] + ([f"{len(names) - 5} more files"] if len(names) > 5 else [])
    return "; ".join(places)


def _cmd_build(args: argparse.Namespace) -> int:
    if args.manifest is not None and args.paths:
        raise TimelineError("give either PATH... or --manifest FILE, not both")
    if args.manifest is None and not args.paths:
        raise TimelineError("nothing to build: give PATH... (text files) or --manifest FILE")
    if args.n_process < 1 and args.n_process != -1:
        raise TimelineError(f"--n-process must be at least 1 (or -1 for one per CPU), not {args.n_process}")
    ext = _check_output(args.output)
    docs, skipped = _load_documents(args)
    if not docs:
        raise TimelineError("no documents to build from (every input was skipped)")
    if skipped:
        sys.stderr.write(f"skipped {skipped} bad input{'' if skipped == 1 else 's'} of {skipped + len(docs)}\n")
    summarizing = args.summary is not None or args.query is not None or args.per_date is not None
    drawing = ext in IMAGE_FORMATS
    stages = ["merging"] + (["summarizing"] if summarizing else []) + (["drawing"] if drawing else ["writing"])
    with _RunProgress(len(docs), stages, enabled=not args.no_progress and sys.stderr.isatty()) as run:
        timeline = _build_stepwise(docs, n_process=args.n_process, date_order=args.date_order, mode=args.mode, run=run)
        built = len(timeline)
        if summarizing:
            run.stage("summarizing")
            timeline = timeline.summarize(dates=args.summary, per_date=args.per_date or 1, query=args.query)
        run.stage("drawing" if drawing else "writing")
        if ext == ".csv":
            timeline.to_csv(args.output)
        elif ext == ".html":
            timeline.to_html(args.output, **({"title": args.title} if args.title is not None else {}))
        elif ext == ".timelinejs.json":
            timeline.to_timelinejs(args.output, title=args.title)
        elif drawing:
            options: dict[str, Any] = {"orientation": args.orientation}
            if args.title is not None:
                options["title"] = args.title
            if args.max_events is not None:
                options["max_events"] = args.max_events
            timeline.save(args.output, **options)
        else:
            timeline.to_json(args.output)
    what = f"{len(timeline)} key event{'' if len(timeline) == 1 else 's'} of {built}" if summarizing else f"{len(timeline)} event{'' if len(timeline) == 1 else 's'}"
    m = len(docs)
    sys.stderr.write(f"wrote {what} from {m} document{'' if m == 1 else 's'} to {args.output}\n")
    return 0


def _build_stepwise(docs: list[Any], *, n_process: int, date_order: str | None, mode: str | None = None, run: _RunProgress) -> Any:
    """``timeline.build``, one document at a time, so that one display shows the whole run."""
    from ._build import _with_unique_ids, iter_document_events, merge

    events: list[Any] = []
    dated: list[Any] = []
    stream = iter_document_events(_with_unique_ids(docs), n_process=n_process, date_order=date_order, mode=mode)  # type: ignore[arg-type]
    for document, es in stream:
        dated.append(document)
        events.extend(es)
        run.document()
    run.stage("merging")
    return merge(events, documents=dated)


class _RunProgress:
    """One progress display for a whole ``timeline build`` run: a bar that counts the
    documents as they are parsed, then one step per later stage (merging, summarizing,
    drawing or writing), named in the bar's description. Silent when disabled or when
    ``tqdm`` is missing (then stages are logged at level INFO)."""

    def __init__(self, n_documents: int, stages: list[str], *, enabled: bool) -> None:
        self.stages = stages
        self.bar: Any = None
        self.current = ""
        if enabled:
            try:
                from tqdm import tqdm
            except ImportError:
                pass
            else:
                self.bar = tqdm(total=n_documents + len(stages), unit="step", desc="parsing", leave=False)

    def __enter__(self) -> _RunProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            if self.current:
                self.bar.update(1)
            self.bar.close()

    def document(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def stage(self, name: str) -> None:
        log.info("%s", name)
        if self.bar is not None:
            if self.current:
                self.bar.update(1)
            self.current = name
            self.bar.set_description(name)


def build_parser() -> argparse.ArgumentParser:
    """The parser of the command line (built in :mod:`timeline._cli_parser`)."""
    commands = {"tag": _cmd_tag, "eval": _cmd_eval, "eval-tls": _cmd_eval_tls, "build": _cmd_build, "demo": _cmd_demo}
    return _build_parser(commands)



class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to the *current* ``sys.stderr`` (which tests and callers may swap)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter(f"{PROG}: %(levelname)s: %(message)s"))

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int, file: Any = None, line: str | None = None) -> None:
    """A warning as one log line (``timeline: WARNING: ...``), without source lines."""
    log.warning("%s", _one_line(str(message)))


def _error(message: str) -> int:
    sys.stderr.write(f"{PROG}: error: {_one_line(message)}\n")
    return 2


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread: it takes the same way out as Ctrl-C, so that
    temporary files are removed and worker processes stopped. ``workers``: how many worker
    processes were stopped."""

    def __init__(self, workers: int = 0) -> None:
        super().__init__()
        self.workers = workers


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """While the block runs (in the main thread), SIGTERM raises :class:`_Terminated` and is
    passed on to the worker processes; the previous handler is restored after. Forked
    worker processes that inherit the handler do what the previous handler did."""
    import signal
    import threading

    sigterm = getattr(signal, "SIGTERM", None)
    if sigterm is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(sigterm)
    if previous is None:  # a handler not installed from Python: leave it alone
        yield
        return
    pid = os.getpid()

    def on_sigterm(signum: int, frame: Any) -> None:
        if os.getpid() != pid:  # a forked worker
            if callable(previous):
                previous(signum, frame)
            elif previous == signal.SIG_DFL:
                signal.signal(signum, signal.SIG_DFL)
                os.kill(os.getpid(), signum)
            return
        # Ctrl-C reaches the whole process group; SIGTERM only this process: pass it on to
        # the worker processes (n_process), which would otherwise block the way out
        workers = 0
        mp = sys.modules.get("multiprocessing")
        if mp is not None:
            for child in mp.active_children():
                try:
                    child.terminate()
                    workers += 1
                except OSError:
                    pass
        raise _Terminated(workers)

    signal.signal(sigterm, on_sigterm)
    try:
        yield
    finally:
        signal.signal(sigterm, previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 interrupted by Ctrl-C or
    SIGTERM, 2 bad input). Every error is one line on stderr, ``timeline: error: ...``."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as e:
        e.parser.print_usage(sys.stderr)
        return _error(str(e))
    if args.version:
        sys.stdout.write(f"{PROG} {__version__}\n")
        return 0
    if args.command is None:
        parser.print_help(sys.stdout)
        return 0
    handler = _StderrHandler()
    handler.setLevel(logging.INFO if args.verbose else logging.WARNING)
    previous_level = log.level
    log.addHandler(handler)
    if args.verbose:
        log.setLevel(logging.INFO)
    try:
        # catch_warnings restores showwarning when the command ends
        with warnings.catch_warnings(), _sigterm_as_interrupt():
            warnings.showwarning = _show_warning
            return int(args.func(args))
    except TimelineError as e:
        return _error(str(e))
    except OSError as e:
        if isinstance(e, BrokenPipeError):
            return 1
        where = f"{e.filename}: " if e.filename else ""
        return _error(f"{where}{e.strerror or e}")
    except _Terminated as e:
        sys.stderr.write(f"{PROG}: terminated\n")
        if e.workers:
            # the queues that fed the stopped workers would block the interpreter's exit
            # forever (multiprocessing joins their feeder threads): end here, as SIGTERM's
            # default would have, but after the clean-up
            logging.shutdown()
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except (OSError, ValueError):
                    pass
            os._exit(1)
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return 1
    except Exception as e:  # bad input that no check foresaw (or a bug): one line all the same
        log.info("the traceback of the error below:", exc_info=True)
        what = f"{type(e).__name__}: {_one_line(str(e))[:300]}" if str(e).strip() else type(e).__name__
        return _error(f"unexpected {what}" + ("" if args.verbose else " (--verbose shows where)"))
    finally:
        log.removeHandler(handler)
        log.setLevel(previous_level)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
