"""Repository hygiene: the README's commands, the CI script, shipped data."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _readme() -> str:
    p = REPO / "README.md"
    if not p.is_file():
        pytest.skip("not running from a source checkout")
    return p.read_text(encoding="utf-8")


def _first_commands() -> list[str]:
    m = re.search(r"```(?:sh|bash|console)?\n(.*?)```", _readme(), re.S)
    assert m, "README has no code block"
    return [line for line in m.group(1).splitlines() if line.strip()]


def test_readme_opens_with_the_two_commands() -> None:
    lines = _readme().splitlines()
    assert lines[0].startswith("# ")
    assert lines[2] and not lines[2].startswith(("#", "`"))  # the one-line description
    assert lines[4].startswith("```")
    demo, test = _first_commands()
    assert demo.startswith("pip install . && timeline demo")
    assert test == "pip install '.[test]' && python -m pytest"


def test_ci_runs_the_readme_test_command() -> None:
    ci = REPO / ".ci" / "run"
    if not ci.is_file():
        pytest.skip("not running from a source checkout")
    script = ci.read_text(encoding="utf-8")
    assert script.startswith("#!/usr/bin/env bash\n") and "set -euo pipefail" in script
    commands = [line.strip() for line in script.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert commands[-1] == _first_commands()[1]


def test_docs_and_examples_exist() -> None:
    if not (REPO / "docs").is_dir():
        pytest.skip("not running from a source checkout")
    for name in ("index.md", "api.md", "rules.md", "timex3.md", "events.md"):
        assert (REPO / "docs" / name).is_file(), name
    for name in ("tag_article.py", "spacy_component.py", "build_chronology.py", "articles/manifest.jsonl"):
        assert (REPO / "examples" / name).is_file(), name


def test_example_article_is_package_data() -> None:
    folder = resources.files("timeline").joinpath("examples")
    assert any(p.name.endswith(".txt") for p in folder.iterdir())
    assert any(p.name.endswith(".json") for p in folder.iterdir())
