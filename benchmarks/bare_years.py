"""Count the bare four-digit numbers the tagger reads as years on the Timeline17 dev
collections, and print a sample of them in context for reading.

    python benchmarks/bare_years.py                 # counts per collection, 50 in context
    python benchmarks/bare_years.py --sample 0 --jsonl out.jsonl

A "bare number" is a timex whose whole text is four digits ("2009", not "May 2009" or
"early 2009"). Each article is tagged with rules only against its publication date, as
``timeline.tag(doc.text, published=doc.published, nlp=False)``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import timeline  # noqa: E402
from timeline17 import NAMES, collection  # noqa: E402

BARE = re.compile(r"\d{4}")


def bare_years(names: list[str]) -> list[dict[str, object]]:
    """Every bare-number year-valued timex of the collections, with its context."""
    out: list[dict[str, object]] = []
    for name in names:
        for doc in collection(name):
            for t in timeline.tag(doc.text, published=doc.published, nlp=False):
                if BARE.fullmatch(t.text) and t.granularity == "year":
                    left = " ".join(doc.text[max(0, t.start - 60) : t.start].split())
                    right = " ".join(doc.text[t.end : t.end + 40].split())
                    out.append({"collection": name, "doc": doc.id, "start": t.start, "text": t.text, "context": f"{left} [{t.text}] {right}"})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=50, help="print this many, chosen at random (seed 0)")
    ap.add_argument("--jsonl", help="write every one to this file")
    args = ap.parse_args()
    if not NAMES:
        print("Timeline17 dev collections not found", file=sys.stderr)
        return 2
    found = bare_years(NAMES)
    counts: dict[str, int] = {}
    for f in found:
        counts[str(f["collection"])] = counts.get(str(f["collection"]), 0) + 1
    for name in NAMES:
        print(f"{name:24} {counts.get(name, 0):6}")
    print(f"{'total':24} {len(found):6}")
    if args.jsonl:
        with open(args.jsonl, "w", encoding="utf-8") as fh:
            for f in found:
                fh.write(json.dumps(f, ensure_ascii=False) + "\n")
    for f in random.Random(0).sample(found, min(args.sample, len(found))):
        print(f"{f['collection']:22} {f['context']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
