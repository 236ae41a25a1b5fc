"""Build a large collection on every core, and check that the result is the one process gives.

    python examples/large_collection.py [MANIFEST] [--copies N]

MANIFEST is a manifest of articles (default: the port-strike reports in
``examples/articles/``). ``--copies N`` reads each article N times under new ids (default 50),
standing in for a scraped collection of a few hundred articles: the copies of one report
merge into one event that lists every source.

The script shows the two things that make ``timeline.build`` fast on such a collection:

* only the sentences that hold a date are parsed: the library logs (logger ``"timeline"``,
  level INFO) what share of the text spaCy read;
* ``n_process=-1`` reads whole articles in one worker process per CPU. The chronology is the
  same as with one process, which the script checks.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

import timeline

HERE = Path(__file__).resolve().parent


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("manifest", nargs="?", type=Path, default=HERE / "articles" / "manifest.jsonl")
    p.add_argument("--copies", type=int, default=50)
    args = p.parse_args()

    originals = timeline.read_manifest(args.manifest)
    documents = [
        timeline.Document(d.text, published=d.published, id=f"{d.id}-{k}", title=d.title)
        for k in range(args.copies)
        for d in originals
    ]
    timeline.build(originals[:1])  # loads the pipeline and the rules once, before timing
    logging.basicConfig(level=logging.WARNING, format="  timeline: %(message)s", stream=sys.stdout)
    logging.getLogger("timeline").setLevel(logging.INFO)

    runs = {}
    for n_process in (1, -1):
        start = time.perf_counter()
        runs[n_process] = timeline.build(documents, n_process=n_process)
        print(f"{len(documents)} articles, n_process={n_process}: {time.perf_counter() - start:.1f} s, {runs[n_process]}")
    print(f"same chronology: {runs[1].to_json() == runs[-1].to_json()}")


if __name__ == "__main__":
    main()
