"""timeline: turn news articles into a chronology.

>>> import timeline
>>> [t.value for t in timeline.tag("Kim arrived on Tuesday.", published="2023-09-12", nlp=False)]
['2023-09-12']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._document import Document
from ._errors import (
    CorpusError,
    DateInputError,
    DateOrderWarning,
    DocumentError,
    LanguageWarning,
    ManifestError,
    ModelError,
    ModelWarning,
    PublicationDateWarning,
    RenderError,
    RuleDataError,
    TimelineError,
    TimelineWarning,
)
from ._manifest import read_manifest
from ._published import parse_published
from ._tag import tag
from ._types import Timex
from ._version import __version__

if TYPE_CHECKING:  # for type checkers and IDEs; imported lazily at run time (see __getattr__)
    from ._build import build, extract_document, iter_document_events, iter_events, merge
    from ._evaluate import EvalReport, evaluate
    from ._events import Event, EventMention
    from ._furniture import Furniture, find_furniture
    from ._timeline import EventList, Timeline
    from ._tls import TLSReport, evaluate_tls

__all__ = [
    "__version__",
    "tag",
    "evaluate",
    "Timex",
    "EvalReport",
    "parse_published",
    "TimelineError",
    "DateInputError",
    "RuleDataError",
    "ModelError",
    "CorpusError",
    "build",
    "iter_document_events",
    "iter_events",
    "extract_document",
    "merge",
    "Document",
    "Timeline",
    "Event",
    "EventMention",
    "DocumentError",
    "ManifestError",
    "read_manifest",
    "RenderError",
    "EventList",
    "TimelineWarning",
    "LanguageWarning",
    "DateOrderWarning",
    "PublicationDateWarning",
    "ModelWarning",
    "find_furniture",
    "Furniture",
    "evaluate_tls",
    "TLSReport",
]

# name -> module, imported on first use so that `import timeline` stays light
_LAZY = {
    "evaluate": "_evaluate",
    "EvalReport": "_evaluate",
    "build": "_build",
    "iter_document_events": "_build",
    "iter_events": "_build",
    "extract_document": "_build",
    "merge": "_build",
    "Timeline": "_timeline",
    "EventList": "_timeline",
    "Event": "_events",
    "EventMention": "_events",
    "find_furniture": "_furniture",
    "Furniture": "_furniture",
    "evaluate_tls": "_tls",
    "TLSReport": "_tls",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is not None:
        import importlib

        return getattr(importlib.import_module(f".{module}", __name__), name)
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")
