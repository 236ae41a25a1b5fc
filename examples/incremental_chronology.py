"""Keep a chronology up to date as scraped articles arrive, day by day.

    python examples/incremental_chronology.py [OUTPUT_DIR]

The two pages in ``examples/scraped/`` (our own writing) look like what a scraper hands
over: a byline, a dateline, a photo caption and credit, related links and reader comments
with their own timestamps. The script

1. shows the page furniture ``timeline.find_furniture`` finds in the first page (none of it
   becomes an event);
2. builds the chronology of the first day's article and writes it to
   ``OUTPUT_DIR/chronology.json``;
3. the next day, reads that file back and merges it with the new article's events: the
   result is the chronology of both articles, exactly as if they had been built together
   (each event's mentions carry every source's own account, so nothing is lost in JSON).
"""

from __future__ import annotations

import sys
from pathlib import Path

import timeline

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> None:
    out_dir = Path(argv[0]) if argv else HERE
    out_dir.mkdir(parents=True, exist_ok=True)
    first, second = timeline.read_manifest(HERE / "scraped" / "manifest.jsonl")

    print(f"page furniture in {first.id}:")
    furniture = timeline.find_furniture(first.text)
    for zone in furniture.zones:
        snippet = " ".join(first.text[zone.start : zone.end].split())
        print(f"  {zone.kind:8} {snippet[:70]}")
    print(f"  the byline dates the page: {furniture.published}")

    # day 1: one article
    day1 = timeline.build([first])
    path = out_dir / "chronology.json"
    day1.to_json(path)
    print(f"\nday 1: {day1} -> {path.name}")

    # day 2: yesterday's chronology, read back, merged with today's article
    saved = timeline.Timeline.from_json(path)
    today = list(timeline.iter_events([second]))
    day2 = timeline.merge([*saved.events, *today], documents=[first, second])
    print(f"day 2: {day2}")
    for event in day2:
        sources = ", ".join(event.sources)
        print(f"  {event.value:16} {event.status:9} {event.text}  [{sources}]")

    together = timeline.build([first, second])
    print(f"\nsame as building both at once: {day2.to_json() == together.to_json()}")


if __name__ == "__main__":
    main(sys.argv[1:])
