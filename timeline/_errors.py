"""The exception hierarchy: one root, specific subclasses; and the warnings, under one root
of their own (:class:`TimelineWarning`), for input that is doubtful rather than wrong."""

from __future__ import annotations

import os
import sys
import warnings

__all__ = [
    "TimelineError",
    "DateInputError",
    "RuleDataError",
    "ModelError",
    "CorpusError",
    "DocumentError",
    "ManifestError",
    "RenderError",
]

#: The warning classes (documented as a second tree in docs/errors.md).
WARNINGS = [
    "TimelineWarning",
    "LanguageWarning",
    "DateOrderWarning",
    "PublicationDateWarning",
    "ModelWarning",
]


class TimelineError(Exception):
    """Root of every error the library raises on purpose for bad data or configuration."""


class DateInputError(TimelineError, ValueError):
    """A publication date (or other user-given date) could not be understood.

    The offending value is kept in :attr:`value`.
    """

    def __init__(self, value: object, why: str = "") -> None:
        self.value = value
        self.why = why
        shown = repr(value)
        if len(shown) > 80:  # name the value, without flooding the message
            shown = repr(value[:60]) + "..." if isinstance(value, str) else shown[:60] + "..."
        msg = f"cannot understand the date {shown}"
        if why:
            msg += f": {why}"
        super().__init__(msg)

    def __reduce__(self) -> tuple[type[DateInputError], tuple[object, str]]:
        # rebuilt from what it was given, not from its message (which would be quoted again)
        return (type(self), (self.value, self.why))


class RuleDataError(TimelineError):
    """A rule data file is malformed (bad TOML, unknown macro, broken pattern...)."""


class ModelError(TimelineError):
    """A spaCy pipeline could not be loaded or is unsuitable."""


class CorpusError(TimelineError):
    """An evaluation corpus (TimeML files) could not be read."""


class DocumentError(TimelineError):
    """A document could not be read or is malformed (missing file, bad encoding, bad id...)."""


class ManifestError(DocumentError):
    """A manifest line is malformed. ``path`` and ``line`` say where."""

    def __init__(self, path: str, line: int, why: str) -> None:
        self.path = path
        self.line = line
        super().__init__(f"{path}:{line}: {why}")


class RenderError(TimelineError):
    """A chronology could not be drawn or saved (for example an unsupported file format)."""


# --- warnings: doubtful input, results still given ----------------------------------------


class TimelineWarning(UserWarning):
    """Root of every warning the library gives about doubtful input. Filter them all with
    ``warnings.simplefilter("ignore", timeline.TimelineWarning)``."""


class LanguageWarning(TimelineWarning):
    """A text is clearly not in a language the rules cover (English): few or no dates
    will be found in it."""


class DateOrderWarning(TimelineWarning):
    """A numeric date such as ``06/05/2024`` could be read day-first or month-first and
    nothing said which: the order assumed is named; pass ``date_order=`` to choose."""


class PublicationDateWarning(TimelineWarning):
    """A document's publication date is doubtful: its dateline or byline gives another
    date, or it had none and the dateline's was used."""


class ModelWarning(TimelineWarning):
    """The spaCy pipeline cannot do what was asked (for example, no parser: no events)."""


# shown as ``timeline.DateInputError`` in tracebacks and reprs, where users import them from
# (as httpx does); pickling finds them there too
for _name in (*__all__, *WARNINGS):
    globals()[_name].__module__ = "timeline"
del _name


def warn(message: str, category: type[TimelineWarning]) -> None:
    """``warnings.warn``, attributed to the first caller outside this package (the user's
    line, however deep in the library the doubt was found)."""
    level = 2
    frame = sys._getframe(1)
    while frame.f_back is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame = frame.f_back
        level += 1
    warnings.warn(message, category, stacklevel=level)


_PACKAGE = os.path.dirname(os.path.abspath(__file__)) + os.sep
