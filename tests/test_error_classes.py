"""The error and warning classes as users see them (timeline/_errors.py)."""

from __future__ import annotations

import pickle

import timeline
from timeline import _errors


def test_errors_and_warnings_show_the_public_module() -> None:
    for name in (*_errors.__all__, *_errors.WARNINGS):
        cls = getattr(timeline, name)
        assert cls.__module__ == "timeline", name
        assert repr(cls).startswith("<class 'timeline."), name
    e = timeline.DateInputError("31/02/2024", "no such day")
    again = pickle.loads(pickle.dumps(e))
    assert type(again) is timeline.DateInputError
    assert (again.value, str(again)) == (e.value, str(e))
