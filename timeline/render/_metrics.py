"""Text metrics: estimated sizes of text in inches, label wrapping, and boxes.

Sizes are estimated from the advance widths of DejaVu Sans (the font the drawing uses), a
little generously, so that an estimated box holds the rendered text. Pure Python.
"""

from __future__ import annotations

import textwrap
import unicodedata
from dataclasses import dataclass

__all__ = ["FONT", "Box", "text_width", "text_height", "text_box", "wrap_label"]

FONT = "DejaVu Sans"

# advance widths of DejaVu Sans (regular, bold) for ASCII 32..126, in em
_W_REGULAR = (
    0.318, 0.401, 0.46, 0.838, 0.636, 0.95, 0.78, 0.275, 0.39, 0.39, 0.5, 0.838, 0.318, 0.361, 0.318, 0.337,
    0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337, 0.337, 0.838, 0.838, 0.838,
    0.531, 1.0, 0.684, 0.686, 0.698, 0.77, 0.632, 0.575, 0.775, 0.752, 0.295, 0.295, 0.656, 0.557, 0.863,
    0.748, 0.787, 0.603, 0.787, 0.695, 0.635, 0.611, 0.732, 0.684, 0.989, 0.685, 0.611, 0.685, 0.39, 0.337,
    0.39, 0.838, 0.5, 0.5, 0.613, 0.635, 0.55, 0.635, 0.615, 0.352, 0.635, 0.634, 0.278, 0.278, 0.579,
    0.278, 0.974, 0.634, 0.612, 0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592, 0.818, 0.592, 0.592, 0.525,
    0.636, 0.337, 0.636, 0.838,
)
_W_BOLD = (
    0.348, 0.456, 0.521, 0.838, 0.696, 1.002, 0.872, 0.306, 0.457, 0.457, 0.523, 0.838, 0.38, 0.415, 0.38,
    0.365, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.4, 0.4, 0.838, 0.838,
    0.838, 0.58, 1.0, 0.774, 0.762, 0.734, 0.83, 0.683, 0.683, 0.821, 0.837, 0.372, 0.372, 0.775, 0.637,
    0.995, 0.837, 0.85, 0.733, 0.85, 0.77, 0.72, 0.682, 0.812, 0.774, 1.103, 0.771, 0.724, 0.725, 0.457,
    0.365, 0.457, 0.838, 0.5, 0.5, 0.675, 0.716, 0.593, 0.716, 0.678, 0.435, 0.716, 0.712, 0.343, 0.343,
    0.665, 0.343, 1.042, 0.712, 0.687, 0.716, 0.716, 0.493, 0.595, 0.478, 0.712, 0.652, 0.924, 0.645, 0.652,
    0.582, 0.712, 0.365, 0.712, 0.838,
)


# --- text metrics ------------------------------------------------------------------------------


def _char_em(c: str, table: tuple[float, ...]) -> float:
    o = ord(c)
    if 32 <= o <= 126:
        return table[o - 32]
    if unicodedata.east_asian_width(c) in ("W", "F"):
        return 1.05
    if unicodedata.combining(c):
        return 0.0
    return 0.8 if c.isupper() else 0.7


def text_width(text: str, fontsize: float, *, bold: bool = False) -> float:
    """Estimated width in inches of the widest line of ``text`` (a little generous).

    >>> round(text_width("Kim", 10), 3)
    0.273
    """
    table = _W_BOLD if bold else _W_REGULAR
    widest = max((sum(_char_em(c, table) for c in line) for line in text.split("\n")), default=0.0)
    return widest * 1.03 * fontsize / 72


def text_height(lines: int, fontsize: float) -> float:
    """Estimated height in inches of ``lines`` lines of text (line spacing 1.2, generous)."""
    return (1.25 * lines + 0.25) * fontsize / 72 if lines else 0.0


def wrap_label(text: str, width: int, max_lines: int) -> tuple[list[str], bool]:
    """``text`` wrapped at ``width`` characters, at most ``max_lines`` lines; the last line
    ends with an ellipsis when text was cut. Returns the lines and whether it was cut.

    >>> wrap_label("Kim left Pyongyang by train on Sunday afternoon", 12, 2)
    (['Kim left', 'Pyongyang b…'], True)
    """
    # only the first few lines are shown: wrap a bounded head of the text, so that a label
    # costs the same for a sentence and for a 10 MB text
    limit = (max_lines + 1) * max(width, 1) * 2
    head = text[: limit * 4]
    words = " ".join(head.split())
    more = len(text) > len(head) or len(words) > limit
    lines = textwrap.wrap(words[:limit], width, break_long_words=True, break_on_hyphens=True) or [""]
    if len(lines) <= max_lines and not more:
        return lines, False
    kept = lines[:max_lines]
    rest = " ".join([kept[-1], *lines[max_lines:]])
    last = rest[: max(width - 1, 1)].rstrip(" ,;:-")
    kept[-1] = last + "…"
    return kept, True



def text_box(x: float, top: float, text: str, fontsize: float, bold: bool, ha: str, lines: int) -> Box:
    """The estimated box of ``text`` drawn top-aligned at ``(x, top)``, ``ha`` "left" or "right"."""
    if not text:
        return Box(x, top, x, top)
    w = text_width(text, fontsize, bold=bold)
    h = text_height(lines, fontsize) - 0.2 * fontsize / 72
    x0 = x if ha == "left" else x - w
    return Box(x0, top - h, x0 + w, top)


@dataclass(frozen=True)
class Box:
    """An axis-aligned box in inches: ``x0 <= x1``, ``y0 <= y1``."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def intersects(self, other: Box, pad: float = 0.0) -> bool:
        return self.x0 < other.x1 + pad and other.x0 < self.x1 + pad and self.y0 < other.y1 + pad and other.y0 < self.y1 + pad

    def inside(self, other: Box, tol: float = 1e-6) -> bool:
        return self.x0 >= other.x0 - tol and self.y0 >= other.y0 - tol and self.x1 <= other.x1 + tol and self.y1 <= other.y1 + tol

