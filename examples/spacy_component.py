"""Use the tagger as a spaCy pipeline component.

    python examples/spacy_component.py
"""

from __future__ import annotations

import spacy

from timeline._nlp import default_nlp


def main() -> None:
    # Any pipeline works: a trained one gives tense from the parse, spacy.blank("en") too.
    base = default_nlp()
    nlp = spacy.load(base.path) if base.path else spacy.blank("en")
    nlp.add_pipe("timex", config={"published": "2023-09-12"})

    doc = nlp("Kim left Pyongyang by train on Sunday and will meet Putin on Wednesday.")
    for span in doc.spans["timex"]:
        print(f"{span.text:12} {span.label_:6} {span._.timex.value:12} {span._.timex.reason}")

    # A publication date per document overrides the component's setting.
    doc = nlp.make_doc("The talks ended yesterday.")
    doc._.published = "2023-09-05"
    doc = nlp(doc)
    print([(s.text, s._.timex.value) for s in doc.spans["timex"]])


if __name__ == "__main__":
    main()
