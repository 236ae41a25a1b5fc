"""Drawing chronologies: the rendered text never overlaps, styles, files, notebooks."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline import Timeline

REPO = Path(__file__).resolve().parent.parent


def _rendered_text_boxes(fig: Any) -> list[tuple[str, Any]]:
    fig.canvas.draw()  # positions the legend
    renderer = fig.canvas.get_renderer()
    out = []
    for ax in fig.axes:
        texts = list(ax.texts)
        legend = ax.get_legend()
        if legend is not None:
            texts += legend.get_texts()
        for t in texts:
            if t.get_text().strip():
                out.append((t.get_text()[:30], t.get_window_extent(renderer)))
    return out


def _check_text(fig: Any) -> None:
    boxes = _rendered_text_boxes(fig)
    assert boxes
    fig_box = fig.bbox
    for name, b in boxes:
        assert b.x0 >= fig_box.x0 - 0.5 and b.y0 >= fig_box.y0 - 0.5 and b.x1 <= fig_box.x1 + 0.5 and b.y1 <= fig_box.y1 + 0.5, (name, b, fig_box)
    for i, (na, a) in enumerate(boxes):
        for nb, b in boxes[i + 1 :]:
            overlap = a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1
            assert not overlap, f"{na!r} {a} overlaps {nb!r} {b}"


@pytest.mark.parametrize("orientation", ["horizontal", "vertical"])
@pytest.mark.parametrize("name", ["dense_week", "twenty_years", "seeds_like"])
def test_rendered_text_never_overlaps(synth: Any, name: str, orientation: str) -> None:
    tl = Timeline(getattr(synth, name)(), synth.DOCS)
    fig = tl.plot(orientation=orientation, color_by="source")
    from matplotlib.figure import Figure

    assert isinstance(fig, Figure)
    _check_text(fig)


def test_status_styles(synth: Any) -> None:
    events = [
        synth.event(datetime(2023, 9, 4), text="it happened"),
        synth.event(datetime(2023, 9, 14), text="it will happen", status="expected"),
        synth.event(datetime(2023, 9, 10), text="it goes on", status="ongoing"),
    ]
    events.sort(key=lambda e: e.start)
    fig = Timeline(events).plot()
    lines = {ln.get_gid(): ln for ln in fig.axes[0].get_lines() if ln.get_gid()}
    by_text = {e.text: i for i, e in enumerate(events)}
    happened, expected, ongoing = (by_text[t] for t in ("it happened", "it will happen", "it goes on"))
    assert lines[f"tl-marker-{expected}"].get_markerfacecolor() == "white"
    assert lines[f"tl-marker-{happened}"].get_markerfacecolor() != "white"
    assert lines[f"tl-marker-{ongoing}"].get_marker() != lines[f"tl-marker-{happened}"].get_marker()
    assert lines[f"tl-stem-{expected}"].get_linestyle() == "--"
    assert lines[f"tl-stem-{happened}"].get_linestyle() == "-"
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "happened" in legend and "expected / planned" in legend and "ongoing" in legend


@pytest.mark.parametrize(("ext", "magic"), [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".PDF", b"%PDF")])
def test_save_formats(synth: Any, tmp_path: Path, ext: str, magic: bytes) -> None:
    tl = Timeline(synth.seeds_like(), synth.DOCS)
    path = tl.save(tmp_path / f"chronology{ext}")
    assert path.read_bytes().startswith(magic)
    assert [p.name for p in tmp_path.iterdir()] == [f"chronology{ext}"]


@pytest.mark.parametrize("name", ["chronology.jpg", "chronology", "chronology.svg.txt"])
def test_save_bad_extension(tmp_path: Path, name: str) -> None:
    with pytest.raises(timeline.RenderError, match=r"\.png, \.svg, \.pdf") as info:
        Timeline().save(tmp_path / name)
    assert isinstance(info.value, timeline.TimelineError)
    assert (Path(name).suffix or "no extension") in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_save_failure_leaves_nothing(synth: Any, tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="bogus"):
        Timeline(synth.seeds_like()).save(tmp_path / "c.png", bogus=1)
    with pytest.raises(FileNotFoundError):
        Timeline(synth.seeds_like()).save(tmp_path / "missing" / "c.png")
    assert list(tmp_path.iterdir()) == []


def test_svg_tooltips_hold_the_full_text(synth: Any, tmp_path: Path) -> None:
    long = "Kim Jong Un arrived in Vladivostok by armoured train & met <officials> " * 4
    tl = Timeline([synth.event(datetime(2023, 9, 12), text=long.strip())], synth.DOCS)
    svg = tl.save(tmp_path / "c.svg", max_lines=2).read_text(encoding="utf-8")
    from xml.sax.saxutils import escape

    assert "<title>" in svg and escape(long.strip()) in svg
    import xml.etree.ElementTree as ET

    ET.fromstring(svg.encode("utf-8"))  # still well-formed


def test_empty_timeline(tmp_path: Path) -> None:
    fig = Timeline().plot()
    assert any(t.get_text() == "No dated events" for t in fig.axes[0].texts)
    assert Timeline().save(tmp_path / "empty.png").read_bytes()[:4] == b"\x89PNG"


def test_draws_into_a_given_axes(synth: Any) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(12, 9))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(2, 1, 2)
    other = fig.add_subplot(2, 1, 1)
    out = Timeline(synth.seeds_like()[:6], synth.DOCS).plot(ax=ax, title="Into an Axes")
    assert out is fig
    assert any(t.get_text() == "Into an Axes" for t in ax.texts) and not other.texts


def test_draws_into_an_axes_of_a_subfigure(synth: Any, tmp_path: Path) -> None:
    """An Axes in a SubFigure (and in a subfigure of a subfigure) is drawn into, sized from the
    page it is on; plot() returns that page, which saves as any figure does."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(12, 8))
    FigureCanvasAgg(fig)
    left, right = fig.subfigures(1, 2)  # type: ignore[misc]
    inner = right.subfigures(2, 1)[1]
    tl = Timeline(synth.seeds_like()[:6], synth.DOCS)
    for sub, title in ((left, "In a subfigure"), (inner, "In a nested subfigure")):
        ax = sub.add_subplot()
        out = tl.plot(ax=ax, title=title)
        assert out is fig
        assert any(t.get_text() == title for t in ax.texts)
        from timeline.render._draw import axes_size

        w, h = axes_size(ax)
        pos = ax.get_position()
        assert (w, h) == pytest.approx((pos.width * 12, pos.height * 8))
        assert ax.get_xlim()[1] == pytest.approx(max(w, 3.0))
    fig.savefig(tmp_path / "subfigures.png")
    assert (tmp_path / "subfigures.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("orientation", ["horizontal", "vertical"])
def test_one_artist_per_primitive(synth: Any, orientation: str) -> None:
    """The drawing follows the layout's primitives, one artist each, in order, with its gid."""
    from timeline.render import PlotSpec, render
    from timeline.render._model import Bar, Legend, Line, Marker, Text

    fig, layout, tips = render(synth.seeds_like(), synth.DOCS, PlotSpec(orientation=orientation))
    ax = fig.axes[0]
    prims = layout.primitives
    assert [p for p in prims if isinstance(p, Legend)] and ax.get_legend() is not None
    assert len(ax.lines) == sum(isinstance(p, (Line, Marker)) for p in prims)
    assert len(ax.patches) == sum(isinstance(p, Bar) for p in prims)
    assert len(ax.texts) == sum(isinstance(p, Text) for p in prims)
    drawn = [a.get_gid() for a in ax.get_children() if a.get_gid()]
    assert drawn == [p.gid for p in prims if not isinstance(p, Legend) and p.gid]
    assert tips == {p.gid: p.tip for p in prims if not isinstance(p, Legend) and p.gid and p.tip}


def test_no_global_matplotlib_state(synth: Any) -> None:
    import matplotlib

    before = dict(matplotlib.rcParams)
    Timeline(synth.seeds_like(), synth.DOCS).plot(orientation="vertical")
    assert dict(matplotlib.rcParams) == before


def test_drawing_never_imports_pyplot() -> None:
    # in a fresh interpreter: this one may have pyplot from other tests or plugins
    import subprocess
    import sys

    code = (
        "import sys, timeline\n"
        "t = timeline.Timeline([timeline.Event(value='2024-05-09', start=__import__('datetime').datetime(2024, 5, 9), "
        "end=__import__('datetime').datetime(2024, 5, 10), granularity='day', text='The dam opened', predicate='open', "
        "actors=(), status='happened', sources=('a',), mentions=())])\n"
        "fig = t.plot(); t._repr_mimebundle_(); fig.savefig(__import__('io').BytesIO(), format='svg')\n"
        "print('matplotlib.pyplot' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"


def test_plot_options_are_validated(synth: Any) -> None:
    tl = Timeline(synth.seeds_like())
    with pytest.raises(ValueError, match="orientation"):
        tl.plot(orientation="sideways")
    with pytest.raises(TypeError, match="unknown plot option 'colour'"):
        tl.plot(colour="red")


def test_one_image_in_notebooks(synth: Any) -> None:
    tl = Timeline(synth.seeds_like(), synth.DOCS)
    bundle = tl._repr_mimebundle_()
    images = [k for k in bundle if k.startswith("image/")]
    assert images == ["image/png"] and bundle["image/png"][:4] == b"\x89PNG" and "text/plain" in bundle
    assert not hasattr(tl, "_repr_png_") and not hasattr(tl, "_repr_svg_")
    tl.display_format = "svg"
    bundle = tl._repr_mimebundle_()
    assert [k for k in bundle if k.startswith("image/")] == ["image/svg+xml"] and "<svg" in bundle["image/svg+xml"]
    assert Timeline(synth.seeds_like()).display_format == "png"
    with pytest.raises(ValueError, match="display_format"):
        tl.display_format = "gif"
    with pytest.raises(AttributeError):
        tl.documents = ()  # type: ignore[misc]


def test_plot_returns_a_real_figure_that_displays_as_one_image(synth: Any, tmp_path: Path) -> None:
    from matplotlib.figure import Figure

    tl = Timeline(synth.seeds_like(), synth.DOCS)
    fig = tl.plot(title="Displayed")
    assert isinstance(fig, Figure) and fig.display_format == "png"  # type: ignore[attr-defined]
    bundle = fig._repr_mimebundle_()  # type: ignore[attr-defined]
    assert [k for k in bundle if k.startswith("image/")] == ["image/png"] and bundle["image/png"][:4] == b"\x89PNG"
    assert bundle["text/plain"].startswith("<ChartFigure size")
    fig.display_format = "svg"  # type: ignore[attr-defined]
    bundle = fig._repr_mimebundle_()  # type: ignore[attr-defined]
    assert [k for k in bundle if k.startswith("image/")] == ["image/svg+xml"] and "<title>" in bundle["image/svg+xml"]  # tooltips
    with pytest.raises(ValueError, match="display_format"):
        fig.display_format = "gif"  # type: ignore[attr-defined]
    tl.display_format = "svg"
    assert tl.plot().display_format == "svg"  # type: ignore[attr-defined]
    # still a Figure for everything else
    fig.savefig(tmp_path / "chart.png")
    assert (tmp_path / "chart.png").read_bytes()[:4] == b"\x89PNG"
    assert pickle.loads(pickle.dumps(fig)).display_format == "svg"


IPYTHON_DISPLAY_SCRIPT = """
import json, sys
from IPython.core.interactiveshell import InteractiveShell
from IPython.core.pylabtools import select_figure_formats
from IPython.utils.capture import capture_output
from matplotlib.figure import Figure
import timeline

shell = InteractiveShell.instance()
if sys.argv[1] == "pyplot":  # what the inline backend does once pyplot is imported
    import matplotlib.pyplot
    select_figure_formats(shell, {"png", "svg"})
docs = timeline.read_manifest(sys.argv[2])
shell.user_ns["tl"] = timeline.build(docs)
shell.user_ns["plain"] = Figure()
shell.user_ns["plain"].add_subplot().plot([1, 2])
report = {}
for name, cell in [
    ("png", "tl.plot()"),
    ("svg", "tl.display_format = 'svg'; fig = tl.plot(); fig"),
    ("set", "fig = tl.plot(); fig.display_format = 'png'; fig"),
    ("display", "from IPython.display import display; display(tl.plot())"),
    ("plain", "display(plain)"),
]:
    with capture_output() as captured:
        shell.run_cell(cell, store_history=False)
    report[name] = [sorted(k for k in o.data if k.startswith("image/")) for o in captured.outputs]
print(json.dumps(report))
"""


@pytest.mark.parametrize("pyplot", ["pyplot", "no-pyplot"])
def test_the_figure_shows_as_one_image_through_ipython_display(tmp_path: Path, pyplot: str) -> None:
    """Through IPython's own display machinery (display hook, formatters), with and without
    the inline backend's Figure formatters that importing pyplot registers."""
    pytest.importorskip("IPython")
    manifest = REPO / "examples" / "articles" / "manifest.jsonl"
    if not manifest.is_file():
        pytest.skip("not running from a source checkout")
    env = {**os.environ, "IPYTHONDIR": str(tmp_path / "ipython"), "MPLBACKEND": "agg"}
    out = subprocess.run(
        [sys.executable, "-c", IPYTHON_DISPLAY_SCRIPT, pyplot, str(manifest)], capture_output=True, text=True, env=env, timeout=300
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["png"] == [["image/png"]]
    assert report["svg"] == [["image/svg+xml"]]
    assert report["set"] == [["image/png"]]
    assert report["display"] == [["image/svg+xml"]]  # the timeline's display_format, set above
    if pyplot == "pyplot":  # a plain Figure would show two images
        assert report["plain"] == [["image/png", "image/svg+xml"]]
    else:  # and without pyplot, only its text
        assert report["plain"] == [[]]


def test_event_list_reads_well(synth: Any) -> None:
    evs = [synth.event(datetime(2023, 9, 4), text="Kim <b>met</b> Putin & co")]
    tl = Timeline(evs)
    assert tl.events == tuple(evs) and isinstance(tl.events, tuple)
    html = tl.events._repr_html_()
    assert "&lt;b&gt;met&lt;/b&gt; Putin &amp; co" in html and "<b>met" not in html
    assert "<table" in html and "2023-09-04" in html
    assert "2023-09-04" in repr(tl.events) and "Kim <b>met</b>" in repr(tl.events)


def test_svg_keeps_text_editable_and_groups_events(synth: Any, tmp_path: Path) -> None:
    """An SVG a designer can edit: text as <text> (no glyph paths), with a font stack; one
    group per drawn event with its id and date; well-formed; no rcParams changed."""
    import re
    import xml.etree.ElementTree as ET

    import matplotlib

    from timeline.render import PlotSpec, render

    before = dict(matplotlib.rcParams)
    events = synth.twenty_years(12)
    tl = Timeline(events, synth.DOCS)
    svg = tl.save(tmp_path / "c.svg", title="Twenty years").read_text(encoding="utf-8")
    assert dict(matplotlib.rcParams) == before
    root = ET.fromstring(svg.encode("utf-8"))
    ns = "{http://www.w3.org/2000/svg}"
    texts = [" ".join("".join(t.itertext()).split()) for t in root.iter(f"{ns}text")]
    assert "Twenty years" in texts
    assert 'href="#DejaVuSans-' not in svg and '<path id="DejaVuSans' not in svg
    assert "font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif" in svg
    _, layout, _ = render(events, synth.DOCS, PlotSpec(title="Twenty years"))
    groups = {g.get("id"): g for g in root.iter(f"{ns}g") if re.fullmatch(r"tl-event-\d+", g.get("id") or "")}
    assert set(groups) == {f"tl-event-{ev.index}" for ev in layout.events}
    for ev in layout.events:
        g = groups[f"tl-event-{ev.index}"]
        assert g.get("data-date") == ev.event.start.date().isoformat() and g.get("data-value") == ev.event.value
        ids = {c.get("id") for c in g}
        assert {f"tl-stem-{ev.index}", f"tl-marker-{ev.index}", f"tl-label-{ev.index}"} <= ids
        label = " ".join(" ".join("".join(t.itertext()).split()) for t in g.iter(f"{ns}text"))
        assert ev.label.body.split()[0] in label  # the event's label is text, in its group
    assert not re.search(r'id="tl-(?:stem|marker|label|part)-', svg.split('<g id="tl-event-')[0])  # all inside the groups


def test_png_and_pdf_unchanged_by_svg_options(synth: Any) -> None:
    """Saving an SVG leaves the figure as it was: PNG and PDF bytes before and after match."""
    from timeline.render import PlotSpec, figure_bytes, render

    fig, _, tips = render(synth.twenty_years(12), synth.DOCS, PlotSpec())
    png, pdf = figure_bytes(fig, "png", dpi=100), figure_bytes(fig, "pdf", dpi=100)
    figure_bytes(fig, "svg", dpi=100, tips=tips)
    assert figure_bytes(fig, "png", dpi=100) == png and figure_bytes(fig, "pdf", dpi=100) == pdf
    assert all(not (a.get_gid() or "").startswith("tl-part-") for a in fig.findobj())
