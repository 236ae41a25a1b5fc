"""The command line's argument parser: one function per subcommand. The commands themselves
are in :mod:`timeline.cli`, which passes them in (this module imports nothing heavy)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from typing import Any

PROG = "timeline"

Command = Callable[[argparse.Namespace], int]


def _positive(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n



class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that reports usage errors as exceptions instead of exiting."""

    def error(self, message: str) -> Any:
        raise _UsageError(self, message)


class _UsageError(Exception):
    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser = parser


def _mode_arg(p: argparse.ArgumentParser) -> None:
    from ._resolve import MODES

    p.add_argument(
        "--mode",
        choices=MODES,
        default="news",
        help="anchor relative dates on the publication date (news) or the last mentioned date (narrative)",
    )


def _model_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--no-model",
        action="store_true",
        help="rules only: do not load a spaCy pipeline (tense comes from a heuristic)",
    )


def _date_order_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--date-order",
        choices=("MDY", "DMY", "YMD"),
        default=None,
        help="how to read numeric dates such as 06/05/2024 (default: as the text's other dates show, else MDY with a warning)",
    )


def build_parser(commands: Mapping[str, Command]) -> argparse.ArgumentParser:
    """The parser of the command line; ``commands`` maps each subcommand to its function."""
    parser = _Parser(prog=PROG, description="Find temporal expressions in news text and resolve them to TIMEX3 values.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress and warnings on stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, add in (("tag", _add_tag), ("eval", _add_eval), ("eval-tls", _add_eval_tls), ("build", _add_build), ("demo", _add_demo)):
        add(sub).set_defaults(func=commands[name])
    return parser


def _add_tag(sub: argparse._SubParsersAction[_Parser]) -> argparse.ArgumentParser:
    p = sub.add_parser("tag", help="tag a text file", description="Tag the temporal expressions of a text file.")
    p.add_argument("file", metavar="FILE", help="UTF-8 text file, or - for standard input")
    p.add_argument("--published", metavar="DATE", help="publication date, e.g. 2023-09-12 or 'Sept 12, 2023'")
    p.add_argument("--format", choices=("text", "json", "timeml"), default="text", help="output format (default: text)")
    _mode_arg(p)
    _model_arg(p)
    _date_order_arg(p)
    return p


def _add_eval(sub: argparse._SubParsersAction[_Parser]) -> argparse.ArgumentParser:
    p = sub.add_parser("eval", help="score the tagger on a TimeML corpus", description="Score the tagger on a directory of TimeML (.tml) files.")
    p.add_argument("dir", metavar="DIR", help="directory of TimeML files")
    _mode_arg(p)
    _model_arg(p)
    p.add_argument("--errors", metavar="N", type=int, default=20, help="show at most N errors (default: 20)")
    return p


def _add_eval_tls(sub: argparse._SubParsersAction[_Parser]) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "eval-tls",
        help="score key events (Timeline.summarize) on Timeline17-style collections",
        description=(
            "Score key events on a Timeline17-style collection (InputDocs/<YYYY-MM-DD>/<file>, timelines.jsonl, "
            "keywords.json) or a folder of them, with the news-tls protocol: for each gold timeline, the "
            "collection's timeline between its first and last date is summarized into l dates of k sentences, "
            "and scored by Date-F1, date-aligned ROUGE-1/2 F (AR1, AR2) and concat ROUGE-1/2 F (R1, R2)."
        ),
    )
    p.add_argument("dir", metavar="DIR", help="a collection, or a folder of collections")
    p.add_argument("--query", metavar="WORDS", default=None, help="the story's words, for every collection (default: each collection's keywords.json)")
    p.add_argument("--n-process", metavar="N", type=int, default=1, help="worker processes for the builds, -1 for one per CPU (default: 1)")
    p.add_argument("--json", action="store_true", help="print the report as JSON (with each timeline's predicted sentences)")
    p.add_argument("--cache", metavar="DIR", default=None, help="keep each collection's built timeline in DIR (JSON) so that reruns skip the build")
    p.add_argument("--no-progress", action="store_true", help="do not show progress bars")
    return p


def _add_build(sub: argparse._SubParsersAction[_Parser]) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "build",
        help="build a chronology from articles",
        description=(
            "Build the chronology of a set of articles: text files sharing one --published date, "
            "or a --manifest giving each article its own date. OUT's extension picks the format: "
            ".json or .csv data, .timelinejs.json for TimelineJS3, or a .png, .svg or .pdf chart."
        ),
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="UTF-8 text files, or web pages (.html, .htm); id = file name without extension")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--published", metavar="DATE", help="publication date of every PATH, e.g. 2023-09-12 (web pages otherwise give their own)")
    src.add_argument("--manifest", metavar="FILE", help="JSONL or CSV manifest: id, path or text, published, title, url, date_order, mode")
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="file to write: .json, .timelinejs.json (TimelineJS3), .csv, or a .png/.svg/.pdf chart")
    p.add_argument("--no-progress", action="store_true", help="do not show a progress bar")
    p.add_argument("--n-process", metavar="N", type=int, default=1, help="worker processes that read whole documents, -1 for one per CPU (default: 1; pays from a few hundred documents)")
    p.add_argument("--skip-bad", action="store_true", help="skip (with a warning) the articles that cannot be read")
    _date_order_arg(p)
    from ._resolve import MODES

    p.add_argument(
        "--mode",
        choices=MODES,
        default=None,
        help="how to resolve the articles' dates (not those whose manifest entry has a mode field): as news, "
        "around the publication date, or as a history (narrative), following the story's own dates (default: news)",
    )
    key = p.add_argument_group("key events", "keep the story's key dates, each with the sentences that say what happened (Timeline.summarize)")
    key.add_argument("--summary", metavar="N", type=_positive, default=None, help="keep N key dates (with --query or --per-date alone: as many as the data suggests)")
    key.add_argument("--per-date", metavar="K", type=_positive, default=None, help="sentences per key date (default: 1)")
    key.add_argument("--query", metavar="WORDS", default=None, help="words that name the story, e.g. 'swine flu': articles and sentences off it count less")
    chart = p.add_argument_group("chart", "for a .png, .svg or .pdf OUT")
    chart.add_argument("--title", metavar="TEXT", default=None, help="chart title (default: Chronology)")
    chart.add_argument("--orientation", choices=("horizontal", "vertical"), default="horizontal", help="time left to right, or top to bottom (default: horizontal)")
    chart.add_argument("--max-events", metavar="N", type=_positive, default=None, help="draw at most N events, the most important (default: all that fit, else the key dates)")
    return p


def _add_demo(sub: argparse._SubParsersAction[_Parser]) -> argparse.ArgumentParser:
    p = sub.add_parser("demo", help="tag the built-in example article and draw its chronology", description="Tag the built-in example article, print its timexes and draw a chronology.")
    p.add_argument("-o", "--output", metavar="OUT.png", default="timeline-demo.png", help="image file to write: .png, .svg or .pdf (default: timeline-demo.png)")
    _model_arg(p)
    return p
