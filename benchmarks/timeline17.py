"""Read a Timeline17 collection (``../shared/corpora/timeline17-dev/<name>``) as documents.

The corpus stores each article Penn-tokenized, one sentence per line ("-LRB- Reuters -RRB-",
"`` quoted ''", "Mexico 's"); a user hands ordinary text, so the articles are detokenized
here (with ``timeline._tls.detokenize``, which ``timeline eval-tls`` uses too) before they
reach the library. Each article's publication date is the name of its
folder, as the news-tls protocol has it.

    python benchmarks/timeline17.py H1N1_reuters        # prints the first article, detokenized
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import timeline
from timeline._tls import detokenize  # the detokenizer lives in the package (timeline eval-tls reads T17 too)

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "corpora" / "timeline17-dev"

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
