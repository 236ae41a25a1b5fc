"""The ``timex`` spaCy component."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from typing import Any

import pytest

spacy = pytest.importorskip("spacy")

import timeline  # noqa: E402
import timeline._component  # noqa: E402,F401  (registers the factory and extensions)
from spacy.tokens import Doc, DocBin  # noqa: E402

TEXT = "Kim left Pyongyang on Sunday afternoon and will meet Putin on Wednesday. Talks ended two days ago."
EXPECTED = {"Sunday afternoon": ("TIME", "2023-09-10TAF"), "Wednesday": ("DATE", "2023-09-13"), "two days ago": ("DATE", "2023-09-10")}


@pytest.fixture(scope="module")
def model(nlp: Any) -> Any:
    """A fresh copy of the default pipeline, so the shared one is never changed."""
    fresh = spacy.load(nlp.path) if getattr(nlp, "path", None) else spacy.blank("en")
    fresh.add_pipe("timex", config={"published": "2023-09-12"})
    return fresh


def _found(doc: Any) -> dict[str, tuple[str, str]]:
    return {s.text: (s.label_, s._.timex.value) for s in doc.spans["timex"]}


def test_factory_is_registered() -> None:
    assert "timex" in spacy.registry.factories or spacy.language.Language.has_factory("timex")


def test_on_the_default_model(model: Any, nlp: Any) -> None:
    assert model.pipe_names[-1] == "timex"
    doc = model(TEXT)
    assert _found(doc) == EXPECTED
    for span in doc.spans["timex"]:
        t = span._.timex
        assert isinstance(t, timeline.Timex)
        assert span.label_ == t.type
        assert (span.start_char, span.end_char) == (t.start, t.end)
    # the same results as the function API
    assert [s._.timex for s in doc.spans["timex"]] == timeline.tag(TEXT, published="2023-09-12", nlp=nlp)
    assert "timex" not in nlp.pipe_names  # the shared pipeline was not touched


def test_doc_published_overrides_the_config(model: Any) -> None:
    doc = model.make_doc(TEXT)
    doc._.published = "2023-09-19"
    doc = model(doc)
    found = _found(doc)
    assert found["Wednesday"] == ("DATE", "2023-09-20")
    assert found["two days ago"] == ("DATE", "2023-09-17")
    doc2 = model.make_doc(TEXT)
    doc2._.published = date(2023, 9, 12)
    assert _found(model(doc2)) == EXPECTED


def test_bad_doc_published(model: Any) -> None:
    doc = model.make_doc(TEXT)
    doc._.published = "not a date"
    with pytest.raises(timeline.DateInputError):
        model(doc)


def test_pipe_and_as_tuples(model: Any) -> None:
    docs = list(model.pipe([TEXT, "Nothing here.", "It rained yesterday."]))
    assert _found(docs[0]) == EXPECTED
    assert len(docs[1].spans["timex"]) == 0
    assert _found(docs[2]) == {"yesterday": ("DATE", "2023-09-11")}


def test_blank_pipeline() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("timex", config={"published": "2023-09-12"})
    doc = nlp("Kim left Pyongyang on Sunday. He will meet Putin next week.")
    assert _found(doc) == {"Sunday": ("DATE", "2023-09-10"), "next week": ("DATE", "2023-W38")}


def test_without_published() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("timex")
    assert nlp.config["components"]["timex"] == {"factory": "timex", "published": None, "mode": "news"}
    doc = nlp("They met on Monday and on Sept. 4, 2023.")
    assert _found(doc) == {"Monday": ("DATE", "XXXX-WXX-1"), "Sept. 4, 2023": ("DATE", "2023-09-04")}


def test_narrative_mode() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("timex", config={"published": "2023-09-12", "mode": "narrative"})
    doc = nlp("The siege began on March 3, 2021. The next day the city fell.")
    assert _found(doc)["The next day"] == ("DATE", "2021-03-04")


def test_bad_config() -> None:
    nlp = spacy.blank("en")
    with pytest.raises(timeline.DateInputError):
        nlp.add_pipe("timex", config={"published": "someday"})
    with pytest.raises(ValueError):
        nlp.add_pipe("timex", name="timex2", config={"mode": "fiction"})


def test_serialisation_round_trip(model: Any) -> None:
    doc = model(TEXT)
    restored = Doc(model.vocab).from_bytes(doc.to_bytes())
    assert _found(restored) == EXPECTED
    db = DocBin(store_user_data=True, docs=[doc])
    [again] = list(DocBin(store_user_data=True).from_bytes(db.to_bytes()).get_docs(model.vocab))
    assert [s._.timex for s in again.spans["timex"]] == [s._.timex for s in doc.spans["timex"]]


def test_pipeline_saved_and_loaded(tmp_path: Any) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("timex", config={"published": "2023-09-12"})
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["timex"]
    assert _found(loaded("It rained yesterday.")) == {"yesterday": ("DATE", "2023-09-11")}


def test_entry_point_without_importing_timeline() -> None:
    code = (
        "import spacy, sys\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('timex', config={'published': '2023-09-12'})\n"
        "doc = nlp('It rained yesterday.')\n"
        "print([(s.text, s._.timex.value) for s in doc.spans['timex']])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[('yesterday', '2023-09-11')]"
