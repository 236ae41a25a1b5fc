"""The public API: names, types, errors, offsets, reference dates, import cost."""

from __future__ import annotations

import __future__
import importlib
import pkgutil
import re
import subprocess
import sys
import types
from datetime import date, datetime
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline import Document, Timeline

PACKAGE_DIR = Path(timeline.__file__).parent
PUB = "2023-09-12"

ARTICLE = (
    "Kim Jong Un left Pyongyang on Sunday afternoon and arrived in Russia on Tuesday, "
    "the Kremlin said. He will meet Putin on Wednesday, two days after his arrival.\n\n"
    "Shoigu visited North Korea in July. Kim's father last visited Russia in 2011, "
    "and the two leaders first met in April 2019. Talks may resume next week."
)


# --- names and metadata ------------------------------------------------------------------


API_DOC = PACKAGE_DIR.parent / "docs" / "api.md"
# names in __all__ that docs/api.md does not document yet (strict xfail: document one, and its
# test passes and fails as XPASS until the name is taken off this list)
UNDOCUMENTED: set[str] = set()
# what ``from __future__ import annotations`` and ``from typing import TYPE_CHECKING`` leave in
# a module's namespace: checked to be exactly those objects below, so nothing else hides here
IMPORT_ARTIFACTS = {"annotations", "TYPE_CHECKING"}


def _documented_names() -> set[str]:
    """Identifiers inside the code (fenced blocks and `inline` spans) of docs/api.md."""
    if not API_DOC.is_file():
        pytest.skip("not running from a source checkout")
    text = API_DOC.read_text(encoding="utf-8")
    code = re.findall(r"```.*?```", text, re.S)
    code += re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", text, flags=re.S))
    return {word for c in code for word in re.findall(r"[A-Za-z_]\w*", c)}


def _submodules() -> set[str]:
    return {m.name for m in pkgutil.iter_modules(timeline.__path__)}


def test_all_is_a_list_of_unique_names() -> None:
    assert isinstance(timeline.__all__, list) and timeline.__all__
    assert all(isinstance(n, str) and n.isidentifier() for n in timeline.__all__)
    assert len(set(timeline.__all__)) == len(timeline.__all__), "a name is listed twice"
    assert not [n for n in timeline.__all__ if n.startswith("_") and n != "__version__"]


@pytest.mark.parametrize("name", timeline.__all__)
def test_public_names_resolve(name: str) -> None:
    assert getattr(timeline, name) is not None


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason="not in docs/api.md yet")) if n in UNDOCUMENTED else n for n in timeline.__all__],
)
def test_public_names_are_documented(name: str) -> None:
    assert name in _documented_names(), f"timeline.{name} is in __all__ but docs/api.md does not mention it"


def test_the_known_undocumented_names_are_still_public() -> None:
    assert UNDOCUMENTED <= set(timeline.__all__), "a name left __all__: take it off UNDOCUMENTED"


def test_star_import_gives_exactly_all() -> None:
    namespace: dict[str, object] = {}
    exec("from timeline import *", namespace)
    assert set(namespace) - {"__builtins__"} == set(timeline.__all__)


def test_every_public_attribute_is_in_all_or_a_submodule() -> None:
    # the public submodules (cli, render, rules) appear in dir() once imported
    importlib.import_module("timeline.cli")
    public = {n for n in dir(timeline) if not n.startswith("_")}
    submodules = {n for n in public if isinstance(getattr(timeline, n), types.ModuleType)}
    assert submodules <= _submodules(), submodules - _submodules()
    assert timeline.annotations is __future__.annotations  # type: ignore[attr-defined]
    assert timeline.TYPE_CHECKING is False  # type: ignore[attr-defined]
    stray = public - set(timeline.__all__) - submodules - IMPORT_ARTIFACTS
    assert not stray, f"public but not in __all__: {sorted(stray)}"


def test_lazy_names_are_all_public() -> None:
    lazy = timeline._LAZY  # type: ignore[attr-defined]
    assert set(lazy) <= set(timeline.__all__), set(lazy) - set(timeline.__all__)
    assert all(module.startswith("_") and module in _submodules() for module in lazy.values())


def test_no_private_module_leaks() -> None:
    """No public name is a private module (``timeline._errors`` under another name), nothing
    in ``__all__`` is a module, and the classes users catch present themselves as
    ``timeline.X``, not ``timeline._errors.X``."""
    importlib.import_module("timeline.cli")
    for name in dir(timeline):
        value = getattr(timeline, name)
        if isinstance(value, types.ModuleType) and not name.startswith("_"):
            assert value.__name__ == f"timeline.{name}", (name, value.__name__)
            assert not any(part.startswith("_") for part in value.__name__.split(".")[1:]), name
    for name in timeline.__all__:
        value = getattr(timeline, name)
        assert not isinstance(value, types.ModuleType), name
        if isinstance(value, type) and issubclass(value, (timeline.TimelineError, timeline.TimelineWarning)):
            assert value.__module__ == "timeline", (name, value.__module__)
        module = getattr(value, "__module__", None)
        assert module is None or module == "timeline" or module.startswith("timeline."), (name, module)


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError):
        timeline.no_such_thing  # noqa: B018


def test_version_matches_metadata() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:[.\-+].*)?", timeline.__version__)
    assert metadata.version("timeline") == timeline.__version__


def test_py_typed_is_shipped() -> None:
    assert resources.files("timeline").joinpath("py.typed").is_file()


def test_error_hierarchy() -> None:
    for name in ("DateInputError", "RuleDataError", "ModelError", "CorpusError", "DocumentError", "ManifestError", "RenderError"):
        assert issubclass(getattr(timeline, name), timeline.TimelineError)
    assert issubclass(timeline.DateInputError, ValueError)


# --- argument checking ---------------------------------------------------------------------


@pytest.mark.parametrize("text", [None, b"Monday", 42, ["Monday"]])
def test_text_must_be_str(text: object) -> None:
    with pytest.raises(TypeError):
        timeline.tag(text, published="2023-09-12", nlp=False)  # type: ignore[arg-type]


@pytest.mark.parametrize("nlp", ["en_core_web_sm", 1, True, object()])
def test_bad_nlp_is_a_type_error(nlp: object) -> None:
    with pytest.raises(TypeError):
        timeline.tag("on Monday", published="2023-09-12", nlp=nlp)  # type: ignore[arg-type]


@pytest.mark.parametrize("published", [20230912, 2023.9, ["2023-09-12"], object()])
def test_bad_published_type_is_a_type_error(published: object) -> None:
    with pytest.raises(TypeError):
        timeline.tag("on Monday", published=published, nlp=False)  # type: ignore[arg-type]


@pytest.mark.parametrize("published", ["not a date", "2023-13-45", "", "yesterday"])
def test_unparseable_published(published: str) -> None:
    with pytest.raises(timeline.DateInputError) as info:
        timeline.tag("on Monday", published=published, nlp=False)
    assert isinstance(info.value, timeline.TimelineError)
    assert repr(published) in str(info.value)


def test_published_is_keyword_only_and_required() -> None:
    with pytest.raises(TypeError):
        timeline.tag("on Monday")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        timeline.tag("on Monday", "2023-09-12")  # type: ignore[misc]


@pytest.mark.parametrize("published", ["2023-09-12", date(2023, 9, 12), datetime(2023, 9, 12, 8, 30), "Sept 12, 2023", "12 septembre 2023"])
def test_published_forms(published: object) -> None:
    [t] = timeline.tag("It happened yesterday.", published=published, nlp=False)  # type: ignore[arg-type]
    assert t.value == "2023-09-11"


@pytest.mark.parametrize("text", ["", " ", "\n\t  \n"])
def test_empty_text(text: str) -> None:
    assert timeline.tag(text, published="2023-09-12", nlp=False) == []
    assert timeline.tag(text, published=None, nlp=False) == []


def test_text_without_timexes() -> None:
    assert timeline.tag("The cat sat on the mat.", published="2023-09-12", nlp=False) == []


# --- results ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        ARTICLE,
        "Prices rose 3% in the third quarter of 2022, the 1990s were calmer, and\r\nrates fell\u00a0yesterday.",
        "« Le 12 septembre » — on Sept. 4, 2023 at 3 p.m., émigrés met. Then tomorrow morning 😀 next Friday.",
    ],
)
def test_offsets_invariant(text: str) -> None:
    found = timeline.tag(text, published="2023-09-12", nlp=False)
    assert found
    for t in found:
        assert text[t.start : t.end] == t.text
    assert [t.start for t in found] == sorted(t.start for t in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_timex_is_frozen_and_typed() -> None:
    [t] = timeline.tag("Kim left Pyongyang on Sunday.", published="2023-09-12", nlp=False)
    assert isinstance(t, timeline.Timex)
    with pytest.raises(AttributeError):
        t.value = "x"  # type: ignore[misc]
    assert t.type == "DATE" and t.granularity == "day"
    assert t.interval == (datetime(2023, 9, 10), datetime(2023, 9, 11))
    assert t.anchor == date(2023, 9, 12)
    assert t.reason and t.rule
    d = t.to_dict()
    assert d["interval"] == ["2023-09-10T00:00:00", "2023-09-11T00:00:00"] and d["anchor"] == "2023-09-12"


def test_without_published_values_stay_underspecified() -> None:
    found = {t.text: t.value for t in timeline.tag("They met on Monday, and again on Sept. 4, 2023.", published=None, nlp=False)}
    assert found == {"Monday": "XXXX-WXX-1", "Sept. 4, 2023": "2023-09-04"}


def test_timezone_aware_published_uses_the_local_date() -> None:
    [t] = timeline.tag("It rained yesterday.", published="2023-09-12T02:00:00+09:00", nlp=False)
    assert t.value == "2023-09-11"


def test_impossible_dates_are_not_dates() -> None:
    found = timeline.tag("The treaty was signed on February 30, 2021.", published="2023-09-12", nlp=False)
    assert all("2021-02-30" not in t.value for t in found)


def test_modes() -> None:
    text = "The talks opened on March 3, 2021. A day later they collapsed."
    news = timeline.tag(text, published="2023-09-12", nlp=False, mode="news")
    narrative = timeline.tag(text, published="2023-09-12", nlp=False, mode="narrative")
    assert [t.text for t in news] == [t.text for t in narrative]
    with pytest.raises(ValueError):
        timeline.tag(text, published="2023-09-12", nlp=False, mode="novel")  # type: ignore[arg-type]


def test_model_and_rules_find_the_same_expressions(nlp: object) -> None:
    by_rules = timeline.tag(ARTICLE, published="2023-09-12", nlp=False)
    by_model = timeline.tag(ARTICLE, published="2023-09-12", nlp=nlp)  # type: ignore[arg-type]
    assert [(t.start, t.end) for t in by_rules] == [(t.start, t.end) for t in by_model]
    values = {t.text: t.value for t in by_model}
    assert values["Sunday afternoon"] == "2023-09-10TAF"
    assert values["Wednesday"] == "2023-09-13"
    assert values["2011"] == "2011"


# --- long texts -----------------------------------------------------------------------------

PARAGRAPH = (
    "The council met on Monday to discuss the budget, and officials said the plan would be "
    "published next week after a long review of costs. Critics said in 2019 that it was late.\n\n"
)


def test_long_text_rules_only() -> None:
    text = PARAGRAPH * 1600  # ~300k characters
    assert len(text) > 250_000
    found = timeline.tag(text, published="2023-09-12", nlp=False)
    assert len(found) == 3 * 1600
    for t in found[:: 97]:
        assert text[t.start : t.end] == t.text
    assert found[-1].end <= len(text) and text[found[-1].start : found[-1].end] == found[-1].text
    assert {t.value for t in found} == {"2023-09-11", "2023-W38", "2019"}


def test_text_longer_than_the_model_max_length(nlp: object) -> None:
    text = PARAGRAPH * 20  # ~4k characters, cut into pieces by the tagger
    expected = timeline.tag(text, published="2023-09-12", nlp=nlp)  # type: ignore[arg-type]
    saved = nlp.max_length  # type: ignore[attr-defined]
    try:
        nlp.max_length = 1000  # type: ignore[attr-defined]
        found = timeline.tag(text, published="2023-09-12", nlp=nlp)  # type: ignore[arg-type]
    finally:
        nlp.max_length = saved  # type: ignore[attr-defined]
    assert len(found) == 60
    for t in found:
        assert text[t.start : t.end] == t.text
    assert [(t.start, t.end, t.value) for t in found] == [(t.start, t.end, t.value) for t in expected]


# --- the library stays light and clock-free --------------------------------------------------


def test_import_is_light() -> None:
    code = (
        "import sys, timeline, timeline.cli; "
        "print(','.join(m for m in ('spacy', 'matplotlib', 'dateparser', 'thinc', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


def _package_sources() -> list[Path]:
    return sorted(p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize(
    "forbidden",
    [r"datetime\.now\b", r"datetime\.utcnow\b", r"date\.today\b", r"datetime\.today\b", r"\bpyplot\b"],
)
def test_no_clock_and_no_pyplot(forbidden: str) -> None:
    sources = _package_sources()
    assert len(sources) > 5
    offenders = [
        f"{p.relative_to(PACKAGE_DIR)}:{i}"
        for p in sources
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(forbidden, line)
    ]
    assert not offenders, offenders


# --- argument types ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: timeline.tag(b"on Monday", published=PUB, nlp=False),
        lambda: timeline.tag("on Monday", published=20230912, nlp=False),
        lambda: timeline.tag("on Monday", published=PUB, nlp="en_core_web_sm"),
        lambda: timeline.tag("on Monday", published=PUB, nlp=False, mode=1),
        lambda: timeline.parse_published(1.5),
        lambda: Document(b"text", published=PUB),
        lambda: Document("text", published=PUB, id=3),
        lambda: Document("text", published=PUB, title=["t"]),
        lambda: timeline.build("not documents"),
        lambda: timeline.build([Document("x", published=PUB), "y"]),
        lambda: timeline.build([Document("x", published=PUB)], nlp=3),
        lambda: Timeline([1]),
        lambda: Timeline().filter(actor=3),
        lambda: Timeline().filter(start=20230912),
        lambda: Timeline().plot(title=3),
        lambda: Document.from_html(3.5),
    ],
    ids=lambda c: "",
)
def test_wrong_argument_types_raise_type_error(call: Any) -> None:
    with pytest.raises(TypeError):
        call()

