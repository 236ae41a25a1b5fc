"""Texts that are clearly not English get a LanguageWarning (timeline/_language.py, data in
timeline/rules/languages.toml); pipelines without a parser get a ModelWarning from build.

The examples of the data file are tests: each language's example must be recognised as that
language, each negative (English with foreign names or quotes, mixed or short texts, tables
of numbers) must not be flagged."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline import Document, LanguageWarning, ModelWarning
from timeline._language import documents_message, not_english, profiles

REPO = Path(__file__).resolve().parent.parent
PUB = "2024-05-14"

_DATA = profiles().data
LANGUAGE_EXAMPLES = [
    pytest.param(ex, p["name"], id=f"{code}-{i}")
    for code, p in _DATA["profiles"].items()
    for i, ex in enumerate(p.get("examples", ()))
]
SCRIPT_EXAMPLES = [pytest.param(ex["text"], ex["name"], id=ex["name"]) for ex in _DATA["scripts"]["examples"]]
NEGATIVES = [pytest.param(ex, id=f"negative-{i}") for i, ex in enumerate(_DATA["negatives"]["examples"])]

FRENCH = (
    "Le conseil municipal a voté lundi soir la fermeture de la piscine pour des travaux qui "
    "devraient durer jusqu'à la fin de l'été. Selon le maire, les nageurs pourront utiliser le "
    "bassin de la commune voisine, et un bus sera mis en place le mercredi et le samedi."
)
GERMAN = (
    "Der Stadtrat hat am Montagabend beschlossen, das Schwimmbad für Bauarbeiten zu schließen, "
    "die bis zum Ende des Sommers dauern sollen. Nach Angaben des Bürgermeisters können die "
    "Schwimmer das Becken der Nachbargemeinde nutzen, und mittwochs und samstags fährt ein Bus."
)
ENGLISH = (
    "The city council voted on Monday evening to close the swimming pool for repairs that are "
    "expected to last until the end of the summer. The mayor said swimmers could use the pool "
    "in the next town, and that a bus would run there on Wednesdays and Saturdays."
)


def _caught(call: Any) -> tuple[Any, list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    return result, [w for w in caught if issubclass(w.category, timeline.TimelineWarning)]


# --- the data's own examples ------------------------------------------------------------------


def test_every_language_has_an_example_and_about_a_dozen_are_covered() -> None:
    assert len(_DATA["profiles"]) >= 12
    for code, p in _DATA["profiles"].items():
        assert p.get("examples"), code


@pytest.mark.parametrize(("text", "name"), LANGUAGE_EXAMPLES)
def test_language_examples_are_recognised(text: str, name: str) -> None:
    expected = None if name == "English" else name
    assert not_english(text) == expected


@pytest.mark.parametrize(("text", "name"), SCRIPT_EXAMPLES)
def test_script_examples_are_recognised(text: str, name: str) -> None:
    assert not_english(text) == name


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives_are_not_flagged(text: str) -> None:
    assert not_english(text) is None


# --- conservative on what is not clearly foreign ----------------------------------------------


def test_short_and_empty_texts_are_never_flagged() -> None:
    assert not_english("") is None
    assert not_english("Bonjour à tous, et merci.") is None
    assert not_english("La piscine municipale fermera pour des travaux jusqu'à la fin de l'été") is None  # a headline


def test_half_english_half_foreign_is_not_flagged() -> None:
    assert not_english(ENGLISH + "\n\n" + FRENCH) is None
    assert not_english(FRENCH + "\n\n" + ENGLISH + " " + ENGLISH) is None


def test_numbers_and_symbols_are_not_text() -> None:
    table = "\n".join(f"{2000 + i} | {i * 317 % 1000:,} | {i * 7}% | €{i * 3.5:.2f}" for i in range(50))
    assert not_english(table) is None


def test_a_long_foreign_text_is_judged_on_its_beginning() -> None:
    assert not_english(GERMAN * 5000) == "German"  # over a megabyte, bounded work


# --- tag: one warning per call --------------------------------------------------------------


def test_tag_warns_once_on_a_foreign_text() -> None:
    found, caught = _caught(lambda: timeline.tag(FRENCH + " " + FRENCH, published=PUB, nlp=False))
    assert [w.category for w in caught] == [LanguageWarning]
    message = str(caught[0].message)
    assert "French" in message and "English only" in message
    assert caught[0].filename == __file__  # attributed to the caller's line
    assert isinstance(found, list)


def test_tag_is_silent_on_english_and_short_texts() -> None:
    for text in (ENGLISH, "Kim arrived on Tuesday.", "Lundi.", ""):
        _, caught = _caught(lambda: timeline.tag(text, published=PUB, nlp=False))
        assert caught == [], text


def test_warnings_can_be_silenced_with_their_root() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.simplefilter("ignore", timeline.TimelineWarning)
        timeline.tag(GERMAN, published=PUB, nlp=False)
    assert caught == []


# --- build and the streams: one warning per run ---------------------------------------------


def _docs() -> list[Document]:
    return [
        Document(ENGLISH, published=PUB, id="en-1"),
        Document(FRENCH, published=PUB, id="fr-1"),
        Document(GERMAN, published=PUB, id="de-1"),
        Document(FRENCH.replace("lundi", "mardi"), published=PUB, id="fr-2"),
        Document(GERMAN.replace("Montagabend", "Dienstagabend"), published=PUB, id="de-2"),
        Document(ENGLISH.replace("Monday", "Tuesday"), published=PUB, id="en-2"),
    ]


@pytest.mark.parametrize("how", ["build", "iter_events", "iter_document_events"])
def test_build_warns_once_per_run_naming_count_and_first_ids(nlp: Any, how: str) -> None:
    docs = _docs()
    calls = {
        "build": lambda: timeline.build(docs, nlp=nlp),
        "iter_events": lambda: list(timeline.iter_events(docs, nlp=nlp)),
        "iter_document_events": lambda: list(timeline.iter_document_events(docs, nlp=nlp)),
    }
    _, caught = _caught(calls[how])
    assert [w.category for w in caught] == [LanguageWarning]
    message = str(caught[0].message)
    assert message.startswith("4 documents do not look English: 'fr-1' (French), 'de-1' (German), 'fr-2' (French) and 1 more")
    assert "en-1" not in message and "de-2" not in message
    assert caught[0].filename == __file__


def test_build_of_english_documents_is_silent(nlp: Any) -> None:
    docs = [d for d in _docs() if d.id.startswith("en")]
    chronology, caught = _caught(lambda: timeline.build(docs, nlp=nlp))
    assert caught == [] and len(chronology) > 0


def test_documents_message_for_one_and_for_scripts() -> None:
    assert documents_message([("a", "Cyrillic")]).startswith("1 document does not look English: 'a' (Cyrillic script);")
    assert documents_message([("a", "Cyrillic")]).endswith("in it")


# --- pipelines without a parser -------------------------------------------------------------


@pytest.mark.parametrize("how", ["build", "iter_events", "iter_document_events", "extract_document"])
def test_a_pipeline_without_parser_warns_once_per_run(how: str) -> None:
    spacy = pytest.importorskip("spacy")
    blank = spacy.blank("en")
    docs = [Document(ENGLISH, published=PUB, id=f"d{i}") for i in range(3)]
    calls = {
        "build": lambda: timeline.build(docs, nlp=blank),
        "iter_events": lambda: list(timeline.iter_events(docs, nlp=blank)),
        "iter_document_events": lambda: list(timeline.iter_document_events(docs, nlp=blank)),
        "extract_document": lambda: timeline.extract_document(ENGLISH, PUB, "d0", nlp=blank),
    }
    _, caught = _caught(calls[how])
    assert [w.category for w in caught] == [ModelWarning]
    message = str(caught[0].message)
    assert "no parser" in message and "dependency parse" in message and "nlp=None" in message


def test_a_pipeline_with_its_parser_disabled_warns(nlp: Any) -> None:
    docs = [Document(ENGLISH, published=PUB, id="d")]
    with nlp.select_pipes(disable=["parser"]):
        _, caught = _caught(lambda: timeline.build(docs, nlp=nlp))
    assert [w.category for w in caught] == [ModelWarning]
    assert "tok2vec" in str(caught[0].message)  # names what the pipeline has


def test_the_default_pipeline_does_not_warn(nlp: Any) -> None:
    _, caught = _caught(lambda: timeline.build([Document(ENGLISH, published=PUB, id="d")]))
    assert caught == []


# --- the command line -----------------------------------------------------------------------


def test_cli_shows_warnings_as_one_line_each(tmp_path: Path, capsys: Any) -> None:
    from timeline.cli import main

    (tmp_path / "piscine.txt").write_text(FRENCH, encoding="utf-8")
    assert main(["tag", str(tmp_path / "piscine.txt"), "--published", PUB, "--no-model"]) == 0
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "timeline: WARNING: the text looks French, not English: the rules are English only, so few or no dates will be found in it"
    ]
    out = tmp_path / "out.json"
    assert main(["build", str(tmp_path / "piscine.txt"), "--published", PUB, "-o", str(out), "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert "timeline: WARNING: 1 document does not look English: 'piscine' (French)" in err
    assert "LanguageWarning" not in err and ".py:" not in err  # no source lines


# --- measured on the development corpora ----------------------------------------------------


def test_no_language_warning_on_the_english_dev_corpora(shared_dir: Path) -> None:
    """Every article of the eight Timeline17 dev collections and every TBAQ text is English:
    none may be flagged."""
    from timeline._evaluate import read_timeml

    tbaq = sorted((shared_dir / "corpora" / "tbaq").rglob("*.tml"))
    dev = shared_dir / "corpora" / "timeline17-dev"
    if not tbaq or not dev.is_dir():
        pytest.skip("the TBAQ or Timeline17 corpora are not in ../shared")
    flagged = [p.name for p in tbaq if not_english(read_timeml(p).text)]
    assert flagged == [] and len(tbaq) > 200
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import timeline17
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    total = 0
    for name in sorted(p.name for p in dev.iterdir() if p.is_dir()):
        docs = timeline17.collection(name)
        total += len(docs)
        flagged = [d.id for d in docs if not_english(d.text)]
        assert flagged == [], name
    assert total > 1500
