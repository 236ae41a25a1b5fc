"""Read a Timeline17 collection (``../shared/corpora/timeline17-dev/<name>``) as documents.

The corpus stores each article Penn-tokenized, one sentence per line ("-LRB- Reuters -RRB-",
"`` quoted ''", "Mexico 's"); a user hands ordinary text, so the articles are detokenized
here before they reach the library. Each article's publication date is the name of its
folder, as the news-tls protocol has it.

    python benchmarks/timeline17.py H1N1_reuters        # prints the first article, detokenized
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import timeline

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "corpora" / "timeline17-dev"

_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_CONTRACTIONS = re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m|'S|N'T)\b")
_BEFORE = re.compile(r" ([,.;:?!%)\]}])")
_AFTER = re.compile(r"([(\[{$]) ")


def detokenize(line: str) -> str:
    """Ordinary text from one Penn-tokenized line.

    >>> detokenize("Mexico 's flu -LRB- H1N1 -RRB- killed 20 , officials said `` today '' .")
    'Mexico\\'s flu (H1N1) killed 20, officials said "today".'
    """
    words = [_BRACKETS.get(w, w) for w in line.split()]
    out: list[str] = []
    for w in words:
        if w == "``":
            out.append('"\u0001')  # opening quote: glued to what follows
        elif w == "''":
            out.append('\u0002"')  # closing quote: glued to what precedes
        else:
            out.append(w)
    text = " ".join(out)
    text = text.replace('"\u0001 ', '"').replace('"\u0001', '"').replace(' \u0002"', '"').replace('\u0002"', '"')
    text = _CONTRACTIONS.sub(r"\1", text)
    text = _BEFORE.sub(r"\1", text)
    text = _AFTER.sub(r"\1", text)
    return text.replace(" ` ", " '").replace(" ' ", "' ")


def read_article(path: Path) -> str:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join(detokenize(line) for line in lines if line.strip())


def collection(name: str) -> list[timeline.Document]:
    """The documents of one dev collection, in a fixed order."""
    root = DEV / name / "InputDocs"
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no such collection")
    docs = []
    for day in sorted(p for p in root.iterdir() if p.is_dir()):
        for f in sorted(p for p in day.iterdir() if p.is_file() and not p.name.startswith(".")):
            docs.append(timeline.Document(read_article(f), published=day.name, id=f"{day.name}/{f.name.split('.')[0]}"))
    return docs


def gold(name: str) -> list[list[tuple[str, list[str]]]]:
    """The collection's gold timelines: lists of (date, sentences)."""
    out = []
    for line in (DEV / name / "timelines.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append([(d[:10], sents) for d, sents in json.loads(line)])
    return out


def keywords(name: str) -> list[str]:
    return list(json.loads((DEV / name / "keywords.json").read_text(encoding="utf-8")))


NAMES = sorted(p.name for p in DEV.iterdir()) if DEV.is_dir() else []

if __name__ == "__main__":
    docs = collection(sys.argv[1] if len(sys.argv) > 1 else "H1N1_reuters")
    print(len(docs), "documents")
    print(docs[0].id, docs[0].published)
    print(docs[0].text[:3000])
