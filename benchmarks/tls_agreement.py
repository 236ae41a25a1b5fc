"""Agreement of `timeline eval-tls`'s scorer with the shared Timeline17 scorer (tls_score.py).

Both score the same predicted timelines against the dev collections' gold timelines: ours is
``timeline._tls.score_predictions`` (pure Python: ROUGE-1.5.5's normalization, spaCy stop
words, WordNet irregular forms, a Porter stemmer); the shared one is
``../shared/tools/tls_score.py predictions FILE --split dev --concat``, which runs the original
ROUGE-1.5.5 Perl script through tilse. The script prints, per timeline, both scores and their
difference, then both averages (news-tls style: F of the mean P and the mean R), and exits
with status 1 when an average Date-F1, AR1-F or AR2-F differs by more than 0.01.

Run from the project's root (the shared scorer needs its own venv with tilse, see
../shared/tools/setup-tls-eval.sh; a minute or two per file):

    python benchmarks/tls_agreement.py                      # the pubcount baseline's predictions
    python benchmarks/tls_agreement.py preds.json ...       # {"<collection>/<i>": [[date, [sentences]], ...]}
    timeline eval-tls ../shared/corpora/timeline17-dev --json > report.json
    python benchmarks/tls_agreement.py report.json          # what Timeline.summarize predicted

Options: --tls-python PATH (default $TLS_VENV/bin/python, else
~/.cache/timeline-tls-venv/bin/python), --corpus DIR (default
../shared/corpora/timeline17-dev).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from timeline._tls import METRICS, TimelineScores, average_scores, score_predictions

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCORER = SHARED / "tools" / "tls_score.py"
DEV = SHARED / "corpora" / "timeline17-dev"
TLS_VENV = Path(os.environ.get("TLS_VENV", str(Path.home() / ".cache" / "timeline-tls-venv")))

# tls_score.py's names for the metrics, in the order of timeline._tls.METRICS
THEIR_NAMES = {"date": "date", "ar1": "rouge_1", "ar2": "rouge_2", "concat_r1": "concat_rouge_1", "concat_r2": "concat_rouge_2"}
ROW = re.compile(
    r"^(?P<key>\S+/\d+)\s+l=\s*\d+ k=\d+ date_F1=(?P<date>[\d.]+) AR1_F=(?P<ar1>[\d.]+) AR2_F=(?P<ar2>[\d.]+)"
    r".*?cR1_F=(?P<concat_r1>[\d.]+) cR2_F=(?P<concat_r2>[\d.]+)"
)
AVERAGE = re.compile(r"^\s+(?P<name>\w+)\s+P=(?P<p>[\d.]+) R=(?P<r>[\d.]+) F=(?P<f>[\d.]+)")
TOLERANCE = 0.01


def predictions_of(path: Path) -> dict[str, list[list[object]]]:
    """A predictions file, or the predictions inside an `eval-tls --json` report."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and isinstance(data.get("timelines"), list):
        return {row["timeline"]: row["predicted"] for row in data["timelines"]}
    return data  # type: ignore[no-any-return]


def pubcount_predictions(tls_python: Path, out: Path) -> None:
    """The shared scorer's pubcount baseline (most-published days, lead sentences), dumped."""
    subprocess.run(
        [str(tls_python), str(SCORER), "baseline", "pubcount", "--split", "dev", "--rouge", "reimpl", "--dump", str(out)],
        check=True, capture_output=True, text=True, cwd=REPO,
    )  # fmt: skip


def theirs(tls_python: Path, predictions: Path) -> tuple[dict[str, dict[str, float]], dict[str, float], str]:
    """tls_score.py's per-timeline F scores (3 decimals), its average F scores (4 decimals) and
    its ROUGE implementation."""
    run = subprocess.run(
        [str(tls_python), str(SCORER), "predictions", str(predictions), "--split", "dev", "--concat"],
        capture_output=True, text=True, cwd=REPO,
    )  # fmt: skip
    if run.returncode != 0:
        raise SystemExit(f"tls_score.py failed ({run.returncode}):\n{run.stderr[-2000:]}")
    rows: dict[str, dict[str, float]] = {}
    averages: dict[str, float] = {}
    implementation = "?"
    for line in run.stdout.splitlines():
        if m := ROW.match(line):
            rows[m["key"]] = {k: float(m[k]) for k in METRICS}
        elif m := AVERAGE.match(line):
            averages[m["name"]] = float(m["f"])
        elif line.startswith("ROUGE implementation:"):
            implementation = line.split(":", 1)[1].strip()
    return rows, averages, implementation


def compare(name: str, predictions: Path, tls_python: Path, corpus: Path) -> bool:
    ours = score_predictions(predictions_of(predictions), corpus)
    their_rows, their_avg, implementation = theirs(tls_python, predictions)
    print(f"\n## {name}: ours vs tls_score.py (ROUGE {implementation}); F per timeline, ours/theirs (ours - theirs; theirs has 3 decimals)")
    print(f"{'timeline':24s} " + " ".join(f"{m:>22s}" for m in METRICS))
    worst = dict.fromkeys(METRICS, 0.0)
    for key, s in ours.items():
        t = their_rows.get(key)
        if t is None:
            print(f"{key:24s} (not in tls_score.py's output)")
            continue
        cells = []
        for m in METRICS:
            mine = getattr(s, m).f
            diff = mine - t[m]
            worst[m] = max(worst[m], abs(diff))
            cells.append(f"{mine:.3f}/{t[m]:.3f} ({diff:+.3f})")
        print(f"{key:24s} " + " ".join(f"{c:>22s}" for c in cells))
    avg: TimelineScores = average_scores(list(ours.values()))
    print(f"{'averages (F of mean P, mean R)':24s}    ours   theirs     diff")
    ok = True
    for m in METRICS:
        mine, other = getattr(avg, m).f, their_avg.get(THEIR_NAMES[m])
        if other is None:
            print(f"{m:24s}  {mine:.4f}   (missing)")
            continue
        diff = mine - other
        flag = ""
        if m in ("date", "ar1", "ar2") and abs(diff) > TOLERANCE:
            ok, flag = False, f"  > {TOLERANCE}"
        print(f"{m:24s}  {mine:.4f}   {other:.4f}  {diff:+.4f}{flag}")
    print("largest per-timeline |diff| (3-decimal F): " + ", ".join(f"{m} {worst[m]:.3f}" for m in METRICS))
    return ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", type=Path, help="predictions files or eval-tls --json reports (default: the pubcount baseline)")
    ap.add_argument("--tls-python", type=Path, default=TLS_VENV / "bin" / "python", help="the shared scorer's interpreter (with tilse)")
    ap.add_argument("--corpus", type=Path, default=DEV, help="the Timeline17 dev collections")
    args = ap.parse_args(argv)
    if not SCORER.is_file() or not args.corpus.is_dir():
        print(f"needs {SCORER} and {args.corpus} (../shared)", file=sys.stderr)
        return 2
    if not args.tls_python.is_file():
        print(f"no {args.tls_python}: set up the shared scorer (../shared/tools/setup-tls-eval.sh) or give --tls-python", file=sys.stderr)
        return 2
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        files = list(args.files)
        if not files:
            pubcount = Path(tmp) / "pubcount.json"
            pubcount_predictions(args.tls_python, pubcount)
            files = [pubcount]
        for f in files:
            name = "pubcount baseline" if f.parent == Path(tmp) else str(f)
            # tls_score.py reads predictions files only: an eval-tls report is converted
            converted = Path(tmp) / f"{f.stem}.predictions.json"
            converted.write_text(json.dumps(predictions_of(f), ensure_ascii=False), encoding="utf-8")
            ok = compare(name, converted, args.tls_python, args.corpus) and ok
    print(f"\n{'agreement within' if ok else 'DISAGREEMENT beyond'} {TOLERANCE} on average Date-F1, AR1-F and AR2-F")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
