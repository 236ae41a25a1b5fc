"""Time and peak memory against text size: is tagging and building linear for any text?

    python benchmarks/scaling_text.py [--quick] [--sizes 50K,100K,...] [--max 10M]
                                      [--only KIND,...] [--ops OP,...] [--timeout S]

Texts (issue 12, class 2): a mix of news paragraphs repeated to each size, separated by a
single newline (``nl``, as ``Document.from_html`` and most scrapers give them) or by a blank
line (``nlnl``); ISO dates run together (``iso_dates``); ``"the "`` repeated (``the_words``).
With ``--only``, also dates one after the other in one endless sentence (``dense_dates``:
"on Monday, on 2023-09-12, ..."), where every expression asks for its sentence and clause.
Operations: ``tag`` with rules only (``tag_rules``), ``tag`` with the default spaCy pipeline
(``tag_model``), ``build`` of one document (``build``).

Each measurement runs in a fresh subprocess (the pipeline and rules loaded and warmed up
first), which prints its seconds and its peak resident memory (``ru_maxrss``), as a whole and
above what the warm-up left. The bar: at most 2.2x the time per doubling of the input, and
peak memory bounded by a constant plus the output. Ratios, not absolute times, so the figures
hold on any machine.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

PUBLISHED = "2023-09-12"

#: paragraphs of news, each with dates of several kinds
PARAGRAPHS = (
    "Kim Jong Un left Pyongyang by armoured train on Sunday and arrived in Vladivostok on Tuesday, state media said.",
    "The summit is expected to take place next week, officials said, after talks in Moscow on Sept. 4, 2023 ended without a deal.",
    "A water main burst early on Monday, flooding streets in the city centre; repairs will continue until Friday, the utility said.",
    "The company reported a 12 percent rise in profit for the second quarter and said it would cut 500 jobs by the end of the year.",
    "In March 2020, the council closed the bridge for repairs. It reopened on 14 June 2021 after a review of the costs.",
    "Protesters gathered outside parliament last Thursday. Police said about 2,000 people took part and three were arrested at 3 p.m.",
    "The minister resigned on Wednesday, and the report will be published in the coming days, according to two officials.",
    "Shares fell 4 percent in early trading on 2023-09-11 before recovering later in the session; analysts expect a rebound in October.",
)

KINDS = ("nl", "nlnl", "iso_dates", "the_words")
EXTRA_KINDS = ("dense_dates",)
OPS = ("tag_rules", "tag_model", "build")
DEFAULT_SIZES = "50K,100K,200K,400K"
QUICK_SIZES = "25K,50K,100K"


def make_text(kind: str, size: int) -> str:
    """About ``size`` characters of text of ``kind``."""
    if kind in ("nl", "nlnl"):
        sep = "\n" if kind == "nl" else "\n\n"
        unit = sep.join(PARAGRAPHS) + sep
    elif kind == "iso_dates":
        unit = "2023-09-12"
    elif kind == "the_words":
        unit = "the "
    elif kind == "dense_dates":
        unit = "they met on Monday, on 2023-09-12 and in March 2021, "
    else:
        raise ValueError(f"unknown kind {kind!r}; one of {', '.join(KINDS + EXTRA_KINDS)}")
    return (unit * (size // len(unit) + 1))[:size]


def parse_size(s: str) -> int:
    s = s.strip().upper()
    scale = {"K": 1_000, "M": 1_000_000}.get(s[-1:], 1)
    return int(float(s[:-1] if scale > 1 else s) * scale)


def child(kind: str, op: str, size: int) -> None:
    """One measurement, in this process; prints a JSON line."""
    import resource

    import timeline

    text = make_text(kind, size)
    nlp = False if op == "tag_rules" else None
    # warm-up: the pipeline, rules and lexicons loaded once, before measuring
    timeline.tag("Kim left on Sunday.", published=PUBLISHED, nlp=nlp)
    if op == "build":
        timeline.build([timeline.Document("Kim left on Sunday.", published=PUBLISHED, id="warm-up")])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    if op == "build":
        out: object = timeline.build([timeline.Document(text, published=PUBLISHED, id="doc")])
        n = len(out.events)  # type: ignore[attr-defined]
    else:
        n = len(timeline.tag(text, published=PUBLISHED, nlp=nlp))
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "growth_mb": (peak - before) / 1024, "found": n}))


def measure(kind: str, op: str, size: int, timeout: float) -> dict[str, float] | None:
    """One measurement in a fresh subprocess; ``None`` when it did not end in time."""
    cmd = [sys.executable, __file__, "--child", kind, op, str(size)]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as e:
        raise SystemExit(f"{kind} {op} {size}: failed\n{e.stderr}") from None
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help=f"sizes {QUICK_SIZES}")
    p.add_argument("--sizes", default=None, help=f"comma-separated sizes (default {DEFAULT_SIZES})")
    p.add_argument("--max", default=None, help="keep doubling the last size up to this one (e.g. 10M)")
    p.add_argument("--only", default=",".join(KINDS), help=f"comma-separated kinds among {', '.join(KINDS + EXTRA_KINDS)}")
    p.add_argument("--ops", default=",".join(OPS), help=f"comma-separated operations among {', '.join(OPS)}")
    p.add_argument("--timeout", type=float, default=600, help="seconds before a measurement is abandoned (and larger sizes skipped)")
    p.add_argument("--child", nargs=3, metavar=("KIND", "OP", "SIZE"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return 0
    sizes = [parse_size(s) for s in (args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)).split(",")]
    if args.max:
        top = parse_size(args.max)
        while sizes[-1] * 2 <= top:
            sizes.append(sizes[-1] * 2)
    worst = 0.0
    print(f"{'kind':10s} {'op':9s} {'chars':>10s} {'seconds':>9s} {'x/doubling':>10s} {'peak MB':>8s} {'growth MB':>9s} {'found':>7s}", flush=True)
    for kind in args.only.split(","):
        for op in args.ops.split(","):
            previous: tuple[int, float] | None = None
            for size in sizes:
                r = measure(kind, op, size, args.timeout)
                if r is None:
                    print(f"{kind:10s} {op:9s} {size:10,d} {'>' + str(int(args.timeout)):>9s}  (timed out; larger sizes skipped)", flush=True)
                    break
                ratio = ""
                if previous is not None and size == 2 * previous[0] and previous[1] > 0:
                    x = r["seconds"] / previous[1]
                    ratio = f"{x:.2f}"
                    if r["seconds"] > 0.5:  # ratios of tiny times are noise
                        worst = max(worst, x)
                print(f"{kind:10s} {op:9s} {size:10,d} {r['seconds']:9.2f} {ratio:>10s} {r['peak_mb']:8.0f} {r['growth_mb']:9.0f} {int(r['found']):7d}", flush=True)
                previous = (size, r["seconds"])
    print(f"worst ratio per doubling (times over 0.5 s): {worst:.2f}  [goal <= 2.2]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
