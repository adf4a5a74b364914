"""examples/evaluation-walkthrough.ipynb runs end to end (nbclient, kernel
python3, working directory = the repository root); any failing cell fails
the test (nbclient raises CellExecutionError with the cell's traceback)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import movemap

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = REPO / "examples" / "evaluation-walkthrough.ipynb"


def test_walkthrough_runs_end_to_end(tmp_path, monkeypatch):
    # The kernel is a child process: it finds this same movemap package and
    # draws with Agg; the exports go to a temporary folder.
    package_root = str(Path(movemap.__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in [package_root, os.environ.get("PYTHONPATH")] if p))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("MOVEMAP_WALKTHROUGH_OUT", str(tmp_path))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=180, kernel_name="python3",
                                     resources={"metadata": {"path": str(REPO)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    # The charts were drawn and the Gephi files written.
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 4
    for name in ("movement.graphml", "champions_and_anchors.graphml", "nodes.csv", "ties.csv",
                 "momentum.png", "top_centrality.png"):
        assert (tmp_path / name).stat().st_size > 0, name
    assert seconds < 120, f"the walkthrough took {seconds:.0f} s; keep it under a minute"
