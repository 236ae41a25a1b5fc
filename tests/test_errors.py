"""The error and warning classes (timeline/_errors.py): the hierarchy drawn in docs/errors.md,
and the tests its table cites."""

from __future__ import annotations

import re
from pathlib import Path

import timeline
from timeline import _errors

REPO = Path(__file__).resolve().parent.parent
ERRORS_DOC = REPO / "docs" / "errors.md"


# --- the error hierarchy ----------------------------------------------------------------------------


def _documented_tree(which: int = 0) -> dict[str, str | None]:
    """class name -> parent name, read from a tree drawn in docs/errors.md (0: the errors,
    1: the warnings)."""
    text = ERRORS_DOC.read_text(encoding="utf-8")
    block = text.split("```text")[1 + which].split("```", 1)[0]
    parents: dict[str, str | None] = {}
    stack: list[tuple[int, str]] = []
    for line in block.strip("\n").splitlines():
        m = re.match(r"^([\s│├└─]*)([A-Z]\w+)", line)
        assert m, line
        depth, name = len(m.group(1)), m.group(2)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parents[name] = stack[-1][1] if stack else None
        stack.append((depth, name))
    return parents


def test_error_hierarchy_is_the_documented_tree() -> None:
    tree = _documented_tree()
    assert set(tree) == set(_errors.__all__)
    assert tree["TimelineError"] is None
    for name, parent in tree.items():
        cls = getattr(timeline, name)
        assert cls is getattr(_errors, name)
        if parent is not None:
            assert cls.__bases__[0] is getattr(_errors, parent), name
            assert issubclass(cls, timeline.TimelineError)


def test_warning_hierarchy_is_the_documented_tree() -> None:
    tree = _documented_tree(1)
    assert set(tree) == set(_errors.WARNINGS)
    assert tree["TimelineWarning"] is None
    assert issubclass(timeline.TimelineWarning, UserWarning)
    for name, parent in tree.items():
        cls = getattr(timeline, name)
        assert cls is getattr(_errors, name) and name in timeline.__all__
        if parent is not None:
            assert cls.__bases__[0] is getattr(_errors, parent), name


def test_errors_doc_table_names_existing_tests() -> None:
    """Every test the table in docs/errors.md cites exists (in this file or another)."""
    text = ERRORS_DOC.read_text(encoding="utf-8")
    cited = set(re.findall(r"`(test_\w+)`", text))
    assert len(cited) >= 20
    defined = {
        m.group(1)
        for p in (REPO / "tests").glob("test_*.py")
        for m in re.finditer(r"^(?:async )?def (test_\w+)", p.read_text(encoding="utf-8"), re.M)
    }
    assert cited <= defined, sorted(cited - defined)
    assert "errors.md" in (REPO / "docs" / "index.md").read_text(encoding="utf-8")
