"""The top of a chart: title, subtitle and legend, measured first (the band they need), then
placed once the chart's height is known. Pure Python."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ._items import Item
from ._metrics import Box, text_height, text_width, wrap_label
from ._model import LegendEntry, TextItem
from ._spec import PlotSpec
from ._style import INK, MUTED, NEUTRAL, OTHER, STATUS_COLORS, STATUS_LABELS

__all__ = ["TopBlock", "top_block", "title_texts"]

_X = 0.15  # left margin of the title and legend
# The block is measured under this top, then moved under the real one: the same arithmetic as
# charts were always laid out with, so that their sizes (and files) stay the same to the bit.
_REF = 100.0


def title_texts(spec: PlotSpec, width: float, top: float, title: str, subtitle: str) -> tuple[list[TextItem], float]:
    """Title and subtitle at the top-left, from ``top`` down; returns them and the y below them."""
    fs = spec.fontsize
    out: list[TextItem] = []
    x, y = _X, top - 0.12
    for text, size, bold, color in ((title, fs + 4, True, INK), (subtitle, fs, False, MUTED)):
        if not text:
            continue
        lines, _ = wrap_label(text, max(int((width - 0.3) / (0.62 * size / 72)), 10), 2)
        text = "\n".join(lines)
        h = text_height(len(lines), size)
        w = text_width(text, size, bold=bold)
        out.append(TextItem(text, (x, y), size, "left", "top", Box(x, y - h, x + w, y), bold, color))
        y -= h + 0.04
    return out, y


@dataclass(frozen=True)
class TopBlock:
    """Title, subtitle and legend, measured; :meth:`place` puts them under a given top."""

    spec: PlotSpec
    width: float
    title: str
    subtitle: str
    entries: tuple[LegendEntry, ...]
    ncols: int
    legend_box: Box | None  # under the reference top
    depth: float  # from the top of the figure to below the block

    def place(self, top: float) -> tuple[list[TextItem], Box | None]:
        """The texts and the legend's box under ``top``."""
        texts, _ = title_texts(self.spec, self.width, top, self.title, self.subtitle)
        box, shift = self.legend_box, top - _REF
        return texts, None if box is None else Box(box.x0, box.y0 + shift, box.x1, box.y1 + shift)


def top_block(spec: PlotSpec, items: list[Item], cat_colors: dict[str, str], has_pubs: bool, width: float, title: str, subtitle: str) -> TopBlock:
    """The top block of a chart: title, subtitle and legend (if any), measured."""
    _, y = title_texts(spec, width, _REF, title, subtitle)
    entries = _legend_entries(spec, items, cat_colors, has_pubs) if spec.legend else []
    if not entries:
        return TopBlock(spec, width, title, subtitle, (), 1, None, _REF - y)
    ncols, w, h = _legend_size(spec, entries, width)
    return TopBlock(spec, width, title, subtitle, tuple(entries), ncols, Box(_X, y - h, _X + w, y), _REF - (y - h - 0.05))


def _legend_entries(spec: PlotSpec, items: list[Item], cat_colors: dict[str, str], has_pubs: bool) -> list[LegendEntry]:
    entries: list[LegendEntry] = []
    statuses = [s for s in ("happened", "ongoing", "expected") if any(it.event.status == s for it in items)]
    for s in statuses:
        color = STATUS_COLORS[s] if spec.color_by == "status" else NEUTRAL
        entries.append(LegendEntry("status", STATUS_LABELS[s], color, s))
    if any(it.kind == "span" for it in items):
        entries.append(LegendEntry("span", "week, month or year", MUTED))
    if any(it.kind in ("past", "future", "present") for it in items):
        entries.append(LegendEntry("vague", "vague (\u201cin the coming days\u201d)", MUTED))
    if has_pubs:
        entries.append(LegendEntry("publication", "article published", MUTED))
    if spec.color_by in ("source", "actor"):
        named = [c for c in dict.fromkeys(it.category for it in items) if c is not None]
        if len(set(cat_colors.get(c, OTHER) for c in named)) <= 8:
            seen: dict[str, str] = {}
            for c in named:
                col = cat_colors.get(c, OTHER)
                name = "other" if col == OTHER and len(cat_colors) > len(spec.palette) else c
                seen.setdefault(name, col)
            entries += [LegendEntry("category", n, c) for n, c in seen.items()]
    return entries


def _legend_size(spec: PlotSpec, entries: list[LegendEntry], width: float) -> tuple[int, float, float]:
    """Columns, width and height of the legend: as many columns as fit the width."""
    fs = spec.fontsize - 0.5
    em = fs / 72
    cols = [text_width(e.label, fs) + 2.0 * em + 0.8 * em + 2.0 * em for e in entries]
    avail = width - 0.3

    def col_widths(ncols: int) -> list[float]:
        rows = math.ceil(len(entries) / ncols)
        return [max(cols[r * ncols + c] for r in range(rows) if r * ncols + c < len(entries)) for c in range(ncols)]

    ncols = len(entries)
    while ncols > 1 and sum(col_widths(ncols)) + 2 * em > avail:
        ncols -= 1
    rows = math.ceil(len(entries) / ncols)
    w = min(sum(col_widths(ncols)) + 2 * em, avail)
    h = rows * 1.6 * em + 0.9 * em
    return ncols, w, h
