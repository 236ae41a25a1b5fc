"""``PlotSpec``: every option of a chronology plot, validated once.

Pure Python (no matplotlib): the layout step reads the spec, the drawing step follows it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

__all__ = ["PlotSpec", "ORIENTATIONS", "SCALES", "COLOR_BY", "OKABE_ITO", "DISPLAY_FORMATS", "FIGURE_FORMATS", "IMAGE_FORMATS", "check_display_format", "check_figure_format"]

ORIENTATIONS = ("horizontal", "vertical")
#: The image formats a chart (and a Timeline) can display itself as in a notebook: one image
#: only, so that Jupyter does not draw the chronology twice.
DISPLAY_FORMATS = ("png", "svg", "html")
#: What a figure (``ChartFigure``) shows itself as: an image; ``"html"`` is a timeline's view.
FIGURE_FORMATS = ("png", "svg")
#: The image files a chart is saved as, by extension (the one definition: ``save`` and the
#: command line read it).
IMAGE_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
SCALES = ("auto", "linear", "compressed")
COLOR_BY = ("source", "actor", "status", None)

#: The Okabe-Ito palette (colour-blind safe), most distinct colours first; black is kept for ink.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")


@dataclass(frozen=True, kw_only=True)
class PlotSpec:
    """The options of :meth:`timeline.Timeline.plot`.

    >>> PlotSpec(orientation="vertical").label_chars
    56
    >>> PlotSpec(scale="log")
    Traceback (most recent call last):
    ...
    ValueError: scale must be one of 'auto', 'linear', 'compressed', not 'log'
    """

    orientation: str = "horizontal"
    scale: str = "auto"
    color_by: str | None = "status"
    max_events: int | None = None
    title: str | None = None
    subtitle: str | None = None
    #: figure size in inches. The width is kept; the height is a minimum (it grows so that
    #: every label fits). ``None``: 12 inches wide (horizontal) or 9 (vertical).
    figsize: tuple[float, float] | None = None
    #: wrap labels at this many characters (``None``: 26 horizontal, 56 vertical)
    label_width: int | None = None
    #: at most this many lines of event text per label; longer texts end with an ellipsis
    #: (the SVG keeps the full text as a tooltip)
    max_lines: int = 3
    fontsize: float = 8.5
    show_publications: bool = True
    show_dates: bool = True
    legend: bool = True
    dpi: float = 150.0
    palette: tuple[str, ...] = OKABE_ITO

    def __post_init__(self) -> None:
        _choice("orientation", self.orientation, ORIENTATIONS)
        _choice("scale", self.scale, SCALES)
        _choice("color_by", self.color_by, COLOR_BY)
        if self.max_events is not None:
            _int("max_events", self.max_events, 1)
        for name in ("title", "subtitle"):
            v = getattr(self, name)
            if v is not None and not isinstance(v, str):
                raise TypeError(f"{name} must be a str or None, not {type(v).__name__}")
        if self.figsize is not None:
            fs = self.figsize
            if not isinstance(fs, (tuple, list)) or len(fs) != 2:
                raise TypeError(f"figsize must be a (width, height) pair in inches, not {fs!r}")
            for v in fs:
                _number("figsize", v)
            if not (3 <= fs[0] <= 100 and 1 <= fs[1] <= 200):
                raise ValueError(f"figsize must be between (3, 1) and (100, 200) inches, not {tuple(fs)!r}")
            object.__setattr__(self, "figsize", (float(fs[0]), float(fs[1])))
        if self.label_width is not None:
            _int("label_width", self.label_width, 8)
        _int("max_lines", self.max_lines, 1)
        _number("fontsize", self.fontsize)
        if not 4 <= self.fontsize <= 40:
            raise ValueError(f"fontsize must be between 4 and 40 points, not {self.fontsize!r}")
        for name in ("show_publications", "show_dates", "legend"):
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name} must be True or False, not {getattr(self, name)!r}")
        _number("dpi", self.dpi)
        if not 10 <= self.dpi <= 1200:
            raise ValueError(f"dpi must be between 10 and 1200, not {self.dpi!r}")
        if isinstance(self.palette, str) or not self.palette or not all(isinstance(c, str) for c in self.palette):
            raise TypeError("palette must be a non-empty sequence of colour strings")
        object.__setattr__(self, "palette", tuple(self.palette))

    @property
    def label_chars(self) -> int:
        """The wrap width of labels, in characters."""
        if self.label_width is not None:
            return self.label_width
        return 26 if self.orientation == "horizontal" else 56

    @property
    def size(self) -> tuple[float, float]:
        """The figure size asked for (width, minimum height), in inches."""
        if self.figsize is not None:
            return self.figsize
        return (12.0, 4.0) if self.orientation == "horizontal" else (9.0, 6.0)

    @classmethod
    def from_options(cls, **options: Any) -> PlotSpec:
        """A spec from keyword options; an unknown option is a ``TypeError`` naming it."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise TypeError(
                f"unknown plot option{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; "
                f"known options: {', '.join(sorted(known))}"
            )
        return cls(**options)


def check_display_format(value: object) -> str:
    """``value`` if it is one of :data:`DISPLAY_FORMATS`, else a ``ValueError`` naming them.

    >>> check_display_format("svg")
    'svg'
    """
    if value not in DISPLAY_FORMATS or not isinstance(value, str):
        raise ValueError(f"display_format must be one of {', '.join(map(repr, DISPLAY_FORMATS))}, not {value!r}")
    return value


def check_figure_format(value: object) -> str:
    """``value`` if it is one of :data:`FIGURE_FORMATS` (a figure is an image), else a
    ``ValueError``.

    >>> check_figure_format("png")
    'png'
    """
    if value == "html":
        raise ValueError(
            "display_format 'html' is for a Timeline (t.display_format = 'html', or t.to_html()); "
            f"a figure shows itself as one of {', '.join(map(repr, FIGURE_FORMATS))}"
        )
    if value not in FIGURE_FORMATS or not isinstance(value, str):
        raise ValueError(f"display_format must be one of {', '.join(map(repr, FIGURE_FORMATS))}, not {value!r}")
    return value


def _choice(name: str, value: Any, allowed: tuple[Any, ...]) -> None:
    if value not in allowed or (value is not None and not isinstance(value, str)):
        shown = ", ".join("None" if a is None else repr(a) for a in allowed)
        raise ValueError(f"{name} must be one of {shown}, not {value!r}")


def _int(name: str, value: Any, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, not {value}")


def _number(name: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}")
