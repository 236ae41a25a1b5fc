"""Manifests: a list of articles with their publication dates, in JSON Lines or CSV.

Each entry has an ``id``, either a ``path`` (relative paths are relative to the manifest's
folder) or the ``text`` itself, a ``published`` date, and optionally a ``title``, a ``url``,
a ``date_order`` (``MDY``, ``DMY`` or ``YMD``: how its numeric dates read) and a ``mode``
(``news`` or ``narrative``: a report, or a history whose dates follow the story). A ``path``
ending in ``.html`` or ``.htm`` is read as a web page (:meth:`Document.from_html`: its main
text; the entry's fields win over the page's metadata, and ``published`` may then be left
out for the page's own date). Other fields
are ignored. See docs/events.md.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ._document import Document, check_mode, is_web_page, read_text_file, read_web_page
from ._errors import DateInputError, DocumentError, ManifestError
from ._dateorder import DateOrder, check_date_order
from ._published import Published, is_ambiguous_date_string, parse_published
from ._tag import Mode

__all__ = ["read_manifest", "iter_manifest", "MANIFEST_FIELDS"]

log = logging.getLogger("timeline")

#: The fields a manifest entry may have (``path`` or ``text``, not both).
MANIFEST_FIELDS = ("id", "path", "text", "published", "title", "url", "date_order", "mode")
JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
CSV_SUFFIXES = (".csv",)
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_manifest(
    path: str | Path, *, skip_bad: bool = False, date_order: DateOrder | None = None, mode: Mode | None = None
) -> list[Document]:
    """The documents listed in a JSON Lines (``.jsonl``, ``.json``, ``.ndjson``: one JSON
    object per line) or CSV (``.csv``, with a header row) manifest.

    A malformed entry (bad JSON, missing or ill-typed field, an ``id``, ``title`` or ``url``
    holding a lone surrogate, both or neither of ``path`` and ``text``, unreadable file, bad
    date, duplicate id) raises
    :class:`~timeline.ManifestError` with its 1-based line number. With ``skip_bad=True``
    such entries are logged as warnings (logger ``"timeline"``) and skipped instead. A
    manifest that cannot be read at all raises :class:`~timeline.DocumentError`.
    ``date_order`` (``"MDY"``, ``"DMY"``, ``"YMD"``) is that of the entries that do not give
    their own ``date_order`` field (see :class:`~timeline.Document`); ``mode`` (``"news"``,
    ``"narrative"``) likewise that of the entries without a ``mode`` field (with neither, the
    document's mode is left unset: news, unless :func:`~timeline.build` is told otherwise).
    """
    date_order = check_date_order(date_order)
    mode = check_mode(mode)
    out: list[Document] = []
    for item in iter_manifest(path, date_order=date_order, mode=mode):
        if isinstance(item, ManifestError):
            if not skip_bad:
                raise item
            log.warning("%s (skipped)", item)
        else:
            out.append(item)
    return out


def iter_manifest(
    path: str | Path, *, date_order: DateOrder | None = None, mode: Mode | None = None
) -> Iterator[Document | ManifestError]:
    """Each entry of the manifest as a :class:`Document`, or as the :class:`ManifestError`
    saying why it is malformed (returned, not raised, so callers can go on)."""
    date_order = check_date_order(date_order)
    mode = check_mode(mode)
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in JSONL_SUFFIXES + CSV_SUFFIXES:
        supported = ", ".join(JSONL_SUFFIXES + CSV_SUFFIXES)
        raise DocumentError(f"{p}: unknown manifest format {p.suffix or '(no extension)'!r}; use one of {supported}")
    text = read_text_file(p, "utf-8-sig")
    rows = _csv_rows(p, text) if suffix in CSV_SUFFIXES else _jsonl_rows(p, text)
    seen: dict[str, int] = {}
    for line, row in rows:
        if isinstance(row, ManifestError):
            yield row
            continue
        try:
            doc = _document(p, row, date_order, mode)
        except _Bad as e:
            yield ManifestError(str(p), line, str(e))
            continue
        if doc.id in seen:
            yield ManifestError(str(p), line, f"duplicate id {doc.id!r} (first on line {seen[doc.id]})")
            continue
        seen[doc.id] = line
        yield doc


class _Bad(Exception):
    """Why an entry is malformed (becomes a ManifestError with the line number)."""


def _jsonl_rows(p: Path, text: str) -> Iterator[tuple[int, Mapping[str, Any] | ManifestError]]:
    # JSON Lines are separated by "\n" alone: str.splitlines() would also split at U+2028,
    # U+2029 and U+0085, which json.dumps(..., ensure_ascii=False) leaves inside strings
    for line, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as e:
            yield line, ManifestError(str(p), line, f"not valid JSON ({e.msg}, column {e.colno})")
            continue
        except RecursionError:
            yield line, ManifestError(str(p), line, "not valid JSON (nested too deeply)")
            continue
        except ValueError:  # an integer longer than Python converts (4,300 digits by default)
            yield line, ManifestError(str(p), line, "not valid JSON (a number too long to read)")
            continue
        if not isinstance(row, dict):
            yield line, ManifestError(str(p), line, f"expected a JSON object, got {type(row).__name__}")
            continue
        yield line, row


def _csv_rows(p: Path, text: str) -> Iterator[tuple[int, Mapping[str, Any] | ManifestError]]:
    # a whole article may sit in one cell: lift the csv module's 128 KiB field limit (a
    # process-wide setting, restored as soon as the manifest is read)
    previous = csv.field_size_limit()
    csv.field_size_limit(max(previous, len(text) + 1))
    try:
        rows = list(_csv_records(p, text))
    finally:
        csv.field_size_limit(previous)
    yield from rows


def _csv_records(p: Path, text: str) -> Iterator[tuple[int, Mapping[str, Any] | ManifestError]]:
    # as the csv module asks (newline=""): records end at \n, \r or \r\n only, never at the
    # U+2028, U+2029 or U+0085 a cell may hold
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return
    except csv.Error as e:
        raise ManifestError(str(p), 1, f"bad CSV header ({e})") from None
    missing = [f for f in ("id", "published") if f not in header]
    if missing or not ({"path", "text"} & set(header)):
        need = missing + ([] if {"path", "text"} & set(header) else ["path or text"])
        raise ManifestError(str(p), 1, f"the CSV header lacks the column(s) {', '.join(need)}")
    line = reader.line_num
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            yield start, ManifestError(str(p), start, f"bad CSV ({e})")
            line = reader.line_num
            continue
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            yield start, ManifestError(str(p), start, f"{len(cells)} values for {len(header)} columns")
            continue
        # empty cells count as absent
        yield start, {h: c for h, c in zip(header, cells) if h and c.strip()}


def _field(row: Mapping[str, Any], name: str, *, required: bool = False) -> str | None:
    v = row.get(name)
    if v is None:
        if required:
            raise _Bad(f"missing field {name!r}")
        return None
    if not isinstance(v, str):
        raise _Bad(f"field {name!r} must be a string, not {type(v).__name__}")
    if not v.strip():
        if required:
            raise _Bad(f"field {name!r} is empty")
        return None
    return v


def _text_field(row: Mapping[str, Any], name: str, *, required: bool = False) -> str | None:
    """A field that is written out as UTF-8 (id, title, url): a lone surrogate (JSON's
    ``"\\ud800"``) cannot be, so it is refused here rather than when the result is written."""
    v = _field(row, name, required=required)
    if v is not None:
        m = _SURROGATE.search(v)
        if m is not None:
            raise _Bad(f"field {name!r} holds a lone surrogate ({m.group()!a} at character {m.start()}), which is not text")
    return v


def _document(manifest: Path, row: Mapping[str, Any], default_order: DateOrder | None = None, default_mode: Mode | None = None) -> Document:
    doc_id = _text_field(row, "id", required=True)
    path = _field(row, "path")
    # a web page may say when it was published; a text file cannot
    page = path is not None and is_web_page(Path(path))
    published = _field(row, "published", required=not page)
    title = _text_field(row, "title")
    url = _text_field(row, "url")
    text = row.get("text")
    if text is not None and not isinstance(text, str):
        raise _Bad(f"field 'text' must be a string, not {type(text).__name__}")
    if path is not None and text is not None:
        raise _Bad("give either 'path' or 'text', not both")
    if path is None and text is None:
        raise _Bad("missing field 'path' (or 'text')")
    try:
        order: DateOrder | None = check_date_order(_field(row, "date_order")) or default_order
    except ValueError as e:
        raise _Bad(f"bad 'date_order': {e}") from None
    try:
        mode: Mode | None = check_mode(_field(row, "mode")) or default_mode
    except ValueError as e:
        raise _Bad(f"bad 'mode': {e}") from None
    try:
        # an ambiguous numeric date with no order is read by the Document, from its text
        pub: Published = published if order is None and is_ambiguous_date_string(published) else parse_published(published, date_order=order)
    except DateInputError as e:
        raise _Bad(f"bad 'published' date: {e}") from None
    try:
        if path is not None:
            file = Path(path)
            if not file.is_absolute():
                file = manifest.parent / file
            if page:
                return read_web_page(file, published=pub, id=doc_id, title=title, url=url, date_order=order, mode=mode)
            return Document.from_file(file, published=pub, id=doc_id, title=title, url=url, date_order=order, mode=mode)
        return Document(text or "", published=pub, id=doc_id, title=title, url=url, date_order=order, mode=mode)
    except DocumentError as e:
        raise _Bad(str(e)) from None
