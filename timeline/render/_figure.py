"""The figure :meth:`timeline.Timeline.plot` returns: a real matplotlib ``Figure`` that shows
itself in notebooks as exactly one image.

A plain ``Figure`` made without matplotlib's plotting interface shows in Jupyter as
``<Figure size 1800x900 with 1 Axes>``; once that interface is imported, the inline
backend's formatter adds a PNG next to anything
else the figure offers. :class:`ChartFigure` takes over its own display
(``_ipython_display_``, which IPython asks before any formatter), publishing one image in
its :attr:`display_format` (PNG, or SVG with the events' tooltips) and its text form; other
front ends read ``_repr_mimebundle_``. Importing this module imports matplotlib.
"""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from ._spec import DISPLAY_FORMATS, check_figure_format

__all__ = ["ChartFigure", "DISPLAY_FORMATS", "DISPLAY_DPI"]

#: Resolution of the notebook image (a chart is sized in inches).
DISPLAY_DPI = 100


class ChartFigure(Figure):
    """A ``matplotlib.figure.Figure`` that displays itself in notebooks as one image.

    Everything a ``Figure`` does works (``savefig``, ``add_subplot``, ``axes``...). Set
    :attr:`display_format` to ``"svg"`` for an SVG image (with each event's text as a
    tooltip) instead of a PNG.
    """

    def __init__(self, *args: Any, display_format: str = "png", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.display_format = display_format
        #: SVG tooltips of the drawn events (element id -> text), set by the renderer
        self.svg_tips: dict[str, str] = {}

    @property
    def display_format(self) -> str:
        """``"png"`` or ``"svg"``: the one image a notebook shows for this figure."""
        return self._display_format

    @display_format.setter
    def display_format(self, value: str) -> None:
        self._display_format = check_figure_format(value)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """One image (``image/png`` or ``image/svg+xml``) and ``text/plain``."""
        from . import figure_bytes

        fmt = self.display_format
        data = figure_bytes(self, fmt, dpi=DISPLAY_DPI, tips=self.svg_tips)
        mime = "image/png" if fmt == "png" else "image/svg+xml"
        return {mime: data if fmt == "png" else data.decode("utf-8"), "text/plain": repr(self)}

    def _ipython_display_(self) -> None:
        """Publish exactly that bundle: IPython asks this before any of its formatters, so
        the inline backend's PNG formatter for ``Figure`` (registered once matplotlib's
        plotting interface is imported) does not add a second image."""
        import IPython.display

        display: Any = IPython.display.display  # untyped
        display(self._repr_mimebundle_(), raw=True)
