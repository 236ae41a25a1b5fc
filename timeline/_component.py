"""The ``timex`` spaCy pipeline component.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("timex", config={"published": "2023-09-12"})
>>> doc = nlp("Kim left Pyongyang on Sunday.")
>>> [(s.text, s.label_, s._.timex.value) for s in doc.spans["timex"]]
[('Sunday', 'DATE', '2023-09-10')]

Results go to ``doc.spans["timex"]``: one span per temporal expression, labelled with its
TIMEX3 type, carrying its :class:`~timeline.Timex` as ``span._.timex``. The publication
date comes from ``doc._.published`` when set, else from the component's ``published``
setting. The timexes are stored on the doc as plain data, so docs with timexes can be
serialised (``doc.to_bytes()``, ``DocBin``) like any other doc.

This module imports spaCy; ``import timeline`` does not import it.
"""

# No ``from __future__ import annotations`` here: spaCy reads the factory's annotations at
# runtime to validate its config.
from typing import Any, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from ._published import parse_published
from ._context import check_mode
from ._tag import annotate
from ._types import Timex

__all__ = ["TimexComponent", "make_timex_component", "SPANS_KEY", "USER_DATA_KEY"]

#: ``doc.spans`` key of the results.
SPANS_KEY = "timex"
#: ``doc.user_data`` key holding the timexes as JSON-ready dicts, keyed ``"start:end"``.
USER_DATA_KEY = "timeline.timex"


def _span_timex(span: Span) -> Optional[Timex]:
    data = span.doc.user_data.get(USER_DATA_KEY)
    if not data:
        return None
    d = data.get(f"{span.start_char}:{span.end_char}")
    return None if d is None else Timex.from_dict(d)


def _register_extensions() -> None:
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)
    if not Span.has_extension("timex"):
        Span.set_extension("timex", getter=_span_timex)


class TimexComponent:
    """Tags temporal expressions: ``doc.spans["timex"]``, ``span._.timex``.

    Uses the dependency parse for tense when an earlier component (``parser``) set one,
    and the rule-based tense heuristic otherwise (blank pipelines).
    """

    def __init__(self, nlp: Language, name: str = "timex", *, published: Optional[str] = None, mode: str = "news") -> None:
        try:
            checked = check_mode(mode, optional=False)
        except (TypeError, ValueError) as e:
            raise ValueError(f"timex component: {e}") from None
        assert checked is not None  # optional=False: a mode or an error
        self.name = name
        self.mode = checked
        self.published = published
        # fail at construction time, not on the first document
        self._published = parse_published(published)
        _register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.predict(doc))

    def pipe(self, stream: Any, *, batch_size: int = 128) -> Any:
        for doc in stream:
            yield self(doc)

    def predict(self, doc: Doc) -> list[Timex]:
        """The timexes of ``doc`` (without changing it)."""
        user = doc._.published
        published = parse_published(user) if user is not None else self._published
        parsed = [(0, doc)] if doc.has_annotation("DEP") else None
        return annotate(doc.text, published=published, mode=self.mode, parsed=parsed)

    def set_annotations(self, doc: Doc, timexes: list[Timex]) -> Doc:
        spans = []
        data: dict[str, dict[str, Any]] = {}
        for t in timexes:
            span = doc.char_span(t.start, t.end, label=t.type, alignment_mode="expand")
            if span is None:
                continue
            # when the tokenizer cuts inside an expression the span grows to token
            # boundaries; the Timex keeps the exact characters
            key = f"{span.start_char}:{span.end_char}"
            if key in data:
                continue
            data[key] = t.to_dict()
            spans.append(span)
        doc.spans[SPANS_KEY] = spans
        doc.user_data[USER_DATA_KEY] = data
        return doc


@Language.factory(
    "timex",
    default_config={"published": None, "mode": "news"},
    assigns=["doc.spans"],
    requires=[],
    retokenizes=False,
)
def make_timex_component(nlp: Language, name: str, published: Optional[str], mode: str) -> TimexComponent:
    """Factory of the ``timex`` component: ``nlp.add_pipe("timex", config={...})``."""
    return TimexComponent(nlp, name, published=published, mode=mode)


_register_extensions()
