"""Time against input size on adversarial texts: does doubling the input at most double the time?

    python benchmarks/adversarial.py [--quick] [--only NAME,...] [--model]

``--charts`` also times charts of 1,000 to 8,000 events. For each kind of text (long chains of digits and commas, numbers run together, ISO dates run
together...), tags it at a base size and at twice, four times that size (rules only unless
``--model``) and prints the time and the ratio of each doubling. The bar (issue 12): at most
2.2 per doubling, up to 10 MB. Ratios, not absolute times, so the figures hold on any machine.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import timeline

PUBLISHED = "2023-09-12"

#: name -> (unit repeated, base number of repetitions)
TEXTS: dict[str, tuple[str, int]] = {
    "digit_commas": ("1,", 12_500),
    "digit_dots": ("1.", 12_500),
    "thousands": ("1,000 ", 6_000),
    "dollar_chain": ("$1,", 10_000),
    "decimals": ("1.1 ", 8_000),
    "iso_dates": ("2023-09-12", 4_000),
    "the_words": ("the ", 10_000),
}


def timed(f: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    f()
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="two sizes instead of three, smaller bases")
    p.add_argument("--only", default=",".join(TEXTS), help=f"comma-separated kinds among {', '.join(TEXTS)}")
    p.add_argument("--model", action="store_true", help="tag with the spaCy pipeline (default: rules only)")
    p.add_argument("--charts", action="store_true", help="also draw charts of 1,000 to 8,000 events")
    args = p.parse_args(argv)
    nlp = None if args.model else False
    steps = 2 if args.quick else 3
    worst = 0.0
    print(f"{'text':14s} {'chars':>10s} {'seconds':>9s} {'x per doubling':>15s}")
    for name in args.only.split(","):
        unit, base = TEXTS[name]
        if args.quick:
            base //= 2
        timeline.tag(unit * 10, published=PUBLISHED, nlp=nlp)  # warm-up: rules, lexicons
        previous = None
        for k in range(steps):
            text = unit * (base * 2**k)
            t = timed(lambda: timeline.tag(text, published=PUBLISHED, nlp=nlp))
            ratio = f"{t / previous:15.2f}" if previous else f"{'':15s}"
            if previous:
                worst = max(worst, t / previous)
            print(f"{name:14s} {len(text):10,d} {t:9.2f} {ratio}")
            previous = t
    if args.charts:
        worst = max(worst, charts(args.quick))
    print(f"worst ratio per doubling: {worst:.2f}  [goal <= 2.2]")
    return 0


def charts(quick: bool) -> float:
    """Draw charts of 1,000 to 8,000 synthetic events (default options, and ``max_events``
    as large as the timeline): the time must not grow faster than the number of events."""
    import sys
    import warnings
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    import _synthetic  # the tests' builders of synthetic events

    from timeline.render import PlotSpec, figure_bytes, render

    worst = 0.0
    sizes = [1000, 2000] if quick else [1000, 2000, 4000, 8000]
    for label, spec_of in (("chart", lambda n: PlotSpec()), ("chart_max", lambda n: PlotSpec(max_events=n))):
        previous = None
        for n in sizes:
            evs = _synthetic.twenty_years(n)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                t = timed(lambda: figure_bytes(render(evs, (), spec_of(n))[0], "png", dpi=150))
            ratio = f"{t / previous:15.2f}" if previous else f"{'':15s}"
            if previous:
                worst = max(worst, t / previous)
            print(f"{label:14s} {n:10,d} {t:9.2f} {ratio}   (events)")
            previous = t
    return worst


if __name__ == "__main__":
    raise SystemExit(main())
