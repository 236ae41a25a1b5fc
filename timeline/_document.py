"""Documents: an article's text with its publication date and identity."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from ._dateorder import DateOrder, check_date_order
from ._errors import DocumentError
from ._published import Published
from ._context import check_mode
from ._tag import Mode, parseable, published_for

__all__ = ["Document", "HTML_SUFFIXES", "is_web_page", "read_web_page", "check_mode"]

#: File extensions read as web pages (by :meth:`Document.from_html`) in manifests and on the
#: command line, in any case.
HTML_SUFFIXES = (".html", ".htm")


class Document:
    """An article: its text, publication date, and a stable id.

    ``id`` defaults to a hash of the text and its metadata (publication date, title, url):
    the same article always gets the same id, and the same text published on two days or
    by two outlets gets two. Where default ids still collide (the very same article given
    twice), :func:`~timeline.build` names the later copies ``<id>-2``, ``<id>-3``...; ids
    given explicitly must be unique.
    ``date_order`` (``"MDY"``, ``"DMY"``, ``"YMD"`` or ``None``) says how to read numeric
    dates that could be day first or month first ("06/05/2024"), in ``published`` and in the
    text; with ``None`` they take the order the text's other dates show, else month first
    with a :class:`~timeline.DateOrderWarning`.
    ``mode`` says how the text's relative dates are resolved: ``"news"`` (a report: "on
    Monday", "in April" are placed around the publication date) or ``"narrative"`` (a
    history, an encyclopedia entry, a background explainer: a month without a year takes the
    story's current year, "the following day" counts from the last date told). ``None``
    (the default) reads as ``"news"``, unless :func:`~timeline.build` is given another
    ``mode=`` for the documents that do not set their own.

    >>> d = Document("Kim left on Sunday.", published="2023-09-12", title="Kim travels")
    >>> d
    Document(id='cbb4d61254b5', published='2023-09-12', title='Kim travels', 19 chars)
    >>> d.published
    datetime.datetime(2023, 9, 12, 0, 0)
    >>> Document("Kim left on Sunday.", published="2023-09-13").id != d.id
    True
    """

    __slots__ = ("text", "published", "id", "title", "url", "date_order", "mode", "_default_id")

    text: str
    published: datetime | None
    id: str
    title: str | None
    url: str | None
    date_order: DateOrder | None
    mode: Mode | None  # None: news, unless build(mode=...) says otherwise
    _default_id: bool  # the id was not chosen by the user: collisions get a suffix

    def __init__(
        self,
        text: str,
        *,
        published: Published,
        id: str | None = None,
        title: str | None = None,
        url: str | None = None,
        date_order: DateOrder | None = None,
        mode: Mode | None = None,
    ) -> None:
        if not isinstance(text, str):
            raise TypeError(f"Document text must be a str, not {type(text).__name__}")
        for name, v in (("id", id), ("title", title), ("url", url)):
            if v is not None and not isinstance(v, str):
                raise TypeError(f"Document {name} must be a str or None, not {type(v).__name__}")
        if id is not None and not id.strip():
            raise DocumentError("Document id must not be empty")
        # lone surrogates (undecodable bytes kept by errors="surrogateescape") are not
        # text: they cannot be parsed, hashed or written as UTF-8. U+FFFD keeps the offsets.
        text = parseable(text)
        date_order = check_date_order(date_order)
        mode = check_mode(mode)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "published", published_for(published, text, date_order))
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "url", url)
        object.__setattr__(self, "date_order", date_order)
        object.__setattr__(self, "mode", mode)
        object.__setattr__(self, "id", id if id is not None else self._fingerprint()[:12])
        object.__setattr__(self, "_default_id", id is None)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Document is immutable")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return (self.id, self.text, self.published, self.title, self.url, self.date_order, self.mode) == (
            other.id,
            other.text,
            other.published,
            other.title,
            other.url,
            other.date_order,
            other.mode,
        )

    def __hash__(self) -> int:
        return hash((self.id, self.text))

    def __repr__(self) -> str:
        pub = self.published.date().isoformat() if self.published else None
        title = f", title={self.title!r}" if self.title else ""
        order = f", date_order={self.date_order!r}" if self.date_order else ""
        mode = f", mode={self.mode!r}" if self.mode not in (None, "news") else ""
        return f"Document(id={self.id!r}, published={pub!r}{title}{order}{mode}, {len(self.text)} chars)"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.text, self.published, self.id, self.title, self.url, self._default_id, self.date_order, self.mode))

    def _fingerprint(self) -> str:
        """A SHA-1 hex digest of the text and metadata (publication date, title, url), not
        of the id: equal for two copies of the same article. The default id is its start."""
        pub = self.published.isoformat() if self.published else None
        key = json.dumps([self.text, pub, self.title, self.url])  # ASCII: lone surrogates are escaped
        return hashlib.sha1(key.encode("ascii")).hexdigest()

    def _with_published(self, published: datetime) -> Document:
        """This document with another publication date (its dateline's), all else kept."""
        return _rebuild(self.text, published, self.id, self.title, self.url, self._default_id, self.date_order, self.mode)

    def _with_default_id(self, id: str) -> Document:
        """This document under another default id (a suffixed copy: ``<id>-2``)."""
        return _rebuild(self.text, self.published, id, self.title, self.url, True, self.date_order, self.mode)

    @classmethod
    def from_file(
        cls,
        path: str | Path,
        *,
        published: Published,
        id: str | None = None,
        title: str | None = None,
        url: str | None = None,
        encoding: str = "utf-8",
        date_order: DateOrder | None = None,
        mode: Mode | None = None,
    ) -> Document:
        """Read a plain-text article. ``id`` defaults to the file name without extension."""
        p = Path(path)
        text = read_text_file(p, encoding)
        doc = cls(text, published=published, id=id if id is not None else p.stem, title=title, url=url, date_order=date_order, mode=mode)
        object.__setattr__(doc, "_default_id", id is None)  # a file name is not a chosen key
        return doc

    @classmethod
    def from_html(
        cls,
        html_or_path: str | bytes | Path,
        *,
        published: Published = None,
        id: str | None = None,
        title: str | None = None,
        url: str | None = None,
        date_order: DateOrder | None = None,
        mode: Mode | None = None,
    ) -> Document:
        """An article from a web page: its main text (by trafilatura; headline and paragraphs
        separated by blank lines) and, unless ``published`` is given, its publication date
        (by htmldate).

        ``html_or_path`` is the HTML itself (``bytes``, or a ``str`` containing ``<``) or the
        path of an HTML file; ``id`` then defaults to the file name without extension (else
        to the hash of :class:`Document`).
        ``title`` and ``url`` default to the page's metadata. Raises
        :class:`~timeline.DocumentError` when no text or no publication date is found, and
        ``ImportError`` without the optional dependencies (``pip install 'timeline[html]'``).

        A page nested too deeply or holding too long a text for the HTML parser's limits is
        parsed again without them; when its main text still cannot be isolated, its whole
        text is used, with a :class:`~timeline.TimelineWarning` saying so. A date in the
        page's metadata that cannot exist (``2023-02-30``) is ignored, not shifted to another
        day, with a :class:`~timeline.PublicationDateWarning` naming it.
        """
        if not isinstance(html_or_path, (str, bytes, Path)):  # before the optional imports
            raise TypeError(f"html_or_path must be HTML (str or bytes) or a path, not {type(html_or_path).__name__}")
        check_mode(mode)  # before the page is read
        try:
            import htmldate
            import trafilatura
        except ImportError as e:
            raise ImportError(
                f"Document.from_html needs trafilatura and htmldate ({e}): pip install 'timeline[html]'"
            ) from e
        where = "the HTML"
        default_id = id is None
        raw: str | bytes
        if isinstance(html_or_path, bytes) or (isinstance(html_or_path, str) and "<" in html_or_path):
            raw = html_or_path
        elif isinstance(html_or_path, (str, Path)):
            p = Path(html_or_path)
            try:
                raw = read_file_bytes(p)  # a regular file or a pipe, never a device
            except FileNotFoundError:
                raise DocumentError(f"{p}: no such file") from None
            except OSError as e:
                raise DocumentError(f"{p}: cannot read: {e.strerror or e}") from None
            where = str(p)
            if id is None:
                id = p.stem
        else:
            raise TypeError(f"html_or_path must be HTML (str or bytes) or a path, not {type(html_or_path).__name__}")
        text, load = page_text(raw, where)
        if published is None:
            published = page_date(load, where)
            if published is None:
                raise DocumentError(
                    f"{where}: no publication date found in the HTML; pass published=... (e.g. '2023-09-12')"
                )
        if title is None or url is None:
            meta = trafilatura.extract_metadata(load())
            title = title if title is not None else (meta.title or None)
            url = url if url is not None else (meta.url or None)
        doc = cls(text, published=published, id=id, title=title, url=url, date_order=date_order, mode=mode)
        object.__setattr__(doc, "_default_id", default_id)
        return doc

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready metadata (the text is not included); ``"mode"`` only when the document
        sets one."""
        d: dict[str, Any] = {
            "id": self.id,
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
            "url": self.url,
        }
        if self.mode is not None:
            d["mode"] = self.mode
        return d


# --- web pages ---------------------------------------------------------------------------------

#: Elements whose content is not text of the page.
_NOT_TEXT = frozenset({"script", "style", "noscript", "template", "title"})
#: Elements that end a block of text (a blank line in the plain text of a page).
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
        "td", "th", "tr", "ul",
    }
)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"})


def _decoded(raw: str | bytes) -> str:
    """The page as text, decoded as trafilatura decodes it."""
    if isinstance(raw, str):
        return raw
    try:
        from trafilatura.utils import decode_file
    except ImportError:  # another trafilatura version
        return raw.decode("utf-8", errors="replace")
    return decode_file(raw)


def _lxml_tree(html: str, *, huge: bool) -> tuple[Any, bool]:
    """``(tree, limited)``: the page parsed by lxml (with or without libxml2's resource limits:
    255 levels of nesting, text nodes of 10 MB) and whether a limit cut the parse short."""
    import importlib
    import re

    lxml_html: Any = importlib.import_module("lxml.html")  # trafilatura's dependency; untyped
    parser = lxml_html.HTMLParser(
        huge_tree=huge, collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
    )
    data = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "", html).encode("utf-8", errors="replace")
    try:
        tree = lxml_html.fromstring(data, parser=parser)
    except Exception:  # lxml raises assorted errors on junk (an empty document...)
        return None, False
    limited = any(e.type_name == "ERR_RESOURCE_LIMIT" or "XML_PARSE_HUGE" in e.message for e in parser.error_log)
    return tree, limited


class _TextCollector:
    """The plain text of a page by the standard library's HTML parser (no limit on nesting or
    size): every text outside scripts, styles and the title, one block per paragraph, list
    item, heading..., blocks separated by blank lines."""

    def __init__(self) -> None:
        from html.parser import HTMLParser

        collector = self

        class _Parser(HTMLParser):
            def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
                collector.start(tag)

            def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
                if tag in _BLOCKS:
                    collector.block()

            def handle_endtag(self, tag: str) -> None:
                collector.end(tag)

            def handle_data(self, data: str) -> None:
                collector.data(data)

        self.parser = _Parser(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.open: list[str] = []
        self.skipping = 0

    def start(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.block()
        if tag in _VOID:
            return
        self.open.append(tag)
        if tag in _NOT_TEXT:
            self.skipping += 1

    def end(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.block()
        if tag not in self.open:
            return
        while self.open:
            t = self.open.pop()
            if t in _NOT_TEXT:
                self.skipping = max(0, self.skipping - 1)
            if t == tag:
                break

    def data(self, text: str) -> None:
        if not self.skipping:
            self.current.append(text)

    def block(self) -> None:
        words = " ".join("".join(self.current).split())
        if words:
            self.blocks.append(words)
        self.current = []

    def read(self, html: str) -> str:
        self.parser.feed(html)
        self.parser.close()
        self.block()
        return "\n\n".join(self.blocks)


def page_text(raw: str | bytes, where: str) -> tuple[str, Any]:
    """``(text, load)``: the main text of a web page (by trafilatura; headline and paragraphs
    separated by blank lines) and a function giving a fresh lxml tree of the page.

    libxml2, which trafilatura uses, stops at 255 levels of nesting and drops a text node of
    over 10 MB, losing the text: such a page is parsed again without those limits. When the
    main text still cannot be isolated (nesting deeper than 2,048 levels, or trafilatura
    finds none), the whole text of the page (without scripts, styles and title) is used,
    with a :class:`~timeline.TimelineWarning` saying so: the text is never lost silently.
    No text at all is a :class:`DocumentError`."""
    import trafilatura

    html = _decoded(raw)
    _, limited = _lxml_tree(html, huge=False)
    why = ""
    if limited:  # too deep or too long for libxml2's limits: without them, if that is enough
        huge, still = _lxml_tree(html, huge=True)
        if huge is None or still:
            why = "it is nested more than 2,048 levels deep"

    def load() -> Any:
        return _lxml_tree(html, huge=True)[0] if limited else trafilatura.load_html(html)

    text = None
    if not why:
        tree = load()
        try:
            text = trafilatura.extract(tree, include_comments=False, include_tables=False) if tree is not None else None
        except RecursionError:
            text = None
        if text and text.strip():
            # trafilatura puts each block (headline, paragraph, list item) on one line; a blank
            # line between them keeps a headline without a full stop out of the first sentence
            return "\n\n".join(line for line in text.splitlines() if line.strip()), load
        why = "trafilatura found none"
    collector = _TextCollector()
    plain = collector.read(html)
    if not plain.strip():
        raise DocumentError(f"{where}: no article text found in the HTML")
    from ._errors import TimelineWarning, warn

    warn(
        f"{where}: the main text of the page could not be isolated ({why}); its whole text is used "
        f"({len(plain):,} characters, menus and footers included)",
        TimelineWarning,
    )
    return plain, load


def page_date(load: Any, where: str) -> str | None:
    """The publication date htmldate finds in a page, after removing the dates its metadata
    gives that cannot exist (``2023-02-30``, ``2023-13-01``: htmldate would shift them to
    another day): those are named in a :class:`~timeline.PublicationDateWarning`, or in the
    :class:`DocumentError` when the page gives no other date."""
    import htmldate

    tree = load()
    if tree is None:
        return None
    impossible = _drop_impossible_dates(tree)
    found: str | None = htmldate.find_date(tree, original_date=True)
    if impossible:
        named = ", ".join(repr(v) for v in impossible[:3]) + (f" and {len(impossible) - 3} more" if len(impossible) > 3 else "")
        if found is None:
            raise DocumentError(
                f"{where}: no publication date found in the HTML (its date metadata {named} names no real date); "
                "pass published=... (e.g. '2023-09-12')"
            )
        from ._errors import PublicationDateWarning, warn

        warn(f"{where}: the page's date metadata {named} names no real date: ignored; the page's other dates give {found}", PublicationDateWarning)
    return found


def _drop_impossible_dates(tree: Any) -> list[str]:
    """Remove from a page's tree the dates (``YYYY-MM-DD``, ``YYYY/MM/DD``) that cannot
    exist in its metadata: ``<meta>`` and ``<time>`` attributes, attributes named for a
    date or a time, JSON-LD scripts. Returns them."""
    import calendar
    import re

    iso = re.compile(r"(?<![\d.])(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)")

    def impossible(m: re.Match[str]) -> bool:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return not (1 <= mo <= 12 and 1 <= d <= calendar.monthrange(max(y, 1), mo)[1])

    found: list[str] = []
    for el in tree.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        for name, v in list(el.attrib.items()):
            if tag in ("meta", "time") or "date" in name.lower() or "time" in name.lower():
                bad = [m.group(0) for m in iso.finditer(v) if impossible(m)]
                if bad:
                    found.extend(bad)
                    del el.attrib[name]
        if tag == "script" and "ld+json" in (el.get("type") or "") and el.text:
            bad = [m.group(0) for m in iso.finditer(el.text) if impossible(m)]
            if bad:
                found.extend(bad)
                el.text = iso.sub(lambda m: "" if impossible(m) else m.group(0), el.text)
    return list(dict.fromkeys(found))


def is_web_page(p: Path) -> bool:
    """Whether ``p`` is read as a web page: its extension is one of :data:`HTML_SUFFIXES`."""
    return p.suffix.lower() in HTML_SUFFIXES


def read_web_page(
    p: Path,
    *,
    published: Published,
    id: str | None,
    title: str | None,
    url: str | None,
    date_order: DateOrder | None = None,
    mode: Mode | None = None,
) -> Document:
    """:meth:`Document.from_html` of a file, for manifests and the command line: what is
    given wins over what the page says; without the optional ``[html]`` extra, a one-line
    :class:`DocumentError` naming the file and the install command."""
    try:
        return Document.from_html(p, published=published, id=id, title=title, url=url, date_order=date_order, mode=mode)
    except ImportError:
        raise DocumentError(
            f"{p}: a web page, and reading web pages needs the optional dependencies trafilatura and "
            "htmldate: pip install 'timeline[html]'"
        ) from None


def read_text_file(p: Path, encoding: str = "utf-8") -> str:
    """A text file's content as stored, or a :class:`DocumentError` naming the file and the
    problem.

    Newlines are kept as they are (a CRLF line end stays two characters), as the command
    line reads standard input: offsets index the file's characters as stored. Only
    regular files and pipes are read; a device (``/dev/zero``, a terminal) or a socket is
    refused."""
    try:
        return read_file_bytes(p).decode(encoding)
    except FileNotFoundError:
        raise DocumentError(f"{p}: no such file") from None
    except UnicodeDecodeError as e:
        label = "utf-8" if encoding.lower().replace("_", "-") in ("utf-8-sig", "utf8") else encoding
        raise DocumentError(f"{p}: not valid {label} text ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise DocumentError(f"{p}: cannot read: {e.strerror or e}") from None
    except ValueError as e:  # a NUL character in the path
        raise DocumentError(f"{str(p)!r}: not a valid file name ({e})") from None


def read_file_bytes(p: Path) -> bytes:
    """The bytes of a regular file or a pipe (a FIFO, ``/dev/stdin`` when piped). Anything
    else (``/dev/zero``, a terminal, a socket) would never end or is no file: a
    :class:`DocumentError` naming it. Failures of the system are ``OSError``."""
    import os
    import stat

    with open(p, "rb") as f:
        mode = os.fstat(f.fileno()).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            kind = "a character device" if stat.S_ISCHR(mode) else "a block device" if stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "a special file"
            raise DocumentError(f"{p}: not a regular file ({kind}): not read")
        return f.read()


def _rebuild(
    text: str,
    published: datetime | None,
    id: str,
    title: str | None,
    url: str | None,
    default_id: bool = False,
    date_order: DateOrder | None = None,
    mode: Mode | None = None,
) -> Document:
    doc = Document(text, published=published, id=id, title=title, url=url, date_order=date_order, mode=mode)
    object.__setattr__(doc, "_default_id", default_id)
    return doc
