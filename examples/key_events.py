"""Key dates of a collection: build a chronology, then keep what matters.

    python examples/key_events.py [MANIFEST] [--query WORDS] [--dates N] [-o key_events.png]

With no manifest, uses the four strike articles of ``examples/articles``. Prints each key
date with the sentence that says what happened and how many articles report it, and draws
the key dates. On a real collection (hundreds of articles) give ``--query`` the story's
words: articles and sentences off it count less.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import timeline

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("manifest", nargs="?", default=str(HERE / "articles" / "manifest.jsonl"))
    ap.add_argument("--query", default="strike")
    ap.add_argument("--dates", type=int, default=None, help="how many key dates (default: as the data suggests)")
    ap.add_argument("--per-date", type=int, default=1)
    ap.add_argument("-o", "--output", default="key_events.png")
    args = ap.parse_args()

    documents = timeline.read_manifest(args.manifest)
    chronology = timeline.build(documents)
    key = chronology.summarize(dates=args.dates, per_date=args.per_date, query=args.query)
    print(f"{len({e.value for e in key})} key dates of {len(chronology)} events from {len(documents)} articles")
    for event in key:
        print(f"{event.value}  [{len(event.sources)} source{'s' if len(event.sources) != 1 else ''}]  {event.text}")
    key.save(args.output, orientation="vertical", title="Key dates")
    print(f"chart: {args.output}")


if __name__ == "__main__":
    main()
