"""Regenerate the images of docs/guide.md from the example articles.

    python docs/make_images.py

Builds the chronology of ``examples/articles/manifest.jsonl`` and writes the charts to
``docs/images/``. Nothing in the images is drawn by hand: rerun this after changing the
renderer or the examples.
"""

from __future__ import annotations

from pathlib import Path

import timeline

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent
IMAGES = DOCS / "images"
TITLE = "Calder Bay port strike"


def main() -> None:
    IMAGES.mkdir(exist_ok=True)
    docs = timeline.read_manifest(REPO / "examples" / "articles" / "manifest.jsonl")
    chronology = timeline.build(docs)
    charts = {
        "chronology.png": {},
        "chronology.svg": {},
        "chronology-vertical.png": {"orientation": "vertical"},
        "chronology-by-source.png": {"color_by": "source", "max_events": 12},
        "chronology-linear.png": {"scale": "linear", "max_events": 12},
    }
    for name, options in charts.items():
        path = chronology.save(IMAGES / name, title=TITLE, dpi=100, **options)
        print(f"wrote {path.relative_to(REPO)}")
    key = chronology.summarize(dates=5, query="strike")
    path = key.save(IMAGES / "key-dates.png", title=f"{TITLE}: key dates", orientation="vertical", dpi=100)
    print(f"wrote {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
