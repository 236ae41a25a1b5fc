"""timeline: turn news articles into a chronology.

>>> import timeline
>>> [t.value for t in timeline.tag("Kim arrived on Tuesday.", published="2023-09-12", nlp=False)]
['2023-09-12']
"""

from __future__ import annotations

from ._errors import CorpusError, DateInputError, ModelError, RuleDataError, TimelineError
from ._published import parse_published
from ._tag import tag
from ._types import Timex
from ._version import __version__

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
]


def __getattr__(name: str) -> object:
    # the evaluation module is imported on demand, so `import timeline` stays light
    if name in ("evaluate", "EvalReport"):
        from . import _evaluate

        return getattr(_evaluate, name)
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")
