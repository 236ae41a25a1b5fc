"""Publish a chronology three ways: TimelineJS, one interactive page, and an SVG a designer
can edit.

    python examples/publish.py [MANIFEST] [-o OUT_DIR]

With no manifest, uses the four strike articles of ``examples/articles``. Writes
``chronology.timelinejs.json`` (load it in TimelineJS: ``new TL.Timeline("timeline-embed",
data)``), ``chronology.html`` (open it in a browser: no network needed) and
``chronology.svg`` (text stays text, one group per event), and prints what it wrote.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import timeline

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("manifest", nargs="?", default=str(HERE / "articles" / "manifest.jsonl"))
    ap.add_argument("-o", "--out", default=".", help="folder to write the three files to")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    chronology = timeline.build(timeline.read_manifest(args.manifest))
    tljs = out / "chronology.timelinejs.json"
    chronology.to_timelinejs(tljs, title="The Calder Bay dock strike")
    slides = json.loads(tljs.read_text(encoding="utf-8"))["events"]
    page = out / "chronology.html"
    chronology.to_html(page, title="The Calder Bay dock strike")
    svg = out / "chronology.svg"
    chronology.save(svg, title="The Calder Bay dock strike")
    print(f"{len(chronology)} events")
    print(f"TimelineJS: {tljs} ({len(slides)} slides)")
    print(f"page: {page} ({page.stat().st_size // 1024} KB, self-contained)")
    print(f"SVG: {svg} ({svg.read_text(encoding='utf-8').count('<text')} text elements)")


if __name__ == "__main__":
    main()
