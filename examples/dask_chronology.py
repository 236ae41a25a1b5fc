"""Extract events on a Dask cluster (here: local worker processes) and merge them.

    python examples/dask_chronology.py [N_WORKERS]

The per-document step, :func:`timeline.extract_document`, is a pure function of
``(text, published, id)`` returning plain data, so any engine that can map a picklable
function over records can run it: a Dask bag here, equally a Spark RDD or a Ray dataset.
Each worker process loads the spaCy pipeline once. :func:`timeline.merge` then joins the
results into one :class:`timeline.Timeline`, whatever order they come back in.

Requires ``pip install "dask[bag]"``. On a real cluster, replace the local scheduler with
``dask.distributed.Client("scheduler-address:8786")`` and read the records from shared
storage (``dask.bag.read_text``, ``dask.dataframe.read_parquet``...).
"""

from __future__ import annotations

import sys
from pathlib import Path

import dask.bag as db

import timeline

HERE = Path(__file__).resolve().parent


def records() -> list[dict[str, str | None]]:
    """One record per article of the example collection: text, publication date, id, title."""
    docs = timeline.read_manifest(HERE / "articles" / "manifest.jsonl")
    return [{"text": d.text, **d.to_dict()} for d in docs]


def extract(record: dict[str, str | None]) -> dict:
    """The per-document step on one record (a module-level function: Dask pickles it)."""
    return timeline.extract_document(record["text"], record["published"], record["id"], title=record.get("title"), url=record.get("url"))


def chronology(rows: list[dict[str, str | None]], *, workers: int = 2, scheduler: str = "processes") -> timeline.Timeline:
    """Extract in parallel with Dask, then merge."""
    bag = db.from_sequence(rows, npartitions=max(1, min(len(rows), workers * 2)))
    results = bag.map(extract).compute(scheduler=scheduler, num_workers=workers)
    return timeline.merge(results)


def main(argv: list[str]) -> None:
    workers = int(argv[0]) if argv else 2
    result = chronology(records(), workers=workers)
    print(result)
    for event in result:
        print(f"{event.value:24} {event.status:9} {event.text}  [{', '.join(event.sources)}]")


if __name__ == "__main__":
    main(sys.argv[1:])
