"""The example notebook runs headless and shows the chronology as an image."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK = REPO / "examples" / "chronology.ipynb"


def test_example_notebook_runs(tmp_path: Path, monkeypatch: Any) -> None:
    nbclient = pytest.importorskip("nbclient")
    nbformat = pytest.importorskip("nbformat")
    kernelspec = pytest.importorskip("ipykernel.kernelspec")
    if not NOTEBOOK.is_file():
        pytest.skip("not running from a source checkout")
    # a copy of the examples, so the notebook's output file lands in tmp_path
    work = Path(shutil.copytree(REPO / "examples", tmp_path / "examples"))
    # a kernel spec for *this* interpreter (the one with timeline installed), in a private folder
    prefix = tmp_path / "jupyter"
    kernelspec.install(kernel_name="timeline-test", prefix=str(prefix))
    monkeypatch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
    kernel_json = prefix / "share" / "jupyter" / "kernels" / "timeline-test" / "kernel.json"
    assert kernel_json.is_file() and sys.executable in kernel_json.read_text(encoding="utf-8")

    nb = nbformat.read(work / "chronology.ipynb", as_version=4)
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="timeline-test", resources={"metadata": {"path": str(work)}})
    client.execute()

    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    bundles = [o["data"] for o in outputs if o.get("output_type") in ("execute_result", "display_data")]
    images = [[k for k in b if k.startswith("image/")] for b in bundles]
    assert ["image/png"] in images and ["image/svg+xml"] in images  # one image per display
    assert any("text/html" in b and "<table" in b["text/html"] for b in bundles)
    # the cells that show plot()'s figure, with and without pyplot imported: one image each,
    # in the format asked for, and never the bare "<Figure size ...>" text
    plotted = {}
    for cell in nb.cells:
        if cell.cell_type == "code" and ".plot(" in cell.source:
            shown = [o["data"] for o in cell.outputs if o.get("output_type") in ("execute_result", "display_data")]
            plotted["pyplot" if "pyplot" in cell.source else "plain"] = [sorted(k for k in b if k.startswith("image/")) for b in shown]
    assert plotted == {"plain": [["image/png"]], "pyplot": [["image/svg+xml"]]}
    assert (work / "chronology.svg").read_bytes().startswith(b"<?xml")
