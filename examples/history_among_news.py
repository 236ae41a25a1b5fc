"""A history among the news: one news report and one background history, each resolved in
its own mode.

    python examples/history_among_news.py

A collection often mixes news reports with background pages (a Wikipedia-style history, an
encyclopedia entry, a "how we got here" explainer). A report's "on Monday" or "in September"
is placed around its publication date; a history's "In April" or "the following spring"
follows the story it tells. ``Document(..., mode="narrative")`` says which document is a
history; ``timeline.build`` resolves each document in its own mode. The script builds the
chronology twice, once with the history read as news, to show the difference. Both texts
are our own writing (a fictional dam).
"""

from __future__ import annotations

import timeline

PUBLISHED = "2023-06-07"

NEWS = (
    "Engineers opened the spillway gates of the Kessel Dam on Monday after a week of heavy rain, "
    "the water authority said. The authority will publish a safety review of the dam in September."
)

HISTORY = (
    "Work on the Kessel Dam was begun in 1931. In April the river was diverted through two tunnels. "
    "The last concrete was poured in 1935. In June the gates were closed and the lake began to fill. "
    "Electricity reached the valley the following spring."
)


def show(title: str, chronology: timeline.Timeline) -> None:
    print(title)
    for event in chronology:
        print(f"  {event.value:12} {event.status:9} {', '.join(event.sources):9} {event.text}")


def main() -> None:
    news = timeline.Document(NEWS, published=PUBLISHED, id="spillway", title="Spillway gates opened")
    history = timeline.Document(HISTORY, published=PUBLISHED, id="history", title="History of the Kessel Dam", mode="narrative")
    show("the history read as a history (mode='narrative'):", timeline.build([news, history]))

    # the same page read as news: its bare months land in the year it was published
    as_news = timeline.Document(HISTORY, published=PUBLISHED, id="history", title="History of the Kessel Dam")
    show("\nthe history read as news (the default):", timeline.build([news, as_news]))


if __name__ == "__main__":
    main()
