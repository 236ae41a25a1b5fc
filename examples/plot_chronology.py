"""Build the chronology of the example articles and save it as PNG and SVG charts.

Run from anywhere: ``python examples/plot_chronology.py [OUT_DIR]`` (default: the current
folder). The SVG shows each event's full text as a tooltip in a browser.
"""

from __future__ import annotations

import sys
from pathlib import Path

import timeline

HERE = Path(__file__).resolve().parent


def main(out_dir: str = ".") -> None:
    docs = timeline.read_manifest(HERE / "articles" / "manifest.jsonl")
    chronology = timeline.build(docs)
    print(chronology)
    out = Path(out_dir)
    title = "Calder Bay port strike"
    for name, options in (
        ("chronology.png", {}),
        ("chronology.svg", {}),
        ("chronology-vertical.png", {"orientation": "vertical"}),
    ):
        path = chronology.save(out / name, title=title, **options)
        print(f"wrote {path}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
