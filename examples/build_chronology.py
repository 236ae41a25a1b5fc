"""Build one chronology from four reports on a (fictional) port strike and export it.

    python examples/build_chronology.py [OUTPUT_DIR]

The articles in ``examples/articles/`` were published on different days; the manifest gives
each one its date. Writes ``chronology.json`` and ``chronology.csv`` to OUTPUT_DIR (default:
this folder) and prints the events in order.
"""

from __future__ import annotations

import sys
from pathlib import Path

import timeline

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> None:
    out_dir = Path(argv[0]) if argv else HERE
    out_dir.mkdir(parents=True, exist_ok=True)

    documents = timeline.read_manifest(HERE / "articles" / "manifest.jsonl")
    chronology = timeline.build(documents)
    print(chronology)

    for event in chronology:
        when = event.value if event.start is None else f"{event.value} ({event.granularity})"
        print(f"{when:28} {event.status:9} {event.text}")
        print(f"{'':28} sources: {', '.join(event.sources)}")

    chronology.to_json(out_dir / "chronology.json")
    chronology.to_csv(out_dir / "chronology.csv")
    print(f"\nwritten: {out_dir / 'chronology.json'}, {out_dir / 'chronology.csv'}")


if __name__ == "__main__":
    main(sys.argv[1:])
