"""Event-quality audit on the Timeline17 dev collections: build, count, and sample events to read.

    python benchmarks/audit_events.py build OUT_DIR [--only H1N1_reuters,...]
    python benchmarks/audit_events.py stats OUT_DIR
    python benchmarks/audit_events.py sample OUT_DIR [--n 50] [--seed 10]

``build`` writes each collection's chronology as ``OUT_DIR/<name>.json`` (the publication
date of each article is its folder's date). ``stats`` prints events per article and the
share of year-only events that come from bare numbers ("1918", "in 2009") rather than
phrases that say "year". ``sample`` draws events at random across the collections, half of
them merged (more than one source), and prints each with its mentions, for a human to judge:
right date, a real event, a readable text, one happening.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import timeline17  # noqa: E402

import timeline  # noqa: E402


def build(out: Path, only: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name in only or timeline17.NAMES:
        docs = timeline17.collection(name)
        t0 = time.perf_counter()
        chronology = timeline.build(docs)
        dt = time.perf_counter() - t0
        chronology.to_json(out / f"{name}.json")
        print(f"{name}: {len(docs)} documents, {len(chronology)} events, {dt:.1f} s", flush=True)


def _load(out: Path) -> dict[str, timeline.Timeline]:
    return {p.stem: timeline.Timeline.from_json(p) for p in sorted(out.glob("*.json"))}


_BARE_NUMBER = re.compile(r"^(?:(?:in|of|since|by|until|from)\s+)?\d{4}$", re.I)


def stats(out: Path) -> None:
    total_docs = total_events = years = bare = merged = 0
    for name, t in _load(out).items():
        n_docs = len(t.documents)
        year_events = [e for e in t if e.granularity == "year"]
        from_numbers = [e for e in year_events if all(_BARE_NUMBER.match(m.timex) for m in e.mentions)]
        m = sum(1 for e in t if len(e.sources) > 1)
        print(
            f"{name:24} {n_docs:4} docs {len(t):5} events ({len(t) / n_docs:.2f}/doc), {m} merged, "
            f"{len(year_events)} year-only, {len(from_numbers)} of them from bare numbers"
        )
        total_docs += n_docs
        total_events += len(t)
        years += len(year_events)
        bare += len(from_numbers)
        merged += m
    print(
        f"{'all':24} {total_docs:4} docs {total_events:5} events ({total_events / max(1, total_docs):.2f}/doc), {merged} merged, "
        f"{years} year-only, {bare} from bare numbers ({bare / max(1, years):.0%})"
    )


def sample(out: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    pool = [(name, e, t) for name, t in _load(out).items() for e in t]
    single = [p for p in pool if len(p[1].sources) == 1]
    multi = [p for p in pool if len(p[1].sources) > 1]
    picks = rng.sample(single, min(n // 2, len(single))) + rng.sample(multi, min(n - n // 2, len(multi)))
    for k, (name, e, t) in enumerate(picks, 1):
        pubs = {d.id: d.published.date().isoformat() if d.published else "?" for d in t.documents}
        print(f"#{k} [{name}] {e.value} ({e.granularity}) {e.status} · {len(e.sources)} source(s)")
        print(f"   TEXT: {e.text}")
        for m in e.mentions[:6]:
            print(f"   - {m.doc} (pub {pubs.get(m.doc)}) timex {m.timex!r}: {m.sentence[:300]}")
        if len(e.mentions) > 6:
            print(f"   ... {len(e.mentions) - 6} more mentions")
        print()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("command", choices=("build", "stats", "sample"))
    ap.add_argument("out", type=Path)
    ap.add_argument("--only", default="")
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=10)
    a = ap.parse_args()
    if a.command == "build":
        build(a.out, [s for s in a.only.split(",") if s])
    elif a.command == "stats":
        stats(a.out)
    else:
        sample(a.out, a.n, a.seed)


if __name__ == "__main__":
    main()
