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
from ._tag import parseable, published_for

__all__ = ["Document", "HTML_SUFFIXES", "is_web_page", "read_web_page"]

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

    >>> d = Document("Kim left on Sunday.", published="2023-09-12", title="Kim travels")
    >>> d
    Document(id='cbb4d61254b5', published='2023-09-12', title='Kim travels', 19 chars)
    >>> d.published
    datetime.datetime(2023, 9, 12, 0, 0)
    >>> Document("Kim left on Sunday.", published="2023-09-13").id != d.id
    True
    """

    __slots__ = ("text", "published", "id", "title", "url", "date_order", "_default_id")

    text: str
    published: datetime | None
    id: str
    title: str | None
    url: str | None
    date_order: DateOrder | None
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
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "published", published_for(published, text, date_order))
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "url", url)
        object.__setattr__(self, "date_order", date_order)
        object.__setattr__(self, "id", id if id is not None else self._fingerprint()[:12])
        object.__setattr__(self, "_default_id", id is None)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Document is immutable")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return (self.id, self.text, self.published, self.title, self.url, self.date_order) == (
            other.id,
            other.text,
            other.published,
            other.title,
            other.url,
            other.date_order,
        )

    def __hash__(self) -> int:
        return hash((self.id, self.text))

    def __repr__(self) -> str:
        pub = self.published.date().isoformat() if self.published else None
        title = f", title={self.title!r}" if self.title else ""
        order = f", date_order={self.date_order!r}" if self.date_order else ""
        return f"Document(id={self.id!r}, published={pub!r}{title}{order}, {len(self.text)} chars)"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.text, self.published, self.id, self.title, self.url, self._default_id, self.date_order))

    def _fingerprint(self) -> str:
        """A SHA-1 hex digest of the text and metadata (publication date, title, url), not
        of the id: equal for two copies of the same article. The default id is its start."""
        pub = self.published.isoformat() if self.published else None
        key = json.dumps([self.text, pub, self.title, self.url])  # ASCII: lone surrogates are escaped
        return hashlib.sha1(key.encode("ascii")).hexdigest()

    def _with_published(self, published: datetime) -> Document:
        """This document with another publication date (its dateline's), all else kept."""
        return _rebuild(self.text, published, self.id, self.title, self.url, self._default_id, self.date_order)

    def _with_default_id(self, id: str) -> Document:
        """This document under another default id (a suffixed copy: ``<id>-2``)."""
        return _rebuild(self.text, self.published, id, self.title, self.url, True, self.date_order)

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
    ) -> Document:
        """Read a plain-text article. ``id`` defaults to the file name without extension."""
        p = Path(path)
        text = read_text_file(p, encoding)
        doc = cls(text, published=published, id=id if id is not None else p.stem, title=title, url=url, date_order=date_order)
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
        """
        if not isinstance(html_or_path, (str, bytes, Path)):  # before the optional imports
            raise TypeError(f"html_or_path must be HTML (str or bytes) or a path, not {type(html_or_path).__name__}")
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
                raw = p.read_bytes()
            except FileNotFoundError:
                raise DocumentError(f"{p}: no such file") from None
            except OSError as e:
                raise DocumentError(f"{p}: cannot read: {e.strerror or e}") from None
            where = str(p)
            if id is None:
                id = p.stem
        else:
            raise TypeError(f"html_or_path must be HTML (str or bytes) or a path, not {type(html_or_path).__name__}")
        text = trafilatura.extract(trafilatura.load_html(raw), include_comments=False, include_tables=False)
        if not text or not text.strip():
            raise DocumentError(f"{where}: no article text found in the HTML")
        # trafilatura puts each block (headline, paragraph, list item) on one line; a blank
        # line between them keeps a headline without a full stop out of the first sentence
        text = "\n\n".join(line for line in text.splitlines() if line.strip())
        if published is None:
            published = htmldate.find_date(trafilatura.load_html(raw), original_date=True)
            if published is None:
                raise DocumentError(
                    f"{where}: no publication date found in the HTML; pass published=... (e.g. '2023-09-12')"
                )
        if title is None or url is None:
            meta = trafilatura.extract_metadata(trafilatura.load_html(raw))
            title = title if title is not None else (meta.title or None)
            url = url if url is not None else (meta.url or None)
        doc = cls(text, published=published, id=id, title=title, url=url, date_order=date_order)
        object.__setattr__(doc, "_default_id", default_id)
        return doc

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready metadata (the text is not included)."""
        return {
            "id": self.id,
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
            "url": self.url,
        }


def is_web_page(p: Path) -> bool:
    """Whether ``p`` is read as a web page: its extension is one of :data:`HTML_SUFFIXES`."""
    return p.suffix.lower() in HTML_SUFFIXES


def read_web_page(
    p: Path, *, published: Published, id: str | None, title: str | None, url: str | None, date_order: DateOrder | None = None
) -> Document:
    """:meth:`Document.from_html` of a file, for manifests and the command line: what is
    given wins over what the page says; without the optional ``[html]`` extra, a one-line
    :class:`DocumentError` naming the file and the install command."""
    try:
        return Document.from_html(p, published=published, id=id, title=title, url=url, date_order=date_order)
    except ImportError:
        raise DocumentError(
            f"{p}: a web page, and reading web pages needs the optional dependencies trafilatura and "
            "htmldate: pip install 'timeline[html]'"
        ) from None


def read_text_file(p: Path, encoding: str = "utf-8") -> str:
    """A text file's content, or a :class:`DocumentError` naming the file and the problem."""
    try:
        return p.read_text(encoding=encoding)
    except FileNotFoundError:
        raise DocumentError(f"{p}: no such file") from None
    except UnicodeDecodeError as e:
        label = "utf-8" if encoding.lower().replace("_", "-") in ("utf-8-sig", "utf8") else encoding
        raise DocumentError(f"{p}: not valid {label} text ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise DocumentError(f"{p}: cannot read: {e.strerror or e}") from None
    except ValueError as e:  # a NUL character in the path
        raise DocumentError(f"{str(p)!r}: not a valid file name ({e})") from None


def _rebuild(
    text: str, published: datetime | None, id: str, title: str | None, url: str | None, default_id: bool = False, date_order: DateOrder | None = None
) -> Document:
    doc = Document(text, published=published, id=id, title=title, url=url, date_order=date_order)
    object.__setattr__(doc, "_default_id", default_id)
    return doc
