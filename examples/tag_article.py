"""Tag a short news article and print each expression with its value and the reason for it.

    python examples/tag_article.py [--no-model]
"""

from __future__ import annotations

import sys

import timeline

PUBLISHED = "2022-11-03"  # a Thursday

ARTICLE = """\
Lakeside orchestra cancels winter tour after fire at rehearsal hall

The Lakeside Symphony said on Wednesday that it had cancelled its December tour after a fire
damaged its rehearsal hall on Sunday night. No one was hurt.

Firefighters spent three hours bringing the blaze under control, and investigators returned
the following morning. The orchestra's director said the musicians would meet on Monday to
plan a smaller season, and that a benefit concert is scheduled for Nov. 19.

The hall, built in 1954, was last renovated in the spring of 2016. Insurance assessors are
expected to finish their report next month; repairs could take until early 2024.
"""


def main() -> None:
    nlp = False if "--no-model" in sys.argv[1:] else None
    for t in timeline.tag(ARTICLE, published=PUBLISHED, nlp=nlp):
        mod = f" ({t.mod})" if t.mod else ""
        print(f"{t.text!r:24} {t.type:9} {t.value + mod:18} {t.reason}")


if __name__ == "__main__":
    main()
